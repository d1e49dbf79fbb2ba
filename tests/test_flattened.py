"""Tables flattened into running text: each run handed on as its numbers, split by the row's own arithmetic."""

from __future__ import annotations

from govinfo_lint import template
from govinfo_lint.model import READER_UNREAD, Diagnostic, Location
from govinfo_lint.readers import read
from govinfo_lint.readers.mapping.digits import no_check, resolve, splits
from govinfo_lint.readers.document import GridCell, Paragraph
from govinfo_lint.readers.text.flattened import parse

REVIEW_HEAD = ("行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉"
               + "结果维持结果纠正其他结果尚未审结总计" * 2)
PROACTIVE = "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件5845546第二十条第（五）项"


def requests_text(**runs: str) -> str:
    """Table 三 of the 2021 form as running text; rows not given are seven zeros."""
    rows = template.TABLES["2021"]["requests"].rows
    return "申请人情况自然人法人或其他组织总计" + "".join(r.label + runs.get(r.id, "0000000") for r in rows)


def report_of(tmp_path, *lines: str):
    path = tmp_path / "page.txt"
    path.write_text("\n".join(["某区2021年度政府信息公开工作年度报告", *lines]), encoding="utf-8")
    return read(path)


def sections(proactive: str = PROACTIVE, requests: str = "", review: str = "10203120001200000") -> list[str]:
    return ["一、总体情况", "2021年，本区推进政务公开。", "二、主动公开政府信息情况", proactive,
            "三、收到和处理政府信息公开申请情况", requests or requests_text(),
            "四、政府信息公开行政复议、行政诉讼情况", REVIEW_HEAD + review, "五、存在的主要问题及改进情况", "无。"]


def test_runs_are_handed_on_as_their_numbers():
    # The mapper splits them (digits.resolve); here nothing is chosen and nothing said.
    diagnostics: list[Diagnostic] = []
    (grid,) = parse(Paragraph(REVIEW_HEAD + "1 0 2 0 3 12000120 0 0 0 0五、存在", Location(line=3, column=1)),
                    diagnostics)
    assert [c.text for c in grid.rows[-1]] == ["1", "0", "2", "0", "3", "12000120", "0", "0", "0", "0"]
    assert [c.loc.column for c in grid.rows[-1][:2]] == [len(REVIEW_HEAD) + 1, len(REVIEW_HEAD) + 3]
    assert diagnostics == []


def test_review_digits_split_by_the_group_totals(tmp_path):
    # 平潭 2021 page.txt: the only split with 维持+纠正+其他+未结 = 总计 in each group.
    report = report_of(tmp_path, *sections())
    review = report.tables["review"]
    assert [c.value for c in review.rows["reconsideration"].cells.values()] == [1, 0, 2, 0, 3]
    assert [c.value for c in review.rows["litigation_direct"].cells.values()] == [12, 0, 0, 0, 12]
    assert [d.kind for d in report.diagnostics if d.kind.startswith("cells_")] == ["cells_ambiguous", "cells_split"]


def test_ambiguous_digits_are_not_guessed(tmp_path):
    report = report_of(tmp_path, *sections())
    proactive = report.tables["proactive"]
    assert [c.value for c in proactive.rows["regulations"].cells.values()] == [0, 0, 0]
    normative = list(proactive.rows["normative_documents"].cells.values())
    assert [(c.value, c.raw) for c in normative] == [(None, "5845546")] * 3
    assert all(c.parse_error in READER_UNREAD for c in normative)
    (diag,) = [d for d in report.diagnostics if d.kind == "cells_ambiguous"]
    assert "5845546" in diag.message and "本行没有可用于判断的合计关系" in diag.message
    assert diag.message_en.startswith("table 2 row “行政规范性文件”")


def test_ambiguous_review_run_is_unread_not_a_missing_table(tmp_path):
    # 3 30 0 0 33 or 33 0 0 0 33 in the first group: the table is there, its cells unread.
    report = report_of(tmp_path, *sections(review="33000330000000000"))
    review = report.tables["review"]
    cells = [c for row in review.rows.values() for c in row.cells.values()]
    assert len(cells) == 15 and all(c.value is None and c.parse_error in READER_UNREAD for c in cells)
    assert not [d for d in report.diagnostics if d.kind == "table_not_found"]
    (diag,) = [d for d in report.diagnostics if d.pointer == "/tables/review"]
    assert diag.kind == "cells_ambiguous" and "3 30 0 0 33" in diag.message


def test_cells_point_at_their_numbers(tmp_path):
    # Web archives keep a page as one line: every number's column, not the section heading's.
    line = "".join(sections(requests=requests_text(new_received="15130000154")))
    report = report_of(tmp_path, line)
    assert report.tables.keys() == {"proactive", "requests", "review"}
    placed = [(cell.raw, line[cell.loc.column - 1:]) for _t, _r, _c, cell in report.iter_cells() if cell.raw]
    assert len(placed) == 2 * 3 + 25 * 7 + 15
    assert all(at.startswith(raw.split()[0]) for raw, at in placed)
    split = report.tables["requests"].rows["new_received"].cells
    assert line[split["commercial"].loc.column - 1:].startswith("30000154")  # 151 | 3 | 0 …


def test_more_numbers_than_cells_are_unread_not_read_by_position(tmp_path):
    # A mapper would take the first seven of nine; flattened splits such a run itself and cannot.
    report = report_of(tmp_path, *sections(requests=requests_text(granted="1 0 0 0 0 0 1 5 5")))
    cells = report.tables["requests"].rows["granted"].cells.values()
    assert all(c.value is None and c.parse_error == "unread" and c.raw == "1 0 0 0 0 0 1 5 5" for c in cells)
    (diag,) = [d for d in report.diagnostics if d.pointer == "/tables/requests/granted"]
    assert diag.kind == "cells_ambiguous" and "其中有 9 个数，多于 7 列" in diag.message


def test_run_of_over_30_digits_is_still_split(tmp_path):
    # 33 digits are no number to a mapper (values.MAX_DIGITS): flattened splits the run itself.
    report = report_of(tmp_path, *sections(review="120340560780180012341011223344110"))
    review = report.tables["review"]
    assert [c.value for row in review.rows.values() for c in row.cells.values()] == [
        120, 340, 560, 780, 1800, 1, 2, 3, 4, 10, 11, 22, 33, 44, 110]
    (diag,) = [d for d in report.diagnostics if d.pointer == "/tables/review"]
    assert diag.kind == "cells_split"


def test_splits_never_use_leading_zeros():
    assert splits(["1005"], ["count"] * 2, no_check) == [["100", "5"]]
    assert ["1", "0", "0", "5"] in splits(["1005"], ["count"] * 4, no_check)


def test_the_run_is_shown_as_written():
    cells = [GridCell("2648", Location(line=4, column=10)), GridCell("-18538", Location(line=4, column=14))]
    _values, diag = resolve(cells, ["count", "signed", "count"], no_check, "表二“行政处罚”行", "table 2 row", "/p")
    assert diag.evidence["run"] == "2648-18538" and "（2648-18538）" in diag.message


def test_real_flattened_report_keeps_its_defect(shared_dir):
    from govinfo_lint.api import lint

    path = shared_dir / "corpus/pingtan-gov-zwgk-archive/202103_80595_平潭综合实验区2020年度政府信息公开工作年度报告/page.txt"
    errors = {(f.code, f.pointer) for f in lint(path) if f.severity == "error"}
    assert ("SUM-02", "/tables/requests/handled_total/total") in errors
