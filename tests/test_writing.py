"""Writing quality (CNT), the organ's name, required mentions (LVL) and deadlines (PUB)."""

from __future__ import annotations

import pytest

from govinfo_lint.api import load_rules
from govinfo_lint.checks.agency_names import leading_places
from govinfo_lint.checks.publication import parse_date
from govinfo_lint.engine.runner import lint_report
from govinfo_lint.readers.structured import from_data
from govinfo_lint.samples import apply_patch, sample_report


def lint(codes: list[str], fmt: str = "2021", source: str | None = None, **patch):
    report = from_data(apply_patch(sample_report(fmt), patch))
    if source:
        report.source = source
    return sorted((f.code, f.pointer) for f in lint_report(report, load_rules(select=codes)))


# --- CNT-02 enumeration ------------------------------------------------------------------------

def test_markdown_headings_count_in_the_list():
    # 沭阳 2025 (Markdown): "### 三是提高解读效能" between plain paragraphs.
    text = "一是拓宽主动公开渠道。\n二是提升公开质量。\n### 三是提高解读效能。\n#### 一是强化流程管控。\n二是深化沟通联动。"
    assert lint(["CNT-02"], **{"/sections/overview/text": text}) == []


def test_each_new_list_restarts():
    text = "（一）存在问题。一是培训不足；二是形式单一。（二）改进措施。一是加强培训；二是丰富形式；三是加强督查。"
    assert lint(["CNT-02"], **{"/sections/problems/text": text}) == []


def test_repeat_and_skip_are_found():
    assert lint(["CNT-02"], **{"/sections/problems/text": "一是甲；二是乙；二是丙。"}) == [("CNT-02", "/sections/problems")]
    assert lint(["CNT-02"], **{"/sections/problems/text": "一是甲；三是乙。"}) == [("CNT-02", "/sections/problems")]


def test_words_ending_in_a_numeral_are_not_ordinals():
    assert lint(["CNT-02"], **{"/sections/problems/text": "一是统一是非标准；二是加强管理。"}) == []


# --- CNT-05 repeated words --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "flagged"), [
    ("规范审核审核发布机制。", True),
    ("2023年上海市科技计划资金资金分配结果信息。", True),
    ("根据通知》要求，要求各部门细化工作方案。", False),
    ("按照“谁公开、谁审查，谁审查、谁负责”的要求。", False),
    ("结果 结果 其他 尚未 总计 维持 纠正", False),
    ("逐一核对，一件一件落实，常常督促。", False),
])
def test_repeated_words(text, flagged):
    assert bool(lint(["CNT-05"], **{"/sections/overview/text": text})) is flagged


# --- CNT-01 / CNT-03 ------------------------------------------------------------------------------

def test_boilerplate_needs_stock_phrases_and_nothing_specific():
    stock = "认识不足、重视不够，与需求还存在一定差距，更新不够及时，力度不够。"
    assert lint(["CNT-01"], **{"/sections/problems/text": stock}) == [("CNT-01", "/sections/problems")]
    specific = stock + "全年有2件申请答复超期。"
    assert lint(["CNT-01"], **{"/sections/problems/text": specific}) == []


def test_publicity_words_only_in_the_overview():
    text = "爆款内容52条，播放量破亿，粉丝增长。"
    assert lint(["CNT-03"], **{"/sections/overview/text": text}) == [("CNT-03", "/sections/overview")]
    assert lint(["CNT-03"], **{"/sections/other/text": text}) == []


# --- CNT-04 the organ's name ----------------------------------------------------------------------

def test_leading_places():
    assert leading_places("淮安市洪泽区人民政府") == ["淮安市", "洪泽区"]
    assert leading_places("# 沐阳县人民政府 2025 年 政府信息公开工作年度报告") == ["沐阳县"]
    assert leading_places("平潭综合实验区") == []


def test_misspelt_place_found_with_its_count():
    report = from_data(apply_patch(sample_report("2021"), {
        "/agency": "沐阳县人民政府", "/title": "沐阳县人民政府2024年政府信息公开工作年度报告",
        "/sections/other/text": "无。\n沐阳县人民政府\n2025年1月23日"}))
    (finding,) = lint_report(report, load_rules(select=["CNT-04"]))
    assert finding.evidence["written"] == "沐阳县" and finding.evidence["expected"] == "沭阳县"
    assert finding.evidence["occurrences"] == 2 and finding.severity == "warning"


def test_file_name_differing_by_a_lookalike():
    got = lint(["CNT-04"], source="/tmp/亳州市财政局2024年报告.yaml",
               **{"/agency": "毫州市财政局", "/title": "毫州市财政局2024年政府信息公开工作年度报告"})
    assert got == [("CNT-04", "/title")]


def test_real_places_one_character_apart_are_not_confused():
    assert lint(["CNT-04"], source="/tmp/泗阳县人民政府.yaml", **{
        "/agency": "沭阳县人民政府", "/title": "沭阳县人民政府2024年政府信息公开工作年度报告",
        "/sections/overview/text": "与泗阳县、泗洪县、沭阳县开展交流。"}) == []


# --- LVL ----------------------------------------------------------------------------------------------

def test_level_rules_are_silent_when_the_level_is_unknown():
    got = lint(["LVL-02", "LVL-03", "LVL-04"], **{"/agency": "示例管理委员会", "/level": None})
    assert got == []


def test_party_organ():
    assert lint(["LVL-05"], **{"/agency": "中共示例市委网络安全和信息化委员会办公室"}) == [("LVL-05", "/agency")]
    assert lint(["LVL-05"], **{"/agency": "示例市住房和城乡建设委员会"}) == []


# --- PUB ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "iso"), [
    ("2025-01-20", "2025-01-20"), ("2025年3月8日", "2025-03-08"), ("2024-03-08 15:34", "2024-03-08"),
    ("2025/2/30", None), ("", None), (None, None),
])
def test_parse_date(text, iso):
    got = parse_date(text)
    assert (got.isoformat() if got else None) == iso


def test_deadlines_by_level():
    assert lint(["PUB"], **{"/published": "2025-02-10"}) == [("PUB-01", "/published")]
    gov = {"/level": "county_government", "/agency": "示例县人民政府"}
    assert lint(["PUB"], **gov, **{"/published": "2025-02-10"}) == []
    assert lint(["PUB"], **gov, **{"/published": "2025-02-21"}) == [("PUB-02", "/published")]
    assert lint(["PUB"], **{"/level": "other", "/published": "2025-06-01"}) == []
