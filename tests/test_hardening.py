"""Issue 19: nothing a file holds can kill a run.

Each class of attack gets a named test that runs the real command line (in a fresh
process where a crash would otherwise take pytest down with it) and asserts the run ends
with an exit status, not a signal, and says in Chinese what it refused.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govinfo_lint.readers.plain import MAX_DEPTH, LoadError, load_text

ROOT = Path(__file__).resolve().parents[1]
CLEAN = ROOT / "examples" / "clean-2021.yaml"
ENV = {**os.environ, "GOVINFO_LINT_NO_CACHE": "1", "PYTHONIOENCODING": "utf-8"}


def cli(*argv, cwd=None, timeout=120, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govinfo_lint", *map(str, argv)], capture_output=True,
                          timeout=timeout, cwd=cwd, env=env or ENV)


def no_signal(proc: subprocess.CompletedProcess) -> None:
    assert proc.returncode >= 0, f"killed by signal {-proc.returncode}: {proc.stderr[-2000:]!r}"
    assert proc.returncode in (0, 1, 2), proc.stderr[-2000:]
    assert b"Traceback" not in proc.stderr, proc.stderr[-2000:]


# --- 1. deep nesting -----------------------------------------------------------------

LEVELS = [10 * MAX_DEPTH, 50_000]


def _flow(levels: int) -> str:
    return "[" * levels + "]" * levels


def _mapping(levels: int) -> str:
    return "a: " + "{a: " * levels + "1" + "}" * levels + "\n"


@pytest.mark.parametrize("levels", LEVELS)
@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_deep_nesting_check_and_extract(tmp_path, levels, suffix):
    path = tmp_path / f"deep{suffix}"
    path.write_text(_flow(levels) if suffix == ".json" else _mapping(levels), encoding="utf-8")
    for command in ("check", "extract"):
        proc = cli(command, path)
        no_signal(proc)
        out = proc.stdout.decode("utf-8")
        assert "嵌套超过" in out, out
    proc = cli("check", "--format", "json", path)
    assert proc.returncode == 1
    found = json.loads(proc.stdout)
    assert any("嵌套超过" in f["message"] for r in found["files"] for f in r["findings"]), found


@pytest.mark.parametrize("levels", LEVELS)
def test_deep_nesting_library_lint(tmp_path, levels):
    path = tmp_path / "deep.yaml"
    path.write_text(_flow(levels), encoding="utf-8")
    code = ("import sys, govinfo_lint.api as a\n"
            f"fs = a.lint({str(path)!r})\n"
            "print('\\n'.join(f.message for f in fs))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120, env=ENV)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "嵌套超过" in proc.stdout.decode("utf-8")


@pytest.mark.parametrize("levels", LEVELS)
def test_deep_nesting_rule_pack(tmp_path, levels):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "ZZ-01.yaml").write_text(_mapping(levels), encoding="utf-8")
    proc = cli("check", "--rules", pack, CLEAN)
    no_signal(proc)
    assert proc.returncode == 2
    assert "嵌套超过" in proc.stderr.decode("utf-8")


@pytest.mark.parametrize("levels", LEVELS)
@pytest.mark.parametrize("name", [".govinfo-lint.yaml", "pyproject.toml"])
def test_deep_nesting_config_found_in_folder(tmp_path, levels, name):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.yaml").write_bytes(CLEAN.read_bytes())
    if name == "pyproject.toml":
        text = "[tool.govinfo-lint]\nignore = " + "[" * levels + "]" * levels + "\n"
    else:
        text = _mapping(levels)
    (folder / name).write_text(text, encoding="utf-8")
    proc = cli("check", folder)
    no_signal(proc)
    assert proc.returncode == 2
    assert "嵌套" in proc.stderr.decode("utf-8")


def test_deep_nesting_waiver_file(tmp_path):
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(_flow(50_000), encoding="utf-8")
    proc = cli("check", "--waivers", waivers, CLEAN)
    no_signal(proc)
    assert proc.returncode == 2
    assert "嵌套超过" in proc.stderr.decode("utf-8")


def test_deep_nesting_planted_cache_entry_is_a_miss(tmp_path, monkeypatch):
    from govinfo_lint.run import cache

    monkeypatch.delenv("GOVINFO_LINT_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "cache_dir", lambda: tmp_path)
    (tmp_path / "result-0123.json").write_text(_flow(200_000), encoding="utf-8")
    assert cache.get("result-0123") is None


def test_depth_limit_is_exact_not_fooled_by_strings():
    # The guard counts collections, not bracket characters: text full of brackets is data.
    data, _ = load_text('a: "' + "[" * 500 + '"\nb: ' + "'{{{{'  # [[[[\n")
    assert data["a"].startswith("[[[") and data["b"] == "{{{{"
    nested = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    load_text(nested)
    with pytest.raises(LoadError, match="nested deeper"):
        load_text("[" + nested + "]")


# --- 2. a worker that dies -----------------------------------------------------------

def _folder(tmp_path, names):
    folder = tmp_path / "reports"
    folder.mkdir(parents=True)
    for name in names:
        (folder / name).write_bytes(CLEAN.read_bytes())
    return folder


def _run_json(capsys, *argv) -> tuple[int, dict]:
    from govinfo_lint.cli import main

    code = main(["check", "--no-cache", "--format", "json", *map(str, argv)])
    out, _err = capsys.readouterr()
    return code, {Path(f["path"]).name: [x["code"] for x in f["findings"]] for f in json.loads(out)["files"]}


@pytest.fixture
def hostile_reader(monkeypatch):
    """Readers that die or hang on files named for it, in the forked workers (they inherit
    this process's patched module), never in this process."""
    import threading

    from govinfo_lint.run import workers

    if threading.active_count() != 1 or "fork" not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip("workers are forked only from a process with one thread (Linux)")
    parent = os.getpid()
    real = workers.read_report

    def read_report(path, settings, published):
        name = Path(path).name
        if os.getpid() != parent:
            if name.startswith("kill"):
                os.kill(os.getpid(), 9)
            if name.startswith("segv"):
                import ctypes

                ctypes.string_at(0)  # a crash inside C: SIGSEGV
            if name.startswith("hang"):
                sum(range(10 ** 13))  # one long C call: no Python signal handler runs inside it
        return real(path, settings, published)

    monkeypatch.setattr(workers, "read_report", read_report)
    import faulthandler

    faulthandler.dump_traceback_later(120, exit=True, file=sys.__stderr__)  # a hang fails, not blocks, the suite
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.mark.parametrize("jobs,bad", [(2, "kill-b.yaml"), (1, "kill-b.yaml"), (2, "segv-b.yaml"), (1, "segv-b.yaml")])
def test_dead_worker_becomes_finding_and_run_finishes(tmp_path, capsys, hostile_reader, jobs, bad):
    good = [f"r{i}.yaml" for i in range(7)]
    folder = _folder(tmp_path, good + [bad])
    code, found = _run_json(capsys, "--jobs", jobs, folder)
    assert found[bad] == ["RDR-12"]
    assert set(found) == set(good) | {bad}
    clean = _run_json(capsys, "--jobs", jobs, _folder(tmp_path / "clean", good))[1]
    assert {k: v for k, v in found.items() if k != bad} == clean  # every other file's own result
    assert code == 1 or not any(clean.values())  # RDR-12 is a warning: the status is the other files'


def test_dead_worker_message_names_the_signal(tmp_path, capsys, hostile_reader):
    from govinfo_lint.cli import main

    folder = _folder(tmp_path, ["a.yaml", "segv-x.yaml"])
    main(["check", "--no-cache", "--jobs", "2", str(folder)])
    out = capsys.readouterr().out
    assert "RDR-12" in out and "读取程序意外终止" in out and "SIGSEGV" in out


def test_timeout_holds_inside_one_long_c_call(tmp_path, capsys, hostile_reader):
    import time

    folder = _folder(tmp_path, ["a.yaml", "hang-x.yaml", "c.yaml"])
    start = time.monotonic()
    _code, found = _run_json(capsys, "--jobs", "1", "--timeout", "1", folder)
    assert time.monotonic() - start < 30
    assert found["hang-x.yaml"] == ["RDR-03"]
    assert "RDR-03" not in found["a.yaml"] + found["c.yaml"]


HTML_REPORT = "<html><body><h1>示例市生态环境局2024年政府信息公开工作年度报告</h1><p>一、总体情况</p></body></html>"


@pytest.mark.parametrize("name,code", [("kill-x.html", "RDR-12"), ("segv-x.html", "RDR-12"), ("hang-x.html", "RDR-03")])
def test_one_document_alone_in_its_child(tmp_path, capsys, hostile_reader, monkeypatch, name, code):
    # One HTML file is read in a bare forked child (run/alone.py), not a pool: a child that
    # dies or hangs still becomes the file's finding, and the pool is never started.
    import time

    from govinfo_lint.run import supervisor

    monkeypatch.setattr(supervisor, "run_pool", lambda *a, **k: pytest.fail("a pool for one file"))
    path = tmp_path / name
    path.write_text(HTML_REPORT, encoding="utf-8")
    start = time.monotonic()
    _code, found = _run_json(capsys, "--timeout", "1", path)
    assert time.monotonic() - start < 30
    assert code in found[name]
    ok = tmp_path / "ok.html"
    ok.write_text(HTML_REPORT, encoding="utf-8")
    assert not {"RDR-12", "RDR-03"} & set(_run_json(capsys, "--timeout", "1", ok)[1]["ok.html"])


def test_single_yaml_file_is_read_in_process(monkeypatch):
    # Start-up matters for one YAML file (an editor's or a hook's run): no child for it.
    from govinfo_lint.run import supervisor
    from govinfo_lint.cli import main

    monkeypatch.setattr(supervisor, "run_pool", lambda *a, **k: pytest.fail("a child for one YAML file"))
    assert main(["check", "--no-cache", "--format", "json", str(CLEAN)]) in (0, 1)


# --- 4. pairing in linear time ---------------------------------------------------------

def _pair_quadratic(reports):
    """pairing.pair_reports as it was before the index (every name against every other)."""
    from govinfo_lint.run.pairing import agency_key, same_organ

    keyed = [(agency_key(r.agency), r) for r in reports]
    for key, report in keyed:
        if report.previous is not None or not key or not report.year:
            continue
        exact = [r for k, r in keyed if k == key and r.year == report.year - 1]
        if len(exact) == 1:
            report.previous = exact[0]
            continue
        if exact:
            continue
        close = [(k, r) for k, r in keyed if k and r.year == report.year - 1 and same_organ(key, k)]
        if len(close) != 1:
            continue
        rivals = {k for k, r in keyed if k and k != key and same_organ(key, k)}
        if all(same_organ(close[0][0], k) for k in rivals):
            report.previous = close[0][1]


@pytest.mark.parametrize("seed", range(40))
def test_pairing_index_gives_the_old_pairs(seed):
    import random

    from govinfo_lint.model import Report
    from govinfo_lint.run.pairing import pair_reports

    rng = random.Random(seed)
    provinces, cities, districts = ["江苏省", "福建省", ""], ["南京市", "福州市", "淮安市", ""], ["鼓楼区", "洪泽区", "平潭县", ""]
    organs = ["人民政府", "教育局", "人民政府办公室", "财政局"]

    def name():
        if rng.random() < 0.05:
            return rng.choice([None, "", " 教育局 ", "(其它)机关"])
        return rng.choice(provinces) + rng.choice(cities) + rng.choice(districts) + rng.choice(organs)

    specs = [(name(), rng.choice([None, 2019, 2020, 2021, 2022])) for _ in range(rng.randint(1, 120))]
    new = [Report(source=str(i), agency=a, year=y) for i, (a, y) in enumerate(specs)]
    old = [Report(source=str(i), agency=a, year=y) for i, (a, y) in enumerate(specs)]
    if seed % 3 == 0:  # some pairs set already (--previous)
        new[0].previous = old[0].previous = Report(source="given")
    pair_reports(new)
    _pair_quadratic(old)
    assert [r.previous.source if r.previous else None for r in new] == \
           [r.previous.source if r.previous else None for r in old]


def test_pairing_is_linear():
    # Counted in calls, not seconds: the old loop made n² same_organ calls.
    from govinfo_lint.run import pairing
    from govinfo_lint.model import Report

    calls = []
    real = pairing.same_organ

    def counted(a, b):
        calls.append(1)
        return real(a, b)

    reports = [Report(source=str(i), agency=f"第{i}县教育局", year=2020 + i % 3) for i in range(5000)]
    try:
        pairing.same_organ = counted
        pairing.pair_reports(reports)
    finally:
        pairing.same_organ = real
    assert len(calls) < 5 * len(reports)


# --- 5. file names that are not UTF-8 ---------------------------------------------------

BAD_NAMES = [b"\xff\xfe-bad.yaml", "年报.yaml".encode("gbk")]


@pytest.fixture
def bad_names(tmp_path):
    folder = tmp_path / "names"
    folder.mkdir()
    for raw in BAD_NAMES:
        try:
            (folder / os.fsdecode(raw)).write_bytes(b"a: [1\n")  # a finding, so every format names the file
        except (OSError, UnicodeError):
            pytest.skip("this file system takes only UTF-8 names")
    return folder


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "html", "text", "concise", "markdown", "github"])
def test_non_utf8_file_names_give_valid_output(bad_names, fmt):
    import xml.etree.ElementTree as ET

    proc = cli("check", "--format", fmt, bad_names, env={**ENV, "PYTHONIOENCODING": "utf-8:strict"})
    no_signal(proc)
    text = proc.stdout.decode("utf-8")  # strict: raw bytes of a name would fail here
    if fmt == "json":
        paths = [f["path"] for f in json.loads(text)["files"]]
        assert any(p.endswith("\\xff\\xfe-bad.yaml") for p in paths), paths
    elif fmt == "sarif":
        uris = [a["location"]["uri"] for a in json.loads(text)["runs"][0]["artifacts"]]
        assert any(u.endswith("%FF%FE-bad.yaml") for u in uris), uris
        from urllib.parse import unquote_to_bytes

        assert {unquote_to_bytes(u).rsplit(b"/", 1)[1] for u in uris} == set(BAD_NAMES)
    elif fmt == "junit":
        ET.fromstring(proc.stdout)
        assert "\\xff\\xfe-bad.yaml" in text
    elif fmt == "html":
        from html.parser import HTMLParser

        HTMLParser().feed(text)
        assert "\\xff\\xfe-bad.yaml" in text
    else:
        assert "\\xff\\xfe-bad.yaml" in text
    if fmt == "text":
        assert "按 GBK 读作" in text and "年报.yaml" in text  # the GBK name shown as its owner named it


