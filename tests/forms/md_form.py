"""A structured report as Markdown with pipe tables (what PDF/Word-to-Markdown converters write).

Pipe tables cannot span: a spanning label is repeated in every cell it covers (``fill``)
or written in its first cell only; the first grid row is the pipe header. ``bold``
writes the headings and captions in ``**``.
"""

from __future__ import annotations

from govinfo_lint import template

from . import grid


def _pipe(rows: list[list[grid.Span]], fill: bool) -> str:
    lines = grid.expand(rows, fill=fill)
    out = ["| " + " | ".join(lines[0]) + " |", "|" + "---|" * len(lines[0])]
    out += ["| " + " | ".join(line) + " |" for line in lines[1:]]
    return "\n".join(out)


def render(report: dict, *, fill: bool = True, bold: bool = False) -> str:
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
            out += [_pipe(tables[sid], fill), ""]
    return "\n".join(out) + "\n"
