"""Reading figures out of the narrative (XTX): tokens, scope, which quantity a number is."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govinfo_lint.api import load_rules
from govinfo_lint.checks.context import Context
from govinfo_lint.checks.narrative.mentions import alternatives, mentions
from govinfo_lint.checks.narrative.scan import clean, in_scope, tokens
from govinfo_lint.engine.runner import lint_report
from govinfo_lint.model import Report
from govinfo_lint.readers.structured import from_data
from govinfo_lint.samples import apply_patch, sample_report

XTX = load_rules(select=["XTX"])


def report_with(text: str, section: str = "overview", fmt: str = "2021", **patch) -> Report:
    data = apply_patch(sample_report(fmt), {f"/sections/{section}/text": text, **patch})
    return from_data(data)


def codes(report: Report) -> list[tuple[str, str]]:
    return sorted((f.code, f.pointer) for f in lint_report(report, XTX))


# --- tokens ---------------------------------------------------------------------------------

def test_tokens_keep_unit_bracket_depth_and_lead():
    toks = tokens(clean("市政府共受理政府信息公开申请 1295 件，办结 1191 件（含上年结转 189 件）"))
    assert [(t.value, t.unit, t.depth) for t in toks] == [(1295, "件", 0), (1191, "件", 0), (189, "件", 1)]
    assert toks[0].lead == "市政府共受理政府信息公开申请" and toks[2].lead == "含上年结转"


def test_years_dates_document_numbers_and_list_markers_are_not_figures():
    text = clean("根据国办公开办函〔2021〕30号，2024年1月1日至12月31日，1.加强领导；（2）完善制度")
    assert tokens(text) == []


def test_approximate_figures_are_marked():
    toks = tokens("主动公开各类政府信息5500余条，发布短视频近300个，粉丝超3170万")
    assert [t.approximate for t in toks] == [True, True, True]


def test_percent_after_count_is_attached():
    report = report_with("办结依申请公开19件，其中予以公开及部分公开10件（52.63%），不予公开2件，占10.53%。", "requests")
    shares = {m.quantity: m.percent.value for m in mentions(Context(report)) if m.percent}
    assert shares == {"granted_partial": Decimal("52.63"), "denied": Decimal("10.53")}


def test_pdf_line_breaks_inside_a_sentence_are_joined():
    text = clean("全市共受理政府信息公开申请 3119 件，答\n复 3050 件。\n（二）依申请公开")
    assert "答复3050件。\n（二）" in text


# --- scope ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("agency", "level", "sentence", "expected"), [
    ("示例县交通运输局", "county_department", "全县各级行政机关共受理政府信息公开申请386件", False),
    ("示例县人民政府", "county_government", "全县全年共受理政府信息公开申请749件", True),
    ("示例县人民政府", "county_government", "全省共受理政府信息公开申请9000件", False),
    ("淮安市人民政府", None, "全市共受理政府信息公开申请3119件", True),  # own region from the name
    ("宿迁市人民政府", "prefecture_government", "全市全年备案行政复议案件134件", False),
    ("淮安市洪泽区人民政府", "county_government", "区政府办代表区政府受理政府信息公开申请17件", False),
    ("平潭综合实验区", "other", "全区收到政府信息公开申请75件", True),
    ("示例管理委员会", None, "全区收到政府信息公开申请75件", False),
])
def test_scope(agency, level, sentence, expected):
    assert in_scope(Report(agency=agency, level=level), sentence) is expected


# --- which quantity -------------------------------------------------------------------------

def _quantities(text: str, section: str = "requests", **kw) -> list[tuple[str, int]]:
    report = report_with(text, section, **kw)
    return [(m.quantity, int(m.value)) for m in mentions(Context(report)) if m.sentence.section.id == section]


def test_specific_words_beat_generic_ones():
    got = _quantities("所有办结的信息公开申请中同意公开答复 8 件，不予公开答复 2 件，转下一年度办理答复的有 3 件。")
    assert got == [("granted", 8), ("denied", 2), ("carried_forward", 3)]


def test_words_after_the_figure_when_none_before():
    assert _quantities("答复19件（含上年度结转申请2件，另有3件顺延到下年度答复）。") == [
        ("handled_weak", 19), ("carried_over", 2), ("carried_forward", 3)]


def test_last_year_carried_in_this_years_report_is_carried_over():
    assert _quantities("2023年结转的2件申请已于年初办结，本年收到政府信息公开申请20件。") == [
        ("carried_over", 2), ("received", 20)]


def test_deltas_and_other_years_are_not_read():
    assert _quantities("本年收到政府信息公开申请20件，较上年增加5件。") == [("received", 20)]
    assert _quantities("2019年以来累计收到政府信息公开申请300件。") == []


def test_breakdowns_follow_the_last_subject():
    got = _quantities("行政复议4件，其中结果维持2件；行政诉讼3件，其中结果维持1件，尚未审结1件。", "review")
    assert got == [("reconsideration/total", 4), ("reconsideration/upheld", 2), ("litigation/total", 3),
                   ("litigation/upheld", 1), ("litigation/pending", 1)]


def test_request_words_need_an_application_sentence():
    # 沭阳 2025: 74 = 复议 + 诉讼 cases, in a sentence about 应诉 without 申请.
    assert _quantities("依法做好相关行政复议、行政诉讼案件的应诉工作，全县共办理相关案件 74 件。") == []
    assert _quantities("组织开展19期栏目，收到群众诉求348件，现场解决162件。") == []


def test_documents_need_both_kind_and_action():
    assert _quantities("集中公开现行有效行政规范性文件25件，公开规章2件，合法性审核规范性文件12件。", "overview") == [
        ("normative_documents/in_force", 25)]


def test_readings_accept_new_or_new_plus_carried():
    report = report_with("全年共受理政府信息公开申请22件。")
    (mention,) = mentions(Context(report))
    assert {label: int(v) for label, v, _ in alternatives(report, mention)} == {"new": 20, "new+carried": 22}


def test_single_2019_other_row_in_a_2021_report():
    data = sample_report("2021")
    rows = data["tables"]["requests"]
    for rid in ("other_no_correction", "other_fee_unpaid", "other_misc"):
        rows.pop(rid)
    rows["other"] = {"natural_person": 1, "total": 1}
    data["sections"][2]["text"] = "本年度办结申请19件，其中其他处理1件。"
    report = from_data(data)
    other = next(m for m in mentions(Context(report)) if m.quantity == "other_handling")
    assert [int(v) for _, v, _ in alternatives(report, other)] == [1]


# --- the rules end to end ---------------------------------------------------------------------

def test_consistent_narrative_raises_nothing():
    text = ("全年共受理政府信息公开申请22件，其中自然人申请15件，法人或其他组织申请7件；办结19件（含上年结转2件），"
            "结转下年度继续办理3件。其中，予以公开及部分公开10件（52.63%），不予公开2件（10.53%），无法提供4件（21.05%）。"
            "行政复议4件，其中结果维持2件；行政诉讼3件。")
    assert codes(report_with(text)) == []


def test_each_contradiction_is_reported_once_at_its_section():
    text = "本机关收到政府信息公开申请25件，办结21件，结转下年度继续办理5件。行政复议6件。"
    assert codes(report_with(text, "requests")) == [
        ("XTX-01", "/sections/requests"), ("XTX-02", "/sections/requests"),
        ("XTX-03", "/sections/requests"), ("XTX-04", "/sections/requests")]


def test_finding_carries_the_sentence_and_the_cells():
    report = report_with("本机关收到政府信息公开申请25件。")
    (finding,) = lint_report(report, load_rules(select=["XTX-01"]))
    assert finding.evidence["text_value"] == 25 and finding.evidence["table_value"] == 20
    assert finding.evidence["cells"] == {"/tables/requests/new_received/total": 20}
    assert "本机关收到政府信息公开申请25件" in finding.message


def test_blank_table_cell_means_no_comparison():
    report = report_with("本机关收到政府信息公开申请25件。", **{"/tables/requests/new_received/total": None})
    assert codes(report) == []


def test_parts_lists():
    partial = "通过部门网站当年发布政府信息393件，其中包括：行政规范性文件13件；规划计划文件2件。"
    short_of_complete = "共公布政府信息2599条(其中机构职能类信息25条，规划计划类信息28条，其他应主动公开政府信息856条)。"
    assert codes(report_with(partial)) == []
    assert codes(report_with(short_of_complete)) == [("XTX-11", "/sections/overview")]
    bad = "今年共发布380条财政资金信息，其中专项资金152条，预决算公开207条（政府预决算42条、部门预决算公开165条）、债券发行40条。"
    assert codes(report_with(bad)) == [("XTX-11", "/sections/overview")]


def test_other_counts_are_not_read_as_table_figures():
    assert _quantities("本年收到申请人补正材料12份，收到申请20件。") == [("received", 20)]
    # As the reconsideration organ it decides cases; table 四 counts cases against it.
    assert _quantities("本机关作为复议机关受理政府信息公开类行政复议申请15件。", "review") == []


# --- scope first: figures that count something else than the table cell (issue 12) --------

def _read_as(text: str, fmt: str = "2021") -> list[tuple[str, int]]:
    return [(m.quantity, int(m.value)) for m in mentions(Context(report_with(text, fmt=fmt)))]


@pytest.mark.parametrize("text", [
    # 平潭财政金融局 2020: counts of information by disclosure attribute
    "2020年制作、获取政府信息总数425条，其中主动公开政府信息148条，依申请公开信息数182条，不予公开信息数95条。",
    # 平潭经济发展局 2019
    "2019年共制作、获取政府信息437条，其中主动公开55条、依申请公开341条、不予公开41条，"
    "主动公开及依申请公开政府信息占比高达90.62%。",
    "全年主动公开政府信息120条，依申请公开政府信息15条，不予公开政府信息3件。",
])
@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_information_counted_by_disclosure_attribute_is_not_a_request_outcome(text, fmt):
    assert _read_as(text, fmt) == []
    assert codes(report_with(text, fmt=fmt)) == []


def test_yishenqing_gongkai_applications_are_still_read():
    # 依申请公开 as the name of the applications (counted in 件) is still a request figure
    assert ("handled", 19) in _read_as("办结依申请公开19件，其中予以公开8件。")
    assert ("denied", 2) in _read_as("本年度收到依申请公开申请20件，其中不予公开2件。")


def test_carried_from_last_year_written_jiezhuan_shangniandu():
    text = "结转上年度政府信息公开申请2件，因申请人逾期未补正，已终止办理。"
    assert _read_as(text) == [("carried_over", 2)]
    assert codes(report_with(text)) == []  # the sample's 上年结转 is 2
    wrong = report_with(text, **{"/tables/requests/carried_over/total": 0, "/tables/requests/new_received/total": 22})
    (finding,) = [f for f in lint_report(wrong, XTX) if f.code == "XTX-03"]
    assert finding.evidence["cells"] == {"/tables/requests/carried_over/total": 0}


@pytest.mark.parametrize("text", [
    "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等6个部分组成。",
    "收到政府信息公开申请后，在15个工作日内答复。",
    "受理政府信息公开申请的渠道有3个方面。",
])
def test_figures_of_other_nouns_are_not_cases(text):
    assert _read_as(text) == []


def test_review_cases_after_a_filing_sentence_are_not_compared():
    text = ("四是落实依申请公开案件备案。严格落实案件备案要求，按月完成备案管理。"
            "全市全年依申请公开领域行政复议案件134件，行政诉讼案件57件。")
    report = report_with(text, agency="宿迁市人民政府", level="prefecture_government")
    assert [m for m in mentions(Context(report)) if m.family == "review"] == []
    assert codes(report) == []
    # the same figures without the filing context are compared (and here contradict 表四)
    plain = report_with("全年发生政府信息公开行政复议案件134件。")
    assert ("XTX-04", "/sections/overview") in codes(plain)


def test_parts_of_a_disclosure_attribute_partition_must_add_up():
    bad = "2021年制作、获取政府信息总数510条，其中主动公开政府信息198条，依申请公开信息数142条，不予公开信息数137条。"
    (finding,) = [f for f in lint_report(report_with(bad, fmt="2019"), XTX) if f.code == "XTX-11"]
    assert finding.evidence["total"] == 510 and finding.evidence["sum"] == 477
    good = bad.replace("510", "477")
    assert codes(report_with(good, fmt="2019")) == []
    # a list that names no complete partition may leave things out
    partial = "全年主动公开政府信息510条，其中政策文件198条，工作动态142条，人事信息137条。"
    assert codes(report_with(partial)) == []


def test_share_of_attributes_is_not_a_request_percentage():
    text = "总数425条，其中主动公开148条，依申请公开信息数182条，不予公开信息数95条，主动公开率34.82%。"
    assert [f.code for f in lint_report(report_with(text, fmt="2019"), XTX) if f.code == "XTX-06"] == []


@pytest.mark.parametrize("text", [
    "本年度通过政府网站收到政府信息公开申请12件。",  # one channel's share
    "本年收到信访事项申请30件。",  # applications of another kind
    "本机关作为复议机关受理行政复议申请5件，均已办结。",  # 复议 applications, not table 三's
    "2023年结转的行政复议案件均已审结。",  # another year's cases
])
def test_figures_and_claims_of_another_scope_are_not_compared(text):
    assert codes(report_with(text)) == []


@pytest.mark.parametrize(("text", "code"), [
    ("2024年行政复议案件均已审结。", "XTX-07"),
    ("本年度收到的政府信息公开申请均已办结。", "XTX-12"),
    ("本年度共收到政府信息公开申请25件。", "XTX-01"),
])
def test_claims_of_the_report_year_are_still_compared(text, code):
    assert (code, "/sections/overview") in codes(report_with(text))
