"""The PDF reader on PDFs written in the test: text, ruled and unruled tables, hostile files.

The PDFs come from ``pdf_factory`` (hand-written PDF syntax, no library), so every
case is exact: where a rule is drawn, which spacing a figure has, what is encrypted.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import pdf_factory as f
from govinfo_lint.limits import Limits
from govinfo_lint.readers.pdf import read as pdf_reader
from govinfo_lint.readers import read
from govinfo_lint.readers.document import Paragraph, TableGrid
from govinfo_lint.readers.pdf.read import read_document


def write(tmp_path: Path, data: bytes, name: str = "r.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def paragraphs(doc) -> list[Paragraph]:
    return [b for b in doc.blocks if isinstance(b, Paragraph)]


def grids(doc) -> list[TableGrid]:
    return [b for b in doc.blocks if isinstance(b, TableGrid)]


def cells(row) -> list[str]:
    return ["".join(c.text.split()) for c in row]


@pytest.fixture(scope="module")
def ruled(tmp_path_factory):
    path = write(tmp_path_factory.mktemp("pdf"), f.report_pdf())
    return path, read_document(path)


@pytest.fixture(scope="module")
def unruled(tmp_path_factory):
    path = write(tmp_path_factory.mktemp("pdf"), f.report_pdf(ruled=False))
    return path, read_document(path)


# --- text ---------------------------------------------------------------------------------------

def test_paragraphs_in_reading_order_with_places(ruled):
    _, doc = ruled
    assert doc.diagnostics == []
    paras = paragraphs(doc)
    assert [p.text for p in paras[:3]] == ["某县统计局", "2024年政府信息公开工作年度报告", "一、总体情况"]
    assert [p.align for p in paras[:3]] == ["center", "center", None]
    assert [(p.loc.page, p.loc.line) for p in paras[:4]] == [(1, 1), (1, 2), (1, 3), (1, 4)]
    assert paras[3].loc.x == pytest.approx(57 + 21) and paras[3].loc.y == pytest.approx(190, abs=1)


def test_wrapped_lines_are_one_paragraph_and_figures_stay_whole(ruled):
    _, doc = ruled
    texts = [p.text for p in paragraphs(doc)]
    body = next(t for t in texts if t.startswith("2024年，我局"))
    assert body.endswith("依法保障了人民群众的知情权。") and "1136条" in body and "\n" not in body
    # Drawn character by character with letter spacing: no space inside words or numbers.
    assert "全年收到申请6件，主动公开1136条。" in texts
    assert not any(re.search(r"\d \d", t) for t in texts)


def test_running_header_and_page_numbers_are_dropped(ruled):
    _, doc = ruled
    texts = [p.text for p in paragraphs(doc)]
    assert f.TITLE not in texts
    assert not any(re.fullmatch(r"-\s*\d+\s*-", t) for t in texts)
    assert [p.loc.line for p in paragraphs(doc) if p.loc.page == 2] == [1]  # the header is not line 1


def test_line_numbers_restart_on_each_page(ruled):
    _, doc = ruled
    page3 = [p for p in paragraphs(doc) if p.loc.page == 3]
    assert page3[0].text == "四、政府信息公开行政复议、行政诉讼情况" and page3[0].loc.line == 1
    assert [p.loc.line for p in page3] == sorted(p.loc.line for p in page3)


# --- ruled tables -------------------------------------------------------------------------------

def test_ruled_tables_are_grids_in_order(ruled):
    _, doc = ruled
    found = grids(doc)
    # Table 三 goes on from page 2 to page 3: one grid; the page-3 part keeps its number (3) in its places.
    assert [(g.loc.page, g.loc.table) for g in found] == [(1, 1), (2, 2), (3, 4)]
    heads = [p.text for p in paragraphs(doc)]
    for word in ("信息内容", "本年新收政府信息公开申请数量", "结果维持", "属于国家秘密"):
        assert not any(word in t for t in heads)


def test_merged_cells_are_expanded(ruled):
    _, doc = ruled
    review = grids(doc)[2]
    assert [len(r) for r in review.rows] == [15] * 4
    top = review.rows[0]
    assert [(c.text, c.origin, c.col_span) for c in top[:6]] == (
        [("行政复议", True, 5)] + [("行政复议", False, 5)] * 4 + [("行政诉讼", True, 10)])
    assert cells(review.rows[2])[:5] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert review.rows[1][0].row_span == 2 and review.rows[2][0].origin is False
    assert cells(review.rows[3]) == [str(v) for v in f.REVIEW_VALUES]
    cell = review.rows[3][4]
    assert (cell.loc.page, cell.loc.table, cell.loc.row, cell.loc.cell) == (3, 4, 4, 5)


def test_table_split_over_pages_is_one_grid(ruled):
    _, doc = ruled
    table = grids(doc)[1]
    assert table.loc.page == 2
    assert cells(table.rows[3])[:3] == ["一、本年新收政府信息公开申请数量"] * 3
    assert cells(table.rows[7])[:3] == ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]
    # The continuation repeats no header; its blank spanning label cell is the one begun on
    # page 2, so it carries that label (as a repeat), and its own cells keep their page-3 places.
    first_cont = table.rows[3 + 14]
    assert cells(first_cont)[:3] == ["三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确"]
    assert first_cont[0].origin is False and first_cont[0].loc.page == 2
    assert (first_cont[2].loc.page, first_cont[2].loc.table, first_cont[2].loc.row) == (3, 3, 1)
    assert [len(r) for r in table.rows] == [10] * (3 + len(f.REQUEST_ROWS))


def test_invisible_paths_do_not_cut_cells(tmp_path):
    """A white cell background and a clipping rectangle are not rules; a row closed only by
    its white background at a page foot is still a row."""
    xs, ys = [60.0, 160.0, 260.0, 360.0], [100.0, 120.0, 140.0, 160.0]
    ops = [f.line(xs[0], ys[0], xs[-1], ys[0]), f.line(xs[0], ys[1], xs[-1], ys[1]),
           f.line(xs[0], ys[2], xs[-1], ys[2])]
    ops += [f.line(x, ys[0], x, ys[-1]) for x in (xs[0], xs[-1])] + [f.line(x, ys[1], x, ys[-1]) for x in xs[1:3]]
    ops += [f.rect(200, ys[0], xs[-1], ys[1]),  # white background over part of the merged header
            f.rect(xs[0], ys[2], xs[-1], ys[3]),  # the last row's background: its only bottom edge
            f.rect(300, ys[0], 301, ys[-1], paint="W n")]  # a clipping path
    ops += [f.centred(xs[0], xs[-1], 104, "行政诉讼"), f.text(64, 124, "甲"), f.text(164, 124, "乙"),
            f.text(264, 124, "丙"), f.text(64, 144, "1"), f.text(164, 144, "2"), f.text(264, 144, "3")]
    doc = read_document(write(tmp_path, f.build([ops])))
    (grid,) = grids(doc)
    assert [cells(r) for r in grid.rows] == [["行政诉讼"] * 3, ["甲", "乙", "丙"], ["1", "2", "3"]]
    assert grid.rows[0][0].col_span == 3 and [c.origin for c in grid.rows[0]] == [True, False, False]


# --- unruled tables -----------------------------------------------------------------------------

def test_unruled_tables_are_rebuilt_from_word_positions(unruled):
    _, doc = unruled
    assert [d.kind for d in doc.diagnostics] == []
    found = grids(doc)
    review = next(g for g in found if any("行政复议" in c.text for r in g.rows for c in r))
    assert cells(review.rows[-1]) == [str(v) for v in f.REVIEW_VALUES]
    requests = [g for g in found if g.loc.page > 1 and g is not review]
    rows = [cells(r) for g in requests for r in g.rows]
    new = next(r for r in rows if "一、本年新收政府信息公开申请数量" in r)
    assert new[-7:] == ["5", "1", "0", "0", "0", "0", "6"]
    # A label wrapped around its numbers is one label again.
    fee = next(r for r in rows if any(c.startswith("2.申请人逾期未按收费通知") for c in r))
    assert "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" in fee
    assert not any("属于国家秘密" in p.text for p in paragraphs(doc))


def test_unruled_report_values(unruled):
    path, _ = unruled
    report = read(path)
    assert report.tables["review"].rows["reconsideration"].cells["total"].value == 4
    requests = report.tables["requests"]
    assert [c.value for c in requests.rows["new_received"].cells.values()] == [5, 1, 0, 0, 0, 0, 6]
    assert [c.value for c in requests.rows["unable_not_held"].cells.values()] == [2, 0, 0, 0, 0, 0, 2]
    assert requests.rows["other_fee_unpaid"].cells["total"].value == 0
    proactive = report.tables["proactive"]
    assert [c.value for c in proactive.rows["normative_documents"].cells.values()] == [3, 1, 12]
    assert proactive.rows["licensing"].cells["decisions"].value == 1136


def test_a_figure_that_cannot_be_placed_is_reported(tmp_path):
    ops = [f.text(60, 100, "甲"), f.text(200, 100, "123456789"), f.text(330, 100, "5"), f.text(400, 100, "6"),
           f.text(60, 116, "乙"), f.text(200, 116, "1"), f.text(280, 116, "2"), f.text(330, 116, "7"),
           f.text(400, 116, "8")]
    doc = read_document(write(tmp_path, f.build([ops])))
    (grid,) = grids(doc)
    assert cells(grid.rows[0]) == ["甲", "123456789", "5", "6"]
    assert cells(grid.rows[1])[1] == "12"  # "1 2" kept together in one cell, and said so
    (diag,) = doc.diagnostics
    assert diag.kind == "cell_unreadable" and "“2”" in diag.message and diag.loc.page == 1
    assert (diag.loc.table, diag.loc.row, diag.loc.cell) == (1, 2, 2)


def test_prose_with_wide_gaps_is_not_a_table(tmp_path):
    ops = [f.text(60, 100, "淮安市人民政府办公室"), f.text(400, 100, "2025年1月20日"),
           f.text(60, 116, "联系电话：0517-83605210"), f.text(400, 116, "邮编：223001")]
    doc = read_document(write(tmp_path, f.build([ops])))
    assert grids(doc) == [] and [p.text for p in paragraphs(doc)] == [
        "淮安市人民政府办公室 2025年1月20日", "联系电话：0517-83605210 邮编：223001"]


# --- end to end ---------------------------------------------------------------------------------

def test_report_every_cell(ruled):
    path, _ = ruled
    report = read(path)
    assert (report.agency, report.year, report.format, report.input_kind) == ("某县统计局", 2024, "2021", "pdf")
    assert [s.id for s in report.sections] == ["overview", "proactive", "requests", "review", "problems", "other"]
    proactive = report.tables["proactive"]
    for rid, values in f.PROACTIVE_VALUES.items():
        assert [c.raw for c in proactive.rows[rid].cells.values()] == values, rid
    requests = report.tables["requests"]
    ids = list(requests.rows)
    assert len(ids) == 25
    assert [[c.raw for c in requests.rows[rid].cells.values()] for rid in ids] == [row[3] for row in f.REQUEST_ROWS]
    review = report.tables["review"]
    got = [c.value for rid in ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
           for c in review.rows[rid].cells.values()]
    assert got == f.REVIEW_VALUES
    loc = requests.rows["declined_petition"].cells["natural_person"].loc
    assert (loc.page, loc.row, loc.cell) == (3, 2, 4)


# --- files that cannot be read ------------------------------------------------------------------

@pytest.mark.parametrize(("data", "words"), [
    (b"", "为空"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "不是 PDF"),
    (b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n", "损坏"),
    (b"%PDF-1.7\n" + bytes(range(256)) * 20, "不完整"),  # no end marker: refused before parsing
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog", "不完整"),
])
def test_broken_files(tmp_path, data, words):
    doc = read_document(write(tmp_path, data))
    assert [d.kind for d in doc.diagnostics] == ["unreadable"] and words in doc.diagnostics[0].message
    assert doc.diagnostics[0].message_en and doc.blocks == []


def test_truncated_file_is_incomplete(tmp_path):
    data = f.build([[f.text(72, 72, "某县统计局2024年政府信息公开工作年度报告", 16)], [f.text(72, 72, "第二页")]])
    cut = data[:data.index(b"startxref")]  # pdfminer still finds every object; the end is missing
    doc = read_document(write(tmp_path, cut))
    assert [d.kind for d in doc.diagnostics] == ["unreadable"] and "不完整" in doc.diagnostics[0].message
    doc = read_document(write(tmp_path, data[: len(data) // 2], "half.pdf"))
    assert [d.kind for d in doc.diagnostics] == ["unreadable"]


def test_truncated_file_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    import pdfplumber

    def parse(*_args, **_kwargs):
        raise AssertionError("a truncated file was parsed")

    monkeypatch.setattr(pdfplumber, "open", parse)
    data = f.build([[f.text(72, 72, "内部资料")]], user_pw="secret")  # encrypted too: the cut is said first
    doc = read_document(write(tmp_path, data[:data.index(b"startxref")]))
    (diag,) = doc.diagnostics
    assert diag.kind == "unreadable" and "不完整" in diag.message and "%%EOF" in diag.message_en


def test_encrypted_with_an_open_password(tmp_path):
    doc = read_document(write(tmp_path, f.build([[f.text(72, 72, "内部资料")]], user_pw="secret")))
    (diag,) = doc.diagnostics
    assert diag.kind == "unreadable" and "加密" in diag.message and "密码" in diag.message
    assert "encrypted" in diag.message_en and doc.blocks == []


def test_encrypted_with_owner_password_only_is_read(tmp_path):
    doc = read_document(write(tmp_path, f.build([[f.text(72, 72, "全年收到申请6件")]], user_pw="")))
    assert doc.diagnostics == [] and [p.text for p in paragraphs(doc)] == ["全年收到申请6件"]


def test_scan_without_text_layer_needs_ocr(tmp_path, monkeypatch):
    from govinfo_lint.readers.ocr import scan as pdf_ocr

    monkeypatch.setattr(pdf_ocr, "available", lambda: False)  # with the ocr extra the scan is read (test_ocr.py)
    doc = read_document(write(tmp_path, f.build([[], []], image_pages=(0, 1))))
    (diag,) = doc.diagnostics
    assert diag.kind == "unreadable" and "OCR" in diag.message and "text layer" in diag.message_en


def test_read_never_raises_on_broken_pdf(tmp_path):
    report = read(write(tmp_path, b"%PDF-1.4\n%%EOF\n" + b"\x00" * 100))
    assert [d.kind for d in report.diagnostics] == ["unreadable"]


# --- bounds -------------------------------------------------------------------------------------

def test_page_limit(tmp_path):
    path = write(tmp_path, f.build([[f.text(72, 72, f"第{i}页")] for i in range(5)]))
    doc = read_document(path, Limits(pdf_pages=3))
    assert [d.kind for d in doc.diagnostics] == ["too_large"] and "5 页" in doc.diagnostics[0].message
    assert doc.blocks == []
    assert read_document(path, Limits(pdf_pages=5)).diagnostics == []


def test_time_limit(tmp_path):
    path = write(tmp_path, f.build([[f.text(72, 72, "正文")]] * 3))
    doc = read_document(path, Limits(pdf_seconds=0))
    assert [d.kind for d in doc.diagnostics] == ["too_large"] and doc.diagnostics[0].loc.page == 1


def test_oversized_page_content_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_PAGE_CONTENT", 200)
    ops = [f.text(72, 72, "短页")]
    path = write(tmp_path, f.build([ops, ops + [f.text(72, 100 + i, "长") for i in range(20)]]))
    doc = read_document(path)
    assert [(d.kind, d.loc.page) for d in doc.diagnostics] == [("too_large", 2)]


def test_a_drawing_with_thousands_of_rules_is_not_table_searched(tmp_path):
    ops = [f.line(50 + i * 0.2, 50, 50 + i * 0.2, 60) for i in range(2500)] + [f.text(72, 100, "图后的正文")]
    doc = read_document(write(tmp_path, f.build([ops])))
    assert doc.diagnostics == [] and grids(doc) == [] and [p.text for p in paragraphs(doc)] == ["图后的正文"]


def test_a_page_framed_as_one_table_reads_as_text_and_table(tmp_path):
    """Some reports put a whole page in one bordered box: full-width rows of text are
    paragraphs, the rows with columns stay a table."""
    xs, ys = [60.0, 200.0, 300.0, 400.0], [100.0, 120.0, 160.0, 180.0, 200.0]
    spec = [(0, 0, 1, 3, "四、政府信息公开行政复议、行政诉讼情况"),
            (1, 0, 1, 3, "本年度未发生因政府信息公开引起的行政复议、行政诉讼案件，具体如下表。"),
            (2, 0, 1, 1, "行政复议"), (2, 1, 1, 1, "结果维持"), (2, 2, 1, 1, "总计"),
            (3, 0, 1, 1, "件数"), (3, 1, 1, 1, "0"), (3, 2, 1, 1, "0")]
    doc = read_document(write(tmp_path, f.build([f.table(xs, ys, spec, size=9)])))
    texts = [p.text for p in paragraphs(doc)]
    assert texts == ["四、政府信息公开行政复议、行政诉讼情况",
                     "本年度未发生因政府信息公开引起的行政复议、行政诉讼案件，具体如下表。"]
    (grid,) = grids(doc)
    assert [cells(r) for r in grid.rows] == [["行政复议", "结果维持", "总计"], ["件数", "0", "0"]]


def test_centred_title_on_the_page(ruled):
    """PDF uses the title finder DOCX and HTML use (before, only the file's Title metadata)."""
    _, doc = ruled
    assert doc.title == "某县统计局2024年政府信息公开工作年度报告"


def test_nearest_bound_is_the_first_nearest():
    # grid._index bisects; it must name the bound min() over all of them would (ties: the lower).
    from hypothesis import given, strategies as st

    from govinfo_lint.readers.pdf.grid import _cluster, _index

    @given(st.lists(st.floats(-1e4, 1e4), min_size=1, max_size=30), st.floats(-2e4, 2e4))
    def same(values, v):
        bounds = _cluster(values)
        assert _index(bounds, v) == min(range(len(bounds)), key=lambda i: abs(bounds[i] - v))

    same()
    assert _index([0.0, 10.0], 5.0) == 0 and _index([0.0, 10.0], 5.01) == 1


def test_cells_are_pdfplumbers():
    # grid.smallest_cells replaces pdfplumber's intersections_to_cells for speed: the same
    # cells in the same order, on grids of rules with pieces missing, doubled, overlapping.
    from hypothesis import given, settings, strategies as st
    from pdfplumber.table import edges_to_intersections, intersections_to_cells

    from govinfo_lint.readers.pdf.grid import smallest_cells

    def edge(orientation, at, start, end):
        if orientation == "v":
            return {"x0": at, "x1": at, "top": start, "bottom": end, "orientation": "v"}
        return {"x0": start, "x1": end, "top": at, "bottom": at, "orientation": "h"}

    stops = st.sampled_from([0.0, 10.0, 20.0, 30.0, 45.0, 60.0, 61.0])
    rule = st.tuples(st.sampled_from("vh"), stops, stops, stops).map(
        lambda t: edge(t[0], t[1], min(t[2], t[3]), max(t[2], t[3])))

    @settings(max_examples=300, deadline=None)
    @given(st.lists(rule, max_size=40))
    def same(edges):
        crossings = edges_to_intersections(edges)
        assert smallest_cells(crossings) == intersections_to_cells(crossings)

    same()
    full = [edge("v", x, 0.0, 30.0) for x in (0.0, 10.0, 20.0)] + [edge("h", y, 0.0, 20.0) for y in (0.0, 15.0, 30.0)]
    assert smallest_cells(edges_to_intersections(full)) == [
        (0.0, 0.0, 10.0, 15.0), (0.0, 15.0, 10.0, 30.0), (10.0, 0.0, 20.0, 15.0), (10.0, 15.0, 20.0, 30.0)]


def test_rules_merge_as_pdfplumber_merges_them():
    # grid.merge_edges replaces pdfplumber's merge_edges for speed: the same rules, in the same
    # order, with the same sums, for rules near each other, overlapping, touching, with or
    # without pdfplumber's y0/y1/doctop keys.
    from hypothesis import given, settings, strategies as st
    from pdfplumber.table import merge_edges as pdfplumbers

    from govinfo_lint.readers.pdf.grid import merge_edges

    at = st.sampled_from([0.0, 0.1, 0.2, 0.30000000000000004, 1.5, 3.0, 3.1, 7.0, 10.0, 12.9, 13.0, 20.0])

    @st.composite
    def rule(draw):
        orientation, pos, a, b = draw(st.sampled_from("vh")), draw(at), draw(at), draw(at)
        lo, hi = min(a, b), max(a, b)
        if orientation == "v":
            e = {"x0": pos, "x1": pos, "top": lo, "bottom": hi, "width": 0.0, "height": hi - lo}
        else:
            e = {"x0": lo, "x1": hi, "top": pos, "bottom": pos, "width": hi - lo, "height": 0.0}
        if draw(st.booleans()):
            e.update(doctop=e["top"], y0=100.0 - e["bottom"], y1=100.0 - e["top"])
        return {**e, "orientation": orientation, "object_type": "rect_edge"}

    @settings(max_examples=300, deadline=None)
    @given(st.lists(rule(), max_size=30), st.sampled_from([0, 1, 3]), st.sampled_from([0, 1, 3]))
    def same(edges, snap, join):
        assert merge_edges(edges, snap, snap, join, join) == pdfplumbers(edges, snap, snap, join, join)

    same()


def test_cell_text_is_the_text_of_the_cells_lines():
    # cell_text skips building Line objects for speed: it must give what joining make_lines'
    # texts gives, for glyphs overlapping, doubled (fake bold), spaced, rotated and blank.
    from hypothesis import given, settings, strategies as st

    from govinfo_lint.readers.pdf.text import cell_text, make_lines

    at = st.sampled_from([0.0, 0.4, 1.0, 5.0, 5.5, 9.0, 10.0, 12.0, 21.0, 30.0])

    @st.composite
    def glyph(draw):
        x0, top, size = draw(at), draw(at), draw(st.sampled_from([0.0, 5.0, 10.0, 12.0]))
        width = draw(st.sampled_from([0.0, 3.0, 5.0, 10.0]))
        c = {"text": draw(st.sampled_from(["1", "2", ".", "a", "B", "年", "（", " ", "\u3000", ""])),
             "x0": x0, "x1": x0 + width, "top": top, "bottom": top + (size or 10.0)}
        if draw(st.booleans()):
            c["size"] = size
        if draw(st.integers(0, 5)) == 0:
            c["upright"] = False
        return c

    @settings(max_examples=400, deadline=None)
    @given(st.lists(glyph(), max_size=25))
    def same(chars):
        assert cell_text(chars) == "\n".join(line.text for line in make_lines(chars))

    same()
