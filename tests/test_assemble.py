"""build_report on small hand-built Documents: sections, metadata, tables mapped by label."""

from __future__ import annotations

from decimal import Decimal

from govinfo_lint import template
from govinfo_lint.model import Location
from govinfo_lint.readers.mapping.assemble import build_report
from govinfo_lint.readers.document import Document, GridCell, Paragraph, TableGrid

_tables = [0]


def grid(*rows: list[str], flattened: bool = False) -> TableGrid:
    """A grid from rows of texts; ``<`` repeats the cell to the left (colspan), ``^`` the one above."""
    _tables[0] += 1
    out: list[list[GridCell]] = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, text in enumerate(row, start=1):
            loc = Location(table=_tables[0], row=r, cell=c)
            if text == "<":
                cells.append(GridCell(cells[-1].text, loc, origin=False))
            elif text == "^":
                cells.append(GridCell(out[-1][c - 1].text, loc, origin=False))
            else:
                cells.append(GridCell(text, loc))
        out.append(cells)
    return TableGrid(rows=out, loc=Location(table=_tables[0]), flattened=flattened)


def doc(*blocks) -> Document:
    items = []
    for n, block in enumerate(blocks, start=1):
        items.append(Paragraph(block, Location(paragraph=n)) if isinstance(block, str) else block)
    return Document(source="t.docx", kind="docx", blocks=items)


def values(table, rid):
    return [c.value for c in table.rows[rid].cells.values()]


REQ_HEADER = [
    ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "<", "<", "申请人情况", "<", "<", "<", "<", "<", "<"],
    ["^", "^", "^", "自然人", "法人或其他组织", "<", "<", "<", "<", "总计"],
    ["^", "^", "^", "^", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "^"],
]


def req_row(top: str, group: str, leaf: str, *nums) -> list[str]:
    return [top, group, leaf] + [str(n) for n in nums]


