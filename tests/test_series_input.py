"""``series`` on awkward folders: empty, one report, unreadable or non-report files beside the
reports, one report saved twice. Each is said in Chinese; the rest of the folder still runs."""

from __future__ import annotations

import json

import pytest
import yaml

from govinfo_lint.cli import main
from govinfo_lint.series.samples import series_sample


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("GOVINFO_LINT_NO_CACHE", "1")


def _write(folder, reports):
    folder.mkdir(exist_ok=True)
    for data in reports:
        (folder / f"{data['agency']}-{data['year']}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                                                       encoding="utf-8")


def test_empty_folder_is_an_error_not_a_clean_result(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["series", str(tmp_path / "empty")]) == 1
    err = capsys.readouterr().err
    assert "没有找到年报文件" in err and "Traceback" not in err


def test_missing_folder_and_bad_options(tmp_path, capsys):
    assert main(["series", str(tmp_path / "nowhere")]) == 2
    assert "文件或目录不存在" in capsys.readouterr().err
    assert main(["series", str(tmp_path), "--config", str(tmp_path / "none.yaml")]) == 2
    assert "文件不存在" in capsys.readouterr().err
    assert main(["series", str(tmp_path), "--select", "NOPE-99"]) == 2
    assert "NOPE-99" in capsys.readouterr().err


def test_one_report_is_a_series_of_one_year(tmp_path, capsys):
    _write(tmp_path / "r", [series_sample([2024])[2024]])
    assert main(["series", str(tmp_path / "r")]) == 0
    out = capsys.readouterr().out
    assert "只有一个年度的年报，无法逐年对比" in out and "未发现信号" not in out
    assert main(["series", str(tmp_path / "r"), "-f", "markdown"]) == 0
    assert "无法逐年对比" in capsys.readouterr().out


def test_unreadable_and_other_files_are_rows_the_rest_runs(tmp_path, capsys):
    folder = tmp_path / "r"
    _write(folder, list(series_sample([2023, 2024]).values()))
    (folder / "broken.yaml").write_text("agency: [unclosed\n  year: 2023: x\n", encoding="utf-8")
    (folder / "README.md").write_text("# 说明\n\n这个目录存放各年度的年报。\n", encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n% not really\n")
    assert main(["series", str(folder), "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [y["year"] for y in data["series"][0]["years"]] == [2023, 2024]
    reasons = {item["file"].rsplit("/", 1)[-1]: item["reason"]["zh"] for item in data["unplaced"]}
    assert set(reasons) == {"broken.yaml", "README.md", "scan.pdf"}
    assert reasons["broken.yaml"].startswith("无法读取")
    assert main(["series", str(folder)]) == 0
    text = capsys.readouterr().out
    assert "未归入系列" in text and "broken.yaml" in text


def test_a_folder_of_non_reports_only(tmp_path, capsys):
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "notes.md").write_text("# 会议记录\n\n无。\n", encoding="utf-8")
    assert main(["series", str(folder)]) == 1
    captured = capsys.readouterr()
    assert "没有可组成系列的年报" in captured.err and "notes.md" in captured.out


def test_one_report_saved_twice_counts_once(tmp_path, capsys):
    sample = series_sample([2022, 2023, 2024])
    folder = tmp_path / "r"
    _write(folder, list(sample.values()))
    copy = dict(sample[2023], title="示例县交通运输局2023年政府信息公开工作年度报告（网页版）")
    (folder / "copy-2023.yaml").write_text(yaml.safe_dump(copy, allow_unicode=True), encoding="utf-8")
    assert main(["series", str(folder), "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    entry = data["series"][0]
    assert [y["year"] for y in entry["years"]] == [2022, 2023, 2024]
    assert entry["signals"] == []
    assert [i["reason"]["en"].startswith("the same report as") for i in data["unplaced"]] == [True]
    # A second report of the same year that differs is no copy: both stay, no chain across them.
    other = dict(sample[2023])
    other["tables"] = json.loads(json.dumps(sample[2023]["tables"]))
    other["tables"]["proactive"]["licensing"]["decisions"] += 7
    (folder / "copy-2023.yaml").write_text(yaml.safe_dump(other, allow_unicode=True), encoding="utf-8")
    assert main(["series", str(folder), "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [y["year"] for y in data["series"][0]["years"]] == [2022, 2023, 2023, 2024]
    assert data["unplaced"] == []


def test_pingtan_archive_with_its_text_copies(corpus_dir, capsys):
    """The archive keeps 2020, 2021 and 2025 both as the page and as its flattened text: the
    same seven years and the same signals as the pages alone, the copies named."""
    archive = corpus_dir / "pingtan-gov-zwgk-archive"
    assert main(["series", str(archive), "-f", "json"]) == 0
    whole = json.loads(capsys.readouterr().out)
    assert main(["series", str(archive / "html"), "-f", "json"]) == 0
    pages = json.loads(capsys.readouterr().out)
    assert [y["year"] for y in whole["series"][0]["years"]] == list(range(2019, 2026))
    assert whole["series"] == pages["series"]
    copies = sorted(i["file"] for i in whole["unplaced"])
    assert len(copies) == 3 and all(f.endswith("page.txt") for f in copies)
    chain = [s for s in whole["series"][0]["signals"] if s["code"] == "SER-05"]
    assert chain and not [s for s in chain if "/requests/" in s["pointer"]]


def test_pingtan_figures_equal_extract_cell_for_cell(corpus_dir, capsys):
    """Each figure of the year-by-year table is the cell ``govinfo-lint extract`` writes for that report."""
    from decimal import Decimal

    assert main(["series", str(corpus_dir / "pingtan-gov-zwgk-archive" / "html"), "-f", "json"]) == 0
    entry = json.loads(capsys.readouterr().out)["series"][0]
    compared = 0
    for year in entry["years"]:
        assert main(["extract", year["file"], "--format", "json"]) == 0
        tables = json.loads(capsys.readouterr().out)["tables"]
        for pointer, value in year["figures"].items():
            _, _, table, row, col = pointer.split("/")
            cell = tables[table][row][col]
            cell = cell["value"] if isinstance(cell, dict) else cell
            assert Decimal(str(cell)) == Decimal(str(value)), (year["year"], pointer)
            compared += 1
    assert compared > 7 * 30
