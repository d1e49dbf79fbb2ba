"""Page images of a scanned report (``.png``, ``.jpg``, ``.tif``; a multi-page TIFF is one
report) read by OCR like a scanned PDF (``scan``). Only files named on the command line:
a folder walk does not take images, which in a folder of reports are logos and photos.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from ...limits import OCR_DPI, OCR_MIN_DPI, OCR_PIXELS, Limits
from ...model import Diagnostic, Location
from ..document import Document

EXTENSIONS = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})


def read_document(path: Path, limits: Limits | None = None) -> Document:
    from . import scan as pdf_ocr

    doc = Document(source=str(path), kind="pdf-ocr")
    if not pdf_ocr.available():
        doc.diagnostics.append(Diagnostic(
            "unsupported_format", f"图片需要文字识别（OCR）才能读取：请先安装 {pdf_ocr.INSTALL}，或提供可复制文字的版本。",
            f"an image needs OCR to be read: install it with {pdf_ocr.INSTALL}, or provide a version with text.", ""))
        return doc
    from PIL import Image

    try:
        with warnings.catch_warnings():
            # Pillow's own bomb guard (89 million pixels) warns before it refuses: both are too large.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
            count = getattr(image, "n_frames", 1)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        doc.diagnostics.append(Diagnostic("too_large", "图片像素过多，未读取。", "the image has too many pixels; not read.", ""))
        return doc
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds for a damaged image
        doc.diagnostics.append(Diagnostic("unreadable", f"图片已损坏，无法读取（{type(exc).__name__}）。",
                                          f"the image is damaged and cannot be read ({type(exc).__name__}).", ""))
        return doc
    from ..pdf.read import _Page, _finish

    with image:
        pdf_ocr.read_images(_frames(image, count, doc), count, limits or Limits(), doc, _Page, _finish)
    return doc


def _frames(image, count: int, doc: Document):
    import numpy as np

    for number in range(1, count + 1):
        image.seek(number - 1)
        dpi = image.info.get("dpi", (OCR_DPI, OCR_DPI))[0] or OCR_DPI
        scale = float(dpi) / 72
        w, h = image.size
        if w * h > OCR_PIXELS:
            shrink = (OCR_PIXELS / (w * h)) ** 0.5
            if dpi * shrink < OCR_MIN_DPI:
                doc.diagnostics.append(Diagnostic(
                    "too_large", f"第 {number} 页图片过大（{w}×{h} 像素），无法按可识别的分辨率进行文字识别，未读取。",
                    f"page {number} is too large ({w}x{h} px) to be read by OCR at a usable resolution; not read.",
                    "", Location(page=number)))
                yield number, None, scale
                continue
            frame = image.convert("RGB").resize((int(w * shrink), int(h * shrink)))
            scale *= shrink
        else:
            frame = image.convert("RGB")
        yield number, np.array(frame), scale
