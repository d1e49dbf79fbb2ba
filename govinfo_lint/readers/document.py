"""What a document reader hands to the assembler: paragraphs and table grids, with places.

Readers of DOCX, HTML, PDF, text and Markdown know their file format and nothing of
the report; ``assemble.build_report`` knows the report and nothing of file formats.
This module is the narrow waist between them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from ..model import Diagnostic, Location


@dataclass
class Paragraph:
    text: str
    loc: Location | None = None
    style: str | None = None  # e.g. a DOCX style name such as "Heading 1"; a hint only
    align: str | None = None  # "center" when the document centres it (titles)


@dataclass
class GridCell:
    """One position of a rectangular table grid.

    A merged cell occupies several positions: the top-left one has ``origin=True``,
    the others repeat its text with ``origin=False`` so that every row has a label.
    """

    text: str
    loc: Location | None = None
    origin: bool = True
    row_span: int = 1
    col_span: int = 1
    confidence: float | None = None  # OCR only: the lowest confidence of the characters read in it


@dataclass
class TableGrid:
    rows: list[list[GridCell]] = field(default_factory=list)
    loc: Location | None = None
    # Set by text readers that rebuilt the grid from flattened text, so the
    # assembler knows numbers may have run together ("200 000121").
    flattened: bool = False


Block = Union[Paragraph, TableGrid]


@dataclass
class Document:
    source: str
    kind: str  # docx | html | pdf | text | markdown
    blocks: list[Block] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    published: str | None = None  # ISO date, when the container states it (HTML meta)
    title: str | None = None  # when the container states it (HTML <title>, DOCX core props)
    lines: list[str] | None = None  # source lines for text-like inputs
    # Read by OCR (readers/ocr): the places of table cells recognised with low confidence, left unread.
    ocr_uncertain: list[Location] = field(default_factory=list)
    # Read by OCR: (place, figures, confidence) of low-confidence or inked blank cells that
    # read surely as figures alone ("0" read as "。"), for the mapping to take where the
    # cell is a figure cell.
    ocr_figures: list[tuple[Location, str, float]] = field(default_factory=list)


def centred_title(blocks: list) -> str | None:
    """The title a document states by layout: the first run of centred lines near the top
    that names a report, joined (for ``Document.title``; DOCX, HTML and PDF readers).

    A cover's centred lines (the agency, a date) may come first: an uncentred line or a
    table ends a run that named no report, and the next run is tried. A long centred line
    is a sentence, not part of a title.
    """
    lines: list[str] = []
    for block in blocks[:12]:
        text = " ".join(block.text.split()) if isinstance(block, Paragraph) and block.align == "center" else ""
        if not text or len(text) > 60:
            lines = []
            continue
        lines.append(text)
        title = "".join(lines)
        if "报告" in title or "年报" in title:
            return title if len(title) <= 80 else None
    return None
