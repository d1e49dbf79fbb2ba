"""The material of one table, in document order: its grid rows and the short lines around them.

Mappers see a table as a sequence of ``Line``s: every row of every grid that belongs to
it (continuations after a page break included) and the short paragraphs of its section
(a block caption ``第二十条第（一）项`` or a group label ``行政复议`` that a converter
wrote as a heading above a mini table).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Location
from ...normalize import normalize
from ..document import GridCell, TableGrid
from .rows import is_number


@dataclass
class Line:
    cells: list[GridCell]
    grid: int | None  # index of the grid among this table's grids; None: a paragraph
    flattened: bool = False  # numbers in it may have run together

    @property
    def paragraph(self) -> bool:
        return self.grid is None

    @property
    def loc(self) -> Location | None:
        return next((c.loc for c in self.cells if c.loc is not None), None)

    def text(self) -> str:
        return "".join(c.text for c in self.cells if c.origin)


def grid_lines(grids: list[TableGrid | GridCell]) -> list[Line]:
    """Lines of grids and context paragraphs (given as single GridCells), in order."""
    out: list[Line] = []
    index = 0
    for item in grids:
        if isinstance(item, TableGrid):
            out.extend(Line(row, index, item.flattened) for row in item.rows)
            index += 1
        else:
            out.append(Line([item], None))
    return out


def numbers_in(cells: list[GridCell]) -> int:
    return sum(1 for c in cells if is_number(c.text))


def note_of(lines: list[Line]) -> GridCell | None:
    """The cell holding the 勾稽 note of table 三."""
    for line in lines:
        for cell in line.cells:
            if "勾稽关系" in normalize(cell.text) or "钩稽关系" in normalize(cell.text):
                return cell
    return None
