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
            out.append(_edge(x0, x1, top, bottom, orientation))
    return out + open_ends(out)


def _edge(x0: float, x1: float, top: float, bottom: float, orientation: str) -> dict:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "orientation": orientation,
            "width": x1 - x0, "height": bottom - top, "object_type": "line"}


OPEN_END_PT = 2.0  # vertical rules ending within this of one another end at one height
COLUMN_RULE_PT = 3 * MIN_RULE_PT  # a table's column rule spans rows; a title character's stroke is shorter


def open_ends(edges: list[dict]) -> list[dict]:
    """The missing rules of a table broken over a page: its last row on the page has no
    rule under it (nor its first row on the next page one over it), the column rules just
    stop. Where three or more vertical rules end at one height and no horizontal rule
    covers half their span there, that height is closed by a rule from the first to the
    last of them, as a text PDF's cell borders close it; without it the grid drops the row.
    Only rules longer than ``COLUMN_RULE_PT`` count: the strokes of a large title's
    characters also end at one height."""
    flat = [e for e in edges if e["orientation"] == "h"]
    out: list[dict] = []
    for end in ("top", "bottom"):
        ends = sorted((e[end], e["x0"]) for e in edges if e["orientation"] == "v" and e["height"] >= COLUMN_RULE_PT)
        group: list[tuple[float, float]] = []
        for y, x in ends + [(float("inf"), 0.0)]:
            if group and y - group[0][0] > OPEN_END_PT:
                if len(group) >= 3:
                    at = sum(g[0] for g in group) / len(group)
                    x0, x1 = min(g[1] for g in group), max(g[1] for g in group)
                    covered = sum(max(0.0, min(h["x1"], x1) - max(h["x0"], x0)) for h in flat
                                  if abs(h["top"] - at) <= OPEN_END_PT)
                    if covered < (x1 - x0) / 2:
                        out.append(_edge(x0, x1, at, at, "h"))
                group = []
            group.append((y, x))
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
