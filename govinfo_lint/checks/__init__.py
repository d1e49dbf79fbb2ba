"""The closed set of check kinds. A rule file names one; nothing else can run.

Each kind is a small module with ``check(report, options) -> Iterator[Hit]`` and,
optionally, ``validate(options) -> Iterator[(path, problem)]`` for what the JSON
Schema cannot see (unknown row or column ids).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module
from typing import Any, Iterator

KINDS = {
    "diagnostic": "diagnostic",
    "not_a_report": "document_kind",
    "sections_present": "sections",
    "section_heading": "sections",
    "section_numbering": "sections",
    "section_count": "sections",
    "section_text": "section_text",
    "table_present": "tables",
    "table_rows": "tables",
    "labels": "labels",
    "cell_values": "cell_values",
    "identity": "identity",
    "subtotals": "subtotals",
    "metadata": "metadata",
    "conditional": "conditional",
    "format_mixed": "metadata",
    # narrative against tables, last year, level, publication, writing (issue 4)
    "text_figures": "text_figures",
    "text_percentages": "text_figures",
    "text_parts": "text_figures",
    "text_claims": "text_claims",
    "fee_statement": "text_claims",
    "row_share": "text_claims",
    "cross_year": "cross_year",
    "cross_year_format": "cross_year",
    "previous_mismatch": "cross_year",
    "cross_year_tables": "cross_year",
    "cross_year_text": "cross_year",
    "problems_repeated": "cross_year",
    "enumeration": "writing",
    "repeated_words": "writing",
    "boilerplate": "writing",
    "publicity": "writing",
    "mentions": "writing",
    "agency_name": "agency_names",
    "deadline": "publication",
    "agency_pattern": "publication",
    # an organ's reports over the years (issue 18): run by series.signals, never by check
    "series_jump": "series",
    "series_definition": "series",
    "series_repeated_text": "series",
    "series_review": "series",
    "series_chain": "series",
    "series_gap": "series",
    "series_deadline": "series",
}

SERIES_KINDS = frozenset(k for k, m in KINDS.items() if m == "series")


def module(kind: str):
    return import_module(f".{KINDS[kind]}", __name__)


@lru_cache(maxsize=None)
def _check(kind: str):
    return getattr(module(kind), "check_" + kind)


def run(kind: str, report, options: dict[str, Any]):
    return _check(kind)(report, options)


def validate_options(kind: str, options: dict[str, Any]) -> Iterator[tuple[tuple, str]]:
    mod = module(kind)
    validator = getattr(mod, "validate_" + kind, None) or getattr(mod, "validate", None)
    if validator:
        yield from validator(options)
