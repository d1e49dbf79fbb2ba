"""A text PDF as a scanner returns it: page images rebuilt into an image-only PDF.

``noisy`` turns each page by ``angle`` degrees, adds grain, can press a red stamp over
the top-left corner of the page's tables and compresses the image as JPEG, the
usual damage of a scanned paper report.
"""

from __future__ import annotations

import io


def images_to_pdf(images, resolution: float = 200.0) -> bytes:
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=resolution, save_all=True, append_images=images[1:])
    return out.getvalue()


def _stamp(image, scale: float, at: tuple[float, float] = (300.0, 330.0)):
    """The page with a red seal pressed on it, centred at ``at`` (PDF points from the top
    left): stamp ink is translucent, so it multiplies."""
    from PIL import Image, ImageChops, ImageDraw

    seal = Image.new("RGB", image.size, "white")
    draw = ImageDraw.Draw(seal)
    x, y, r = int(at[0] * scale), int(at[1] * scale), int(45 * scale)
    draw.ellipse((x - r, y - r, x + r, y + r), outline=(220, 30, 30), width=max(2, int(2.5 * scale)))
    draw.regular_polygon((x, y, int(r * 0.35)), 5, fill=(220, 30, 30))
    return ImageChops.multiply(image, seal)


def scan(data: bytes, dpi: float = 200.0, noisy: bool = False, angle: float = 0.8, stamp: bool = False,
         stamps: dict[int, tuple[float, float]] | None = None) -> bytes:
    """``stamp``: a seal at the place of the generated reports' table 二 on page 1;
    ``stamps``: seals at other places, page index (from 0) to the centre in points."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    pdf = pdfium.PdfDocument(data)
    images = []
    for i in range(len(pdf)):
        image = pdf[i].render(scale=dpi / 72).to_pil().convert("RGB")
        if stamp and i == 0:
            image = _stamp(image, dpi / 72)
        if stamps and i in stamps:
            image = _stamp(image, dpi / 72, stamps[i])
        if noisy:
            image = image.rotate(angle, fillcolor="white", resample=Image.BILINEAR)
            noise = np.random.default_rng(i).normal(0, 12, (image.height, image.width, 1)).astype(np.int16)
            image = Image.fromarray((np.array(image).astype(np.int16) + noise).clip(0, 255).astype(np.uint8))
            buf = io.BytesIO()
            image.save(buf, "JPEG", quality=60)
            image = Image.open(buf).convert("RGB")
        images.append(image)
    pdf.close()
    return images_to_pdf(images, dpi)


def score(text, ocr) -> tuple[int, int, list[str]]:
    """(cells right, cells left unread, the cells read wrong) of an OCR reading against the text layer's."""
    right, unread, wrong = 0, 0, []
    for tid, rid, cid, cell in text.iter_cells():
        got = ocr.tables.get(tid) and ocr.tables[tid].cell(rid, cid)
        if got is not None and got.value == cell.value and got.is_blank == cell.is_blank:
            right += 1
        elif got is not None and got.parse_error in ("unread", "ambiguous_split"):
            unread += 1
        else:
            wrong.append(f"/tables/{tid}/{rid}/{cid}: {cell.raw!r} read as {got.raw if got else None!r}")
    return right, unread, wrong


def table_corners(report) -> dict[int, tuple[float, float]]:
    """Where to press a seal on a real report: the top-left figure cell of each table, on
    the page where the table starts (page index from 0 to the point in PDF points)."""
    first: dict[str, tuple] = {}
    for tid, _rid, _cid, cell in report.iter_cells():
        loc = cell.loc
        if loc and loc.page and loc.x is not None and loc.y is not None:
            first[tid] = min(first.get(tid, (loc.page, loc.y, loc.x)), (loc.page, loc.y, loc.x))
    return {page - 1: (x, y) for page, y, x in sorted(first.values(), reverse=True)}


# Findings that only a reading by OCR has (the scan was read by OCR, figures left unread).
OCR_CODES = frozenset({"RDR-14", "RDR-15"})


def character_level_codes() -> set[str]:
    """The label rules that judge single characters (a bracket, a like-shaped character):
    silent on a scan by design, so a text layer's finding of theirs is no OCR miss."""
    from govinfo_lint.checks.labels import CHARACTER_LEVEL
    from govinfo_lint.engine.rules import load_rules

    return {r.code for r in load_rules() if r.kind == "labels" and r.options.get("mode") in CHARACTER_LEVEL}


def compare(text, ocr) -> dict:
    """The OCR reading of a document against its text layer's: cells (``score``), the
    section headings the text layer has and OCR missed, and the findings' codes that
    only one of the two readings gives."""
    from govinfo_lint.api import lint

    right, unread, wrong = score(text, ocr)
    found = {s.id for s in ocr.sections}
    codes = {f.code for f in lint(text)} - character_level_codes(), {f.code for f in lint(ocr)} - OCR_CODES
    return {"right": right, "unread": unread, "wrong": wrong,
            "headings": (sum(s.id in found for s in text.sections), len(text.sections)),
            "missed_sections": [s.id for s in text.sections if s.id not in found],
            "text_only": sorted(codes[0] - codes[1]), "ocr_only": sorted(codes[1] - codes[0])}
