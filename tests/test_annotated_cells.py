"""Shanghai-style annotated cells (``22（其中修订16件）``) read as the number, the note kept, in every reader."""

from __future__ import annotations

import pytest

from govinfo_lint.readers import read

from docx_factory import PINGTAN_2025, make_report_docx

ISSUED, REPEALED = "22（其中修订16件）", "55（含自然失效 29 件）"
EXPECTED = [(22, "其中修订16件"), (55, "含自然失效29件"), (235, None)]


def _regulations(report):
    return [(c.value, c.note) for c in report.tables["proactive"].rows["regulations"].cells.values()]


def test_structured(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("agency: 某局\nyear: 2022\nformat: '2021'\ntables:\n  proactive:\n    regulations:\n"
                    f"      issued: {ISSUED}\n      repealed: {{value: 55, raw: '{REPEALED}'}}\n      in_force: 235\n",
                    encoding="utf-8")
    cells = read(path).tables["proactive"].rows["regulations"].cells
    assert [(c.value, c.note) for c in cells.values()][0] == EXPECTED[0]
    assert cells["repealed"].value == 55 and cells["repealed"].raw == REPEALED


def test_docx(tmp_path):
    tables = {**PINGTAN_2025["tables"], "proactive": {**PINGTAN_2025["tables"]["proactive"],
                                                      "regulations": {"issued": ISSUED, "repealed": REPEALED,
                                                                      "in_force": 235}}}
    path = make_report_docx(tmp_path / "r.docx", agency="某局", year=2022, tables=tables)
    assert _regulations(read(path)) == EXPECTED


def test_html(tmp_path):
    rows = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td><td>{d}</td></tr>" for a, b, c, d in [
        ("第二十条第（一）项",) * 4, ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        ("规章", ISSUED, REPEALED, "235"), ("行政规范性文件", "1", "0", "7")])
    path = tmp_path / "r.html"
    path.write_text("<html><body><p>某局2022年度政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p>"
                    f"<table>{rows}</table></body></html>", encoding="utf-8")
    assert _regulations(read(path)) == EXPECTED


@pytest.mark.parametrize("layout", ["tabs", "lines", "flattened"])
def test_text(tmp_path, layout):
    if layout == "tabs":  # Word's text dump: a cell a tab-indented line, rows apart by blank lines
        rows = [["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                ["规章", ISSUED, REPEALED, "235"], ["行政规范性文件", "1", "0", "7"]]
        table = "\n\n".join("\n".join("\t" + c for c in row) for row in rows)
    elif layout == "lines":  # a PDF copied to text: a row a line
        table = f"第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 {ISSUED} {REPEALED} 235\n行政规范性文件 1 0 7"
    else:  # a web archive: the page's text on one line
        table = f"第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 规章 {ISSUED} {REPEALED} 235 行政规范性文件 1 0 7"
    path = tmp_path / "r.txt"
    path.write_text(f"某局2022年度政府信息公开工作年度报告\n二、主动公开政府信息情况\n{table}\n\n"
                    "三、收到和处理政府信息公开申请情况\n", encoding="utf-8")
    assert _regulations(read(path)) == EXPECTED


def test_a_line_of_digits_that_is_no_row_is_rejected_at_once():
    # Cutting a run of digits every way was exponential (25 digits and a letter: half a minute).
    import time

    from govinfo_lint.readers.text.rows import _kind

    start = time.perf_counter()
    assert _kind("1" * 59 + "x") is None
    assert _kind("规章 " + ISSUED + " " + REPEALED + " 235") == "row"
    assert time.perf_counter() - start < 0.5
