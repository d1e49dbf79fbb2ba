"""Characters of a PDF page into lines of text, with our own spacing rules.

pdfplumber's text joins glyphs by a fixed gap, which in letter-spaced Chinese PDFs
puts spaces between the characters of a word and, worse, inside numbers
(``1 1 3 6``). Here a space is only inserted where a reader would see one, and
never between two digits closer than a character width, so a number is never
split by the reader. Lines keep their geometry for paragraph and table building.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Gaps, as a fraction of the font size, that make a space.
_LATIN_GAP = 0.25  # between two Latin letters or digits of different words
_DIGIT_GAP = 1.0  # between two digits: less than this is one number
_CJK_GAP = 1.0  # a Chinese character next to anything: letter-spacing is not a space
SEGMENT_GAP = 1.0  # a wider gap separates two table cells on an unruled line


@dataclass
class Line:
    chars: list[dict]
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 10.0
    segments: list["Segment"] = field(default_factory=list)
    left: float | None = None  # margins of the frame the line sits in; None: the page's
    right: float | None = None


@dataclass
class Segment:
    text: str
    x0: float
    x1: float


def is_cjk(ch: str) -> bool:
    o = ord(ch[0]) if ch else 0
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0x3000 <= o <= 0x303F


def _digit(ch: str) -> bool:
    return ch.isdigit() or ch in ".,"


def needs_space(prev: dict, char: dict) -> bool:
    a, b = prev["text"][-1:], char["text"][:1]
    if not a or not b or a.isspace() or b.isspace():
        return False
    size = max(prev.get("size") or 10.0, char.get("size") or 10.0, 1.0)
    gap = (char["x0"] - prev["x1"]) / size
    if _digit(a) and _digit(b):
        return gap > _DIGIT_GAP
    if is_cjk(a) or is_cjk(b):
        return gap > _CJK_GAP
    return gap > _LATIN_GAP


def _dedupe(chars: list[dict]) -> list[dict]:
    """Fake bold draws a glyph twice a fraction of a point apart: keep one."""
    out: list[dict] = []
    for c in chars:
        p = out[-1] if out else None
        if p is not None and p["text"] == c["text"] and abs(p["x0"] - c["x0"]) < 1.5 and abs(p["top"] - c["top"]) < 1.5:
            continue
        out.append(c)
    return out


def make_lines(chars: list[dict]) -> list[Line]:
    """Group characters into lines by vertical position; each line left to right."""
    rows, columns = _groups(chars)
    lines = []
    for group in rows:
        line = build_line(group)
        if line.text:
            lines.append(line)
    for column in columns:
        text = _column_text(column)
        if text:
            lines.append(Line(column, text, min(c["x0"] for c in column), max(c["x1"] for c in column),
                              min(c["top"] for c in column), max(c["bottom"] for c in column),
                              column[0].get("size") or 10.0))
    lines.sort(key=lambda l: (l.top, l.x0))
    return lines


def _groups(chars: list[dict]) -> tuple[list[list[dict]], list[list[dict]]]:
    """The upright characters in lines (top to bottom, each in reading order of arrival) and the
    rotated ones in columns, each column top to bottom."""
    upright = [c for c in chars if c.get("text") and c.get("upright", True)]
    upright.sort(key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"]))
    groups: list[list[dict]] = []
    mid_of: list[float] = []
    for c in upright:
        mid = (c["top"] + c["bottom"]) / 2
        tol = 0.45 * max(c.get("size") or 10.0, 1.0)
        if groups and abs(mid - mid_of[-1]) <= tol:
            groups[-1].append(c)
            n = len(groups[-1])
            mid_of[-1] += (mid - mid_of[-1]) / n
        else:
            groups.append([c])
            mid_of.append(mid)
    # Rotated glyphs run down the page: a column of them is a line, read top to bottom.
    rotated = sorted((c for c in chars if c.get("text") and not c.get("upright", True)), key=lambda c: c["x0"])
    columns: list[list[dict]] = []
    for c in rotated:
        if columns and c["x0"] - columns[-1][-1]["x0"] <= 0.45 * max(c.get("size") or 10.0, 1.0):
            columns[-1].append(c)
        else:
            columns.append([c])
    for column in columns:
        column.sort(key=lambda c: c["top"])
    return groups, columns


def _column_text(column: list[dict]) -> str:
    return " ".join("".join(c["text"] for c in column).split())


def build_line(chars: list[dict]) -> Line:
    chars = _dedupe(sorted(chars, key=lambda c: c["x0"]))
    segments: list[Segment] = []
    seg_text: list[str] = []
    seg_x0 = seg_x1 = 0.0
    prev = None
    for c in chars:
        if prev is not None:
            size = max(prev.get("size") or 10.0, c.get("size") or 10.0, 1.0)
            if (c["x0"] - prev["x1"]) / size > SEGMENT_GAP and "".join(seg_text).strip():
                segments.append(Segment("".join(seg_text).strip(), seg_x0, seg_x1))
                seg_text = []
            if seg_text and needs_space(prev, c):
                seg_text.append(" ")
        if not seg_text and not c["text"].isspace():
            seg_x0 = c["x0"]
        if seg_text or not c["text"].isspace():
            seg_text.append(c["text"])
        if not c["text"].isspace():
            seg_x1 = c["x1"]
        prev = c if not c["text"].isspace() else prev
    if "".join(seg_text).strip():
        segments.append(Segment("".join(seg_text).strip(), seg_x0, seg_x1))
    text = _line_text(chars)
    visible = [c for c in chars if not c["text"].isspace()] or chars
    sizes = sorted(c.get("size") or 10.0 for c in visible)
    return Line(chars, text, min(c["x0"] for c in visible), max(c["x1"] for c in visible),
                min(c["top"] for c in visible), max(c["bottom"] for c in visible), sizes[len(sizes) // 2],
                [Segment(" ".join(s.text.split()), s.x0, s.x1) for s in segments])


def cell_text(chars: list[dict]) -> str:
    """The text of one table cell: its lines joined by newlines, as written.

    What ``make_lines`` gives, less what a cell does not need (segments, sizes, boxes): a
    ruled page has hundreds of cells, and building their lines was a tenth of a PDF's reading."""
    if len(chars) == 1:  # most cells of a form: one figure, one line, whichever way it runs
        return " ".join(chars[0]["text"].split()) if chars[0].get("text") else ""
    rows, columns = _groups(chars)
    lines: list[tuple[float, float, str]] = []
    for group in rows:
        group = _dedupe(sorted(group, key=lambda c: c["x0"]))
        text = _line_text(group)
        if text:
            visible = [c for c in group if not c["text"].isspace()] or group
            lines.append((min(c["top"] for c in visible), min(c["x0"] for c in visible), text))
    for column in columns:
        text = _column_text(column)
        if text:
            lines.append((min(c["top"] for c in column), min(c["x0"] for c in column), text))
    lines.sort(key=lambda line: (line[0], line[1]))
    return "\n".join(text for _top, _x0, text in lines)


def _line_text(chars: list[dict]) -> str:
    """The text of a line's characters in order (``build_line``, ``cell_text``): a space where
    ``needs_space`` sees one, runs of blanks as one."""
    parts: list[str] = []
    prev = None
    for c in chars:
        if prev is not None and needs_space(prev, c):
            parts.append(" ")
        parts.append(c["text"])
        if not c["text"].isspace():
            prev = c
    return " ".join("".join(parts).split())
