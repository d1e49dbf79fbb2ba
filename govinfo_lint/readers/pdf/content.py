"""What the table and text logic needs of one page, whatever produced it.

A text layer (pdfplumber today) and an OCR reading of a scan both become a
``PageContent``: characters and ruling edges as plain dicts in pdfplumber's shape
(top-left origin, PDF points), so ``page.read_page`` finds grids, unruled
tables and lines the same way for both.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field


def backend() -> str:
    """What reads a text PDF's pages: "pdfium" (``pdfium.py``), or "pdfplumber" where
    ``GOVINFO_PDF_BACKEND=pdfplumber`` asks for pdfminer's layout analysis throughout."""
    return "pdfplumber" if os.environ.get("GOVINFO_PDF_BACKEND", "pdfium").lower() == "pdfplumber" else "pdfium"


@dataclass
class PageContent:
    width: float
    height: float
    # text, x0, x1, top, bottom, size, upright; OCR adds "confidence" (0..1)
    chars: list[dict] = field(default_factory=list)
    # x0, x1, top, bottom, orientation ("h"/"v"), and where known stroke/fill and their colours
    edges: list[dict] = field(default_factory=list)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)


def from_plumber(page) -> PageContent:
    """A pdfplumber page's characters and edges, taken once (each access recomputes them)."""
    return PageContent(float(page.width), float(page.height), list(page.chars), list(page.edges))
