"""Mapping table grids to the canonical tables by their labels, not their positions.

A grid is classified (表二/表三/表四) by what it says, continuation grids are merged,
rows and columns are matched after normalising their labels (near misses by edit
distance), and each cell is parsed with its raw text kept. Labels are kept as written
so the label rules still judge them.
"""

from __future__ import annotations

import re

from .. import template
from ..model import BlockHeader, Diagnostic, Location, Row, Table
from ..normalize import distance, loose, normalize
from ..values import parse_cell
from .document import GridCell, TableGrid

_NUMERIC = re.compile(r"^[+\-]?[\d,，.０-９]+(?:[（(].*[)）])?(?:万?元)?$")
_ART20 = re.compile(r"第.{1,3}条第[（(](?P<n>[一二三四五六七八九十]+)[)）]项")
_BLOCK_OF = {"一": "art20_1", "五": "art20_5", "六": "art20_6", "八": "art20_8", "九": "art20_9"}


def grid_text(grid: TableGrid) -> str:
    return normalize("".join(c.text for row in grid.rows for c in row if c.origin))


def classify(grid: TableGrid) -> str | None:
    text = grid_text(grid)
    if "本年新收" in text or "申请人情况" in text or "上年结转政府信息公开申请" in text:
        return "requests"
    if "第二十条" in text or "信息内容" in text or "本年制发" in text or "本年新制作" in text or _ART20.search(text):
        return "proactive"
    if "行政复议" in text and ("结果维持" in text or "尚未审结" in text):
        return "review"
    return None


def is_number(text: str) -> bool:
    t = normalize(text)
    return bool(t) and bool(_NUMERIC.match(t))


def _labels(row: list[GridCell], upto: int) -> list[tuple[str, GridCell]]:
    """Distinct non-empty label texts left of the data columns, in order."""
    out: list[tuple[str, GridCell]] = []
    for cell in row[:upto]:
        text = cell.text.strip()
        if text and (not out or normalize(out[-1][0]) != normalize(text)):
            out.append((text, cell))
    return out


