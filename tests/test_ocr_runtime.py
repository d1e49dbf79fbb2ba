"""The OCR models run on OpenVINO (the ocr extra installs it) or on onnxruntime: both must
read a scan alike, and the reader's own detection input must be RapidOCR's to the bit.
Skipped where the ocr extra is not installed."""

from __future__ import annotations

import copy

import pytest

from tests.forms import pdf_form, twin
from tests.forms.scan_form import scan


def _need_ocr():
    pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra is not installed")
    pytest.importorskip("pypdfium2")


@pytest.fixture(scope="module")
def page():
    """The first page of a noisy scan of a generated report, as the reader sees it (grey, upright)."""
    _need_ocr()
    import numpy as np
    import pypdfium2 as pdfium

    from govinfo_lint.readers.ocr.lines import deskew, ink

    case = {c.name: c for c in twin.cases()}["sample-2021"]
    pdf = pdfium.PdfDocument(scan(pdf_form.render(copy.deepcopy(case.report)), noisy=True))
    try:
        bitmap = pdf[0].render(scale=200 / 72)
        rgb = np.array(bitmap.to_pil().convert("RGB"))
    finally:
        pdf.close()
    return deskew(ink(rgb))


def test_grey_tables_are_rapidocrs_normalisation():
    _need_ocr()
    import numpy as np
    from rapidocr_onnxruntime.ch_ppocr_det.utils import DetPreProcess

    from govinfo_lint.readers.ocr.scan import _grey_tables

    for mean, std in (((0.5, 0.5, 0.5), (0.5, 0.5, 0.5)), ((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))):
        prepare = DetPreProcess(736, "min", list(mean), list(std))
        levels = np.arange(256, dtype=np.uint8).reshape(1, 256)
        theirs = prepare.normalize(np.dstack([levels] * 3)).astype(np.float32)
        ours = _grey_tables(prepare.scale, tuple(prepare.mean), tuple(prepare.std))
        for channel in range(3):
            assert np.array_equal(theirs[0, :, channel], ours[channel])


def test_detect_finds_rapidocrs_own_boxes(page):
    import numpy as np

    from govinfo_lint.readers.ocr import scan as pdf_ocr

    theirs, _elapsed = pdf_ocr.engine().text_det(np.dstack([page] * 3))
    ours = pdf_ocr.detect(page)
    assert len(ours) >= 20 and np.array_equal(theirs, ours)


def _reading(page, runtime: str, monkeypatch):
    from govinfo_lint.readers.ocr import scan as pdf_ocr

    monkeypatch.setenv("GOVINFO_OCR_RUNTIME", runtime)
    monkeypatch.setattr(pdf_ocr, "_engine", None)  # a fresh engine on this runtime, the process's put back after
    assert pdf_ocr.runtime() == runtime
    return pdf_ocr.recognise(page)


def test_openvino_reads_as_onnxruntime(page, monkeypatch):
    pytest.importorskip("openvino", reason="openvino is not installed")
    ours = _reading(page, "openvino", monkeypatch)
    theirs = _reading(page, "onnxruntime", monkeypatch)
    assert len(ours) == len(theirs) >= 20
    for (box, text, score, digits), (box2, text2, score2, digits2) in zip(ours, theirs):
        assert box == box2 and text == text2
        assert abs(score - score2) < 0.005, (text, score, score2)
        assert (digits and digits[0]) == (digits2 and digits2[0]), (text, digits, digits2)


def test_read_crops_is_rapidocrs_recognition(page):
    import numpy as np

    from govinfo_lint.readers.ocr import scan as pdf_ocr

    eng = pdf_ocr.engine()
    crops = eng.get_crop_img_list(np.dstack([page] * 3), list(pdf_ocr.detect(page)))
    ours = pdf_ocr.read_crops(crops)
    theirs = eng.text_rec(crops, False)[0]
    assert len(ours) == len(theirs) >= 20
    for (text, score, _digits), (text2, score2, *_rest) in zip(ours, theirs):
        assert (text, score) == (text2, score2)


def test_unknown_runtime_name_falls_back(monkeypatch):
    _need_ocr()
    from govinfo_lint.readers.ocr import scan as pdf_ocr

    monkeypatch.setenv("GOVINFO_OCR_RUNTIME", "tensorrt")
    assert pdf_ocr.runtime() in ("openvino", "onnxruntime")
