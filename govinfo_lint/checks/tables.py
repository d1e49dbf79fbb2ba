"""Tables present, with exactly the rows and cells of their format."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator

from .. import describe, template
from ..model import Report
from .base import Hit, cell_pointer, fmt_of, known_table, table_template, unknown_ids
from .kind import Kind


def validate(options: dict[str, Any]) -> Iterator[tuple[tuple, str]]:
    for i, tid in enumerate(options.get("tables", [options.get("table")])):
        if tid is not None and not known_table(tid):
            yield ("tables", i) if "tables" in options else ("table",), f"unknown table {tid!r}"
    if options.get("table") and known_table(options["table"]):
        for key in ("rows", "exclude"):
            yield from unknown_ids(options["table"], options.get(key, []), "rows", (key,))


# What a rule of kind table_present may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_TABLE_PRESENT = {"properties": {"tables": {"$ref": "#/$defs/tables"}}}


def check_table_present(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    for tid in options.get("tables", template.TABLE_IDS):
        section = report.section(tid)
        if tid not in report.tables or not report.tables[tid].rows:
            yield Hit(f"/tables/{tid}", {"table": describe.table_name(tid), "section": describe.section(tid)})
        elif section is not None and section.has_table is False:
            yield Hit(f"/sections/{tid}", {"table": describe.table_name(tid), "section": describe.section(tid)},
                      variant="elsewhere")


# What a rule of kind table_rows may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_TABLE_ROWS = {
    "required": ["table", "mode"],
    "properties": {
        "table": {"$ref": "#/$defs/table"},
        "mode": {"enum": ["missing", "extra", "structure", "order", "cells"]},
        "rows": {"$ref": "#/$defs/ids"},
        "exclude": {"$ref": "#/$defs/ids"},
    },
}


@dataclass
class _Rows:
    """What every mode of ``table_rows`` looks at: the table, its template and the rows in scope."""

    tid: str
    table: Any
    fmt: str
    tpl: Any
    scope: frozenset[str]
    expected: list[str]
    options: dict[str, Any]


def check_table_rows(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    tid = options["table"]
    table = report.tables.get(tid)
    if table is None:
        return
    fmt = fmt_of(report)
    scope, expected = _scope(tid, fmt, tuple(options.get("rows") or ()), tuple(options.get("exclude", ())))
    # A list of the report's own: a structure hit's evidence holds it.
    yield from _MODES[options["mode"]](_Rows(tid, table, fmt, table_template(report, tid), scope, list(expected),
                                             options))


# Eleven rules ask this of every report; it follows from the rule and the format alone.
@lru_cache(maxsize=256)
def _scope(tid: str, fmt: str, rows: tuple, exclude: tuple) -> tuple[frozenset, tuple]:
    """The rows in scope, and those of them the format has, in its order."""
    scope = set(rows or [r.id for r in template.TABLES["2019"][tid].rows]
                + [r.id for r in template.TABLES["2021"][tid].rows])
    scope -= set(exclude)
    return frozenset(scope), tuple(r.id for r in template.TABLES[fmt][tid].rows if r.id in scope)


def _missing(t: _Rows) -> Iterator[Hit]:
    for rid in t.expected:
        if rid not in t.table.rows:
            yield Hit(f"/tables/{t.tid}/{rid}", {"row": describe.row(t.fmt, t.tid, rid)})


def _extra(t: _Rows) -> Iterator[Hit]:
    tid, fmt = t.tid, t.fmt
    known = template.all_row_ids(tid)
    for rid, row in t.table.rows.items():
        if rid in t.scope and rid not in t.expected:
            yield Hit(f"/tables/{tid}/{rid}", {"row": describe.row(fmt, tid, rid),
                                                 "label": row.label or rid}, {"row": rid})
        elif rid not in known and not t.options.get("rows"):
            yield Hit(f"/tables/{tid}/{rid}", {"row": describe.bilingual(f"“{rid}”", rid), "label": rid},
                      {"row": rid}, variant="unknown_id")
    if not t.options.get("rows"):
        # An untitled row is a reading problem the reader already reported (RDR-06), not
        # a row the author added.
        for row in (r for r in t.table.extra_rows if r.label):
            yield Hit(f"/tables/{tid}", {"row": describe.bilingual(f"“{row.label}”", row.label or ""),
                                         "label": row.label or ""},
                      {"label": row.label}, loc=row.loc, variant="unmapped")


def _structure(t: _Rows) -> Iterator[Hit]:
    """A group of rows that must appear as a whole in one form or the other."""
    tid, fmt, expected = t.tid, t.fmt, t.expected
    present = [rid for rid in t.table.rows if rid in t.scope]
    if not present and expected:
        # Neither form at all: the group is missing (the missing-rows rule excludes it).
        yield Hit(f"/tables/{tid}/{expected[0]}",
                  {"found": describe.bilingual("（无）", "(none)"),
                   "expected": describe.bilingual("、".join(describe.row_label(fmt, tid, r) for r in expected),
                                                  ", ".join(expected))},
                  {"found": [], "expected": expected}, variant="missing")
    elif present and set(present) != set(expected):
        # Said briefly (how many rows, their short names); the full labels are in the evidence.
        yield Hit(f"/tables/{tid}/{present[0]}",
                  {"found": describe.bilingual(_short_rows(fmt, tid, present), ", ".join(present)),
                   "expected": describe.bilingual(_short_rows(fmt, tid, expected), ", ".join(expected)),
                   "found_count": len(present), "expected_count": len(expected)},
                  {"found": present, "expected": expected,
                   "found_labels": [describe.row_label(fmt, tid, r) for r in present],
                   "expected_labels": [describe.row_label(fmt, tid, r) for r in expected]})


def _order(t: _Rows) -> Iterator[Hit]:
    found = [rid for rid in t.table.rows if rid in t.expected]
    if found != [rid for rid in t.expected if rid in found]:
        first = next(a for a, b in zip(found, [r for r in t.expected if r in found]) if a != b)
        yield Hit(f"/tables/{t.tid}/{first}", {"row": describe.row(t.fmt, t.tid, first)}, {"found_order": found})


def _cells(t: _Rows) -> Iterator[Hit]:
    tid, fmt = t.tid, t.fmt
    for rid in t.expected:
        row = t.table.rows.get(rid)
        if row is None:
            continue
        wanted = t.tpl.columns_of(rid)
        for cid in wanted:
            if cid not in row.cells:
                yield Hit(cell_pointer(tid, rid, cid), {"cell": describe.cell(fmt, tid, rid, cid)}, loc=row.loc)
        for cid in row.cells:
            if cid not in wanted:
                yield Hit(cell_pointer(tid, rid, cid), {"cell": describe.bilingual(
                    f"{describe.row(fmt, tid, rid)['zh']}“{cid}”列", f"{describe.row(fmt, tid, rid)['en']}, column {cid}")},
                    {"column": cid}, variant="extra")


_MODES = {"missing": _missing, "extra": _extra, "structure": _structure, "order": _order, "cells": _cells}


def _short_rows(fmt: str, tid: str, rows: list[str]) -> str:
    """``1.申请人无正当理由逾期不补正、2.…、3.其他``: each label up to its first 、, without the
    group label it sits under."""
    group_labels = {r.group for r in template.TABLES[fmt][tid].rows if r.group} if fmt in template.TABLES else set()
    out = []
    for rid in rows:
        label = describe.row_label(fmt, tid, rid)
        for group in group_labels:
            if label.startswith(group) and label != group:
                label = label[len(group):]
        out.append(label.split("、")[0])
    return "；".join(out)


KINDS = {
    "table_present": Kind(check_table_present, options=OPTIONS_TABLE_PRESENT, validate=validate),
    "table_rows": Kind(check_table_rows, options=OPTIONS_TABLE_ROWS, validate=validate),
}
