"""``init`` writes a blank report of the right template; ``extract --to`` makes one tidy data set."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from cli_run import run
from govinfo_lint import template
from govinfo_lint.readers.plain import load_text
from govinfo_lint.samples import apply_patch, sample_report
from govinfo_lint.yaml_out import dump_yaml


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVINFO_LINT_CACHE_DIR", str(tmp_path / "_cache"))


@pytest.mark.parametrize(("year", "fmt"), [(2025, "2021"), (2021, "2021"), (2020, "2019"), (2019, "2019")])
def test_init_writes_every_cell_blank_with_its_label(tmp_path, capsys, year, fmt):
    target = tmp_path / "new" / "年报.yaml"
    code, _out, _err = run(capsys, "init", "--year", year, "--agency", "示例县交通运输局", "-o", target)
    assert code == 0
    text = target.read_text(encoding="utf-8")
    data, _positions = load_text(text)
    assert data["year"] == year and data["format"] == fmt and data["agency"] == "示例县交通运输局"
    assert [s["heading"] for s in data["sections"]] == [template.SECTION_HEADINGS[s] for s in template.SECTION_IDS]
    assert all(s["text"] == "" for s in data["sections"])
    for tid in template.TABLE_IDS:
        tpl = template.TABLES[fmt][tid]
        assert list(data["tables"][tid]) == [r.id for r in tpl.rows]
        for row in tpl.rows:
            assert data["tables"][tid][row.id] == {c: None for c in tpl.columns_of(row.id)}
            assert f"# {row.label}" in text or f"：{row.label}" in text or f"· {row.label}" in text
    for column in template.TABLES[fmt]["proactive"].columns:
        assert f"# {column.label}" in text
    assert "# 申请人情况 · 法人或其他组织 · 商业企业" in text and template.REQUESTS_NOTE in text
    assert list(tmp_path.joinpath("new").iterdir()) == [target]  # no temporary file left


def test_checking_the_blank_report_reports_blanks_not_crashes(tmp_path, capsys):
    target = tmp_path / "blank.yaml"
    assert run(capsys, "init", "--year", "2024", "--agency", "示例县交通运输局", "-o", target)[0] == 0
    code, out, err = run(capsys, "check", target, "-f", "json")
    assert code == 1, err
    found = json.loads(out)["files"][0]["findings"]
    cells = sum(template.TABLES["2021"][t].cell_count() for t in template.TABLE_IDS)
    # every blank cell is reported; a column blank on every row is one finding listing its cells
    blanks = [f for f in found if f["code"] == "VAL-02"]
    assert sum(len(f["evidence"].get("cells", {f["pointer"]: None})) for f in blanks) == cells
    assert len(blanks) < cells
    assert not [f for f in found if f["code"].startswith("RDR")]  # the file itself is fine
    sums = [f for f in found if f["code"].startswith("SUM")]
    assert sums and all(f["severity"] == "info" for f in sums)  # cannot be assessed, not wrong


def test_init_refuses_to_overwrite(tmp_path, capsys):
    target = tmp_path / "r.yaml"
    target.write_text("mine\n", encoding="utf-8")
    code, _out, err = run(capsys, "init", "--year", "2024", "--agency", "甲", "-o", target)
    assert code == 2 and "--force" in err and target.read_text(encoding="utf-8") == "mine\n"
    assert run(capsys, "init", "--year", "2024", "--agency", "甲", "-o", target, "--force")[0] == 0
    assert "agency: \"甲\"" in target.read_text(encoding="utf-8")


def test_init_to_stdout_quotes_awkward_names(capsys):
    code, out, _ = run(capsys, "init", "--year", "2023", "--agency", '某局: "试点" # 办公室', "--level", "county_department")
    data, _ = load_text(out)
    assert code == 0 and data["agency"] == '某局: "试点" # 办公室' and data["level"] == "county_department"


@pytest.mark.parametrize("year", ["2018", "1999"])
def test_init_refuses_years_before_the_formats(capsys, year):
    assert run(capsys, "init", "--year", year, "--agency", "甲")[0] == 2


@pytest.fixture
def folder(tmp_path) -> Path:
    root = tmp_path / "reports"
    root.mkdir()
    data = apply_patch(sample_report("2021"), {"/tables/requests/granted/research": None})
    (root / "a.yaml").write_text(dump_yaml(data), encoding="utf-8")
    (root / "b.yaml").write_text(dump_yaml(sample_report("2019", agency="示例镇人民政府", level="township")),
                                 encoding="utf-8")
    (root / "broken.yaml").write_text("agency: [", encoding="utf-8")
    return root


def test_extract_to_csv(folder, capsys):
    code, out, err = run(capsys, "extract", folder, "--to", "csv")
    assert code == 1  # one file could not be read
    assert "broken.yaml" in err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["source", "agency", "year", "format", "table", "row", "column", "value", "raw"]
    cells = {fmt: sum(template.TABLES[fmt][t].cell_count() for t in template.TABLE_IDS) for fmt in template.FORMATS}
    assert len(rows) == cells["2021"] + cells["2019"] + 1
    broken = [r for r in rows if r["source"].endswith("broken.yaml")]
    assert broken == [{**broken[0], "table": "", "row": "", "column": "", "value": "", "raw": ""}]
    blank = next(r for r in rows if r["source"].endswith("a.yaml") and r["row"] == "granted" and r["column"] == "research")
    assert blank["value"] == ""  # a blank is never 0
    fee = next(r for r in rows if r["source"].endswith("a.yaml") and r["row"] == "fees")
    assert fee["value"] == "12.5" and fee["agency"] == "示例县交通运输局" and fee["year"] == "2024"
    amount = next(r for r in rows if r["source"].endswith("b.yaml") and r["row"] == "procurement" and r["column"] == "amount")
    assert amount["format"] == "2019" and amount["raw"] == "35.6万元"


def test_extract_to_jsonl_file(folder, capsys, tmp_path):
    target = tmp_path / "cells.jsonl"
    code, out, _ = run(capsys, "extract", folder, "--to", "jsonl", "-o", target, "--jobs", "2")
    assert code == 1 and out == ""
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    blank = next(r for r in records if r["source"].endswith("a.yaml") and r["row"] == "granted" and r["column"] == "research")
    assert blank["value"] is None
    assert next(r for r in records if r["row"] == "fees")["value"] == 12.5
    assert {r["source"].rsplit("/", 1)[1] for r in records} == {"a.yaml", "b.yaml", "broken.yaml"}


def test_extract_never_overwrites_an_input(folder, capsys):
    code, _out, err = run(capsys, "extract", folder, "--to", "csv", "-o", folder / "a.yaml")
    assert code == 2 and "a.yaml" in err
    assert "agency" in (folder / "a.yaml").read_text(encoding="utf-8")


def test_extract_of_a_folder_needs_to(folder, capsys):
    assert run(capsys, "extract", folder)[0] == 2


def test_extract_a_docx(tmp_path, capsys):
    pytest.importorskip("docx")
    from docx_factory import PINGTAN_2025, make_report_docx

    tables = json.loads(json.dumps(PINGTAN_2025["tables"], default=str))
    path = make_report_docx(tmp_path / "平潭.docx", fmt="2021", agency="平潭综合实验区", year=2025, tables=tables)
    code, out, _ = run(capsys, "extract", path, "--to", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert next(r for r in records if r["row"] == "new_received" and r["column"] == "total")["value"] == 154
    assert {r["agency"] for r in records} == {"平潭综合实验区"}
