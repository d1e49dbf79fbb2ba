"""The narrative, cross-year, level, publication and writing rules on real reports.

Two layers. ``tests/fixtures/xtx/*.yaml`` hold the table figures and short text excerpts
of corpus reports (hand-written, always available): the defects and negative controls
of ``corpus/_labelled/KNOWN_FINDINGS.tsv`` are asserted on them. Then the same checks
run on the documents themselves through the readers, when ``../shared`` is beside the
checkout and the document readers exist.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govinfo_lint.api import load_rules
from govinfo_lint.engine.runner import lint_report
from govinfo_lint.run.pairing import pair_reports
from govinfo_lint.readers import read

FIXTURES = Path(__file__).parent / "fixtures" / "xtx"
FAMILIES = ["XTX", "XYR", "CNT", "PUB", "LVL-02", "LVL-03", "LVL-04", "LVL-05"]
RULES = load_rules(select=FAMILIES)
TEXT_TABLE = {f"XTX-{n:02d}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12)}


def _codes(findings, wanted=None):
    return sorted((f.code, f.pointer) for f in findings if wanted is None or f.code in wanted)


@pytest.fixture(scope="module")
def fixtures():
    paths = sorted(FIXTURES.glob("*.yaml"))
    reports = {p.stem: read(p) for p in paths}
    pair_reports(list(reports.values()))
    return {name: (report, lint_report(report, RULES)) for name, report in reports.items()}


def test_fixtures_pair_by_organ(fixtures):
    pairs = {name: r.previous and Path(r.previous.source).stem for name, (r, _) in fixtures.items()}
    assert pairs["pingtan-2021"] == "pingtan-2020" and pairs["pingtan-2025"] == "pingtan-2024"
    assert pairs["hongze-2024"] == "hongze-2023"  # 淮安市洪泽区人民政府 after 洪泽区人民政府
    assert pairs["huaian-2024"] is None and pairs["shuyang-2025"] is None


def test_pingtan_2023_text_contradicts_table(fixtures):
    _, findings = fixtures["pingtan-2023"]
    (xtx,) = [f for f in findings if f.code == "XTX-05"]
    assert xtx.pointer == "/sections/overview"
    assert xtx.evidence["text_value"] == 393 and xtx.evidence["table_value"] == 470
    assert xtx.evidence["cells"] == {"/tables/proactive/normative_documents/in_force": 470}
    assert "393" in xtx.message and "470" in xtx.message
    assert ("CNT-02", "/sections/problems") in _codes(findings)  # 一是…三是…三是


def test_pingtan_2022_received_includes_carried_over(fixtures):
    # Text: 收到 75 = 74 new + 1 carried over; 自然人 72 = 71 + 1; 均已结案 with 0 pending.
    assert _codes(fixtures["pingtan-2022"][1], TEXT_TABLE) == []


@pytest.mark.parametrize("name", ["huaian-2024", "shuyang-2025", "shanghai-office-2025", "pingtan-2025",
                                  "pingtan-2021", "hongze-2023", "hongze-2024"])
def test_negative_controls_raise_no_text_table_finding(fixtures, name):
    assert _codes(fixtures[name][1], TEXT_TABLE) == []


def test_suqian_filing_cases_are_not_table_cases(fixtures):
    # 宿迁 2024: text 134 / 57 are 备案 cases; table 四 says 170 / 77 (KIRO's false positive).
    assert _codes(fixtures["suqian-2024"][1]) == []


def test_shuyang_misspelt_name(fixtures):
    (cnt,) = [f for f in fixtures["shuyang-2025"][1] if f.code == "CNT-04"]
    assert cnt.evidence["written"] == "沐阳县" and cnt.evidence["expected"] == "沭阳县"
    assert cnt.evidence["occurrences"] == 4


def test_pingtan_2020_parts_do_not_add_up(fixtures):
    (parts,) = [f for f in fixtures["pingtan-2020"][1] if f.code == "XTX-11"]
    assert parts.evidence["total"] == 2602 and parts.evidence["sum"] == 2603


@pytest.mark.parametrize(("name", "quiet"), [
    ("pingtan-2021", {"XYR-01"}), ("pingtan-2022", {"XYR-01", "XYR-02"}), ("pingtan-2025", {"XYR-01"}),
    ("hongze-2024", {"XYR-01", "XYR-02"}),
])
def test_cross_year_agreements(fixtures, name, quiet):
    assert _codes(fixtures[name][1], quiet) == []


def test_cross_year_chain_break_2022_2023(fixtures):
    (chain,) = [f for f in fixtures["pingtan-2023"][1] if f.code == "XYR-02"]
    assert chain.pointer == "/tables/proactive/normative_documents/in_force"
    assert chain.evidence["left"] == 470 and chain.evidence["right"] == 643


def test_no_error_on_any_fixture(fixtures):
    errors = {name: _codes(f for f in findings if f.severity == "error") for name, (_, findings) in fixtures.items()}
    assert all(not e for e in errors.values()), errors


# --- the documents themselves ---------------------------------------------------------------------

REAL = {
    "pingtan-2019": "pingtan-gov-zwgk-archive/html/2019/page.html",
    "pingtan-2020": "pingtan-gov-zwgk-archive/html/2020/page.html",
    "pingtan-2021": "pingtan-gov-zwgk-archive/html/2021/page.html",
    "pingtan-2022": "pingtan-gov-zwgk-archive/html/2022/page.html",
    "pingtan-2023": "pingtan-gov-zwgk-archive/html/2023/page.html",
    "pingtan-2024": "pingtan-gov-zwgk-archive/html/2024/page.html",
    "pingtan-2025": "pingtan-gov-zwgk-archive/html/2025/page.html",
    "pingtan-2025-txt": "pingtan-gov-zwgk-archive/202603_105587_平潭综合实验区2025年度政府信息公开工作年度报告/page.txt",
    "shanghai-2019": "shanghai-office-2019/page.html",
    "huaian-2024": "govnianbao/szfgs2024.pdf",
    "hongze-2023": "KIROGOVCOMPARE/hzq2023_working.pdf",
    "hongze-2024": "KIROGOVCOMPARE/hzq2024_working.pdf",
    "shuyang-2025": "KIROGOVCOMPARE/沭阳县人民政府2025年政府信息公开工作年度报告-沭阳县人民政府.txt",
    "shanghai-office-2025": "KIROGOVCOMPARE/shanghai-office-sample-source.md",
    "kewei-2024": "KIROGOVCOMPARE/kewei-2024-source.md",
}
PAIRS = [("pingtan-2021", "pingtan-2020"), ("pingtan-2022", "pingtan-2021"), ("pingtan-2023", "pingtan-2022"),
         ("pingtan-2025", "pingtan-2024"), ("hongze-2024", "hongze-2023")]


@pytest.fixture(scope="module")
def documents(corpus_dir):
    pytest.importorskip("govinfo_lint.readers.mapping.assemble", reason="document readers not written yet")
    reports = {name: read(corpus_dir / path) for name, path in REAL.items()}
    for this, last in PAIRS:
        reports[this].previous = reports[last]
    return {name: (report, lint_report(report, RULES)) for name, report in reports.items()}


def test_documents_no_error_of_these_families(documents):
    errors = {name: [(f.code, f.message) for f in findings if f.severity == "error"]
              for name, (_, findings) in documents.items()}
    assert all(not e for e in errors.values()), errors


def test_documents_pingtan_2023_text_contradicts_table(documents):
    found = [f for f in documents["pingtan-2023"][1] if f.code == "XTX-05"]
    assert [(f.evidence["text_value"], f.evidence["table_value"]) for f in found] == [(393, 470)]


def test_documents_shuyang_misspelt_name(documents):
    found = [f for f in documents["shuyang-2025"][1] if f.code == "CNT-04"]
    assert [f.evidence["written"] for f in found] == ["沐阳县"] and found[0].evidence["occurrences"] >= 4


@pytest.mark.parametrize("name", ["huaian-2024", "shuyang-2025", "shanghai-office-2025", "pingtan-2025",
                                  "pingtan-2025-txt", "pingtan-2022"])
def test_documents_negative_controls(documents, name):
    assert _codes(documents[name][1], TEXT_TABLE) == []


@pytest.mark.parametrize(("name", "quiet"), [
    ("pingtan-2021", {"XYR-01"}), ("pingtan-2022", {"XYR-01", "XYR-02"}), ("pingtan-2025", {"XYR-01"}),
    ("hongze-2024", {"XYR-01", "XYR-02"}),
])
def test_documents_cross_year_agreements(documents, name, quiet):
    assert _codes(documents[name][1], quiet) == []


def test_documents_cross_year_chain_break(documents):
    assert ("XYR-02", "/tables/proactive/normative_documents/in_force") in _codes(documents["pingtan-2023"][1])


def test_documents_pair_automatically(corpus_dir, documents):
    # The readers name 洪泽区 differently in its two years; pairing must still find it.
    reports = [read(corpus_dir / REAL[name]) for name in ("hongze-2023", "hongze-2024", "pingtan-2022", "pingtan-2023")]
    pair_reports(reports)
    assert [r.previous and r.previous.year for r in reports] == [None, 2023, None, 2022]
    assert reports[1].previous is reports[0] and reports[3].previous is reports[2]


# Every real report that KNOWN_FINDINGS marks free of source errors, read from the document and
# checked with every built-in rule: the measured false-positive rate at error level must be zero.
CLEAN = {
    **{f"pingtan-{y}": f"pingtan-gov-zwgk-archive/html/{y}/page.html" for y in (2019, 2021, 2022, 2023, 2024, 2025)},
    "pingtan-2021-txt": "pingtan-gov-zwgk-archive/202202_80613_平潭综合实验区2021年度政府信息公开工作年度报告/page.txt",
    "pingtan-2025-txt": REAL["pingtan-2025-txt"],
    "shanghai-2019": REAL["shanghai-2019"],
    "huaian-2024": REAL["huaian-2024"],
    "hongze-2024": REAL["hongze-2024"],
    "shuyang-2025": REAL["shuyang-2025"],
}


def test_clean_real_reports_raise_no_error_under_any_rule(corpus_dir, shared_dir):
    rules = load_rules()
    paths = [corpus_dir / p for p in CLEAN.values()] + [shared_dir / "seed" / "000_420e94e8b51db23e.txt"]
    reports = [read(p) for p in paths]
    pair_reports(reports)
    errors = {str(r.source): [(f.code, f.message) for f in lint_report(r, rules) if f.severity == "error"]
              for r in reports}
    assert {k: v for k, v in errors.items() if v} == {}


# --- the Pingtan department reports (PINGTAN_DEPT.tsv), for the text and sum rules -----------

DEPT_RULES = load_rules(select=["XTX", "SUM", "VAL", "CNT"])


def _dept(corpus_dir, name):
    return lint_report(read(corpus_dir / "pingtan-dept" / f"{name}.txt"), DEPT_RULES)


@pytest.mark.parametrize(("name", "label"), [
    ("pt-czj-2020", "czj20-N1 425 = 148 + 182 + 95; 34.82% = 148/425"),
    ("pt-czj-2020", "czj20-N2 依申请公开信息数/不予公开信息数 count information, not requests"),
    ("pt-jjf-2019", "jjf19-N1 437 = 55+341+41; 90.62%; 依申请公开341/不予公开41 are information counts"),
    ("pt-gaj-2022", "gaj22-N3 结转上年度…1件 is 上年结转"),
    ("pt-gaj-2022", "gaj22-N1 1 new + 1 carried = 部分公开 1 + 逾期不补正 1"),
    ("pt-jjpq-2022", "jjpq22-N1 90 = 1+7+2+2+4+5+16+53"),
    ("pt-jspq-2020", "jspq20-N1 152 = 2+30+4+12+31+41+32"),
    ("pt-htpq-2021", "htpq21-N1 267 = 184 + 83"),
])
def test_dept_negative_controls_draw_no_text_finding(corpus_dir, name, label):
    loud = [(f.code, f.message) for f in _dept(corpus_dir, name)
            if f.code.startswith(("XTX", "CNT")) and f.severity in ("error", "warning")]
    assert loud == [], label


def test_dept_gaj21_double_count_is_a_sum01_error_per_column(corpus_dir):
    errors = [f for f in _dept(corpus_dir, "pt-gaj-2021") if f.code == "SUM-01" and f.severity == "error"]
    assert sorted(f.pointer.rsplit("/", 1)[1] for f in errors) == ["natural_person", "total"]
    assert all(f.evidence["left"] == 1 and f.evidence["right"] == 2 for f in errors)


def test_dept_jspq20_zero_total_row_is_found(corpus_dir):
    errors = [f for f in _dept(corpus_dir, "pt-jspq-2020") if f.code == "SUM-02" and f.severity == "error"]
    assert {f.evidence["reported"] for f in errors} == {0} and len(errors) <= 7  # one per column at most