def _best_row(label: str, group: str | None, candidates: list[template.Row]) -> tuple[template.Row | None, int]:
    """The template row whose label is nearest, within a quarter-to-a-third of its length."""
    norm, key = normalize(label), loose(label)
    best: tuple[template.Row | None, float] = (None, float("inf"))
    for row in candidates:
        limit = max(2, len(normalize(row.label)) // 3)
        d = distance(norm, normalize(row.label), limit)
        if d > limit and key and key == loose(row.label):
            d = 1  # numbering dropped or changed: 予以公开 for （一）予以公开
        if d > limit:
            continue
        score = d + (1 if group and row.group and normalize(group) != normalize(row.group) else 0)
        if score < best[1]:
            best = (row, score)
    return best[0], int(best[1]) if best[0] else -1


def _all_rows(table_id: str) -> list[template.Row]:
    seen: dict[str, template.Row] = {}
    for fmt in ("2021", "2019"):
        for row in template.TABLES[fmt][table_id].rows:
            seen.setdefault(row.id, row)
    return list(seen.values())


def map_requests(grids: list[TableGrid], diagnostics: list[Diagnostic]) -> Table:
    rows = [r for g in grids for r in g.rows]
    table = Table(id="requests", loc=grids[0].loc)
    columns: dict[int, str] = {}
    first_data = next((i for i, r in enumerate(rows) if "本年新收" in normalize("".join(c.text for c in r))), 0)
    for i in range(first_data):
        for j, cell in enumerate(rows[i]):
            text = normalize(cell.text)
            if "勾稽关系" in text and table.note is None:
                table.note = cell.text.strip()
                continue
            for col in template.REQUESTS_COLUMNS:
                if text == normalize(col.label):
                    columns[j] = col.id
                    table.column_labels.setdefault(col.id, cell.text.strip())
    order = [columns[j] for j in sorted(columns)]
    if len(set(order)) < 7:
        # No usable header (a continuation, or a text dump): the template's order.
        order = [c.id for c in template.REQUESTS_COLUMNS]
    table.column_order = order
    width = len(order)
    candidates = _all_rows("requests")
    current_group: str | None = None
    for r_index, row in enumerate(rows[first_data:], start=first_data):
        # The data are the last cells of a row: grids from text dumps are ragged on the left,
        # where spanning labels were written once.
        data, label_cells = row[-width:], row[:-width]
        labels = _labels(label_cells, len(label_cells))
        if not labels and not any(c.text.strip() for c in row):
            continue
        leaf = labels[-1][0] if labels else ""
        group = labels[-2][0] if len(labels) >= 2 and labels[-2][0].strip().startswith(("（", "(")) else None
        if "勾稽关系" in normalize(leaf):
            continue
        if group:
            current_group = group
        elif not re.match(r"^\s*\d", leaf):
            current_group = None
        # A group label written once (text dumps) still tells 3.其他 under （六） from other rows.
        trow, _d = _best_row(leaf, group or current_group, candidates) if leaf else (None, 0)
        cells = {cid: parse_cell(cell.text, "count", cell.loc) for cid, cell in zip(order, data)}
        loc = labels[-1][1].loc if labels else (row[0].loc if row else None)
        if trow is None or trow.id in table.rows:
            if leaf and any(c.value is not None for c in cells.values()):
                table.extra_rows.append(Row(None, leaf, group, cells, loc))
                diagnostics.append(Diagnostic(
                    "row_unmapped", f"表三第{r_index + 1}行“{' '.join(leaf.split())}”无法对应到格式规定的行。",
                    f"table 3 row {r_index + 1} “{leaf}” matches no row of the format.", "/tables/requests", loc))
            continue
        if trow.group and group and normalize(trow.group).startswith(normalize(group)) and len(normalize(group)) >= 3:
            group = trow.group  # a spanning label cut by a page break: （四）无 | 法提供
        if trow.group and group:
            table.group_labels.setdefault(trow.group, group)
        table.rows[trow.id] = Row(trow.id, leaf, group if trow.group else None, cells, loc)
    return table


def map_review(grids: list[TableGrid], diagnostics: list[Diagnostic]) -> Table:
    table = Table(id="review", loc=grids[0].loc)
    rows = [r for g in grids for r in g.rows]
    data_row = None
    for row in rows:
        numeric = [c for c in row if c.origin and is_number(c.text)]
        if len(numeric) >= 15:
            data_row = numeric[-15:]
    if data_row is None:
        # Blank cells are cells too: the last row with fifteen positions under the headers.
        for row in rows:
            origin = [c for c in row if c.origin]
            if len(origin) >= 15 and not any("结果" in normalize(c.text) for c in origin):
                data_row = origin[-15:]
    for row in rows:
        for cell in row:
            text = normalize(cell.text)
            for col in template.REVIEW_COLUMNS:
                if text == normalize(col.label) or (col.id == "other" and text == "其它结果"):
                    table.column_labels.setdefault(col.id, cell.text.strip())
    if data_row is None:
        diagnostics.append(Diagnostic("table_not_found", "表四中未找到15个数据单元格。",
                                      "table 4: the 15 data cells were not found.", "/tables/review", grids[0].loc))
        return table
    for k, trow in enumerate(template.REVIEW_ROWS):
        cells = {col.id: parse_cell(data_row[k * 5 + i].text, "count", data_row[k * 5 + i].loc)
                 for i, col in enumerate(template.REVIEW_COLUMNS)}
        table.rows[trow.id] = Row(trow.id, trow.label, trow.group, cells, data_row[k * 5].loc)
    return table


def map_proactive(grids: list[TableGrid], diagnostics: list[Diagnostic]) -> Table:
    table = Table(id="proactive", loc=grids[0].loc)
    rows = [r for g in grids for r in g.rows]
    block: BlockHeader | None = None
    headers: list[tuple[int, str, str]] = []  # (grid column, column id, label as written)
    all_blocks = {b.id: b for fmt in ("2021", "2019") for b in template.TABLES[fmt]["proactive"].blocks}
    candidates = _all_rows("proactive")
    for row in rows:
        texts = [(j, c.text.strip(), c) for j, c in enumerate(row) if c.text.strip()]
        if not texts:
            continue
        joined = normalize("".join(t for _, t, _ in texts))
        caption = _ART20.search(joined) or _ART20.search(normalize(texts[0][1]))
        if caption and len(set(normalize(t) for _, t, _ in texts)) == 1:
            block_id = _BLOCK_OF.get(caption.group("n"))
            if block_id:
                block = BlockHeader(block_id, texts[0][1], {}, texts[0][2].loc)
                table.blocks.append(block)
                headers = []
            continue
        if normalize(texts[0][1]) == normalize(template.INFO_CONTENT) or (
                not any(is_number(t) for _, t, _ in texts) and _column_headers(texts, block, all_blocks)
                and _best_row(texts[0][1], None, candidates)[0] is None):
            # A header row; after a page break it may have lost its 信息内容 cell.
            start = 1 if normalize(texts[0][1]) == normalize(template.INFO_CONTENT) else 0
            headers = _column_headers(texts[start:], block, all_blocks)
            if block is not None:
                block.columns.update({cid: label for _, cid, label in headers})
            continue
        label, label_cell = texts[0][1], texts[0][2]
        trow, _d = _best_row(label, None, candidates)
        if trow is None or not headers:
            if any(is_number(t) for _, t, _ in texts[1:]):
                table.extra_rows.append(Row(None, label, None, {}, label_cell.loc))
                diagnostics.append(Diagnostic("row_unmapped", f"表二“{label}”行无法对应到格式规定的行。",
                                              f"table 2 row “{label}” matches no row of the format.",
                                              "/tables/proactive", label_cell.loc))
            continue
        cells = {}
        # Values pair with headers in order: a value spanning two header columns is one value.
        label_at = next(j for j, c in enumerate(row) if c is label_cell)
        values = [c for c in row[label_at + 1:] if c.origin]
        for k, (j, cid, _label) in enumerate(headers):
            cell = values[k] if len(values) >= len(headers) else (row[j] if j < len(row) else None)
            if cell is not None:
                kind = "amount" if cid == "amount" else ("signed" if cid == "change" else "count")
                cells[cid] = parse_cell(cell.text, kind, cell.loc)
        table.rows[trow.id] = Row(trow.id, label, None, cells, label_cell.loc)
    return table


def _column_headers(texts, block: BlockHeader | None, all_blocks) -> list[tuple[int, str, str]]:
    """Grid column -> column id for a 信息内容 header row, matched by label."""
    wanted = [c for fmt in ("2021", "2019") for b in template.TABLES[fmt]["proactive"].blocks for c in b.columns]
    if block is not None:
        wanted = [c for fmt in ("2021", "2019") for b in template.TABLES[fmt]["proactive"].blocks
                  if b.id == block.id for c in b.columns] or wanted
    out: list[tuple[int, str, str]] = []
    seen: set[str] = set()
    for j, text, _cell in texts:
        norm = normalize(text)
        if norm in seen:
            continue
        seen.add(norm)
        best = min(wanted, key=lambda c: distance(norm, normalize(c.label)))
        if distance(norm, normalize(best.label)) <= max(2, len(normalize(best.label)) // 3) or normalize(best.label) in norm:
            out.append((j, best.id, text))
    return out


def loc_of(grid: TableGrid) -> Location | None:
    return grid.loc
