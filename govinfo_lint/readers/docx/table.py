"""A Word table as a rectangular grid: ``gridSpan`` and ``vMerge`` expanded.

Word stores a merged cell once: a horizontal merge is one ``w:tc`` with ``gridSpan``,
a vertical one is a ``restart`` cell followed by ``continue`` cells in the rows below.
The assembler wants every row to carry its labels, so each covered position repeats
the text of the cell that covers it (``origin=False``). Positions no cell covers
(``gridBefore``/``gridAfter`` of ragged rows) are blank with ``origin=False`` too, so
they never count as data cells.
"""

from __future__ import annotations

from typing import Callable, Iterator

from ...model import Location
from ...limits import DOCX_COLUMNS as MAX_COLUMNS, DOCX_SPAN as MAX_SPAN
from ..document import GridCell, TableGrid

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SDT = f"{W}sdt"
_SDT_CONTENT = f"{W}sdtContent"
_WRAPPERS = (_SDT, f"{W}customXml")
_TR, _TC, _TC_PROPS, _TR_PROPS = f"{W}tr", f"{W}tc", f"{W}tcPr", f"{W}trPr"
_VAL = f"{W}val"


def unwrap(parent, tag: str) -> Iterator:
    """Children with ``tag``, looking through content controls and custom XML wrappers."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                yield from unwrap(content, tag)


def first_children(parents, slots: dict[str, int]) -> list:
    """For each tag in ``slots`` (tag -> index in the result), its first child among
    ``parents``' children, in order: what ``parent.find(tag)`` (or ``find("pPr/" + tag)``
    over all ``parents``) gives, in one pass over the children instead of one path
    search per tag, which costs lxml more than the pass."""
    found = [None] * len(slots)
    for parent in parents:
        for child in parent:
            slot = slots.get(child.tag)
            if slot is not None and found[slot] is None:
                found[slot] = child
    return found


def _int(text: str | None, default: int) -> int:
    try:
        return max(0, min(MAX_SPAN, int(text))) if text is not None else default
    except ValueError:
        return default


_CELL_PROPS = {f"{W}gridSpan": 0, f"{W}vMerge": 1, f"{W}hMerge": 2}
_ROW_PROPS = {f"{W}gridBefore": 0, f"{W}del": 1}


def _props(tc) -> tuple[int, str | None]:
    props = next(tc.iterchildren(_TC_PROPS), None)
    if props is None:
        return 1, None
    span_node, merge_node, hmerge_node = first_children((props,), _CELL_PROPS)
    span = max(1, _int(span_node.get(_VAL), 1)) if span_node is not None else 1
    merge = None
    if merge_node is not None:
        merge = merge_node.get(_VAL) or "continue"  # a bare <w:vMerge/> continues
    elif hmerge_node is not None and hmerge_node.get(_VAL) == "continue":
        merge = "hcontinue"  # legacy horizontal merge (Word 2003 era files)
    return span, merge


def _row_offsets(tr) -> tuple[int, bool]:
    props = next(tr.iterchildren(_TR_PROPS), None)
    if props is None:
        return 0, False
    before, deleted = first_children((props,), _ROW_PROPS)
    # A row deleted with track changes on has a w:del.
    return (_int(before.get(_VAL), 0) if before is not None else 0), deleted is not None


def build_grid(tbl, index: int, cell_text: Callable[[object], str]) -> TableGrid:
    owners: list[list[tuple[GridCell | None, bool]]] = []
    for tr in unwrap(tbl, _TR):
        before, deleted = _row_offsets(tr)
        if deleted:
            continue
        r = len(owners)
        above = owners[-1] if owners else []
        positions: list[tuple[GridCell | None, bool]] = [(None, False)] * before
        extended: set[int] = set()
        for tc in unwrap(tr, _TC):
            span, merge = _props(tc)
            text = cell_text(tc)
            col = len(positions)
            if col >= MAX_COLUMNS:
                break
            if merge == "hcontinue" and positions and positions[-1][0] is not None:
                origin = positions[-1][0]
                origin.col_span += span
                positions.extend([(origin, False)] * span)
                continue
            covering = above[col][0] if merge == "continue" and col < len(above) else None
            if covering is not None:
                if id(covering) not in extended:
                    covering.row_span += 1
                    extended.add(id(covering))
                if text and text not in covering.text:
                    covering.text = f"{covering.text}\n{text}" if covering.text else text  # never lose a figure
                positions.extend([(covering, False)] * span)
                continue
            cell = GridCell(text, Location(table=index, row=r + 1, cell=col + 1), True, 1, span)
            positions.append((cell, True))
            positions.extend([(cell, False)] * (span - 1))
        owners.append(positions)
    width = max((len(p) for p in owners), default=0)
    rows: list[list[GridCell]] = []
    for r, positions in enumerate(owners):
        positions = positions + [(None, False)] * (width - len(positions))
        row = []
        for c, (owner, is_origin) in enumerate(positions):
            if is_origin and owner is not None:
                row.append(owner)
            else:
                row.append(GridCell(owner.text if owner is not None else "",
                                    Location(table=index, row=r + 1, cell=c + 1), origin=False))
        rows.append(row)
    return TableGrid(rows=rows, loc=Location(table=index))
