"""The HTML reader on small pages: text, grids, places, encodings and hostile input.

Pages are hand-written (tests/fixtures/html) or generated here; the real corpus is
in test_corpus_html.py.
"""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import pytest

from govinfo_lint import template
from govinfo_lint.readers.document import Paragraph, TableGrid
from govinfo_lint.readers.html.read import read_document
from govinfo_lint.readers.html.grid import join_pieces

FIXTURES = Path(__file__).parent / "fixtures" / "html"
HAS_ASSEMBLER = importlib.util.find_spec("govinfo_lint.readers.mapping.assemble") is not None


def paragraphs(doc) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)]


def grids(doc) -> list[TableGrid]:
    return [b for b in doc.blocks if isinstance(b, TableGrid)]


def texts(grid: TableGrid) -> list[list[str]]:
    return [[c.text for c in row] for row in grid.rows]


def write(tmp_path: Path, body: str | bytes, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    return path


# --- a whole site page -------------------------------------------------------

def test_site_page_reads_only_the_report_container():
    doc = read_document(FIXTURES / "site_page.html")
    assert doc.kind == "html"
    assert paragraphs(doc) == [
        "某某县2021年", "政府信息公开工作年度报告", "本报告由某某县人民政府办公室编制。", "一、总体情况",
        "第一行", "第二行", "二、主动公开政府信息情况", "六、其他需要报告的事项", "无。",
    ]
    everything = " ".join(paragraphs(doc))
    for chrome in ("首页", "网站地图", "版权所有", "脚本文字", "隐藏文字", "请启用脚本", "编辑注释", "color"):
        assert chrome not in everything
    assert doc.diagnostics == []


def test_site_page_title_alignment_and_date():
    doc = read_document(FIXTURES / "site_page.html")
    first, second, third = doc.blocks[:3]
    assert first.align == "center" and second.align == "center" and third.align is None
    # The report's own centred title, not the page's <title> or meta.
    assert doc.title == "某某县2021年政府信息公开工作年度报告"
    # The meta date, not the footer's 发布日期.
    assert doc.published == "2022-01-28"


def test_site_page_grid_inside_layout_table():
    doc = read_document(FIXTURES / "site_page.html")
    (grid,) = grids(doc)
    assert texts(grid) == [
        ["第二十条第（一）项"] * 4,
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "0", "0", "12"],  # &nbsp; is whitespace; <span>1</span><span>2</span> is 12
        ["行政规范性文件", "20", "", "3"],  # <p>2</p><p>0</p> is 20; a blank stays blank
    ]  # the trailing all-&nbsp; row is dropped
    assert [c.origin for c in grid.rows[0]] == [True, False, False, False]
    assert grid.rows[0][3].col_span == 4
    assert grid.loc.table == 1


def test_locations_point_at_the_text_in_the_source():
    path = FIXTURES / "site_page.html"
    lines = path.read_text("utf-8").split("\n")
    doc = read_document(path)
    checked = 0
    for block in doc.blocks:
        items = [(block.text, block.loc)] if isinstance(block, Paragraph) else \
            [(c.text, c.loc) for row in block.rows for c in row if c.origin and c.text]
        for text, loc in items:
            assert lines[loc.line - 1][loc.column - 1:].startswith(text[:1]), (text, loc)
            checked += 1
    assert checked > 20
    (grid,) = grids(doc)
    cell = grid.rows[2][3]
    assert (cell.loc.table, cell.loc.row, cell.loc.cell) == (1, 3, 4)
    assert lines[cell.loc.line - 1][cell.loc.column - 1:].startswith("1</span>")


def test_fragment_without_html_or_head(tmp_path):
    page = ("<p style='text-align: center;font-weight: bold;'>2019年某某市人民政府办公厅政府信息公开工作年度报告</p>"
            "<p style='text-align: center'>发布日期：2020-01-31</p><p>一、总体情况</p><p>正文。</p>")
    doc = read_document(write(tmp_path, page))
    assert paragraphs(doc)[0] == "2019年某某市人民政府办公厅政府信息公开工作年度报告"
    assert doc.title == "2019年某某市人民政府办公厅政府信息公开工作年度报告"
    assert doc.published == "2020-01-31"
    assert doc.blocks[1].loc.line == 1 and doc.blocks[1].loc.column > 50


