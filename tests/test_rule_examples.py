"""Every rule's examples run as tests: the failing ones raise exactly the expected findings."""

from __future__ import annotations

import pytest

from govinfo_lint.api import load_rules
from govinfo_lint.checks import SERIES_KINDS
from govinfo_lint.engine.runner import run_rule
from govinfo_lint.readers.structured import from_data
from govinfo_lint.samples import example_previous, example_report

RULES = load_rules()
# Series rules (SER) take several years of reports: tests/test_series_rules.py runs their examples.
CASES = [pytest.param(rule, ex, id=f"{rule.code}:{ex['name']}") for rule in RULES for ex in rule.examples
         if rule.kind not in SERIES_KINDS]


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
    if example.get("message_contains"):
        assert all(example["message_contains"] in f.message_zh for f in findings), [f.message_zh for f in findings]


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_has_failing_and_passing_example(rule):
    assert any(ex["expect"] for ex in rule.examples), "no failing example"
    assert any(not ex["expect"] for ex in rule.examples), "no passing example"


def test_every_reader_diagnostic_kind_has_a_rule():
    # A diagnostic kind without a rule would be dropped silently: the reader said something
    # that no output ever shows.
    import re
    from pathlib import Path

    import govinfo_lint

    source = "\n".join(p.read_text(encoding="utf-8") for p in Path(govinfo_lint.__file__).parent.rglob("*.py"))
    emitted = set(re.findall(r'Diagnostic\(\s*"([a-z_]+)"', source))
    covered = {k for r in RULES if r.kind == "diagnostic" for k in r.options["kinds"]}
    assert emitted and emitted <= covered, sorted(emitted - covered)
