"""The canonical report model that every reader produces and every rule reads.

Ids follow ``spec/model.md``. Every node keeps what was written (headings, labels,
raw cell text) beside what it means, and where it came from, so that wording rules
and precise locations work for every input format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterator, Union

Number = Union[int, Decimal]


@dataclass
class Location:
    """Where something was found. Only the fields that make sense for the input are set."""

    line: int | None = None  # 1-based, text-like inputs
    column: int | None = None  # 1-based
    page: int | None = None  # PDF, 1-based
    paragraph: int | None = None  # DOCX body paragraph index, 1-based
    table: int | None = None  # index of the table in the document, 1-based
    row: int | None = None  # grid row within that table, 1-based
    cell: int | None = None  # grid column within that row, 1-based
    x: float | None = None  # PDF position in points, top-left origin
    y: float | None = None
    w: float | None = None  # PDF: width and height of the box (cell or line) at x, y, in points
    h: float | None = None

    @classmethod
    def box_of(cls, page: int, x0: float, top: float, x1: float, bottom: float, **more) -> "Location":
        """A PDF box to 0.1 pt, its size taken from the rounded edges, so two readings whose edges
        agree to 0.1 pt agree on the size too."""
        x, y, right, low = (round(v, 1) for v in (x0, top, x1, bottom))
        return cls(page=page, x=x, y=y, w=round(right - x, 1), h=round(low - y, 1), **more)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}

    def describe(self, lang: str = "zh") -> str:
        parts = []
        if self.line is not None:
            parts.append(f"{self.line}:{self.column or 1}")
        if self.page is not None:
            parts.append(f"第{self.page}页" if lang == "zh" else f"page {self.page}")
        if self.paragraph is not None:
            parts.append(f"第{self.paragraph}段" if lang == "zh" else f"paragraph {self.paragraph}")
        if self.table is not None:
            if lang == "zh":
                cell = f"表格{self.table}"
                if self.row is not None:
                    cell += f" 第{self.row}行"
                if self.cell is not None:
                    cell += f" 第{self.cell}列"
            else:
                cell = f"table {self.table}"
                if self.row is not None:
                    cell += f" row {self.row}"
                if self.cell is not None:
                    cell += f" cell {self.cell}"
            parts.append(cell)
        return " ".join(parts)

    def box(self, lang: str = "zh") -> str:
        """The box on the page, ``框(72,140 60×18)`` in points: what to look for on a page image,
        where a scan has no text to search. Empty unless the whole box is known."""
        if None in (self.x, self.y, self.w, self.h):
            return ""
        return f"{'框' if lang == 'zh' else 'box'}({self.x:.0f},{self.y:.0f} {self.w:.0f}×{self.h:.0f})"


PLACEHOLDERS = frozenset({"/", "／", "-", "－", "—", "——", "–", "无", "空", "\\", "×"})


# parse_error values set by readers that already explained the problem in a diagnostic
# (RDR-06, RDR-09): the cell is unassessable, not a defect of the document's figures.
READER_UNREAD = frozenset({"unread", "ambiguous_split"})

# An OCR reading of a cell below this confidence (but above the reader's unread threshold,
# ocr.scan.LOW_CONFIDENCE 0.6) is doubtful: an error that rests on it is said as a warning
# naming the cell. Measured (docs/benchmarks.md, docs/readers.md): every misread number
# scored under 0.6 and right lone digits 0.75 to 0.9, so 0.6-0.8 is the margin where a
# misreading would show first; it holds 3-6% of a clean scan's cells, 9-25% of a noisy one's.
SURE_CONFIDENCE = 0.8


@dataclass
class Cell:
    """One table cell: its value (or None) and the text it was read from.

    ``raw`` is None only when the input gave a bare number (structured files);
    an empty string is a blank cell, which is never the same as 0.
    """

    value: Number | None
    raw: str | None = None
    loc: Location | None = None
    note: str | None = None  # annotation after the number, e.g. 其中修订16件
    unit: str | None = None  # 元 / 万元 written in the cell
    explicit_sign: bool = False  # written with + or -
    parse_error: str | None = None  # why raw could not be read as a number
    # OCR readings only: the lowest recognition confidence (0..1) of the characters read in
    # the cell; None for every other input, whose text is what the file says.
    confidence: float | None = None

    @property
    def doubtful(self) -> bool:
        """Read by OCR with less than sure confidence (an unread cell has no value to doubt)."""
        return self.confidence is not None and self.confidence < SURE_CONFIDENCE and self.value is not None

    @property
    def is_blank(self) -> bool:
        # A cell the reader could not read is not a blank the author left.
        return self.value is None and not self.parse_error and (self.raw is None or self.raw.strip() == "")

    @property
    def is_placeholder(self) -> bool:
        return self.value is None and self.raw is not None and self.raw.strip() in PLACEHOLDERS

    @property
    def display(self) -> str:
        if self.raw is not None:
            return self.raw
        return "" if self.value is None else str(self.value)


@dataclass
class Row:
    id: str | None  # None for a row the reader could not map to a canonical id
    label: str | None = None  # leaf label as written
    group: str | None = None  # spanning group label as written, e.g. （三）不予公开
    cells: dict[str, Cell] = field(default_factory=dict)
    loc: Location | None = None


@dataclass
class BlockHeader:
    """Caption and column labels of one block of table 二, as written."""

    id: str
    caption: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    loc: Location | None = None


@dataclass
class Table:
    id: str
    rows: dict[str, Row] = field(default_factory=dict)
    extra_rows: list[Row] = field(default_factory=list)
    column_labels: dict[str, str] = field(default_factory=dict)  # as written
    column_order: list[str] = field(default_factory=list)  # as found in the document
    blocks: list[BlockHeader] = field(default_factory=list)
    note: str | None = None  # 勾稽 note of table 三 as written
    group_labels: dict[str, str] = field(default_factory=dict)  # template group -> as written
    loc: Location | None = None
    # Where each label was written, keyed by the rest of its /labels/<table>/… pointer
    # ("columns/other_org", "note", "blocks/art20_5/columns/previous_items", and for a spanning
    # group label of table 三, "groups/<row id>" for each row it spans).
    label_locs: dict[str, Location] = field(default_factory=dict)

    def cell(self, row_id: str, col_id: str) -> Cell | None:
        row = self.rows.get(row_id)
        return row.cells.get(col_id) if row else None


@dataclass
class Section:
    id: str | None  # canonical id, None when the heading could not be recognised
    heading: str | None = None  # as written, with its number; None when omitted
    text: str = ""
    loc: Location | None = None
    number: str | None = None  # numbering as written: 一、 1、 （一）
    has_table: bool | None = None  # documents: a table sits in this section


@dataclass
class Diagnostic:
    """Something a reader could not do or had to guess. Rules turn these into findings.

    ``kind`` is a stable name (see readers/__init__.py) that rule files refer to;
    readers never know rule codes.
    """

    kind: str
    message: str  # Chinese
    message_en: str = ""
    pointer: str = ""
    loc: Location | None = None
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass
class Report:
    source: str = "<memory>"
    input_kind: str = "structured"
    agency: str | None = None
    year: int | None = None
    format: str | None = None
    format_declared: bool = False  # the file stated its version
    format_signals: dict[str, list[str]] = field(default_factory=dict)  # version -> evidence
    level: str | None = None
    level_inferred: bool = False
    title: str | None = None
    published: str | None = None
    intro: str = ""  # text between the title and the first section
    sections: list[Section] = field(default_factory=list)
    tables: dict[str, Table] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    meta_locs: dict[str, Location] = field(default_factory=dict)
    text: str = ""  # the whole document text, when the input has one
    lines: list[str] | None = None  # source lines, for formatters that show context
    previous: "Report | None" = None  # the same organ's report of the year before, when given
    # A province's own outline declared in the configuration (``local-outline``): extra
    # section titles (``sections``), other wordings of template headings (``headings``:
    # id -> titles), template sections it may leave out (``optional``), and ``numbering``
    # ("outline": sections are numbered as the outline numbers them). Empty: the template.
    outline: dict[str, Any] = field(default_factory=dict)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def iter_cells(self) -> Iterator[tuple[str, str, str, Cell]]:
        for tid, tbl in self.tables.items():
            for rid, row in tbl.rows.items():
                for cid, cell in row.cells.items():
                    yield tid, rid, cid, cell

    def locate(self, pointer: str) -> Location | None:
        """The most precise known location for a JSON pointer into the model."""
        parts = [p for p in pointer.split("/") if p]
        if not parts:
            return None
        if parts[0] == "tables" and len(parts) >= 2:
            tbl = self.tables.get(parts[1])
            if tbl is None:
                return self._section_loc(parts[1])
            if len(parts) >= 3:
                row = tbl.rows.get(parts[2])
                if row is not None:
                    if len(parts) >= 4 and parts[3] in row.cells and row.cells[parts[3]].loc:
                        return row.cells[parts[3]].loc
                    if row.loc:
                        return row.loc
                block = next((b for b in tbl.blocks if b.id == parts[2]), None)
                if block is not None and block.loc:
                    return block.loc
            return tbl.loc or self._section_loc(parts[1])
        if parts[0] == "sections" and len(parts) >= 2:
            return self._section_loc(parts[1])
        if parts[0] == "labels" and len(parts) >= 2:
            tbl = self.tables.get(parts[1])
            written = tbl.label_locs.get("/".join(parts[2:])) if tbl is not None else None
            return written or self.locate("/tables/" + "/".join(parts[1:]))
        return self.meta_locs.get(parts[0])

    def _section_loc(self, section_id: str) -> Location | None:
        sec = self.section(section_id)
        return sec.loc if sec else None