def test_line_breaks_between_chinese_characters_vanish_but_spaces_stay(tmp_path):
    doc = read_document(write(tmp_path, "<body><p>政府信息\n    公开 工作 Annual\n report</p></body>"))
    assert paragraphs(doc) == ["政府信息公开 工作 Annual report"]


# --- grids -------------------------------------------------------------------

def test_spans_are_expanded_into_a_rectangle(tmp_path):
    page = """<table>
<tr><td rowspan="2" colspan="2">A</td><td colspan="2">B</td></tr>
<tr><td>b1</td><td>b2</td></tr>
<tr><td rowspan="9">C</td><td>c</td><td>1</td><td>2</td></tr>
<tr><td>d</td><td>3</td></tr>
</table>"""
    (grid,) = grids(read_document(write(tmp_path, page)))
    assert texts(grid) == [["A", "A", "B", "B"], ["A", "A", "b1", "b2"], ["C", "c", "1", "2"], ["C", "d", "3", ""]]
    assert [c.origin for c in grid.rows[1]] == [False, False, True, True]
    a = grid.rows[1][1]
    assert (a.row_span, a.col_span, a.loc.row, a.loc.cell) == (2, 2, 2, 2)
    assert grid.rows[3][0].row_span == 2  # rowspan=9 is cut at the end of the table


def test_nested_layout_tables_give_the_inner_data_table(tmp_path):
    page = """<table><tr><td><table><tr><td>
<p>一、总体情况</p>
<table><tr><td>规章</td><td>1</td></tr><tr><td>行政规范性文件</td><td>2</td></tr></table>
</td></tr></table></td></tr></table>"""
    doc = read_document(write(tmp_path, page))
    assert paragraphs(doc) == ["一、总体情况"]
    (grid,) = grids(doc)
    assert texts(grid) == [["规章", "1"], ["行政规范性文件", "2"]]


@pytest.mark.parametrize("pieces, joined", [
    (["2", "0"], "20"),
    (["结", "果", "维", "持"], "结果维持"),
    (["结果维", "持"], "结果维持"),
    (["1", "036"], "1036"),
    (["（三）", "不予公开"], "（三）\n不予公开"),
    (["本年新", "制作数量"], "本年新\n制作数量"),
    (["22", "（其中修订16件）"], "22\n（其中修订16件）"),
    (["", "5"], "5"),
    ([], ""),
])
def test_join_pieces(pieces, joined):
    assert join_pieces(pieces) == joined


# --- encodings ---------------------------------------------------------------

def _page(charset_tag: str, body: str) -> str:
    return f"<html><head>{charset_tag}</head><body><p>一、总体情况</p><p>{body}</p></body></html>"


@pytest.mark.parametrize("declared", ["gbk", "gb2312", "GB18030"])
def test_gb_pages_declared_in_meta(tmp_path, declared):
    # 䶮 and 𠀀 are outside GB2312/GBK: real gb2312-labelled pages contain such characters.
    body = "平潭综合实验区 䶮 𠀀"
    data = _page(f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">', body).encode("gb18030")
    doc = read_document(write(tmp_path, data))
    assert paragraphs(doc)[1] == body
    assert doc.diagnostics == []


def test_undeclared_gbk_is_guessed_with_a_diagnostic(tmp_path):
    data = _page("", "政府信息公开工作年度报告，共受理申请21件。").encode("gbk")
    doc = read_document(write(tmp_path, data))
    assert paragraphs(doc)[1] == "政府信息公开工作年度报告，共受理申请21件。"
    assert [d.kind for d in doc.diagnostics] == ["encoding"]
    assert "GB18030" in doc.diagnostics[0].message


def test_wrong_declaration_falls_back(tmp_path):
    data = _page('<meta charset="utf-8">', "依申请公开").encode("gb18030")
    doc = read_document(write(tmp_path, data))
    assert paragraphs(doc)[1] == "依申请公开"
    assert doc.diagnostics[0].kind == "encoding" and "utf-8" in doc.diagnostics[0].message


@pytest.mark.parametrize("encoding, bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"),
                                            ("utf-16-be", b"\xfe\xff")])
