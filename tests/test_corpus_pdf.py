"""The three real PDF reports in ../shared, cell by cell, and the comparison export.

Every figure of tables 二, 三 and 四 below was written down from the pages rendered
as images (pypdfium2) and checked against the text layer: first the grids the PDF
reader hands over (order, spans, places), then the Report built from them.
"""

from __future__ import annotations

import logging
import re
import time
from decimal import Decimal
from pathlib import Path

import pytest

from govinfo_lint.normalize import normalize
from govinfo_lint.readers import read
from govinfo_lint.readers.document import Paragraph, TableGrid
from govinfo_lint.readers.pdf.words import is_value as is_number
from govinfo_lint.readers.pdf.read import read_document

Z = [0] * 7


def r7(*v):
    return list(v)


REQUEST_IDS = [
    "new_received", "carried_over", "granted", "partially_granted",
    "denied_state_secret", "denied_law_prohibited", "denied_security_stability", "denied_third_party",
    "denied_internal_affairs", "denied_process_info", "denied_enforcement_file", "denied_query",
    "unable_not_held", "unable_needs_creation", "unable_unclear",
    "declined_petition", "declined_repeated", "declined_publication", "declined_excessive", "declined_confirmation",
]
TAIL = ["handled_total", "carried_forward"]
PROACTIVE_IDS = ["regulations", "normative_documents", "licensing", "penalty", "compulsion", "fees"]

EXPECTED = {
    "KIROGOVCOMPARE/hzq2023_working.pdf": {
        "proactive": [[0, 0, 0], [0, 5, 5], [550], [4119], [195], [Decimal("7730.28")]],
        "requests": [r7(21, 0, 0, 0, 0, 0, 21), Z, Z, r7(4, 0, 0, 0, 0, 0, 4),
                     r7(1, 0, 0, 0, 0, 0, 1), Z, Z, Z, Z, r7(1, 0, 0, 0, 0, 0, 1), r7(1, 0, 0, 0, 0, 0, 1), Z,
                     r7(10, 0, 0, 0, 0, 0, 10), r7(3, 0, 0, 0, 0, 0, 3), Z,
                     r7(1, 0, 0, 0, 0, 0, 1), Z, Z, Z, Z,
                     Z,  # （六）其他处理 printed as one row
                     r7(21, 0, 0, 0, 0, 0, 21), Z],
        "other_rows": ["other"],
        "review": [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0],
        "pages": {"proactive": [2, 3], "requests": [3, 4], "review": [4]},
    },
    "KIROGOVCOMPARE/hzq2024_working.pdf": {
        "proactive": [[0, 0, 0], [3, 0, 8], [9487], [2776], [84], [7545]],
        "requests": [r7(95, 0, 0, 0, 0, 0, 95), Z, r7(50, 0, 0, 0, 0, 0, 50), r7(9, 0, 0, 0, 0, 0, 9),
                     Z, Z, r7(1, 0, 0, 0, 0, 0, 1), Z, Z, r7(1, 0, 0, 0, 0, 0, 1), r7(1, 0, 0, 0, 0, 0, 1), Z,
                     r7(31, 0, 0, 0, 0, 0, 31), r7(1, 0, 0, 0, 0, 0, 1), Z,
                     r7(1, 0, 0, 0, 0, 0, 1), Z, Z, Z, Z,
                     Z,
                     r7(95, 0, 0, 0, 0, 0, 95), Z],
        "other_rows": ["other"],
        "review": [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3],
        "pages": {"proactive": [2, 3], "requests": [3, 4], "review": [4]},
    },
    "govnianbao/szfgs2024.pdf": {
        "proactive": [[1, 0, 11], [8, 26, 66], [447228], [3985758], [88283], [Decimal("96171.6")]],
        "requests": [r7(3001, 53, 0, 0, 61, 4, 3119), r7(34, 0, 0, 0, 0, 0, 34), r7(1288, 21, 0, 0, 50, 3, 1362),
                     r7(447, 7, 0, 0, 0, 0, 454),
                     r7(2, 0, 0, 0, 0, 0, 2), r7(30, 1, 0, 0, 0, 0, 31), r7(5, 0, 0, 0, 0, 0, 5),
                     r7(6, 0, 0, 0, 0, 0, 6),
                     r7(7, 1, 0, 0, 0, 0, 8), r7(12, 0, 0, 0, 0, 0, 12), r7(9, 0, 0, 0, 0, 0, 9),
                     r7(105, 0, 0, 0, 0, 0, 105),
                     r7(746, 12, 0, 0, 10, 1, 769), r7(11, 0, 0, 0, 0, 0, 11), r7(1, 0, 0, 0, 0, 0, 1),
                     r7(56, 6, 0, 0, 0, 0, 62), r7(25, 0, 0, 0, 0, 0, 25), Z, Z, r7(1, 0, 0, 0, 0, 0, 1),
                     r7(67, 3, 0, 0, 1, 0, 71), r7(6, 0, 0, 0, 0, 0, 6), r7(108, 2, 0, 0, 0, 0, 110),
                     r7(2932, 53, 0, 0, 61, 4, 3050), r7(103, 0, 0, 0, 0, 0, 103)],
        "other_rows": ["other_no_correction", "other_fee_unpaid", "other_misc"],
        "review": [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20],
        "pages": {"proactive": [3, 4], "requests": [4, 5], "review": [5]},
    },
}


