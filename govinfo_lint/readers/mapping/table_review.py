"""Table 四 (行政复议、行政诉讼): fifteen cells, 复议 / 未经复议直接起诉 / 复议后起诉 × five.

Where the header survives, each data column is named by the labels above it (the group
— 行政复议, 未经复议直接起诉, 复议后起诉 — and the result — 结果维持 … 总计), so a
table drawn in another order is still read right. Mini tables (one per group, the
group written as a heading above) are read by that heading. A bare row of fifteen
numbers is read in the template's order; flattened digits are split by each group's
总计.
"""

from __future__ import annotations

from functools import lru_cache

from ... import template
from ...model import Cell, Diagnostic, Row, Table
from ...normalize import normalize
from ...values import parse_cell
from .digits import group_sums, resolve
from ..document import GridCell
from .lines import Line, numbers_in
from .rows import is_data, is_number

COLUMNS = [c.id for c in template.REVIEW_COLUMNS]
ROWS = [r.id for r in template.REVIEW_ROWS]
_GROUPS = (("litigation_after_reconsideration", "复议后起诉"), ("litigation_direct", "未经复议直接起诉"),
           ("litigation_direct", "直接起诉"), ("reconsideration", "行政复议"))


@lru_cache(maxsize=1024)  # asked of every label cell of every row
def column_of(text: str) -> str | None:
    norm = normalize(text)
    for col in template.REVIEW_COLUMNS:
        if norm == normalize(col.label):
            return col.id
    aliases = {"其它结果": "other", "维持": "upheld", "纠正": "corrected", "审结": "pending", "尚未审结": "pending",
               "合计": "total"}
    if norm in aliases:
        return aliases[norm]
    # One stray character inside a four-character label (a seal's remnant or a speck a scan's
    # recogniser read, 结果福维持): the five labels differ in two characters or more, so the
    # label less one character names one column only.
    if len(norm) == 5:
        for col in template.REVIEW_COLUMNS:
            label = normalize(col.label)
            if len(label) == 4 and any(norm[:i] + norm[i + 1:] == label for i in range(5)):
                return col.id
    return None


def group_of(text: str) -> str | None:
    norm = normalize(text)
    for rid, key in _GROUPS:
        if key in norm:
            return rid
    return None


def _split_parent(label: str) -> tuple[str | None, str]:
    """(行政诉讼, 未经复议直接起诉) for a label written with its parent; (None, label) otherwise."""
    import re

    parent = template.REVIEW_LITIGATION
    match = re.match(r"\s*" + r"\s*".join(map(re.escape, parent)) + r"\s*", label)
    if match and match.end() < len(label) and group_of(label[match.end():]):
        return label[:match.end()].strip(), label[match.end():].strip()
    return None, label


def _result_after_group(text: str) -> tuple[str | None, str]:
    """(column id, the result label as written) for a header cell written group + result."""
    norm = normalize(text)
    for col in template.REVIEW_COLUMNS:
        label = normalize(col.label)
        if norm.endswith(label) and len(norm) > len(label) and group_of(norm[:-len(label)]):
            return col.id, text.strip()[-len(col.label):]
    return None, ""


def map_review(lines: list[Line], diagnostics: list[Diagnostic]) -> Table:
    table = Table(id="review", loc=lines[0].loc if lines else None)
    _labels(lines, table)
    found = _by_header(lines, table) or _by_mini_tables(lines, table) or _by_order(lines, table, diagnostics)
    if not found:
        diagnostics.append(Diagnostic("table_not_found", "表四中未找到 15 个数据单元格。",
                                      "table 4: the 15 data cells were not found.", "/tables/review", table.loc))
        return table
    if not table.column_order:
        table.column_order = list(COLUMNS)
    return table


def _labels(lines: list[Line], table: Table) -> None:
    """Column labels as written; flattened text runs them together (结果维持结果纠正…)."""
    for line in lines:
        for cell in line.cells:
            cid = column_of(cell.text)
            if cid and normalize(cell.text) == normalize(template.REVIEW_COLUMNS[COLUMNS.index(cid)].label):
                if cid not in table.column_labels and cell.loc:
                    table.label_locs[f"columns/{cid}"] = cell.loc
                table.column_labels.setdefault(cid, cell.text.strip())
            elif line.flattened and len(normalize(cell.text)) > 8:
                for col in template.REVIEW_COLUMNS:
                    if normalize(col.label) in normalize(cell.text):
                        table.column_labels.setdefault(col.id, col.label)


def _put(table: Table, rid: str, cells: dict[str, Cell], label: str | None, group: str | None) -> None:
    trow = next(r for r in template.REVIEW_ROWS if r.id == rid)
    loc = next((c.loc for c in cells.values() if c.loc), None)
    table.rows[rid] = Row(rid, label or trow.label, group if trow.group else None, cells, loc)


