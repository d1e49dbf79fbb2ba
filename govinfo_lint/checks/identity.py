"""Linear identities over cells (勾稽关系), expanded per column or per row.

Exact integer/Decimal arithmetic; a tolerance only for amounts. When a cell needed
by an identity is blank, a placeholder, unreadable or missing, the identity cannot
be assessed: that is said (an info hit naming the cells), never passed silently.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Any, Iterator

from .. import describe, template
from ..model import Report, Table
from .base import GROUP_AT, Hit, cell_pointer, expand, fmt_of, known_table, quoted_names, unknown_ids
from .kind import Kind

RELATIONS = {"eq": "=", "le": "≤", "ge": "≥"}


def validate(options: dict[str, Any]) -> Iterator[tuple[tuple, str]]:
    table_id = options["table"]
    if not known_table(table_id):
        yield ("table",), f"unknown table {table_id!r}"
        return
    per = options.get("per", "column")
    term_kind = {"column": "rows", "row": "columns"}.get(per)
    over_kind = {"column": "columns", "row": "rows"}.get(per)
    for side in ("left", "right"):
        terms = options.get(side, [])
        if term_kind:
            yield from unknown_ids(table_id, terms, term_kind, (side,))
        else:
            for i, term in enumerate(terms):
                if term.lstrip("-").count("/") != 1:
                    yield (side, i), f"a term of a per: cell identity is 'row/column', got {term!r}"
    if over_kind and options.get("over"):
        yield from unknown_ids(table_id, options["over"], over_kind, ("over",))


def _resolve_rows(ids: list[str], fmt: str, present) -> list[str]:
    rows = expand(ids, fmt)
    # A 2021 report that kept the single 2019 （六）其他处理 row: count that row in place
    # of the three sub-rows, so the totals can still be checked (TBL-08 flags the form).
    subrows = ("other_no_correction", "other_fee_unpaid", "other_misc")
    if "other" in present and not any(r in present for r in subrows):
        if any(r.lstrip("-") in subrows for r in rows):
            rows = [r for r in rows if r.lstrip("-") not in subrows] + ["other"]
    return rows


# What a rule of kind identity may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_IDENTITY = {
    "required": ["table", "left", "right"],
    "properties": {
        "table": {"$ref": "#/$defs/table"},
        "per": {"enum": ["column", "row", "cell"]},
        "over": {"$ref": "#/$defs/ids"},
        "left": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "right": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "relation": {"enum": ["eq", "le", "ge"]},
        "tolerance": {"type": "number", "minimum": 0},
        "skip_when_unassessable": {"type": "boolean"},
    },
}


def check_identity(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    table_id = options["table"]
    table = report.tables.get(table_id)
    if table is None:
        return
    fmt = fmt_of(report)
    per = options.get("per", "column")
    tolerance = Decimal(str(options.get("tolerance", 0)))
    relation = options.get("relation", "eq")
    quiet = options.get("skip_when_unassessable", False)
    instances = _instances(table_id, per, tuple(options.get("over") or ()), tuple(options["left"]),
                           tuple(options["right"]), fmt, tuple(table.rows))
    unassessable = []
    for where, left_terms, right_terms, signed in instances:
        if _passes(table, signed, relation, tolerance, quiet):
            continue
        hit = _evaluate(report, table, table_id, fmt, per, where, left_terms, right_terms, relation, tolerance, quiet)
        if hit and hit.variant == "unassessable":
            unassessable.append((where, hit))
        elif hit:
            yield hit
    if len(unassessable) < GROUP_AT or per not in ("column", "row"):
        yield from (h for _, h in unassessable)
    else:
        yield _not_assessable_once(report, fmt, table_id, per, unassessable)


# The instances of a rule depend on the report only through its format and which rows its
# table has, the same for nearly every report: made once, not for each report.
@lru_cache(maxsize=256)
def _instances(table_id: str, per: str, over: tuple, left: tuple, right: tuple, fmt: str, present: tuple) -> tuple:
    tpl = template.TABLES[fmt][table_id]
    if per == "column":
        over_ids = expand(list(over) or [c.id for c in tpl.columns], fmt)
        left_rows = _resolve_rows(list(left), fmt, present)
        right_rows = _resolve_rows(list(right), fmt, present)
        instances = [(col, [(r, col) for r in left_rows], [(r, col) for r in right_rows]) for col in over_ids]
    elif per == "row":
        rows = list(over) or [r.id for r in tpl.rows]
        instances = [(row, [(row, c) for c in expand(list(left), fmt)],
                      [(row, c) for c in expand(list(right), fmt)]) for row in expand(rows, fmt)
                     if row in present]
    else:
        instances = [(None, [tuple(t.split("/")) for t in left], [tuple(t.split("/")) for t in right])]
    return tuple((where, lt, rt, (_signed(lt), _signed(rt))) for where, lt, rt in instances)


def _signed(terms: list) -> tuple:
    return tuple((row.lstrip("-"), col.lstrip("-"), -1 if (row.startswith("-") or col.startswith("-")) else 1)
                 for row, col in terms)


def _passes(table: Table, signed: tuple, relation: str, tolerance: Decimal, quiet: bool, whole: bool = True) -> bool:
    """Whether ``_evaluate`` would find nothing: the same sums, without the names and cells a
    hit needs, which nearly every identity of nearly every report does not. ``whole``: summed
    as ints, until a value is not a whole number well within the (never changed) default
    Decimal context's 28 digits; then as Decimals, from the start."""
    rows, sums = table.rows, []
    for terms in signed:
        total = 0 if whole else Decimal(0)
        for row_id, col_id, sign in terms:
            row = rows.get(row_id)
            cell = row.cells.get(col_id) if row else None
            if cell is None or cell.value is None:
                return quiet
            value = cell.value
            if not whole:
                value = Decimal(value)
            elif type(value) is not int or not -_SMALL < value < _SMALL:
                return _passes(table, signed, relation, tolerance, quiet, whole=False)
            total += sign * value
        sums.append(total)
    return _holds(relation, *sums, tolerance)


