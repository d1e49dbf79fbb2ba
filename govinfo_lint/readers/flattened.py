"""Tables flattened into running text, digits run together: ``…申请数量15130000154二、…``.

Web archives keep only the text of a page, so a row's cells arrive as one run of digits.
The labels are found in template order; each run is split into the row's cells using
the row's own arithmetic (总计 = the sum of the other cells; 表四 each group's 总计 =
维持+纠正+其他+未结). A unique split is used and said (``cells_split``); several
splits leave the cells empty with the candidates (``cells_ambiguous``). A split never
uses the identities between rows, so a real defect in the source stays visible.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import template
from ..model import Diagnostic, Location
from ..normalize import loose
from .digits import TooMany, group_sums, no_check, row_sum
from .digits import splits as cut
from .document import GridCell, Paragraph, TableGrid

MAX_CANDIDATES = 50


def _label_pattern(label: str) -> str:
    core = loose(label)
    return r"[^\w]*".join(re.escape(ch) for ch in core)


@lru_cache(maxsize=4096)
def splits(digits: str, parts: int) -> tuple[tuple[int, ...], ...]:
    """Every way to cut ``digits`` into ``parts`` counts without leading zeros."""
    try:
        found = cut([digits], ["count"] * parts, no_check)
    except TooMany:
        return ()
    return tuple(tuple(int(v) for v in c) for c in found)


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
            match = re.compile(_label_pattern(row.label) + r"\s*([\d\s.+\-]*\d(?:万元|元)?)").search(text, position)
            if match is None:
                return grid if len(grid.rows) > 2 else None
            position = match.end()
            kinds = [c.kind for c in block.columns]
            cells = _split_run(match.group(1), kinds, no_check, f"表二“{row.label}”行", diagnostics, loc,
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
        run = re.match(r"[^\w]*([\d\s]*)", run).group(1)
        cells = _split_run(run, ["count"] * 7, row_sum, f"表三“{row.label}”行", diagnostics, loc,
                           f"/tables/requests/{row.id}")
        grid.rows.append([GridCell(row.label, loc)] + cells)
    return grid


def _review(text: str, loc: Location | None, diagnostics: list[Diagnostic]) -> TableGrid | None:
    match = re.search(r"复议后起诉(?:结果维持结果纠正其他结果尚未审结总计){1,3}\s*(\d[\d\s]*)", text)
    if match is None:
        return None
    head = [GridCell("行政复议")] * 5 + [GridCell("行政诉讼")] * 10
    labels = [GridCell(c.label) for c in template.REVIEW_COLUMNS] * 3
    cells = _split_run(match.group(1), ["count"] * 15, group_sums, "表四", diagnostics, loc, "/tables/review")
    return TableGrid(rows=[head, labels, cells], loc=loc, flattened=True)


def _split_run(run: str, kinds: list[str], ok, where: str, diagnostics: list[Diagnostic],
               loc: Location | None, pointer: str = "") -> list[GridCell]:
    """The run's cells: whitespace and signs are boundaries, the row's sums choose the rest.

    Several splits that all fit leave the cells blank: guessing would hide or invent a
    defect, and the table's other identities are never used to choose.
    """
    pieces = re.findall(r"[+\-]?[^\s+\-]+", run)
    parts = len(kinds)
    shown_run = " ".join(run.split())
    if len(pieces) == parts and all(re.fullmatch(r"[+\-]?\d+(?:\.\d+)?(?:万元|元)?", p) for p in pieces):
        return [GridCell(p, loc) for p in pieces]  # nothing ran together
    try:
        candidates = cut(pieces, kinds, ok) if pieces else []
    except TooMany:
        candidates = []
    if len(candidates) == 1:
        values = candidates[0]
        if sum(len(re.sub(r"\D", "", p)) for p in pieces) == parts:
            return [GridCell(v, loc) for v in values]  # one digit a cell: nothing to choose
        diagnostics.append(Diagnostic(
            "cells_split", f"{where}的数字在原文中连在一起（{shown_run}），已按本行合计唯一拆分为 {' '.join(values)}。",
            f"{where}: digits ran together ({shown_run}); split into {' '.join(values)}.",
            pointer, loc, {"run": shown_run, "values": list(values)}))
        return [GridCell(v, loc) for v in values]
    shown = [" ".join(c) for c in candidates[:5]]
    diagnostics.append(Diagnostic(
        "cells_ambiguous",
        f"{where}的数字在原文中连在一起（{shown_run or '空'}），" + (
            f"有 {len(candidates)} 种可能的拆分（如 {'；'.join(shown)}），表二没有可用于判断的合计关系"
            if candidates and ok is no_check else
            f"有 {len(candidates)} 种拆分都符合合计（如 {'；'.join(shown)}）" if candidates
            else "无法读出其中的数字") + "，未能读取。",
        f"{where}: digits ran together ({shown_run or 'empty'}); {len(candidates)} splits fit the totals; not read.",
        pointer, loc, {"run": shown_run, "candidates": shown}))
    return [GridCell("", loc) for _ in range(parts)]