def test_non_utf8_file_name_to_an_output_file(bad_names, tmp_path):
    out = tmp_path / "out.json"
    proc = cli("check", "--format", f"json:{out}", bad_names)
    no_signal(proc)
    json.loads(out.read_bytes().decode("utf-8"))


# --- 6. DOCX packages built to attack unzip tools ------------------------------------------

def _docx_with(tmp_path, extra: list[tuple[str, bytes]]) -> Path:
    import warnings
    import zipfile

    from docx_factory import make_report_docx

    base = make_report_docx(tmp_path / "base.docx", fmt="2021", agency="某县人民政府", year=2024, tables={})
    out = tmp_path / "attack.docx"
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            dst.writestr(name, src.read(name))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns of the duplicate name: that is the attack
            for name, data in extra:
                dst.writestr(zipfile.ZipInfo(name), data)
    return out


@pytest.mark.parametrize("entry", ["../../evil.sh", "word/../../evil.sh", "/etc/cron.d/evil", "C:/evil.bat",
                                   "word\\..\\..\\evil.bat", "word/document.xml", "WORD/Document.xml"])
def test_docx_hostile_entry_names_are_an_error_naming_the_entry(tmp_path, entry):
    path = _docx_with(tmp_path, [(entry, b"<w:document/>" if entry.lower().endswith(".xml") else b"#!/bin/sh\n")])
    proc = cli("check", "--format", "json", path)
    no_signal(proc)
    assert proc.returncode == 1
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert [(f["code"], f["severity"]) for f in findings] == [("RDR-01", "error")]
    assert entry in findings[0]["message"]
    assert not (tmp_path / "evil.sh").exists() and not (tmp_path.parent / "evil.sh").exists()


