"""The limits that keep a hostile or broken file harmless, and how settings change them.

Every limit that settings can change has its built-in default here, and the readers take
it from here under their own names (``pdf.MAX_PAGES``), so a reader called directly is as
safe as one called by ``check`` and this module needs none of them. The fixed bounds that
no setting changes (spans, columns, cells a reader builds) are here too, so that every
``MAX_*`` a reader enforces is in one place.
``Limits`` holds only what a configuration (``limits:``) or the command line
(``--limit NAME=VALUE``, ``--timeout``) changed; ``None`` means the default. It is frozen
and made of plain values so it can be hashed into cache keys and sent to worker processes.
Every reader entry point takes ``limits: Limits | None = None``, does ``limits = limits or
Limits()`` once and reads each limit as ``limits.get(attribute, ITS_DEFAULT)``.
What each limit guards and what happens when it is hit: docs/security.md.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

# name in configuration files and on the command line -> attribute
NAMES = {
    "structured-bytes": "structured_bytes",
    "structured-nodes": "structured_nodes",
    "structured-depth": "structured_depth",
    "text-bytes": "text_bytes",
    "html-tags": "html_tags",
    "docx-entries": "docx_entries",
    "docx-part-bytes": "docx_part_bytes",
    "docx-total-bytes": "docx_total_bytes",
    "docx-ratio": "docx_ratio",
    "pdf-pages": "pdf_pages",
    "pdf-seconds": "pdf_seconds",
    "timeout": "timeout",
}
SECONDS = frozenset({"pdf_seconds", "timeout"})  # may be fractional; the others are counts
ZERO_IS_NONE = frozenset({"timeout"})

DEFAULT_TIMEOUT = 300.0  # seconds per file, reading and checking; 0: none
TEXT_BYTES = 8 * 1024 * 1024  # the text reader takes about 1.5 s a megabyte
# ruamel.yaml's pure-Python parser takes about 6 s a megabyte of dense YAML; a report is
# tens of kilobytes and a rule or configuration file a few.
STRUCTURED_BYTES = 2 * 1024 * 1024
STRUCTURED_NODES = 200_000
STRUCTURED_DEPTH = 64
HTML_TAGS = 400_000  # a real report page has a few thousand tags; millions would take gigabytes
DOCX_ENTRIES = 5000
DOCX_PART_BYTES = 64 * 1024 * 1024  # one XML part, uncompressed
DOCX_TOTAL_BYTES = 200 * 1024 * 1024  # all parts together, uncompressed
DOCX_RATIO = 100  # uncompressed/compressed, judged for parts over docx_package.RATIO_FLOOR
PDF_PAGES = 200
PDF_SECONDS = 60.0
# Scans read by OCR (readers/ocr/scan.py; seconds a page on two cores: docs/benchmarks.md).
OCR_DPI = 200  # rendering resolution: the 7 pt table digits are about 19 px high
OCR_MIN_DPI = 100  # below this the table digits are too small to read: the page is not read
OCR_PIXELS = 6_000_000  # one page image (an A4 page at 200 dpi is 3.9 million)
OCR_PAGES = 60
OCR_SECONDS = 240.0


# Fixed limits: bounds no real report comes near, so no setting changes them; each guards
# memory or time against a hostile file, and the reader says so in a diagnostic when hit.
HTML_BYTES = 64 * 1024 * 1024  # a page read directly (the dispatcher's --max-bytes is lower)
HTML_CELLS = 100_000  # a report has about 300 table cells
HTML_BLOCKS = 50_000
HTML_SPAN = 1000  # HTML caps colspan at 1000; a bigger rowspan is cut at the table's end
HTML_COLUMNS = 256  # report tables have at most 16 columns
DOCX_FILE_BYTES = 256 * 1024 * 1024  # the dispatcher's own limit is lower; this guards direct calls
DOCX_LEVELS = 9  # list levels Word defines
DOCX_SPAN = 64
DOCX_COLUMNS = 256
DIGITS_NODES = 200_000  # search nodes when splitting run-together digits, before giving up
PDF_PAGE_CONTENT = 4_000_000  # decoded bytes of one page's drawing instructions
PDF_STREAM_BYTES = 64 * 1024 * 1024  # a font program or image a page needs; a CJK font can be 20 MB
PDF_DEFLATE_RATIO = 1032  # zlib's own bound: more is a bomb
PDF_TREE_NODES = 200_000  # page-tree nodes walked before the tree is judged looped or hostile
PDF_EDGES = 4000  # ruling segments on a page; more is a drawing, not a report table

@dataclass(frozen=True)
class Limits:
    structured_bytes: int | None = None
    structured_nodes: int | None = None
    structured_depth: int | None = None
    text_bytes: int | None = None
    html_tags: int | None = None
    docx_entries: int | None = None
    docx_part_bytes: int | None = None
    docx_total_bytes: int | None = None
    docx_ratio: int | None = None
    pdf_pages: int | None = None
    pdf_seconds: float | None = None
    timeout: float | None = None

    def get(self, attribute: str, default):
        value = getattr(self, attribute)
        return default if value is None else value

    def merged(self, other: Limits) -> Limits:
        """These limits with every value ``other`` sets put over them."""
        changed = {f.name: getattr(other, f.name) for f in fields(other) if getattr(other, f.name) is not None}
        return Limits(**{**self.as_attributes(), **changed})

    def as_attributes(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def to_dict(self) -> dict:
        """Only what was changed, under the names written in configuration files."""
        return {name: getattr(self, attr) for name, attr in NAMES.items() if getattr(self, attr) is not None}


def from_mapping(data: dict) -> Limits:
    """Limits from a configuration's ``limits:`` table (already validated by the schema)."""
    return Limits(**{NAMES[k]: v for k, v in data.items() if k in NAMES})


def parse_option(text: str) -> tuple[str, float]:
    """``pdf-pages=500`` from the command line; ValueError with the reason otherwise."""
    name, sep, raw = text.partition("=")
    name = name.strip().replace("_", "-")
    if not sep or name not in NAMES:
        raise ValueError(f"{text!r}: expected NAME=VALUE, NAME one of {', '.join(NAMES)}")
    attribute = NAMES[name]
    try:
        value = float(raw) if attribute in SECONDS else int(raw)
    except ValueError:
        raise ValueError(f"{text!r}: {raw!r} is not a {'number' if attribute in SECONDS else 'whole number'}") from None
    if value < 0 or (value == 0 and attribute not in ZERO_IS_NONE) or value != value or value == float("inf"):
        raise ValueError(f"{text!r}: must be {'0 (none) or more' if attribute in ZERO_IS_NONE else 'more than 0'}")
    return name, value


def effective(limits: Limits, max_bytes: int) -> dict:
    """Every limit with the value a run uses (for ``--show-settings`` and the docs test)."""
    defaults = {
        "structured_bytes": STRUCTURED_BYTES, "structured_nodes": STRUCTURED_NODES, "structured_depth": STRUCTURED_DEPTH,
        "text_bytes": TEXT_BYTES, "html_tags": HTML_TAGS, "docx_entries": DOCX_ENTRIES,
        "docx_part_bytes": DOCX_PART_BYTES, "docx_total_bytes": DOCX_TOTAL_BYTES, "docx_ratio": DOCX_RATIO,
        "pdf_pages": PDF_PAGES, "pdf_seconds": PDF_SECONDS, "timeout": DEFAULT_TIMEOUT,
    }
    out = {"max-bytes": max_bytes}
    out.update({name: limits.get(attr, defaults[attr]) for name, attr in NAMES.items()})
    return out
