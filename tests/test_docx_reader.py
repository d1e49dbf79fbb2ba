"""DOCX: the official template, generated reports round-trip every cell, hostile files."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest

from docx_factory import PINGTAN_2019, PINGTAN_2025, make_report_docx
from govinfo_lint import template
from govinfo_lint.api import lint
from govinfo_lint.readers import read
from govinfo_lint.readers.document import Paragraph, TableGrid
from govinfo_lint.readers.docx.read import read_document
from govinfo_lint.samples import sample_report

TEMPLATE = "corpus/govnianbao/政务公开年报模版.docx"


def assert_tables(report, tables):
    """Every figure of ``tables`` is in the report, with the place it was read from."""
    count = 0
    for tid, rows in tables.items():
        for rid, cells in rows.items():
            for cid, value in cells.items():
                cell = report.tables[tid].cell(rid, cid)
                assert cell is not None, (tid, rid, cid)
                if isinstance(value, str):
                    assert cell.raw == value, (tid, rid, cid, cell)
                else:
                    assert cell.value == value and type(cell.value) is type(value), (tid, rid, cid, cell)
                assert cell.loc.table and cell.loc.row and cell.loc.cell, (tid, rid, cid)
                count += 1
    return count


def grids(document):
    return [b for b in document.blocks if isinstance(b, TableGrid)]


# --- the official blank template -------------------------------------------------------------

def test_official_template_grids(shared_dir):
    document = read_document(shared_dir / TEMPLATE)
    assert document.diagnostics == []
    paragraphs = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert [t for t in paragraphs if t in template.SECTION_HEADINGS.values()] == list(template.SECTION_HEADINGS.values())
    proactive, requests, review = grids(document)
    assert [len(proactive.rows), len(proactive.rows[0])] == [14, 4]
    assert [len(requests.rows), len(requests.rows[0])] == [28, 10]
    assert [len(review.rows), len(review.rows[0])] == [4, 15]
    assert all(len(row) == len(g.rows[0]) for g in (proactive, requests, review) for row in g.rows)
    # 表二: each caption spans the table; one-column blocks span three positions.
    assert [c.text for c in proactive.rows[1]] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    caption = proactive.rows[0]
    assert caption[0].col_span == 4 and [c.origin for c in caption] == [True, False, False, False]
    assert {c.text for c in caption} == {"第二十条第（一）项"}
    assert proactive.rows[12][1].text == "本年收费金额（单位：万元）" and proactive.rows[12][1].col_span == 3
    assert [c.origin for c in proactive.rows[13]] == [True, True, False, False]
    # 表三: the note covers 3×3, 三、本年度办理结果 runs down 22 rows, groups down theirs.
    note = requests.rows[0][0]
    assert note.text == template.REQUESTS_NOTE and (note.row_span, note.col_span) == (3, 3)
    assert [c.text.replace("\n", "") for c in requests.rows[2][3:]] == [
        "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert requests.rows[1][3].row_span == 2 and not requests.rows[2][3].origin
    results = requests.rows[5][0]
    assert results.text == "三、本年度办理结果" and results.row_span == 22
    assert all(r[0].text == "三、本年度办理结果" for r in requests.rows[5:27])
    labels = [row[2].text for row in requests.rows[3:]]
    assert labels == [r.label for r in template.TABLES["2021"]["requests"].rows]
    assert requests.rows[9][1].text == "（三）不予公开" and not requests.rows[9][1].origin
    assert all(c.text == "" and c.origin for row in requests.rows[3:] for c in row[3:])
    # 表四: 行政复议 over 5, 行政诉讼 over 10, column labels down two rows for 复议.
    assert review.rows[0][0].col_span == 5 and review.rows[0][5].col_span == 10
    assert review.rows[1][0].row_span == 2 and review.rows[2][0].text == "结果维持"
    assert [c.text.replace("\n", "") for c in review.rows[2][5:10]] == [c.label for c in template.REVIEW_COLUMNS]
    assert [c.loc.cell for c in review.rows[3]] == list(range(1, 16))


def fill_template(source: Path, target: Path, figures) -> None:
    """Write figures into the empty data cells of the official template, as an editor would."""
    import docx

    document = docx.Document(str(source))
    document.paragraphs[1].text = f"{figures['agency']}{figures['year']}年度政府信息公开工作年度报告"
    for paragraph in document.paragraphs:
        if paragraph.text.startswith("（文字描述"):
            paragraph.text = f"{figures['year']}年，{figures['agency']}认真贯彻落实《条例》。"
    tables = figures["tables"]
    proactive, requests, review = document.tables
    positions = {}  # 表二 row label -> grid row, from the template itself
    for r, row in enumerate(proactive.rows):
        positions.setdefault(row.cells[0].text, r)
    for block in template.TABLES["2021"]["proactive"].blocks:
        for trow in block.rows:
            for k, col in enumerate(block.columns):
                proactive.rows[positions[trow.label]].cells[1 + k].text = str(tables["proactive"][trow.id][col.id])
    for i, trow in enumerate(template.TABLES["2021"]["requests"].rows):
        for k, col in enumerate(template.REQUESTS_COLUMNS):
            requests.rows[3 + i].cells[3 + k].text = str(tables["requests"][trow.id][col.id])
    for g, trow in enumerate(template.REVIEW_ROWS):
        for k, col in enumerate(template.REVIEW_COLUMNS):
            review.rows[3].cells[g * 5 + k].text = str(tables["review"][trow.id][col.id])
    document.save(str(target))


def test_filled_official_template_reads_back_every_cell(shared_dir, tmp_path):
    path = tmp_path / "filled.docx"
    fill_template(shared_dir / TEMPLATE, path, PINGTAN_2025)
    report = read(path)
    assert (report.year, report.format, report.agency) == (2025, "2021", "平潭综合实验区")
    assert [s.id for s in report.sections] == list(template.SECTION_IDS)
    assert assert_tables(report, PINGTAN_2025["tables"]) == 10 + 25 * 7 + 15
    assert report.tables["review"].cell("reconsideration", "total").loc.describe() == "表格3 第4行 第5列"
    assert report.tables["requests"].cell("handled_total", "total").value == 148
    assert not [d for d in report.diagnostics if d.kind != "table_not_found"]
    assert not [f for f in lint(report) if f.code.startswith(("SUM", "ID", "TBL", "LBL")) and f.severity == "error"]


# --- generated reports ------------------------------------------------------------------------

@pytest.mark.parametrize("figures", [PINGTAN_2019, PINGTAN_2025], ids=["pingtan2019", "pingtan2025"])
@pytest.mark.parametrize("merged", [True, False], ids=["merged", "unmerged"])
def test_corpus_figures_round_trip(tmp_path, figures, merged):
    path = make_report_docx(tmp_path / "r.docx", fmt=figures["fmt"], agency=figures["agency"],
                            year=figures["year"], tables=figures["tables"], merged=merged)
    report = read(path)
    assert (report.format, report.year, report.agency) == (figures["fmt"], figures["year"], figures["agency"])
    assert assert_tables(report, figures["tables"]) > 180
    assert not [d for d in report.diagnostics if d.kind in ("row_unmapped", "column_unmapped", "table_not_found")]


@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_sample_reports_round_trip_and_lint_clean(tmp_path, fmt):
    data = sample_report(fmt)
    path = make_report_docx(tmp_path / f"r{fmt}.docx", fmt=fmt, agency=data["agency"], year=data["year"],
                            tables=data["tables"], texts={s["id"]: s["text"] for s in data["sections"]})
    report = read(path)
    assert (report.format, report.year, report.agency) == (fmt, data["year"], data["agency"])
    tables = {tid: {rid: {cid: (Decimal(str(v)) if isinstance(v, float) else v) for cid, v in cells.items()}
                    for rid, cells in rows.items()} for tid, rows in data["tables"].items()}
    assert_tables(report, tables)
    assert [f for f in lint(report) if f.severity == "error"] == []


def test_a_wrong_cell_is_found_at_its_place(tmp_path):
    data = sample_report("2021")
    data["tables"]["review"]["reconsideration"]["total"] = 9
    report = read(make_report_docx(tmp_path / "bad.docx", fmt="2021", agency=data["agency"], year=2024,
                                   tables=data["tables"]))
    (finding,) = [f for f in lint(report) if f.code == "SUM-04"]
    assert (finding.location.table, finding.location.row, finding.location.cell) == (3, 4, 5)


def test_auto_numbered_headings_are_rendered(tmp_path):
    path = make_report_docx(tmp_path / "n.docx", fmt="2021", agency="平潭综合实验区", year=2025,
                            tables=PINGTAN_2025["tables"], numbered=True)
    texts = [b.text for b in read_document(path).blocks if isinstance(b, Paragraph)]
    assert [t for t in texts if t in template.SECTION_HEADINGS.values()] == list(template.SECTION_HEADINGS.values())
    report = read(path)
    assert [(s.id, s.number) for s in report.sections] == [(sid, n) for sid, n, _t in template.SECTIONS]


# --- text and grids from hand-written XML ----------------------------------------------------

def p(text: str, extra: str = "") -> str:
    return f"<w:p>{extra}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def tc(text: str = "", props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text)}</w:tc>"


def tbl(*rows: str) -> str:
    return "<w:tbl>" + "".join(rows) + "</w:tbl>"


def read_body(tmp_path, body: str, parts=None):
    from docx_factory import raw_docx

    return read_document(raw_docx(tmp_path / "t.docx", body, parts))


def test_visible_text_only(tmp_path):
    body = ("<w:p><w:r><w:t>一、</w:t></w:r><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del>"
            "<w:ins><w:r><w:t>总体</w:t></w:r></w:ins>"
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> MERGEFIELD x </w:instrText></w:r>"
            "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>情况</w:t></w:r>"
            "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
            "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r></w:p>"
            "<w:p/>" + p("标题", "<w:pPr><w:jc w:val=\"center\"/></w:pPr>"))
    blocks = read_body(tmp_path, body).blocks
    assert [(b.text, b.loc.paragraph, b.align) for b in blocks] == [
        ("一、总体情况", 1, None), ("甲\t乙\n丙", 2, None), ("标题", 4, "center")]


def test_alternate_content_and_text_boxes_are_read_once(tmp_path):
    box = "<w:txbxContent>" + p("框内文字") + "</w:txbxContent>"
    body = ("<w:p><w:r><w:t>锚点</w:t></w:r><w:r><mc:AlternateContent>"
            f"<mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>"
            f"<mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict></mc:Fallback>"
            "</mc:AlternateContent></w:r></w:p>"
            "<w:sdt><w:sdtPr/><w:sdtContent>" + p("控件内段落") + tbl("<w:tr>" + tc("a") + tc("1") + "</w:tr>")
            + "</w:sdtContent></w:sdt>")
    blocks = read_body(tmp_path, body).blocks
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == ["锚点", "框内文字", "控件内段落"]
    assert [[c.text for c in row] for row in grids_of(blocks)[0].rows] == [["a", "1"]]


def grids_of(blocks):
    return [b for b in blocks if isinstance(b, TableGrid)]


def test_merged_and_ragged_rows_make_a_rectangle(tmp_path):
    span2 = '<w:gridSpan w:val="2"/>'
    body = tbl(
        "<w:tr>" + tc("A", span2 + '<w:vMerge w:val="restart"/>') + tc("B") + "</w:tr>",
        "<w:tr>" + tc("", span2 + "<w:vMerge/>") + tc("C") + "</w:tr>",  # bare vMerge continues
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + tc("D") + tc("E") + "</w:tr>",
        '<w:tr><w:trPr><w:del w:id="1" w:author="x" w:date="2024-01-01T00:00:00Z"/></w:trPr>' + tc("删") + "</w:tr>",
        "<w:tr>" + tc("F") + "</w:tr>",  # a short row (gridAfter)
        "<w:tr>" + tc("G", '<w:hMerge w:val="restart"/>') + tc("", '<w:hMerge w:val="continue"/>') + tc("H") + "</w:tr>",
        "<w:tr>" + tc("I", '<w:vMerge w:val="restart"/>') + tc("J") + tc("K") + "</w:tr>",
        "<w:tr>" + tc("9", "<w:vMerge/>") + tc("L") + tc("M") + "</w:tr>",  # text in a continued cell is kept
    )
    (grid,) = grids_of(read_body(tmp_path, body).blocks)
    shape = [[(c.text, c.origin) for c in row] for row in grid.rows]
    assert shape[:3] == [[("A", True), ("A", False), ("B", True)],
                         [("A", False), ("A", False), ("C", True)],
                         [("", False), ("D", True), ("E", True)]]
    assert shape[3] == [("F", True), ("", False), ("", False)]
    assert shape[4] == [("G", True), ("G", False), ("H", True)]
    assert shape[5][0] == ("I\n9", True) and shape[6][0] == ("I\n9", False)
    first = grid.rows[0][0]
    assert (first.row_span, first.col_span) == (2, 2)
    assert [(c.loc.row, c.loc.cell) for c in grid.rows[2]] == [(3, 1), (3, 2), (3, 3)]


def test_nested_tables(tmp_path):
    inner = tbl("<w:tr>" + tc("x") + tc("1") + "</w:tr>", "<w:tr>" + tc("y") + tc("2") + "</w:tr>")
    data = tbl("<w:tr>" + tc("标签") + tc("甲") + tc("乙") + "</w:tr>",
               "<w:tr>" + tc("合计") + tc("3") + f"<w:tc>{p('说明')}{inner}</w:tc>" + "</w:tr>")
    (grid,) = grids_of(read_body(tmp_path, data).blocks)
    assert grid.rows[1][2].text == "说明\nx 1\ny 2"  # a small table inside a data cell: its text
    layout = tbl(f"<w:tr><w:tc>{p('三、收到和处理政府信息公开申请情况')}{data}{p('注：无')}</w:tc></w:tr>")
    blocks = read_body(tmp_path, p("前言") + layout + tbl("<w:tr>" + tc("后") + "</w:tr>")).blocks
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Paragraph", "TableGrid", "Paragraph", "TableGrid"]
    assert [g.loc.table for g in grids_of(blocks)] == [1, 2] and blocks[2].rows[1][1].text == "3"


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NUMBERING = f"""<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
 <w:lvlText w:val="%1."/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>
