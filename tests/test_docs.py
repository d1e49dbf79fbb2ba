"""docs/rules.md is generated from the rule files and must be current."""

from __future__ import annotations

from pathlib import Path

from govinfo_lint.api import load_rules
from govinfo_lint.explain import rules_markdown

ROOT = Path(__file__).resolve().parents[1]


def test_rule_reference_is_up_to_date():
    expected = rules_markdown(load_rules())
    actual = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert actual == expected, "run: govinfo-lint rules --format markdown > docs/rules.md"


def test_every_rule_is_in_the_readme_list_link():
    assert "docs/rules.md" in (ROOT / "README.md").read_text(encoding="utf-8")
