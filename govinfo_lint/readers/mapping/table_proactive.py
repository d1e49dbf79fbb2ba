"""Table 二 (主动公开政府信息情况): captioned blocks, each with its own column headers.

A caption (第二十条第（X）项, kept as written even when misspelt 第二是条) opens a
block; a 信息内容 row names its columns; a data row is named by its label, which also
tells its block. Values pair with the header labels in order when both have as many
cells (a value spanning two header columns is one value), else by grid column.
"""

from __future__ import annotations

from functools import lru_cache

from ... import template
from ...model import BlockHeader, Cell, Diagnostic, Row, Table
from ...normalize import distance, normalize
from ...values import parse_cell
from .digits import no_check, resolve
from ..document import GridCell
from .lines import Line, numbers_in
from .rows import all_rows, dedupe, is_data, is_number, match_row, split_row
from ... import lazy_re

_ART20 = lazy_re.compile(r"第.{1,3}条第?[（(](?P<n>[一二三四五六七八九十]+)[)）]项?")
_BLOCK_OF = {"一": "art20_1", "五": "art20_5", "六": "art20_6", "八": "art20_8", "九": "art20_9"}
_BLOCKS = {fmt: {b.id: b for b in template.TABLES[fmt]["proactive"].blocks} for fmt in template.FORMATS}
_ROW_BLOCK = {r.id: b.id for fmt in template.FORMATS for b in _BLOCKS[fmt].values() for r in b.rows}


def _columns(block_id: str | None) -> list[template.Column]:
    out: dict[tuple[str, str], template.Column] = {}
    for fmt in ("2021", "2019"):
        for bid, block in _BLOCKS[fmt].items():
            if block_id in (None, bid):
                for col in block.columns:
                    out.setdefault((col.id, col.label), col)
    return list(out.values())


