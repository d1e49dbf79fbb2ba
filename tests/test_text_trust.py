"""Text dumps read as the page holds them: flattened table 四, digits one a cell, counting words.

Generated pages in the shapes real archive dumps have (cells joined by spaces or by
nothing, everything on one line): what is there is read, and the arithmetic rules, not
the reader, judge what disagrees.
"""

from __future__ import annotations

from govinfo_lint.api import lint, load_rules
from govinfo_lint.readers import read

RULES = load_rules()
REVIEW_WORDS = ("行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉 "
                + "结果维持 结果纠正 其他结果 尚未审结 总计 " * 2)
REQUEST_LABELS_2019 = [
    "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果", "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（三）不予公开", "1.属于国家秘密",
    "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息",
    "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项", "（四）无法提供", "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确", "（五）不予处理", "1.信访举报投诉类申请", "2.重复申请",
    "3.要求提供公开出版物", "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息", "（六）其他处理",
    "（七）总计", "四、结转下年度继续办理"]


def requests_2019(sep: str = " ", **runs: str) -> str:
    parts = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
             "申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他"]
    for label in REQUEST_LABELS_2019:
        parts.append(label)
        if not label.startswith(("三、本年度", "（三）", "（四）", "（五）")):
            parts.append(runs.get(label, sep.join("0" * 7)))
    return " ".join(parts)


def page_2019(tmp_path, review: str, requests: str | None = None, procurement: str = "0 0") -> object:
    """A 2020 report on the 2019 form flattened to one line, as the web archives keep it."""
    body = " ".join([
        "一、总体情况 2020年，本局推进政务公开，主动公开、依申请公开、政府信息管理、平台建设、监督保障均有落实。",
        "二、主动公开政府信息情况 第二十条第（一）项 信息内容 本年新制作数量 本年新公开数量 对外公开总数量 规章 0 0 0 "
        "规范性文件 6 4 11 第二十条第（五）项 信息内容 上一年项目数量 本年增/减 处理决定数量 行政许可 0 1 0 "
        "其他对外管理服务事项 0 0 0 第二十条第（六）项 信息内容 上一年项目数量 本年增/减 处理决定数量 行政处罚 0 0 0 "
        "行政强制 0 0 0 第二十条第（八）项 信息内容 上一年项目数量 本年增/减 行政事业性收费 0 0 "
        f"第二十条第（九）项 信息内容 采购项目数量 采购总金额 政府集中采购 {procurement}",
        "三、收到和处理政府信息公开申请情况", requests if requests is not None else requests_2019(),
        "四、政府信息公开行政复议、行政诉讼情况", review,
        "五、存在的主要问题及改进情况 存在问题是解读不足。下一步将改进措施。",
        "六、其他需要报告的事项 本年度未收取信息处理费。"])
    path = tmp_path / "page.txt"
    path.write_text("标题:某局2020年度政府信息公开工作年度报告\n发布时间:2021-01-20\n正文\n" + body + "\n",
                    encoding="utf-8")
    return path


def codes(path, severity: str | None = None) -> list[str]:
    return sorted(f.code for f in lint(path, RULES) if severity is None or f.severity == severity)


def test_review_header_words_then_zeros_separated_by_spaces(tmp_path):
    path = page_2019(tmp_path, REVIEW_WORDS + " ".join("0" * 15))
    report = read(path)
    review = report.tables["review"]
    assert [c.value for row in review.rows.values() for c in row.cells.values()] == [0] * 15
    assert not {"RDR-05", "SEC-07"} & set(codes(path))


def test_review_zeros_run_together_before_the_next_heading(tmp_path):
    # 000000000000000五、… : fifteen digits for fifteen cells, one a cell.
    path = page_2019(tmp_path, REVIEW_WORDS.replace(" ", "") + "0" * 15)
    report = read(path)
    assert [c.value for row in report.tables["review"].rows.values() for c in row.cells.values()] == [0] * 15
    assert not {"RDR-05", "RDR-09", "SEC-07"} & set(codes(path))


def test_review_with_real_figures_and_spaced_header(tmp_path):
    figures = "1 0 0 1 2 0 1 0 0 1 0 0 0 0 0"
    report = read(page_2019(tmp_path, REVIEW_WORDS + figures))
    assert [c.value for c in report.tables["review"].rows["reconsideration"].cells.values()] == [1, 0, 0, 1, 2]


