"""Writing DOCX reports from figures with python-docx, with merged cells like real ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from govinfo_lint import template


def make_report_docx(path: Path, *, fmt: str, agency: str, year: int, tables: dict[str, Any],
                     headings: dict[str, str] | None = None, texts: dict[str, str] | None = None) -> Path:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    title = document.add_paragraph(f"{agency}{year}年政府信息公开工作年度报告")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(f"本报告统计期限为{year}年1月1日至{year}年12月31日。")
    for sid in template.SECTION_IDS:
        document.add_paragraph((headings or {}).get(sid, template.SECTION_HEADINGS[sid]))
        if sid in template.TABLE_SECTIONS:
            _TABLES[sid](document, fmt, tables.get(sid, {}))
        else:
            document.add_paragraph((texts or {}).get(sid, "见上。"))
    document.save(str(path))
    return path


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _proactive(document, fmt, data):
    blocks = template.TABLES[fmt]["proactive"].blocks
    width = 1 + max(len(b.columns) for b in blocks)
    rows = sum(2 + len(b.rows) for b in blocks)
    table = document.add_table(rows=rows, cols=width)
    r = 0
    for block in blocks:
        caption = table.cell(r, 0).merge(table.cell(r, width - 1))
        caption.text = block.caption
        r += 1
        table.cell(r, 0).text = template.INFO_CONTENT
        _spread(table, r, [c.label for c in block.columns], width)
        r += 1
        for row in block.rows:
            table.cell(r, 0).text = row.label
            _spread(table, r, [_text(data.get(row.id, {}).get(c.id)) for c in block.columns], width)
            r += 1


def _spread(table, r, values, width):
    """Put values in columns 1..; when a block has fewer columns the last cell spans the rest."""
    for k, value in enumerate(values):
        cell = table.cell(r, 1 + k)
        if k == len(values) - 1 and 1 + k < width - 1:
            cell = cell.merge(table.cell(r, width - 1))
        cell.text = value


def _requests(document, fmt, data):
    tpl = template.TABLES[fmt]["requests"]
    table = document.add_table(rows=3 + len(tpl.rows), cols=10)
    note = table.cell(0, 0).merge(table.cell(2, 2))
    note.text = template.REQUESTS_NOTE
    table.cell(0, 3).merge(table.cell(0, 9)).text = template.REQUESTS_COLUMN_GROUP
    table.cell(1, 3).merge(table.cell(2, 3)).text = "自然人"
    table.cell(1, 4).merge(table.cell(1, 8)).text = template.REQUESTS_ORG_GROUP
    table.cell(1, 9).merge(table.cell(2, 9)).text = "总计"
    for k, col in enumerate(template.REQUESTS_COLUMNS[1:6]):
        table.cell(2, 4 + k).text = col.label
    for i, row in enumerate(tpl.rows):
        r = 3 + i
        if row.top is None:
            table.cell(r, 0).merge(table.cell(r, 2)).text = row.label
        elif row.group is None:
            table.cell(r, 1).merge(table.cell(r, 2)).text = row.label
        else:
            table.cell(r, 2).text = row.label
        for k, col in enumerate(template.REQUESTS_COLUMNS):
            table.cell(r, 3 + k).text = _text(data.get(row.id, {}).get(col.id))
    results = [3 + i for i, row in enumerate(tpl.rows) if row.top]
    table.cell(results[0], 0).merge(table.cell(results[-1], 0)).text = "三、本年度办理结果"
    groups: dict[str, list[int]] = {}
    for i, row in enumerate(tpl.rows):
        if row.group:
            groups.setdefault(row.group, []).append(3 + i)
    for label, rows in groups.items():
        table.cell(rows[0], 1).merge(table.cell(rows[-1], 1)).text = label


def _review(document, fmt, data):
    table = document.add_table(rows=4, cols=15)
    table.cell(0, 0).merge(table.cell(0, 4)).text = "行政复议"
    table.cell(0, 5).merge(table.cell(0, 14)).text = "行政诉讼"
    table.cell(1, 5).merge(table.cell(1, 9)).text = "未经复议直接起诉"
    table.cell(1, 10).merge(table.cell(1, 14)).text = "复议后起诉"
    for k, col in enumerate(template.REVIEW_COLUMNS):
        table.cell(1, k).merge(table.cell(2, k)).text = col.label
        table.cell(2, 5 + k).text = col.label
        table.cell(2, 10 + k).text = col.label
    for g, row in enumerate(template.REVIEW_ROWS):
        for k, col in enumerate(template.REVIEW_COLUMNS):
            table.cell(3, g * 5 + k).text = _text(data.get(row.id, {}).get(col.id))


_TABLES = {"proactive": _proactive, "requests": _requests, "review": _review}
