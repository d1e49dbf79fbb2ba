"""Page images as one scanned report (issue 17): a multi-page TIFF (every frame a page) and a
folder of page images named on the command line, pages in the order of their names. An
ordinary folder of reports is walked as before. The OCR tests are skipped without the extra."""

from __future__ import annotations

import pytest

from govinfo_lint.files import expand_paths
from govinfo_lint.readers import read
from govinfo_lint.readers.ocr.image import page_folder


def _need_ocr():
    pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra is not installed")
    pytest.importorskip("pypdfium2")


def _touch(folder, *names):
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / name).write_bytes(b"")
    return folder


def test_a_folder_of_page_images_is_in_page_order(tmp_path):
    folder = _touch(tmp_path / "scan", "第10页.png", "第2页.jpg", "第1页.tif", ".DS_Store", "Thumbs.db")
    assert [p.name for p in page_folder(folder)] == ["第1页.tif", "第2页.jpg", "第10页.png"]


def test_other_folders_are_not_page_folders(tmp_path):
    assert page_folder(_touch(tmp_path / "empty")) is None
    assert page_folder(_touch(tmp_path / "mixed", "1.png", "年报.pdf")) is None
    nested = _touch(tmp_path / "nested", "1.png")
    (nested / "sub").mkdir()
    assert page_folder(nested) is None


def test_command_line_folder_of_pages_is_one_input_and_reports_are_walked_as_before(tmp_path):
    pages = _touch(tmp_path / "pages", "1.png", "2.png")
    reports = _touch(tmp_path / "reports", "a.pdf", "logo.png")
    _touch(reports / "scan", "1.png")  # inside a folder walk: images are never taken
    files, missing = expand_paths([str(pages), str(reports)])
    assert not missing and files == [pages, reports / "a.pdf"]


def _pdf_pages(tmp_path):
    """A two-page generated report's pages rendered as images at 200 dpi."""
    import pypdfium2 as pdfium

    import pdf_factory as f

    data = f.build([
        [f.centred(0, f.W, 60, "示例县交通运输局2021年政府信息公开工作年度报告", 16), f.text(57, 120, "一、总体情况", 14)],
        [f.text(57, 80, "二、主动公开政府信息情况", 14)],
    ])
    pdf = pdfium.PdfDocument(data)
    images = [pdf[i].render(scale=200 / 72).to_pil().convert("RGB") for i in range(len(pdf))]
    pdf.close()
    return images


def _headings(report):
    return [(s.id, s.loc.page if s.loc else None) for s in report.sections if s.id]


def test_multi_page_tiff_and_folder_read_as_one_report(tmp_path):
    _need_ocr()
    images = _pdf_pages(tmp_path)
    images[0].save(tmp_path / "scan.tif", save_all=True, append_images=images[1:], dpi=(200, 200))
    folder = tmp_path / "pages"
    folder.mkdir()
    # Named so that text order (10 < 9) and page order differ.
    images[0].save(folder / "p9.png", dpi=(200, 200))
    images[1].save(folder / "p10.png", dpi=(200, 200))
    for report in (read(tmp_path / "scan.tif"), read(folder)):
        assert report.input_kind == "pdf-ocr", report.diagnostics
        assert "政府信息公开工作年度报告" in (report.title or "")
        assert _headings(report)[:2] == [("overview", 1), ("proactive", 2)], report.source
        (diag,) = [d for d in report.diagnostics if d.kind == "ocr_read"]
        assert diag.evidence["pages"] == 2


def test_page_folder_limits_hold(tmp_path):
    _need_ocr()
    from PIL import Image

    from govinfo_lint.limits import OCR_PAGES

    many = tmp_path / "many"
    many.mkdir()
    blank = Image.new("L", (8, 8), 255)
    for i in range(OCR_PAGES + 1):
        blank.save(many / f"{i}.png")
    (diag,) = read(many).diagnostics
    assert diag.kind == "too_large" and f"超过文字识别的上限 {OCR_PAGES} 页" in diag.message
    broken = tmp_path / "broken"
    broken.mkdir()
    blank.save(broken / "1.png")
    (broken / "2.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    (diag,) = read(broken).diagnostics
    assert diag.kind == "unreadable" and "“2.png”" in diag.message
    assert read(tmp_path / "many", max_bytes=100).diagnostics[0].kind == "too_large"


def test_check_names_the_folder_as_one_file(tmp_path, capsys):
    _need_ocr()
    import json

    from PIL import Image

    from govinfo_lint.limits import OCR_PAGES
    from tests.cli_run import run

    folder = tmp_path / "扫描件"
    folder.mkdir()
    for i in range(OCR_PAGES + 1):
        Image.new("L", (8, 8), 255).save(folder / f"{i}.png")
    code, out, _err = run(capsys, "check", folder, "-f", "json", "--no-cache")
    (result,) = json.loads(out)["files"]
    assert code == 1 and result["path"].endswith("扫描件") and result["input_kind"] == "pdf-ocr"
    (finding,) = result["findings"]
    assert (finding["code"], finding["severity"]) == ("RDR-03", "error")
    assert f"扫描件共 {OCR_PAGES + 1} 页" in finding["message"]


def test_a_link_out_of_the_page_folder_is_not_read(tmp_path):
    _need_ocr()
    from PIL import Image

    outside = tmp_path / "private.png"
    Image.new("L", (8, 8), 255).save(outside)
    folder = tmp_path / "pages"
    folder.mkdir()
    Image.new("L", (8, 8), 255).save(folder / "1.png")
    (folder / "2.png").symlink_to(outside)
    (diag,) = read(folder).diagnostics
    assert diag.kind == "unreadable" and "符号链接" in diag.message and "2.png" in diag.message
