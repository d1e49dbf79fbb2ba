"""A structured report as an HTML page, laid out like a Word "save as web page" export.

Variants: ``merged`` (rowspan/colspan, or every cell written with a spanning label in
its first cell only), ``split_at`` (table 三 broken into two tables after that many body
rows, as Word writes a table continued over a page), ``repeat_header`` (the second part
repeats the header rows), ``word`` (cells wrapped in ``<p class=MsoNormal><span>``),
``blank_continued`` (the second part's spanning labels left empty, as a page break leaves
a vertical merge), ``th`` (header cells as ``<th>`` in a ``<thead>``, blanks as ``&nbsp;``,
long labels broken by ``<br>`` as editors wrap them).
"""

from __future__ import annotations

from html import escape

from govinfo_lint import template

from . import grid


def _cell(span: grid.Span, merged: bool, word: bool, th: bool = False) -> str:
    attrs = ""
    if merged and span.rows > 1:
        attrs += f' rowspan="{span.rows}"'
    if merged and span.cols > 1:
        attrs += f' colspan="{span.cols}"'
    text = escape(span.text)
    if th:
        text = text or "&nbsp;"
        if len(span.text) > 12 and not span.text[:1].isdigit():
            text = escape(span.text[:8]) + "<br>" + escape(span.text[8:])
    if word:
        text = f'<p class="MsoNormal" align="center"><span lang="EN-US" style="font-size:10.5pt">{text}</span></p>'
    tag = "th" if th and span.header else "td"
    return f"<{tag}{attrs} valign=\"middle\">{text}</{tag}>"


def _table(rows: list[list[grid.Span]], merged: bool, word: bool, th: bool = False) -> str:
    if not merged:
        # Every cell is there; a spanning label only in the first cell it covers.
        rows = [[grid.Span(t, header=any(s.header for s in row)) for t in line]
                for line, row in zip(grid.expand(rows, fill=False), rows + [[]] * len(rows))]
    lines = ["<tr>" + "".join(_cell(s, merged, word, th) for s in row) + "</tr>\n" for row in rows]
    heads = sum(1 for row in rows if row and all(s.header for s in row)) if th else 0
    body = (f"<thead>{''.join(lines[:heads])}</thead><tbody>{''.join(lines[heads:])}</tbody>" if heads
            else "".join(lines))
    return f'<table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0">\n{body}</table>\n'


def render(report: dict, *, merged: bool = True, split_at: int | None = None, repeat_header: bool = False,
           word: bool = True, blank_continued: bool = False, th: bool = False) -> str:
    out = ['<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
           f"<title>{escape(grid.title(report))}</title></head><body>",
           f'<p class="MsoNormal" align="center"><b><span>{escape(grid.title(report))}</span></b></p>']
    if report.get("intro"):
        out.append(f'<p class="MsoNormal">{escape(report["intro"])}</p>')
    tables = grid.tables(report)
    for sid, heading, text in grid.sections(report):
        out.append(f'<p class="MsoNormal"><b><span>{escape(heading)}</span></b></p>')
        if text:
            out.append(f'<p class="MsoNormal"><span>{escape(text)}</span></p>')
        if sid not in template.TABLE_SECTIONS or sid not in report.get("tables", {}):
            continue
        if sid == "requests" and split_at is not None:
            head = grid.requests_header(report)
            first = head + grid.requests_body(report, 0, split_at)
            body = grid.requests_body(report, split_at)
            if blank_continued:  # the labels spanning into the second part: before its leaf label and 7 values
                for span in body[0][:-8]:
                    span.text = ""
            second = (head if repeat_header else []) + body
            out.append(_table(first, merged, word, th))
            out.append('<span style="page-break-before:always"></span>')
            out.append(_table(second, merged, word, th))
        else:
            out.append(_table(tables[sid], merged, word, th))
    out.append("</body></html>")
    return "\n".join(out)