def _flat(text: str) -> str:
    return "".join(text.split())


def _num(text: str):
    t = text.replace(",", "")
    return Decimal(t) if "." in t else int(t)


@pytest.fixture(scope="module")
def documents(corpus_dir):
    return {name: read_document(corpus_dir / name) for name in EXPECTED}


def _grids(document, kind: str) -> list[TableGrid]:
    keys = {"proactive": "信息内容", "requests": "本年新收", "review": "结果维持"}
    grids = [b for b in document.blocks if isinstance(b, TableGrid)]
    start = next(i for i, g in enumerate(grids) if any(keys[kind] in normalize(c.text) for r in g.rows for c in r))
    found = [grids[start]]
    # A continuation on the next page has no header of its own.
    for g in grids[start + 1:]:
        if any(any(keys[k] in normalize(c.text) for r in g.rows for c in r) for k in keys if k != kind):
            break
        found.append(g)
    return found


def _number_rows(grids: list[TableGrid]) -> list[list]:
    """The figures of every row that has any, each merged cell read once."""
    out = []
    for grid in grids:
        for row in grid.rows:
            values = [_num(c.text) for c in row if c.origin and is_number(c.text)]
            if values:
                out.append(values)
    return out


@pytest.mark.parametrize("name", list(EXPECTED))
def test_grids_hold_every_figure(documents, name):
    doc, want = documents[name], EXPECTED[name]
    assert doc.diagnostics == []
    assert _number_rows(_grids(doc, "proactive")) == want["proactive"]
    assert _number_rows(_grids(doc, "requests")) == want["requests"]
    assert _number_rows(_grids(doc, "review")) == [want["review"]]
    for kind, pages in want["pages"].items():
        # A table continued on the next page is one grid; its cells keep the page they are on.
        found = _grids(doc, kind)
        assert len(found) == 1
        assert sorted({c.loc.page for g in found for r in g.rows for c in r}) == pages


@pytest.mark.parametrize("name", list(EXPECTED))
def test_grids_are_rectangular_with_places(documents, name):
    grids = [b for b in documents[name].blocks if isinstance(b, TableGrid)]
    numbers = [g.loc.table for g in grids]
    assert numbers == sorted(set(numbers)) and numbers[0] == 1
    for grid in grids:
        widths = {len(row) for row in grid.rows}
        assert len(widths) == 1
        # Places are as printed: the rows of a continuation count on its own page and table.
        first = grid.rows[0][0].loc
        assert (first.page, first.table, first.row) == (grid.loc.page, grid.loc.table, 1)
        for row in grid.rows:
            for cell in row:
                assert cell.loc.page >= grid.loc.page and cell.loc.table >= grid.loc.table
                assert cell.loc.row >= 1 and cell.loc.cell >= 1
                assert cell.loc.x is not None and cell.loc.y is not None


@pytest.mark.parametrize("name", list(EXPECTED))
def test_table_text_is_not_repeated_as_paragraphs(documents, name):
    text = "".join(b.text for b in documents[name].blocks if isinstance(b, Paragraph))
    for word in ("本年新收政府信息公开申请数量", "结转下年度继续办理", "本年制发件数", "属于国家秘密", "信息内容"):
        assert word not in text
    assert "- 3 -" not in text and not any(b.text.strip() in ("- 2 -", "-2-") for b in documents[name].blocks
                                           if isinstance(b, Paragraph))


def test_review_header_spans_as_drawn(documents):
    # 2023: 行政诉讼 spans all ten litigation columns; 2024 leaves a blank cell over three of them.
    first = _grids(documents["KIROGOVCOMPARE/hzq2023_working.pdf"], "review")[0].rows[0]
    assert [(c.text, c.origin) for c in first[:6]] == [("行政复议", True)] + [("行政复议", False)] * 4 + [("行政诉讼", True)]
    assert first[5].col_span == 10 and all(c.text == "行政诉讼" for c in first[5:])
    first = _grids(documents["KIROGOVCOMPARE/hzq2024_working.pdf"], "review")[0].rows[0]
    assert [c.text for c in first[5:8]] == ["", "", ""] and first[8].col_span == 7


