"""The three tables of a report, rebuilt as HTML from the canonical model.

Labels come from ``template.py`` (as written in the report where the reader kept them),
values from ``report.tables``. Every cell, row, header and caption carries the model
pointer that findings use, as an element id, so that the page can highlight and scroll
to what a finding names. Everything from the report is escaped.
"""

from __future__ import annotations

from html import escape

from .. import template
from ..model import Report
from .. import lazy_re

_UNSAFE = lazy_re.compile(r"[^A-Za-z0-9_-]")


class Anchors:
    """Element ids for model pointers of one report, and the highlight each one gets."""

    def __init__(self, prefix: str, hits: dict[str, str]):
        self.prefix = prefix
        self.hits = hits  # pointer -> worst severity among the findings that name it
        self.rendered: set[str] = set()

    def id(self, pointer: str) -> str:
        return self.prefix + _UNSAFE.sub(lambda m: f"_{ord(m.group()):x}_", pointer.replace("/", "-"))

    def attrs(self, pointer: str, classes: str = "") -> str:
        """``id``, ``data-pointer`` and ``class`` attributes for the element showing ``pointer``."""
        self.rendered.add(pointer)
        names = classes.split()
        if pointer in self.hits:
            names += ["hit", f"hit-{self.hits[pointer]}"]
        cls = f' class="{" ".join(names)}"' if names else ""
        return f' id="{self.id(pointer)}" data-pointer="{escape(pointer)}"{cls}'

    def resolve(self, pointer: str) -> str | None:
        """The rendered pointer nearest to ``pointer``: itself, else its closest parent."""
        if pointer in self.rendered:
            return pointer
        parts = [p for p in pointer.split("/") if p]
        if parts[:1] == ["labels"]:
            # A header label not drawn as such: fall back on its table (or row).
            parts = ["tables"] + parts[1:]
            if len(parts) >= 3 and parts[2] in ("columns", "blocks", "note"):
                parts = parts[:2]
        while parts:
            candidate = "/" + "/".join(parts)
            if candidate in self.rendered:
                return candidate
            parts.pop()
        return None


def _text(value) -> str:
    return escape("" if value is None else str(value))


def _label(written: str | None, official: str, also: tuple[str, ...] = ()) -> str:
    # Spaces and line breaks inside a cell (a PDF header wrapped as 结果\n维持) are layout,
    # not wording: no label rule reports them, so the page does not star them either.
    if written is None or "".join(written.split()) in {"".join(o.split()) for o in (official, *also)}:
        return _text(official)
    return f'{_text(written)}<span class="muted" title="{_text(official)}"> *</span>'


def _cells(a: Anchors, tid: str, row, col_ids) -> str:
    out = []
    for cid in col_ids:
        pointer = f"/tables/{tid}/{row.id}/{cid}" if row.id else ""
        cell = row.cells.get(cid)
        shown = cell.display if cell is not None else ""
        blank = " blank" if cell is None or cell.is_blank else ""
        attrs = a.attrs(pointer, blank) if pointer else (' class="blank"' if blank else "")
        out.append(f"<td{attrs}>{_text(shown)}</td>")
    return "".join(out)


def _row_html(a: Anchors, tid: str, row, official: str, col_ids, extra: bool = False,
              also: tuple[str, ...] = ()) -> str:
    label = _label(row.label, official, also) if row is not None else _text(official)
    pointer = f"/tables/{tid}/{row.id}" if row is not None and row.id else ""
    attrs = a.attrs(pointer, "extra" if extra else "") if pointer else (' class="extra"' if extra else "")
    cells = _cells(a, tid, row, col_ids) if row is not None else "".join('<td class="blank"></td>' for _ in col_ids)
    return f'<tr{attrs}><th class="label" scope="row">{label}</th>{cells}</tr>'


