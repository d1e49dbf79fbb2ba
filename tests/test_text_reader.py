"""The text and Markdown readers: encodings, places, and the table forms they rebuild."""

from __future__ import annotations

import pytest

from govinfo_lint.readers import read
from govinfo_lint.readers.document import Paragraph, TableGrid
from govinfo_lint.readers.text.markdown import read_document as read_markdown
from govinfo_lint.readers.text.read import read_document as read_text


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _paragraphs(doc):
    return [b for b in doc.blocks if isinstance(b, Paragraph)]


def _grids(doc):
    return [b for b in doc.blocks if isinstance(b, TableGrid)]


def test_paragraphs_know_their_line_and_column(tmp_path):
    doc = read_text(_write(tmp_path, "r.txt", "某局2022年政府信息公开工作年度报告\n\n  一、总体情况\n正文。\n"))
    assert [(p.text, p.loc.line, p.loc.column) for p in _paragraphs(doc)] == [
        ("某局2022年政府信息公开工作年度报告", 1, 1), ("一、总体情况", 3, 3), ("正文。", 4, 1)]
    assert doc.lines[2] == "  一、总体情况" and doc.diagnostics == []


def test_gb18030_is_decoded_with_a_note(tmp_path):
    doc = read_text(_write(tmp_path, "r.txt", "某镇人民政府2020年政府信息公开工作年度报告\n一、总体情况\n", "gb18030"))
    assert _paragraphs(doc)[0].text.startswith("某镇人民政府")
    assert [d.kind for d in doc.diagnostics] == ["encoding"]


