"""Scanned PDFs read by OCR (the optional extra ``ocr``): a generated report's text PDF is
rendered to page images and rebuilt as an image-only PDF; its OCR reading is compared with
the text-layer reading of the same document. Skipped where the extra is not installed,
except the test of the message that names the install command."""

from __future__ import annotations

import copy

import pytest

from govinfo_lint.api import lint
from govinfo_lint.limits import Limits
from govinfo_lint.readers import read
from govinfo_lint.readers.ocr import scan as pdf_ocr
from tests.forms import pdf_form, twin
from tests.forms.scan_form import images_to_pdf, scan, score

# Measured on this report's noisy scan (docs/benchmarks.md): 188 of 198 cells right, 10 left
# unread (197 right on the clean scan); none may ever be read wrong.
MIN_RIGHT = 0.9


def _need_ocr():
    pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra is not installed")
    pytest.importorskip("pypdfium2")


@pytest.fixture(scope="module")
def readings(tmp_path_factory):
    _need_ocr()
    case = {c.name: c for c in twin.cases()}["varied-2019-1"]
    folder = tmp_path_factory.mktemp("ocr")
    text_pdf = folder / "report.pdf"
    text_pdf.write_bytes(pdf_form.render(copy.deepcopy(case.report)))
    scan_pdf = folder / "scan.pdf"
    scan_pdf.write_bytes(scan(text_pdf.read_bytes(), noisy=True))
    return read(text_pdf), read(scan_pdf)


def test_scan_cells_are_right_or_unread_never_wrong(readings):
    text, ocr = readings
    right, unread, wrong = score(text, ocr)
    total = right + unread + len(wrong)
    assert total >= 150 and not wrong, wrong
    assert right / total >= MIN_RIGHT, (right, unread, total)


def test_scan_says_it_was_read_by_ocr(readings):
    _text, ocr = readings
    assert ocr.input_kind == "pdf-ocr"
    (diag,) = [d for d in ocr.diagnostics if d.kind == "ocr_read"]
    assert 0.5 < diag.evidence["mean_confidence"] <= 1 and "平均置信度" in diag.message
    unread = {d.pointer for d in ocr.diagnostics if d.kind == "ocr_uncertain"}
    cells = {f"/tables/{t}/{r}/{c}" for t, r, c, cell in ocr.iter_cells() if cell.parse_error == "unread"}
    assert cells <= unread  # every cell left unread is named
    findings = lint(ocr)
    assert [f.severity for f in findings if f.code == "RDR-14"] == ["info"]
    assert not [f for f in findings if f.severity == "error"], [(f.code, f.message) for f in findings if f.severity == "error"]


def test_scan_sections_as_in_text(readings):
    text, ocr = readings
    assert [s.id for s in ocr.sections] == [s.id for s in text.sections]
    assert ocr.year == text.year and ocr.tables.keys() == text.tables.keys()


def _blank_pages(tmp_path, count: int, size=(400, 560), resolution=50.0):
    from PIL import Image

    path = tmp_path / "blank.pdf"
    path.write_bytes(images_to_pdf([Image.new("RGB", size, "white") for _ in range(count)], resolution))
    return path


def test_blank_scan_is_a_diagnostic(tmp_path):
    _need_ocr()
    report = read(_blank_pages(tmp_path, 3))
    assert [d.kind for d in report.diagnostics] == ["unreadable"]
    assert "未识别出任何文字" in report.diagnostics[0].message


def test_scan_over_the_page_limit(tmp_path):
    _need_ocr()
    report = read(_blank_pages(tmp_path, 3), limits=Limits(pdf_pages=2))
    assert [d.kind for d in report.diagnostics] == ["too_large"]


def test_huge_page_is_not_rendered(tmp_path):
    _need_ocr()
    # 2000 x 2000 pixels at 10 dpi: a page of 14,400 points square, 16 x 10^9 pixels at 200 dpi.
    report = read(_blank_pages(tmp_path, 1, size=(2000, 2000), resolution=10.0))
    kinds = [d.kind for d in report.diagnostics]
    assert kinds == ["too_large"] and "尺寸过大" in report.diagnostics[0].message


def test_without_the_extra_the_message_names_the_command(tmp_path, monkeypatch):
    pytest.importorskip("PIL")
    monkeypatch.setattr(pdf_ocr, "available", lambda: False)
    report = read(_blank_pages(tmp_path, 1))
    (diag,) = report.diagnostics
    assert diag.kind == "unreadable" and 'pip install "govinfo-lint[ocr]"' in diag.message