def test_review_header_without_figures_is_present_and_unread(tmp_path):
    # The header is there, the figures are not: never 未找到表四, never blanks to be filled with 0.
    from govinfo_lint.model import READER_UNREAD

    path = page_2019(tmp_path, REVIEW_WORDS)
    cells = [c for row in read(path).tables["review"].rows.values() for c in row.cells.values()]
    assert len(cells) == 15 and all(c.value is None and c.parse_error in READER_UNREAD for c in cells)
    found = lint(path, RULES)
    assert not [f for f in found if f.code in ("RDR-05", "SEC-07", "VAL-02")]
    # RDR-06 says the cells are unread; the sums over them are "not assessable" notes (info) only.
    assert [(f.code, f.severity) for f in found if f.pointer == "/tables/review" and f.severity != "info"] == [
        ("RDR-06", "warning")]
    assert {f.severity for f in found if f.code.startswith("SUM")} <= {"info"}


def test_review_header_with_its_figures_on_the_next_line_is_not_doubled(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("某局2020年度政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n" + REVIEW_WORDS + "\n"
                    + " ".join(["1", "0", "0", "1", "2"] + ["0"] * 10) + "\n五、存在的主要问题及改进情况\n无。\n",
                    encoding="utf-8")
    report = read(path)
    assert [c.value for c in report.tables["review"].rows["reconsideration"].cells.values()] == [1, 0, 0, 1, 2]
    assert not [d for d in report.diagnostics if "只见表头" in d.message]


def test_seven_digits_for_seven_cells_are_read_one_a_cell_and_judged_by_the_sums(tmp_path):
    # 海坛 2021: （七）总计 1000000 while every result row is 0: the rules report it, the reader does not refuse it.
    path = page_2019(tmp_path, REVIEW_WORDS + "0" * 15, requests_2019("", **{"（七）总计": "1000000"}))
    report = read(path)
    total = report.tables["requests"].rows["handled_total"].cells
    assert [c.value for c in total.values()] == [1, 0, 0, 0, 0, 0, 0]
    found = codes(path, "error")
    assert {"SUM-02", "SUM-03"} <= set(found)
    assert "RDR-09" not in codes(path)


def test_several_splits_are_still_refused(tmp_path):
    # 11 digits for 7 cells where the row's total does not settle it: unread, never guessed.
    path = page_2019(tmp_path, REVIEW_WORDS + "0" * 15, requests_2019("", **{"一、本年新收政府信息公开申请数量": "10000000011"}))
    cells = read(path).tables["requests"].rows["new_received"].cells
    assert all(c.value is None for c in cells.values())
    assert "RDR-09" in codes(path)


def test_counting_words_beside_the_figures(tmp_path):
    # 政府集中采购 2笔 984361元: 采购项目数量 2, 采购总金额 984361 (2019 form).
    path = page_2019(tmp_path, REVIEW_WORDS + "0" * 15, procurement="2笔 984361元")
    cells = list(read(path).tables["proactive"].rows["procurement"].cells.values())
    assert [c.value for c in cells] == [2, 984361]
    assert [c.raw for c in cells] == ["2笔", "984361元"]
    assert "RDR-09" not in codes(path)


def page_2021(tmp_path, proactive: str) -> object:
    """A 2022 report on the 2021 form, flattened with no space between cells (金井 2022, 公安 2021)."""
    labels = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果", "（一）予以公开",
              "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（三）不予公开", "1.属于国家秘密",
              "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息",
              "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项", "（四）无法提供",
              "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确", "（五）不予处理",
              "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
              "5.要求行政机关确认或重新出具已获取信息", "（六）其他处理",
              "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
              "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他", "（七）总计",
              "四、结转下年度继续办理"]
    requests = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计" \
        "商业企业科研机构社会公益组织法律服务机构其他" + "".join(
            label + ("" if label.startswith(("三、本年度", "（三）", "（四）", "（五）")) or label == "（六）其他处理"
                     else "0000000") for label in labels)
    body = " ".join([
        "一、总体情况 2022年，本局推进政务公开，主动公开、依申请公开、政府信息管理、平台建设、监督保障均有落实。",
        "二、主动公开政府信息情况" + proactive, "三、收到和处理政府信息公开申请情况" + requests,
        "四、政府信息公开行政复议、行政诉讼情况" + REVIEW_WORDS.replace(" ", "") + "0" * 15,
        "五、存在的主要问题及改进情况 存在问题是解读不足。下一步将改进措施。",
        "六、其他需要报告的事项 本年度未收取信息处理费。"])
    path = tmp_path / "page.txt"
    path.write_text("标题:某局2022年度政府信息公开工作年度报告\n发布时间:2023-01-20\n正文\n" + body + "\n", encoding="utf-8")
    return path


