"""The closed set of check kinds. A rule file names one; nothing else can run.

Each kind lives in one module, which ends with ``KINDS = {name: Kind(check, options,
validate)}`` (see ``kind.py``). ``_registry.MODULES`` says which module holds which
kind, so a run imports only the modules of the kinds its rules use; it and the kind
branches of ``schemas/rule.schema.json`` are generated from the modules by
``python -m govinfo_lint.checks.generate`` (a test fails when they drift).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module
from typing import Any, Iterator

from ._registry import MODULES

KINDS = MODULES  # the kind names a rule may use
# An organ's reports over the years (issue 18): run by series.signals over a Series, never by check.
SERIES_KINDS = frozenset(k for k, m in MODULES.items() if m == "series")


def module(kind: str):
    return import_module(f".{MODULES[kind]}", __name__)


@lru_cache(maxsize=None)
def get(kind: str):
    """The ``Kind`` of that name."""
    return module(kind).KINDS[kind]


def reads_previous(kind: str, options: dict[str, Any]) -> bool:
    """Whether a rule of this kind and options reads last year's report (``Kind.reads_previous``)."""
    reads = get(kind).reads_previous
    return reads(options) if callable(reads) else bool(reads)


def run(kind: str, report, options: dict[str, Any], context=None):
    """The hits of one rule; ``context`` is the run's shared analysis of the report (a new one if none)."""
    found = get(kind)
    if not found.uses_context:
        return found.check(report, options)
    from .context import Context

    return found.check(report, options, context if context is not None else Context(report))


def validate_options(kind: str, options: dict[str, Any]) -> Iterator[tuple[tuple, str]]:
    validator = get(kind).validate
    if validator:
        yield from validator(options)


def source_file(kind: str) -> str:
    """Where a kind's code is, relative to the project root, for ``govinfo-lint rule CODE``."""
    return f"govinfo_lint/checks/{MODULES[kind].replace('.', '/')}.py"
