"""Every series rule's examples run as tests: a series built from the example raises exactly
the expected findings, named YEAR:POINTER."""

from __future__ import annotations

import pytest

from govinfo_lint.api import load_rules
from govinfo_lint.checks import SERIES_KINDS
from govinfo_lint.readers.structured import from_data
from govinfo_lint.series.build import build_series
from govinfo_lint.series.samples import example_series
from govinfo_lint.series.signals import run_series_rule

RULES = [r for r in load_rules() if r.kind in SERIES_KINDS]
CASES = [pytest.param(rule, ex, id=f"{rule.code}:{ex['name']}") for rule in RULES for ex in rule.examples]


def test_there_are_series_rules():
    assert {r.code for r in RULES} >= {"SER-01", "SER-02", "SER-03", "SER-04", "SER-05", "SER-06"}


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_series_rule_example(rule, example):
    assert "series" in example, "a series rule's example gives a series"
    reports = [from_data(data) for data in example_series(example)]
    found = [f"{s.year}:{s.finding.pointer}" for series in build_series(reports) for s in run_series_rule(rule, series)]
    assert sorted(set(found)) == sorted(set(example["expect"])), found


def test_series_rules_never_run_in_check():
    from govinfo_lint.api import lint
    from govinfo_lint.samples import sample_report

    assert not [f for f in lint(sample_report("2021")) if f.code.startswith("SER")]
