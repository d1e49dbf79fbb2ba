"""How sure an OCR reading is of each table cell: the lowest confidence of the characters
inside the cell's box.

Only an OCR reading's characters carry a ``confidence`` (``ocr.scan.split_box``); a text
layer's say what the file says, and their cells get none. Found from the box every grid
cell knows (``Location`` x, y, w, h), so ruled and unruled tables are treated alike.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


def mark(fragments, chars: list[dict]) -> None:
    """Set ``GridCell.confidence`` on the cells of ``fragments`` from the page's ``chars``."""
    if not chars or "confidence" not in chars[0]:
        return  # a text layer: a page's characters all come from one source
    scored = [c for c in chars if "confidence" in c and not c["text"].isspace()]
    centres = sorted((((c["top"] + c["bottom"]) / 2, (c["x0"] + c["x1"]) / 2, float(c["confidence"]))
                      for c in scored))
    tops = [cy for cy, _cx, _s in centres]
    for frag in fragments:
        for row in frag.rows:
            for cell in row:
                loc = cell.loc
                if not cell.text.strip() or loc is None or None in (loc.x, loc.y, loc.w, loc.h):
                    continue
                found = _inside(centres, tops, loc)
                if found:
                    cell.confidence = round(min(found), 4)


def _inside(centres, tops, loc) -> list[float]:
    lo, hi = bisect_left(tops, loc.y - 0.5), bisect_right(tops, loc.y + loc.h + 0.5)
    return [s for _cy, cx, s in centres[lo:hi] if loc.x - 0.5 <= cx <= loc.x + loc.w + 0.5]
