"""One PDF page (a text layer or an OCR reading): its characters split between ruled tables, unruled tables and text lines."""

from __future__ import annotations

from ...model import Diagnostic
from .confidence import mark as mark_confidence
from .content import PageContent
from .grid import build as build_ruled
from .grid import find_tables
from .join import Fragment, unruled
from .text import Line, make_lines
from .words import find_runs


def read_page(page: PageContent, number: int, diagnostics: list[Diagnostic]) -> tuple[list[Line], list[Fragment], int]:
    """(text lines outside tables, table fragments, count of visible characters)."""
    chars = [c for c in page.chars if c.get("text") and not c["text"].isspace()]
    try:
        tables = find_tables(page)
    except Exception:  # noqa: BLE001 - a table finder failure leaves the word-position fallback
        tables = []
    grids: list[Fragment] = []
    prose: list[Line] = []
    free = chars
    for table in tables:
        x0, top, x1, bottom = table.bbox
        inside, outside = [], []
        for c in free:
            cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
            (inside if x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1 else outside).append(c)
        ruled = build_ruled(table, inside, number)
        if not ruled.fragments:
            continue  # a frame around text (or a table whose column rules are invisible): plain lines
        free = outside
        grids.extend(ruled.fragments)
        if ruled.prose:
            # Framed prose keeps the frame as its margins, for joining its wrapped lines.
            left, right = min(l.x0 for l in ruled.prose), max(l.x1 for l in ruled.prose)
            for line in ruled.prose:
                line.left, line.right = left, right
        prose.extend(ruled.prose)
    lines = make_lines(free)
    taken: set[int] = set()
    for start, end in find_runs(lines):
        run = lines[start:end]
        grids.append(unruled(run, number, diagnostics))
        taken.update(range(start, end))
    kept = [l for i, l in enumerate(lines) if i not in taken] + prose
    kept.sort(key=lambda l: (l.top, l.x0))
    grids.sort(key=lambda g: g.top)
    mark_confidence(grids, chars)
    return kept, grids, len(chars)
