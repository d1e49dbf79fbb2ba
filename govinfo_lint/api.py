"""The library API: ``load`` a report, ``lint`` it, ``load_rules`` to choose rules (docs/api.md)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .engine.rules import Rule, load_rules as _load_rules, select as _select
from .findings import Finding
from .model import Report

_DEFAULT_RULES: list[Rule] | None = None


def load(source: str | os.PathLike[str] | dict[str, Any] | Report) -> Report:
    """A Report from a path (any supported format), a structured dict, or a Report."""
    if isinstance(source, Report):
        return source
    if isinstance(source, dict):
        from .readers.structured import from_data

        return from_data(source)
    from .readers import read

    return read(Path(source))


def load_rules(extra_dirs: list[str | os.PathLike[str]] | None = None, select: list[str] | None = None,
               ignore: list[str] | None = None) -> list[Rule]:
    """The shipped rules (plus any extra rule folders), filtered Ruff-style by code or prefix."""
    global _DEFAULT_RULES
    if extra_dirs:
        from .resources import data_dir

        rules = _load_rules([data_dir("rules")] + [Path(d) for d in extra_dirs])
    else:
        if _DEFAULT_RULES is None:
            _DEFAULT_RULES = _load_rules()
        rules = _DEFAULT_RULES
    _check_selectors(rules, select, "select")
    _check_selectors(rules, ignore, "ignore")
    return _select(rules, select, ignore)


def _check_selectors(rules: list[Rule], codes: list[str] | None, where: str) -> None:
    """A selector that names no rule is refused, as on the command line: a typo
    (``SUMM``) would otherwise silently run nothing and report a clean file."""
    from .config.files import ConfigError, unknown_selectors

    for _i, message in unknown_selectors(codes or (), [r.code for r in rules]):
        raise ConfigError(where, message)


def lint(source: str | os.PathLike[str] | dict[str, Any] | Report, rules: list[Rule] | None = None,
         lang: str = "zh") -> list[Finding]:
    """Findings for one report, sorted by place."""
    from .engine.runner import lint_report

    report = load(source)
    return lint_report(report, rules if rules is not None else load_rules(), lang)