def _proactive(a: Anchors, report: Report, tpl, table) -> str:
    parts = []
    by_id = {b.id: b for b in table.blocks}
    for block in tpl.blocks:
        written = by_id.get(block.id)
        cap = f"/labels/proactive/blocks/{block.id}/caption"
        heads = "".join(
            f"<th{a.attrs(f'/labels/proactive/blocks/{block.id}/columns/{c.id}')}>"
            f"{_label(written.columns.get(c.id) if written else None, c.label)}</th>" for c in block.columns)
        rows = "".join(_row_html(a, "proactive", table.rows.get(r.id), r.label, [c.id for c in block.columns])
                       for r in block.rows)
        parts.append(f'<table><thead><tr class="block"><th colspan="{len(block.columns) + 1}"{a.attrs(cap)}>'
                     f"{_label(written.caption if written else None, block.caption)}</th></tr>"
                     f"<tr><th>{_text(template.INFO_CONTENT)}</th>{heads}</tr></thead><tbody>{rows}</tbody></table>")
    return "".join(parts)


def _requests(a: Anchors, report: Report, tpl, table) -> str:
    cols = [c.id for c in tpl.columns]
    label = {c.id: _label(table.column_labels.get(c.id), c.label) for c in tpl.columns}
    note = _label(table.note, template.REQUESTS_NOTE)
    head = (f'<tr><th rowspan="3"{a.attrs("/labels/requests/note", "note")}>{note}</th>'
            f'<th colspan="{len(cols)}">{_text(template.REQUESTS_COLUMN_GROUP)}</th></tr>'
            f'<tr><th rowspan="2"{a.attrs("/labels/requests/columns/natural_person")}>{label["natural_person"]}</th>'
            f'<th colspan="{len(template.REQUESTS_PART_COLUMNS) - 1}">{_text(template.REQUESTS_ORG_GROUP)}</th>'
            f'<th rowspan="2"{a.attrs("/labels/requests/columns/total")}>{label["total"]}</th></tr><tr>'
            + "".join(f"<th{a.attrs(f'/labels/requests/columns/{c}')}>{label[c]}</th>"
                      for c in template.REQUESTS_PART_COLUMNS[1:]) + "</tr>")
    body, top, group = [], None, None
    for r in tpl.rows:
        row = table.rows.get(r.id)
        if r.top and r.top != top:
            body.append(f'<tr class="group"><th colspan="{len(cols) + 1}">{_text(r.top)}</th></tr>')
        if r.group and r.group != group:
            written = row.group if row is not None else None
            body.append(f'<tr class="group"><th colspan="{len(cols) + 1}">{_label(written, r.group)}</th></tr>')
        top, group = r.top, r.group
        body.append(_row_html(a, "requests", row, r.label, cols))
    body += [_row_html(a, "requests", row, row.label or "", cols, extra=True) for row in table.extra_rows]
    return f'<table><thead>{head}</thead><tbody>{"".join(body)}</tbody></table>'


def _review(a: Anchors, report: Report, tpl, table) -> str:
    cols = [c.id for c in tpl.columns]
    head = "".join(f"<th{a.attrs(f'/labels/review/columns/{c.id}')}>"
                   f"{_label(table.column_labels.get(c.id), c.label)}</th>" for c in tpl.columns)
    body = []
    for r in tpl.rows:
        official = f"{r.group} · {r.label}" if r.group else r.label
        # Written under its group (行政诉讼 spanning two rows), the row's own label is right.
        body.append(_row_html(a, "review", table.rows.get(r.id), official, cols, also=(r.label, r.group + r.label)
                              if r.group else ()))
    body += [_row_html(a, "review", row, row.label or "", cols, extra=True) for row in table.extra_rows]
    return f'<table><thead><tr><th></th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


_BUILDERS = {"proactive": _proactive, "requests": _requests, "review": _review}


def tables_html(a: Anchors, report: Report) -> str:
    """The three tables, each under its heading; a missing table is said to be missing."""
    fmt = report.format or "2021"
    out = []
    for tid in template.TABLE_IDS:
        tpl = template.TABLES[fmt][tid]
        table = report.tables.get(tid)
        heading = f"{template.SECTION_NUMBERS[tid]}{template.SECTION_TITLES[tid]}"
        inner = (_BUILDERS[tid](a, report, tpl, table) if table is not None
                 else '<p class="missing">（报告中未找到此表 / table not found）</p>')
        out.append(f'<section class="tbl"><h3{a.attrs(f"/tables/{tid}")}>{_text(tpl.title)}'
                   f' <span class="muted">{_text(heading)}</span></h3><div class="scroll">{inner}</div></section>')
    return "".join(out)