@lru_cache(maxsize=1024)  # header texts repeat (spanning cells); each costs a few edit distances
def column_of(text: str, block_id: str | None) -> template.Column | None:
    """The column a header label names: first among the block's own columns, then any block's."""
    norm = normalize(text)
    if not norm or is_number(text):
        return None
    for pool in (_columns(block_id), _columns(None)):
        best: tuple[template.Column | None, int] = (None, 10**6)
        for col in pool:
            target = normalize(col.label)
            d = distance(norm, target, max(2, len(target) // 3))
            if target in norm and len(norm) - len(target) <= 6:
                d = min(d, 1)  # 本年收费金额（单位：万元） written with extra words
            if d < best[1]:
                best = (col, d)
        col, d = best
        if col is not None and d <= max(2, len(normalize(col.label)) // 3):
            return col
    return None


def caption_of(text: str) -> str | None:
    match = _ART20.search(normalize(text))
    return _BLOCK_OF.get(match.group("n")) if match else None


def map_proactive(lines: list[Line], diagnostics: list[Diagnostic], fmt_hint: str | None) -> Table:
    table = Table(id="proactive", loc=lines[0].loc if lines else None)
    candidates = all_rows("proactive")
    blocks: dict[str, BlockHeader] = {}
    block: str | None = None
    header: list[tuple[int, template.Column, str]] = []  # (grid column, column, label as written)
    header_block: str | None = None
    for line in lines:
        texts = dedupe(line.cells)
        if not texts:
            continue
        first = texts[0].text.strip()
        caption = caption_of(first)
        if caption and (len(texts) == 1 or all(caption_of(t.text) == caption for t in texts)):
            block = caption
            if caption not in blocks:
                blocks[caption] = BlockHeader(caption, first, {}, texts[0].loc)
                if texts[0].loc:
                    table.label_locs[f"blocks/{caption}/caption"] = texts[0].loc
            continue
        if line.paragraph:
            continue
        labels, _rest = split_row(line.cells)
        # 信息内容 alone, or with the column labels after it in one cell (a row of a PDF copied to text).
        is_header = normalize(first) == normalize(template.INFO_CONTENT) or (
            normalize(first).startswith(normalize(template.INFO_CONTENT)) and not numbers_in(line.cells)
            and bool(_header_labels(first, block))) or (
            not numbers_in(line.cells) and labels and match_row(labels[-1].text, candidates)[0] is None
            and sum(1 for t in texts if column_of(t.text, None)) >= 1)
        if is_header:
            header = [(j, col, label) for j, c in enumerate(line.cells) if c.origin
                      for col, label in _header_labels(c.text, block)]
            header_block = _block_of_columns(header, block)
            if header_block and header_block in blocks:
                for j, col, label in header:
                    if col.id not in blocks[header_block].columns and line.cells[j].loc:
                        table.label_locs[f"blocks/{header_block}/columns/{col.id}"] = line.cells[j].loc
                    blocks[header_block].columns.setdefault(col.id, label)
            continue
        _data_row(line, labels, candidates, table, blocks, header, header_block, fmt_hint, diagnostics)
    table.blocks = list(blocks.values())
    return table


def _header_labels(text: str, block: str | None) -> list[tuple[template.Column, str]]:
    """The column labels in one header cell; flattened text puts them all in one."""
    rest = text.strip()
    if normalize(rest).startswith(normalize(template.INFO_CONTENT)):
        rest = rest[rest.find(template.INFO_CONTENT[-1]) + 1:].strip() if template.INFO_CONTENT[-1] in rest else ""
    if not rest:
        return []
    single = column_of(rest, block)
    if single is not None and normalize(single.label) == normalize(rest):
        return [(single, rest)]
    words = rest.split()
    if len(words) >= 2:  # header words apart by spaces: each one a column as written (本年废纸件数)
        named = [(column_of(w, block), w) for w in words]
        if all(col is not None for col, _w in named):
            return named
    found = []
    for col in _columns(None):
        at = normalize(rest).find(normalize(col.label))
        if at >= 0:
            found.append((at, col))
    if len(found) >= 2:
        found.sort(key=lambda item: item[0])
        return [(col, col.label) for _at, col in found if not any(
            other is not col and normalize(col.label) in normalize(other.label) for _a, other in found)]
    return [(single, rest)] if single is not None else []


def _block_of_columns(header, block: str | None) -> str | None:
    ids = {col.id for _j, col, _l in header}
    if block and any(ids <= {c.id for c in b.columns} for fmt in _BLOCKS for b in [_BLOCKS[fmt].get(block)] if b):
        return block
    for fmt in ("2021", "2019"):
        for bid, b in _BLOCKS[fmt].items():
            if ids and ids <= {c.id for c in b.columns}:
                return bid
    return block


def _data_row(line: Line, labels: list[GridCell], candidates, table: Table, blocks: dict[str, BlockHeader],
              header, header_block, fmt_hint, diagnostics: list[Diagnostic]) -> None:
    leaf = labels[0].text.strip() if labels else ""
    trow = match_row(leaf, candidates, suffix=True)[0] if leaf else None
    if trow is None and len(labels) > 1:
        leaf = labels[-1].text.strip()
        trow = match_row(leaf, candidates, suffix=True)[0]
    if trow is None:
        if numbers_in(line.cells):
            shown = leaf or " ".join(c.text.strip() for c in line.cells if c.text.strip())
            table.extra_rows.append(Row(None, leaf or None, None, {}, labels[0].loc if labels else line.loc))
            diagnostics.append(Diagnostic(
                "row_unmapped", f"表二的一行“{shown}”无法对应到格式规定的行，其数字未使用。",
                f"table 2: a row “{shown}” matches no row of the format; its numbers are not used.",
                "/tables/proactive", labels[0].loc if labels else line.loc, {"label": leaf}))
        return
    if trow.id in table.rows:
        return
    block_id = _ROW_BLOCK[trow.id]
    label_cell = next(c for c in labels if c.text.strip() == leaf) if leaf else labels[0]
    at = next(j for j, c in enumerate(line.cells) if c is label_cell)
    # The row's own label again (a label cell spanning two grid columns, as an unruled PDF's
    # wide label reads) is never one of its figures.
    values = [c for c in line.cells[at + 1:] if c.origin and is_data(c.text) and c.text.strip() != leaf]
    columns = [(j, col) for j, col, _l in header] if header and header_block == block_id else []
    if not columns:
        filled = len(values)
        while filled and not values[filled - 1].text.strip():
            filled -= 1
        columns = [(None, col) for col in _template_columns(block_id, filled, fmt_hint)]
    while len(values) > len(columns) and not values[-1].text.strip():
        values.pop()  # trailing empty cells of a ragged pipe row
    cells: dict[str, Cell] = {}
    name = f"表二“{leaf}”行"
    if line.flattened and 0 < numbers_in(values) < len(columns):
        parsed, diag = resolve([c for c in values if c.text.strip()], [col.kind for _j, col in columns], no_check,
                               name, f"table 2 row “{leaf}”", f"/tables/proactive/{trow.id}")
        if diag is not None:
            diagnostics.append(diag)
        cells = {col.id: cell for (_j, col), cell in zip(columns, parsed)}
    elif len(values) == len(columns):
        cells = {col.id: parse_cell(c.text, col.kind, c.loc) for (_j, col), c in zip(columns, values)}
    elif all(j is not None and at < j < len(line.cells) and line.cells[j].origin
             and line.cells[j].text.strip() != leaf for j, _col in columns) and not line.flattened:
        # A header column at or before the row's own label is a misaligned grid (an unruled
        # PDF's centred block): that row is unread below, never its label read as a figure.
        cells = {col.id: parse_cell(line.cells[j].text, col.kind, line.cells[j].loc) for j, col in columns}
    else:
        diagnostics.append(Diagnostic(
            "column_unmapped", f"{name}有 {len(values)} 个单元格，与 {len(columns)} 列对不上，未读取。",
            f"table 2 row “{leaf}” has {len(values)} cells for {len(columns)} columns; not read.",
            f"/tables/proactive/{trow.id}", label_cell.loc))
        # The row is there, only its figures are not: keep it so it is not reported missing,
        # with cells that say they were not read (never blanks, never guessed numbers).
        raw = " ".join(c.text.strip() for c in values if c.text.strip())
        cells = {col.id: Cell(None, raw, label_cell.loc, parse_error="unread") for _j, col in columns}
    if block_id not in blocks:
        blocks[block_id] = BlockHeader(block_id, None, {}, None)
    table.rows[trow.id] = Row(trow.id, leaf, None, cells, label_cell.loc)


def _template_columns(block_id: str, count: int, fmt_hint: str | None) -> list[template.Column]:
    """A block without its header row: the format whose columns fit the values."""
    order = [fmt_hint or "2021"] + [f for f in ("2021", "2019") if f != (fmt_hint or "2021")]
    for fmt in order:
        block = _BLOCKS[fmt].get(block_id)
        if block is not None and len(block.columns) == count:
            return list(block.columns)
    block = _BLOCKS[order[0]].get(block_id) or _BLOCKS[order[1]][block_id]
    return list(block.columns)
