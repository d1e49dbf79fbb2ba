"""Ruling lines of a scanned table, found in the page image.

A scan has no drawing instructions, so the grid logic (``grid``) gets its edges
from the image: dark pixels opened with a long thin kernel keep only runs longer than
any character stroke, and each run left becomes one edge in pdfplumber's shape
(PDF points, top-left origin). Red and blue ink (stamps, signatures) is dropped first
by reading the brightest channel, so a stamp's circle never becomes a rule.
"""

from __future__ import annotations

MIN_RULE_PT = 18.0  # shorter dark runs are strokes of characters, not rules (a 7 pt digit is about 5 pt wide)
DARK = 160  # 0..255 on the brightest channel: rules are printed black or grey


def ink(rgb):
    """The grey image with coloured ink removed: the brightest channel of each pixel."""
    return rgb.max(axis=2)


def find_edges(grey, scale: float) -> list[dict]:
    """Horizontal and vertical rules of ``grey`` (uint8, 0 black) as edges; ``scale`` is pixels per point."""
    import cv2
    import numpy as np

    dark = (grey < DARK).astype(np.uint8) * 255
    span = max(8, int(MIN_RULE_PT * scale))
    out: list[dict] = []
    for orientation, kernel in (("h", (span, 1)), ("v", (1, span))):
        lines = cv2.morphologyEx(dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        count, _labels, stats, _c = cv2.connectedComponentsWithStats(lines, connectivity=8)
        for x, y, w, h, _area in stats[1:count]:
            if orientation == "h" and h > 3 * scale or orientation == "v" and w > 3 * scale:
                continue  # a filled block (a photo, a black bar), not a rule
            x0, top, x1, bottom = x / scale, y / scale, (x + w) / scale, (y + h) / scale
            if orientation == "h":
                mid = (top + bottom) / 2
                top = bottom = mid
            else:
                mid = (x0 + x1) / 2
                x0 = x1 = mid
            out.append({"x0": x0, "x1": x1, "top": top, "bottom": bottom, "orientation": orientation,
                        "width": x1 - x0, "height": bottom - top, "object_type": "line"})
    return out


MAX_SKEW = 3.0  # degrees: a page fed crooked into a scanner; more is a photo, read as it is


def deskew(grey):
    """``grey`` turned upright. The angle is the one whose row profile of dark pixels is
    sharpest (text lines and rules all horizontal), searched on a small copy in 0.1 degree
    steps; a ruled table tilted by even 1 degree drifts several points across the page,
    more than the grid logic's snapping tolerance."""
    import cv2
    import numpy as np

    h, w = grey.shape
    factor = 800 / max(w, 1)
    small = cv2.resize(grey, (max(1, int(w * factor)), max(1, int(h * factor))), interpolation=cv2.INTER_AREA)
    dark = (small < DARK).astype(np.float32)
    if dark.sum() < 50:
        return grey
    centre = (small.shape[1] / 2, small.shape[0] / 2)

    def sharpness(angle: float) -> float:
        turned = cv2.warpAffine(dark, cv2.getRotationMatrix2D(centre, angle, 1.0), dark.shape[::-1])
        return float(np.var(turned.sum(axis=1)))

    coarse = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5), key=sharpness)
    best = max(np.arange(coarse - 0.4, coarse + 0.41, 0.1), key=sharpness)
    if abs(best) < 0.05:
        return grey
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), float(best), 1.0)
    return cv2.warpAffine(grey, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
