"""Table cells an OCR reading is unsure of, left unread instead of guessed.

``ocr.scan`` knows which page positions hold a digit recognised with low confidence; it
cannot know which report cell that is, since mapping is the assembler's. Here, after
mapping, every cell at such a position becomes unread (``parse_error="unread"``, like a
run of digits that splits several ways) with an ``ocr_uncertain`` diagnostic naming it
(a warning, RDR-15: the scan, not the report, is in doubt),
and so does every figure cell whose recognised text is not a number,
so an arithmetic check over it is not assessable rather than a false error.

A figure cell whose low-confidence text reads surely as figures alone (``ocr.scan``'s
``digit_reading``: a lone "0" of a noisy scan read as "。" or "0" at 0.4) takes those
figures instead, keeping its low confidence: it is read, and an error that rests on it is
a warning naming it, not an error.

Every other figure cell keeps the confidence it was read with (``carry_confidence``), so
the engine can tell an error that rests on a cell read with middling confidence.
"""

from __future__ import annotations

from ... import template
from ...model import Cell, Diagnostic, Location, Report
from ...values import parse_cell
from ..document import Document, TableGrid


def carry_confidence(report: Report, document: Document) -> None:
    """``Cell.confidence`` from the grid cell each report cell was read from, matched by its
    place on the page (mapping copies the grid cell's place, as ``mark_uncertain`` relies on)."""
    scores: dict[tuple, float] = {}
    for block in document.blocks:
        if not isinstance(block, TableGrid):
            continue
        for row in block.rows:
            for grid_cell in row:
                loc, score = grid_cell.loc, grid_cell.confidence
                if loc is not None and score is not None and loc.x is not None:
                    key = (loc.page, loc.x, loc.y)
                    scores[key] = min(score, scores.get(key, score))
    if not scores:
        return
    for _tid, _rid, _cid, cell in report.iter_cells():
        if cell.loc is not None and cell.raw:
            cell.confidence = scores.get((cell.loc.page, cell.loc.x, cell.loc.y))


def mark_uncertain(report: Report, places: list[Location], figures: list[tuple[Location, str, float]] = ()) -> None:
    keys = {(p.page, p.x, p.y) for p in places}
    read_as = {(p.page, p.x, p.y): (text, score) for p, text, score in figures}
    marked: set[str] = set()
    for tid, rid, cid, cell in list(report.iter_cells()):
        loc = cell.loc
        if loc is not None and (loc.page, loc.x, loc.y) in read_as and cell.parse_error in (None, "not_a_number"):
            text, score = read_as[(loc.page, loc.x, loc.y)]
            surely = parse_cell(text, _kind(tid, cid), loc)
            if surely.parse_error is None:
                surely.confidence = round(min(score, 1.0 if cell.confidence is None else cell.confidence), 4)
                report.tables[tid].rows[rid].cells[cid] = surely
                marked.add(f"/tables/{tid}/{rid}/{cid}")  # its "。" is no longer a cell that cannot be read
                continue
        # A figure cell that is not a number is a misreading ("0" as "。") far more often
        # than a defect of a scanned report: unread, never an error.
        misread = cell.parse_error == "not_a_number"
        if loc is None or not misread and ((loc.page, loc.x, loc.y) not in keys or cell.parse_error):
            continue
        report.tables[tid].rows[rid].cells[cid] = Cell(None, cell.raw, loc, parse_error="unread",
                                                            confidence=cell.confidence)
        row = report.tables[tid].rows[rid].label or rid
        col = next((c.label for c in _columns(tid) if c.id == cid), cid)
        raw = (cell.raw or "").strip()
        marked.add(f"/tables/{tid}/{rid}/{cid}")
        where = f"{template.TABLE_TITLES[tid]}“{row}”行“{col}”列"
        if raw:
            zh = f"{where}的文字“{raw}”是文字识别（OCR）结果，置信度低，未读取，请人工核对。"
            en = f"table {tid}, row {rid}, column {cid}: the OCR reading “{raw}” has low confidence; left unread, check it by hand."
        else:  # read as blank, with ink in it the recogniser did not read (a faint "1")
            zh = f"{where}有未识别的字迹，不能当作空白，未读取，请人工核对。"
            en = (f"table {tid}, row {rid}, column {cid}: ink the OCR did not read, so not taken as blank; "
                  "left unread, check it by hand.")
        report.diagnostics.append(Diagnostic("ocr_uncertain", zh, en, f"/tables/{tid}/{rid}/{cid}", loc,
                                             {"raw": cell.raw, "ocr": True}))
    # Debris in a recognised cell ("l□") is the OCR's, not the report's: no RDR-07 error.
    report.diagnostics[:] = [d for d in report.diagnostics if not (d.kind == "cell_unreadable" and d.pointer in marked)]


def _columns(tid: str):
    return [c for f in template.FORMATS for c in template.TABLES[f][tid].columns]


def _kind(tid: str, cid: str) -> str:
    return next((c.kind for c in _columns(tid) if c.id == cid), "count")
