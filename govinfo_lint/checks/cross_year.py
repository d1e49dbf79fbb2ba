"""The report against the same organ's report of the year before (XYR).

Every kind here is silent unless ``report.previous`` is set and is the report of
exactly the year before: a report two years back, or of another organ, proves nothing.

``cross_year``: an identity whose terms come from this year (``this:``) or last year
(``last:``), e.g. 上年结转(t) = 结转下年度(t−1). ``cross_year_format``: the format went
back from 2021 to 2019. ``cross_year_tables``: a table identical to last year's.
``cross_year_text``: a section nearly identical to last year's (年年雷同).
``problems_repeated``: the same list of problems as last year.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Iterator

from .. import template
from .. import describe
from ..model import Report
from .base import Hit, expand, fmt_of, known_table
from .narrative.scan import clean
from .. import lazy_re
from .kind import Kind


def previous_of(report: Report, formats: list[str] | None = None) -> Report | None:
    previous = report.previous
    if previous is None or not report.year or previous.year != report.year - 1 or not _same_organ(report, previous):
        return None
    if formats is not None and (previous.format or fmt_of(previous)) not in formats:
        return None
    return previous


def _same_organ(report: Report, previous: Report) -> bool:
    """Unknown names prove nothing either way; known ones must name one organ."""
    from ..run.pairing import agency_key, same_organ

    this, last = agency_key(report.agency), agency_key(previous.agency)
    return this is None or last is None or same_organ(this, last)


def check_previous_mismatch(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    """A report given as last year's (``--previous``) that is not: the cross-year rules stay
    silent on it, and the user must hear why rather than read a clean result."""
    previous = report.previous
    if previous is None:
        return
    reasons = []
    if report.year and previous.year != report.year - 1:
        reasons.append(describe.bilingual(
            f"其年度为{previous.year or '（未识别）'}年，而非{report.year - 1}年",
            f"its year is {previous.year or '(not recognised)'}, not {report.year - 1}"))
    if not _same_organ(report, previous):
        reasons.append(describe.bilingual(f"其机关为“{previous.agency}”，而非“{report.agency}”",
                                          f"its organ is '{previous.agency}', not '{report.agency}'"))
    if not reasons:
        return
    zh = "；".join(r["zh"] for r in reasons)
    en = "; ".join(r["en"] for r in reasons)
    yield Hit("/year", {"previous_source": previous.source, "reasons": describe.bilingual(zh, en)},
              {"previous_source": previous.source, "previous_year": previous.year, "previous_agency": previous.agency,
               "year": report.year, "agency": report.agency})


def validate(options: dict[str, Any]) -> Iterator[tuple[tuple, str]]:
    table_id = options.get("table")
    if table_id is not None and not known_table(table_id):
        yield ("table",), f"unknown table {table_id!r}"
        return
    for side in ("left", "right"):
        for i, term in enumerate(options.get(side, [])):
            if not re.fullmatch(r"-?(this|last):[a-z_]+", term):
                yield (side, i), f"a term is this:<id> or last:<id> (optionally with a leading -), got {term!r}"
    for i, sid in enumerate(options.get("sections", [])):
        if sid not in template.SECTION_IDS:
            yield ("sections", i), f"unknown section id {sid!r}"


def _value(report: Report, table_id: str, row: str, col: str):
    table = report.tables.get(table_id)
    cell = table.cell(row, col) if table else None
    return None if cell is None or cell.value is None else Decimal(cell.value)


def _num(value: Decimal):
    return int(value) if value == value.to_integral_value() else float(value)


# What a rule of kind cross_year may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_CROSS_YEAR = {
    "required": ["table", "left", "right"],
    "properties": {
        "table": {"$ref": "#/$defs/table"},
        "per": {"enum": ["column", "row"]},
        "over": {"$ref": "#/$defs/ids"},
        "left": {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": "^-?(this|last):[a-z_]+$"}},
        "right": {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": "^-?(this|last):[a-z_]+$"}},
        "relation": {"enum": ["eq", "ge"]},
        "previous_formats": {"type": "array", "items": {"enum": ["2019", "2021"]}},
        "years": {"type": "array", "items": {"type": "integer"}},
    },
}


def check_cross_year(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    previous = previous_of(report, options.get("previous_formats") or [fmt_of(report)])
    if previous is None or (options.get("years") and report.year not in options["years"]):
        return
    table_id, per = options["table"], options.get("per", "column")
    fmt = fmt_of(report)
    tpl = template.table(fmt, table_id)
    default = [c.id for c in tpl.columns] if per == "column" else []
    over = expand(options.get("over") or default, fmt)
    relation = options.get("relation", "eq")
    for where in over:
        sums, cells = [], {}
        for side in ("left", "right"):
            total = Decimal(0)
            for term in options[side]:
                sign = -1 if term.startswith("-") else 1
                which, ident = term.lstrip("-").split(":")
                row, col = (ident, where) if per == "column" else (where, ident)
                source = report if which == "this" else previous
                value = _value(source, table_id, row, col)
                if value is None:
                    break
                cells[("" if which == "this" else "previous:") + f"/tables/{table_id}/{row}/{col}"] = _num(value)
                total += sign * value
            else:
                sums.append(total)
                continue
            break
        if len(sums) != 2:
            continue  # a blank cell: VAL/SUM rules speak of it
        left, right = sums
        if (left == right) if relation == "eq" else (left >= right):
            continue
        first = options["left"][0].lstrip("-").split(":")[1]
        row, col = (first, where) if per == "column" else (where, first)
        params = {"cell": describe.cell(fmt, table_id, row, col), "left": _num(left), "right": _num(right),
                  "year": report.year, "previous_year": previous.year,
                  "where": describe.column(fmt, table_id, where) if per == "column" else describe.row(fmt, table_id, where)}
        yield Hit(f"/tables/{table_id}/{row}/{col}", params,
                  {"left": _num(left), "right": _num(right), "difference": _num(left - right), "cells": cells,
                   "previous_year": previous.year, "previous_source": previous.source})


def check_cross_year_format(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    previous = previous_of(report)
    if previous is None or not previous.format or not report.format:
        return
    if previous.format == "2021" and report.format == "2019":
        yield Hit("/format", {"year": report.year, "previous_year": previous.year},
                  {"format": report.format, "previous_format": previous.format, "previous_source": previous.source})


# What a rule of kind cross_year_tables may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_CROSS_YEAR_TABLES = {"properties": {"tables": {"$ref": "#/$defs/tables"}, "min_nonzero": {"type": "integer", "minimum": 0}}}


def check_cross_year_tables(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    previous = previous_of(report, [fmt_of(report)])
    if previous is None:
        return
    for table_id in options.get("tables") or template.TABLE_IDS:
        this, last = report.tables.get(table_id), previous.tables.get(table_id)
        if this is None or last is None:
            continue
        pairs = []
        for rid, row in this.rows.items():
            for cid, cell in row.cells.items():
                if cell.value is None:
                    continue
                old = last.cell(rid, cid)
                pairs.append((cell.value, None if old is None else old.value))
        nonzero = sum(1 for v, _ in pairs if v)
        if not pairs or nonzero < options.get("min_nonzero", 3) or any(Decimal(v) != Decimal(o) if o is not None
                                                                       else True for v, o in pairs):
            continue
        yield Hit(f"/tables/{table_id}", {"table": describe.table_name(table_id), "cells": len(pairs),
                                          "previous_year": previous.year},
                  {"identical_cells": len(pairs), "nonzero": nonzero, "previous_source": previous.source})


# --- text --------------------------------------------------------------------------------

_NOISE = lazy_re.compile(r"[\W_]+")


def comparable(text: str) -> str:
    """Wording only: no spaces, punctuation or digits (years and figures change every year)."""
    return re.sub(r"\d+", "0", _NOISE.sub("", clean(text)))


def similarity(a: str, b: str) -> float:
    from difflib import SequenceMatcher  # only with last year's report: not on every run's import path

    return SequenceMatcher(None, a, b, autojunk=False).ratio() if a and b else 0.0


# What a rule of kind cross_year_text may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_CROSS_YEAR_TEXT = {
    "properties": {
        "sections": {"type": "array", "items": {"$ref": "#/$defs/section"}},
        "threshold": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
        "min_chars": {"type": "integer", "minimum": 1},
    },
}


def check_cross_year_text(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    previous = previous_of(report)
    if previous is None:
        return
    threshold, min_chars = options.get("threshold", 0.8), options.get("min_chars", 100)
    for sid in options.get("sections") or ["overview", "problems"]:
        this, last = report.section(sid), previous.section(sid)
        if this is None or last is None:
            continue
        a, b = comparable(this.text), comparable(last.text)
        if min(len(a), len(b)) < min_chars:
            continue
        score = similarity(a, b)
        if score >= threshold:
            yield Hit(f"/sections/{sid}", {"section": describe.section(sid), "score": f"{score * 100:.0f}",
                                           "previous_year": previous.year, "threshold": f"{threshold * 100:.0f}"},
                      {"similarity": round(score, 3), "threshold": threshold, "characters": len(a),
                       "previous_characters": len(b), "previous_source": previous.source})


_MEASURES = lazy_re.compile(r"改进措施|改进情况|整改措施|下一步|针对(?:上述|以上|存在)|将采取|我们将|拟采取")
_ITEM = lazy_re.compile(r"[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[）)]|(?<![\d.])\d+[.、．]|；|;")


def problem_items(text: str) -> list[str]:
    """The problems of 五 (before the improvement measures), one normalised item each."""
    text = clean(text)
    cut = _MEASURES.search(text, 20)
    problems = text[:cut.start()] if cut else text
    items = [comparable(p) for p in _ITEM.split(problems)]
    return [i for i in items if len(i) >= 6]


# What a rule of kind problems_repeated may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_PROBLEMS_REPEATED = {"properties": {"min_items": {"type": "integer", "minimum": 1}}}


def check_problems_repeated(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    previous = previous_of(report)
    this, last = report.section("problems"), previous.section("problems") if previous else None
    if this is None or last is None:
        return
    mine, theirs = problem_items(this.text), problem_items(last.text)
    if len(mine) < options.get("min_items", 1) or sorted(mine) != sorted(theirs):
        return
    yield Hit("/sections/problems", {"section": describe.section("problems"), "count": len(mine),
                                     "previous_year": previous.year},
              {"items": len(mine), "previous_source": previous.source})


def _reads_previous(check, **more) -> Kind:
    # Every check here compares the report with last year's (checks.kind.Kind.reads_previous).
    return Kind(check, validate=validate, reads_previous=True, **more)


KINDS = {
    "cross_year": _reads_previous(check_cross_year, options=OPTIONS_CROSS_YEAR),
    "cross_year_format": _reads_previous(check_cross_year_format),
    "previous_mismatch": _reads_previous(check_previous_mismatch),
    "cross_year_tables": _reads_previous(check_cross_year_tables, options=OPTIONS_CROSS_YEAR_TABLES),
    "cross_year_text": _reads_previous(check_cross_year_text, options=OPTIONS_CROSS_YEAR_TEXT),
    "problems_repeated": _reads_previous(check_problems_repeated, options=OPTIONS_PROBLEMS_REPEATED),
}
