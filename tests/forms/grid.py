"""The layout of a structured report's three tables as grids of spanning cells.

Every document form is drawn from the same grids, so a form differs from its YAML twin
only in how it writes them. A grid is a list of rows; a row a list of ``Span``s in
reading order (cells covered by a span are left out, as in HTML). Labels come from the
report's ``labels`` where it gives them (a planted label defect), else the template;
rows the report lacks are left out (a planted missing row); values are written as the
report writes them (``None`` blank, ``"22（其中修订16件）"`` as is, ``{"raw": …}`` its raw).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from govinfo_lint import template


@dataclass
class Span:
    text: str
    rows: int = 1
    cols: int = 1
    header: bool = False


def value_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return str(value.get("raw", "" if value.get("value") is None else value["value"]))
    if isinstance(value, float):
        return str(Decimal(str(value)))
    return str(value)


def fmt_of(report: dict) -> str:
    return str(report.get("format") or template.format_for_year(int(report["year"])))


def title(report: dict) -> str:
    return report.get("title") or f"{report['agency']}{report['year']}年政府信息公开工作年度报告"


def sections(report: dict) -> list[tuple[str, str, str]]:
    """(id, heading, text) in document order."""
    out = []
    for s in report.get("sections", []):
        out.append((s["id"], s.get("heading") or template.SECTION_HEADINGS[s["id"]], s.get("text", "")))
    return out


def _labels(report: dict, tid: str) -> dict:
    return (report.get("labels") or {}).get(tid) or {}


def proactive(report: dict) -> list[list[Span]]:
    fmt, data, labels = fmt_of(report), report["tables"].get("proactive", {}), _labels(report, "proactive")
    blocks = template.TABLES[fmt]["proactive"].blocks
    width = 1 + max(len(b.columns) for b in blocks)
    grid: list[list[Span]] = []
    for block in blocks:
        given = (labels.get("blocks") or {}).get(block.id) or {}
        grid.append([Span(given.get("caption", block.caption), cols=width, header=True)])
        heads = [(given.get("columns") or {}).get(c.id, c.label) for c in block.columns]
        grid.append([Span(template.INFO_CONTENT, header=True)] + _spread(heads, width, header=True))
        for row in block.rows:
            if row.id not in data:
                continue
            label = (labels.get("rows") or {}).get(row.id, row.label)
            values = [value_text(data[row.id].get(c.id)) for c in block.columns]
            grid.append([Span(label)] + _spread(values, width))
    return grid


def _spread(texts: list[str], width: int, header: bool = False) -> list[Span]:
    # A block with fewer columns than the widest lets its last cell span the rest, as Word tables do.
    spans = [Span(t, header=header) for t in texts]
    spans[-1].cols = width - len(texts)
    return spans


def requests_rows(report: dict) -> list[Any]:
    data = report["tables"].get("requests", {})
    return [r for r in template.TABLES[fmt_of(report)]["requests"].rows if r.id in data]


def requests_header(report: dict) -> list[list[Span]]:
    cols = (_labels(report, "requests").get("columns") or {})
    note = _labels(report, "requests").get("note", template.REQUESTS_NOTE)
    orgs = [cols.get(c.id, c.label) for c in template.REQUESTS_COLUMNS[1:6]]
    return [
        [Span(note, rows=3, cols=3, header=True), Span(template.REQUESTS_COLUMN_GROUP, cols=7, header=True)],
        [Span(cols.get("natural_person", "自然人"), rows=2, header=True),
         Span(template.REQUESTS_ORG_GROUP, cols=5, header=True),
         Span(cols.get("total", "总计"), rows=2, header=True)],
        [Span(t, header=True) for t in orgs],
    ]


def requests_body(report: dict, start: int = 0, stop: int | None = None) -> list[list[Span]]:
    """Rows ``start:stop`` of table 三's body; a group label spans the rows of its group in the part."""
    data, labels = report["tables"]["requests"], _labels(report, "requests")
    rows = requests_rows(report)[start:stop]
    row_labels, groups = labels.get("rows") or {}, labels.get("groups") or {}
    grid: list[list[Span]] = []
    for i, row in enumerate(rows):
        cells: list[Span] = []
        if row.top is None:
            cells.append(Span(row_labels.get(row.id, row.label), cols=3))
        else:
            if i == 0 or rows[i - 1].top is None:
                cells.append(Span(row.top, rows=_run(rows, i, lambda r: r.top is not None)))
            if row.group is None:
                cells.append(Span(row_labels.get(row.id, row.label), cols=2))
            else:
                if i == 0 or rows[i - 1].group != row.group:
                    cells.append(Span(groups.get(row.id, row.group), rows=_run(rows, i, lambda r: r.group == row.group)))
                cells.append(Span(row_labels.get(row.id, row.label)))
        cells += [Span(value_text(data[row.id].get(c.id))) for c in template.REQUESTS_COLUMNS]
        grid.append(cells)
    return grid


def _run(rows: list, i: int, same) -> int:
    n = 1
    while i + n < len(rows) and same(rows[i + n]):
        n += 1
    return n


def requests_count(report: dict) -> int:
    return len(requests_rows(report))


def review(report: dict) -> list[list[Span]]:
    data, labels = report["tables"].get("review", {}), _labels(report, "review")
    cols = [(labels.get("columns") or {}).get(c.id, c.label) for c in template.REVIEW_COLUMNS]
    heads = [Span(t, header=True) for t in cols]
    grid = [
        [Span("行政复议", cols=5, header=True), Span(template.REVIEW_LITIGATION, cols=10, header=True)],
        [Span(t, rows=2, header=True) for t in cols]
        + [Span("未经复议直接起诉", cols=5, header=True), Span("复议后起诉", cols=5, header=True)],
        heads + [Span(h.text, header=True) for h in heads],
    ]
    values = []
    for row in template.REVIEW_ROWS:
        values += [Span(value_text((data.get(row.id) or {}).get(c.id))) for c in template.REVIEW_COLUMNS]
    grid.append(values)
    return grid


def expand(grid: list[list[Span]], fill: bool = True) -> list[list[str]]:
    """The grid as a rectangle; a span's text in every cell it covers (``fill``) or its first only."""
    out: list[list[str | None]] = []
    for r, row in enumerate(grid):
        while len(out) <= r:
            out.append([])
        c = 0
        for span in row:
            while c < len(out[r]) and out[r][c] is not None:
                c += 1
            for dr in range(span.rows):
                while len(out) <= r + dr:
                    out.append([])
                line = out[r + dr]
                while len(line) < c + span.cols:
                    line.append(None)
                for dc in range(span.cols):
                    line[c + dc] = span.text if (fill or (dr == 0 and dc == 0)) else ""
            c += span.cols
    width = max(len(line) for line in out)
    return [[t or "" for t in line] + [""] * (width - len(line)) for line in out]


def placed(grid: list[list[Span]]) -> tuple[list[tuple[int, int, Span]], int, int]:
    """Each span with its top-left (row, column), and the grid's height and width."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(grid):
        c = 0
        for span in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, span))
            taken.update((r + dr, c + dc) for dr in range(span.rows) for dc in range(span.cols))
            c += span.cols
    height = max(r for r, _ in taken) + 1
    width = max(c for _, c in taken) + 1
    return out, height, width


def tables(report: dict) -> dict[str, list[list[Span]]]:
    """Each table section's grid; table 三 is its header and body together."""
    return {"proactive": proactive(report), "requests": requests_header(report) + requests_body(report),
            "review": review(report)}
