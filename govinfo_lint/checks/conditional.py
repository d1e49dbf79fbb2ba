"""If A then B: conditions on metadata, cells and text, written as data.

A condition is one of
  {field: year|format|level|input_kind, op: OP, value: V}
  {cells: /tables/<table>/<row>/<column or *>, op: OP, value: V}
  {text: [words], op: contains_any|contains_none, in: all|intro|<section id>}
with OP in eq ne in not_in gt ge lt le known unknown. A hit is raised when every
``when`` condition holds and some ``then`` condition fails; a failing cell
condition raises one hit per failing cell, at that cell.
"""

from __future__ import annotations

import operator
from decimal import Decimal
from typing import Any, Iterator

from .. import template
from .. import describe
from ..model import Report
from .base import Hit, fmt_of
from .kind import Kind

_OPS = {"eq": operator.eq, "ne": operator.ne, "gt": operator.gt, "ge": operator.ge, "lt": operator.lt,
        "le": operator.le, "in": lambda a, b: a in b, "not_in": lambda a, b: a not in b,
        "known": lambda a, b: a is not None, "unknown": lambda a, b: a is None}


def validate(options: dict[str, Any]) -> Iterator[tuple[tuple, str]]:
    for side in ("when", "then"):
        for i, cond in enumerate(options.get(side, [])):
            if "cells" in cond:
                parts = cond["cells"].strip("/").split("/")
                if len(parts) != 4 or parts[0] != "tables" or parts[1] not in template.TABLE_IDS:
                    yield (side, i, "cells"), f"cells must be /tables/<table>/<row>/<column or *>, got {cond['cells']!r}"
                elif parts[2] not in template.all_row_ids(parts[1]):
                    yield (side, i, "cells"), f"unknown row id {parts[2]!r} in table {parts[1]!r}"
                elif parts[3] != "*" and parts[3] not in template.all_column_ids(parts[1]):
                    yield (side, i, "cells"), f"unknown column id {parts[3]!r} in table {parts[1]!r}"


def _compare(op: str, actual: Any, expected: Any) -> bool:
    if op not in ("known", "unknown") and actual is None:
        return False
    if isinstance(actual, (int, Decimal)) and isinstance(expected, (int, float)):
        expected = Decimal(str(expected))
    if op in ("in", "not_in") and isinstance(expected, list):
        expected = [str(e) if isinstance(actual, str) else e for e in expected]
    try:
        return bool(_OPS[op](actual, expected))
    except TypeError:
        return False


def _cells(report: Report, spec: str):
    _, _, tid, rid, cid = spec.split("/")
    table = report.tables.get(tid)
    row = table.rows.get(rid) if table else None
    if row is None:
        return
    for col_id, cell in row.cells.items():
        if cid in ("*", col_id):
            yield f"/tables/{tid}/{rid}/{col_id}", tid, rid, col_id, cell


def _text(report: Report, where: str) -> str:
    if where == "all":
        return "\n".join([report.title or "", report.intro or ""] + [s.text for s in report.sections])
    if where == "intro":
        return (report.title or "") + "\n" + (report.intro or "")
    section = report.section(where)
    return section.text if section else ""


def _holds(report: Report, cond: dict[str, Any]) -> tuple[bool, list]:
    """Whether the condition holds, and the failing cells when it is a cell condition."""
    op = cond.get("op", "eq")
    if "field" in cond:
        value = getattr(report, cond["field"], None)
        if cond["field"] == "format":
            value = report.format
        return _compare(op, value, cond.get("value")), []
    if "cells" in cond:
        failing = [c for c in _cells(report, cond["cells"]) if c[4].value is not None
                   and not _compare(op, c[4].value, cond.get("value"))]
        present = [c for c in _cells(report, cond["cells"]) if c[4].value is not None]
        return (bool(present) and not failing) if cond.get("any") else not failing, failing
    text = _text(report, cond.get("in", "all"))
    found = [w for w in cond["text"] if w in text]
    return (bool(found) if op == "contains_any" else not found), []


def _level_name(level: str | None) -> dict[str, str] | str:
    from ..levels import LEVEL_NAMES

    if level not in LEVEL_NAMES:
        return level or ""
    zh, en = LEVEL_NAMES[level]
    return describe.bilingual(zh, en)


# What a rule of kind conditional may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_CONDITIONAL = {
    "required": ["then"],
    "properties": {
        "when": {"type": "array", "items": {"$ref": "#/$defs/condition"}},
        "then": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/condition"}},
        "pointer": {"type": "string"},
    },
}


def check_conditional(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    for cond in options.get("when", []):
        if "cells" in cond:
            matched = [c for c in _cells(report, cond["cells"]) if c[4].value is not None
                       and _compare(cond.get("op", "eq"), c[4].value, cond.get("value"))]
            if not matched:
                return
        elif not _holds(report, cond)[0]:
            return
    fmt = fmt_of(report)
    params = {"year": report.year or "", "format": report.format or "", "level": report.level or "",
              "level_name": _level_name(report.level), "agency": report.agency or ""}
    for cond in options.get("then", []):
        ok, failing = _holds(report, cond)
        if ok:
            continue
        if failing:
            for pointer, tid, rid, cid, cell in failing:
                yield Hit(pointer, {**params, "cell": describe.cell(fmt, tid, rid, cid), "value": cell.display},
                          {"value": cell.display, "level": report.level, "level_inferred": report.level_inferred})
        else:
            yield Hit(options.get("pointer", ""), params,
                      {k: v for k, v in params.items() if v != "" and k != "level_name"})
        return


KINDS = {
    "conditional": Kind(check_conditional, options=OPTIONS_CONDITIONAL, validate=validate),
}
