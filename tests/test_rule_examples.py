"""Every rule's examples run as tests: the failing ones raise exactly the expected findings."""

from __future__ import annotations

import pytest

from govinfo_lint.api import load_rules
from govinfo_lint.engine.runner import run_rule
from govinfo_lint.readers.structured import from_data
from govinfo_lint.samples import example_previous, example_report

RULES = load_rules()
CASES = [pytest.param(rule, ex, id=f"{rule.code}:{ex['name']}") for rule in RULES for ex in rule.examples]


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_rule_example(rule, example):
    report = from_data(example_report(rule.formats, example))
    previous = example_previous(rule.formats, example)
    if previous is not None:
        report.previous = from_data(previous)
    findings = run_rule(rule, report)
    assert sorted({f.pointer for f in findings}) == sorted(set(example["expect"])), [f.message for f in findings]
    if example.get("severity"):
        assert {f.severity for f in findings} == {example["severity"]}


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_has_failing_and_passing_example(rule):
    assert any(ex["expect"] for ex in rule.examples), "no failing example"
    assert any(not ex["expect"] for ex in rule.examples), "no passing example"
