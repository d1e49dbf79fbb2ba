"""What a cell may hold: counts, signed changes, amounts; blanks and placeholders."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from functools import lru_cache
from typing import Any, Iterator

from .. import describe, template
from ..model import READER_UNREAD, Cell, Report
from .base import GROUP_AT, Hit, cell_pointer, fmt_of, known_table, quoted_names, unknown_ids
from .kind import Kind

REQUIREMENTS = ("nonneg_int", "signed_int", "nonneg_decimal", "filled", "unit", "max_decimals", "plain_text")


def validate(options: dict[str, Any]) -> Iterator[tuple[tuple, str]]:
    for i, tid in enumerate(options.get("tables", [])):
        if not known_table(tid):
            yield ("tables", i), f"unknown table {tid!r}"
            return
    if len(options.get("tables", [])) == 1:
        yield from unknown_ids(options["tables"][0], options.get("rows", []), "rows", ("rows",))
        yield from unknown_ids(options["tables"][0], options.get("columns", []), "columns", ("columns",))


def _selected(report: Report, options: dict[str, Any]):
    kinds = frozenset(options.get("column_kinds", ["count", "signed", "amount"]))
    rows, columns = options.get("rows"), tuple(options.get("columns") or ())
    fmt = fmt_of(report)
    for tid in options.get("tables", ["proactive", "requests", "review"]):
        table = report.tables.get(tid)
        if table is None:
            continue
        by_row, other_rows = _kept(fmt, tid, kinds, columns)
        for rid, row in table.rows.items():
            if rows and rid not in rows:
                continue
            kept = by_row.get(rid, other_rows)
            if kept:
                for cid, cell in row.cells.items():
                    if cid in kept:
                        yield tid, rid, cid, cell


# Which of a row's cells a rule looks at follows from the template alone: worked out once per
# rule and format, not for every cell of every report.
@lru_cache(maxsize=256)
def _kept(fmt: str, tid: str, kinds: frozenset, columns: tuple) -> tuple[dict[str, frozenset], frozenset]:
    """The kept column ids of each row with its own columns, and of every other row."""
    tpl = template.TABLES[fmt][tid]

    def keep(ids) -> frozenset:
        return frozenset(c for c in ids if (not columns or c in columns)
                         and (col := tpl.column(c)) is not None and col.kind in kinds)

    return {rid: keep(ids) for rid, ids in tpl.row_columns.items()}, keep(c.id for c in tpl.columns)


# A column left blank (or filled with the same placeholder) on GROUP_AT rows or more is one
# habit of the filer, not that many defects: one finding for the column, its cells in
# the evidence (issue 12: 125 findings for five blank columns).


# What a rule of kind cell_values may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_CELL_VALUES = {
    "required": ["require"],
    "properties": {
        "require": {
            "enum": ["nonneg_int", "signed_int", "nonneg_decimal", "filled", "unit", "max_decimals", "plain_text"],
        },
        "tables": {"$ref": "#/$defs/tables"},
        "rows": {"$ref": "#/$defs/ids"},
        "columns": {"$ref": "#/$defs/ids"},
        "column_kinds": {"type": "array", "items": {"enum": ["count", "signed", "amount"]}},
        "max": {"type": "integer", "minimum": 0},
    },
}


def check_cell_values(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    fmt = fmt_of(report)
    need = options["require"]
    hits: list[tuple[str, str, str, Cell, Hit]] = []
    # Most cells hold a whole number ≥ 0, which only these requirements may object to.
    ints_fine = need not in ("unit", "plain_text")
    for tid, rid, cid, cell in _selected(report, options):
        if ints_fine and type(cell.value) is int and cell.value >= 0:
            continue
        problem = _problem(need, cell, options)
        if problem is None:
            continue
        variant, extra = problem
        params = {"cell": describe.cell(fmt, tid, rid, cid), "raw": cell.display, **extra}
        evidence = {"raw": cell.raw, "value": _plain(cell.value)}
        hits.append((tid, rid, cid, cell, Hit(cell_pointer(tid, rid, cid), params, evidence, variant=variant)))
    if need != "filled":
        yield from (h[-1] for h in hits)
        return
    # A hit's group key beside its table and column (or row): the blank, or the same placeholder.
    keyed = [(item, (item[4].variant, item[3].display if item[4].variant else None)) for item in hits]
    groups: dict[tuple, list] = {}
    for item, key in keyed:
        groups.setdefault((item[0], item[2], *key), []).append(item)
    # What no column took, a row may: a row blank in three columns or more is one finding.
    rows: dict[tuple, list] = {}
    for item, key in keyed:
        if len(groups[(item[0], item[2], *key)]) < GROUP_AT:
            rows.setdefault((item[0], item[1], *key), []).append(item)
    done: set[int] = set()
    for item, key in keyed:
        tid, rid, cid, _cell, hit = item
        group, by_row = groups[(tid, cid, *key)], False
        if len(group) < GROUP_AT:
            group, by_row = rows[(tid, rid, *key)], True
            if len(group) < GROUP_AT:
                yield hit
                continue
        if id(group) not in done:
            done.add(id(group))
            yield _group_hit(report, fmt, group, by_row)


def _group_hit(report: Report, fmt: str, group: list, by_row: bool) -> Hit:
    tid, rid, cid, first, hit = group[0]
    if by_row:
        names = [describe.column_label(fmt, tid, c) for _t, _r, c, _cell, _h in group]
        where, pointer, kind = describe.row(fmt, tid, rid), f"/tables/{tid}/{rid}", "row"
    else:
        names = [describe.row_label(fmt, tid, r) for _t, r, _c, _cell, _h in group]
        where, pointer, kind = describe.column(fmt, tid, cid), f"/labels/{tid}/columns/{cid}", "column"
    shown = quoted_names(names, 3)
    params = {"where": where, "count": len(group), "rows": shown, "raw": first.display}
    evidence = {"cells": {h.pointer: h.evidence["raw"] for *_x, h in group}}
    return Hit(pointer, params, evidence, variant=f"{kind}_placeholder" if hit.variant else kind,
               loc=first.loc or report.locate(hit.pointer))


def _problem(need: str, cell: Cell, options: dict[str, Any]):
    value = cell.value
    if need == "filled":
        if cell.parse_error:
            return None  # an unreadable cell is VAL-01's
        if cell.is_placeholder:
            return "placeholder", {}
        if value is None:
            return None, {}
        return None
    if need in ("nonneg_int", "signed_int", "nonneg_decimal") and value is None:
        return (("not_number", {}) if cell.parse_error and cell.parse_error not in READER_UNREAD else None)
    if need == "nonneg_int":
        if isinstance(value, Decimal) and value != value.to_integral_value():
            return "fraction", {}
        if value < 0:
            return "negative", {}
        return None
    if need == "signed_int":
        if isinstance(value, Decimal) and value != value.to_integral_value():
            return "fraction", {}
        return None
    if need == "nonneg_decimal":
        return ("negative", {}) if value < 0 else None
    if need == "max_decimals":
        if isinstance(value, Decimal):
            places = -value.as_tuple().exponent if value.as_tuple().exponent < 0 else 0
            if places > options.get("max", 4):
                return None, {"places": places, "max": options.get("max", 4)}
        return None
    if need == "unit":
        if value is None or value == 0:
            return None
        if cell.unit is None:
            return None, {}
        return None
    if need == "plain_text":
        raw = cell.raw
        if raw is None or value is None:
            return None
        if "," in raw or "，" in raw or unicodedata.normalize("NFKC", raw) != raw:
            return None, {}
        return None
    return None


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    return value


KINDS = {
    "cell_values": Kind(check_cell_values, options=OPTIONS_CELL_VALUES, validate=validate),
}
