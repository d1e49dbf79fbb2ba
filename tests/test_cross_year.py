"""The report against last year's (XYR) and how reports of one organ are paired."""

from __future__ import annotations

from govinfo_lint.api import load_rules
from govinfo_lint.checks.cross_year import comparable, problem_items, similarity
from govinfo_lint.engine.runner import lint_report
from govinfo_lint.model import Report
from govinfo_lint.run.pairing import agency_key, pair_reports, same_organ, split_places
from govinfo_lint.readers.structured import from_data
from govinfo_lint.samples import apply_patch, previous_sample, sample_report

XYR = load_rules(select=["XYR"])


def pair(this_patch=None, last_patch=None, fmt="2021", last_year=None):
    this = from_data(apply_patch(sample_report(fmt), this_patch or {}))
    last = from_data(apply_patch(previous_sample(fmt, last_year or this.year - 1), last_patch or {}))
    this.previous = last
    return this


def codes(report):
    return sorted((f.code, f.pointer) for f in lint_report(report, XYR))


def test_consistent_pair_is_clean_in_both_formats():
    assert codes(pair()) == []
    assert codes(pair(fmt="2019")) == []


def test_no_previous_or_not_the_year_before_is_silent():
    alone = from_data(sample_report("2021"))
    assert codes(alone) == []
    broken = {"/tables/requests/carried_forward/total": 9}
    # Not the year before: no cross-year figure is compared, and XYR-10 says why.
    assert codes(pair(last_patch=broken, last_year=2022)) == [("XYR-10", "/year")]
    assert codes(pair(last_patch=broken)) == [("XYR-01", "/tables/requests/carried_over/total")]


def test_previous_of_another_organ_is_not_compared_and_said():
    broken = {"/tables/requests/carried_forward/total": 9, "/agency": "示例县财政局"}
    found = codes(pair(last_patch=broken))
    assert found == [("XYR-10", "/year")]


def test_carry_over_across_the_format_change():
    # 平潭 2020 (2019 format) -> 2021 (2021 format): the carried rows exist in both.
    this = from_data(sample_report("2021", year=2021))
    last = from_data(previous_sample("2019", 2020))
    this.previous = last
    assert codes(this) == []
    last.tables["requests"].rows["carried_forward"].cells["total"].value = 5
    assert codes(this) == [("XYR-01", "/tables/requests/carried_over/total")]


def test_in_force_chain_evidence_names_both_years():
    report = pair({"/tables/proactive/normative_documents/in_force": 20})
    (finding,) = lint_report(report, load_rules(select=["XYR-02"]))
    assert finding.evidence["left"] == 20 and finding.evidence["right"] == 25
    assert finding.evidence["cells"] == {
        "/tables/proactive/normative_documents/in_force": 20,
        "previous:/tables/proactive/normative_documents/in_force": 23,
        "/tables/proactive/normative_documents/issued": 3,
        "/tables/proactive/normative_documents/repealed": 1,
    }


def test_blank_cell_is_left_to_other_rules():
    assert codes(pair(last_patch={"/tables/requests/carried_forward/total": None})) == []


def test_similarity_ignores_years_figures_and_punctuation():
    a = comparable("2023年，全区共收到申请81件，办结81件。")
    b = comparable("2024年, 全区共收到申请218件 办结218件")
    assert a == b and similarity(a, b) == 1.0
    assert similarity(comparable("一是加强培训"), comparable("政务新媒体管理")) < 0.3


def test_problem_items_ignore_order_and_measures():
    a = problem_items("存在的主要问题：一是解读形式单一；二是公开深度不够。改进措施：一是加强培训。")
    b = problem_items("存在的主要问题：一是公开深度不够；二是解读形式单一。下一步：一是丰富形式。")
    assert sorted(a) == sorted(b) and len(a) == 3


def test_format_going_back_is_an_error():
    this = from_data(sample_report("2019", year=2022))
    this.previous = from_data(previous_sample("2021", 2021))
    (finding,) = lint_report(this, load_rules(select=["XYR-09"]))
    assert finding.severity == "error" and finding.pointer == "/format"


