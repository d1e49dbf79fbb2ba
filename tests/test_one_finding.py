"""One defect, one finding: a column left blank is one VAL-02, an identity it blocks one info (issue 12)."""

from __future__ import annotations

from collections import Counter

from govinfo_lint import template
from govinfo_lint.api import load_rules
from govinfo_lint.engine.runner import lint_report
from govinfo_lint.readers import read
from govinfo_lint.readers.structured import from_data
from govinfo_lint.samples import apply_patch, sample_report

RULES = load_rules(select=["VAL", "SUM"])
BLANK_COLUMNS = ("commercial", "research", "social_org", "legal_service", "other_org")


def _blank_columns(fmt: str = "2021"):
    rows = [r.id for r in template.TABLES[fmt]["requests"].rows]
    patch = {f"/tables/requests/{r}/{c}": None for r in rows for c in BLANK_COLUMNS}
    return from_data(apply_patch(sample_report(fmt), patch)), rows


def test_five_blank_columns_are_five_findings_not_one_per_cell():
    report, rows = _blank_columns()
    blanks = [f for f in lint_report(report, RULES) if f.code == "VAL-02"]
    assert sorted(f.pointer for f in blanks) == sorted(f"/labels/requests/columns/{c}" for c in BLANK_COLUMNS)
    for finding in blanks:
        assert finding.severity == "warning" and f"{len(rows)} 个单元格为空" in finding.message
        assert len(finding.evidence["cells"]) == len(rows)


def test_a_single_blank_cell_keeps_its_cell_pointer():
    report = from_data(apply_patch(sample_report("2021"), {"/tables/requests/granted/research": None,
                                                           "/tables/requests/denied_query/research": None}))
    blanks = [f.pointer for f in lint_report(report, RULES) if f.code == "VAL-02"]
    assert sorted(blanks) == ["/tables/requests/denied_query/research", "/tables/requests/granted/research"]


def test_identities_blocked_by_the_blank_columns_are_said_once_per_rule():
    report, rows = _blank_columns()
    sums = [f for f in lint_report(report, RULES) if f.code.startswith("SUM")]
    assert sums and all(f.severity == "info" for f in sums)
    per_rule = Counter(f.code for f in sums)
    assert max(per_rule.values()) == 1, per_rule
    sum03 = next(f for f in sums if f.code == "SUM-03")  # 总计 = sum of applicants, on every row
    assert sum03.pointer == "/tables/requests" and len(sum03.evidence["where"]) == len(rows)


def test_a_defect_is_still_an_error_beside_unassessable_columns():
    report, _ = _blank_columns()
    report.tables["requests"].rows["handled_total"].cells["natural_person"].value += 5
    errors = [f for f in lint_report(report, RULES) if f.severity == "error"]
    assert errors and all(f.code.startswith("SUM") for f in errors)


def test_real_shanghai_2019_blank_cells_are_grouped(corpus_dir):
    findings = lint_report(read(corpus_dir / "shanghai-office-2019" / "page.html"), RULES)
    blanks = [f for f in findings if f.code == "VAL-02"]
    assert blanks and all(f.severity == "warning" for f in blanks)
    pointers = {f.pointer for f in blanks}
    assert {"/labels/requests/columns/research", "/labels/requests/columns/social_org",
            "/labels/requests/columns/total"} <= pointers
    research = next(f for f in blanks if f.pointer == "/labels/requests/columns/research")
    assert len(research.evidence["cells"]) >= 20
    assert all(f.location is not None and f.location.line for f in blanks)  # at the first blank cell
    assert len(blanks) <= 15  # was 135, one per cell
    sums = [f for f in findings if f.code.startswith("SUM")]
    assert all(f.severity == "info" for f in sums) and max(Counter(f.code for f in sums).values()) == 1
