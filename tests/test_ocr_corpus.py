"""Real reports of the corpus, scanned: a text PDF of ``../shared/corpus`` rendered to
page images with grain, a slight turn, a red seal over each table's first figures and
JPEG compression (``tests/forms/scan_form.py``), rebuilt as an image-only PDF and read by
OCR, against the text-layer reading of the same file. Skipped without ../shared or
without the ``ocr`` extra."""

from __future__ import annotations

import pytest

from govinfo_lint.readers import read
from tests.forms.scan_form import compare, scan, table_corners

# Small ones (5 pages): 洪泽区 2023 has a real arithmetic error (SUM-04) the scan must keep.
REPORTS = ["KIROGOVCOMPARE/hzq2023_working.pdf"]


@pytest.mark.parametrize("name", REPORTS)
def test_scanned_corpus_report_reads_as_its_text_layer(corpus_dir, tmp_path, name):
    pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra is not installed")
    source = corpus_dir / name
    if not source.is_file():
        pytest.skip(f"{name} is not in the corpus")
    text = read(source)
    assert text.input_kind == "pdf" and text.tables, "the text layer is the reference"
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan(source.read_bytes(), noisy=True, angle=1.2, stamps=table_corners(text)))
    ocr = read(path)
    assert ocr.input_kind == "pdf-ocr"
    got = compare(text, ocr)
    total = got["right"] + got["unread"] + len(got["wrong"])
    assert total >= 150 and not got["wrong"], got["wrong"]
    assert got["right"] / total >= 0.9, got
    assert not got["missed_sections"], got["missed_sections"]
    assert (got["text_only"], got["ocr_only"]) == ([], []), got
