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


def test_readme_sample_output_is_what_check_prints(capsys):
    import re

    from govinfo_lint.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sample = readme.split("$ govinfo-lint check examples/xilian-2019.yaml", 1)[1].split("```", 1)[0]
    main(["check", str(ROOT / "examples" / "xilian-2019.yaml")])
    out = capsys.readouterr().out
    summary = re.search(r"共检查.*。", sample).group(0)
    assert summary in out
    shown = [line.split()[0:2] for line in sample.splitlines() if re.match(r"\s+\d+:\d+\s+[A-Z]+-\d+", line)]
    assert shown and all(" ".join(pair) in " ".join(out.split()) for pair in shown)
