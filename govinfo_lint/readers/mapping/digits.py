"""Cutting numbers that ran together when a table was flattened to text ("200 000121").

Archived page text and some PDF text layers drop the borders between cells, so a
row of seven counts becomes one run of digits. A whitespace or a sign is always a
boundary; inside a piece every split is tried, and the row's own arithmetic picks
one: table 三, the 总计 column is the sum of the six before it; table 四, in each
group of five the 总计 is 维持 + 纠正 + 其他 + 尚未审结. Only row sums are used,
never column identities, so a real defect between rows is not "repaired". One
split: used, and said (``cells_split``, info). As many digits as cells: one digit a cell,
whatever the sums say (the sums are the rules' business then). Several or none: the cells
are left unread with the run as their raw text (``cells_ambiguous``).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Callable

from ...model import Cell, Diagnostic, Location
from ...values import AMOUNT_UNITS, COUNTING_WORDS, parse_cell
from ..document import GridCell
from ... import lazy_re
from ...limits import DIGITS_NODES as MAX_NODES

_NOTE = r"(?:[（(][^（()）]*[）)])?"  # 22（其中修订16件）: the note goes with its number
_VALID = {
    "count": re.compile(r"(?:0|[1-9]\d*)(?:" + "|".join(COUNTING_WORDS) + ")?" + _NOTE),
    "signed": re.compile(r"[+\-]?(?:0|[1-9]\d*)" + _NOTE),
    "amount": re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?(?:" + "|".join(AMOUNT_UNITS) + ")?" + _NOTE),
}
# A bracketed note is one with its number, spaces and all (55（含自然失效 29 件）).
_PIECE = lazy_re.compile(r"[+\-]?(?:[^\s+\-（(]|[（(][^（()）]*[）)])+")
_NOTES = lazy_re.compile(r"[（(][^（()）]*[）)]")


def _digits(text: str) -> int:
    """How many digits of figures: a note's digits are not a cell's."""
    return len(re.sub(r"\D", "", _NOTES.sub("", text)))
MAX_LISTED = 5

Check = Callable[[list[Decimal], bool], bool]


class TooMany(Exception):
    pass


def pieces_of(cells: list[GridCell]) -> list[tuple[str, GridCell, int]]:
    """(text, cell, offset) for each whitespace- or sign-delimited piece of the cells."""
    out = []
    for cell in cells:
        for match in _PIECE.finditer(cell.text):
            out.append((match.group(), cell, match.start()))
    return out


def splits(pieces: list[str], kinds: list[str], check: Check, limit: int = MAX_NODES) -> list[list[str]]:
    """Every way of cutting the pieces into len(kinds) valid numbers that ``check`` accepts."""
    k = len(kinds)
    if sum(_digits(p) for p in pieces) < k or len(pieces) > k:
        return []  # fewer digits than cells, or more numbers than cells: no split at all
    found: list[list[str]] = []
    current: list[str] = []
    values: list[Decimal] = []
    nodes = [0]

    def walk(index: int, pos: int) -> None:
        nodes[0] += 1
        if nodes[0] > limit:
            raise TooMany
        if index == len(pieces):
            if len(current) == k and check(values, True):
                found.append(list(current))
            return
        piece = pieces[index]
        # Every piece still to come holds at least one number.
        if len(current) + (len(pieces) - index) > k:
            return
        for end in range(pos + 1, len(piece) + 1):
            text = piece[pos:end]
            slot = len(current)
            if slot >= k:
                return
            if not _VALID[kinds[slot]].fullmatch(text):
                continue
            current.append(text)
            values.append(_value(text))
            if check(values, False):
                if end == len(piece):
                    walk(index + 1, 0)
                else:
                    walk(index, end)
            current.pop()
            values.pop()

    walk(0, 0)
    return found


def _value(text: str) -> Decimal:
    return Decimal(re.sub(r"[^\d.+\-]", "", text) or "0")


def row_sum(values: list[Decimal], final: bool) -> bool:
    """Table 三: the seventh cell is the sum of the six before it."""
    if len(values) < 7:
        return True
    return sum(values[:6]) == values[6]


def group_sums(values: list[Decimal], final: bool) -> bool:
    """Table 四: in each complete group of five, the fifth is the sum of the four before it."""
    n = len(values) - len(values) % 5
    return all(sum(values[i:i + 4]) == values[i + 4] for i in range(0, n, 5))


def no_check(values: list[Decimal], final: bool) -> bool:
    return True


def resolve(cells: list[GridCell], kinds: list[str], check: Check, where: str, where_en: str,
            pointer: str) -> tuple[list[Cell], Diagnostic | None]:
    """Cells for ``kinds`` from run-together text, and what was done (or why not)."""
    pieces = pieces_of(cells)
    run = written(cells)
    loc = cells[0].loc if cells else None
    texts = [p[0] for p in pieces]
    if len(texts) == len(kinds):
        # Nothing ran together: every piece is a cell, whatever the arithmetic says.
        return [parse_cell(t, kind, shift(cell.loc, off)) for (t, cell, off), kind in zip(pieces, kinds)], None
    if sum(_digits(t) for t in texts) == len(kinds):
        # As many digits as cells: one digit a cell is the only split, so nothing is chosen and
        # the row's sums do not decide it. Where they disagree (海坛 2021 总计 1000000) that is
        # the report's defect for the arithmetic rules, not a reading problem.
        only = splits(texts, kinds, no_check)
        if len(only) == 1:
            return _place(only[0], pieces, kinds), None
    try:
        found = splits(texts, kinds, check)
    except TooMany:
        found = None
    if found is not None and len(found) == 1:
        cells_out = _place(found[0], pieces, kinds)
        shown = " ".join(found[0])
        return cells_out, Diagnostic(
            "cells_split", f"{where}的数字在原文中连在一起（{run}），已按本行合计唯一拆分为 {shown}。",
            f"{where_en}: digits ran together ({run}); the row's sums allow one split only: {shown}.", pointer, loc,
            {"run": run, "values": found[0]})
    unread = [Cell(None, run, loc, parse_error="ambiguous_split") for _ in kinds]
    detail, detail_en = _why_not(texts, found, kinds, check)
    return unread, Diagnostic(
        "cells_ambiguous", f"{where}的数字在原文中连在一起（{run or '空'}），{detail}，未能读取。",
        f"{where_en}: digits ran together ({run or 'empty'}); {detail_en}; not read.",
        pointer, loc, {"run": run, "candidates": (found or [])[:MAX_LISTED]})


def _why_not(texts: list[str], found: list[list[str]] | None, kinds: list[str], check: Check) -> tuple[str, str]:
    """Why no single split was chosen, in Chinese and English."""
    k = len(kinds)
    digits = sum(_digits(t) for t in texts)
    if found is None:
        return "可能的拆分方式过多", "too many possible splits"
    if found:
        shown = "；".join(" ".join(c) for c in found[:MAX_LISTED])
        if check is no_check:
            return (f"有 {len(found)} 种可能的拆分（如 {shown}），本行没有可用于判断的合计关系",
                    f"{len(found)} possible splits (e.g. {shown}) and no total in the row to choose by")
        return f"有 {len(found)} 种拆分都符合合计（如 {shown}）", f"{len(found)} splits fit the row's sums (e.g. {shown})"
    if not digits:
        return "无法读出其中的数字", "no digits to read"
    if len(texts) > k:
        return f"其中有 {len(texts)} 个数，多于 {k} 列", f"{len(texts)} numbers for {k} cells"
    if digits < k:
        return f"只有 {digits} 位数字，不够 {k} 列", f"only {digits} digits for {k} cells"
    if check is no_check:
        return "没有一种拆分能把每列读成数", "no split reads every cell as a number"
    return "没有一种拆分符合本行合计", "no split satisfies the row's sums"


def written(cells: list[GridCell]) -> str:
    """The cells' text as the source has it: pieces that touch there (2648-18538) stay together."""
    out, end = "", None
    for cell in cells:
        text = cell.text.strip()
        if not text:
            continue
        loc = cell.loc
        at = (loc.line, loc.page, loc.column) if loc is not None and loc.column is not None else None
        out += text if not out or (at is not None and at == end) else " " + text
        end = (loc.line, loc.page, loc.column + len(cell.text)) if at is not None else None
    return out


def _place(parts: list[str], pieces, kinds: list[str]) -> list[Cell]:
    """Parse each part with the location of where it starts in the source."""
    out: list[Cell] = []
    index, pos = 0, 0
    for part, kind in zip(parts, kinds):
        text, cell, offset = pieces[index]
        out.append(parse_cell(part, kind, shift(cell.loc, offset + pos)))
        pos += len(part)
        if pos >= len(text):
            index, pos = index + 1, 0
    return out


def shift(loc: Location | None, offset: int) -> Location | None:
    """``loc`` moved ``offset`` characters along its line (unchanged where it has no column)."""
    if loc is None or loc.column is None or offset == 0:
        return loc
    return Location(**{**loc.__dict__, "column": loc.column + offset})
