"""Tables without ruling lines, rebuilt from where the words sit.

Some PDFs draw no borders (or borders pdfplumber cannot see), so their tables come
out as lines of text with wide gaps. A run of such lines with numbers in columns is
rebuilt as a grid: rows are the lines, columns are found by stacking the number
positions of all rows (and the label area left of them). A piece of text that falls
in a column already taken in its row cannot be placed; it is kept in that cell and
reported as ``cell_unreadable`` when a number is involved (two pieces of a header
joined are still a readable header).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...model import Diagnostic, Location
from ..document import GridCell
from .text import Line, Segment
from ... import lazy_re

# A figure as tables print it: 1,136 / -15 / 96171.6 / 251000元 / 22（其中修订16件）, or a placeholder.
_VALUE = lazy_re.compile(r"^(?:[+\-−]?\d[\d,，]*(?:\.\d+)?(?:%|万?元|件|个)?(?:[（(][^（()）]*[)）])?|[/／\-－—–]{1,2})$")
_MAX_LABEL = 40


def is_value(text: str) -> bool:
    return bool(_VALUE.match(text.replace(" ", "")))


def _tabular(line: Line) -> bool:
    segs = line.segments
    return len(segs) >= 2 and all(len(s.text) <= _MAX_LABEL and not s.text.endswith("。") for s in segs)


def strong(line: Line) -> bool:
    """A line of a table: pieces apart, two of them figures."""
    return _strong(line)


def _strong(line: Line) -> bool:
    return _tabular(line) and len(line.segments) >= 3 and sum(is_value(s.text) for s in line.segments) >= 2


def _wrapped(line: Line) -> bool:
    return len(line.segments) == 1 and len(line.text) <= _MAX_LABEL and not line.text.endswith("。")


def _heading(line: Line) -> bool:
    from ...headings import section_id

    return section_id(line.text)[0] is not None


def _near(above: Line, below: Line, size: float) -> bool:
    """Same type size as the table and no wider gap than a blank line: still the table."""
    return abs(below.size - size) <= 1.5 and abs(above.size - size) <= 1.5 and below.top - above.bottom <= 2 * size


def _vertical(lines: list[Line], j: int, size: float) -> bool:
    """Line ``j`` starts a label written one character a line (三、本年度办理结果 down a narrow
    column) that reaches a row of the table further down than a wrapped label would."""
    k = j
    while k < len(lines) and k - j < 16 and len(lines[k].text) <= 2 and (k == j or _near(lines[k - 1], lines[k], size)):
        k += 1
    return k > j + 1 and k < len(lines) and _tabular(lines[k]) and _near(lines[k - 1], lines[k], size)


def find_runs(lines: list[Line]) -> list[tuple[int, int]]:
    """Index ranges [start, end) of lines that form an unruled table.

    A run starts at a line of gap-separated pieces, goes on through such lines and
    through labels wrapped onto lines of their own, and must hold a row with numbers
    in two columns or more. Header lines right above it (short, same type size) join
    it; a section heading never does.
    """
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if not _tabular(lines[i]) or _heading(lines[i]):
            i += 1
            continue
        size = lines[i].size
        j = i + 1
        while j < len(lines) and _near(lines[j - 1], lines[j], size) and not _heading(lines[j]):
            if _tabular(lines[j]):
                j += 1
            elif _wrapped(lines[j]) and (any(_tabular(l) for l in lines[j + 1:j + 4]) or _vertical(lines, j, size)):
                j += 1  # a label wrapped over lines of its own, within the table
            else:
                break
        if j - i >= 2 and any(_strong(l) for l in lines[i:j]):
            start = i
            floor = runs[-1][1] if runs else 0
            while (start > floor and i - start < 6 and _near(lines[start - 1], lines[start], size)
                   and (_wrapped(lines[start - 1]) or _tabular(lines[start - 1]))
                   and not _heading(lines[start - 1]) and not lines[start - 1].text.endswith(("。", "：", ":"))):
                start -= 1
            runs.append((start, j))
        i = j
    return runs


def _merge(intervals: list[tuple[float, float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for a, b in sorted(intervals):
        if out and a <= out[-1][1] + 1.0:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return out


def _columns(lines: list[Line]) -> tuple[list[list[float]], int]:
    """Data columns where numbers stack; label columns where label texts start, left of them."""
    values = [(s.x0, s.x1) for l in lines for s in l.segments if is_value(s.text)]
    data = _merge(values)
    start = data[0][0] if data else max(s.x1 for l in lines for s in l.segments) + 1.0
    tol = 1.5 * sorted(l.size for l in lines)[len(lines) // 2]
    starts: list[float] = []
    # Labels sit left of the numbers; a header centred over a number column is not a label.
    for x in sorted(s.x0 for l in lines for s in l.segments if not is_value(s.text) and (s.x0 + s.x1) / 2 < start):
        if not starts or x - starts[-1] > tol:
            starts.append(x)
    ends = [b - 1.0 for b in starts[1:]] + [start - 1.0]
    return [[a, b] for a, b in zip(starts, ends)] + data, len(starts)


def _place(seg: Segment, columns: list[list[float]], labels: int) -> list[int]:
    """Columns a piece of text covers.

    A label covers the label column it starts in and those it runs into; other text
    covers the columns whose middle it spans, else the nearest one.
    """
    if not is_value(seg.text) and labels and seg.x0 < columns[labels - 1][1] + 1.0:
        first = max(k for k in range(labels) if columns[k][0] <= seg.x0 + 1.0) if seg.x0 + 1.0 >= columns[0][0] else 0
        reach = [k for k in range(len(columns)) if columns[k][0] < seg.x1 - 1.0]
        last = max(reach) if reach else 0
        return list(range(first, max(first, min(last, labels - 1)) + 1))
    hit = [k for k, (a, b) in enumerate(columns) if seg.x0 - 1.0 <= (a + b) / 2 <= seg.x1 + 1.0]
    if hit:
        return list(range(hit[0], hit[-1] + 1))
    mid = (seg.x0 + seg.x1) / 2
    return [min(range(len(columns)), key=lambda k: abs((columns[k][0] + columns[k][1]) / 2 - mid))]


@dataclass
class _Slot:
    text: str
    first: int  # the column the text starts in
    span: int
    loc: Location


def build(lines: list[Line], page_no: int,
          diagnostics: list[Diagnostic]) -> tuple[list[list[GridCell]], list[tuple[float, float]]]:
    """The grid of these lines, and the x-range of each of its columns (for joining a table
    continued on the next page)."""
    columns, labels = _columns(lines)
    rows: list[list[_Slot | None]] = []
    for r, line in enumerate(lines, start=1):
        slots: list[_Slot | None] = [None] * len(columns)
        for seg in line.segments:
            span = _place(seg, columns, labels)
            loc = Location.box_of(page_no, seg.x0, line.top, seg.x1, line.bottom)
            taken = next((slots[k] for k in span if slots[k] is not None), None)
            if taken is not None:
                before = taken.text
                taken.text = f"{taken.text} {seg.text}"
                if not (is_value(seg.text) or is_value(before)):
                    continue  # two pieces of a label or header: still readable as one
                diagnostics.append(Diagnostic(
                    "cell_unreadable",
                    f"第{page_no}页无框线表格第{r}行：文字“{seg.text}”无法确定所在的列，已并入“{taken.text}”。",
                    f"page {page_no}, unruled table row {r}: text “{seg.text}” could not be placed in a column; "
                    f"it was joined to the cell “{taken.text}”.", "", taken.loc, {"text": seg.text}))
                continue
            slot = _Slot(seg.text, span[0], len(span), loc)
            for k in span:
                slots[k] = slot
        rows.append(slots)
    rows = _attach_labels(rows, lines, labels)
    out: list[list[GridCell]] = []
    for slots, line in rows:
        # The origin keeps the slot's own Location, which a diagnostic may share.
        out.append([GridCell(s.text, s.loc if s.first == k else replace(s.loc), origin=s.first == k,
                             col_span=s.span if s.first == k else 1)
                    if s is not None else
                    GridCell("", Location.box_of(page_no, columns[k][0], line.top, columns[k][1], line.bottom))
                    for k, s in enumerate(slots)])
    return out, [(a, b) for a, b in columns]


_NUMBERED = lazy_re.compile(r"^[（(]?[一二三四五六七八九十\d]+[）)、.．]")


class _Grid:
    """Rows of slots being rebuilt, with their lines: which row has only a label, and which are close."""

    def __init__(self, rows, lines: list[Line], labels: int):
        self.rows, self.lines, self.labels = rows, lines, labels
        self.used: set[int] = set()  # rows emptied into another

    def label(self, i: int) -> _Slot | None:
        found = [s for s in self.rows[i][:self.labels] if s is not None]
        return found[-1] if found else None

    def label_only(self, i: int) -> bool:
        return 0 <= i < len(self.rows) and self.label(i) is not None and not any(self.rows[i][self.labels:])

    def close(self, i: int, j: int) -> bool:
        a, b = sorted((i, j))
        return self.lines[b].top - self.lines[a].bottom < 1.5 * self.lines[b].size

    def take(self, j: int, piece: _Slot) -> None:
        """Row ``j`` gives up ``piece``; a row left empty is dropped."""
        self.rows[j] = [None if s is piece else s for s in self.rows[j]]
        if not any(self.rows[j]):
            self.used.add(j)


def _attach_labels(rows, lines: list[Line], labels: int):
    """Labels wrapped over several lines, the numbers beside only one of them, become one label.

    A piece joins the row of numbers next to it when that row has no label, or when one
    of the two reads as the continuation of the other (it does not start with 1. or （一）);
    only pieces in the row's label column or right of it, so spanning group labels stay.
    """
    grid = _Grid(rows, lines, labels)
    for i, slots in enumerate(rows):
        if any(slots[labels:]):
            _wrapped_label(grid, i, slots)
    _group_labels_beside(grid)
    return [(slots, line) for i, (slots, line) in enumerate(zip(rows, lines)) if i not in grid.used]


def _wrapped_label(grid: _Grid, i: int, slots: list) -> None:
    labels, label = grid.labels, grid.label
    own = label(i)
    col = own.first if own else labels
    above = next((j for j in (i - 1, i - 2) if grid.label_only(j) and j not in grid.used and grid.close(j, i)
                  and (own is None or label(j).first >= min(col, labels - 1))), None)
    below = i + 1 if grid.label_only(i + 1) and i + 1 not in grid.used and grid.close(i, i + 1) else None
    side = [j for j in (above, below) if j is not None and own is not None and _NUMBERED.match(own.text)
            and label(j).first > own.first]
    if side:
        # The row's own label wrapped around a group label beside it (（五）不予处理 over a
        # single row): its pieces make the label cell right of the group, not part of it.
        pieces = {j: label(j) for j in side}
        lead = pieces[side[0]]
        merged = _Slot("\n".join(pieces[j].text for j in sorted(side)), lead.first, lead.span, lead.loc)
        for k in range(lead.first, lead.first + lead.span):
            if slots[k] is None:
                slots[k] = merged
        for j in side:
            grid.take(j, pieces[j])
        return
    parts = []
    if above is not None and (own is None or not _NUMBERED.match(own.text)):
        parts.append(above)
    if below is not None and not _NUMBERED.match(label(below).text) and (own is None or label(below).first >= col):
        parts.append(below)
    if not parts:
        return
    pieces = {j: label(j) for j in parts}
    texts = [pieces[j].text for j in parts if j < i] + ([own.text] if own else []) + \
            [pieces[j].text for j in parts if j > i]
    target = own or pieces[parts[0]]
    merged = _Slot("\n".join(texts), target.first, target.span, target.loc)
    for k in range(target.first, target.first + target.span):
        slots[k] = merged
    for j in parts:
        grid.take(j, pieces[j])


def _group_labels_beside(grid: _Grid) -> None:
    """A group label centred beside several rows, e.g. （三）不予公开, joins the nearest of them."""
    rows, lines, label = grid.rows, grid.lines, grid.label
    for i in range(len(rows)):
        if i in grid.used or not grid.label_only(i):
            continue
        piece = label(i)
        near = [j for j in (i - 1, i + 1, i - 2, i + 2) if 0 <= j < len(rows) and j not in grid.used
                and any(rows[j][grid.labels:]) and grid.close(i, j) and rows[j][piece.first] is None
                and label(j) is not None and label(j).first > piece.first]
        if near and all(s is None or s is piece for s in rows[i]):
            j = min(near, key=lambda j: abs(lines[j].top - lines[i].top))
            for k in range(piece.first, piece.first + piece.span):
                if rows[j][k] is None:
                    rows[j][k] = piece
            grid.used.add(i)