def test_docx_ordinary_package_still_reads(tmp_path):
    path = _docx_with(tmp_path, [("customXml/item9.xml", b"<a/>")])
    proc = cli("check", "--format", "json", path)
    no_signal(proc)
    codes = [f["code"] for f in json.loads(proc.stdout)["files"][0]["findings"]]
    assert "RDR-01" not in codes


# --- 3. PDF compression bombs; 7. a looped page tree -------------------------------------------

@pytest.fixture(scope="module")
def bombs(tmp_path_factory):
    from hostile_pdf import bomb_pdf

    folder = tmp_path_factory.mktemp("bombs")
    made = {}
    for name, kwargs in {"content": {}, "form": {"where": "form"}, "pages": {"pages": 20}}.items():
        made[name] = folder / f"{name}.pdf"
        made[name].write_bytes(bomb_pdf(**kwargs))  # about 1 MB, inflating to 1 GB
    return made


def _capped(limit_bytes: int):
    def cap():
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))
    return cap


@pytest.mark.parametrize("name", ["content", "form", "pages"])
def test_pdf_flate_bomb_is_refused_before_it_inflates(bombs, name):
    path = bombs[name]
    assert path.stat().st_size < 2_000_000
    # 1 GB of address space: inflating the stream whole (what pdfminer does) cannot fit.
    proc = subprocess.run([sys.executable, "-m", "govinfo_lint", "check", "--format", "json", str(path)],
                          capture_output=True, timeout=300, env=ENV, preexec_fn=_capped(1 << 30))
    no_signal(proc)
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert findings and all(f["code"] == "RDR-03" for f in findings), findings
    assert all("压缩炸弹" in f["message"] for f in findings), findings  # a bomb, not a damaged page
    assert len(findings) == (20 if name == "pages" else 1)


