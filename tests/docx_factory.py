"""Writing DOCX reports from figures with python-docx, laid out like real ones.

``make_report_docx`` takes the tables in the structured model's shape
(``{"requests": {"granted": {"natural_person": 1, "total": 1}}, …}``) and writes the
three tables of the chosen format with the merged header cells real reports have
(gridSpan across, vMerge down). ``merged=False`` writes the same layout without any
merge, each spanning label once in its first cell, as careless editors do.
``numbered=True`` leaves the 一、 of the headings to Word's automatic numbering.

``PINGTAN_2019`` and ``PINGTAN_2025`` are the figures of two real reports
(corpus/INDEX.tsv, 平潭综合实验区) for round-trip tests.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from govinfo_lint import template

REQUEST_COLUMNS = tuple(c.id for c in template.REQUESTS_COLUMNS)
REVIEW_COLUMNS = tuple(c.id for c in template.REVIEW_COLUMNS)


def requests_figures(fmt: str, rows: dict[str, tuple[int, ...]]) -> dict[str, dict[str, int]]:
    """Every row of 表三 of ``fmt``: the given 7-tuples, zeros elsewhere."""
    zero = (0,) * 7
    return {r.id: dict(zip(REQUEST_COLUMNS, rows.get(r.id, zero))) for r in template.TABLES[fmt]["requests"].rows}


def review_figures(rows: dict[str, tuple[int, ...]]) -> dict[str, dict[str, int]]:
    return {r.id: dict(zip(REVIEW_COLUMNS, rows.get(r.id, (0,) * 5))) for r in template.REVIEW_ROWS}


PINGTAN_2025 = {
    "agency": "平潭综合实验区", "year": 2025, "fmt": "2021",
    "tables": {
        "proactive": {"regulations": {"issued": 0, "repealed": 0, "in_force": 0},
                      "normative_documents": {"issued": 58, "repealed": 45, "in_force": 546},
                      "licensing": {"decisions": 2418}, "penalty": {"decisions": 644},
                      "compulsion": {"decisions": 64}, "fees": {"amount": Decimal("4166.241619")}},
        "requests": requests_figures("2021", {
            "new_received": (151, 3, 0, 0, 0, 0, 154), "granted": (33, 0, 0, 0, 0, 0, 33),
            "partially_granted": (38, 0, 0, 0, 0, 0, 38), "denied_internal_affairs": (3, 0, 0, 0, 0, 0, 3),
            "denied_process_info": (2, 0, 0, 0, 0, 0, 2), "denied_enforcement_file": (3, 0, 0, 0, 0, 0, 3),
            "denied_query": (3, 0, 0, 0, 0, 0, 3), "unable_not_held": (49, 1, 0, 0, 0, 0, 50),
            "unable_needs_creation": (3, 0, 0, 0, 0, 0, 3), "declined_petition": (2, 0, 0, 0, 0, 0, 2),
            "other_no_correction": (8, 0, 0, 0, 0, 0, 8), "other_fee_unpaid": (2, 0, 0, 0, 0, 0, 2),
            "other_misc": (1, 0, 0, 0, 0, 0, 1), "handled_total": (147, 1, 0, 0, 0, 0, 148),
            "carried_forward": (4, 2, 0, 0, 0, 0, 6)}),
        "review": review_figures({"reconsideration": (25, 3, 8, 0, 36), "litigation_direct": (3, 3, 0, 0, 6),
                                  "litigation_after_reconsideration": (3, 0, 0, 0, 3)}),
    },
}

PINGTAN_2019 = {
    "agency": "平潭综合实验区", "year": 2019, "fmt": "2019",
    "tables": {
        "proactive": {"regulations": {"produced": 0, "published": 0, "total_published": 0},
                      "normative_documents": {"produced": 89, "published": 89, "total_published": 89},
                      "licensing": {"previous_items": 396, "change": 0, "decisions": 181},
                      "other_services": {"previous_items": 10, "change": 0, "decisions": 153},
                      "penalty": {"previous_items": 2648, "change": 0, "decisions": 430},
                      "compulsion": {"previous_items": 126, "change": 0, "decisions": 25},
                      "fees": {"previous_items": 35, "change": 0},
                      "procurement": {"items": 135, "amount": "75394432.52元"}},
        "requests": requests_figures("2019", {
            "new_received": (23, 0, 0, 0, 0, 0, 23), "granted": (7, 0, 0, 0, 0, 0, 7),
            "partially_granted": (1, 0, 0, 0, 0, 0, 1), "unable_not_held": (7, 0, 0, 0, 0, 0, 7),
            "unable_unclear": (5, 0, 0, 0, 0, 0, 5), "declined_repeated": (3, 0, 0, 0, 0, 0, 3),
            "handled_total": (23, 0, 0, 0, 0, 0, 23)}),
        "review": review_figures({}),
    },
}


def make_report_docx(path: Path, *, fmt: str = "2021", agency: str, year: int, tables: dict[str, Any],
                     headings: dict[str, str] | None = None, texts: dict[str, str] | None = None,
                     merged: bool = True, numbered: bool = False) -> Path:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    title = document.add_paragraph(f"{agency}{year}年政府信息公开工作年度报告")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(f"本报告统计期限为{year}年1月1日至{year}年12月31日。")
    num_id = _heading_numbering(document) if numbered else None
    for sid in template.SECTION_IDS:
        heading = (headings or {}).get(sid, template.SECTION_HEADINGS[sid])
        if num_id is not None:
            paragraph = document.add_paragraph(heading.removeprefix(template.SECTION_NUMBERS[sid]))
            _number(paragraph, num_id)
        else:
            document.add_paragraph(heading)
        if sid in template.TABLE_SECTIONS:
            sheet = _Sheet(document, merged)
            _TABLES[sid](sheet, fmt, tables.get(sid, {}))
            sheet.finish()
        else:
            document.add_paragraph((texts or {}).get(sid, "见上。"))
    document.save(str(path))
    return path


class _Sheet:
    """A python-docx table filled text first, merged last (python-docx cell lookups are slow)."""

    def __init__(self, document, merged: bool) -> None:
        self.document = document
        self.merged = merged
        self.size = (0, 0)
        self.texts: dict[tuple[int, int], str] = {}
        self.merges: list[tuple[int, int, int, int]] = []

    def add(self, rows: int, cols: int) -> "_Sheet":
        self.size = (rows, cols)
        return self

    def put(self, r: int, c: int, text: str, r2: int | None = None, c2: int | None = None) -> None:
        self.texts[(r, c)] = text
        if self.merged and (r2, c2) != (None, None):
            self.merges.append((r, c, r if r2 is None else r2, c if c2 is None else c2))

    def finish(self) -> None:
        rows, cols = self.size
        table = self.document.add_table(rows=rows, cols=cols)
        table.style = "Table Grid"
        cells = table._cells
        for (r, c), text in self.texts.items():
            cells[r * cols + c].text = text
        for r, c, r2, c2 in self.merges:
            table.cell(r, c).merge(table.cell(r2, c2))


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _proactive(sheet: _Sheet, fmt, data):
    blocks = template.TABLES[fmt]["proactive"].blocks
    width = 1 + max(len(b.columns) for b in blocks)
    sheet.add(sum(2 + len(b.rows) for b in blocks), width)
    r = 0
    for block in blocks:
        sheet.put(r, 0, block.caption, c2=width - 1)
        sheet.put(r + 1, 0, template.INFO_CONTENT)
        _spread(sheet, r + 1, [c.label for c in block.columns], width)
        r += 2
        for row in block.rows:
            sheet.put(r, 0, row.label)
            _spread(sheet, r, [_text(data.get(row.id, {}).get(c.id)) for c in block.columns], width)
            r += 1


def _spread(sheet: _Sheet, r, values, width):
    """Values in columns 1..; when a block has fewer columns its last cell spans the rest."""
    for k, value in enumerate(values):
        last = k == len(values) - 1 and 1 + k < width - 1
        sheet.put(r, 1 + k, value, c2=width - 1 if last else None)


def _requests(sheet: _Sheet, fmt, data):
    tpl = template.TABLES[fmt]["requests"]
    sheet.add(3 + len(tpl.rows), 10)
    sheet.put(0, 0, template.REQUESTS_NOTE, 2, 2)
    sheet.put(0, 3, template.REQUESTS_COLUMN_GROUP, c2=9)
    sheet.put(1, 3, "自然人", r2=2)
    sheet.put(1, 4, template.REQUESTS_ORG_GROUP, c2=8)
    sheet.put(1, 9, "总计", r2=2)
    for k, col in enumerate(template.REQUESTS_COLUMNS[1:6]):
        sheet.put(2, 4 + k, col.label)
    for i, row in enumerate(tpl.rows):
        r = 3 + i
        if row.top is None:
            sheet.put(r, 0, row.label, c2=2)
        elif row.group is None:
            sheet.put(r, 1, row.label, c2=2)
        else:
            sheet.put(r, 2, row.label)
        for k, col in enumerate(template.REQUESTS_COLUMNS):
            sheet.put(r, 3 + k, _text(data.get(row.id, {}).get(col.id)))
    results = [3 + i for i, row in enumerate(tpl.rows) if row.top]
    sheet.put(results[0], 0, "三、本年度办理结果", r2=results[-1])
    groups: dict[str, list[int]] = {}
    for i, row in enumerate(tpl.rows):
        if row.group:
            groups.setdefault(row.group, []).append(3 + i)
    for label, rows in groups.items():
        sheet.put(rows[0], 1, label, r2=rows[-1])


def _review(sheet: _Sheet, fmt, data):
    sheet.add(4, 15)
    sheet.put(0, 0, "行政复议", c2=4)
    sheet.put(0, 5, "行政诉讼", c2=14)
    sheet.put(1, 5, "未经复议直接起诉", c2=9)
    sheet.put(1, 10, "复议后起诉", c2=14)
    for k, col in enumerate(template.REVIEW_COLUMNS):
        sheet.put(1, k, col.label, r2=2)
        sheet.put(2, 5 + k, col.label)
        sheet.put(2, 10 + k, col.label)
    for g, row in enumerate(template.REVIEW_ROWS):
        for k, col in enumerate(template.REVIEW_COLUMNS):
            sheet.put(3, g * 5 + k, _text(data.get(row.id, {}).get(col.id)))


_TABLES = {"proactive": _proactive, "requests": _requests, "review": _review}

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _heading_numbering(document) -> str:
    """Add a 一、二、… list (chineseCounting, ``%1、``) to the numbering part; its numId."""
    from lxml import etree

    numbering = document.part.numbering_part.element
    w = f"{{{W_NS}}}"
    abstract_id = str(900)
    abstract = etree.fromstring(
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>'
        '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>')
    first_num = numbering.find(f"{w}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num_id = str(900)
    numbering.append(etree.fromstring(
        f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    return num_id


def _number(paragraph, num_id: str) -> None:
    from lxml import etree

    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(etree.fromstring(
        f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
         'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="word/document.xml"/></Relationships>')
NAMESPACES = (f'xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
              'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
              'xmlns:v="urn:schemas-microsoft-com:vml"')


def raw_docx(path: Path, body: str, parts: dict[str, str | bytes] | None = None) -> Path:
    """A minimal DOCX around hand-written body XML (``w:``, ``mc:``, ``wps:``, ``v:`` prefixes bound).

    ``parts`` adds or replaces package parts, e.g. ``word/numbering.xml`` or ``docProps/core.xml``.
    """
    import zipfile

    files: dict[str, str | bytes] = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _RELS,
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                             f'<w:document {NAMESPACES}><w:body>{body}</w:body></w:document>',
    }
    files.update(parts or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return path
