"""A structured report as Markdown with pipe tables (what PDF/Word-to-Markdown converters write).

Pipe tables cannot span: a spanning label is repeated in every cell it covers (``fill``)
or written in its first cell only; the first grid row is the pipe header. ``bold``
writes the headings and the header cells (captions, column labels) in ``**``.
``flat_review`` writes 表四's three header rows as one, each column's labels run
together (``行政复议结果维持``, ``行政诉讼未经复议直接起诉结果维持``), as converters do.
"""

from __future__ import annotations

from govinfo_lint import template

from . import grid


def _pipe(rows: list[list[grid.Span]], fill: bool, bold: bool = False, flat_head: int = 0) -> str:
    if bold:
        rows = [[grid.Span(f"**{s.text}**" if s.header and s.text else s.text, s.rows, s.cols, s.header)
                 for s in row] for row in rows]
    lines = grid.expand(rows, fill=fill)
    if flat_head:
        full = grid.expand(rows, fill=True)
        head = ["".join(dict.fromkeys(full[r][c] for r in range(flat_head))) for c in range(len(full[0]))]
        lines = [head] + lines[flat_head:]
    out = ["| " + " | ".join(lines[0]) + " |", "|" + "---|" * len(lines[0])]
    out += ["| " + " | ".join(line) + " |" for line in lines[1:]]
    return "\n".join(out)


def render(report: dict, *, fill: bool = True, bold: bool = False, flat_review: bool = False) -> str:
    b = "**" if bold else ""
    out = [f"# {grid.title(report)}", ""]
    if report.get("intro"):
        out += [report["intro"], ""]
    tables = grid.tables(report)
    for sid, heading, text in grid.sections(report):
        out += [f"## {b}{heading}{b}", ""]
        if text:
            out += [text, ""]
        if sid in template.TABLE_SECTIONS and sid in report.get("tables", {}):
            out += [_pipe(tables[sid], fill, bold, 3 if flat_review and sid == "review" else 0), ""]
    return "\n".join(out) + "\n"
