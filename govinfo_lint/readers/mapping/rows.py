"""Reading one table row: which cells are labels, which hold data, which template row it is.

Shared by the mappers of tables 二, 三 and 四. A label is matched after ``normalize``
(exactly), then without numbering and punctuation (``loose``: OCR copies drop
``1.`` or write ``,`` for ``、``), then by edit distance (typos such as
``2.其他法律行政止公开``), and last as the end of a longer text (flattened text
glues the group label, or the whole header, to the row label).
"""

from __future__ import annotations

from functools import lru_cache

from ... import template
from ...model import PLACEHOLDERS
from ...normalize import distance, loose, normalize
from ...values import number_of
from ..document import GridCell
from ... import lazy_re

_PUNCT = lazy_re.compile(r"[^\w]")
_GROUP = lazy_re.compile(r"^[（(]\s*([一二三四五六七])\s*[)）]")
_LEAD_NUMBER = lazy_re.compile(r"^[（(]?([一二三四五六七八九十\d]+)[)）.、]")


def is_data(text: str) -> bool:
    """Blank, a placeholder, or a number (possibly with a note or a unit)."""
    t = text.strip()
    if not t or t in PLACEHOLDERS:
        return True
    return number_of(t) is not None


def is_number(text: str) -> bool:
    t = text.strip()
    return bool(t) and number_of(t) is not None


def dedupe(cells: list[GridCell]) -> list[GridCell]:
    """Non-empty cells, a merged cell's repeats (same text side by side) once."""
    out: list[GridCell] = []
    for cell in cells:
        text = cell.text.strip()
        if text and (not out or normalize(out[-1].text) != normalize(text)):
            out.append(cell)
    return out


def split_row(cells: list[GridCell]) -> tuple[list[GridCell], list[GridCell]]:
    """(label cells, data cells): the data are the cells right of the last label."""
    last = -1
    for i, cell in enumerate(cells):
        if cell.text.strip() and not is_data(cell.text):
            last = i
    return dedupe(cells[:last + 1]), cells[last + 1:]


def fit(data: list[GridCell], width: int) -> list[GridCell] | None:
    """Exactly ``width`` data cells, dropping surplus blank cells at the end; None if impossible."""
    data = list(data)
    while len(data) > width and not data[-1].text.strip():
        data.pop()
    while len(data) > width and not data[0].text.strip():
        data.pop(0)
    return data if len(data) == width else None


def group_number(text: str) -> str | None:
    """三/四/五/六 for （三）不予公开-like labels (also fragments such as ``（三）不``)."""
    match = _GROUP.match(normalize(text))
    return match.group(1) if match else None


def _number(text: str) -> str | None:
    match = _LEAD_NUMBER.match(normalize(text))
    return match.group(1) if match else None


def _group_of(row: template.Row) -> str | None:
    return group_number(row.group) if row.group else None


@lru_cache(maxsize=1024)
def _keys(label: str) -> tuple[str, str, str, str]:
    """normalize, loose, and both without punctuation: computed once per template label."""
    return normalize(label), loose(label), _PUNCT.sub("", normalize(label)), _PUNCT.sub("", loose(label))


def match_row(label: str, candidates: list[template.Row], group: str | None = None,
              suffix: bool = False) -> tuple[template.Row | None, int]:
    """The template row ``label`` names, and the edit distance of the match (0 exact).

    ``group`` is the group numeral (三…六) the row sits under, when known. With
    ``suffix`` the label may end a longer text (the header or group label before it).
    """
    norm = normalize(label)
    if not norm:
        return None, 0
    found = [r for r in candidates if _keys(r.label)[0] == norm]
    if not found:
        key = loose(label)
        found = [r for r in candidates if key and _keys(r.label)[1] == key]
    if found:
        return _prefer(found, group, label), 0
    best: tuple[template.Row | None, int] = (None, 10**6)
    for row in candidates:
        target = _keys(row.label)[0]
        limit = max(1, len(target) // 5) if len(target) < 10 else max(2, len(target) // 4)
        d = distance(norm, target, limit)
        if d <= limit and _number(label) == _number(row.label):
            if d < best[1] or (d == best[1] and group and _group_of(row) == group):
                best = (row, d)
    if best[0] is not None:
        return best
    if suffix:
        return _suffix(label, candidates, group), 0
    return None, 0


def _prefer(found: list[template.Row], group: str | None, label: str) -> template.Row:
    if len(found) == 1:
        return found[0]
    number = _number(label)
    ranked = sorted(found, key=lambda r: (group is not None and _group_of(r) != group,
                                          number is not None and _number(r.label) != number))
    return ranked[0]


def _suffix(label: str, candidates: list[template.Row], group: str | None) -> template.Row | None:
    """The template row whose label ends ``label`` (the longest such label wins)."""
    text = _PUNCT.sub("", normalize(label))
    best: tuple[int, template.Row | None] = (0, None)
    for row in candidates:
        _n, _l, numbered, bare = _keys(row.label)
        for key, minimum in ((numbered, 2), (bare, 4)):
            if len(key) >= minimum and text.endswith(key) and len(key) > best[0]:
                best = (len(key), row)
        # A typo near the end: compare the tail of the same length.
        tail = text[-len(numbered):]
        if len(numbered) >= 8 and distance(tail, numbered, 2) <= 2 and len(numbered) - 2 > best[0]:
            best = (len(numbered) - 2, row)
    row = best[1]
    if row is not None and group and row.group and _group_of(row) != group:
        same = [r for r in candidates if loose(r.label) == loose(row.label) and _group_of(r) == group]
        row = same[0] if same else row
    return row


def labels_text(cells: list[GridCell]) -> str:
    return "".join(c.text.strip() for c in cells)


def fragment_of(text: str, row: template.Row) -> bool:
    """Whether ``text`` could be a piece of ``row``'s label (a label broken over lines)."""
    piece = _PUNCT.sub("", normalize(text))
    whole = _PUNCT.sub("", normalize(row.label))
    return bool(piece) and piece in whole


def all_rows(table_id: str) -> list[template.Row]:
    """The rows of both formats (2021 first): documents mix them (hybrids).

    A row whose label differs between the formats (规范性文件 / 行政规范性文件) is
    listed under both labels.
    """
    seen: dict[tuple[str, str], template.Row] = {}
    for fmt in ("2021", "2019"):
        for row in template.TABLES[fmt][table_id].rows:
            seen.setdefault((row.id, row.label), row)
    return list(seen.values())
