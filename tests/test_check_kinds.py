"""Check kinds describe themselves: the registry and the schema's kind branches are made from them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from govinfo_lint import checks
from govinfo_lint.checks import generate
from govinfo_lint.checks.kind import Kind

ROOT = Path(__file__).resolve().parents[1]


def test_registry_and_schema_are_generated_from_the_kind_modules():
    assert generate.main(["--check"]) == 0, "run: python -m govinfo_lint.checks.generate"


def test_a_changed_option_makes_the_schema_stale(monkeypatch):
    from govinfo_lint.checks import identity

    current = generate.SCHEMA.read_text(encoding="utf-8")
    before = generate.schema_text(generate.kind_modules(), current)
    changed = dict(identity.KINDS)
    kind = changed["identity"]
    options = {**kind.options, "properties": {**kind.options["properties"], "new_option": {"type": "boolean"}}}
    changed["identity"] = Kind(kind.check, options=options, validate=kind.validate)
    monkeypatch.setattr(identity, "KINDS", changed)
    after = generate.schema_text(generate.kind_modules(), current)
    assert before == current and after != current and "new_option" in after


def test_a_new_kind_module_changes_the_registry(monkeypatch):
    modules = generate.kind_modules()
    source = generate.registry_source({**modules, "extra": {"extra_kind": Kind(lambda report, options: iter(()))}})
    assert '"extra_kind": "extra"' in source and source != generate.REGISTRY.read_text(encoding="utf-8")


def test_every_kind_resolves_to_its_module():
    for name, module_name in checks.MODULES.items():
        kind = checks.get(name)
        assert callable(kind.check)
        assert kind.check.__module__ == f"govinfo_lint.checks.{module_name}"
        assert (ROOT / checks.source_file(name)).is_file()


def test_the_schema_rejects_an_option_the_kind_does_not_declare():
    from jsonschema import Draft202012Validator

    schema = json.loads(generate.SCHEMA.read_text(encoding="utf-8"))
    sub = {"$defs": schema["$defs"], **schema["$defs"]["check"]}
    validator = Draft202012Validator(sub)
    assert validator.is_valid({"kind": "identity", "table": "requests", "left": ["a"], "right": ["b"]})
    assert not validator.is_valid({"kind": "identity", "table": "requests", "left": ["a"], "right": ["b"], "nope": 1})


def test_importing_the_registry_imports_no_kind_module():
    code = ("import sys, govinfo_lint.checks as c; "
            "print(sorted(m for m in sys.modules if m.startswith('govinfo_lint.checks.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['govinfo_lint.checks._registry']"


def test_rule_names_its_file_and_its_kind_module(capsys):
    from govinfo_lint.cli import main

    assert main(["rule", "SUM-01"]) == 0
    out = capsys.readouterr().out
    assert "规则文件: rules/sum/SUM-01.yaml" in out
    assert "检查类型: identity（govinfo_lint/checks/identity.py）" in out