def test_binary_content_is_unreadable_not_a_traceback(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(b"\x00\x01\x02binary" * 100)
    with pytest.raises(ValueError):
        read_text(path)
    report = read(path)
    assert [d.kind for d in report.diagnostics] == ["unreadable"]


def test_empty_file(tmp_path):
    report = read(_write(tmp_path, "r.txt", ""))
    assert report.sections == [] and report.tables == {}


def test_tab_dump_cells_start_where_their_text_is(tmp_path):
    text = "二、主动公开政府信息情况\n\t第二十条第（一）项\n\n\t信息内容\n\t本年制发件数\n\t本年废止件数\n\t现行有效件数\n\n" \
           "\t规章\n\t1\n\t0\n\t11\n\n三、收到和处理政府信息公开申请情况\n"
    doc = read_text(_write(tmp_path, "r.txt", text))
    (grid,) = _grids(doc)
    assert [[c.text for c in row] for row in grid.rows] == [
        ["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "1", "0", "11"]]
    assert (grid.rows[2][3].loc.line, grid.rows[2][3].loc.column) == (12, 2)
    report = read(tmp_path / "r.txt")
    assert [c.value for c in report.tables["proactive"].rows["regulations"].cells.values()] == [1, 0, 11]


def test_a_cell_whose_first_line_is_empty_starts_where_its_text_does(tmp_path):
    # Word's text dump writes a cell's tab on a line of its own when the cell's text was
    # pushed down (the note of table 三 in the seed): the text is the place to point at.
    text = "三、收到和处理政府信息公开申请情况\n\t\n本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和\t\n" \
           "\t申请人情况\n\n四、政府信息公开行政复议、行政诉讼情况\n"
    doc = read_text(_write(tmp_path, "r.txt", text))
    (grid,) = _grids(doc)
    cell = grid.rows[0][0]
    assert cell.text.startswith("本列数据的勾稽关系为") and (cell.loc.line, cell.loc.column) == (3, 1)
    assert (grid.rows[0][1].loc.line, grid.rows[0][1].loc.column) == (4, 2)


def test_pipe_table_cells_columns(tmp_path):
    text = "| 信息内容 | 本年处理决定数量 |\n|---|---|\n| 行政许可 | 517645 |\n"
    doc = read_markdown(_write(tmp_path, "r.md", text))
    (grid,) = _grids(doc)
    cell = grid.rows[1][1]
    assert cell.text == "517645" and (cell.loc.line, cell.loc.column) == (3, 10)
    assert text.splitlines()[2][cell.loc.column - 1:].startswith("517645")


def test_markdown_headings_and_emphasis(tmp_path):
    doc = read_markdown(_write(tmp_path, "r.md", "# 某局2024年政府信息公开工作年度报告\n\n## 一、总体情况\n\n**加粗**的正文。\n"))
    assert [(p.text, p.loc.column) for p in _paragraphs(doc)] == [
        ("某局2024年政府信息公开工作年度报告", 3), ("一、总体情况", 4), ("加粗的正文。", 1)]


def test_markdown_style_text_file(tmp_path):
    # 沭阳's copy: a .txt with # headings and pipe tables.
    report = read(_write(tmp_path, "r.txt", "# 某县人民政府 2025 年 政府信息公开工作年度报告\n\n## 一、总体情况\n\n略。\n"))
    assert report.title == "某县人民政府 2025 年 政府信息公开工作年度报告" and report.agency == "某县人民政府"
    assert report.sections[0].heading == "一、总体情况" and report.sections[0].loc.column == 4


def test_page_footers_of_a_copied_pdf_are_dropped(tmp_path):
    doc = read_text(_write(tmp_path, "r.txt", "一、总体情况\n正文第一页\n— 3 —\n正文第二页\n"))
    assert [p.text for p in _paragraphs(doc)] == ["一、总体情况", "正文第一页", "正文第二页"]


ARCHIVE = """标题: 某区2021年度政府信息公开工作年度报告
发布时间: 2022-02-08 16:34
文号: 
栏目: 政府信息公开年报
==================== 正文 ====================
根据《条例》要求编制本报告。一、总体情况2021年，我区持续推进政务公开。二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件5845546第二十条第（五）项信息内容本年处理决定数量行政许可2418第二十条第（六）项信息内容本年处理决定数量行政处罚644行政强制64第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费4166.241619三、收到和处理政府信息公开申请情况本年度无。六、其他需要报告的事项无。
"""


def test_archive_header_and_inline_headings(tmp_path):
    path = _write(tmp_path, "page.txt", ARCHIVE)
    doc = read_text(path)
    assert doc.title == "某区2021年度政府信息公开工作年度报告" and doc.published == "2022-02-08"
    texts = [p.text for p in _paragraphs(doc)]
    assert "标题: 某区2021年度政府信息公开工作年度报告" not in texts
    assert "一、总体情况" in texts and "二、主动公开政府信息情况" in texts
    heading = next(p for p in _paragraphs(doc) if p.text == "一、总体情况")
    assert heading.loc.line == 6 and ARCHIVE.splitlines()[5][heading.loc.column - 1:].startswith("一、总体情况")
    report = read(path)
    assert (report.year, report.agency, report.published) == (2021, "某区", "2022-02-08")
    proactive = report.tables["proactive"]
    assert [c.value for c in proactive.rows["regulations"].cells.values()] == [0, 0, 0]
    assert proactive.rows["licensing"].cells["decisions"].value == 2418
    assert str(proactive.rows["fees"].cells["amount"].value) == "4166.241619"
    assert [c.value for c in proactive.rows["normative_documents"].cells.values()] == [None] * 3
    assert any(d.kind == "cells_ambiguous" and "5845546" in d.message for d in report.diagnostics)
    assert "第二十条" not in report.section("proactive").text  # the table is not prose


SECTION_LINES = """某市某局2024年政府信息公开工作年度报告
一、总体情况
全年收到申请 34 件，办结 33 件，
结转 1 件。
二、主动公开政府信息情况
第二十条第（五）项
信息内容本年处理决定数量
行政许可 97
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，
等于第三项加第四项之和）
一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119
（二）部分公开（区分处理的，只计这一情
形，不计其他情形） 447 7 0 0 0 0 454
四、政府信息公开行政复议、行政诉讼情况
本机关本年度未发生行政复议、行政诉讼案件，各项数字均为零，具体情况如下表所示。
"""


def test_label_and_number_lines_in_a_table_section_become_a_grid(tmp_path):
    path = _write(tmp_path, "r.txt", SECTION_LINES)
    doc = read_text(path)
    grids = _grids(doc)
    assert [g.flattened for g in grids] == [True, True]
    assert [c.text for c in grids[0].rows[2]] == ["行政许可", "97"]
    assert grids[0].rows[2][1].loc.line == 8 and grids[0].rows[2][1].loc.column == 6
    texts = [p.text for p in _paragraphs(doc)]
    assert "全年收到申请 34 件，办结 33 件，" in texts  # prose with numbers outside a table section stays prose
    assert texts[-1].startswith("本机关本年度未发生")
    report = read(path)
    assert report.tables["proactive"].rows["licensing"].cells["decisions"].value == 97
    requests = report.tables["requests"]
    assert [c.value for c in requests.rows["new_received"].cells.values()] == [3001, 53, 0, 0, 61, 4, 3119]
    assert requests.rows["partially_granted"].label == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert [c.value for c in requests.rows["partially_granted"].cells.values()] == [447, 7, 0, 0, 0, 0, 454]
    assert requests.note.startswith("（本列数据的勾稽关系为")


def test_short_lines_without_numbers_stay_text(tmp_path):
    doc = read_text(_write(tmp_path, "r.txt", "四、政府信息公开行政复议、行政诉讼情况\n（一）主要问题\n"
                                              "市科委 2024 年根据本市机构改革工作安排，内设机构和职\n能发生较大调整。\n"))
    assert _grids(doc) == [] and len(_paragraphs(doc)) == 4