def test_bom_wins(tmp_path, encoding, bom):
    data = bom + _page('<meta charset="gbk">', "主动公开").encode(encoding)
    doc = read_document(write(tmp_path, data))
    assert paragraphs(doc) == ["一、总体情况", "主动公开"]
    assert doc.diagnostics == []


def test_undecodable_bytes_are_reported_with_a_place(tmp_path):
    data = _page('<meta charset="utf-8">', "ok").encode("utf-8").replace(b"ok", b"ok\xff\xfe\xfd\x80")
    data = data.replace(b"<body>", b"<body>\n")
    doc = read_document(write(tmp_path, data))
    kinds = [d.kind for d in doc.diagnostics]
    assert "encoding" in kinds
    assert any(d.loc and d.loc.line == 2 for d in doc.diagnostics)


# --- hostile input -----------------------------------------------------------

def test_xxe_never_reads_a_local_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-TOKEN-4711")
    for target in (secret.as_uri(), "file:///etc/passwd"):
        page = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "{target}">]>'
                "<html><body><p>一、总体情况 &xxe;</p><table><tr><td>规章</td><td>&xxe;</td></tr>"
                "<tr><td>x</td><td>1</td></tr></table></body></html>")
        doc = read_document(write(tmp_path, page))
        dumped = repr(doc.blocks)
        assert "SECRET-TOKEN" not in dumped and "root:" not in dumped


def test_billion_laughs_is_not_expanded(tmp_path):
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    page = f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]><html><body><p>&lol9;</p></body></html>'
    start = time.perf_counter()
    doc = read_document(write(tmp_path, page))
    assert time.perf_counter() - start < 5
    assert sum(len(p) for p in paragraphs(doc)) < 10_000


def test_fifty_megabyte_page_ends_in_bounded_time(tmp_path):
    path = tmp_path / "big.html"
    with path.open("wb") as fh:
        fh.write(b"<html><body><p>" + b"x" * (50 * 1024 * 1024) + b"</p></body></html>")
    start = time.perf_counter()
    doc = read_document(path)
    assert time.perf_counter() - start < 20
    assert doc.diagnostics and doc.diagnostics[0].kind in ("unreadable", "too_large")


def test_millions_of_tags_are_refused_quickly(tmp_path):
    path = write(tmp_path, b"<html><body>" + b"<td>1</td>" * 2_000_000 + b"</body></html>")
    start = time.perf_counter()
    doc = read_document(path)
    assert time.perf_counter() - start < 5
    assert [d.kind for d in doc.diagnostics] == ["too_large"]


def test_huge_spans_do_not_exhaust_memory(tmp_path):
    page = ('<table><tr><td rowspan="99999999" colspan="99999999">x</td></tr>'
            + "<tr><td>1</td></tr>" * 5000 + "</table>")
    start = time.perf_counter()
    doc = read_document(write(tmp_path, page))
    assert time.perf_counter() - start < 10
    assert "too_large" in [d.kind for d in doc.diagnostics]


def test_binary_junk_named_html(tmp_path):
    doc = read_document(write(tmp_path, bytes(range(256)) * 4000, "junk.html"))
    assert doc.blocks == []
    assert [d.kind for d in doc.diagnostics] == ["unreadable"]


def test_high_bytes_without_controls_end_in_a_document(tmp_path):
    import random

    rng = random.Random(7)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(200_000))
    doc = read_document(write(tmp_path, data))
    assert doc.kind == "html"  # garbage text at worst, with an encoding diagnostic
    assert any(d.kind in ("encoding", "unreadable") for d in doc.diagnostics)


def test_deeply_nested_tags(tmp_path):
    page = "<html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000 + "</body></html>"
    start = time.perf_counter()
    doc = read_document(write(tmp_path, page))
    assert time.perf_counter() - start < 10
    assert doc.diagnostics  # the parser stops at its depth limit and says so


def test_empty_page(tmp_path):
    doc = read_document(write(tmp_path, b""))
    assert [d.kind for d in doc.diagnostics] == ["unreadable"]
    doc = read_document(write(tmp_path, "<html><body><script>load()</script></body></html>"))
    assert [d.kind for d in doc.diagnostics] == ["unreadable"]


# --- generated reports ---------------------------------------------------------

