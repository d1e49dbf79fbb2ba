"""A structured report as a Word document (python-docx, through tests/docx_factory.py).

Variants: ``merged`` (spanning labels merged with gridSpan/vMerge, or written once in
their first cell as careless editors do), ``numbered`` (the 一、 of the headings left to
Word's automatic numbering).
"""

from __future__ import annotations

import io

from govinfo_lint import template

from . import grid


def _sheet(document, rows, merged: bool, wrapped: bool) -> None:
    from tests.docx_factory import _Sheet

    cells, height, width = grid.placed(rows)
    sheet = _Sheet(document, merged).add(height, width)
    for r, c, span in cells:
        text = span.text
        if wrapped and len(text) > 12 and not text[:1].isdigit():
            text = text[:8] + "\n" + text[8:]  # python-docx: a new paragraph-like break in the cell
        if span.rows > 1 or span.cols > 1:
            sheet.put(r, c, text, r + span.rows - 1, c + span.cols - 1)
        else:
            sheet.put(r, c, text)
    sheet.finish()


def render(report: dict, *, merged: bool = True, numbered: bool = False, split_at: int | None = None,
           repeat_header: bool = False, wrapped: bool = False) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from tests.docx_factory import _heading_numbering, _number

    document = docx.Document()
    document.add_paragraph(grid.title(report)).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if report.get("intro"):
        document.add_paragraph(report["intro"])
    num_id = _heading_numbering(document) if numbered else None
    tables = grid.tables(report)
    for sid, heading, text in grid.sections(report):
        number = template.SECTION_NUMBERS.get(sid, "")
        if num_id is not None and heading.startswith(number):
            _number(document.add_paragraph(heading.removeprefix(number)), num_id)
        else:
            document.add_paragraph(heading)
        if text:
            document.add_paragraph(text)
        if sid not in template.TABLE_SECTIONS or sid not in report.get("tables", {}):
            continue
        if sid == "requests" and split_at is not None:
            head = grid.requests_header(report)
            _sheet(document, head + grid.requests_body(report, 0, split_at), merged, wrapped)
            document.add_paragraph("")
            _sheet(document, (head if repeat_header else []) + grid.requests_body(report, split_at), merged, wrapped)
        else:
            _sheet(document, tables[sid], merged, wrapped)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
