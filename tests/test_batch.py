"""Many files: the same results with and without worker processes and the cache; summaries."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from govinfo_lint.run import batch, workers
from govinfo_lint.cli import main
from govinfo_lint.samples import apply_patch, previous_sample, sample_report
from govinfo_lint.yaml_out import dump_yaml


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVINFO_LINT_CACHE_DIR", str(tmp_path / "_cache"))
    (tmp_path / ".git").mkdir()


def write(path: Path, data: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_yaml(data), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path) -> Path:
    """25 reports: 20 of different organs, two pairs of years, a broken file."""
    root = tmp_path / "reports"
    for i in range(20):
        fmt = "2019" if i % 4 == 0 else "2021"
        data = apply_patch(sample_report(fmt, agency=f"示例县第{i}局"), {"/tables/requests/granted/total": 8 + i % 3})
        write(root / f"r{i:02d}.yaml", data)
    write(root / "pair" / "a-2023.yaml", previous_sample("2021", 2023, agency="示例市交通运输局"))
    write(root / "pair" / "a-2024.yaml", sample_report("2021", year=2024, agency="示例市交通运输局"))
    bad_prev = apply_patch(previous_sample("2021", 2023, agency="示例市水务局"), {"/tables/requests/carried_forward/total": 9})
    write(root / "pair" / "b-2023.yaml", bad_prev)
    write(root / "pair" / "b-2024.yaml", sample_report("2021", year=2024, agency="示例市水务局"))
    (root / "broken.yaml").write_text("agency: [", encoding="utf-8")
    return root


def run_json(capsys, *argv) -> tuple[int, str]:
    code = main(["check", *map(str, argv), "-f", "json"])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return code, out


def test_same_results_with_and_without_jobs_and_cache(folder, capsys, tmp_path):
    plain = run_json(capsys, folder, "--no-cache", "--jobs", "1")
    assert plain == run_json(capsys, folder, "--no-cache", "--jobs", "2")
    cold = run_json(capsys, folder, "--jobs", "1")
    warm = run_json(capsys, folder, "--jobs", "1")
    warm_parallel = run_json(capsys, folder, "--jobs", "2")
    assert plain == cold == warm == warm_parallel
    assert run_json(capsys, folder) == plain  # automatic number of processes
    doc = json.loads(plain[1])
    assert len(doc["files"]) == 25
    paths = [f["path"] for f in doc["files"]]
    assert paths == sorted(paths, key=lambda p: (Path(p).parent != folder, p))  # the order of the walk
    assert every_file_is_json(tmp_path / "_cache")


def every_file_is_json(folder: Path) -> bool:
    files = list(folder.iterdir())
    for path in files:
        json.loads(path.read_text(encoding="utf-8"))
    return bool(files)


def test_pairs_in_the_batch_get_cross_year_checks(folder, capsys):
    for args in (("--no-cache",), (), (), ("--jobs", "2")):
        _code, out = run_json(capsys, folder / "pair", *args)
        by_file = {Path(f["path"]).name: {x["code"] for x in f["findings"]} for f in json.loads(out)["files"]}
        assert any(c.startswith("XYR") for c in by_file["b-2024.yaml"]), by_file
        assert not any(c.startswith("XYR") for c in by_file["a-2024.yaml"])


def test_warm_run_reads_nothing(folder, capsys, monkeypatch):
    first = run_json(capsys, folder, "--jobs", "1")

    def refuse(*_args):
        raise AssertionError("a report was read on a warm run")

    monkeypatch.setattr(workers, "read_report", refuse)
    assert run_json(capsys, folder, "--jobs", "1") == first


def test_cache_follows_content_and_settings(folder, capsys):
    run_json(capsys, folder, "--jobs", "1")
    target = folder / "r05.yaml"
    write(target, apply_patch(sample_report(agency="示例县第5局"), {"/tables/requests/granted/total": 50}))
    _code, out = run_json(capsys, folder, "--jobs", "1")
    found = next(f for f in json.loads(out)["files"] if f["path"].endswith("r05.yaml"))
    assert any(x["evidence"].get("right") == 50 for x in found["findings"] if x["code"] == "SUM-03")
    _code, out = run_json(capsys, folder, "--jobs", "1", "--select", "SUM-03")
    assert {x["code"] for f in json.loads(out)["files"] for x in f["findings"]} <= {"SUM-03", "RDR-01"}
    _code, out = run_json(capsys, folder, "--jobs", "1", "--lang", "en", "--select", "SUM-03")
    messages = [x["message"] for f in json.loads(out)["files"] for x in f["findings"] if x["code"] == "SUM-03"]
    assert messages and all(m.startswith("table 3") for m in messages)


@pytest.mark.parametrize("garbage", ["{not json", "[1, 2]", '{"agency": 1}', '[{"code": "X"}]', "null"])
def test_broken_cache_entries_are_ignored(folder, capsys, tmp_path, garbage):
    first = run_json(capsys, folder, "--jobs", "1")
    for path in (tmp_path / "_cache").iterdir():
        if path.name.startswith(("meta", "result")):
            path.write_text(garbage, encoding="utf-8")
    assert run_json(capsys, folder, "--jobs", "1") == first


def test_no_cache_writes_nothing(folder, capsys, tmp_path):
    run_json(capsys, folder / "pair", "--no-cache")
    cache = tmp_path / "_cache"
    assert not cache.exists() or not [p for p in cache.iterdir() if p.name.startswith(("meta", "result"))]


def test_explicit_previous_with_jobs(folder, capsys):
    previous = folder / "pair" / "b-2023.yaml"
    target = folder / "pair" / "b-2024.yaml"
    one = run_json(capsys, target, target, "--previous", previous, "--no-cache", "--jobs", "1")
    two = run_json(capsys, target, target, "--previous", previous, "--jobs", "2")
    assert one == two
    assert any(x["code"].startswith("XYR") for x in json.loads(one[1])["files"][0]["findings"])


def test_summary_and_statistics(folder, capsys):
    code = main(["check", str(folder), "--summary", "--statistics"])
    out, _err = capsys.readouterr()
    assert code == 1
    assert "按机关汇总" in out and "示例县第1局" in out and "合计" in out
    assert "SUM-03" in out and "RDR-01" in out
    code = main(["check", str(folder), "--summary", "--statistics", "-f", "json"])
    doc = json.loads(capsys.readouterr()[0])
    assert doc["files"] == 25
    stats = {row["code"]: row for row in doc["statistics"]}
    assert stats["SUM-03"]["count"] == stats["SUM-03"]["files"] >= 10
    first = doc["agencies"][0]
    assert first["error"] >= doc["agencies"][-1]["error"] and first["top_rules"]


def test_summary_goes_to_stdout_while_files_get_their_format(folder, capsys, tmp_path):
    target = tmp_path / "out.json"
    code = main(["check", str(folder / "pair"), "--statistics", "-f", f"json:{target}"])
    out, _ = capsys.readouterr()
    assert code in (0, 1) and "XYR" in out
    assert len(json.loads(target.read_text(encoding="utf-8"))["files"]) == 4


def test_progress_bar_does_not_change_output(folder, capsys):
    assert run_json(capsys, folder, "--progress", "--no-cache") == run_json(capsys, folder, "--no-progress", "--no-cache")


def test_bad_jobs_value(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", ".", "--jobs", "-2"])
    assert exc.value.code == 2


def test_clean_removes_only_cache_entries(tmp_path, monkeypatch, capsys):
    from govinfo_lint.cli import main

    cache = tmp_path / "cache"
    monkeypatch.setenv("GOVINFO_LINT_CACHE_DIR", str(cache))
    monkeypatch.delenv("GOVINFO_LINT_NO_CACHE", raising=False)
    report = tmp_path / "r.yaml"
    report.write_text(dump_yaml(sample_report()), encoding="utf-8")
    assert main(["check", str(report), "-f", "concise"]) == 0
    entries = [p for p in cache.iterdir()]
    assert entries
    (cache / "notes.txt").write_text("mine", encoding="utf-8")
    capsys.readouterr()
    assert main(["clean"]) == 0
    assert f"删除 {len(entries)} 个缓存文件" in capsys.readouterr().out
    assert [p.name for p in cache.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize("fmt", ["html", "junit", "markdown", "sarif"])
def test_report_outputs_are_the_same_from_the_cache(tmp_path, monkeypatch, fmt):
    # A cached result keeps only a report's metadata; the HTML page shows its tables and the
    # JUnit file which rules ran on it, so those outputs must not change on a warm run.
    monkeypatch.setenv("GOVINFO_LINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GOVINFO_LINT_NO_CACHE", raising=False)
    report = tmp_path / "r.yaml"
    report.write_text(dump_yaml(apply_patch(sample_report(), {"/tables/requests/granted/total": 99})), encoding="utf-8")
    outputs = []
    for run in ("cold", "warm"):
        target = tmp_path / f"{run}.{fmt}"
        assert main(["check", str(report), "-f", f"{fmt}:{target}"]) == 1
        outputs.append(target.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("fmt", ["html", "junit", "markdown", "text"])
def test_report_outputs_are_the_same_from_worker_processes(folder, tmp_path, fmt):
    # Workers send reports back pickled and the parent unpickles only those the output
    # shows (HTML tables, JUnit rules): every output must be the one a single process writes.
    outputs = []
    for jobs in ("1", "2"):
        target = tmp_path / f"jobs{jobs}.{fmt}"
        assert main(["check", str(folder), "--no-cache", "--jobs", jobs, "-f", f"{fmt}:{target}"]) == 1
        outputs.append(target.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    assert "示例市水务局" in outputs[0]


def test_packed_report_is_the_report(tmp_path):
    from govinfo_lint.readers import read

    path = write(tmp_path / "r.yaml", sample_report("2021", agency="示例县民政局"))
    report = read(path)
    packed = workers.Packed(report)
    assert workers.meta_of(packed) == workers.meta_of(report)
    assert not workers.is_timed_out(packed, None)
    again = workers.unpack(packed)
    assert again is not report and again.tables.keys() == report.tables.keys()
    assert again.tables["requests"].cell("granted", "total").value == report.tables["requests"].cell("granted", "total").value
    assert workers.unpack(report) is report


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked only on Linux")
def test_workers_are_forked_only_while_no_other_thread_runs():
    # Forked workers start with the rules loaded; with a thread running (the progress bar)
    # a fork could deadlock, so they come from the clean server process instead.
    import threading

    if threading.active_count() > 1:
        pytest.skip("this test process already runs threads (pytest-xdist)")
    if not workers.forkable():
        pytest.skip("this test process has loaded the OCR engine")
    assert workers._context().get_start_method() == "fork"
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert workers._context().get_start_method() == "forkserver"
    finally:
        stop.set()
        thread.join()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked only on Linux")
def test_no_worker_is_forked_once_the_ocr_engine_runs_its_threads(monkeypatch):
    # The OCR runtime's thread pools are native threads Python does not count; a forked
    # child would inherit them broken.
    import threading

    from govinfo_lint.readers.ocr import scan

    if threading.active_count() > 1:
        pytest.skip("this test process already runs threads (pytest-xdist)")
    monkeypatch.setattr(scan, "_engine", None)
    assert workers.forkable() and workers._context().get_start_method() == "fork"
    monkeypatch.setattr(scan, "_engine", object())
    assert not workers.forkable() and workers._context().get_start_method() != "fork"


def test_a_progress_bar_run_with_workers_gives_the_same_results(folder, capsys, monkeypatch):
    # The progress bar's thread sends the workers to the server process: same findings.
    plain = run_json(capsys, folder, "--no-cache", "--jobs", "1")
    assert run_json(capsys, folder, "--no-cache", "--jobs", "2", "--progress") == plain


def test_a_cached_result_is_not_reused_once_the_ocr_extra_is_there(tmp_path, monkeypatch):
    # A scan checked without the extra gets RDR-01 "install the extra"; after installing
    # it the same file must be read again, not answered from the cache.
    from govinfo_lint.readers.ocr import scan

    keys = []
    for present in (False, True, False):
        monkeypatch.setattr(scan, "available", lambda present=present: present)
        batch.code_fingerprint.cache_clear()
        keys.append(batch.code_fingerprint())
    batch.code_fingerprint.cache_clear()
    assert keys[0] != keys[1] and keys[0] == keys[2]
    monkeypatch.setenv("GOVINFO_PDF_BACKEND", "pdfplumber")  # PDFs read by the other backend
    assert batch.code_fingerprint() != keys[2]
    batch.code_fingerprint.cache_clear()


def test_the_batch_keeps_paths_as_strings(tmp_path):
    """A Path object held for the whole run costs a folder of 10,000 files about 2.7 MB more
    than its string (docs/benchmarks.md, "Flat memory, fourth pass")."""
    from govinfo_lint.config.settings import Resolver

    report = tmp_path / "r.yaml"
    report.write_text(dump_yaml(sample_report("2021")), encoding="utf-8")
    settings = Resolver().settings_for(report)
    for given in (report, str(report)):
        records, _cacheable = batch.file_keys([given], [settings], use_cache=False)
        assert type(records[0].path) is str and records[0].path == str(report)