def test_split_box_gives_each_character_its_share():
    chars = pdf_ocr.split_box("总计12", 0.0, 30.0, 5.0, 15.0, 0.8)
    assert [c["text"] for c in chars] == ["总", "计", "1", "2"]
    assert chars[0]["x1"] - chars[0]["x0"] > chars[2]["x1"] - chars[2]["x0"]
    assert chars[-1]["x1"] == pytest.approx(30.0) and all(c["confidence"] == 0.8 for c in chars)


def test_a_box_too_narrow_for_its_figures_is_doubted():
    # szfgs2024 turned 1.8°: an "8" recognised as "00" in a box one figure wide.
    (one, two) = pdf_ocr.split_box("00", 0.0, 6.3, 0.0, 10.0, 0.9)
    assert one["confidence"] == two["confidence"] == pytest.approx(0.45)
    assert all(c["confidence"] == 0.9 for c in pdf_ocr.split_box("10", 0.0, 12.6, 0.0, 10.0, 0.9))
    assert all(c["confidence"] == 0.9 for c in pdf_ocr.split_box("总计", 0.0, 6.0, 0.0, 10.0, 0.9))  # not figures
    assert pdf_ocr.split_box("-2", 0.0, 6.3, 0.0, 10.0, 0.9)[0]["confidence"] == 0.9  # "-2": not digits alone


def _png_of(data: bytes, path, dpi: float = 200.0):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    pdf[0].render(scale=dpi / 72).to_pil().convert("RGB").save(path, dpi=(dpi, dpi))
    pdf.close()
    return path


def test_a_page_image_is_read_by_ocr(tmp_path):
    _need_ocr()
    import pdf_factory as f

    data = f.build([[f.centred(0, f.W, 60, "示例县交通运输局2021年政府信息公开工作年度报告", 16)]])
    report = read(_png_of(data, tmp_path / "page.png"))
    assert report.input_kind == "pdf-ocr" and "政府信息公开工作年度报告" in (report.title or "")
    assert [d.kind for d in report.diagnostics] == ["ocr_read"]


def test_hostile_images_are_diagnostics(tmp_path):
    _need_ocr()
    from PIL import Image

    Image.new("L", (10_000, 10_000), 255).save(tmp_path / "huge.png")
    assert [d.kind for d in read(tmp_path / "huge.png").diagnostics] == ["too_large"]
    blank = [Image.new("RGB", (800, 1100), "white") for _ in range(3)]
    blank[0].save(tmp_path / "blank.tif", save_all=True, append_images=blank[1:])
    report = read(tmp_path / "blank.tif")
    assert [d.kind for d in report.diagnostics] == ["unreadable"] and "未识别出任何文字" in report.diagnostics[0].message
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 100)
    assert [d.kind for d in read(tmp_path / "broken.jpg").diagnostics] == ["unreadable"]


def test_scan_of_500_pages_is_refused_before_reading(tmp_path):
    _need_ocr()
    report = read(_blank_pages(tmp_path, 500, size=(40, 56), resolution=5.0))
    (diag,) = report.diagnostics
    assert diag.kind == "too_large" and "500 页" in diag.message and "上限" in diag.message


def test_page_of_noise_is_read_without_a_figure_or_crash(tmp_path):
    _need_ocr()
    import numpy as np
    from PIL import Image

    grain = np.random.default_rng(7).integers(0, 256, (1100, 800, 3), dtype=np.uint8)
    path = tmp_path / "noise.pdf"
    path.write_bytes(images_to_pdf([Image.fromarray(grain)], 100.0))
    report = read(path)
    assert report.input_kind == "pdf-ocr" and not report.tables
    # Grain is not text: the scan is said to be unreadable (RDR-01), with no figure read.
    assert [d.kind for d in report.diagnostics] == ["unreadable"] and "未识别出任何文字" in report.diagnostics[0].message


def _edge(x0, x1, top, bottom, orientation):
    from govinfo_lint.readers.ocr.lines import _edge as edge

    return edge(x0, x1, top, bottom, orientation)