# Counts are ints: summed as ints, four times faster than as Decimals.
_SMALL = 10 ** 15


def _holds(relation: str, left, right, tolerance: Decimal) -> bool:
    if relation == "eq":
        return abs(left - right) <= tolerance
    return left <= right + tolerance if relation == "le" else left + tolerance >= right


# Blank cells on GROUP_AT rows (or columns) or more make the identity unassessable on each of
# them: that is one fact about the table, said once with the places in the evidence.


def _not_assessable_once(report: Report, fmt: str, table_id: str, per: str, hits: list) -> Hit:
    label = describe.row_label if per == "row" else describe.column_label
    names = [label(fmt, table_id, where) for where, _ in hits]
    shown = quoted_names(names, 2)
    unit = ("行", "rows") if per == "row" else ("列", "columns")
    table = describe.table_name(table_id)
    missing = [p for _, h in hits for p in h.evidence["not_assessable"]]
    first = _short(missing[0], fmt)
    place = describe.bilingual(f"{table['zh']}{len(hits)} {unit[0]}（{shown}）",
                               f"{table['en']}, {len(hits)} {unit[1]} ({', '.join(str(w) for w, _ in hits[:2])}…)")
    params = {per: place, f"{per}_label": shown, "cell": hits[0][1].params.get("cell"),
              "missing": describe.bilingual(f"共 {len(missing)} 个单元格（{first}等）",
                                            f"{len(missing)} cells ({missing[0]}…)")}
    evidence = {"not_assessable": missing, "where": [w for w, _ in hits],
                "cells": {k: v for _, h in hits for k, v in h.evidence["cells"].items()}}
    return Hit(f"/tables/{table_id}", params, evidence, severity="info", variant="unassessable",
               loc=report.locate(hits[0][1].pointer))


def _value(table: Table, row: str, col: str):
    row_id = row.lstrip("-")
    cell = table.cell(row_id, col.lstrip("-"))
    sign = -1 if (row.startswith("-") or col.startswith("-")) else 1
    return row_id, col.lstrip("-"), cell, sign


def _evaluate(report, table, table_id, fmt, per, where, left_terms, right_terms, relation, tolerance, quiet):
    sums = []
    cells: dict[str, Any] = {}
    missing: list[str] = []
    for terms in (left_terms, right_terms):
        total = Decimal(0)
        for row, col in terms:
            row_id, col_id, cell, sign = _value(table, row, col)
            pointer = cell_pointer(table_id, row_id, col_id)
            if cell is None or cell.value is None:
                missing.append(pointer)
                cells[pointer] = None if cell is None else cell.display
                continue
            cells[pointer] = _num(cell.value)
            total += sign * Decimal(cell.value)
        sums.append(total)
    row0, col0 = right_terms[0]
    focus = cell_pointer(table_id, row0.lstrip("-"), col0.lstrip("-"))
    params = _params(fmt, table_id, per, where, row0.lstrip("-"), col0.lstrip("-"))
    if missing:
        if quiet:
            return None
        names = "、".join(_short(p, fmt) for p in missing)
        params.update(missing=describe.bilingual(names, ", ".join(missing)))
        return Hit(focus, params, {"cells": cells, "not_assessable": missing}, severity="info", variant="unassessable")
    left, right = sums
    holds = {"eq": abs(left - right) <= tolerance, "le": left <= right + tolerance,
             "ge": left + tolerance >= right}[relation]
    if holds:
        return None
    focus_cell = table.cell(row0.lstrip("-"), col0.lstrip("-"))
    reported = Decimal(focus_cell.value) if focus_cell and focus_cell.value is not None else Decimal(0)
    computed = left - (right - reported) if relation == "eq" else None
    params.update(left=_num(left), right=_num(right), relation=RELATIONS[relation],
                  reported=_num(reported), computed=_num(computed) if computed is not None else "")
    evidence = {"left": _num(left), "right": _num(right), "relation": relation, "cells": cells,
                "reported": _num(reported)}
    if computed is not None:
        evidence["computed"] = _num(computed)
        evidence["difference"] = _num(right - left)
    return Hit(focus, params, evidence)


def _params(fmt, table_id, per, where, row0, col0) -> dict[str, Any]:
    params: dict[str, Any] = {"cell": describe.cell(fmt, table_id, row0, col0)}
    if per == "column":
        params["column"] = describe.column(fmt, table_id, where)
        params["column_label"] = describe.column_label(fmt, table_id, where)
    elif per == "row":
        params["row"] = describe.row(fmt, table_id, where)
        params["row_label"] = describe.row_label(fmt, table_id, where)
    return params


def _short(pointer: str, fmt: str) -> str:
    _, _, table_id, row_id, col_id = pointer.split("/")
    return describe.cell(fmt, table_id, row_id, col_id)["zh"]


def _num(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


KINDS = {
    "identity": Kind(check_identity, options=OPTIONS_IDENTITY, validate=validate),
}
