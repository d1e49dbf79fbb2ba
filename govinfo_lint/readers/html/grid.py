"""HTML tables to rectangular grids: spans expanded, split text joined, places kept.

Word-exported government pages split one number or one word over several spans or
paragraphs (``<span>2</span><span>0</span>``, ``结<br>果<br>维<br>持``); cell text joins
inline pieces without spaces and joins paragraph pieces without a line break when
they are all one- or two-character fragments or all digits.
"""

from __future__ import annotations

from typing import Any

from ...model import Location
from ..document import GridCell, TableGrid
from .text import Flow, Line, Locator, tag_of, walk
from ... import lazy_re
from ...limits import HTML_COLUMNS as MAX_COLUMNS, HTML_SPAN as MAX_SPAN
_SPAN = lazy_re.compile(r"\s*(\d+)")
_NUMERIC_PIECE = lazy_re.compile(r"[\d.,，+\-－]+")
_WORD = lazy_re.compile(r"\w+")


class Budget:
    """Grid cells left for the whole page, so a hostile page cannot exhaust memory."""

    def __init__(self, cells: int):
        self.cells = cells
        self.exhausted = False

    def take(self, n: int) -> bool:
        if n > self.cells:
            self.exhausted = True
            return False
        self.cells -= n
        return True


def own_rows(table: Any) -> list[Any]:
    """The table's own rows (not those of nested tables), in order."""
    rows = []
    for child in table:
        tag = tag_of(child)
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in child if tag_of(c) == "tr")
    return rows


def own_cells(row: Any) -> list[Any]:
    return [c for c in row if tag_of(c) in ("td", "th")]


def is_layout(table: Any) -> bool:
    """A table used to lay out the page rather than to hold figures: it wraps other
    tables, or it is a single cell."""
    if next(table.iterdescendants("table"), None) is not None:
        return True
    rows = own_rows(table)
    return sum(len(own_cells(r)) for r in rows) <= 1


def _span(value: str | None) -> int:
    match = _SPAN.match(value) if value else None
    if not match:
        return 1
    return min(int(match.group(1)[:6]), MAX_SPAN)


def join_pieces(pieces: list[str]) -> str:
    """One cell's lines as one text; ``2|0`` -> ``20``, ``结|果|维|持`` -> ``结果维持``.

    A break next to a one- or two-character fragment of letters or digits is a word
    that Word wrapped (or split into runs); other breaks are lines of a long label."""
    pieces = [p for p in pieces if p]
    if len(pieces) <= 1:
        return pieces[0] if pieces else ""  # most cells: one piece, nothing to join
    if all(_NUMERIC_PIECE.fullmatch(p) for p in pieces):
        return "".join(pieces)
    out = pieces[0]
    for left, right in zip(pieces, pieces[1:]):
        fragment = _WORD.fullmatch(left) and _WORD.fullmatch(right) and min(len(left), len(right)) <= 2
        out += ("" if fragment else "\n") + right
    return out


def cell_text(cell: Any, locator: Locator) -> tuple[str, int | None, int]:
    lines: list[Line] = []
    flow = Flow(lines.append)
    flow.add(cell.text, cell, cell)
    for child in cell:
        walk(child, flow)
        flow.add(child.tail, cell, child)
    flow.brk()
    if lines:
        line, column = locator.text(lines[0].snippet, lines[0].line_hint)
    else:
        line, column = locator.tag(tag_of(cell) or "td", cell.sourceline)
    return join_pieces([ln.text for ln in lines]), line, column


def build_grid(table: Any, index: int, locator: Locator, budget: Budget) -> TableGrid:
    """The table as a rectangle; a merged cell fills every position it covers."""
    tline, tcol = locator.tag("table", table.sourceline)
    rows = own_rows(table)
    grid: list[list[GridCell | None]] = [[] for _ in rows]
    for r, row in enumerate(rows):
        c = 0
        for cell in own_cells(row):
            current = grid[r]
            while c < len(current) and current[c] is not None:
                c += 1
            row_span = min(max(_span(cell.get("rowspan")), 1), len(rows) - r)
            col_span = min(max(_span(cell.get("colspan")), 1), MAX_COLUMNS - c)
            text, line, column = cell_text(cell, locator)
            if col_span <= 0 or not budget.take(row_span * col_span):
                break
            for dr in range(row_span):
                target = grid[r + dr]
                for dc in range(col_span):
                    while len(target) <= c + dc:
                        target.append(None)
                    if target[c + dc] is None:  # overlapping spans: the first one wins, as in browsers
                        loc = Location(line=line, column=column, table=index, row=r + dr + 1, cell=c + dc + 1)
                        target[c + dc] = GridCell(text, loc, dr == 0 and dc == 0, row_span, col_span)
            c += col_span
        if budget.exhausted:
            grid = grid[: r + 1]
            break
    width = max((len(r) for r in grid), default=0)
    while grid and all(cell is None or not cell.text.strip() for cell in grid[-1]):
        grid.pop()  # trailing empty rows: Word leaves them, they are not data
    out: list[list[GridCell]] = []
    for r, row in enumerate(grid, 1):
        padded = row + [None] * (width - len(row))
        out.append([cell if cell is not None else GridCell("", Location(table=index, row=r, cell=c))
                    for c, cell in enumerate(padded, 1)])
    return TableGrid(rows=out, loc=Location(line=tline, column=tcol, table=index))
