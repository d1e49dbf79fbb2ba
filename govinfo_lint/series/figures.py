"""The key figures of one report, by pointer into the canonical model (docs/model.md ids).

A figure exists only where the report's own format has the cell and the reader read a
number: a 2019-format 对外公开总数量 is not a 2021 现行有效件数, so the two never meet
under one key and no change is computed between them.
"""

from __future__ import annotations

from decimal import Decimal

from .. import template
from ..model import Report

_PROACTIVE = {
    "2021": (("regulations", ("issued", "repealed", "in_force")),
             ("normative_documents", ("issued", "repealed", "in_force")),
             ("licensing", ("decisions",)), ("penalty", ("decisions",)), ("compulsion", ("decisions",)),
             ("fees", ("amount",))),
    "2019": (("regulations", ("produced", "published", "total_published")),
             ("normative_documents", ("produced", "published", "total_published")),
             ("licensing", ("decisions",)), ("penalty", ("decisions",)), ("compulsion", ("decisions",)),
             ("fees", ("previous_items", "change"))),
}
_REVIEW_ROWS = ("reconsideration", "litigation_direct", "litigation_after_reconsideration")


def figure_cells(fmt: str) -> list[tuple[str, str, str]]:
    """(table, row, column) of every key figure of a format, in table order."""
    cells = [("requests", "new_received", "total"), ("requests", "carried_over", "total")]
    cells += [("requests", rid, "total") for rid in template.RESULT_ROWS[fmt]]
    cells += [("requests", "handled_total", "total"), ("requests", "carried_forward", "total")]
    cells += [("review", rid, col) for rid in _REVIEW_ROWS for col in ("corrected", "total")]
    cells += [("proactive", rid, col) for rid, cols in _PROACTIVE[fmt] for col in cols]
    return cells


def _num(value) -> int | float:
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def figures(report: Report) -> dict[str, int | float]:
    fmt = report.format or "2021"
    out: dict[str, int | float] = {}
    for table_id, row, col in figure_cells(fmt):
        table = report.tables.get(table_id)
        cell = table.cell(row, col) if table else None
        if cell is not None and cell.value is not None:
            out[f"/tables/{table_id}/{row}/{col}"] = _num(cell.value)
    return out


def changes(this: dict, last: dict | None) -> dict[str, int | float]:
    """This year minus last year, for the figures both have."""
    if not last:
        return {}
    return {k: _num(Decimal(str(v)) - Decimal(str(last[k]))) for k, v in this.items() if k in last}


def label(fmt: str | None, pointer: str) -> str:
    """A short name for a table row: row label, then column label where it is not 总计."""
    from .. import describe

    _, _, table_id, row, col = pointer.split("/")
    r, c = describe.row_label(fmt or "2021", table_id, row), describe.column_label(fmt or "2021", table_id, col)
    return r if col == "total" and table_id == "requests" else f"{r}·{c}"


# --- the year-by-year table of a series entry (output.view), shared by every output ---


def rows_of(entry: dict) -> list[str]:
    """Every figure any year has, in the order of the latest format's table."""
    seen: dict[str, None] = {}
    for year in reversed(entry["years"]):
        seen.update(dict.fromkeys(year["figures"]))
    return list(seen)


def format_of(entry: dict, pointer: str) -> str | None:
    return next((y["format"] for y in reversed(entry["years"]) if pointer in y["figures"]), None)


def cell_text(year: dict, pointer: str) -> str:
    value = year["figures"].get(pointer)
    if value is None:
        return "—"
    change = year["changes"].get(pointer)
    return f"{value}" if not change else f"{value} ({change:+})"
