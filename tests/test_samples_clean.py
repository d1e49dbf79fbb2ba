"""The clean samples (base of every rule example and of ``init``) raise no finding of any rule."""

from __future__ import annotations

import pytest

from govinfo_lint.api import load_rules
from govinfo_lint.engine.runner import lint_report
from govinfo_lint.readers.structured import from_data
from govinfo_lint.samples import sample_report

RULES = load_rules()


@pytest.mark.parametrize(("fmt", "year", "level"), [
    ("2021", None, "county_department"),
    ("2019", None, "county_department"),
    ("2019", 2019, "county_department"),
    ("2021", 2021, "township"),
    ("2021", 2024, None),
])
def test_sample_is_clean(fmt, year, level):
    report = from_data(sample_report(fmt, year=year, level=level))
    findings = lint_report(report, RULES)
    assert findings == [], [f"{f.code} {f.pointer} {f.message}" for f in findings]


def test_rules_are_loaded():
    families = {r.family for r in RULES}
    assert {"META", "SEC", "TBL", "LBL", "VAL", "LVL", "RDR"} <= families
