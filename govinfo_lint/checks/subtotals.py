"""Subtotal rows some reports add for （三）（四）（五）（六）: they must equal their sub-rows.

The template has no subtotal cells (spec §2.7), so such rows are extra rows (TBL-11
flags them); when they are there, their numbers must still add up.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterator

from .. import describe
from ..model import Report
from ..normalize import loose
from .base import Hit, fmt_of, table_template
from .kind import Kind


def check_subtotals(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    table = report.tables.get("requests")
    if table is None or not table.extra_rows:
        return
    fmt = fmt_of(report)
    tpl = table_template(report, "requests")
    groups: dict[str, list[str]] = {}
    for row in tpl.rows:
        if row.group:
            groups.setdefault(row.group, []).append(row.id)
    for extra in table.extra_rows:
        if not extra.label:
            continue
        group = next((g for g in groups if loose(g) == loose(extra.label)), None)
        if group is None:
            continue
        for cid, cell in extra.cells.items():
            parts = [table.cell(rid, cid) for rid in groups[group]]
            if cell.value is None or any(p is None or p.value is None for p in parts):
                continue
            total = sum(Decimal(p.value) for p in parts)
            if Decimal(cell.value) != total:
                yield Hit("/tables/requests", {"group": group, "column": describe.column(fmt, "requests", cid),
                                               "reported": cell.value, "computed": int(total)},
                          {"reported": cell.value, "computed": int(total), "group": group, "column": cid},
                          loc=cell.loc or extra.loc)


KINDS = {
    "subtotals": Kind(check_subtotals),
}
