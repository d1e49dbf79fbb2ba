"""A table continued on the next page, joined back into one grid by its columns.

A table that ends at a page foot and one that opens the next page with nothing
between them (the running header and page number are gone by now) are one table
when the second has no header of another table and its number columns sit under
the first one's. Columns are matched by geometry, never by position: number
columns by their centres (the continuation may be shifted a little, and an unruled
table's columns are where its numbers are), label columns by where they start — the
continuation often lacks the column of a group label spanning rows
(三、本年度办理结果 empty or absent there), or has one the first part lacked. A
header repeated on the continuation page is dropped, and a label cell spanning rows
across the break, written on one part only, is filled in on the other.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...normalize import normalize
from ..document import GridCell, TableGrid
from ..mapping.rows import is_number

_TOL = 3.0  # points: ruling lines drawn by different pages of one export agree closer than this


@dataclass
class Fragment:
    """One table grid on one page: its rows and the x-range of each of its columns."""

    top: float
    bottom: float
    rows: list[list[GridCell]]
    cols: list[tuple[float, float]]
    number: int | None = None  # the table's number in the document, counting each page's tables
    ruled: bool = True


def unruled(run, page_no: int, diagnostics) -> Fragment:
    """The fragment of a table without ruling lines, from its run of lines."""
    from .words import build

    rows, cols = build(run, page_no, diagnostics)
    return Fragment(run[0].top, run[-1].bottom, rows, cols, ruled=False)


def number_cells(pages) -> None:
    """Each cell's place as printed: page, table (counted page by page), row and cell within it.

    Given before joining, so a cell of a continued table still says where it stands on its page."""
    from ...model import Location

    count = 0
    for page in pages:
        for frag in page.tables:
            count += 1
            frag.number = count
            for r, row in enumerate(frag.rows, start=1):
                for c, cell in enumerate(row, start=1):
                    if cell.loc is None:
                        cell.loc = Location(page=page.number)
                    cell.loc.table, cell.loc.row, cell.loc.cell = count, r, c


def _lone_rows(pages, diagnostics) -> None:
    """Rows of figures opening a page under a table without rules that ran to the foot of the
    page before: the rest of that table, though too few lines to be found as a table alone."""
    from .words import strong

    for before, page in zip(pages, pages[1:]):
        if not before.tables or before.tables[-1].ruled or not _ends_page(before, before.tables[-1]):
            continue
        first = min((f.top for f in page.tables), default=float("inf"))
        lines = sorted((l for l in page.lines if l.top < first), key=lambda l: l.top)
        run = []
        for line in lines:
            if not strong(line):
                break
            run.append(line)
        if run:
            page.tables.insert(0, unruled(run, page.number, diagnostics))
            taken = {id(l) for l in run}
            page.lines = [l for l in page.lines if id(l) not in taken]


def join_continued(pages, diagnostics=None) -> None:
    """Merge each continuation fragment into the fragment it continues, in place."""
    _lone_rows(pages, diagnostics if diagnostics is not None else [])
    number_cells(pages)
    open_frag: Fragment | None = None  # a table running to the foot of the page before
    for page in pages:
        if open_frag is not None and page.tables and _opens_page(page, page.tables[0]):
            merged = _join(open_frag, page.tables[0])
            if merged is not None:
                open_frag.rows = merged
                page.tables.pop(0)
                if not page.tables and not page.lines:
                    continue  # a page of table only: the table may go on over the next one too
        open_frag = page.tables[-1] if page.tables and _ends_page(page, page.tables[-1]) else None


def _ends_page(page, frag: Fragment) -> bool:
    return not any(l.top >= frag.bottom - 1 for l in page.lines)


def _opens_page(page, frag: Fragment) -> bool:
    return not any(
        l.bottom <= frag.top + 1 and not ("续" in l.text and len(l.text) <= 16) for l in page.lines)


def _data_columns(frag: Fragment) -> set[int]:
    return {j for row in frag.rows for j, c in enumerate(row) if j < len(frag.cols) and is_number(c.text)}


def _row_text(row: list[GridCell]) -> str:
    return normalize("".join(c.text for c in row if c.origin))


def _join(a: Fragment, b: Fragment) -> list[list[GridCell]] | None:
    from ..mapping.assemble import classify

    kind_a, kind_b = classify(TableGrid(a.rows)), classify(TableGrid(b.rows))
    if kind_b is not None and kind_b != kind_a:
        return None
    shift = _shift(a.cols, b.cols)
    bcols = [(x0 - shift, x1 - shift) for x0, x1 in b.cols]
    da, db = _data_columns(a), _data_columns(b)
    if not db:
        return None
    edge = min([a.cols[j][0] for j in da] + [bcols[j][0] for j in db])
    data_a = [j for j, (x0, x1) in enumerate(a.cols) if (x0 + x1) / 2 >= edge - _TOL]
    data_b = [j for j, (x0, x1) in enumerate(bcols) if (x0 + x1) / 2 >= edge - _TOL]
    to_a: dict[int, list[int]] = {}  # a continuation column spanning several (one value over 3 columns)
    for j in data_b:
        x0, x1 = bcols[j]
        mid = (x0 + x1) / 2
        hit = [k for k in data_a if x0 - _TOL <= (a.cols[k][0] + a.cols[k][1]) / 2 <= x1 + _TOL]
        if not hit:
            hit = [k for k in data_a if a.cols[k][0] - _TOL <= mid <= a.cols[k][1] + _TOL][:1]
        if not hit:
            return None  # a number column the first part does not have: another table
        to_a[j] = hit
    taken = [k for ks in to_a.values() for k in ks]
    if len(taken) != len(set(taken)):
        return None
    # Label columns: every distinct left edge of either part starts a column of the joined grid.
    starts: list[float] = []
    labels_a = [j for j in range(len(a.cols)) if j not in data_a]
    labels_b = [j for j in range(len(bcols)) if j not in data_b]
    for x in sorted([a.cols[j][0] for j in labels_a] + [bcols[j][0] for j in labels_b]):
        if not starts or x - starts[-1] > _TOL:
            starts.append(x)
    same = {k: [k] for k in data_a}
    a_rows = [_regrid(row, a.cols, labels_a, starts, same, data_a) for row in a.rows]
    b_rows = [_regrid(row, bcols, labels_b, starts, to_a, data_a) for row in b.rows]
    header = {_row_text(r) for r in a_rows if not any(is_number(c.text) for c in r)}
    while b_rows and not any(is_number(c.text) for c in b_rows[0]) and _row_text(b_rows[0]) in header:
        b_rows.pop(0)  # the header repeated on the continuation page
    if not b_rows:
        return None
    _fill_spans(a_rows, b_rows, len(starts))
    return a_rows + b_rows


def _shift(acols, bcols, reach: float = 24.0) -> float:
    """How far the continuation is moved sideways: the offset that lines up most column edges
    (the outer frame is often drawn a little apart on each page, the inner rules agree)."""
    xa = sorted({v for c in acols for v in c})
    xb = sorted({v for c in bcols for v in c})
    best, score = 0.0, -1
    for d in sorted({round(y - x, 1) for x in xa for y in xb if abs(y - x) <= reach}, key=abs):
        n = sum(1 for y in xb if any(abs(y - d - x) <= 1.0 for x in xa))
        if n > score:
            best, score = d, n
    return best


def _regrid(row, cols, label_cols, starts, to_data, data_out) -> list[GridCell]:
    """One row on the joined columns: label columns by their left edges, number columns as mapped."""
    out: list[GridCell | None] = [None] * (len(starts) + len(data_out))
    ends = [(cols[j][0], cols[j][1]) for j in label_cols]
    for j, (x0, x1) in zip(label_cols, ends):
        if j >= len(row):
            continue
        cover = [k for k, s in enumerate(starts) if x0 - _TOL <= s < x1 - _TOL]
        for n, k in enumerate(cover):
            cell = row[j]
            out[k] = cell if n == 0 else replace(cell, origin=False)
    for j, ks in to_data.items():
        if j < len(row):
            for n, k in enumerate(ks):
                out[len(starts) + data_out.index(k)] = row[j] if n == 0 else replace(row[j], origin=False)
    # A column this part lacks: the label cell left of it covers it (a merged cell).
    for k, cell in enumerate(out):
        if cell is None:
            left = out[k - 1] if 0 < k <= len(starts) else None
            if left is not None and k < len(starts):
                out[k] = replace(left, origin=False)
            else:
                loc = next((c.loc for c in out if c is not None), None)
                out[k] = GridCell("", replace(loc) if loc else None)
    return out  # type: ignore[return-value]


def _fill_spans(a_rows, b_rows, labels: int) -> None:
    """A label cell spanning rows across the break, its text on one side only, gets it on both."""
    last, first = a_rows[-1], b_rows[0]
    for k in range(labels):
        top, bottom = last[k], first[k]

        def wide(row, cell) -> bool:  # a label spanning columns (a row of its own), not rows
            return any(0 <= n < labels and normalize(row[n].text) == normalize(cell.text) for n in (k - 1, k + 1))

        # The last label column holds each row's own label: a blank there is a row without one.
        spans = top.row_span > 1 or not top.origin or bottom.row_span > 1 or (
            len(b_rows) > 1 and not b_rows[1][k].origin)
        if k == labels - 1 and not spans:
            continue
        if top.text.strip() and not bottom.text.strip() and not wide(last, top):
            _paint(b_rows, k, top, down=True)
        elif bottom.text.strip() and not top.text.strip() and not wide(first, bottom):
            _paint(a_rows, k, bottom, down=False)


def _paint(rows, k: int, source: GridCell, down: bool) -> None:
    order = range(len(rows)) if down else range(len(rows) - 1, -1, -1)
    for n, r in enumerate(order):
        cell = rows[r][k]
        if cell.text.strip() or (n and cell.origin and down):
            break
        rows[r][k] = GridCell(source.text, source.loc, False, cell.row_span, cell.col_span)
        if not down and cell.origin:
            break  # the blank cell's own top row: the span starts here