# --- pairing ------------------------------------------------------------------------------------

def test_names_are_the_same_organ_only_when_places_nest():
    assert split_places("淮安市洪泽区人民政府") == (("淮安市", "洪泽区"), "人民政府")
    assert same_organ("淮安市洪泽区人民政府", "洪泽区人民政府")
    assert not same_organ("南京市鼓楼区人民政府", "福州市鼓楼区人民政府")
    assert not same_organ("淮安市人民政府", "淮安市人民政府办公室")
    assert not same_organ("沭阳县人民政府", "泗阳县人民政府")
    assert agency_key(" 示例县 (交通) 局 ") == "示例县（交通）局"
    assert agency_key("# 沭阳县人民政府") == "沭阳县人民政府"


def test_pairing_across_name_forms_and_never_guessing():
    hongze = [Report(agency="洪泽区人民政府", year=2023), Report(agency="淮安市洪泽区人民政府", year=2024)]
    pair_reports(hongze)
    assert hongze[1].previous is hongze[0] and hongze[0].previous is None

    two_gulou = [Report(agency="南京市鼓楼区人民政府", year=2023), Report(agency="福州市鼓楼区人民政府", year=2023),
                 Report(agency="鼓楼区人民政府", year=2024)]
    pair_reports(two_gulou)
    assert two_gulou[2].previous is None

    duplicates = [Report(agency="示例局", year=2023), Report(agency="示例局", year=2023), Report(agency="示例局", year=2024)]
    pair_reports(duplicates)
    assert duplicates[2].previous is None


def test_given_previous_is_kept():
    given = Report(agency="别的名字", year=2023)
    this = Report(agency="示例局", year=2024, previous=given)
    other = Report(agency="示例局", year=2023)
    pair_reports([this, other])
    assert this.previous is given


ALL = load_rules()


def as_data(findings):
    from govinfo_lint.run.workers import finding_to_data
    return [finding_to_data(f) for f in findings]


PAIRS = [
    ({}, {}, "2021"),
    ({}, {}, "2019"),
    ({}, {"/tables/requests/carried_forward/total": 9}, "2021"),
    ({}, {"/tables/requests/carried_forward/total": 9, "/agency": "示例县财政局"}, "2021"),
    # defects of this year's report alone beside a cross-year one: both halves have findings
    ({"/tables/requests/new_requests/total": 1, "/tables/proactive/normative_documents/in_force": 20},
     {"/tables/requests/carried_forward/total": 9}, "2021"),
]


def test_first_lint_and_previous_only_lint_make_the_full_lint():
    # A batch lints a file first without its predecessor and, once that is known, again with
    # only the rules that read it (run.batch._lint_with_previous); the two must add up to a
    # full lint, finding for finding and in the same order.
    from govinfo_lint.run.workers import merge_findings

    for this_patch, last_patch, fmt in PAIRS:
        report = pair(this_patch, last_patch, fmt)
        full = as_data(lint_report(report, ALL))
        more = as_data(lint_report(report, ALL, previous_only=True))
        last, report.previous = report.previous, None
        first = as_data(lint_report(report, ALL))
        report.previous = last
        assert merge_findings(first, more) == full, (this_patch, last_patch, fmt)
        assert all(d["code"].startswith("XYR") for d in more)
    assert any(lint_report(pair(*p[:2], p[2]), ALL, previous_only=True) for p in PAIRS)


def test_previous_only_lint_of_a_file_that_is_not_a_report_is_empty(tmp_path):
    # RDR-13 stands alone and the first lint has it: the second adds nothing, not XYR findings.
    from govinfo_lint.readers import read

    path = tmp_path / "LICENSE.txt"
    path.write_text("MIT License\n\nCopyright (c) 2025\n\nPermission is hereby granted.\n", encoding="utf-8")
    report = read(path)
    report.previous = from_data(previous_sample("2021", 2020))
    assert [f.code for f in lint_report(report, ALL)] == ["RDR-13"]
    assert lint_report(report, ALL, previous_only=True) == []