PROACTIVE_2021 = ("第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 规章000{normative}107"
                  "第二十条第（五）项信息内容本年处理决定数量行政许可0{extra}第二十条第（六）项信息内容本年处理决定数量"
                  "行政处罚0行政强制0第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费0")


def test_other_format_row_label_is_a_label_finding_and_the_rows_after_it_are_read(tmp_path):
    # 金井 2022: 规范性文件 where the 2021 form says 行政规范性文件; the table goes on after it.
    path = page_2021(tmp_path, PROACTIVE_2021.format(normative="规范性文件", extra=""))
    table = read(path).tables["proactive"]
    assert table.rows["normative_documents"].label == "规范性文件"
    assert [c.value for c in table.rows["normative_documents"].cells.values()] == [1, 0, 7]
    assert {"licensing", "penalty", "compulsion", "fees"} <= set(table.rows)
    found = lint(path, RULES)
    assert "TBL-13" not in {f.code for f in found}
    assert [f.code for f in found if "规范性文件" in f.message and f.code.startswith("LBL")] == ["LBL-02"]


def test_a_row_the_format_lacks_is_kept_and_does_not_stop_the_table(tmp_path):
    path = page_2021(tmp_path, PROACTIVE_2021.format(normative="行政规范性文件", extra="其他对外管理服务事项3"))
    report = read(path)
    table = report.tables["proactive"]
    assert {"penalty", "compulsion", "fees"} <= set(table.rows)
    assert [r.label for r in table.extra_rows] == ["其他对外管理服务事项"] or "other_services" in table.rows
    assert "TBL-13" not in codes(path)


def test_table_2_column_header_kept_as_written_for_the_label_rules(tmp_path):
    # 公安 2021: 本年废纸件数 for 本年废止件数, header words run together with no space.
    proactive = PROACTIVE_2021.format(normative="行政规范性文件", extra="").replace(
        " 信息内容 本年制发件数 本年废止件数 现行有效件数 ", "信息内容本年制发件数本年废纸件数现行有效件数")
    path = page_2021(tmp_path, proactive)
    block = next(b for b in read(path).tables["proactive"].blocks if b.id == "art20_1")
    assert block.columns["repealed"] == "本年废纸件数"
    hits = [f for f in lint(path, RULES) if "本年废纸件数" in f.message]
    assert [(f.code, f.severity) for f in hits] == [("LBL-04", "warning")]
    text = path.read_text(encoding="utf-8")
    assert hits[0].location.column == text.splitlines()[3].index("本年废纸件数") + 1


def test_qita_in_the_table_3_column_group_is_found_like_in_a_row_label(tmp_path):
    requests = requests_2019().replace("法人或其他组织", "法人或其它组织")
    path = page_2019(tmp_path, REVIEW_WORDS + "0" * 15, requests)
    assert read(path).tables["requests"].column_labels["legal_entities"] == "法人或其它组织"
    hits = [(f.code, f.severity, f.pointer) for f in lint(path, RULES) if "法人或其它组织" in f.message]
    assert hits == [("LBL-01", "warning", "/labels/requests/columns/legal_entities")]
    clean = page_2019(tmp_path, REVIEW_WORDS + "0" * 15)
    assert not [f for f in lint(clean, RULES) if f.pointer.endswith("legal_entities")]


