"""A structured report as a Word document (python-docx, through tests/docx_factory.py).

Variants: ``merged`` (spanning labels merged with gridSpan/vMerge, or written once in
their first cell as careless editors do), ``numbered`` (the 一、 of the headings left to
Word's automatic numbering).
"""

from __future__ import annotations

import io

from govinfo_lint import template

from . import grid


def render(report: dict, *, merged: bool = True, numbered: bool = False) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from tests.docx_factory import _heading_numbering, _number, _Sheet

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
        if sid in template.TABLE_SECTIONS and sid in report.get("tables", {}):
            cells, height, width = grid.placed(tables[sid])
            sheet = _Sheet(document, merged).add(height, width)
            for r, c, span in cells:
                if span.rows > 1 or span.cols > 1:
                    sheet.put(r, c, span.text, r + span.rows - 1, c + span.cols - 1)
                else:
                    sheet.put(r, c, span.text)
            sheet.finish()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