# Figures of corpus/pingtan-gov-zwgk-archive/html/2025 (INDEX.tsv), 2021 format.
FIG_2025 = {
    "proactive": {"regulations": [0, 0, 0], "normative_documents": [58, 45, 546], "licensing": [2418],
                  "penalty": [644], "compulsion": [64], "fees": ["4166.241619"]},
    "new_received": [151, 3, 0, 0, 0, 0, 154], "handled_total": [147, 1, 0, 0, 0, 0, 148],
    "carried_forward": [4, 2, 0, 0, 0, 0, 6],
    "review": [25, 3, 8, 0, 36, 3, 3, 0, 0, 6, 3, 0, 0, 0, 3],
}


def _split(value, split: bool) -> str:
    text = str(value)
    if split and len(text) > 1:  # as Word exports it: one span per run
        return "".join(f"<span>{ch}</span>" for ch in text)
    return text


def report_html(fig: dict, charset: str = "utf-8", split_numbers: bool = False) -> str:
    fmt = template.TABLES["2021"]
    rows2 = []
    for block in fmt["proactive"].blocks:
        rows2.append(f'<tr><td colspan="4">{block.caption}</td></tr>')
        heads = "".join(f"<td>{c.label}</td>" for c in block.columns)
        span = ' colspan="3"' if len(block.columns) == 1 else ""
        rows2.append(f"<tr><td>信息内容</td>{heads.replace('<td>', f'<td{span}>')}</tr>")
        for row in block.rows:
            cells = "".join(f"<td{span}>{_split(v, split_numbers)}</td>" for v in fig["proactive"][row.id])
            rows2.append(f"<tr><td>{row.label}</td>{cells}</tr>")
    requests = fmt["requests"]
    rows3 = [
        f'<tr><td colspan="3" rowspan="3">{template.REQUESTS_NOTE}</td><td colspan="7">申请人情况</td></tr>',
        '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>',
        "<tr>" + "".join(f"<td>{c.label}</td>" for c in template.REQUESTS_COLUMNS[1:6]) + "</tr>",
    ]
    result_rows = [r for r in requests.rows if r.top]
    for row in requests.rows:
        values = fig.get(row.id, [0] * 7)
        cells = "".join(f"<td>{_split(v, split_numbers)}</td>" for v in values)
        if not row.top:
            rows3.append(f'<tr><td colspan="3">{row.label}</td>{cells}</tr>')
            continue
        lead = f'<td rowspan="{len(result_rows)}">{row.top}</td>' if row is result_rows[0] else ""
        if row.group:
            members = [r for r in result_rows if r.group == row.group]
            if row is members[0]:
                lead += f'<td rowspan="{len(members)}">{row.group}</td>'
            rows3.append(f"<tr>{lead}<td>{row.label}</td>{cells}</tr>")
        else:
            rows3.append(f'<tr>{lead}<td colspan="2">{row.label}</td>{cells}</tr>')
    heads4 = "".join(f"<td>{c.label}</td>" for c in template.REVIEW_COLUMNS)
    rows4 = [
        '<tr><td colspan="5" rowspan="2">行政复议</td><td colspan="10">行政诉讼</td></tr>',
        '<tr><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>',
        f"<tr>{heads4 * 3}</tr>",
        "<tr>" + "".join(f"<td>{_split(v, split_numbers)}</td>" for v in fig["review"]) + "</tr>",
    ]
    return (f'<html><head><meta charset="{charset}"><title>平潭综合实验区2025年度政府信息公开工作年度报告</title></head>'
            '<body><div class="nav"><a>首页</a></div><div class="article">'
            '<p align="center">平潭综合实验区2025年度政府信息公开工作年度报告</p>'
            "<p>一、总体情况</p><p>2025年，全区共收到政府信息公开申请154件。</p>"
            f"<p>二、主动公开政府信息情况</p><table border=1>{''.join(rows2)}</table>"
            f"<p>三、收到和处理政府信息公开申请情况</p><table border=1>{''.join(rows3)}</table>"
            f"<p>四、政府信息公开行政复议、行政诉讼情况</p><table border=1>{''.join(rows4)}</table>"
            "<p>五、存在的主要问题及改进情况</p><p>无。</p><p>六、其他需要报告的事项</p><p>无。</p>"
            "</div></body></html>")


