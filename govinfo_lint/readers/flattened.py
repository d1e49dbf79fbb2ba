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
from .document import GridCell, Paragraph, TableGrid

MAX_CANDIDATES = 50


def _label_pattern(label: str) -> str:
    core = loose(label)
    return r"[^\w]*".join(re.escape(ch) for ch in core)


@lru_cache(maxsize=4096)
def splits(digits: str, parts: int) -> tuple[tuple[int, ...], ...]:
    """Every way to cut ``digits`` into ``parts`` numbers without leading zeros."""
    if parts == 1:
        return ((int(digits),),) if digits and (digits == "0" or digits[0] != "0") else ()
    out = []
    for cut in range(1, len(digits) - parts + 2):
        head = digits[:cut]
        if len(head) > 1 and head[0] == "0":
            break
        for rest in splits(digits[cut:], parts - 1):
            out.append((int(head),) + rest)
            if len(out) > 5000:
                return tuple(out)
    return tuple(out)


def _row_total_ok(values: tuple[int, ...]) -> bool:
    return sum(values[:-1]) == values[-1]


def _review_ok(values: tuple[int, ...]) -> bool:
    return all(sum(values[g:g + 4]) == values[g + 4] for g in (0, 5, 10))


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
            match = re.compile(_label_pattern(row.label) + r"\s*([\d\s.+\-]*\d)").search(text, position)
            if match is None:
                return grid if len(grid.rows) > 2 else None
            position = match.end()
            run = match.group(1).replace(" ", "")
            if len(block.columns) == 1:
                cells = [GridCell(run, loc)]
            elif "." in run or "-" in run or "+" in run:
                cells = _split_run("", len(block.columns), lambda v: True, f"表二“{row.label}”行", diagnostics, loc)
            else:
                cells = _split_run(run, len(block.columns), lambda v: True, f"表二“{row.label}”行", diagnostics, loc)
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
        run = re.match(r"[^\w]*([\d\s]*)", run).group(1).replace(" ", "")
        cells = _split_run(run, 7, _row_total_ok, f"表三“{row.label}”行", diagnostics, loc)
        grid.rows.append([GridCell(row.label, loc)] + cells)
    return grid


def _review(text: str, loc: Location | None, diagnostics: list[Diagnostic]) -> TableGrid | None:
    match = re.search(r"复议后起诉(?:结果维持结果纠正其他结果尚未审结总计){1,3}\s*(\d[\d\s]*)", text)
    if match is None:
        return None
    run = match.group(1).replace(" ", "")
    head = [GridCell("行政复议")] * 5 + [GridCell("行政诉讼")] * 10
    labels = [GridCell(c.label) for c in template.REVIEW_COLUMNS] * 3
    cells = _split_run(run, 15, _review_ok, "表四", diagnostics, loc)
    return TableGrid(rows=[head, labels, cells], loc=loc, flattened=True)


def _split_run(run: str, parts: int, ok, where: str, diagnostics: list[Diagnostic],
               loc: Location | None) -> list[GridCell]:
    candidates = [c for c in splits(run, parts) if ok(c)] if run else []
    how = "按本行合计唯一拆分"
    if len(candidates) > 1 and parts == 7:
        # Table 三 rows are mostly zeros: when one split has strictly the fewest non-zero
        # cells, take it, and say so.
        fewest = min(sum(1 for v in c if v) for c in candidates)
        sparse = [c for c in candidates if sum(1 for v in c if v) == fewest]
        if len(sparse) == 1:
            candidates, how = sparse, f"在 {len(candidates)} 种符合合计的拆分中取非零单元格最少的一种"
    if len(candidates) == 1:
        values = candidates[0]
        if len(run) > parts:
            diagnostics.append(Diagnostic(
                "cells_split", f"{where}的数字在原文中连在一起（{run}），已{how}为 {' '.join(map(str, values))}。",
                f"{where}: digits ran together ({run}); split into {' '.join(map(str, values))}.",
                "", loc, {"run": run, "values": list(values)}))
        return [GridCell(str(v), loc) for v in values]
    shown = [" ".join(map(str, c)) for c in candidates[:5]]
    diagnostics.append(Diagnostic(
        "cells_ambiguous",
        f"{where}的数字在原文中连在一起（{run or '空'}），" + (
            f"有 {len(candidates)} 种可能的拆分（如 {'；'.join(shown)}），表二没有可用于判断的合计关系"
            if candidates and parts != 7 and parts != 15 else
            f"有 {len(candidates)} 种拆分都符合合计（如 {'；'.join(shown)}）" if candidates
            else "无法读出其中的数字") + "，未能读取。",
        f"{where}: digits ran together ({run or 'empty'}); {len(candidates)} splits fit the totals; not read.",
        "", loc, {"run": run, "candidates": shown}))
    return [GridCell("", loc) for _ in range(parts)]