def test_pdf_guard_inflates_incrementally_up_to_the_limit():
    import zlib

    from govinfo_lint.readers.pdf.guard import Bomb, _inflate

    ordinary = zlib.compress(b"BT (x) Tj ET\n" * 100_000)  # 1.3 MB of drawing instructions
    _inflate(ordinary, 4_000_000, len(ordinary), "页面内容")
    with pytest.raises(Bomb):
        _inflate(ordinary, 1_000_000, len(ordinary), "页面内容")
    _inflate(b"not deflate at all", 10, 18, "页面内容")  # damage is pdfminer's to report, not a bomb


def test_pdf_report_still_reads_with_the_guard(tmp_path):
    from pdf_factory import report_pdf

    path = tmp_path / "r.pdf"
    path.write_bytes(report_pdf())
    proc = cli("check", "--format", "json", path)
    no_signal(proc)
    codes = [f["code"] for f in json.loads(proc.stdout)["files"][0]["findings"]]
    assert "RDR-03" not in codes and "RDR-01" not in codes, codes


def test_pdf_looped_page_tree_is_damage_not_a_scan(tmp_path):
    from hostile_pdf import looped_tree_pdf

    path = tmp_path / "loop.pdf"
    path.write_bytes(looped_tree_pdf())
    proc = cli("check", "--format", "json", path)
    no_signal(proc)
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert [f["code"] for f in findings] == ["RDR-01"]
    assert "页面树已损坏" in findings[0]["message"] and "扫描" not in findings[0]["message"].split("这不是")[0]


