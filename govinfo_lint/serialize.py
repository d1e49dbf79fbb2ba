"""The canonical model written out in the structured shape (``extract``'s output).

What this writes, the structured reader reads back unchanged: labels appear only
where the document's differ from the template, and a cell is a bare number unless
its text says more than the number (a blank, ``/``, ``22（其中修订16件）``).
"""

from __future__ import annotations

from typing import Any

from . import template
from .model import Cell, Report, Table
from .values import to_json


def _cell(cell: Cell, with_locations: bool) -> Any:
    value = to_json(cell.value)
    plain = cell.raw is None or cell.raw.strip() == str(value) or (
        cell.value is not None and cell.raw.strip() == str(cell.value))
    if plain and cell.note is None and cell.unit is None and not with_locations:
        return value
    out: dict[str, Any] = {"value": value}
    if cell.raw is not None:
        out["raw"] = cell.raw
    if cell.note:
        out["note"] = cell.note
    if cell.unit:
        out["unit"] = cell.unit
    if with_locations and cell.loc:
        out["location"] = cell.loc.to_dict()
    return out


def _labels(table: Table, fmt: str) -> dict[str, Any]:
    tpl = template.TABLES[fmt][table.id]
    out: dict[str, Any] = {}
    rows = {rid: row.label for rid, row in table.rows.items()
            if row.label is not None and (tpl.row(rid) is None or tpl.row(rid).label != row.label)}
    groups = {rid: row.group for rid, row in table.rows.items()
              if row.group is not None and tpl.row(rid) is not None and tpl.row(rid).group != row.group}
    if rows:
        out["rows"] = rows
    if groups:
        out["groups"] = groups
    if not tpl.blocks:
        columns = {cid: label for cid, label in table.column_labels.items()
                   if tpl.column(cid) is None or tpl.column(cid).label != label}
        if columns:
            out["columns"] = columns
    blocks: dict[str, Any] = {}
    for block in table.blocks:
        tblock = next((b for b in tpl.blocks if b.id == block.id), None)
        entry: dict[str, Any] = {}
        if tblock is None or block.caption != tblock.caption:
            entry["caption"] = block.caption
        official = {c.id: c.label for c in tblock.columns} if tblock else {}
        columns = {cid: label for cid, label in block.columns.items() if official.get(cid) != label}
        if columns:
            entry["columns"] = columns
        if entry:
            blocks[block.id] = entry
    if blocks:
        out["blocks"] = blocks
    if table.id == "requests" and table.note != template.REQUESTS_NOTE:
        out["note"] = table.note
    if table.extra_rows:
        out["extra_rows"] = [{"label": r.label or "", "group": r.group,
                              "cells": {cid: _cell(c, False) for cid, c in r.cells.items()}} for r in table.extra_rows]
    return out


def report_to_dict(report: Report, with_locations: bool = False) -> dict[str, Any]:
    fmt = report.format or "2021"
    out: dict[str, Any] = {}
    for key in ("agency", "year", "format", "level", "title", "published", "intro"):
        value = getattr(report, key)
        if value not in (None, ""):
            out[key] = value
    if report.source and report.source != "<memory>":
        out["source"] = report.source
    sections = []
    for section in report.sections:
        item: dict[str, Any] = {"id": section.id, "heading": section.heading, "text": section.text}
        if section.number is not None:
            item["number"] = section.number
        if section.has_table is not None:
            item["has_table"] = section.has_table
        if with_locations and section.loc:
            item["location"] = section.loc.to_dict()
        sections.append(item)
    out["sections"] = sections
    tables: dict[str, Any] = {}
    labels: dict[str, Any] = {}
    for tid, table in report.tables.items():
        tables[tid] = {rid: {cid: _cell(c, with_locations) for cid, c in row.cells.items()}
                       for rid, row in table.rows.items()}
        table_labels = _labels(table, fmt)
        if table_labels:
            labels[tid] = table_labels
    out["tables"] = tables
    if labels:
        out["labels"] = labels
    if report.diagnostics:
        out["diagnostics"] = [
            {"kind": d.kind, "message": d.message, "message_en": d.message_en, "pointer": d.pointer,
             **({"location": d.loc.to_dict()} if d.loc else {})}
            for d in report.diagnostics
        ]
    return out
