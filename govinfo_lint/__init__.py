"""govinfo-lint: a compliance linter for 政府信息公开工作年度报告.

The library API (docs/api.md) is small and lazy, so that ``govinfo-lint --version`` and
a pre-commit hook start fast::

    import govinfo_lint
    report = govinfo_lint.load("年报.docx")        # any supported input -> Report
    findings = govinfo_lint.lint(report)           # or lint("年报.yaml")
    rules = govinfo_lint.load_rules(select=["SUM"])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

# name -> module that defines it; imported on first use only.
_EXPORTS = {
    "load": "api", "lint": "api", "load_rules": "api",
    "Finding": "findings", "SEVERITIES": "findings",
    "Report": "model", "Table": "model", "Row": "model", "Cell": "model", "Section": "model",
    "Location": "model", "Diagnostic": "model",
    "Rule": "engine.rules", "RuleError": "engine.rules",
    "ConfigError": "config.files",
    "report_to_dict": "serialize",
}
__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:  # what type checkers and IDEs see; at run time __getattr__ imports lazily
    from .api import lint, load, load_rules
    from .config.files import ConfigError
    from .engine.rules import Rule, RuleError
    from .findings import SEVERITIES, Finding
    from .model import Cell, Diagnostic, Location, Report, Row, Section, Table
    from .serialize import report_to_dict


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'govinfo_lint' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