def test_merged_labels_repeat_and_cut_labels_stay_cut(documents):
    rows = [r for g in _grids(documents["govnianbao/szfgs2024.pdf"], "requests") for r in g.rows]
    secret = next(r for r in rows if "属于国家秘密" in r[2].text)
    assert _flat(secret[0].text) == "三、本年度办理结果" and secret[0].origin is False
    assert _flat(secret[1].text) == "（三）不予公开"
    # （四）无法提供 is cut by the page break into （四）无 | 法提供: the assembler rejoins it.
    assert any(_flat(r[1].text) == "（四）无" for r in rows)
    assert any(_flat(r[1].text) == "法提供" for r in rows)
    typo = next(r for g in _grids(documents["KIROGOVCOMPARE/hzq2023_working.pdf"], "requests") for r in g.rows
                if "行政止公开" in r[2].text)
    assert typo[2].text == "2.其他法律行政止公开"


@pytest.mark.parametrize("name", list(EXPECTED))
def test_paragraphs_have_pages_and_lines(documents, name):
    paras = [b for b in documents[name].blocks if isinstance(b, Paragraph)]
    headings = [p for p in paras if p.text.startswith(("一、总体情况", "六、其他需要报告的事项"))]
    assert len(headings) == 2
    for p in paras:
        assert p.loc.page >= 1 and p.loc.line >= 1 and p.loc.x is not None
    # No figure in the text is split by a space (the text layer letter-spaces every glyph).
    assert not [p.text for p in paras if re.search(r"\d\s+\d", p.text)]


def test_hongze_figures_in_text_read_whole(documents):
    text = "".join(b.text for b in documents["KIROGOVCOMPARE/hzq2023_working.pdf"].blocks if isinstance(b, Paragraph))
    assert "主动公开政府信息1136条" in text and "受理政府信息公开申请21件" in text


# --- the Report built from them -----------------------------------------------------------------

@pytest.mark.parametrize("name", list(EXPECTED))
def test_report_every_cell(corpus_dir, name):
    want = EXPECTED[name]
    report = read(corpus_dir / name)
    assert report.input_kind == "pdf" and report.format == "2021"
    proactive = report.tables["proactive"]
    assert [[c.value for c in proactive.rows[rid].cells.values()] for rid in PROACTIVE_IDS] == want["proactive"]
    requests = report.tables["requests"]
    ids = REQUEST_IDS + want["other_rows"] + TAIL
    assert list(requests.rows) == ids
    assert [[c.value for c in requests.rows[rid].cells.values()] for rid in ids] == want["requests"]
    review = report.tables["review"]
    got = [c.value for rid in ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
           for c in review.rows[rid].cells.values()]
    assert got == want["review"]
    cell = requests.rows["new_received"].cells["total"]
    assert cell.loc.page == want["pages"]["requests"][0] and cell.loc.row and cell.loc.cell == 10


def test_report_known_defect_and_typo(corpus_dir):
    report = read(corpus_dir / "KIROGOVCOMPARE/hzq2023_working.pdf")
    assert report.tables["requests"].rows["denied_law_prohibited"].label == "2.其他法律行政止公开"
    rec = report.tables["review"].rows["reconsideration"].cells
    assert (rec["upheld"].value, rec["corrected"].value, rec["total"].value) == (10, 1, 0)
    assert report.agency == "洪泽区人民政府" and report.year == 2023


# --- not a report, but must not hang or crash ---------------------------------------------------

def test_comparison_export_is_read_in_bounded_time(shared_dir: Path):
    path = shared_dir / "corpus/_labelled/KIROGOVCOMPARE/比对报告_宿迁市_2023vs2024-19.pdf"
    start = time.monotonic()
    doc = read_document(path)
    assert time.monotonic() - start < 60
    assert not [d for d in doc.diagnostics if d.kind in ("unreadable", "too_large")]
    assert any(isinstance(b, TableGrid) for b in doc.blocks)
    # Its fonts make pdfminer warn once per glyph; none of that reaches the user's terminal.
    assert logging.getLogger("pdfminer").getEffectiveLevel() > logging.ERROR
    report = read(path)
    assert report.input_kind == "pdf"


def test_truncated_corpus_pdf_is_unreadable(shared_dir: Path, tmp_path):
    data = (shared_dir / "corpus/KIROGOVCOMPARE/hzq2024_working.pdf").read_bytes()
    for fraction in (0.1, 0.5, 0.9):
        path = tmp_path / f"cut{fraction}.pdf"
        path.write_bytes(data[: int(len(data) * fraction)])
        doc = read_document(path)
        assert [d.kind for d in doc.diagnostics] == ["unreadable"], fraction
        assert "不完整" in doc.diagnostics[0].message or "损坏" in doc.diagnostics[0].message
