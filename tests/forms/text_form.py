"""A structured report as plain text, in the two styles real text copies come in.

``style="dump"``: a Word-to-text dump (../shared/seed/000_*.txt): every cell of a row on
its own line after a tab, rows separated by a blank line; a cell covered by a vertical
merge is an empty ``\\t`` line, one covered by a horizontal merge is not written.
``style="flat"``: a web page's text flattened (../shared/corpus/pingtan-dept/*.txt): the
whole body on one line, cells one after the other separated by ``sep`` (``""`` runs the
digits of a row together, as those pages do).
"""

from __future__ import annotations

from govinfo_lint import template

from . import grid


def _dump_table(rows: list[list[grid.Span]]) -> list[str]:
    cells, height, _ = grid.placed(rows)
    covered: dict[int, list[tuple[int, str]]] = {r: [] for r in range(height)}
    for r, c, span in cells:
        covered[r].append((c, span.text))
        for dr in range(1, span.rows):
            covered[r + dr].append((c, ""))
    out = []
    for r in range(height):
        out += ["\t" + text for _, text in sorted(covered[r])] + [""]
    return out


def _flat_table(rows: list[list[grid.Span]], sep: str) -> str:
    cells, _, _ = grid.placed(rows)
    return sep.join(span.text for _, _, span in sorted(cells, key=lambda x: (x[0], x[1])) if span.text)


def render(report: dict, *, style: str = "dump", sep: str = " ") -> str:
    tables = grid.tables(report)
    if style == "flat":
        parts = [grid.title(report), report.get("intro", "")]
        for sid, heading, text in grid.sections(report):
            parts += [heading, text]
            if sid in template.TABLE_SECTIONS and sid in report.get("tables", {}):
                parts.append(_flat_table(tables[sid], sep))
        return f"标题: {grid.title(report)}\n==================== 正文 ====================\n" + \
            " ".join(p for p in parts if p) + "\n"
    out = ["", grid.title(report), ""]
    if report.get("intro"):
        out += [report["intro"]]
    for sid, heading, text in grid.sections(report):
        out.append(heading)
        if text:
            out.append(text)
        if sid in template.TABLE_SECTIONS and sid in report.get("tables", {}):
            out += _dump_table(tables[sid]) + [""]
    return "\n".join(out) + "\n"