def _by_header(lines: list[Line], table: Table) -> bool:
    """Rectangular grids: every data column named by the labels above it.

    The data row is the first row of fifteen or more numbers; a blank form's empty row
    (every cell blank, which is not zero) only when there is none.
    """
    rows = [n for n, line in enumerate(lines) if not line.paragraph and len(line.cells) >= 15
            and all(is_data(c.text) for c in line.cells)]
    rows.sort(key=lambda n: numbers_in(lines[n].cells) < 15)
    for n in rows:
        line = lines[n]
        above = [l for l in lines[:n] if l.grid == line.grid]
        names: dict[int, tuple[str, str]] = {}
        written: dict[str, tuple[str | None, str | None]] = {}
        for j in range(len(line.cells)):
            texts = [l.cells[j].text for l in above if j < len(l.cells) and l.cells[j].text.strip()]
            rid = next((group_of(t) for t in reversed(texts) if group_of(t)), None)
            cid = next((column_of(t) for t in reversed(texts) if column_of(t)), None)
            if cid is None and texts:  # one cell holds both: 行政复议结果维持 (a flattened header row)
                cid, result = _result_after_group(texts[-1])
                if cid:
                    table.column_labels.setdefault(cid, result)
                    # The group is written as the cell less its result: 行政复议, not 行政复议结果维持.
                    texts = texts[:-1] + [texts[-1].strip()[:-len(result)]]
            if rid and cid:
                names[j] = (rid, cid)
                label = next((t.strip() for t in reversed(texts) if group_of(t) == rid), None)
                parent = next((t.strip() for t in texts if normalize(t) == normalize(template.REVIEW_LITIGATION)), None)
                if parent is None and label:  # 行政诉讼未经复议直接起诉 in one cell: the parent, then the group
                    parent, label = _split_parent(label)
                written.setdefault(rid, (label, parent))
        firsts: dict[tuple[str, str], int] = {}
        for j in sorted(names):
            firsts.setdefault(names[j], j)
        if len(firsts) != 15:
            continue
        for rid in ROWS:
            cells = {cid: _cell(line.cells[firsts[(rid, cid)]]) for cid in COLUMNS}
            _put(table, rid, cells, *written.get(rid, (None, None)))
        table.column_order = [cid for (rid, cid), _j in sorted(firsts.items(), key=lambda kv: kv[1])
                              if rid == "reconsideration"]
        return True
    return False


def _by_mini_tables(lines: list[Line], table: Table) -> bool:
    """One small table per group, the group named by the heading or label before it."""
    group: tuple[str, str] | None = None
    columns: dict[int, str] = {}
    found: dict[str, tuple[dict[str, Cell], str]] = {}
    for line in lines:
        texts = [c.text for c in line.cells if c.text.strip()]
        named = next((t for t in texts if group_of(t) and not is_number(t)), None)
        if named and not numbers_in(line.cells):
            group = (group_of(named), named.strip())
        cols = {j: column_of(c.text) for j, c in enumerate(line.cells) if column_of(c.text)}
        if len(set(cols.values())) == 5 and len(cols) == 5:
            columns = cols
            continue
        if group is None or line.paragraph or numbers_in(line.cells) == 0 or numbers_in(line.cells) > 5:
            continue
        data = [c for c in line.cells if is_data(c.text)]
        if columns and len(line.cells) > max(columns):
            cells = {cid: _cell(line.cells[j]) for j, cid in columns.items()}
        elif len(data) == 5:
            cells = dict(zip(COLUMNS, (_cell(c) for c in data)))
        else:
            continue
        found.setdefault(group[0], (cells, group[1]))
        group = None
    if len(found) != 3:
        return False
    for rid in ROWS:
        cells, heading = found[rid]
        parent = template.REVIEW_LITIGATION if rid != "reconsideration" else None
        _put(table, rid, cells, _short(heading, rid), parent)
    return True


def _short(label: str | None, rid: str) -> str | None:
    """行政诉讼（未经复议直接起诉） -> 未经复议直接起诉: the leaf as written inside the heading."""
    if label is None:
        return None
    key = dict((r, k) for r, k in _GROUPS)[rid] if rid != "litigation_direct" else "未经复议直接起诉"
    at = label.find(key)
    return label[at:at + len(key)] if at >= 0 else label.strip()


def _by_order(lines: list[Line], table: Table, diagnostics: list[Diagnostic]) -> bool:
    """A row of fifteen cells (or a run of digits) in the template's order."""
    best = None
    for line in lines:
        if line.paragraph:
            continue
        data = [c for c in line.cells if c.origin and is_data(c.text)]
        while data and not data[0].text.strip():
            data.pop(0)
        numbers = numbers_in(line.cells)
        if numbers >= 15 or (len(data) >= 15 and numbers):
            best = ("cells", data[-15:])
        elif line.flattened and numbers and best is None:
            best = ("run", [c for c in line.cells if is_number(c.text)])
    if best is None:
        return False
    kind, cells = best
    if kind == "run":
        values, diag = resolve(cells, ["count"] * 15, group_sums, "表四", "table 4", "/tables/review")
        if diag is not None:
            diagnostics.append(diag)
    else:
        values = [_cell(c) for c in cells]
    if len(table.column_labels) < len(COLUMNS):
        diagnostics.append(Diagnostic(
            "column_unmapped", "表四的列标题缺失或无法识别，15 个数字按格式规定的顺序（行政复议、未经复议直接起诉、复议后起诉，"
            "各为结果维持……总计）读取。",
            "table 4: column headers missing or unrecognisable; the 15 numbers were read in the template's order.",
            "/tables/review", cells[0].loc if cells else table.loc, {"labels_found": dict(table.column_labels)}))
    for k, rid in enumerate(ROWS):
        _put(table, rid, dict(zip(COLUMNS, values[k * 5:k * 5 + 5])), None, template.REVIEW_LITIGATION)
    return True


def _cell(cell: GridCell) -> Cell:
    return parse_cell(cell.text, "count", cell.loc)
