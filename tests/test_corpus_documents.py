"""Reading the real reports in ../shared: every mapped cell against values written down
from the documents (INDEX.tsv, KNOWN_FINDINGS.tsv and reading them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from govinfo_lint.api import lint
from govinfo_lint.readers import read

Z7 = [0] * 7


def row(*values):
    return list(values)


# requests rows: natural_person, commercial, research, social_org, legal_service, other_org, total
EXPECTED = {
    "seed/000_420e94e8b51db23e.txt": {
        "meta": ("韶关市武江区西联镇人民政府", 2019, "2019", "township"),
        "requests": {rid: Z7 for rid in ("new_received", "carried_over", "granted", "other", "handled_total",
                                         "carried_forward", "denied_law_prohibited", "declined_confirmation")},
        "review": {"reconsideration": [0] * 5, "litigation_after_reconsideration": [0] * 5},
        "proactive": {"regulations": [3, 3, 3], "normative_documents": [61, 61, 61], "fees": [0, 0]},
        "rows": 23,
    },
    "corpus/KIROGOVCOMPARE/hzq2023_working.pdf": {
        "meta": ("洪泽区人民政府", 2023, "2021", "county_government"),
        "requests": {"new_received": row(21, 0, 0, 0, 0, 0, 21), "carried_over": Z7,
                     "partially_granted": row(4, 0, 0, 0, 0, 0, 4), "handled_total": row(21, 0, 0, 0, 0, 0, 21),
                     "other": Z7, "carried_forward": Z7, "declined_petition": row(1, 0, 0, 0, 0, 0, 1)},
        "review": {"reconsideration": [10, 1, 0, 0, 0], "litigation_direct": [0] * 5,
                   "litigation_after_reconsideration": [5, 0, 0, 0, 0]},
        "proactive": {"normative_documents": [0, 5, 5], "licensing": [550], "penalty": [4119], "compulsion": [195]},
        "rows": 23,
    },
    "corpus/KIROGOVCOMPARE/hzq2024_working.pdf": {
        "meta": ("淮安市洪泽区人民政府", 2024, "2021", "county_government"),
        "requests": {"new_received": row(95, 0, 0, 0, 0, 0, 95), "granted": row(50, 0, 0, 0, 0, 0, 50),
                     "handled_total": row(95, 0, 0, 0, 0, 0, 95), "carried_forward": Z7},
        "review": {"reconsideration": [1, 1, 0, 0, 2], "litigation_direct": [1, 0, 0, 0, 1],
                   "litigation_after_reconsideration": [2, 0, 1, 0, 3]},
        "proactive": {"normative_documents": [3, 0, 8], "licensing": [9487], "penalty": [2776], "compulsion": [84]},
        "rows": 23,
    },
    "corpus/govnianbao/szfgs2024.pdf": {
        "meta": ("淮安市人民政府", 2024, "2021", None),
        "requests": {"new_received": row(3001, 53, 0, 0, 61, 4, 3119), "carried_over": row(34, 0, 0, 0, 0, 0, 34),
                     "granted": row(1288, 21, 0, 0, 50, 3, 1362), "partially_granted": row(447, 7, 0, 0, 0, 0, 454),
                     "handled_total": row(2932, 53, 0, 0, 61, 4, 3050),
                     "carried_forward": row(103, 0, 0, 0, 0, 0, 103)},
        "review": {"reconsideration": [72, 64, 178, 37, 351], "litigation_direct": [13, 4, 8, 1, 26],
                   "litigation_after_reconsideration": [12, 1, 1, 6, 20]},
        "proactive": {"regulations": [1, 0, 11], "fees": ["96171.6"]},
        "rows": 25,
    },
}
for year, new, handled, forward, review, normative, fees in [
    (2019, row(23, 0, 0, 0, 0, 0, 23), row(23, 0, 0, 0, 0, 0, 23), Z7, [[0] * 5] * 3, [89, 89, 89], None),
    (2020, row(20, 0, 0, 0, 0, 1, 21), row(20, 0, 0, 0, 0, 1, 21), Z7, [[0] * 5] * 3, [77, 77, 166], None),
    (2021, row(64, 0, 0, 2, 0, 4, 70), row(63, 0, 0, 2, 0, 4, 69), row(1, 0, 0, 0, 0, 0, 1),
     [[1, 0, 2, 0, 3], [12, 0, 0, 0, 12], [0] * 5], [69, 3, 665], "24252.311082"),
    (2022, row(71, 3, 0, 0, 0, 0, 74), row(72, 3, 0, 0, 0, 0, 75), Z7,
     [[0, 1, 1, 0, 2], [1, 0, 0, 0, 1], [0] * 5], [88, 55, 698], "9116.36"),
    (2023, row(80, 1, 0, 0, 0, 0, 81), row(80, 1, 0, 0, 0, 0, 81), Z7,
     [[1, 1, 0, 0, 2], [4, 0, 0, 1, 5], [1, 0, 1, 0, 2]], [77, 132, 470], "5949.088667"),
    (2024, row(217, 1, 0, 0, 0, 0, 218), row(217, 1, 0, 0, 0, 0, 218), Z7,
     [[2, 1, 3, 1, 7], [0] * 5, [13, 2, 4, 0, 19]], [62, 33, 440], "18651.06"),
    (2025, row(151, 3, 0, 0, 0, 0, 154), row(147, 1, 0, 0, 0, 0, 148), row(4, 2, 0, 0, 0, 0, 6),
     [[25, 3, 8, 0, 36], [3, 3, 0, 0, 6], [3, 0, 0, 0, 3]], [58, 45, 546], "4166.241619"),
]:
    EXPECTED[f"corpus/pingtan-gov-zwgk-archive/html/{year}/page.html"] = {
        "meta": ("平潭综合实验区", year, "2019" if year < 2021 else "2021", "other"),
        "requests": {"new_received": new, "handled_total": handled, "carried_forward": forward},
        "review": dict(zip(("reconsideration", "litigation_direct", "litigation_after_reconsideration"), review)),
        "proactive": {"normative_documents": normative, **({"fees": [fees]} if fees else {})},
        "rows": 23 if year < 2021 else 25,
    }


def _values(table, rid):
    return [c.value if not hasattr(c.value, "as_tuple") or c.value != int(c.value) else int(c.value)
            for c in table.rows[rid].cells.values()]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_expected_cell(shared_dir: Path, name: str):
    expected = EXPECTED[name]
    report = read(shared_dir / name)
    agency, year, fmt, level = expected["meta"]
    if agency:
        assert report.agency == agency
    assert (report.year, report.format, report.level) == (year, fmt, level)
    assert len(report.tables["requests"].rows) == expected["rows"]
    for table_id in ("requests", "review", "proactive"):
        table = report.tables[table_id]
        for rid, values in expected[table_id].items():
            got = [str(v) if isinstance(v, str) or type(v).__name__ == "Decimal" else v for v in _values(table, rid)]
            want = [str(v) if isinstance(v, str) else v for v in values]
            assert got == want, (table_id, rid)
    assert [s.id for s in report.sections if s.id] == ["overview", "proactive", "requests", "review", "problems", "other"]


def test_seed_labels_and_headings_kept_as_written(shared_dir: Path):
    report = read(shared_dir / "seed/000_420e94e8b51db23e.txt")
    assert [s.heading for s in report.sections][:2] == ["1、 总体情况", "2、 主动公开政府信息情况"]
    proactive = report.tables["proactive"]
    blocks = {b.id: b for b in proactive.blocks}
    assert blocks["art20_5"].caption == "第二是条第（五）项"
    assert blocks["art20_5"].columns["previous_items"] == "上年项目数量"
    requests = report.tables["requests"]
    assert requests.column_labels["other_org"] == "其它"
    assert requests.rows["denied_law_prohibited"].label == "2.其它法律行政法规禁止公开"


def _codes(findings, severity=None):
    return {(f.code, f.pointer) for f in findings if severity is None or f.severity == severity}


def test_known_defects_are_found(shared_dir: Path):
    corpus = shared_dir / "corpus"
    hzq = lint(corpus / "KIROGOVCOMPARE/hzq2023_working.pdf")
    assert ("SUM-04", "/tables/review/reconsideration/total") in _codes(hzq, "error")
    assert ("SUM-04", "/tables/review/litigation_after_reconsideration/total") in _codes(hzq, "error")
    assert any(f.code == "TBL-08" for f in hzq)
    assert any(f.code == "LBL-04" and "行政止" in f.message for f in hzq)
    pingtan2020 = lint(corpus / "pingtan-gov-zwgk-archive/html/2020/page.html")
    assert ("SUM-02", "/tables/requests/handled_total/total") in _codes(pingtan2020, "error")
    assert ("SUM-02", "/tables/requests/handled_total/natural_person") in _codes(pingtan2020, "error")
    assert any(f.code == "LVL-01" for f in pingtan2020)
    pingtan2022 = lint(corpus / "pingtan-gov-zwgk-archive/html/2022/page.html")
    assert any(f.code == "SEC-02" and f.pointer == "/sections/review" for f in pingtan2022)
    shanghai = lint(corpus / "shanghai-office-2019/page.html")
    assert any(f.code == "VAL-02" for f in shanghai)
    assert not [f for f in shanghai if f.code == "SUM-01" and f.pointer.endswith("/total") and f.severity == "error"]


@pytest.mark.parametrize("name", [
    "corpus/govnianbao/szfgs2024.pdf",
    "corpus/KIROGOVCOMPARE/hzq2024_working.pdf",
    "corpus/pingtan-gov-zwgk-archive/html/2019/page.html",
    "corpus/pingtan-gov-zwgk-archive/html/2021/page.html",
    "corpus/pingtan-gov-zwgk-archive/html/2024/page.html",
    "corpus/pingtan-gov-zwgk-archive/html/2025/page.html",
])
def test_negative_controls_raise_no_error(shared_dir: Path, name: str):
    errors = [(f.code, f.pointer, f.message) for f in lint(shared_dir / name) if f.severity == "error"]
    assert errors == []