# --- 7. messages -----------------------------------------------------------------------------

@pytest.mark.parametrize("case", ["under-a-file", "a-folder"])
def test_unwritable_output_names_the_output_in_chinese(tmp_path, case):
    # Root writes anywhere whatever the modes, so the output path is made impossible instead.
    blocker = tmp_path / "blocker"
    if case == "under-a-file":
        blocker.write_text("x", encoding="utf-8")
        target = blocker / "out.json"
    else:
        blocker.mkdir()
        target = blocker
    proc = cli("check", "--format", f"json:{target}", CLEAN)
    no_signal(proc)
    assert proc.returncode == 2
    err = proc.stderr.decode("utf-8")
    assert f"无法写入输出文件 {target}" in err, err
    assert ".tmp" not in err  # never the temporary file's name
    assert not list(tmp_path.rglob("*.tmp"))


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes whatever the mode")
def test_read_only_output_folder_names_the_output(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        proc = cli("check", "--format", f"json:{folder / 'out.json'}", CLEAN)
    finally:
        folder.chmod(0o700)
    assert proc.returncode == 2 and "没有写入权限" in proc.stderr.decode("utf-8")


@pytest.mark.parametrize("text", ["base: &b {a: 1}\nx:\n  <<: *b\n  c: 2\n", "<<: {a: 1}\n"])
def test_yaml_merge_key_is_a_clear_finding(tmp_path, text):
    path = tmp_path / "merge.yaml"
    path.write_text(text, encoding="utf-8")
    proc = cli("check", "--format", "json", path)
    no_signal(proc)
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert [f["code"] for f in findings] == ["RDR-01"]
    assert "合并键" in findings[0]["message"] and "constructor" not in findings[0]["message"]


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc to find the workers")
def test_workers_killed_from_outside_mid_run(tmp_path):
    """kill -9 of the run's workers while one is still reading a slow file: that file is RDR-12,
    the files already done keep their results, the run ends with an exit status."""
    import signal
    import time

    folder = _folder(tmp_path, [f"r{i}.yaml" for i in range(4)])
    # About 6 MB of text: many seconds in the text reader, under its 8 MiB limit.
    (folder / "slow.txt").write_text(("一、总体情况\n本机关主动公开政府信息若干条。\n" * 90_000), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "govinfo_lint", "check", "--no-cache", "--jobs", "2", "-f", "json",
                             str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    try:
        # The worker on slow.txt is the one that has used over a second of CPU: the YAML files take
        # milliseconds each. Kill it mid-read.
        deadline, victim = time.monotonic() + 90, None
        while victim is None and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            for pid in _children(proc.pid):
                try:
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[11]) + int(fields[12]) > os.sysconf("SC_CLK_TCK"):
                    victim = pid
        assert victim, "no worker was reading the slow file"
        os.kill(victim, signal.SIGKILL)
        out, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode in (0, 1), err[-2000:]
    found = {Path(f["path"]).name: [x["code"] for x in f["findings"]] for f in json.loads(out)["files"]}
    assert found["slow.txt"] == ["RDR-12"]
    assert all("RDR-12" not in found[f"r{i}.yaml"] for i in range(4))


def test_many_files_benchmark_runs():
    # The 20,000-file measurement lives in benchmarks/ (docs/benchmarks.md); this keeps the script working.
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "many_files.py"), "--files", "12", "--jobs", "2"],
                          capture_output=True, text=True, timeout=300, env=ENV)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "--jobs 2:" in proc.stdout and "peak RSS" in proc.stdout
