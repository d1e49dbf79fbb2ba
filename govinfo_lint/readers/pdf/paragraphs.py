"""PDF lines and table fragments into Document blocks, in reading order.

A line continues the paragraph before it when that paragraph's last line runs to the
right margin and this one starts at the left margin (Chinese paragraphs open with an
indent), nothing but a page break lies between, and neither is a heading. Lines are
joined without a separator: Chinese has no spaces, and a number wrapped at the line
end (``31`` / ``19件``) is one number again.
"""

from __future__ import annotations


from ...model import Location
from ..document import Document, Paragraph, TableGrid
from .text import Line
from ... import lazy_re

_ENDS = ("。", "！", "？", "!", "?")
_NUMBERED = lazy_re.compile(r"^[（(]?[一二三四五六七八九十\d]+[）)、.．]")


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, int(q * len(values))))]


def _margins(pages) -> tuple[float, float]:
    body = [l for p in pages for l in p.lines if l.left is None and len(l.text) >= 10]
    if not body:
        body = [l for p in pages for l in p.lines] or [Line([], "", 0.0, 0.0)]
    return _percentile([l.x0 for l in body], 0.1), _percentile([l.x1 for l in body], 0.9)


def assemble(pages, doc: Document) -> None:
    from ...headings import section_id

    left, right = _margins(pages)

    def continues(prev: Line, same_page: bool, line: Line) -> bool:
        if (prev.left is None) != (line.left is None) or abs(prev.size - line.size) > 1.5:
            return False
        if len(prev.segments) > 1 or len(line.segments) > 1:  # wide gaps: a form or a list, not running text
            return False
        if same_page and line.top - prev.bottom > 1.2 * line.size:
            return False
        if prev.text.endswith(_ENDS) or _NUMBERED.match(line.text) or section_id(line.text)[0]:
            return False
        full = prev.x1 >= (prev.right if prev.right is not None else right) - 2 * prev.size
        flush = line.x0 <= (line.left if line.left is not None else left) + 0.9 * line.size
        return full and flush

    prev: tuple[Line, int] | None = None
    for page in pages:
        number_of = {id(l): i for i, l in enumerate(page.lines, start=1)}
        items: list[tuple[float, int, object]] = [(l.top, 0, l) for l in page.lines]
        items += [(frag.top, 1, frag) for frag in page.tables]
        items.sort(key=lambda item: (item[0], item[1]))
        for top, kind, obj in items:
            if kind == 1:
                loc = (Location.box_of(page.number, obj.cols[0][0], top, obj.cols[-1][1], obj.bottom, table=obj.number)
                       if obj.cols else Location(page=page.number, table=obj.number, y=round(top, 1)))
                doc.blocks.append(TableGrid(rows=obj.rows, loc=loc))
                prev = None
                continue
            line: Line = obj  # type: ignore[assignment]
            last = doc.blocks[-1] if doc.blocks else None
            if prev is not None and isinstance(last, Paragraph) and continues(prev[0], prev[1] == page.number, line):
                last.text += line.text
            else:
                centred = (abs((line.x0 + line.x1) / 2 - page.width / 2) < 1.5 * line.size
                           and line.x0 > left + 2 * line.size and line.x1 < right - 2 * line.size)
                doc.blocks.append(Paragraph(line.text, Location.box_of(page.number, line.x0, line.top, line.x1,
                                                                       line.bottom, line=number_of[id(line)]),
                                            align="center" if centred else None))
            prev = (line, page.number)
