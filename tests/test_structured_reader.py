"""The structured form: values, blanks, positions, schema problems as diagnostics."""

from __future__ import annotations

from decimal import Decimal

from govinfo_lint.readers import read
from govinfo_lint.readers.structured import from_data
from govinfo_lint.samples import sample_report
from govinfo_lint.serialize import report_to_dict
from govinfo_lint.yaml_out import dump_yaml


def test_blank_placeholder_and_zero_stay_different(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(
        "year: 2024\ntables:\n  requests:\n    granted: {natural_person: 0, commercial: null, research: '/',"
        " social_org: '', legal_service: '22（其中修订16件）', other_org: '１,234'}\n",
        encoding="utf-8")
    row = read(path).tables["requests"].rows["granted"]
    assert row.cells["natural_person"].value == 0
    assert row.cells["commercial"].value is None and row.cells["commercial"].is_blank
    assert row.cells["research"].is_placeholder and not row.cells["research"].is_blank
    assert row.cells["social_org"].is_blank and row.cells["social_org"].raw == ""
    assert row.cells["legal_service"].value == 22 and row.cells["legal_service"].note == "其中修订16件"
    assert row.cells["other_org"].value == 1234


def test_every_cell_keeps_its_line_and_column(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(dump_yaml(sample_report("2019")), encoding="utf-8")
    report = read(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    for _tid, rid, cid, cell in report.iter_cells():
        line = lines[cell.loc.line - 1]
        assert rid in line and line[cell.loc.column - 1:].startswith(str(cell.value)), (rid, cid)


def test_format_detected_from_ids_when_not_given():
    data = sample_report("2019")
    del data["format"]
    report = from_data(data)
    assert report.format == "2019" and not report.format_declared
    assert "/tables/requests/other" in report.format_signals["2019"]


def test_amounts_are_exact_decimals():
    data = sample_report("2021")
    data["tables"]["proactive"]["fees"]["amount"] = 24252.311082
    report = from_data(data)
    assert report.tables["proactive"].cell("fees", "amount").value == Decimal("24252.311082")


def test_schema_problems_are_diagnostics_with_places(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("agncy: 某局\nyear: 2024\nlevel: county\ntables:\n  requests:\n    granted: {total: [1]}\n",
                    encoding="utf-8")
    report = read(path)
    by_pointer = {d.pointer: d for d in report.diagnostics}
    assert by_pointer["/agncy"].loc.line == 1 and "agency" in by_pointer["/agncy"].message
    assert by_pointer["/level"].loc.line == 3
    assert by_pointer["/tables/requests/granted/total"].loc.line == 6


def test_duplicate_keys_and_syntax_errors_are_reported_not_raised(tmp_path):
    dup = tmp_path / "dup.yaml"
    dup.write_text("year: 2024\nyear: 2025\n", encoding="utf-8")
    (diag,) = read(dup).diagnostics
    assert diag.kind == "unreadable" and diag.loc.line == 2
    bad = tmp_path / "bad.json"
    bad.write_text('{"year": 2024,,}', encoding="utf-8")
    assert read(bad).diagnostics[0].kind == "unreadable"


def test_alias_bomb_is_refused(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (diag,) = read(path).diagnostics
    assert diag.kind == "unreadable" and "别名" in diag.message


def test_extract_shape_round_trips():
    data = sample_report("2021")
    again = report_to_dict(from_data(data))
    for key in ("agency", "year", "format", "title"):
        assert again[key] == data[key]
    assert again["tables"] == data["tables"]