def requests_2021(sixth_split: bool = True, typo: bool = False) -> list[list[str]]:
    r = "三、本年度办理结果"
    rows = [
        req_row("一、本年新收政府信息公开申请数量", "<", "<", 5, 1, 0, 0, 0, 0, 6),
        req_row("二、上年结转政府信息公开申请数量", "<", "<", 1, 0, 0, 0, 0, 0, 1),
        req_row(r, "（一）予以公开", "<", 2, 1, 0, 0, 0, 0, 3),
        req_row("^", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "<", 1, 0, 0, 0, 0, 0, 1),
        req_row("^", "（三）不予公开", "1.属于国家秘密", 0, 0, 0, 0, 0, 0, 0),
        req_row("^", "^", "2.其他法律行政止公开" if typo else "2.其他法律行政法规禁止公开", 1, 0, 0, 0, 0, 0, 1),
    ]
    for label in ("3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息",
                  "7.属于行政执法案卷", "8.属于行政查询事项"):
        rows.append(req_row("^", "^", label, *[0] * 7))
    for group, labels in (("（四）无法提供", ("1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确")),
                          ("（五）不予处理", ("1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
                                         "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息"))):
        for k, label in enumerate(labels):
            rows.append(req_row("^", group if k == 0 else "^", label, *[0] * 7))
    if sixth_split:
        rows += [req_row("^", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", *[0] * 7),
                 req_row("^", "^", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", *[0] * 7),
                 req_row("^", "^", "3.其他", 1, 0, 0, 0, 0, 0, 1)]
    else:
        rows.append(req_row("^", "（六）其他处理", "<", 1, 0, 0, 0, 0, 0, 1))
    rows += [req_row("^", "（七）总计", "<", 5, 1, 0, 0, 0, 0, 6),
             req_row("四、结转下年度继续办理", "<", "<", 1, 0, 0, 0, 0, 0, 1)]
    return REQ_HEADER + rows


PROACTIVE_2021 = [
    ["第二十条第（一）项", "<", "<", "<"],
    ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    ["规章", "0", "0", "0"],
    ["行政规范性文件", "3", "1", "20"],
    ["第二十条第（五）项", "<", "<", "<"],
    ["信息内容", "本年处理决定数量", "<", "<"],
    ["行政许可", "12", "<", "<"],
    ["第二十条第（六）项", "<", "<", "<"],
    ["信息内容", "本年处理决定数量", "<", "<"],
    ["行政处罚", "7", "<", "<"],
    ["行政强制", "0", "<", "<"],
    ["第二十条第（八）项", "<", "<", "<"],
    ["信息内容", "本年收费金额（单位：万元）", "<", "<"],
    ["行政事业性收费", "12.5", "<", "<"],
]

REVIEW = [
    ["行政复议", "<", "<", "<", "<", "行政诉讼", "<", "<", "<", "<", "<", "<", "<", "<", "<"],
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "<", "<", "<", "<", "复议后起诉", "<", "<", "<", "<"],
    ["^", "^", "^", "^", "^"] + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
    ["1", "0", "2", "0", "3", "4", "0", "0", "1", "5", "0", "0", "0", "0", "0"],
]


def report_2021(**kw):
    return build_report(doc(
        "某县人民政府2023年政府信息",
        "公开工作年度报告",
        "根据《中华人民共和国政府信息公开条例》，现公布本报告。",
        "一、总体情况", "2023年，我县……。",
        "（一）主动公开政府信息情况", "全年主动公开信息100条。",
        "二、主动公开政府信息情况", grid(*kw.get("proactive", PROACTIVE_2021)),
        "三、收到和处理政府信息公开申请情况", *kw.get("requests", [grid(*requests_2021())]),
        "四、政府信息公开行政复议、行政诉讼情况", grid(*kw.get("review", REVIEW)),
        "五、存在的主要问题及改进情况", "问题。",
        "六、其他需要报告的事项", "无。",
    ))


def test_title_split_over_two_lines_and_metadata():
    report = report_2021()
    assert report.title == "某县人民政府2023年政府信息公开工作年度报告"
    assert (report.agency, report.year, report.level, report.level_inferred) == ("某县人民政府", 2023, "county_government", True)
    assert report.meta_locs["title"].paragraph == 1 and report.meta_locs["agency"].paragraph == 1
    assert report.intro.startswith("根据")


def test_sections_headings_and_sub_headings():
    report = report_2021()
    assert [s.id for s in report.sections] == list(template.SECTION_IDS)
    overview = report.section("overview")
    assert "（一）主动公开政府信息情况" in overview.text  # a sub-heading, not section 二
    assert report.section("proactive").heading == "二、主动公开政府信息情况"
    assert report.section("proactive").number == "二、" and report.section("proactive").has_table
    assert report.section("problems").has_table is None and report.section("problems").text == "问题。"


def test_2021_tables_every_cell():
    report = report_2021()
    assert report.format == "2021" and "2021" in report.format_signals and "2019" not in report.format_signals
    proactive = report.tables["proactive"]
    assert values(proactive, "normative_documents") == [3, 1, 20]
    assert values(proactive, "licensing") == [12] and values(proactive, "penalty") == [7]
    assert proactive.rows["fees"].cells["amount"].value == Decimal("12.5")
    assert [b.id for b in proactive.blocks] == ["art20_1", "art20_5", "art20_6", "art20_8"]
    assert proactive.blocks[3].columns == {"amount": "本年收费金额（单位：万元）"}
    requests = report.tables["requests"]
    assert len(requests.rows) == 25 and list(requests.rows)[0] == "new_received"
    assert values(requests, "new_received") == [5, 1, 0, 0, 0, 0, 6]
    assert values(requests, "other_misc") == [1, 0, 0, 0, 0, 0, 1]
    assert requests.column_order == [c.id for c in template.REQUESTS_COLUMNS]
    assert requests.note.startswith("（本列数据的勾稽关系")
    assert requests.rows["denied_third_party"].group == "（三）不予公开"  # merged cell repeated
    assert requests.group_labels["（六）其他处理"] == "（六）其他处理"
    review = report.tables["review"]
    assert values(review, "reconsideration") == [1, 0, 2, 0, 3]
    assert values(review, "litigation_direct") == [4, 0, 0, 1, 5]
    assert review.rows["litigation_direct"].group == "行政诉讼"
    assert not [d for d in report.diagnostics if d.kind != "encoding"]


def test_cells_keep_their_grid_location():
    report = report_2021()
    cell = report.tables["requests"].cell("granted", "total")
    assert cell.raw == "3" and cell.loc.row == 6 and cell.loc.cell == 10


def test_review_columns_mapped_by_their_labels_not_position():
    swapped = [list(r) for r in REVIEW]
    # 复议后起诉 drawn before 未经复议直接起诉.
    swapped[1] = swapped[1][:5] + ["复议后起诉", "<", "<", "<", "<", "未经复议直接起诉", "<", "<", "<", "<"]
    report = report_2021(review=swapped)
    review = report.tables["review"]
    assert values(review, "litigation_after_reconsideration") == [4, 0, 0, 1, 5]
    assert values(review, "litigation_direct") == [0] * 5


def test_requests_columns_in_another_order():
    rows = [list(r) for r in requests_2021()]
    for r in rows:  # 自然人 and 总计 swapped
        r[3], r[9] = r[9], r[3]
    report = report_2021(requests=[grid(*rows)])
    requests = report.tables["requests"]
    assert requests.cell("new_received", "natural_person").value == 5
    assert requests.cell("new_received", "total").value == 6
    assert requests.column_order[0] == "total"


def test_table_split_over_two_grids():
    rows = expand(requests_2021())
    # A page break: the second grid has no header and repeats no merged cell from above.
    report = report_2021(requests=[grid(*rows[:12]), grid(*rows[12:])])
    requests = report.tables["requests"]
    assert len(requests.rows) == 25
    assert values(requests, "handled_total") == [5, 1, 0, 0, 0, 0, 6]
    assert requests.rows["unable_not_held"].group == "（四）无法提供"
    assert requests.rows["denied_query"].group == "（三）不予公开"


def expand(rows: list[list[str]]) -> list[list[str]]:
    """The texts the marks stand for (what a continuation grid would print again)."""
    out: list[list[str]] = []
    for row in rows:
        texts: list[str] = []
        for c, text in enumerate(row):
            texts.append(texts[-1] if text == "<" else out[-1][c] if text == "^" else text)
        out.append(texts)
    return out


def test_typo_label_is_mapped_and_kept_as_written():
    report = report_2021(requests=[grid(*requests_2021(typo=True))])
    row = report.tables["requests"].rows["denied_law_prohibited"]
    assert row.label == "2.其他法律行政止公开" and values(report.tables["requests"], "denied_law_prohibited")[0] == 1


def test_hybrid_single_sixth_row_in_a_2021_report():
    report = report_2021(requests=[grid(*requests_2021(sixth_split=False))])
    requests = report.tables["requests"]
    assert "other" in requests.rows and "other_misc" not in requests.rows
    assert report.format == "2021"  # table 二 decides
    assert report.format_signals["2019"] == ["/tables/requests/other"]


def test_2019_format_and_misspelt_caption():
    proactive = [
        ["第二是条第（一）项", "<", "<", "<", "<"],
        ["信息内容", "本年新制作数量", "本年新公开数量", "<", "对外公开总数量"],
        ["规章", "3", "3", "<", "3"],
        ["规范性文件", "61", "61", "<", "61"],
        ["第二十条第（五）项", "<", "<", "<", "<"],
        ["信息内容", "上一年项目数量", "本年增/减", "<", "处理决定数量"],
        ["行政许可", "396", "<", "-18", "181"],
        ["第二十条第（九）项", "<", "<", "<", "<"],
        ["信息内容", "采购项目数量", "<", "采购总金额", "<"],
        ["政府集中采购", "6", "<", "251000元", "<"],
    ]
    report = report_2021(proactive=proactive, requests=[grid(*requests_2021(sixth_split=False))])
    assert report.format == "2019"
    table = report.tables["proactive"]
    assert table.blocks[0].caption == "第二是条第（一）项"
    assert values(table, "normative_documents") == [61, 61, 61]
    assert values(table, "licensing") == [396, -18, 181]  # spans differ: values pair with labels in order
    assert table.rows["procurement"].cells["amount"].value == Decimal("251000")
    assert table.rows["procurement"].cells["amount"].unit == "元"


def test_detached_rows_placed_between_labelled_rows():
    rows = requests_2021()
    # A converter lost the labels of 2. and 3. under （三）: only their numbers remain.
    rows[8] = ["", "", ""] + rows[8][3:]
    rows[9] = ["", "", ""] + rows[9][3:]
    report = report_2021(requests=[grid(*rows)])
    requests = report.tables["requests"]
    assert values(requests, "denied_law_prohibited") == [1, 0, 0, 0, 0, 0, 1]
    assert requests.rows["denied_law_prohibited"].label is None
    (diag,) = [d for d in report.diagnostics if d.kind == "rows_by_position"]
    assert diag.evidence["rows"] == ["denied_law_prohibited", "denied_security_stability"]


def test_unplaceable_rows_are_reported_not_guessed():
    rows = requests_2021()
    rows[8] = ["", "", ""] + rows[8][3:]
    del rows[9]  # two rows missing, one number row left: the count does not fit
    report = report_2021(requests=[grid(*rows)])
    requests = report.tables["requests"]
    assert "denied_law_prohibited" not in requests.rows and len(requests.extra_rows) == 1
    assert [d.kind for d in report.diagnostics] == ["row_unmapped"]


def test_flattened_digits_split_by_row_sum():
    rows = [["一、本年新收政府信息公开申请数量", "200", "000121"], ["二、上年结转政府信息公开申请数量", "0000000"],
            ["（一）予以公开", "270020130"]]
    report = report_2021(requests=[grid(*rows, flattened=True)])
    requests = report.tables["requests"]
    assert values(requests, "new_received") == [20, 0, 0, 0, 0, 1, 21]
    assert values(requests, "carried_over") == [0] * 7
    assert values(requests, "granted") == [None] * 7
    assert requests.cell("granted", "total").raw == "270020130"
    kinds = [d.kind for d in report.diagnostics]
    assert kinds.count("cells_split") == 1 and kinds.count("cells_ambiguous") == 1
    ambiguous = next(d for d in report.diagnostics if d.kind == "cells_ambiguous")
    assert ambiguous.pointer == "/tables/requests/granted" and len(ambiguous.evidence["candidates"]) == 2


def test_a_run_that_cannot_be_split_says_why():
    rows = [["一、本年新收政府信息公开申请数量", "12"], ["（一）予以公开", "1 2 3 4 5", "6"]]
    report = report_2021(requests=[grid(*rows, flattened=True)])
    requests = report.tables["requests"]
    assert all(c.parse_error == "ambiguous_split" for c in requests.rows["new_received"].cells.values())
    said = {d.pointer: d for d in report.diagnostics if d.kind == "cells_ambiguous"}
    assert "只有 2 位数字，不够 7 列" in said["/tables/requests/new_received"].message
    assert "2 digits for 7 cells" in said["/tables/requests/new_received"].message_en
    # Cells with no column (PDF, DOCX) are shown apart; the 6 ran into no other number.
    assert said["/tables/requests/granted"].evidence["run"] == "1 2 3 4 5 6"


def test_run_together_digits_are_split_only_in_flattened_grids():
    report = report_2021(review=[["行政复议", "10203120001200000"]])
    assert "review" not in report.tables
    assert [d.pointer for d in report.diagnostics if d.kind == "table_not_found"] == ["/tables/review"]


def test_flattened_review_run_split_by_group_sums():
    g = grid(["行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计", "10203120001200000"], flattened=True)
    report = build_report(doc("四、政府信息公开行政复议、行政诉讼情况", g))
    review = report.tables["review"]
    assert values(review, "reconsideration") == [1, 0, 2, 0, 3]
    assert values(review, "litigation_direct") == [12, 0, 0, 0, 12]
    assert values(review, "litigation_after_reconsideration") == [0] * 5
    assert [d.kind for d in report.diagnostics] == ["cells_split"]


def test_mini_tables_named_by_headings_above_them():
    mini = lambda *nums: grid(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"], [str(n) for n in nums])
    report = build_report(doc("四、政府信息公开行政复议、行政诉讼情况",
                              "行政诉讼（复议后起诉）", mini(8, 0, 1, 1, 10),
                              "行政复议", mini(27, 10, 9, 15, 61),
                              "行政诉讼（未经复议直接起诉）", mini(3, 0, 0, 0, 3)))
    review = report.tables["review"]
    assert values(review, "reconsideration") == [27, 10, 9, 15, 61]
    assert values(review, "litigation_after_reconsideration") == [8, 0, 1, 1, 10]
    assert review.rows["litigation_direct"].label == "未经复议直接起诉"


def test_missing_table_is_a_diagnostic_naming_the_section():
    report = build_report(doc("某局2022年政府信息公开工作年度报告", "一、总体情况", "略。",
                              "三、收到和处理政府信息公开申请情况", "本年度未收到申请。"))
    (diag,) = [d for d in report.diagnostics if d.kind == "table_not_found"]
    assert diag.pointer == "/sections/requests" and "三、收到和处理政府信息公开申请情况" in diag.message


def test_local_outline_and_typo_heading():
    report = build_report(doc("2024年上海市某委政府信息公开工作年度报告", "一、总体情况", "略。", "二、工作机制保障", "略。",
                              "四、政府信息公开行政法复议、行政诉讼情况", "无。"))
    assert [(s.id, s.heading) for s in report.sections] == [
        ("overview", "一、总体情况"), (None, "二、工作机制保障"), ("review", "四、政府信息公开行政法复议、行政诉讼情况")]
    assert report.agency == "上海市某委" and report.level == "provincial_department"


def test_heading_number_on_its_own_line_and_other_numberings():
    report = build_report(doc("某镇人民政府2019年政府信息公开工作年度报告", "1、 总体情况", "略。", "2、", "主动公开政府信息情况",
                              "略。", "（三）收到和处理政府信息公开申请情况"))
    assert [s.heading for s in report.sections] == ["1、 总体情况", "2、主动公开政府信息情况"]
    assert report.sections[0].number == "1、" and report.level == "township"


def test_year_from_the_statistics_period_when_the_title_has_none():
    report = build_report(doc("某市统计局政府信息公开工作年度报告",
                              "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。", "一、总体情况"))
    assert report.year == 2024 and report.agency == "某市统计局"


def test_unreadable_cell_is_reported():
    rows = requests_2021()
    rows[5][4] = "l□"
    report = report_2021(requests=[grid(*rows)])
    (diag,) = [d for d in report.diagnostics if d.kind == "cell_unreadable"]
    assert diag.pointer == "/tables/requests/granted/commercial" and "l□" in diag.message
    assert report.tables["requests"].cell("granted", "commercial").value is None


def test_empty_document():
    report = build_report(Document(source="x.txt", kind="text"))
    assert report.sections == [] and report.tables == {} and report.title is None


def test_heading_wrapped_onto_a_second_line():
    report = build_report(doc("某县人民政府2020年政府信息公开工作年度报告", "一、总体情况", "略。",
                              "五、政府信息公开工作存在的主要问题", "及改进情况", "问题。", "六、其他需要报告的事项"))
    assert [(s.id, s.heading, s.text) for s in report.sections] == [
        ("overview", "一、总体情况", "略。"), ("problems", "五、政府信息公开工作存在的主要问题及改进情况", "问题。"),
        ("other", "六、其他需要报告的事项", "")]
    assert report.sections[1].loc.paragraph == 4


# --- any document at all: a report, never a traceback --------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = ["", "0", "12", "-3", "1,234", "7.5", "200 000121", "无", "/", "l□", "信息内容", "本年制发件数", "规章",
          "第二十条第（一）项", "第二是条第（五）项", "行政许可", "申请人情况", "自然人", "总计", "其他", "（三）不予公开",
          "1.属于国家秘密", "（六）其他处理", "3.其他", "（七）总计", "行政复议", "复议后起诉", "结果维持", "尚未审结",
          "一、本年新收政府信息公开申请数量", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
          "二、主动公开政府信息情况", "某县人民政府2021年政府信息公开工作年度报告", "（一）", "五、"]
_cell_text = st.sampled_from(_WORDS)
_grid = st.builds(
    lambda rows, flat: TableGrid(rows=[[GridCell(t, Location(row=r, cell=c), origin=(c % 3 != 2))
                                        for c, t in enumerate(row)] for r, row in enumerate(rows)], flattened=flat),
    st.lists(st.lists(_cell_text, max_size=16), max_size=8), st.booleans())
_block = st.one_of(st.builds(Paragraph, _cell_text), _grid)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_block, max_size=12))
def test_any_document_gives_a_report(blocks):
    report = build_report(Document(source="x", kind="docx", blocks=blocks))
    for _tid, _rid, _cid, cell in report.iter_cells():
        assert cell.value is None or cell.raw is not None
