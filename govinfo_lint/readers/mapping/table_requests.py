"""Table 三 (收到和处理政府信息公开申请情况): rows and columns by their labels.

Columns come from the header rows (the deepest label above each grid column); rows
from their leaf label, with the group label (（三）不予公开 …) to tell apart rows
that a copy shortened. Grids whose headers are lost (text dumps, per-row mini tables)
are read from the right of the label in the template's column order, and say so.
Rows whose labels came apart from their numbers (PDF-to-Markdown copies) are placed
between the rows that kept their labels, only where their count fits exactly.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ... import template
from ...model import Cell, Diagnostic, Location, Row, Table
from ...normalize import closest, loose, normalize
from ...values import parse_cell
from .digits import resolve, row_sum
from ..document import GridCell
from .lines import Line, note_of, numbers_in
from .rows import all_rows, dedupe, fit, fragment_of, group_number, labels_text, match_row, split_row
from ... import lazy_re

COLUMNS = [c.id for c in template.REQUESTS_COLUMNS]
_LABELS = {c.label: c.id for c in template.REQUESTS_COLUMNS}
_TOP = lazy_re.compile(r"^[（(]?([一二三四五六七])[)）、.]")


@lru_cache(maxsize=1024)  # a spanning header repeats its text at every position it covers
def column_of(text: str) -> str | None:
    norm = normalize(text)
    if not norm:
        return None
    for label, cid in _LABELS.items():
        if norm == normalize(label):
            return cid
    match = closest(text, list(_LABELS), 0.25) if len(norm) >= 4 else None
    return _LABELS[match[0]] if match else None


class _Entry:
    def __init__(self, trow, labels, cells, loc, line):
        self.trow: template.Row | None = trow
        self.labels: list[GridCell] = labels
        self.cells: dict[str, Cell] | None = cells
        self.loc: Location | None = loc
        self.line = line
        self.group: str | None = None  # the group label as written, when the row has one
        self.group_loc: Location | None = None  # where that group label was written
        self.by_position = False


def map_requests(lines: list[Line], diagnostics: list[Diagnostic], fmt_hint: str | None) -> Table:
    note = note_of(lines)
    table = Table(id="requests", loc=lines[0].loc if lines else None, note=note.text.strip() if note else None)
    if note is not None and note.loc:
        table.label_locs["note"] = note.loc
    candidates = all_rows("requests")
    headers, header_lines = _headers(lines, candidates, table)
    entries: list[_Entry] = []
    # (numeral 三…六, label as written, where it was written)
    group: tuple[str | None, str | None, Location | None] = (None, None, None)
    template_order = False
    pieces: list[str] = []
    before = ""
    for n, line in enumerate(lines):
        if line.paragraph:
            text = line.cells[0].text.strip()
            if group_number(text) and len(normalize(text)) <= 12:
                group = (group_number(text), text, line.loc)
            continue
        if n in header_lines:
            continue
        numbers = numbers_in(line.cells)
        if not numbers:
            pieces.append(line.text().strip())  # a label broken over lines, its numbers on the last
        else:
            before, pieces = "".join(pieces[-2:]), []
        labels, data, by_order, stray = _split_line(line, headers.get(line.grid))
        if stray:
            continue  # a stray number among label pieces, not a row
        template_order = template_order or by_order
        leaf = labels[-1].text.strip() if labels else ""
        group = _group(labels, leaf, group)
        trow, labels = _match(labels, leaf, before if numbers else "", candidates, group[0])
        if trow is not None:
            numeral = group_number(trow.group) if trow.group else None
            if numeral != group[0]:
                group = (numeral, None, None)  # the row itself says where it belongs; the label above was stale
        has_numbers = numbers > 0
        if data is None and not (trow and has_numbers):
            continue
        if trow is None and not has_numbers:
            continue
        cells = _cells(data, trow or leaf, diagnostics) if data is not None else None
        if cells is None:
            diagnostics.append(Diagnostic(
                "column_unmapped", f"表三“{leaf}”行有 {numbers} 个数值，与 7 列对不上，未读取。",
                f"table 3 row “{leaf}” has {numbers} numbers for 7 columns; not read.",
                "/tables/requests", labels[-1].loc if labels else line.loc))
        entry = _Entry(trow, labels, cells, labels[-1].loc if labels else line.loc, n)
        entry.group, entry.group_loc = group[1], group[2]
        if trow is not None and trow.group and group_number(leaf) and not group[1]:
            entry.group = leaf[:len(leaf) - len(_as_written(leaf, trow))].strip() or None
            entry.group_loc = entry.loc  # glued before the leaf label, in the same cell
        entries.append(entry)
    _place_by_position(entries, fmt_hint, diagnostics)
    _build(table, entries, diagnostics)
    if not table.column_order:
        table.column_order = list(COLUMNS)
    if template_order and len(table.column_labels) < len(COLUMNS) and table.rows:
        diagnostics.append(Diagnostic(
            "column_unmapped", "表三的列标题缺失或无法识别，各列按格式规定的顺序（自然人……总计）读取。",
            "table 3: column headers missing or unrecognisable; columns read in the template's order.",
            "/tables/requests", table.loc, {"labels_found": dict(table.column_labels)}))
    return table


def _split_line(line: Line, cmap: dict[int, str] | None):
    """(label cells, data cells or None, read in the template's column order, a stray number)."""
    if cmap and len(line.cells) > max(cmap):
        return dedupe(line.cells[:min(cmap)]), {cid: line.cells[j] for j, cid in cmap.items()}, False, False
    labels, rest = split_row(line.cells)
    if line.flattened and 0 < numbers_in(rest) < len(COLUMNS):
        digits = sum(len(re.sub(r"\D", "", c.text)) for c in rest)
        return labels, rest, False, not labels and digits < len(COLUMNS)
    fitted = fit(rest, len(COLUMNS))
    data = dict(zip(COLUMNS, fitted)) if fitted is not None else None
    return labels, data, data is not None, False


def _match(labels: list[GridCell], leaf: str, before: str, candidates, numeral: str | None):
    """The template row a line names, and its labels: by its last label, all its labels, or
    (a label broken over lines, ``before`` holding the pieces) the pieces joined."""
    if not leaf:
        return None, labels
    trow, _d = match_row(leaf, candidates, numeral, suffix=True)
    if trow is None and len(labels) > 1:
        trow, _d = match_row(labels_text(labels), candidates, numeral, suffix=True)
    if trow is None and before:
        trow, _d = match_row(before + leaf, candidates, numeral)
        if trow is not None and labels:
            labels = labels[:-1] + [GridCell(before + leaf, labels[-1].loc)]
    return trow, labels


def _group(labels: list[GridCell], leaf: str, group: tuple[str | None, str | None, Location | None]):
    """The group a row sits under: its own group cell, else the last one seen above it."""
    for cell in labels[:-1]:
        if group_number(cell.text):
            text = cell.text.strip()
            # A merged group cell repeats on every row it spans (DOCX repeats carry their
            # own position): the label was written where the cell starts.
            same = not cell.origin and group[1] == text and group[2] is not None
            return group_number(cell.text), text, group[2] if same else cell.loc
    top = _TOP.match(normalize(leaf)) if leaf else None
    if top is None:
        return group  # 1.… rows: the group label above (written once in text dumps)
    num = group_number(leaf)
    if num in ("三", "四", "五", "六"):
        return num, None, None  # （六）其他处理 heads its 1./2./3. rows; flattened （三）不予公开1.…
    return None, None, None


def _is_org_group(text: str) -> bool:
    return normalize(text) == normalize(template.REQUESTS_ORG_GROUP)  # normalize makes 其它 其他


def _headers(lines: list[Line], candidates, table: Table) -> tuple[dict[int, dict[int, str]], set[int]]:
    """Grid -> {grid column: column id}, from the rows above each grid's first data row."""
    maps: dict[int, dict[int, str]] = {}
    header_lines: set[int] = set()
    seen_data: set[int] = set()
    widths: dict[int, int] = {}
    for n, line in enumerate(lines):
        if line.paragraph or line.grid in seen_data:
            continue
        widths.setdefault(line.grid, len(line.cells))
        labels, _rest = split_row(line.cells)
        leaf = labels[-1].text if labels else ""
        if numbers_in(line.cells) or (leaf and column_of(leaf) is None and match_row(leaf, candidates)[0]):
            seen_data.add(line.grid)
            continue
        header_lines.add(n)
        cmap = maps.setdefault(line.grid, {})
        for j, cell in enumerate(line.cells):
            cid = column_of(cell.text)
            if cid is None and cell.origin and "legal_entities" not in table.column_labels and _is_org_group(cell.text):
                # The spanning 法人或其他组织 over five columns: kept as written for the label rules.
                table.column_labels["legal_entities"] = cell.text.strip()
                if cell.loc:
                    table.label_locs["columns/legal_entities"] = cell.loc
            if cid:
                cmap[j] = cid
                if cell.origin and cid not in table.column_labels:
                    table.column_labels[cid] = cell.text.strip()
                    if cell.loc:
                        table.label_locs[f"columns/{cid}"] = cell.loc
    out: dict[int, dict[int, str]] = {}
    last: dict[int, str] | None = None
    for g in sorted({l.grid for l in lines if not l.paragraph}):
        cmap = maps.get(g, {})
        # A spanning label repeats over its columns, and a label spanning rows repeats
        # below itself: the first column of each id is where its numbers are.
        firsts: dict[str, int] = {}
        for j in sorted(cmap):
            firsts.setdefault(cmap[j], j)
        if len(firsts) == len(COLUMNS) and len(set(firsts.values())) == len(COLUMNS):
            out[g] = last = {j: cid for cid, j in firsts.items()}
            if not table.column_order:
                table.column_order = [cid for cid, _j in sorted(firsts.items(), key=lambda kv: kv[1])]
        elif not cmap and last and widths.get(g, 0) > max(last):
            out[g] = last  # a continuation after a page break, same columns
    return out, header_lines


def _cells(data, label, diagnostics: list[Diagnostic]) -> dict[str, Cell] | None:
    if isinstance(data, dict):
        return {cid: parse_cell(cell.text, "count", cell.loc) for cid, cell in data.items()}
    name = label.label if isinstance(label, template.Row) else label
    values, diag = resolve(data, ["count"] * len(COLUMNS), row_sum, f"表三“{name}”行", f"table 3 row “{name}”",
                           f"/tables/requests/{label.id}" if isinstance(label, template.Row) else "/tables/requests")
    if diag is not None:
        diagnostics.append(diag)
    return dict(zip(COLUMNS, values))


def _order(entries: list[_Entry], fmt_hint: str | None) -> list[str]:
    ids = {e.trow.id for e in entries if e.trow}
    if ids & template.FORMAT_ONLY_ROWS["2021"]["requests"]:
        fmt = "2021"
    elif ids & template.FORMAT_ONLY_ROWS["2019"]["requests"]:
        fmt = "2019"
    else:
        fmt = fmt_hint or "2021"
    return [r.id for r in template.TABLES[fmt]["requests"].rows]


def _place_by_position(entries: list[_Entry], fmt_hint: str | None, diagnostics: list[Diagnostic]) -> None:
    """Rows whose labels came apart: between two labelled rows, in template order, if the count fits."""
    order = _order(entries, fmt_hint)
    taken = {e.trow.id for e in entries if e.trow}
    anchors = [i for i, e in enumerate(entries) if e.trow and e.trow.id in order]
    bounds = [-1] + anchors + [len(entries)]
    rows = {r.id: r for r in all_rows("requests")}
    for a, b in zip(bounds, bounds[1:]):
        run = [e for e in entries[a + 1:b] if e.trow is None and e.cells is not None]
        if not run or len(run) != b - a - 1:
            continue
        lo = order.index(entries[a].trow.id) + 1 if a >= 0 else 0
        hi = order.index(entries[b].trow.id) if b < len(entries) else len(order)
        missing = [rid for rid in order[lo:hi] if rid not in taken]
        if len(missing) != len(run) or not all(
                not e.labels or fragment_of("".join(c.text for c in e.labels), rows[rid])
                for e, rid in zip(run, missing)):
            continue
        for e, rid in zip(run, missing):
            e.trow, e.by_position = rows[rid], True
            if not (e.group and rows[rid].group and group_number(e.group) == group_number(rows[rid].group)):
                e.group = None
            taken.add(rid)
        diagnostics.append(Diagnostic(
            "rows_by_position",
            f"表三有 {len(run)} 行数字与行标题分离，已按格式顺序放入“{'”“'.join(rows[r].label for r in missing)}”，请核对。",
            f"table 3: {len(run)} rows of numbers had lost their labels; placed by template order as {', '.join(missing)}.",
            f"/tables/requests/{missing[0]}", run[0].loc, {"rows": missing}))


def _build(table: Table, entries: list[_Entry], diagnostics: list[Diagnostic]) -> None:
    placed: list[tuple[int, Row]] = []
    for e in entries:
        leaf = e.labels[-1].text.strip() if e.labels else ""
        if e.trow is None or e.trow.id in table.rows or e.cells is None:
            if e.cells is not None and any(c.value is not None for c in e.cells.values()):
                table.extra_rows.append(Row(None, leaf or None, e.group, e.cells, e.loc))
                what = f"“{' '.join(leaf.split())}”" if leaf else "（无行标题）"
                why = "重复" if e.trow is not None else "无法对应到格式规定的行"
                diagnostics.append(Diagnostic(
                    "row_unmapped", f"表三的一行{what}{why}，其数字未使用。",
                    f"table 3: a row {leaf or '(no label)'} {'repeats' if e.trow else 'matches no row of the format'}; its numbers are not used.",
                    "/tables/requests", e.loc, {"label": leaf}))
            continue
        label = _as_written(leaf, e.trow) if leaf and not e.by_position else None
        group = e.group if e.trow.group else None
        if group and closest(group, [e.trow.group], 0.25) is None:
            group = None  # a piece of the label (（三）不 | 予公开 broken by the copy): not the label as written
        if group and e.trow.group:
            table.group_labels.setdefault(e.trow.group, group)
            if e.group_loc is not None:
                table.label_locs[f"groups/{e.trow.id}"] = e.group_loc
        row = Row(e.trow.id, label, group, e.cells, e.loc)
        table.rows[e.trow.id] = row
        placed.append((e.line, row))
    # Rows in document order (rows placed by position sit where their numbers were).
    table.rows = {row.id: row for _n, row in sorted(placed, key=lambda p: p[0])}


def _as_written(text: str, trow: template.Row) -> str:
    """The part of ``text`` that is the row label (flattened text glues headers before it)."""
    core = loose(trow.label)
    if normalize(text) == normalize(trow.label) or not core:
        return text.strip()
    pattern = r"[^\w]*".join(re.escape(ch) for ch in core[:4])
    starts = [m.start() for m in re.finditer(pattern, text)]
    if not starts:
        return text.strip()
    start = starts[-1]
    # Keep the numbering written before the label (1. / （一）).
    prefix = re.search(r"(?:[（(][一二三四五六七][）)]|[一二三四五六七八九十]、|\d+\s*[.、．])\s*$", text[:start])
    return text[prefix.start() if prefix else start:].strip()
