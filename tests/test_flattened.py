"""Tables flattened into running text: digits split by each row's own arithmetic."""

from __future__ import annotations

from govinfo_lint.model import Diagnostic
from govinfo_lint.readers.document import Paragraph
from govinfo_lint.readers.flattened import parse, splits


def test_review_digits_split_by_the_group_totals():
    # 平潭 2021 page.txt: the only split with 维持+纠正+其他+未结 = 总计 in each group.
    text = ("行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉"
            "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计10203120001200000五、存在")
    diagnostics: list[Diagnostic] = []
    (grid,) = parse(Paragraph(text), diagnostics)
    assert [c.text for c in grid.rows[-1]] == "1 0 2 0 3 12 0 0 0 12 0 0 0 0 0".split()
    assert [d.kind for d in diagnostics] == ["cells_split"]


def test_ambiguous_digits_are_not_guessed():
    diagnostics: list[Diagnostic] = []
    text = "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件5845546第二十条第（五）项"
    (grid,) = parse(Paragraph(text), diagnostics)
    normative = next(r for r in grid.rows if r[0].text == "行政规范性文件")
    assert [c.text for c in normative[1:]] == ["", "", ""]
    assert [c.text for c in next(r for r in grid.rows if r[0].text == "规章")[1:]] == ["0", "0", "0"]
    assert diagnostics[0].kind == "cells_ambiguous" and "5845546" in diagnostics[0].message


def test_splits_never_use_leading_zeros():
    assert splits("1005", 2) == ((100, 5),)
    assert (1, 0, 0, 5) in splits("1005", 4)


def test_real_flattened_report_keeps_its_defect(shared_dir):
    from govinfo_lint.api import lint

    path = shared_dir / "corpus/pingtan-gov-zwgk-archive/202103_80595_平潭综合实验区2020年度政府信息公开工作年度报告/page.txt"
    errors = {(f.code, f.pointer) for f in lint(path) if f.severity == "error"}
    assert ("SUM-02", "/tables/requests/handled_total/total") in errors