def test_a_table_broken_over_a_page_is_closed_under_its_last_row():
    from govinfo_lint.readers.ocr.lines import open_ends

    columns = [_edge(x, x, 364.0, 779.0 + k * 0.5, "v") for k, x in enumerate((77.0, 310.0, 342.0, 516.0))]
    rows = [_edge(77.0, 516.0, y, y, "h") for y in (364.0, 739.0, 759.0)]
    (closing,) = open_ends(columns + rows)
    assert closing["orientation"] == "h" and closing["x0"] == 77.0 and closing["x1"] == 516.0
    assert 779.0 <= closing["top"] <= 781.0
    assert open_ends(columns + rows + [closing]) == []  # a closed table gets no second rule
    # The strokes of a large title's characters end at one height too, but are short.
    strokes = [_edge(x, x, 100.0, 121.0, "v") for x in (330.0, 352.0, 371.0, 398.0)]
    assert open_ends(strokes) == []


def test_ink_in_a_cell_read_blank_leaves_it_unread():
    np = pytest.importorskip("numpy")  # the ocr extra brings it

    from govinfo_lint.readers.pdf.content import PageContent

    scale, content = 2.0, PageContent(200.0, 100.0)
    dark = np.zeros((200, 400), dtype=bool)
    dark[20:40, 30:36] = True  # a digit the detector missed, in the cell at (10, 5)
    ink = ((np.packbits(dark, axis=1), 400), scale)

    def unread_ink(ink, box):  # as uncertain_cells asks it
        return pdf_ocr._inked(pdf_ocr._cell_ink(ink, box, content), ink[1])

    assert unread_ink(ink, (10.0, 5.0, 40.0, 25.0))
    assert not unread_ink(ink, (60.0, 5.0, 90.0, 25.0))  # a blank cell
    dark[:, 118:121] = True  # only a rule at the cell's edge
    assert not unread_ink(((np.packbits(dark, axis=1), 400), scale), (60.0, 5.0, 90.0, 25.0))


def test_a_box_across_a_column_rule_is_cut_there():
    # The detector joins "结果 | 结果" of two narrow header cells into one box over their rule.
    np = pytest.importorskip("numpy")

    def quad(x0, x1, y0, y1):
        return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float32)

    rules = [(200.0, 90.0, 160.0), (300.0, 90.0, 160.0), (150.0, 18.0, 24.0)]
    boxes = pdf_ocr.cut_at_rules([quad(150, 250, 100, 130), quad(195, 240, 100, 130), quad(120, 180, 10, 30),
                                  quad(140, 280, 200, 230)], rules)
    bounds = [(float(b[:, 0].min()), float(b[:, 0].max())) for b in boxes]
    # cut at 200 with the rule's ink taken out; a rule near a box's end, a rule that does not
    # reach over the box (a character's stroke, another table) leave it whole
    assert bounds[0][0] == 150 and 195 < bounds[0][1] < 200 and 200 < bounds[1][0] < 205 and bounds[1][1] == 250
    assert bounds[2:] == [(195, 240), (120, 180), (140, 280)]
    whole = [quad(150, 250, 100, 130)]
    assert pdf_ocr.cut_at_rules(whole, []) is whole  # a page without column rules


def test_a_blank_last_row_cell_with_ink_is_unread_though_text_follows_the_table():
    # The last row's cell is bounded by its rules (its box), not by the page's foot: the text
    # under the table is not "read in the cell".
    np = pytest.importorskip("numpy")  # the ocr extra brings it

    from govinfo_lint.model import Location
    from govinfo_lint.readers.document import Document, GridCell, TableGrid
    from govinfo_lint.readers.pdf.content import PageContent

    scale, content = 2.0, PageContent(200.0, 200.0)
    dark = np.zeros((400, 400), dtype=bool)
    dark[20:40, 30:36] = True  # a figure under a seal the detector missed, in the cell at (10, 5)
    content.chars = [{"text": "五", "x0": 12.0, "x1": 22.0, "top": 150.0, "bottom": 160.0, "confidence": 0.99}]
    cell = GridCell("", Location(page=1, x=10.0, y=5.0, w=30.0, h=20.0))
    doc = Document("scan.pdf", "pdf-ocr", blocks=[TableGrid(rows=[[cell]])])
    (found,) = pdf_ocr.uncertain_cells(doc, {1: content}, {1: ((np.packbits(dark, axis=1), 400), scale)})
    assert found is cell.loc


def test_a_header_label_with_one_stray_character_names_its_column():
    from govinfo_lint.readers.mapping.table_review import column_of

    assert column_of("结果福维持") == "upheld" and column_of("结果纠正。") == "corrected"
    assert column_of("结果维持") == "upheld" and column_of("尚未审结") == "pending"
    assert column_of("结果福利维持") is None and column_of("行政复议") is None
    assert column_of("总计额") is None
