"""What a check yields, and the helpers most checks share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from .. import template
from ..model import Cell, Location, Report


@dataclass
class Hit:
    pointer: str
    params: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, Any] = field(default_factory=dict)
    severity: str | None = None  # overrides the rule's, e.g. info for "cannot assess"
    variant: str | None = None  # picks one of the rule's alternative messages
    loc: Location | None = None  # set when the check knows the place better than the pointer


def fmt_of(report: Report) -> str:
    return report.format or "2021"


def table_template(report: Report, table_id: str) -> template.TableTemplate:
    return template.TABLES[fmt_of(report)][table_id]


def cell_pointer(table_id: str, row_id: str, col_id: str) -> str:
    return f"/tables/{table_id}/{row_id}/{col_id}"


def known_table(table_id: str) -> bool:
    return table_id in template.TABLE_IDS


def unknown_ids(table_id: str, ids: list[str], what: str, path: tuple) -> Iterator[tuple[tuple, str]]:
    known = template.all_row_ids(table_id) if what == "rows" else template.all_column_ids(table_id)
    known |= set(NAMED_SETS)
    for i, ident in enumerate(ids):
        base = ident.lstrip("-")
        if base not in known:
            yield path + (i,), f"unknown {what[:-1]} id {ident!r} in table {table_id!r}"


def display(cell: Cell | None) -> str | None:
    if cell is None:
        return None
    return cell.display


# Named sets a rule may use instead of listing ids; resolved per format.
NAMED_SETS = {
    "$result_rows": lambda fmt: template.RESULT_ROWS[fmt],
    "$applicant_columns": lambda fmt: template.REQUESTS_PART_COLUMNS,
    "$review_parts": lambda fmt: ("upheld", "corrected", "other", "pending"),
}


def expand(ids: list[str], fmt: str) -> list[str]:
    out: list[str] = []
    for ident in ids:
        sign = "-" if ident.startswith("-") else ""
        base = ident.lstrip("-")
        if base in NAMED_SETS:
            out.extend(sign + i for i in NAMED_SETS[base](fmt))
        else:
            out.append(ident)
    return out


# Many findings of one kind along one column or row are one fact about the table, said
# once from this many on with the places in the evidence (VAL-02, unassessable identities).
GROUP_AT = 3


def quoted_names(names: list[str], keep: int) -> str:
    """``“a”、“b”等``: the first ``keep`` names quoted, 等 when there are more."""
    return "、".join(f"“{n}”" for n in names[:keep]) + ("等" if len(names) > keep else "")
