"""``series`` reads its reports through the result cache, as ``check`` does: a second run over
an unchanged folder reads no report; a changed file, ``--no-cache`` or a spoiled entry reads again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from govinfo_lint.cli import main
from govinfo_lint.config.settings import Resolver
from govinfo_lint.readers.structured import from_data
from govinfo_lint.series import build
from govinfo_lint.series.samples import series_sample
from govinfo_lint.series.stored import VERSION, report_from_data, report_to_data


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("GOVINFO_LINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("GOVINFO_LINT_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def tasks_run(monkeypatch):
    """Every file handed to a reader (in this process or a worker): the tasks ``run_tasks`` gets."""
    from govinfo_lint.run import workers

    seen: list[str] = []
    real = workers.run_tasks

    def counting(tasks, *args, **kwargs):
        seen.extend(t.path for t in tasks)
        return real(tasks, *args, **kwargs)

    monkeypatch.setattr(workers, "run_tasks", counting)
    return seen


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for agency in ("示例县交通运输局", "示例县教育局"):
        for year, data in series_sample([2021, 2022, 2023], agency).items():
            (folder / f"{agency}-{year}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def _series_json(folder: Path, capsys, *options: str) -> dict:
    assert main(["series", str(folder), "-f", "json", "-j", "1", *options]) == 0
    return json.loads(capsys.readouterr().out)


def _read(files, stats):
    resolver = Resolver()
    return build.read_reports(files, [resolver.settings_for(p) for p in files], jobs=1, stats=stats)


def test_second_run_reads_no_report(tmp_path, cache_dir, tasks_run, capsys):
    folder = _folder(tmp_path)
    first = _series_json(folder, capsys)
    assert len(tasks_run) == 6
    tasks_run.clear()
    second = _series_json(folder, capsys)
    assert tasks_run == []  # nothing handed to a reader
    assert second == first
    assert len(list(cache_dir.glob("report-*.json"))) == 6


def test_cache_statistics_and_a_changed_file(tmp_path, cache_dir):
    folder = _folder(tmp_path)
    files = sorted(folder.glob("*.yaml"))
    stats: dict = {}
    _read(files, stats)
    assert stats == {"cached": 0, "read": 6}
    data = yaml.safe_load(files[0].read_text(encoding="utf-8"))
    data["tables"]["proactive"]["licensing"]["decisions"] += 1
    files[0].write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    reports = _read(files, stats)
    assert stats == {"cached": 5, "read": 1}
    changed = next(r for r in reports if r.source == str(files[0]))
    assert changed.tables["proactive"].cell("licensing", "decisions").value == data["tables"]["proactive"]["licensing"]["decisions"]


def test_no_cache_reads_everything_and_writes_nothing(tmp_path, cache_dir, tasks_run, capsys):
    folder = _folder(tmp_path)
    _series_json(folder, capsys, "--no-cache")
    _series_json(folder, capsys, "--no-cache")
    assert len(tasks_run) == 12
    # No result of a report: the rules' and regexes' tables (derived from the code, as .pyc
    # files are) may be written, so that a --no-cache run starts as fast as any other.
    written = {p.name.split("-")[0] for p in cache_dir.iterdir()} if cache_dir.exists() else set()
    assert written <= {"rules", "rulestat", "regex"}, written


def test_cache_off_by_environment(tmp_path, cache_dir, monkeypatch):
    monkeypatch.setenv("GOVINFO_LINT_NO_CACHE", "1")
    files = sorted(_folder(tmp_path).glob("*.yaml"))
    stats: dict = {}
    _read(files, stats)
    _read(files, stats)
    assert stats == {"cached": 0, "read": 6}


@pytest.mark.parametrize("spoil", ["garbage", "wrong-types", "old-version"])
def test_a_spoiled_entry_is_a_miss(tmp_path, cache_dir, spoil, capsys):
    folder = _folder(tmp_path)
    first = _series_json(folder, capsys)
    for entry in cache_dir.glob("report-*.json"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        if spoil == "garbage":
            entry.write_text("{not json", encoding="utf-8")
        elif spoil == "wrong-types":
            data["year"], data["tables"] = "二〇二二", [{"id": 3}]
            entry.write_text(json.dumps(data), encoding="utf-8")
        else:
            data["version"] = VERSION - 1
            entry.write_text(json.dumps(data), encoding="utf-8")
    files = sorted(folder.glob("*.yaml"))
    stats: dict = {}
    _read(files, stats)
    assert stats == {"cached": 0, "read": 6}
    assert _series_json(folder, capsys) == first


def test_entry_round_trip_keeps_the_model(tmp_path):
    reports = [from_data(d) for d in series_sample([2019, 2020, 2021]).values()]
    for report in reports:
        assert report_from_data(json.loads(json.dumps(report_to_data(report)))) == report


def test_entry_round_trip_of_real_reports(corpus_dir, cache_dir):
    files = sorted((corpus_dir / "pingtan-gov-zwgk-archive" / "html").glob("*/page.html"))[:3]
    assert files
    for report in _read(files, {}):
        back = report_from_data(json.loads(json.dumps(report_to_data(report), ensure_ascii=False)))
        # Only the document's full text and lines are left out (no series rule reads them).
        report.text, report.lines = "", None
        assert back == report, report.source
        assert any(c.loc is not None for _t, _r, _c, c in back.iter_cells())


def test_series_benchmark_smoke_run():
    """benchmarks/series_bench.py keeps working (one tiny size; nothing about time is asserted)."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, str(root / "benchmarks" / "series_bench.py"), "--sizes", "10:2", "--jobs", "1"],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    row = next(line for line in done.stdout.splitlines() if line.startswith("| 10 | 2 |"))
    assert row.split("|")[-3].strip() == "10"  # one cache entry per report after the cold run
