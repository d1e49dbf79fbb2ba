"""govinfo-lint: a compliance linter for 政府信息公开工作年度报告.

The library API is small and lazy, so that ``govinfo-lint --version`` and a
pre-commit hook start fast::

    import govinfo_lint
    report = govinfo_lint.load("年报.docx")        # any supported input -> Report
    findings = govinfo_lint.lint(report)           # or lint("年报.yaml")
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__", "load", "lint", "load_rules"]


def __getattr__(name: str):
    if name in ("load", "lint", "load_rules"):
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