def _row(grid: TableGrid, label: str) -> list[str]:
    row = next(r for r in grid.rows if any(c.text == label for c in r))
    return [c.text for c in row if c.origin and c.text != label and c.text.replace(".", "").isdigit()]


@pytest.mark.parametrize("charset, encoding, split", [("gbk", "gb18030", False), ("gb2312", "gb18030", True),
                                                      ("utf-8", "utf-8", True)])
def test_generated_report_round_trips(tmp_path, charset, encoding, split):
    path = write(tmp_path, report_html(FIG_2025, charset, split).encode(encoding))
    doc = read_document(path)
    assert doc.diagnostics == []
    assert "首页" not in paragraphs(doc)
    proactive, requests, review = grids(doc)
    assert (len(proactive.rows), len(requests.rows), len(review.rows)) == (14, 28, 4)
    assert len(requests.rows[0]) == 10 and len(review.rows[0]) == 15
    assert _row(proactive, "行政规范性文件") == ["58", "45", "546"]
    assert _row(proactive, "行政事业性收费") == ["4166.241619"]
    assert _row(requests, "一、本年新收政府信息公开申请数量") == ["151", "3", "0", "0", "0", "0", "154"]
    assert _row(requests, "（七）总计") == ["147", "1", "0", "0", "0", "0", "148"]
    assert [c.text for c in review.rows[-1]] == [str(v) for v in FIG_2025["review"]]
    # header rows: 自然人 spans two header rows, the group label spans 21 rows
    assert requests.rows[2][3].text == "自然人" and not requests.rows[2][3].origin
    assert requests.rows[25][0].text == "三、本年度办理结果"


@pytest.mark.skipif(not HAS_ASSEMBLER, reason="readers/assemble.py not written yet")
def test_generated_report_through_read(tmp_path):
    from govinfo_lint.readers import read

    report = read(write(tmp_path, report_html(FIG_2025, "gbk", True).encode("gb18030")))
    assert report.input_kind == "html"
    assert report.year == 2025 and report.format == "2021"
    requests = report.tables["requests"]
    assert requests.cell("new_received", "natural_person").value == 151
    assert requests.cell("new_received", "total").value == 154
    assert requests.cell("carried_forward", "commercial").value == 2
    review = report.tables["review"]
    assert review.cell("reconsideration", "total").value == 36
    assert review.cell("litigation_direct", "upheld").value == 3
    assert str(report.tables["proactive"].cell("fees", "amount").value) == "4166.241619"


@pytest.mark.skipif(not HAS_ASSEMBLER, reason="readers/assemble.py not written yet")
def test_value_spanning_two_header_columns():
    """shanghai-office-2019 writes 上一年项目数量 | 本年增/减 (colspan=2) | 处理决定数量 over
    data cells 0 (colspan=2) | 0 | 0: three labels, three values, in order; the grid is
    faithful, so the pairing belongs to the assembler (all zeros there, so the corpus
    cannot show it)."""
    from govinfo_lint.readers import read

    report = read(FIXTURES / "misaligned_spans.html")
    licensing = report.tables["proactive"].rows["licensing"]
    assert {k: c.value for k, c in licensing.cells.items()} == {"previous_items": 396, "change": -18, "decisions": 181}


def test_centred_title_after_a_cover_and_not_ending_in_report(tmp_path):
    """The title finder shared with DOCX and PDF: a centred cover line before an uncentred
    one is skipped, and a title may go on after 报告 (it used to have to end there)."""
    centre = "style='text-align:center'"
    page = (f"<title>网站标题</title><p {centre}>某某县人民政府办公室</p><p>2022-01-28</p>"
            f"<p {centre}>某某县2021年政府信息公开</p><p {centre}>工作年度报告（全文）</p><p>一、总体情况</p>")
    assert read_document(write(tmp_path, page)).title == "某某县2021年政府信息公开工作年度报告（全文）"
    # A long centred line is a sentence that mentions a report, not a title.
    page = f"<title>某某县年度报告</title><p {centre}>{'本' * 60}报告。</p><p>一、总体情况</p>"
    assert read_document(write(tmp_path, page)).title == "某某县年度报告"