</w:numbering>"""
STYLES = f"""<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>
<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:jc w:val="left"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="T"><w:name w:val="Title"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style></w:styles>"""


def numbered(text: str, num_id: int | None = None, ilvl: int = 0, style: str | None = None) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num_id is not None:
        ppr += f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    return p(text, f"<w:pPr>{ppr}</w:pPr>")


def test_automatic_numbering_is_rendered(tmp_path):
    body = (numbered("年度报告", style="T") + numbered("总体情况", style="1") + numbered("主动公开", style="1")
            + numbered("分项", 1, 1) + numbered("细目", 1, 2) + numbered("细目", 1, 2) + numbered("分项", 1, 1)
            + numbered("收到和处理", style="1") + numbered("要点", 4)
            + tbl("<w:tr><w:tc>" + numbered("属于国家秘密", 2) + "</w:tc></w:tr>",
                  "<w:tr><w:tc>" + numbered("其他法律", 2) + "</w:tc></w:tr>",
                  "<w:tr><w:tc>" + numbered("本机关不掌握", 3) + "</w:tc></w:tr>"))
    document = read_body(tmp_path, body, {"word/numbering.xml": NUMBERING, "word/styles.xml": STYLES})
    texts = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert texts == ["年度报告", "一、总体情况", "二、主动公开", "（一）分项", "一.1 细目", "一.2 细目", "（二）分项",
                     "三、收到和处理", "要点"]
    assert document.blocks[0].align == "center" and document.blocks[1].style == "heading 1"
    assert [row[0].text for row in grids_of(document.blocks)[0].rows] == ["1.属于国家秘密", "2.其他法律", "1.本机关不掌握"]


def test_chinese_counting():
    from govinfo_lint.readers.docx.numbering import FORMATS

    assert [FORMATS["chineseCounting"](n) for n in (1, 10, 11, 20, 21, 105)] == ["一", "十", "十一", "二十", "二十一", "一百零五"]
    assert FORMATS["ideographTraditional"](2) == "乙" and FORMATS["decimalEnclosedCircle"](3) == "③"


def test_core_title_and_strict_documents(tmp_path):
    from docx_factory import raw_docx

    core = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>某县2024年政府信息公开工作年度报告</dc:title>'
            '</cp:coreProperties>')
    assert read_body(tmp_path, p("正文"), {"docProps/core.xml": core}).title == "某县2024年政府信息公开工作年度报告"
    # A copied file keeps last year's property: the centred title in the text wins.
    centre = "<w:pPr><w:jc w:val=\"center\"/></w:pPr>"
    body = p("封面", centre) + p("正文") + p("某县", centre) + p("2025年政府信息公开工作年度报告", centre) + p("正文")
    assert read_body(tmp_path, body, {"docProps/core.xml": core}).title == "某县2025年政府信息公开工作年度报告"
    strict = ('<?xml version="1.0"?><w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main">'
              '<w:body><w:p><w:r><w:t>严格格式</w:t></w:r></w:p></w:body></w:document>')
    document = read_document(raw_docx(tmp_path / "s.docx", "", {"word/document.xml": strict}))
    assert [b.text for b in document.blocks] == ["严格格式"] and not document.diagnostics


def test_entry_names_are_never_extracted(tmp_path):
    from docx_factory import raw_docx

    work = tmp_path / "deep" / "er"
    work.mkdir(parents=True)
    path = raw_docx(work / "t.docx", p("正文"), {"../../evil.txt": "x", "/abs/evil.txt": "x"})
    doc = read_document(path)
    # A zip-slip file is not a report (issue 19): refused, naming the entry, not read as clean.
    assert not doc.blocks
    assert [d.kind for d in doc.diagnostics] == ["unreadable"] and "../../evil.txt" in doc.diagnostics[0].message
    assert sorted(f.name for f in tmp_path.rglob("*") if f.is_file()) == ["t.docx"]


# --- hostile and mistaken files ---------------------------------------------------------------

def _zip(files: dict[str, bytes], encrypted: bool = False) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    data = bytearray(buffer.getvalue())
    if encrypted:  # zipfile cannot encrypt; set the "encrypted" flag in both headers as a tool would
        for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            at = data.find(signature)
            data[at + offset] |= 0x1
    return bytes(data)


def _doc(body: bytes, prolog: bytes = b"") -> bytes:
    return (b'<?xml version="1.0"?>' + prolog + b'<w:document xmlns:w="' + W.encode() + b'"><w:body>' + body
            + b"</w:body></w:document>")


def _generated(tmp_path) -> bytes:
    path = make_report_docx(tmp_path / "ok.docx", fmt="2021", agency="某县", year=2024, tables={})
    return path.read_bytes()


_LAUGHS = (b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
           + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10) for i in range(8))
           + b"]>")
def _lying_bomb() -> bytes:
    """A zip whose directory claims 1000 bytes for a part that inflates to 30 MB."""
    import struct

    data = bytearray(_zip({"word/document.xml": b"<a>" + b" " * (30 * 1024 * 1024) + b"</a>"}))
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        data[at + offset:at + offset + 4] = struct.pack("<I", 1000)
    return bytes(data)


# name -> (bytes maker, diagnostic kind, words the message must contain)
HOSTILE = {
    "empty": (lambda t: b"", "unreadable", "为空"),
    "junk": (lambda t: b"\x89\x00garbage" * 100, "unreadable", "不是 DOCX"),
    "truncated": (lambda t: _generated(t)[: len(_generated(t)) // 2], "unreadable", "截断"),
    "legacy-doc": (lambda t: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + "WordDocument".encode("utf-16-le"),
                   "unsupported_format", ".doc"),
    "encrypted-docx": (lambda t: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
                       + "EncryptedPackage".encode("utf-16-le"), "unreadable", "加密"),
    "ole-other": (lambda t: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "unsupported_format", "OLE"),
    "rtf": (lambda t: b"{\\rtf1\\ansi hello}", "unsupported_format", "RTF"),
    "html": (lambda t: "<html><body>年度报告</body></html>".encode(), "unsupported_format", "网页"),
    "xlsx-renamed": (lambda t: _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
                     "unsupported_format", "Excel"),
    "plain-zip": (lambda t: _zip({"a.txt": b"hello"}), "unsupported_format", "zip"),
    "zip-bomb": (lambda t: _zip({"word/document.xml": b"<" + b" " * (3 * 1024 * 1024) + b"/>"}), "unreadable", "压缩炸弹"),
    "encrypted-entry": (lambda t: _zip({"word/document.xml": _doc(b"")}, encrypted=True), "unreadable", "加密"),
    "broken-xml": (lambda t: _zip({"word/document.xml": b"<w:document><w:body>"}), "unreadable", "XML"),
    "xxe": (lambda t: _zip({"word/document.xml": _doc(b"<w:p><w:r><w:t>&x;</w:t></w:r></w:p>",
                                                      b'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>')}),
            "unreadable", "DTD"),
    "billion-laughs": (lambda t: _zip({"word/document.xml": _doc(b"<w:p><w:r><w:t>&i;</w:t></w:r></w:p>", _LAUGHS)}),
                       "unreadable", "DTD"),
    "lying-sizes": (lambda t: _lying_bomb(), "unreadable", "损坏"),
    "pictures-only": (lambda t: _zip({"word/document.xml": _doc(b"<w:p><w:r><w:drawing/></w:r></w:p>")}),
                      "unreadable", "扫描件"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_ends_in_one_clear_diagnostic(tmp_path, name):
    make, kind, words = HOSTILE[name]
    path = tmp_path / f"{name}.docx"
    path.write_bytes(make(tmp_path))
    start = time.perf_counter()
    document = read_document(path)
    report = read(path)
    assert time.perf_counter() - start < 5
    assert document.blocks == [] and [d.kind for d in document.diagnostics] == [kind]
    assert words in document.diagnostics[0].message, document.diagnostics[0].message
    assert document.diagnostics[0].message_en
    assert report.diagnostics[0].kind == kind and "root:" not in report.text
    findings = lint(report)
    assert findings and findings[0].severity == "error" and findings[0].code.startswith("RDR-")


@pytest.mark.parametrize("limit, value", [("MAX_ENTRIES", 5), ("MAX_TOTAL_BYTES", 10_000)])
def test_archive_limits(tmp_path, monkeypatch, limit, value):
    from govinfo_lint.readers.docx import package as docx_package

    monkeypatch.setattr(docx_package, limit, value)
    files = {f"word/media/{k}.bin": b"0" * 5000 for k in range(6)}
    files["word/document.xml"] = _doc(p("正文").encode())
    path = tmp_path / "many.docx"
    path.write_bytes(_zip(files))
    (diagnostic,) = read_document(path).diagnostics
    assert diagnostic.kind == "unreadable" and "上限" in diagnostic.message


def test_centred_lines_too_long_together_are_not_a_title(tmp_path):
    """The shared title finder caps the joined title as HTML did: the core property is used."""
    core = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>某县2024年政府信息公开工作年度报告</dc:title>'
            '</cp:coreProperties>')
    centre = "<w:pPr><w:jc w:val=\"center\"/></w:pPr>"
    body = p("某" * 50, centre) + p("某" * 30 + "工作年度报告", centre) + p("正文")
    assert read_body(tmp_path, body, {"docProps/core.xml": core}).title == "某县2024年政府信息公开工作年度报告"
