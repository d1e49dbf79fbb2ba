"""Tables flattened into running text, digits run together: ``…申请数量15130000154二、…``.

Web archives keep only the text of a page, so a row's cells arrive as one run of digits.
The labels are found in template order and each run is handed on as one cell per number
(whitespace and signs are boundaries), at its place in the line: the mappers split what
ran together with ``digits.resolve``, by the row's own arithmetic, as they do for rows
rebuilt from PDF text (``text_rows``). A run the mappers cannot take as it is (no
number, more numbers than the row has cells, over 30 digits) is split here with the same
``digits.resolve``; if it does not split one way its row is left blank, and ``assemble``
marks those cells unread.
"""

from __future__ import annotations

import re

from .. import template
from ..model import Diagnostic, Location
from ..normalize import loose
from .digits import Check, group_sums, no_check, pieces_of, resolve, row_sum, shift
from .document import GridCell, Paragraph, TableGrid
from .rows import is_number


# A row's figures: numbers with the counting word or unit some pages write (2笔 984361元).
_FIGURES = r"\s*((?:[+\-]?\d[\d.]*(?:万元|元|笔|宗|件|项|个|条|次)?[ \t\u3000]*)*[+\-]?\d[\d.]*(?:万元|元|笔|宗|件|项|个|条|次)?)"


def _label_pattern(label: str) -> str:
    core = loose(label)
    return r"[^\w]*".join(re.escape(ch) for ch in core)


def parse(paragraph: Paragraph, diagnostics: list[Diagnostic]) -> list[TableGrid]:
    """Grids for the tables found flattened in this paragraph (possibly none)."""
    text = paragraph.text
    grids = []
    proactive = _proactive(text, paragraph.loc, diagnostics)
    if proactive:
        grids.append(proactive)
    requests = _requests(text, paragraph.loc, diagnostics)
    if requests:
        grids.append(requests)
    review = _review(text, paragraph.loc, diagnostics)
    if review:
        grids.append(review)
    return grids


def _proactive(text: str, loc: Location | None, diagnostics: list[Diagnostic]) -> TableGrid | None:
    start = text.find("第二十条第（一）项")
    if start < 0:
        return None
    fmt = "2021" if "本年制发件数" in text[start:start + 200] else "2019"
    grid = TableGrid(rows=[], loc=loc, flattened=True)
    position = start
    for block in template.TABLES[fmt]["proactive"].blocks:
        grid.rows.append([GridCell(block.caption, loc)] * (1 + len(block.columns)))
        grid.rows.append([GridCell(template.INFO_CONTENT, loc)] + [GridCell(c.label, loc) for c in block.columns])
        for row in block.rows:
            match = re.compile(_label_pattern(row.label) + _FIGURES).search(text, position)
            if match is None:
                return grid if len(grid.rows) > 2 else None
            position = match.end()
            cells = _run_cells(text, match.start(1), match.end(1), [c.kind for c in block.columns], no_check, loc,
                               diagnostics, f"表二“{row.label}”行", f"table 2 row “{row.label}”",
                               f"/tables/proactive/{row.id}")
            grid.rows.append([GridCell(row.label, loc)] + cells)
    return grid


def _requests(text: str, loc: Location | None, diagnostics: list[Diagnostic]) -> TableGrid | None:
    start = text.find("本年新收政府信息公开申请数量")
    if start < 0:
        return None
    fmt = "2021" if "逾期未按收费通知" in text else "2019"
    rows = template.TABLES[fmt]["requests"].rows
    header = [GridCell("申请人情况")] + [GridCell(c.label) for c in template.REQUESTS_COLUMNS]
    grid = TableGrid(rows=[header], loc=loc, flattened=True)
    position = start - 1
    spans = []
    for row in rows:
        match = re.compile(_label_pattern(row.label)).search(text, max(position, 0))
        if match is None:
            return None
        spans.append((row, match))
        position = match.end()
    for k, (row, match) in enumerate(spans):
        end = spans[k + 1][1].start() if k + 1 < len(spans) else len(text)
        run = text[match.end():end]
        number = re.match(r"^(\d+)[.、]", spans[k + 1][0].label) if k + 1 < len(spans) else None
        if number:  # the next label's own number (2.其他…) is not part of this row's digits
            run = re.sub(re.escape(number.group(1)) + r"\s*[.、．]\s*$", "", run)
        digits = re.match(r"[^\w]*([\d\s]*)", run)
        cells = _run_cells(text, match.end() + digits.start(1), match.end() + digits.end(1), ["count"] * 7, row_sum,
                           loc, diagnostics, f"表三“{row.label}”行", f"table 3 row “{row.label}”",
                           f"/tables/requests/{row.id}")
        grid.rows.append([GridCell(row.label, loc)] + cells)
    return grid


_REVIEW_WORDS = ("行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果",
                 "尚未审结", "总计")
_REVIEW_HEADER = re.compile(r"(?:(?:" + "|".join(_REVIEW_WORDS) + r")[\s|]*){8,}?总计\s*(\d[\d\s]*)")


def _review(text: str, loc: Location | None, diagnostics: list[Diagnostic]) -> TableGrid | None:
    # The header words in any spacing (a page's cells joined by spaces or by nothing), the
    # result words written at least twice (复议 and 诉讼 groups), then the fifteen figures.
    match = None
    for found in _REVIEW_HEADER.finditer(text):
        if found.group(0).count("结果维持") >= 2 and "诉讼" in found.group(0):
            match = found
            break
    if match is None:
        return None
    head = [GridCell("行政复议")] * 5 + [GridCell("行政诉讼")] * 10
    labels = [GridCell(c.label) for c in template.REVIEW_COLUMNS] * 3
    cells = _run_cells(text, match.start(1), match.end(1), ["count"] * 15, group_sums, loc, diagnostics, "表四",
                       "table 4", "/tables/review")
    return TableGrid(rows=[head, labels, cells], loc=loc, flattened=True)


def _run_cells(text: str, start: int, end: int, kinds: list[str], check: Check, loc: Location | None,
               diagnostics: list[Diagnostic], where: str, where_en: str, pointer: str) -> list[GridCell]:
    """The numbers of ``text[start:end]``, one cell each, placed where they are in the line."""
    pieces = pieces_of([GridCell(text[start:end])])
    cells = [GridCell(piece, shift(loc, start + offset)) for piece, _cell, offset in pieces]
    if 0 < len(cells) <= len(kinds) and all(is_number(c.text) for c in cells):
        return cells  # the mapper splits what ran together
    # A run a mapper cannot take as it is: it would read a line of nine numbers by position,
    # and a run of over 30 digits is no number to it. Split here with the same splitter; a row
    # that does not split one way is left blank, and assemble marks its cells unread.
    values, diag = resolve(cells, kinds, check, where, where_en, pointer)
    if diag is not None:
        diagnostics.append(diag)
    if any(v.parse_error == "ambiguous_split" for v in values):
        return [GridCell("", loc) for _ in kinds]
    return [GridCell(v.raw or "", v.loc) for v in values]
