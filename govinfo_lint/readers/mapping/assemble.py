"""Document → Report: the one place that knows both the document shape and the report.

Readers of DOCX, HTML, PDF, text and Markdown produce a ``Document`` (paragraphs and
table grids with places); this builds the canonical Report from it and says, with a
diagnostic, whatever it could not map. It never guesses silently.

What a reader must give (see ``document.py``): grids in document order; a merged cell
repeated at every position it covers, with ``origin=False`` on the repeats; cell text
as written (line breaks inside a cell are fine); ``flattened=True`` on grids rebuilt
from text where numbers may have run together. Continuation grids (a table split by
a page break) need no header: they are joined to the table of their section.
"""

from __future__ import annotations


from ... import template
from ...model import Cell, Diagnostic, Report, Table
from ...normalize import normalize
from ..document import Document, GridCell, Paragraph, TableGrid
from ...headings import section_id
from .layout import find_title, metadata, split_sections
from .lines import grid_lines
from .table_proactive import caption_of, map_proactive
from .table_requests import map_requests
from .table_review import map_review
from ... import lazy_re

_CONTEXT_MAX = 40  # a caption or group label written above a mini table is short


def build_report(document: Document) -> Report:
    report = Report(source=document.source, input_kind=document.kind, published=document.published,
                    lines=document.lines, diagnostics=list(document.diagnostics))
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph)]
    report.text = "\n".join(p.text for p in paragraphs)
    title, used = find_title(paragraphs, document.title)
    start = document.blocks.index(paragraphs[used - 1]) + 1 if used else 0
    intro, sections, owner = split_sections(document.blocks, start)
    report.intro = intro
    report.sections = sections
    metadata(report, title, intro, paragraphs[:used], report.text)
    fmt_hint = template.format_for_year(report.year) if report.year else None
    _tables(document, report, owner, fmt_hint)
    _detect_format(report)
    _unreadable_cells(report)
    _mark_unread(report)
    if document.kind == "pdf-ocr":
        from .ocr_marks import carry_confidence, mark_uncertain

        carry_confidence(report, document)
        mark_uncertain(report, document.ocr_uncertain, document.ocr_figures)
    for tid in template.TABLE_SECTIONS:
        section = report.section(tid)
        said = any(d.kind == "table_not_found" and d.pointer == f"/tables/{tid}" for d in report.diagnostics)
        if section is not None and tid not in report.tables and not said:
            report.diagnostics.append(Diagnostic(
                "table_not_found", f"“{section.heading}”中未找到可识别的{template.TABLE_TITLES[tid]}。",
                f"no recognisable table found in section “{section.heading}”.", f"/sections/{tid}", section.loc,
                {"section": tid}))
    return report


def classify(grid: TableGrid) -> str | None:
    """Which table a grid is, from what it says (None: nothing telling, e.g. a continuation)."""
    text = normalize("".join(c.text for row in grid.rows for c in row if c.origin))
    if "本年新收" in text or "申请人情况" in text or "上年结转政府信息公开申请" in text:
        return "requests"
    if "第二十条" in text or "信息内容" in text or "本年制发" in text or "本年新制作" in text or any(
            caption_of(c.text) for row in grid.rows[:3] for c in row):
        return "proactive"
    if ("行政复议" in text or "复议后起诉" in text) and ("结果维持" in text or "尚未审结" in text):
        return "review"
    return None


def _tables(document: Document, report: Report, owner: dict[int, str | None], fmt_hint: str | None) -> None:
    material: dict[str, list[TableGrid | GridCell]] = {}
    last: str | None = None
    for index, block in enumerate(document.blocks):
        section = owner.get(index)
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if section in template.TABLE_SECTIONS and _is_context(text):
                material.setdefault(section, []).append(GridCell(text, block.loc))
            continue
        if not block.rows:
            continue
        kind = classify(block)
        if kind is None:
            # No header of its own: the table of its section, or the one it continues.
            kind = section if section in template.TABLE_SECTIONS else last
            if kind is None:
                continue
        material.setdefault(kind, []).append(block)
        last = kind
    for kind, items in material.items():
        if not any(isinstance(i, TableGrid) for i in items):
            continue
        lines = grid_lines(items)
        if kind == "requests":
            table: Table = map_requests(lines, report.diagnostics, fmt_hint)
        elif kind == "review":
            table = map_review(lines, report.diagnostics)
        else:
            table = map_proactive(lines, report.diagnostics, fmt_hint)
        if table.rows or table.extra_rows:
            first = next(i for i in items if isinstance(i, TableGrid))
            table.loc = first.loc or table.loc
            report.tables[kind] = table


