"""A report as plain JSON data, for the result cache (``run/cache.py`` keeps data, never pickles).

``series`` needs more of a report than ``check``'s cached metadata: every cell (figures,
the cross-year chain), row labels (changed definitions), section text (repeated text),
the publication date and level (deadline), locations (the page links a signal to its cell)
and diagnostics (why a file is in no series). So its entry is the whole model, less the
document's full ``text`` and ``lines``, which only formatters showing context read: an
entry is a few KB, not the size of the document.

An entry someone edited or an older layout (``VERSION``) is a miss, never a crash.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from ..model import BlockHeader, Cell, Diagnostic, Location, Report, Row, Section, Table

VERSION = 1  # the layout below; a change to it must bump this, so old entries are misses


def _loc(loc: Location | None) -> dict | None:
    return loc.to_dict() if loc is not None else None


def _unloc(data: dict | None) -> Location | None:
    return Location(**data) if data is not None else None


def _value(value) -> Any:
    # A Decimal is kept as its text, exact; an int stays a JSON number.
    return str(value) if isinstance(value, Decimal) else value


def _unvalue(value) -> Any:
    if isinstance(value, bool):
        raise ValueError("a cell value is never a boolean")
    return Decimal(value) if isinstance(value, str) else value


def _cell(c: Cell) -> dict:
    out = {"v": _value(c.value), "raw": c.raw, "loc": _loc(c.loc), "note": c.note, "unit": c.unit,
           "sign": c.explicit_sign or None, "err": c.parse_error}
    return {k: v for k, v in out.items() if v is not None}


def _uncell(d: dict) -> Cell:
    return Cell(_unvalue(d.get("v")), d.get("raw"), _unloc(d.get("loc")), d.get("note"), d.get("unit"),
                bool(d.get("sign")), d.get("err"))


def _row(r: Row) -> dict:
    return {"id": r.id, "label": r.label, "group": r.group, "loc": _loc(r.loc),
            "cells": {k: _cell(c) for k, c in r.cells.items()}}


def _unrow(d: dict) -> Row:
    return Row(d["id"], d.get("label"), d.get("group"), {k: _uncell(c) for k, c in d["cells"].items()},
               _unloc(d.get("loc")))


def _table(t: Table) -> dict:
    return {"id": t.id, "rows": [_row(r) for r in t.rows.values()], "extra": [_row(r) for r in t.extra_rows],
            "columns": t.column_labels, "order": t.column_order, "note": t.note, "groups": t.group_labels,
            "loc": _loc(t.loc), "label_locs": {k: _loc(v) for k, v in t.label_locs.items()},
            "blocks": [{"id": b.id, "caption": b.caption, "columns": b.columns, "loc": _loc(b.loc)}
                       for b in t.blocks]}


def _untable(d: dict) -> Table:
    rows = [_unrow(r) for r in d["rows"]]
    return Table(d["id"], {r.id: r for r in rows}, [_unrow(r) for r in d["extra"]], dict(d["columns"]),
                 list(d["order"]), [BlockHeader(b["id"], b.get("caption"), dict(b["columns"]), _unloc(b.get("loc")))
                                    for b in d["blocks"]],
                 d.get("note"), dict(d["groups"]), _unloc(d.get("loc")),
                 {k: _unloc(v) for k, v in d["label_locs"].items()})


_META = ("source", "input_kind", "agency", "year", "format", "format_declared", "format_signals", "level",
         "level_inferred", "title", "published", "intro", "outline")


def report_to_data(report: Report) -> dict:
    from ..run.workers import _plain
    import json

    out: dict[str, Any] = {"version": VERSION, **{k: getattr(report, k) for k in _META}}
    out["sections"] = [{"id": s.id, "heading": s.heading, "text": s.text, "loc": _loc(s.loc), "number": s.number,
                        "has_table": s.has_table} for s in report.sections]
    out["tables"] = [_table(t) for t in report.tables.values()]
    out["diagnostics"] = [{"kind": d.kind, "message": d.message, "message_en": d.message_en, "pointer": d.pointer,
                           "loc": _loc(d.loc), "evidence": d.evidence} for d in report.diagnostics]
    out["meta_locs"] = {k: _loc(v) for k, v in report.meta_locs.items()}
    # Diagnostics' evidence may hold Decimals or sets: made plain here, as findings' evidence is.
    return json.loads(json.dumps(out, default=_plain, ensure_ascii=False))


def report_from_data(data: Any) -> Report | None:
    """The report of a cache entry; None when the entry is not one this version wrote."""
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return None
    try:
        tables = [_untable(t) for t in data["tables"]]
        report = Report(**{k: data[k] for k in _META})
        report.sections = [Section(s["id"], s.get("heading"), s["text"], _unloc(s.get("loc")), s.get("number"),
                                   s.get("has_table")) for s in data["sections"]]
        report.tables = {t.id: t for t in tables}
        report.diagnostics = [Diagnostic(d["kind"], d["message"], d.get("message_en", ""), d.get("pointer", ""),
                                         _unloc(d.get("loc")), dict(d.get("evidence") or {}))
                              for d in data["diagnostics"]]
        report.meta_locs = {k: _unloc(v) for k, v in data["meta_locs"].items()}
    except (KeyError, TypeError, ValueError, AttributeError, InvalidOperation):
        return None
    return report if _well_typed(report) else None


def _well_typed(report: Report) -> bool:
    """What series computes with (years, names, formats) has the type it expects."""
    optional_str = all(isinstance(getattr(report, k), (str, type(None)))
                       for k in ("agency", "level", "published", "title"))
    return (isinstance(report.source, str) and optional_str and report.format in (None, "2019", "2021")
            and (report.year is None or (isinstance(report.year, int) and not isinstance(report.year, bool))))
