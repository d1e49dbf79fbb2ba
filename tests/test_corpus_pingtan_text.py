"""Pingtan department reports (archive text dumps, one line a page): what the labels say is read.

``corpus/_labelled/PINGTAN_DEPT.tsv`` holds the hand-checked defects and negative
controls; these tests hold the reading side of them (tables found, digits split, row and
column labels kept as written). Skipped without ``../shared``.
"""

from __future__ import annotations

import pytest

from govinfo_lint.api import lint, load_rules
from govinfo_lint.readers import read

RULES = load_rules()


@pytest.fixture(scope="module")
def dept(corpus_dir):
    cache: dict = {}

    def get(name: str):
        if name not in cache:
            path = corpus_dir / "pingtan-dept" / f"{name}.txt"
            if not path.exists():
                pytest.skip(f"{path} is not in the corpus")
            cache[name] = (read(path), lint(path, RULES))
        return cache[name]
    return get


@pytest.mark.parametrize("name", ["pt-czj-2020", "pt-jjf-2019", "pt-jjpq-2022", "pt-htpq-2021", "pt-gaj-2021"])
def test_table_4_present_is_read_not_missing(dept, name):
    # czj20-N3, jjf19-N2, jjpq22-N2: header words then 15 zeros, spaced or run together.
    report, findings = dept(name)
    review = report.tables["review"]
    assert [c.value for row in review.rows.values() for c in row.cells.values()] == [0] * 15
    assert not [f for f in findings if f.code in ("RDR-05", "SEC-07")]


def test_seven_digits_seven_cells_reach_the_arithmetic_rules(dept):
    # htpq21-D2: （七）总计1000000 is 1,0,0,0,0,0,0; the defect is the rules' to report.
    report, findings = dept("pt-htpq-2021")
    total = report.tables["requests"].rows["handled_total"]
    assert [c.value for c in total.cells.values()] == [1, 0, 0, 0, 0, 0, 0]
    errors = {(f.code, f.severity) for f in findings if f.pointer.startswith("/tables/requests")}
    assert {("SUM-01", "error"), ("SUM-02", "error"), ("SUM-03", "error")} <= errors
    assert not [f for f in findings if f.code == "RDR-09" and "总计" in f.message]


def test_procurement_with_counting_word_is_read(dept):
    # czj20-N4: 政府集中采购 2笔 984361元.
    report, findings = dept("pt-czj-2020")
    cells = report.tables["proactive"].rows["procurement"].cells
    assert [c.value for c in cells.values()] == [2, 984361]
    assert not [f for f in findings if f.code == "RDR-09"]


def test_other_format_row_label_does_not_hide_the_rows_after_it(dept):
    # jjpq22-D1: 规范性文件 for 行政规范性文件 is a label finding; 许可/处罚/强制/收费 are there.
    report, findings = dept("pt-jjpq-2022")
    table = report.tables["proactive"]
    assert table.rows["normative_documents"].label == "规范性文件"
    assert {"regulations", "normative_documents", "licensing", "penalty", "compulsion", "fees"} <= set(table.rows)
    assert not [f for f in findings if f.code == "TBL-13"]
    assert [(f.code, f.severity) for f in findings if "“规范性文件”" in f.message] == [("LBL-02", "warning")]


def test_table_2_column_header_typo_is_a_label_finding(dept):
    # gaj21-D2: 本年废纸件数 for 本年废止件数, at the column header.
    report, findings = dept("pt-gaj-2021")
    block = next(b for b in report.tables["proactive"].blocks if b.id == "art20_1")
    assert block.columns["repealed"] == "本年废纸件数"
    hits = [f for f in findings if "本年废纸件数" in f.message]
    assert [(f.code, f.severity, f.pointer) for f in hits] == [
        ("LBL-04", "warning", "/labels/proactive/blocks/art20_1/columns/repealed")]
    assert hits[0].location.line == 10


def test_unsettled_run_stays_unread(dept):
    # jjpq22 四、结转下年度继续办理 "0 00000": six digits for seven cells cannot be settled.
    report, findings = dept("pt-jjpq-2022")
    cells = report.tables["requests"].rows["carried_forward"].cells
    assert all(c.value is None for c in cells.values())
    assert [f.severity for f in findings if f.code == "RDR-09"] == ["warning"]
    assert not [f for f in findings if f.severity == "error" and f.pointer.startswith("/tables/requests")]


def test_heading_after_the_run_of_table_4_figures_is_found(dept):
    # jjpq22-D2: 000000000000000五、存在的主要问题及改进措施 — a wording finding, not a missing section.
    report, findings = dept("pt-jjpq-2022")
    assert report.section("problems").heading == "五、存在的主要问题及改进措施"
    assert not [f for f in findings if f.code == "SEC-01"]
