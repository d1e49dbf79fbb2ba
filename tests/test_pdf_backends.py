"""Differential test: the pdfium and the pdfplumber reading of the same PDF give the same document.

Every PDF the reader tests generate (hand-built pages, the held-out style forms in every
layout, hostile files) and every corpus PDF is read with ``GOVINFO_PDF_BACKEND`` set to each
backend; the report model with locations, the reader's diagnostics and the findings must be
equal, as ``benchmarks/snapshot.py`` would write them. A second check compares the pages
themselves: same characters (text, box, size, uprightness) and same ruling edges.
"""

from __future__ import annotations

import collections
import copy
from functools import lru_cache
from pathlib import Path

import pytest

import hostile_pdf
import pdf_factory as f
from forms import pdf_form
from govinfo_lint import samples


def _snapshot(path: Path, backend: str, monkeypatch) -> dict:
    from govinfo_lint.engine.runner import lint_report
    from govinfo_lint.readers import read
    from govinfo_lint.serialize import report_to_dict

    monkeypatch.setenv("GOVINFO_PDF_BACKEND", backend)
    report = read(path)
    return {"model": report_to_dict(report, with_locations=True),
            "diagnostics": [repr(d) for d in getattr(report, "diagnostics", [])],
            "findings": [x.to_dict() for x in lint_report(report, _rules())]}


@lru_cache(maxsize=1)
def _rules():
    from govinfo_lint.api import load_rules

    return load_rules()


def _varied(fmt: str) -> dict:
    report = copy.deepcopy(samples.sample_report(fmt))
    report["intro"] = "根据《中华人民共和国政府信息公开条例》规定，现公布本机关年度报告。" * 3
    return report