_GARBLED = lazy_re.compile(r"[□■▯�?？]|[A-Za-z]")


def _unreadable_cells(report: Report) -> None:
    """Cells whose text is recognition debris (l□, ?), not words or a placeholder."""
    for tid, rid, cid, cell in report.iter_cells():
        if cell.parse_error == "not_a_number" and cell.raw and _GARBLED.search(cell.raw):
            row = report.tables[tid].rows[rid].label or rid
            col = next((c.label for f in template.FORMATS for c in template.TABLES[f][tid].columns if c.id == cid), cid)
            report.diagnostics.append(Diagnostic(
                "cell_unreadable", f"{template.TABLE_TITLES[tid]}“{row}”行“{col}”列的文字“{cell.raw.strip()}”无法识别。",
                f"table {tid}, row {rid}, column {cid}: the text “{cell.raw.strip()}” cannot be read.",
                f"/tables/{tid}/{rid}/{cid}", cell.loc, {"raw": cell.raw}))


def _mark_unread(report: Report) -> None:
    """Blank cells of a row whose run-together digits could not be split are unread, not
    blank. Only ``flattened`` leaves such blanks: a run no mapper can take as it is (more
    numbers than cells, over 30 digits) it splits itself, and a grid cell cannot say
    "unread". Runs the mappers split come back unread from ``digits.resolve`` already, and
    rows with the wrong number of cells are marked where they are read."""
    for diag in report.diagnostics:
        if diag.kind != "cells_ambiguous" and not (diag.evidence or {}).get("unread"):
            continue
        parts = diag.pointer.split("/")
        if len(parts) < 3 or parts[1] != "tables" or parts[2] not in report.tables:
            continue
        rows = report.tables[parts[2]].rows
        # A pointer at the whole table (a flattened 表四 with only its header) marks every row.
        for row in [rows.get(parts[3])] if len(parts) > 3 else list(rows.values()):
            if row is None:
                continue
            raw = diag.evidence.get("run") or ""
            for cid, cell in row.cells.items():
                if (len(parts) < 5 or parts[4] == cid) and cell.is_blank:
                    row.cells[cid] = Cell(None, raw, cell.loc, parse_error="unread")


def _is_context(text: str) -> bool:
    return 0 < len(text) <= _CONTEXT_MAX and not text.endswith(("。", "；", ";")) and section_id(text)[0] is None


def _detect_format(report: Report) -> None:
    """The template version, from the labels and rows the tables use (table 二 decides a hybrid)."""
    signals: dict[str, list[str]] = {"2019": [], "2021": []}
    proactive = report.tables.get("proactive")
    if proactive is not None:
        for block in proactive.blocks:
            for cid, label in block.columns.items():
                for fmt, labels in template.FORMAT_ONLY_LABELS.items():
                    if any(normalize(lab) in normalize(label) for lab in labels):
                        signals[fmt].append(f"/labels/proactive/blocks/{block.id}/columns/{cid}")
        for rid in proactive.rows:
            for fmt in template.FORMATS:
                if rid in template.FORMAT_ONLY_ROWS[fmt]["proactive"]:
                    signals[fmt].append(f"/tables/proactive/{rid}")
        for rid, row in proactive.rows.items():
            for fmt in template.FORMATS:
                if any(cid in template.FORMAT_ONLY_COLUMNS[fmt]["proactive"] for cid in row.cells) and \
                        f"/tables/proactive/{rid}" not in signals[fmt] and not proactive.blocks:
                    signals[fmt].append(f"/tables/proactive/{rid}")
    requests = report.tables.get("requests")
    if requests is not None:
        for rid in requests.rows:
            for fmt in template.FORMATS:
                if rid in template.FORMAT_ONLY_ROWS[fmt]["requests"]:
                    signals[fmt].append(f"/tables/requests/{rid}")
    report.format_signals = {k: v for k, v in signals.items() if v}
    n19 = len([s for s in signals["2019"] if "proactive" in s])
    n21 = len([s for s in signals["2021"] if "proactive" in s])
    if n19 or n21:
        # Table 二 settles the version; a lone （六）其他处理 row makes a hybrid, which TBL-08 reports.
        report.format = "2019" if n19 > n21 else "2021"
    elif signals["2019"] or signals["2021"]:
        report.format = "2019" if len(signals["2019"]) > len(signals["2021"]) else "2021"
    elif report.year:
        report.format = template.format_for_year(report.year)