def test_qita_in_an_html_table_3_header(tmp_path):
    from govinfo_lint.readers import read as read_any

    head = ("<tr><td rowspan=3 colspan=3>申请人情况</td><td rowspan=2>自然人</td><td colspan=5>法人或其它组织</td>"
            "<td rowspan=2>总计</td></tr>"
            "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>")
    body = "".join(f"<tr><td colspan=3>{label}</td>" + "<td>0</td>" * 7 + "</tr>"
                   for label in REQUEST_LABELS_2019 if not label.startswith(("三、本年度", "（三）", "（四）", "（五）")))
    path = tmp_path / "report.html"
    path.write_text("<html><body><p>某局2020年度政府信息公开工作年度报告</p><p>三、收到和处理政府信息公开申请情况</p>"
                    f"<table>{head}{body}</table></body></html>", encoding="utf-8")
    table = read_any(path).tables["requests"]
    assert table.column_labels.get("legal_entities") == "法人或其它组织"


def test_a_heading_worded_otherwise_right_after_table_figures_opens_its_section(tmp_path):
    # 金井 2022: …尚未审结总计000000000000000五、存在的主要问题及改进措施（一）存在问题…
    path = page_2021(tmp_path, PROACTIVE_2021.format(normative="行政规范性文件", extra=""))
    text = path.read_text(encoding="utf-8").replace(" 五、存在的主要问题及改进情况 ", "五、存在的主要问题及改进措施（一）")
    path.write_text(text, encoding="utf-8")
    report = read(path)
    problems = report.section("problems")
    assert problems is not None and problems.heading == "五、存在的主要问题及改进措施"
    assert problems.text.startswith("（一）存在问题")
    assert [c.value for row in report.tables["review"].rows.values() for c in row.cells.values()] == [0] * 15
    assert "SEC-01" not in codes(path)


def test_prose_numbering_is_not_taken_for_a_heading(tmp_path):
    path = page_2019(tmp_path, REVIEW_WORDS + "0" * 15)
    text = path.read_text(encoding="utf-8").replace("监督保障均有落实。", "监督保障均有落实。二、主动公开方面成效明显。")
    path.write_text(text, encoding="utf-8")
    assert [s.id for s in read(path).sections].count("proactive") == 1


def test_table_3_row_worded_otherwise_is_kept_and_the_table_read_on(tmp_path):
    # One label the search does not find must not lose the whole of table 三 (RDR-05) or its row (TBL-06).
    requests = requests_2019("", **{"（七）总计": "0000000"}).replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开")
    requests = requests.replace("1.属于国家秘密 0000000", "1.属于国家秘密 1000001").replace(
        "一、本年新收政府信息公开申请数量 0000000", "一、本年新收政府信息公开申请数量 1000001").replace(
        "（七）总计 0000000", "（七）总计 1000001")
    path = page_2019(tmp_path, REVIEW_WORDS + "0" * 15, requests)
    table = read(path).tables["requests"]
    assert table.rows["denied_law_prohibited"].label == "2.其他法律行政止公开"
    assert [c.value for c in table.rows["denied_state_secret"].cells.values()] == [1, 0, 0, 0, 0, 0, 1]
    assert [c.value for c in table.rows["denied_security_stability"].cells.values()] == [0] * 7
    found = lint(path, RULES)
    assert not [f for f in found if f.code in ("RDR-05", "TBL-06", "SEC-07")]
    assert [f.code for f in found if "行政止公开" in f.message] == ["LBL-04"]


def test_qita_in_a_flattened_row_label_reaches_the_label_rule(tmp_path):
    requests = requests_2019().replace("2.其他法律行政法规禁止公开", "2.其它法律行政法规禁止公开")
    path = page_2019(tmp_path, REVIEW_WORDS + "0" * 15, requests)
    assert read(path).tables["requests"].rows["denied_law_prohibited"].label == "2.其它法律行政法规禁止公开"
    assert [f.code for f in lint(path, RULES) if "2.其它法律" in f.message] == ["LBL-01"]


def test_flattened_row_labels_are_kept_whole(tmp_path):
    labels = [r.label for r in read(page_2019(tmp_path, REVIEW_WORDS + "0" * 15)).tables["requests"].rows.values()]
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in labels and "（七）总计" in labels
    assert not [f for f in lint(page_2019(tmp_path, REVIEW_WORDS + "0" * 15), RULES) if f.code.startswith("LBL")]
