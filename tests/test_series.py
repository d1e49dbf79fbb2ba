"""``govinfo-lint series``: real Pingtan reports 2019-2025 and generated series with planted signals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from govinfo_lint.api import load_rules
from govinfo_lint.readers.structured import from_data
from govinfo_lint.series.build import build_series, read_reports
from govinfo_lint.series.output import render, view
from govinfo_lint.series.samples import series_sample
from govinfo_lint.config.settings import Resolver

RULES = load_rules()


def _pingtan(corpus_dir: Path) -> list[Path]:
    rows = [line.split("\t") for line in (corpus_dir / "INDEX.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    files = [corpus_dir / r[0] for r in rows if r[0].startswith("pingtan-gov-zwgk-archive/html/") and r[4] == "html"]
    assert len(files) == 7
    return files


def _read(files: list[Path]):
    resolver = Resolver()
    return read_reports(files, [resolver.settings_for(p) for p in files], jobs=1)


def test_pingtan_series(corpus_dir):
    reports = _read(_pingtan(corpus_dir))
    data = view(build_series(reports), RULES)
    assert len(data["series"]) == 1
    entry = data["series"][0]
    assert [y["year"] for y in entry["years"]] == list(range(2019, 2026))
    # The table's figures are the extracted cells, cell for cell.
    by_year = {r.year: r for r in reports}
    for year in entry["years"]:
        report = by_year[year["year"]]
        assert year["file"] == report.source
        for pointer, value in year["figures"].items():
            _, _, table, row, col = pointer.split("/")
            assert float(report.tables[table].cell(row, col).value) == value, (year["year"], pointer)
        assert "/tables/requests/new_received/total" in year["figures"]
    years = {y["year"]: y["figures"] for y in entry["years"]}
    # Figures the corpus index gives for these reports.
    assert years[2022]["/tables/proactive/normative_documents/in_force"] == 698
    assert years[2025]["/tables/requests/carried_forward/total"] == 6
    assert years[2021]["/tables/review/litigation_direct/total"] == 12
    signals = entry["signals"]
    definition = [(s["year"], s["pointer"]) for s in signals if s["code"] == "SER-02"]
    assert (2021, "/format") in definition and all(y == 2021 for y, p in definition if p == "/format")
    # The carry-over chain holds all along (0, 0, 0 → 1 → 0 ...); the 现行有效件数 chain
    # breaks at 2023 (698 + 77 − 132 = 643 ≠ 470: the 2023 report explains a clean-up).
    chain = {(s["year"], s["pointer"]) for s in signals if s["code"] == "SER-05"}
    assert not [c for c in chain if "/requests/" in c[1]]
    assert (2023, "/tables/proactive/normative_documents/in_force") in chain
    assert (2022, "/tables/proactive/normative_documents/in_force") not in chain
    assert not [s for s in signals if s["code"] == "SER-06"]
    for fmt in ("text", "json", "csv", "markdown"):
        assert render(data, fmt)


def _write_series(folder: Path, reports: list[dict]) -> None:
    for data in reports:
        name = f"{data['agency']}-{data['year']}.yaml"
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _planted(tmp_path: Path) -> Path:
    """Organ A 2021-2025 without 2023, a jump in 2022, and 2024's and 2025's text copied from 2022;
    organ B 2021-2022 renamed organ C 2023-2024 (different names: two series)."""
    a = series_sample([2021, 2022, 2024, 2025], "示例县交通运输局")
    a[2022]["tables"]["proactive"]["licensing"]["decisions"] = 1500
    a[2024]["sections"] = [dict(s) for s in a[2022]["sections"]]
    a[2025]["sections"] = [dict(s) for s in a[2022]["sections"]]
    b = series_sample([2021, 2022], "示例县文化和旅游局")
    c = series_sample([2023, 2024], "示例县文化广电和旅游局")
    _write_series(tmp_path, list(a.values()) + list(b.values()) + list(c.values()))
    return tmp_path


def test_planted_signals_fire_where_planted_only(tmp_path):
    folder = _planted(tmp_path)
    reports = [from_data(yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sorted(folder.glob("*.yaml"))]
    data = view(build_series(reports), RULES)
    got = {e["agency"]: sorted((s["year"], s["code"], s["pointer"]) for s in e["signals"]) for e in data["series"]}
    assert got == {
        "示例县交通运输局": [(2022, "SER-01", "/tables/proactive/licensing/decisions"),
                      (2024, "SER-06", "/year"),
                      (2025, "SER-03", "/sections")],
        "示例县文化和旅游局": [],
        "示例县文化广电和旅游局": [],
    }, got
    # Nothing is compared across the gap (2022 → 2024): not the copied text, not the jump
    # back down, not the carry-over chain; 2025 repeats 2024, its year before.


def test_repeated_text_fires_on_the_copy_only():
    a = series_sample([2022, 2023, 2024])
    a[2023]["sections"] = [dict(s) for s in a[2022]["sections"]]
    series = build_series([from_data(d) for d in a.values()])
    found = [(s["year"], s["code"]) for s in view(series, RULES)["series"][0]["signals"]]
    assert found == [(2023, "SER-03")], found


def test_shortened_name_joins_its_organ_but_not_two():
    base = series_sample([2022, 2023])
    one = [dict(base[2022], agency="福州市鼓楼区人民政府"), dict(base[2023], agency="鼓楼区人民政府")]
    assert len(build_series([from_data(d) for d in one])) == 1
    two = one + [dict(base[2022], agency="南京市鼓楼区人民政府")]
    assert len(build_series([from_data(d) for d in two])) == 3


def test_cli_json_shape(tmp_path, capsys):
    from govinfo_lint.cli import main

    folder = _planted(tmp_path)
    assert main(["series", str(folder), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    entry = next(e for e in data["series"] if e["agency"] == "示例县交通运输局")
    assert set(entry) >= {"agency", "level", "years", "signals"}
    assert [y["year"] for y in entry["years"]] == [2021, 2022, 2024, 2025]
    assert set(entry["years"][0]) >= {"year", "file", "figures"}
    signal = entry["signals"][0]
    assert set(signal) >= {"year", "file", "code", "severity", "message", "pointer"}
    assert signal["file"].endswith("示例县交通运输局-2022.yaml")
    assert main(["series", str(folder), "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("agency,level,year,file,figure,label,value,change")


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_cli_text_outputs(tmp_path, capsys, fmt):
    from govinfo_lint.cli import main

    assert main(["series", str(_planted(tmp_path)), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "示例县交通运输局" in out and "SER-06" in out


def test_html_page_charts_without_script(tmp_path, capsys):
    from govinfo_lint.cli import main

    assert main(["series", str(_planted(tmp_path)), "--format", "html"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page and "http" not in page.replace("http-equiv", "")
    assert page.count("<svg") >= 8 and "<polyline" in page
    # The jump sits under its chart, its point marked, linked to the report it is about.
    chart = page.split('data-pointer="/tables/proactive/licensing/decisions"')[1].split('<div class="chart"')[0]
    assert 'class="flag"' in chart and "SER-01" in chart and "示例县交通运输局-2022.yaml" in chart


def test_html_escapes_report_text():
    from govinfo_lint.series.html import to_html

    data = {"series": [{"agency": "<script>x</script>", "level": None, "years": [], "signals": [
        {"year": 2024, "file": "a.yaml", "code": "SER-06", "severity": "info", "message": "<b onmouseover=1>",
         "pointer": "/year"}]}]}
    page = to_html(data)
    assert "<script>" not in page and "<b onmouseover" not in page


def test_grouping_is_linear_in_the_folder():
    import time

    def run(organs: int) -> float:
        reports = []
        for i in range(organs):
            for year, data in series_sample([2021, 2022, 2023, 2024, 2025], f"示例县第{i}局").items():
                reports.append(from_data(data))
        start = time.perf_counter()
        series = build_series(reports)
        took = time.perf_counter() - start
        assert len(series) == organs and all(len(s.reports) == 5 for s in series)
        assert all(r.previous is not None for s in series for r in s.reports[1:])
        return took

    small, large = run(20), run(100)
    assert large < 5 * small * 3 + 0.5, (small, large)  # five times the reports, not 25 times the time


def test_profile_is_applied_only_when_asked(tmp_path, capsys):
    from govinfo_lint.cli import main

    folder = tmp_path / "reports"
    folder.mkdir()
    a = series_sample([2023, 2024])
    a[2024]["tables"]["review"]["reconsideration"].update(upheld=0, corrected=3)  # total stays 4
    a[2024]["tables"]["review"]["litigation_direct"].update(upheld=0, corrected=1)
    a[2024]["published"] = "2025-03-12"
    _write_series(folder, list(a.values()))
    assert main(["series", str(folder), "-f", "json"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert "profile" not in plain and "scores" not in plain["series"][0]
    assert main(["series", str(folder), "-f", "json", "--profile", "example-assessment"]) == 0
    scored = json.loads(capsys.readouterr().out)
    assert scored["series"][0]["signals"] == plain["series"][0]["signals"]
    scores = {s["year"]: s for s in scored["series"][0]["scores"]}
    assert scores[2023]["score"] == 100 and not scores[2023]["deducted"]
    # 4 cases at 1 point (cap 5) and a late publication at 5 points, as the profile says.
    assert {d["code"]: d["points"] for d in scores[2024]["deducted"]} == {"SER-04": 4, "SER-07": 5}
    assert scores[2024]["score"] == 91


def test_shipped_profiles_are_valid_and_cite_their_sources():
    from govinfo_lint.resources import data_dir
    from govinfo_lint.series.profile import load_profile

    paths = sorted(data_dir("profiles").glob("*.yaml"))
    assert paths
    codes = {r.code for r in RULES}
    for path in paths:
        profile = load_profile(str(path))
        assert {d["code"] for d in profile["deductions"]} <= codes
        assert all(d.get("note") for d in profile["deductions"])


def test_bad_profile_is_refused(tmp_path, capsys):
    from govinfo_lint.cli import main

    bad = tmp_path / "p.yaml"
    bad.write_text("name: x\ntitle: {zh: a, en: b}\nfull_marks: 100\nsources: [{id: s, cite: c}]\n"
                   "deductions: [{code: SER-03, points: -1, source: s}]\n", encoding="utf-8")
    assert main(["series", str(tmp_path), "--profile", str(bad)]) == 2
    assert "points" in capsys.readouterr().err


def test_files_no_series_takes_are_named(tmp_path, capsys):
    from govinfo_lint.cli import main

    folder = _planted(tmp_path)
    (folder / "notes.txt").write_text("会议纪要\n", encoding="utf-8")
    assert main(["series", str(folder), "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [Path(i["file"]).name for i in data["unplaced"]] == ["notes.txt"]
    assert len(data["series"]) == 3
    assert main(["series", str(folder)]) == 0
    assert "notes.txt" in capsys.readouterr().out


def test_pingtan_department_series_against_the_labels(corpus_dir):
    # PINGTAN_DEPT.tsv: gaj22-D1 (现行有效 7, but 2 + 4 − 1 = 5) is a defect, gaj22-N2
    # (上年结转 1 = 2021 结转下年度 1) a negative control; the other organs have one year each.
    files = sorted((corpus_dir / "pingtan-dept").glob("*.txt"))
    data = view(build_series(_read(files)), RULES)
    police = [e for e in data["series"] if e["agency"] == "平潭综合实验区公安局"]
    assert len(police) == 1 and [y["year"] for y in police[0]["years"]] == [2021, 2022]
    chain = {(s["year"], s["pointer"]) for s in police[0]["signals"] if s["code"] == "SER-05"}
    assert chain == {(2022, "/tables/proactive/normative_documents/in_force")}
    assert not [s for e in data["series"] if len(e["years"]) == 1 for s in e["signals"] if s["code"] != "SER-04"]
