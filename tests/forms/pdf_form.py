"""A structured report (the YAML shape) rendered as a whole PDF, tables split where asked.

Built on the primitives of ``tests/pdf_factory.py`` (STSong-Light text, ruling lines).
Tables 二/三/四 carry the official labels of the report's format; ``split_at[t]`` puts a
page break after body row ``split_at[t]`` of table ``t`` (0: right after the header),
``repeat_header`` draws the header again on the continuation page, and a label spanning
rows across the break (三、本年度办理结果, （三）不予公开 …) is written on the first part,
the second, or both (``span_text``), as Word and converters variously do. ``shift``
moves the continuation page's table sideways (a converter's page margins differ).
"""

from __future__ import annotations

import pdf_factory as f
from govinfo_lint import template

BOTTOM = 780.0
LEFT = 57.0


class _Flow:
    def __init__(self, title: str):
        self.pages: list[list[str]] = []
        self.header = f.text(200, 30, title[:40], 8)
        self.new_page()

    def new_page(self) -> None:
        self.pages.append([self.header])
        self.top = 60.0

    def room(self, height: float) -> None:
        if self.top + height > BOTTOM:
            self.new_page()

    def para(self, s: str, size: float = 10.5) -> None:
        lines = max(1, -(-(len(s) + 2) // int(472.5 // size)))
        self.room(lines * size * 1.6)
        ops, self.top = f.paragraph(self.top, s, size)
        self.pages[-1] += ops

    def heading(self, s: str) -> None:
        self.room(40)
        self.pages[-1].append(f.text(LEFT, self.top + 6, s, 14))
        self.top += 34


def _fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _grid(flow: _Flow, xs: list[float], header: list[tuple], header_rows: int, body: list[list[tuple]],
          spans: list[tuple], split: int | None, repeat: bool, span_text: str, shift: float,
          size: float = 7.0) -> None:
    """Draw header + body rows; ``spans`` are (col, first_row, last_row, text) labels over body rows."""
    parts = [(0, len(body))] if split is None else [(0, split), (split, len(body))]
    for n, (lo, hi) in enumerate(parts):
        with_header = n == 0 or repeat
        cells: list[tuple] = []
        heights: list[float] = []
        off = header_rows if with_header else 0
        if with_header:
            cells += header
            heights += [16.0] * header_rows
        for i in range(lo, hi):
            cells += [(off + i - lo, c, 1, cs, s) for c, cs, s in body[i]]
            heights.append(14.0)
        for col, first, last, s in spans:
            a, b = max(first, lo), min(last, hi - 1)
            if a > b:
                continue
            split_here = first < lo or last >= hi
            shown = s
            if split_here:
                on_first = first >= lo
                shown = s if span_text == "both" or (span_text == "first") == on_first else ""
            cells.append((off + a - lo, col, b - a + 1, 1, shown))
        # Rows grow to fit their text (a vertical label over one or two rows, a long leaf label).
        for r, c, rs, cs, s in cells:
            per = max(1, int((xs[c + cs] - xs[c] - 8) // size))
            need = -(-len(s) // per) * size * 1.2 + 4 if s else 0
            have = sum(heights[r:r + rs])
            if need > have:
                heights[r + rs - 1] += need - have
        total = sum(heights)
        if n == 0:
            flow.room(total)  # the first part starts on a fresh page when it cannot fit
        dx = shift if n else 0.0
        ys = [flow.top]
        for h in heights:
            ys.append(ys[-1] + h)
        flow.pages[-1] += f.table([x + dx for x in xs], ys, cells, size)
        flow.top = ys[-1] + 16
        if n == 0 and split is not None:
            flow.new_page()


def _requests(flow, fmt, data, split, repeat, span_text, shift, labels=None) -> None:
    # Labels as the report writes them (其它, a misspelt row) and only the rows it has, as the
    # other forms draw them: the PDF must be the same report as its YAML twin.
    labels = labels or {}
    cols, row_labels, groups = labels.get("columns") or {}, labels.get("rows") or {}, labels.get("groups") or {}
    # 38 pt a column: four of the factory's one-em digits fit unwrapped (a real font's digits are half as wide).
    xs = [57.5, 77.5, 137.5, 262.5] + [262.5 + 38 * (i + 1) for i in range(7)]
    orgs = [cols.get(c.id, c.label) for c in template.REQUESTS_COLUMNS[1:6]]
    header = [(0, 0, 3, 3, labels.get("note", template.REQUESTS_NOTE)), (0, 3, 1, 7, template.REQUESTS_COLUMN_GROUP),
              (1, 3, 2, 1, cols.get("natural_person", "自然人")), (1, 4, 1, 5, template.REQUESTS_ORG_GROUP),
              (1, 9, 2, 1, cols.get("total", "总计"))]
    header += [(2, 4 + k, 1, 1, s) for k, s in enumerate(orgs)]
    rows = [r for r in template.TABLES[fmt]["requests"].rows if not data or r.id in data]
    body, spans, written = [], {}, {}
    for i, row in enumerate(rows):
        values = [(3 + k, 1, _fmt((data.get(row.id) or {}).get(c.id))) for k, c in enumerate(template.REQUESTS_COLUMNS)]
        label = row_labels.get(row.id, row.label)
        if row.top is None:
            cells = [(0, 3, label)]
        else:
            spans.setdefault((0, row.top), []).append(i)
            if row.group:
                spans.setdefault((1, row.group), []).append(i)
                written.setdefault((1, row.group), groups.get(row.id, row.group))
                cells = [(2, 1, label)]
            else:
                cells = [(1, 2, label)]
        body.append(cells + values)
    span_list = [(col, m[0], m[-1], written.get((col, s), s)) for (col, s), m in spans.items()]
    _grid(flow, xs, header, 3, body, span_list, split, repeat, span_text, shift)


def _proactive(flow, fmt, data, split, repeat, span_text, shift, labels=None) -> None:
    labels = labels or {}
    row_labels, given_blocks = labels.get("rows") or {}, labels.get("blocks") or {}
    xs = [57.5, 207.5, 307.5, 407.5, 507.5]
    body: list[list[tuple]] = []
    blocks = template.TABLES[fmt]["proactive"].blocks
    # Each block's caption and header are rows of the one table: a split lands between
    # (or inside) blocks; a repeated header is the caption and header of the block it cuts.
    marks: list[tuple[int, list[list[tuple]]]] = []
    for block in blocks:
        given = given_blocks.get(block.id) or {}
        widths = {1: [3], 2: [1, 2], 3: [1, 1, 1]}[len(block.columns)]
        starts = [1 + sum(widths[:k]) for k in range(len(widths))]
        head = [[(0, 4, given.get("caption", block.caption))], [(0, 1, template.INFO_CONTENT)] +
                [(s, w, (given.get("columns") or {}).get(c.id, c.label)) for s, w, c in zip(starts, widths, block.columns)]]
        marks.append((len(body), head))
        body += head
        for row in block.rows:
            if data and row.id not in data:
                continue
            body.append([(0, 1, row_labels.get(row.id, row.label))] + [(s, w, _fmt((data.get(row.id) or {}).get(c.id)))
                                                                     for s, w, c in zip(starts, widths, block.columns)])
    data_rows = [i for i, r in enumerate(body) if not any(i in (m, m + 1) for m, _h in marks)]
    cut = None
    header: list[tuple] = []
    if split is not None:
        cut = data_rows[split - 1] + 1 if split else 2
        starts = {m for m, _h in marks}
        if repeat and cut not in starts:  # between blocks the next block brings its own caption
            head = max((m, h) for m, h in marks if m < cut)[1]
            header = [(r, c, 1, cs, s) for r, cells in enumerate(head) for c, cs, s in cells]
    _two_part(flow, xs, body, cut, header, shift)


def _two_part(flow, xs, body, cut, repeated, shift, size=7.0) -> None:
    """A table without spanning body labels: rows [0, cut) here, the rest (after ``repeated``) on the next page."""
    parts = [(0, len(body))] if cut is None else [(0, cut), (cut, len(body))]
    for n, (lo, hi) in enumerate(parts):
        extra = repeated if n else []
        off = 1 + max((r for r, *_ in extra), default=-1) if extra else 0
        cells = list(extra) + [(off + i - lo, c, 1, cs, s) for i in range(lo, hi) for c, cs, s in body[i]]
        ys = [flow.top + 18 * k for k in range(off + hi - lo + 1)]
        if n == 0:  # the first part starts on a fresh page when it cannot fit
            flow.room(ys[-1] - ys[0])
            ys = [flow.top + 18 * k for k in range(off + hi - lo + 1)]
        dx = shift if n else 0.0
        flow.pages[-1] += f.table([x + dx for x in xs], ys, cells, size)
        flow.top = ys[-1] + 16
        if n == 0 and cut is not None:
            flow.new_page()


def _review(flow, data, split, repeat, shift) -> None:
    xs = [57.5 + 30 * i for i in range(16)]
    leaves = [c.label for c in template.REVIEW_COLUMNS]
    rows = template.REVIEW_ROWS
    header = [(0, 0, 1, 5, rows[0].label), (0, 5, 1, 10, template.REVIEW_LITIGATION),
              (1, 5, 1, 5, rows[1].label), (1, 10, 1, 5, rows[2].label)]
    header += [(1, c, 2, 1, leaves[c]) for c in range(5)] + [(2, c, 1, 1, leaves[c % 5]) for c in range(5, 15)]
    values = [_fmt((data.get(r.id) or {}).get(c.id)) for r in rows for c in template.REVIEW_COLUMNS]
    body = [[(c, 1, v) for c, v in enumerate(values)]]
    # One body row: the only break is between the header and it (split_at 0).
    assert split in (None, 0), "table 四 has one body row: split_at['review'] can only be 0"
    _grid(flow, xs, header, 3, body, [], split, repeat, "first", shift)


def render(report: dict, *, split_at: dict[str, int] | None = None, repeat_header: bool = False,
           ruled: bool = True, span_text: str = "first", shift: float = 0.0) -> bytes:
    """The PDF of ``report`` (the YAML shape, see docs/model.md)."""
    split_at = split_at or {}
    fmt = str(report.get("format") or template.format_for_year(int(report["year"])))
    tables = report.get("tables") or {}
    labels = report.get("labels") or {}
    flow = _Flow(report["title"])
    agency = report.get("agency") or ""
    title = report["title"]
    rest = title[len(agency):] if agency and title.startswith(agency) else ""
    for s in ([agency, rest] if rest else [title]):
        flow.pages[-1].append(f.centred(0, f.W, flow.top, s, 20))
        flow.top += 32
    flow.top += 10
    if report.get("intro"):
        flow.para(report["intro"])
    drawers = {
        "proactive": lambda: _proactive(flow, fmt, tables.get("proactive") or {}, split_at.get("proactive"),
                                        repeat_header, span_text, shift, labels.get("proactive")),
        "requests": lambda: _requests(flow, fmt, tables.get("requests") or {}, split_at.get("requests"),
                                      repeat_header, span_text, shift, labels.get("requests")),
        "review": lambda: _review(flow, tables.get("review") or {}, split_at.get("review"), repeat_header, shift),
    }
    f.RULED[0] = ruled
    try:
        for section in report.get("sections") or []:
            flow.heading(section["heading"])
            sid = section.get("id")
            if sid in drawers and sid in tables:
                drawers[sid]()
                text = section.get("text") or ""
                if text and text != "见下表。":
                    flow.para(text)
            elif section.get("text"):
                flow.para(section["text"])
        return f.build(flow.pages)
    finally:
        f.RULED[0] = True


def body_rows(report: dict, table_id: str) -> int:
    """How many body rows ``split_at[table_id]`` can count (table 二: data rows of all blocks)."""
    fmt = str(report.get("format") or template.format_for_year(int(report["year"])))
    if table_id == "review":
        return 1
    return len(template.TABLES[fmt][table_id].rows)