def _standard_fonts() -> bytes:
    """Latin text in three of the standard 14 fonts, no descriptor: pdfminer's own metrics place the boxes."""
    content = (b"BT /F1 11 Tf 1 0 0 1 72 700 Tm (Annual report 2021: 12, 345 total) Tj ET "
               b"BT /F2 9 Tf 72 680 Td (Times text (x)) Tj 0 -12 Td 2 Tc (spaced out) Tj ET "
               b"BT /F3 10 Tf 72 650 Td (Courier 0 0 1) Tj ET")
    fonts = b" ".join(b"/F%d %d 0 R" % (i, i + 4) for i in (1, 2, 3))
    return hostile_pdf._assemble({
        1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << "
           + fonts + b" >> >> >>",
        4: b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        6: b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>",
        7: b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"})


GENERATED = {
    "report": lambda: f.report_pdf(),
    "report-unruled": lambda: f.report_pdf(ruled=False),
    "report-split": lambda: f.report_pdf(split_at=5),
    "form-2021": lambda: pdf_form.render(_varied("2021")),
    "form-2019": lambda: pdf_form.render(_varied("2019")),
    "form-2021-split": lambda: pdf_form.render(_varied("2021"), split_at={"requests": 6}, repeat_header=True),
    "form-2019-unruled": lambda: pdf_form.render(_varied("2019"), ruled=False),
    "form-2021-shifted": lambda: pdf_form.render(_varied("2021"), shift=3.5, span_text="all"),
    # pdfplumber turns a /Rotate page and shifts back a media box away from the origin: so must pdfium's reading.
    "rotated-90": lambda: f.build(f._report_pages(14), page_box=f"/MediaBox [0 0 {f.W:g} {f.H:g}] /Rotate 90"),
    "rotated-180": lambda: f.build(f._report_pages(14), page_box=f"/MediaBox [0 0 {f.W:g} {f.H:g}] /Rotate 180"),
    "rotated-270": lambda: f.build(f._report_pages(14), page_box=f"/MediaBox [0 0 {f.W:g} {f.H:g}] /Rotate 270"),
    "media-box-offset": lambda: f.build(f._report_pages(14), page_box=f"/MediaBox [-20 30 {f.W - 20:g} {f.H + 30:g}]"),
    "standard-fonts": _standard_fonts,
    "encrypted": lambda: f.build([[f.text(57, 100, "某县人民政府2021年政府信息公开工作年度报告")]], user_pw="secret"),
    "owner-only": lambda: f.build([[f.text(57, 100, "某县人民政府2021年政府信息公开工作年度报告")]]),
    "bomb": lambda: hostile_pdf.bomb_pdf(inflated=80 << 20),
    "looped-tree": hostile_pdf.looped_tree_pdf,
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_pdfs_read_the_same(name, tmp_path, monkeypatch):
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(GENERATED[name]())
    assert _snapshot(path, "pdfium", monkeypatch) == _snapshot(path, "pdfplumber", monkeypatch)


def _corpus_pdfs(corpus_dir: Path) -> list[Path]:
    found = sorted(corpus_dir.rglob("*.pdf"))
    if not found:
        pytest.skip("no PDF in the corpus")
    return found


def test_corpus_pdfs_read_the_same(corpus_dir, monkeypatch):
    differ = [p.name for p in _corpus_pdfs(corpus_dir)
              if _snapshot(p, "pdfium", monkeypatch) != _snapshot(p, "pdfplumber", monkeypatch)]
    assert differ == []


def _chars_match(a: list[dict], b: list[dict], tol: float = 0.02) -> tuple[list, list]:
    """Characters of ``a`` with no counterpart in ``b`` within ``tol`` points, and those left in ``b``."""
    pool = collections.defaultdict(list)
    for c in b:
        pool[c["text"]].append(c)
    keys = ("x0", "x1", "top", "bottom", "size")
    missing = []
    for c in a:
        near = [d for d in pool[c["text"]]
                if d["upright"] == c["upright"] and max(abs(c[k] - d[k]) for k in keys) < tol]
        if near:
            pool[c["text"]].remove(near[0])
        else:
            missing.append(c)
    return missing, [c for v in pool.values() for c in v]


def _pdfium_glyphs(pdf, index: int) -> int:
    """The characters pdfium's text page keeps on a page, less those it made up (spaces, breaks)."""
    import pypdfium2.raw as raw

    textpage = pdf[index].get_textpage()
    try:
        return sum(raw.FPDFText_IsGenerated(textpage.raw, i) != 1 for i in range(textpage.count_chars()))
    finally:
        textpage.close()


def _edge_keys(edges: list[dict]) -> collections.Counter:
    from govinfo_lint.readers.pdf.grid import painted

    return collections.Counter((round(e["x0"], 1), round(e["x1"], 1), round(e["top"], 1), round(e["bottom"], 1),
                                e["orientation"], painted(e)) for e in edges)


@pytest.mark.parametrize("name", ["report", "report-split", "form-2021", "form-2019-unruled", "rotated-90",
                                  "rotated-270", "media-box-offset", "standard-fonts"])
def test_generated_pages_have_the_same_characters_and_edges(name, tmp_path):
    import pdfplumber
    import pypdfium2

    from govinfo_lint.readers.pdf.content import from_plumber
    from govinfo_lint.readers.pdf.fonts import page_fonts
    from govinfo_lint.readers.pdf.pdfium import Ambiguous, page_content

    path = tmp_path / f"{name}.pdf"
    path.write_bytes(GENERATED[name]())
    fast = pypdfium2.PdfDocument(str(path))
    with pdfplumber.open(str(path)) as pdf:
        assert len(pdf.pages) == len(fast) > 0
        for index, page in enumerate(pdf.pages):
            slow = from_plumber(page)
            try:
                quick = page_content(fast, index, page_fonts(page.page_obj), page.mediabox[:2])
            except Ambiguous:
                # The factory's STSong-Light is not embedded: on a machine without Chinese fonts
                # pdfium's text page drops its lone glyphs, and the page goes to pdfminer. Only
                # where that loss is real.
                assert _pdfium_glyphs(fast, index) < sum(not c["text"].isspace() for c in slow.chars)
                continue
            assert (slow.width, slow.height) == (quick.width, quick.height)
            assert slow.chars and _chars_match(slow.chars, quick.chars) == ([], [])
            assert _edge_keys(slow.edges) == _edge_keys(quick.edges)
    fast.close()


def test_pdfplumber_stays_available_as_a_switch(tmp_path, monkeypatch):
    from govinfo_lint.readers.pdf.pdfium import Reader

    path = tmp_path / "report.pdf"
    path.write_bytes(f.report_pdf())
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        pages = len(pdf.pages)
    monkeypatch.setenv("GOVINFO_PDF_BACKEND", "pdfplumber")
    assert Reader(path, pages).get() is None
    monkeypatch.setenv("GOVINFO_PDF_BACKEND", "pdfium")
    fast = Reader(path, pages)
    assert fast.get() is not None and len(fast.get()) == pages
    fast.close()
    # pdfium counting other pages than pdfminer is damage each repairs its own way: pdfminer's reading stands.
    assert Reader(path, pages + 1).get() is None
