"""The text and Markdown reports of ../shared: every cell the document allows, against
figures written down from reading the documents (checked against INDEX.tsv and
KNOWN_FINDINGS.tsv, and against the row and column sums of each table).

``None`` is a cell the reader must leave unread: a run of digits that more than one
split fits (flattened page text), or a blank cell in the source.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from govinfo_lint import template
from govinfo_lint.readers import read

Z = [0] * 7
Z5 = [0] * 5
ALL_REQUESTS_2019 = [r.id for r in template.TABLES["2019"]["requests"].rows]
ALL_REQUESTS_2021 = [r.id for r in template.TABLES["2021"]["requests"].rows]


def r7(*values):
    return list(values)


def zeros_except(fmt: str, **rows):
    ids = ALL_REQUESTS_2019 if fmt == "2019" else ALL_REQUESTS_2021
    return {rid: rows.get(rid, Z) for rid in ids}


SEED = "seed/000_420e94e8b51db23e.txt"
SHUYANG = "corpus/KIROGOVCOMPARE/沭阳县人民政府2025年政府信息公开工作年度报告-沭阳县人民政府.txt"
KEWEI = "corpus/KIROGOVCOMPARE/kewei-2024-source.md"
SHANGHAI = "corpus/KIROGOVCOMPARE/shanghai-office-sample-source.md"
PT = "corpus/pingtan-gov-zwgk-archive/"
PT2020 = PT + "202103_80595_平潭综合实验区2020年度政府信息公开工作年度报告/page.txt"
PT2021 = PT + "202202_80613_平潭综合实验区2021年度政府信息公开工作年度报告/page.txt"
PT2025 = PT + "202603_105587_平潭综合实验区2025年度政府信息公开工作年度报告/page.txt"
FRAGMENT = "corpus/govnianbao/section3_raw_text.txt"

EXPECTED = {
    SEED: {
        "meta": ("韶关市武江区西联镇人民政府", 2019, "2019", "township"),
        "sections": ["overview", "proactive", "requests", "review", "problems", "other"],
        "proactive": {"regulations": [3, 3, 3], "normative_documents": [61, 61, 61], "licensing": [0, 0, 0],
                      "other_services": [0, 0, 0], "penalty": [0, 0, 0], "compulsion": [0, 0, 0], "fees": [0, 0],
                      "procurement": [0, 0]},
        "requests": zeros_except("2019"),
        "review": {"reconsideration": Z5, "litigation_direct": Z5, "litigation_after_reconsideration": Z5},
    },
    SHUYANG: {
        "meta": ("沐阳县人民政府", 2025, "2021", "county_government"),  # the copy's OCR spelling, as written
        "sections": ["overview", "proactive", "requests", "review", "problems", "other"],
        "proactive": {"regulations": [0, 0, 0], "normative_documents": [6, 1, 32], "licensing": [517645],
                      "penalty": [693957], "compulsion": [2154], "fees": [Decimal("4068.208")]},
        "requests": zeros_except(
            "2021", new_received=r7(705, 3, 0, 0, 5, 0, 713), carried_over=r7(36, 0, 0, 0, 0, 0, 36),
            granted=r7(290, 1, 0, 0, 3, 0, 294), partially_granted=r7(99, 0, 0, 0, 2, 0, 101),
            denied_security_stability=r7(2, 0, 0, 0, 0, 0, 2), denied_third_party=r7(2, 0, 0, 0, 0, 0, 2),
            denied_internal_affairs=r7(13, 0, 0, 0, 0, 0, 13), denied_process_info=r7(2, 0, 0, 0, 0, 0, 2),
            denied_enforcement_file=r7(4, 0, 0, 0, 0, 0, 4), denied_query=r7(9, 0, 0, 0, 0, 0, 9),
            unable_not_held=r7(111, 0, 0, 0, 0, 0, 111), unable_needs_creation=r7(2, 0, 0, 0, 0, 0, 2),
            declined_petition=r7(12, 0, 0, 0, 0, 0, 12), declined_repeated=r7(6, 1, 0, 0, 0, 0, 7),
            other_no_correction=r7(9, 0, 0, 0, 0, 0, 9), other_fee_unpaid=r7(7, 0, 0, 0, 0, 0, 7),
            other_misc=r7(142, 1, 0, 0, 0, 0, 143), handled_total=r7(710, 3, 0, 0, 5, 0, 718),
            carried_forward=r7(31, 0, 0, 0, 0, 0, 31)),
        "review": {"reconsideration": [27, 10, 9, 15, 61], "litigation_direct": [3, 0, 0, 0, 3],
                   "litigation_after_reconsideration": [8, 0, 1, 1, 10]},
    },
    KEWEI: {
        "meta": ("上海市科委", 2024, "2021", "provincial_department"),
        "sections": ["overview", None, None, None, None, None, "proactive", "requests", "review", "other"],
        "proactive": {"regulations": [0, 0, 0], "normative_documents": [13, 0, 55], "licensing": [97],
                      "penalty": [0], "compulsion": [0], "fees": [0]},
        "requests": zeros_except(
            "2021", new_received=r7(32, 2, 0, 0, 0, 0, 34), carried_over=r7(2, 0, 0, 0, 0, 0, 2),
            granted=r7(9, 0, 0, 0, 0, 0, 9), denied_internal_affairs=r7(1, 0, 0, 0, 0, 0, 1),
            denied_process_info=r7(1, 0, 0, 0, 0, 0, 1), unable_not_held=r7(4, 0, 0, 0, 0, 0, 4),
            unable_needs_creation=r7(6, 0, 0, 0, 0, 0, 6), other_no_correction=r7(8, 2, 0, 0, 0, 0, 10),
            other_misc=r7(4, 0, 0, 0, 0, 0, 4), handled_total=r7(33, 2, 0, 0, 0, 0, 35),
            carried_forward=r7(1, 0, 0, 0, 0, 0, None)),  # 总计 left blank in the source
        "review": {"reconsideration": [1, 0, 0, 0, 1], "litigation_direct": Z5, "litigation_after_reconsideration": Z5},
    },
    SHANGHAI: {
        "meta": ("上海市人民政府办公厅", 2025, "2021", "provincial_government"),
        "sections": ["overview", "proactive", "requests", "review", "other"],  # 五's heading was lost
        # 规章 and 行政规范性文件 keep two of their three numbers beside the labels: not read.
        "proactive": {"licensing": [0], "penalty": [0], "compulsion": [0], "fees": [0]},
        "requests": zeros_except(
            "2021", new_received=r7(1259, 36, 0, 0, 0, 0, 1295), carried_over=r7(170, 15, 0, 0, 4, 0, 189),
            granted=r7(201, 5, 0, 0, 0, 0, 206), partially_granted=r7(2, 0, 0, 0, 0, 0, 2),
            denied_state_secret=r7(4, 0, 0, 0, 0, 0, 4), denied_security_stability=r7(1, 0, 0, 0, 0, 0, 1),
            denied_internal_affairs=r7(8, 0, 0, 0, 1, 0, 9), denied_process_info=r7(1, 0, 0, 0, 0, 0, 1),
            denied_query=r7(5, 0, 0, 0, 0, 0, 5), unable_not_held=r7(484, 28, 0, 0, 1, 0, 513),
            unable_needs_creation=r7(47, 1, 0, 0, 0, 0, 48), unable_unclear=r7(3, 0, 0, 0, 0, 0, 3),
            declined_petition=r7(61, 1, 0, 0, 0, 0, 62), declined_repeated=r7(16, 0, 0, 0, 0, 0, 16),
            declined_publication=r7(1, 0, 0, 0, 0, 0, 1), declined_excessive=r7(1, 0, 0, 0, 0, 0, 1),
            other_no_correction=r7(40, 1, 0, 0, 2, 0, 43), other_misc=r7(264, 12, 0, 0, 0, 0, 276),
            handled_total=r7(1139, 48, 0, 0, 4, 0, 1191), carried_forward=r7(290, 3, 0, 0, 0, 0, 293)),
        "review": {"reconsideration": [40, 0, 10, 5, 55], "litigation_direct": [2, 0, 4, 6, 12],
                   "litigation_after_reconsideration": [6, 0, 9, 7, 22]},
    },
    PT2020: {
        "meta": ("平潭综合实验区", 2020, "2019", "other"),
        "sections": ["overview", "proactive", "requests", "review", "problems", "other"],
        # Only 规章 and 收费 split one way; the others fit several splits (INDEX: 77/77/166, 396/442/278, …).
        "proactive": {"regulations": [0, 0, 7], "normative_documents": [None] * 3, "licensing": [None] * 3,
                      "penalty": [None] * 3, "fees": [35, -15], "procurement": [None] * 2},
        "requests": zeros_except(
            "2019", new_received=r7(20, 0, 0, 0, 0, 1, 21), granted=r7(6, 0, 0, 0, 0, 1, 7),
            partially_granted=r7(6, 0, 0, 0, 0, 0, 6), unable_not_held=r7(4, 0, 0, 0, 0, 0, 4),
            unable_unclear=r7(3, 0, 0, 0, 0, 0, 3), declined_repeated=r7(3, 0, 0, 0, 0, 0, 3),
            other=r7(4, 0, 0, 0, 0, 0, 4), handled_total=r7(20, 0, 0, 0, 0, 1, 21)),  # the source's own defect
        "review": {"reconsideration": Z5, "litigation_direct": Z5, "litigation_after_reconsideration": Z5},
    },
    PT2021: {
        "meta": ("平潭综合实验区", 2021, "2021", "other"),
        "sections": ["overview", "proactive", "requests", "review", "problems", "other"],
        "proactive": {"regulations": [0, 0, 0], "normative_documents": [None] * 3, "licensing": [2293],
                      "penalty": [1282], "compulsion": [42], "fees": [Decimal("24252.311082")]},
        "requests": zeros_except(
            "2021", new_received=r7(64, 0, 0, 2, 0, 4, 70), granted=[None] * 7,  # 27/0/0/2/0/1/30 or 2/7/0/0/20/1/30
            partially_granted=r7(5, 0, 0, 0, 0, 0, 5), denied_internal_affairs=r7(1, 0, 0, 0, 0, 0, 1),
            denied_enforcement_file=r7(6, 0, 0, 0, 0, 0, 6), denied_query=r7(1, 0, 0, 0, 0, 0, 1),
            unable_not_held=[None] * 7, other_misc=r7(1, 0, 0, 0, 0, 0, 1),
            handled_total=r7(63, 0, 0, 2, 0, 4, 69), carried_forward=r7(1, 0, 0, 0, 0, 0, 1)),
        "review": {"reconsideration": [1, 0, 2, 0, 3], "litigation_direct": [12, 0, 0, 0, 12],
                   "litigation_after_reconsideration": Z5},
    },
    PT2025: {
        "meta": ("平潭综合实验区", 2025, "2021", "other"),
        "sections": ["overview", "proactive", "requests", "review", "problems", "other"],
        "proactive": {"regulations": [0, 0, 0], "normative_documents": [None] * 3, "licensing": [2418],
                      "penalty": [644], "compulsion": [64], "fees": [Decimal("4166.241619")]},
        "requests": zeros_except(
            "2021", new_received=r7(151, 3, 0, 0, 0, 0, 154), granted=[None] * 7,  # 33/0/…/33 or 3/30/…/33
            partially_granted=r7(38, 0, 0, 0, 0, 0, 38), denied_internal_affairs=r7(3, 0, 0, 0, 0, 0, 3),
            denied_process_info=r7(2, 0, 0, 0, 0, 0, 2), denied_enforcement_file=r7(3, 0, 0, 0, 0, 0, 3),
            denied_query=r7(3, 0, 0, 0, 0, 0, 3), unable_not_held=r7(49, 1, 0, 0, 0, 0, 50),
            unable_needs_creation=r7(3, 0, 0, 0, 0, 0, 3), declined_petition=r7(2, 0, 0, 0, 0, 0, 2),
            other_no_correction=r7(8, 0, 0, 0, 0, 0, 8), other_fee_unpaid=r7(2, 0, 0, 0, 0, 0, 2),
            other_misc=r7(1, 0, 0, 0, 0, 0, 1), handled_total=r7(147, 1, 0, 0, 0, 0, 148),
            carried_forward=r7(4, 2, 0, 0, 0, 0, 6)),
        "review": {"reconsideration": [25, 3, 8, 0, 36], "litigation_direct": [3, 3, 0, 0, 6],
                   "litigation_after_reconsideration": [3, 0, 0, 0, 3]},
    },
}


@pytest.fixture(scope="module")
def reports(shared_dir: Path):
    return {name: read(shared_dir / name) for name in list(EXPECTED) + [FRAGMENT]}


def _values(row):
    out = []
    for cell in row.cells.values():
        value = cell.value
        if isinstance(value, Decimal) and value == value.to_integral_value() and "." not in str(value):
            value = int(value)
        out.append(value)
    return out


@pytest.mark.parametrize("name", list(EXPECTED))
def test_metadata_and_sections(reports, name):
    report = reports[name]
    agency, year, fmt, level = EXPECTED[name]["meta"]
    assert (report.agency, report.year, report.format, report.level) == (agency, year, fmt, level)
    assert [s.id for s in report.sections] == EXPECTED[name]["sections"]


@pytest.mark.parametrize("name", list(EXPECTED))
@pytest.mark.parametrize("table_id", ["proactive", "requests", "review"])
def test_every_cell(reports, name, table_id):
    table = reports[name].tables[table_id]
    expected = EXPECTED[name][table_id]
    got = {rid: _values(table.rows[rid]) for rid in expected if rid in table.rows}
    assert got == expected
    if table_id != "proactive":
        assert list(table.rows) == list(expected)  # every row, in the document's order


def test_seed_labels_kept_as_written(reports):
    report = reports[SEED]
    assert [s.heading for s in report.sections] == ["1、 总体情况", "2、 主动公开政府信息情况", "3、 收到和处理政府信息公开申请情况",
                                                     "4、 政府信息公开行政复议、行政诉讼情况", "5、 存在的主要问题及改进情况",
                                                     "6、 其他需要报告的事项"]
    assert {s.number for s in report.sections} == {f"{n}、" for n in range(1, 7)}
    assert report.title == "韶关市武江区西联镇人民政府2019年信息公开工作年度报告"
    blocks = {b.id: b for b in report.tables["proactive"].blocks}
    assert [b.id for b in report.tables["proactive"].blocks] == ["art20_1", "art20_5", "art20_6", "art20_8", "art20_9"]
    assert blocks["art20_5"].caption == "第二是条第（五）项"
    assert blocks["art20_5"].columns["previous_items"] == "上年项目数量"
    assert blocks["art20_6"].columns["previous_items"] == "上年项目数量"
    requests = report.tables["requests"]
    assert requests.column_labels["other_org"] == "其它"
    assert requests.rows["denied_law_prohibited"].label == "2.其它法律行政法规禁止公开"
    assert requests.rows["denied_law_prohibited"].group == "（三）不予公开"  # written once, above
    assert requests.note == "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和"
    cell = requests.cell("granted", "total")
    assert cell.loc.line and report.lines[cell.loc.line - 1].strip() == "0"
    assert report.format_signals["2019"] and "2021" not in report.format_signals


def test_kewei_local_outline_and_detached_rows(reports):
    report = reports[KEWEI]
    assert [s.heading for s in report.sections if s.id is None][0] == "二、工作机制保障"
    assert report.section("proactive").heading == "一、主动公开政府信息情况"
    placed = [rid for d in report.diagnostics if d.kind == "rows_by_position" for rid in d.evidence["rows"]]
    assert "partially_granted" in placed and "other_fee_unpaid" in placed
    assert report.tables["requests"].cell("carried_forward", "total").raw == ""


def test_shanghai_rows_without_all_their_numbers_are_said(reports):
    report = reports[SHANGHAI]
    said = [d.message for d in report.diagnostics if d.kind == "column_unmapped"]
    assert any("规章" in m for m in said) and any("行政规范性文件" in m for m in said)
    # The rows are there, their figures are not: kept (so not "missing"), cells unread, not blank.
    for rid in ("regulations", "normative_documents"):
        cells = report.tables["proactive"].rows[rid].cells
        assert cells and all(c.value is None and c.parse_error == "unread" and not c.is_blank for c in cells.values())


def test_flattened_splits_keep_the_2020_defect(reports):
    report = reports[PT2020]
    requests = report.tables["requests"]
    results = [rid for rid in template.RESULT_ROWS["2019"]]
    assert sum(requests.cell(rid, "total").value for rid in results) == 27  # vs （七）总计 21: not repaired
    assert requests.cell("handled_total", "total").value == 21
    ambiguous = {d.evidence.get("run") for d in report.diagnostics if d.kind == "cells_ambiguous"}
    assert {"7777166", "396442278", "2648-18538"} <= ambiguous
    assert report.published == "2021-03-05"


def test_flattened_ambiguous_rows_list_their_candidates(reports):
    report = reports[PT2021]
    (granted,) = [d for d in report.diagnostics if d.kind == "cells_ambiguous" and "270020130" in d.message]
    assert "27 0 0 2 0 1 30" in granted.message and "2 7 0 0 20 1 30" in granted.message
    (review,) = [d for d in report.diagnostics if d.kind == "cells_split" and "10203120001200000" in d.message]


def test_fragment_does_not_crash(reports):
    report = reports[FRAGMENT]
    requests = report.tables["requests"]
    assert _values(requests.rows["new_received"]) == [3001, 53, 0, 0, 61, 4, 3119]
    assert _values(requests.rows["partially_granted"]) == [447, 7, 0, 0, 0, 0, 454]
    assert _values(requests.rows["unable_not_held"]) == [746, 12, 0, 0, 10, 1, 769]
    assert report.tables["proactive"].rows["fees"].cells["amount"].value == Decimal("96171.6")


@pytest.mark.parametrize("name", [SHANGHAI, PT2021])
def test_cells_the_reader_could_not_read_are_not_reported_as_blank_or_missing(reports, name):
    from govinfo_lint.api import lint
    from govinfo_lint.model import READER_UNREAD

    report = reports[name]
    unread = {f"/tables/{tid}/{rid}/{cid}" for tid, rid, cid, cell in report.iter_cells()
              if cell.parse_error in READER_UNREAD}
    assert unread
    rows = {p.rsplit("/", 1)[0] for p in unread}
    wrong = [(f.code, f.pointer) for f in lint(report)
             if f.code in ("VAL-01", "VAL-02", "TBL-13", "TBL-15") and (f.pointer in unread or f.pointer in rows)]
    assert wrong == []
