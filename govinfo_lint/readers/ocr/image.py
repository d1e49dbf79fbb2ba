"""Page images of a scanned report read by OCR like a scanned PDF (``scan``): one image
(``.png``, ``.jpg``, ``.tif``), a multi-page TIFF (every frame a page), or a folder of page
images (``page_folder``: every file in it an image, pages in the order of the names).

Only what is named on the command line: a folder walk does not take images, which in a
folder of reports are logos and photos, and a folder of reports is never a folder of pages
(it holds documents, not only images).
"""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path

from ...limits import OCR_DPI, OCR_MIN_DPI, OCR_PAGES, OCR_PIXELS, Limits
from ...model import Diagnostic, Location
from ..document import Document

EXTENSIONS = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
_NUMBERS = re.compile(r"(\d+)")


def _hidden(name: str) -> bool:
    return name.startswith((".", "~$")) or name in ("Thumbs.db", "desktop.ini")


def page_folder(folder: Path) -> list[Path] | None:
    """The page images of ``folder`` in page order, when it is a folder of pages: files only
    (hidden ones aside), at least one, all of them images. None for any other folder."""
    try:
        entries = [e for e in folder.iterdir() if not _hidden(e.name)]
    except OSError:
        return None
    if not entries or any(not e.is_file() or e.suffix.lower() not in EXTENSIONS for e in entries):
        return None
    # 第2页 before 第10页: numbers in the names compare as numbers.
    return sorted(entries, key=lambda e: [int(p) if p.isdigit() else p.lower() for p in _NUMBERS.split(e.name)])


def read_document(path: Path, limits: Limits | None = None) -> Document:
    from . import scan as pdf_ocr

    doc = Document(source=str(path), kind="pdf-ocr")
    if not pdf_ocr.available():
        doc.diagnostics.append(Diagnostic(
            "unsupported_format", f"图片需要文字识别（OCR）才能读取：请先安装 {pdf_ocr.INSTALL}，或提供可复制文字的版本。",
            f"an image needs OCR to be read: install it with {pdf_ocr.INSTALL}, or provide a version with text.", ""))
        return doc
    files = page_folder(path) if path.is_dir() else [path]
    if not files:
        doc.diagnostics.append(_diag("unreadable", f"文件夹“{path.name}”中不全是页面图片，未读取。",
                                     f"the folder “{path.name}” does not hold only page images; not read."))
        return doc
    from ..pdf.read import _Page, _finish

    limits = limits or Limits()
    if len(files) > OCR_PAGES:  # each file is a page at least: refused before any is opened
        pdf_ocr.read_images(iter(()), len(files), limits, doc, _Page, _finish)
        return doc
    images = []
    try:
        for file in files:
            if path.is_dir() and _leaves(file, path):
                # As a folder walk does: a link in a shared folder must not make us read, and
                # quote in findings, a file its owner never meant to hand over.
                doc.diagnostics.append(_diag(
                    "unreadable", f"“{file.name}”是指向文件夹之外的符号链接，未读取；要检查请直接指明该文件。",
                    f"“{file.name}” is a symbolic link to outside the folder; not read (name the file to check it)."))
                return doc
            image = _open(file, doc, len(files) > 1)
            if image is None:
                return doc
            images.append(image)
        count = sum(getattr(i, "n_frames", 1) for i in images)
        pdf_ocr.read_images(_pages(images, files, doc), count, limits, doc, _Page, _finish)
    finally:
        for image in images:
            image.close()
    return doc


def _leaves(file: Path, folder: Path) -> bool:
    top = os.path.realpath(folder)
    return file.is_symlink() and not os.path.realpath(file).startswith(top.rstrip(os.sep) + os.sep)


def _open(file: Path, doc: Document, named: bool):
    """The image at ``file``, lazily opened (Pillow reads the header only), or None with a diagnostic."""
    from PIL import Image

    where_zh, where_en = (f"“{file.name}”", f" “{file.name}”") if named else ("", "")
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb guard (89 million pixels) warns before it refuses: both are too large.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(file)
            getattr(image, "n_frames", 1)  # a TIFF whose frame table is damaged fails here, not later
            return image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        doc.diagnostics.append(_diag("too_large", f"图片{where_zh}像素过多，未读取。",
                                     f"the image{where_en} has too many pixels; not read."))
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds for a damaged image
        doc.diagnostics.append(_diag("unreadable", f"图片{where_zh}已损坏，无法读取（{type(exc).__name__}）。",
                                     f"the image{where_en} is damaged and cannot be read ({type(exc).__name__})."))
    return None


def _pages(images, files: list[Path], doc: Document):
    """(page number, RGB array or None, pixels per point) of every frame of every image, in order."""
    number = 0
    for image, file in zip(images, files):
        for frame in range(getattr(image, "n_frames", 1)):
            number += 1
            try:
                image.seek(frame)
                yield _frame(image, number, doc)
            except Exception as exc:  # noqa: BLE001 - a truncated frame is a finding, never a crash
                doc.diagnostics.append(_diag(
                    "unreadable", f"第 {number} 页图片（{file.name}）已损坏，无法读取（{type(exc).__name__}），报告内容不完整。",
                    f"page {number} ({file.name}) is damaged and cannot be read ({type(exc).__name__}); "
                    "the report is incomplete.", Location(page=number)))
                yield number, None, OCR_DPI / 72


def _frame(image, number: int, doc: Document):
    import numpy as np

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
            return number, None, scale
        frame = image.convert("RGB").resize((int(w * shrink), int(h * shrink)))
        scale *= shrink
    else:
        frame = image.convert("RGB")
    return number, np.array(frame), scale


def _diag(kind: str, message: str, message_en: str, loc: Location | None = None) -> Diagnostic:
    return Diagnostic(kind, message, message_en, "", loc)
