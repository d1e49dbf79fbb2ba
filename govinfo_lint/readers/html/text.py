"""Visible text of an HTML subtree as lines, the way a browser breaks it into blocks.

Paragraphs of the page and the pieces of a table cell are both read this way: block
elements (p, div, li, h1–h6, …) and ``<br>`` end a line, inline elements (span, font,
a, Word's o:p) join without spaces, so ``<span>2</span><span>0</span>`` reads ``20``.
Lines remember where their first text was written so that a finding can point there.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

from ... import lazy_re

BLOCK = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote section article header footer nav aside main "
    "pre address center table thead tbody tfoot tr td th caption form fieldset figure figcaption hr "
    "body html details summary".split()
)
SKIP = frozenset(
    "script style noscript template head title iframe object embed svg math select option button "
    "input textarea map area canvas audio video".split()
)
_HIDDEN = lazy_re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_ALIGN = lazy_re.compile(r"text-align\s*:\s*([a-z\-]+)", re.I)
_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_SEGMENT_BREAK = lazy_re.compile(rf"(?<=[{_CJK}])\n(?=[{_CJK}])")
_AROUND_NEWLINE = lazy_re.compile(r"[ \t\r\f\v]*\n[ \t\r\n\f\v]*")
_SPACES = lazy_re.compile(r"[ \t\r\n\f\v]+")
_BLANK = " \t\r\n\f\v\xa0\u3000"
_SNIPPET = lazy_re.compile(r"[^&<>\"'\xa0\s]{0,8}")  # \s is exactly str.isspace
_LEAD = r"(?:[ \t\r\n]|&nbsp;|&#160;|&#x[aA]0;|\u3000)*"  # what may stand between a tag and its text
_LEAD_ONLY = lazy_re.compile(_LEAD)
_LEAD_STARTS = " \t\r\n\u3000&"
_CACHED_STYLE = 2000  # longer style attributes are searched, not kept in the cache


def tag_of(el: Any) -> str | None:
    """Lower-case tag name; None for comments, processing instructions and entities."""
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else None


def hidden(el: Any) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    if not style:
        return False
    return _hidden_style(style) if len(style) <= _CACHED_STYLE else _HIDDEN.search(style) is not None


@lru_cache(maxsize=1024)
def _hidden_style(style: str) -> bool:
    # Word-exported pages repeat a few long style attributes on every element; searching
    # each one again (a case-blind search has no fast scan) cost more than the rest of the walk.
    return _HIDDEN.search(style) is not None


def normalize_space(text: str) -> str:
    """Collapse HTML whitespace; &nbsp; is a space; a source line break between two
    Chinese characters is dropped, as browsers do (CSS Text segment-break rules)."""
    text = text.replace("\xa0", " ")
    if "\n" in text:  # most pieces are one line; these two rules only touch line breaks
        text = _AROUND_NEWLINE.sub("\n", text)
        text = _SEGMENT_BREAK.sub("", text)
    return _SPACES.sub(" ", text).strip()


def alignment(el: Any, stop: Any) -> str | None:
    """The text alignment in force at ``el``: the nearest explicit one up to ``stop``."""
    while el is not None:
        if tag_of(el) == "center":
            return "center"
        if tag_of(el) in BLOCK:
            match = _ALIGN.search(el.get("style") or "")
            value = (match.group(1) if match else el.get("align") or "").strip().lower()
            if value:
                return "center" if value in ("center", "-webkit-center", "middle") else None
        if el is stop:
            return None
        el = el.getparent()
    return None


@dataclass
class Line:
    text: str
    context: Any  # the element the text sits in (for alignment)
    line_hint: int | None  # source line of the element where the text starts
    snippet: str  # the first characters of the first text, as they appear in the source


class Flow:
    """Collects inline text; ``brk`` ends the current line and hands it to ``emit``."""

    def __init__(self, emit: Callable[[Line], None]):
        self.emit = emit
        self.buf: list[str] = []
        self.first: tuple[Any, int | None, str] | None = None

    def add(self, text: str | None, context: Any, source: Any) -> None:
        """``source``: the element the text is searched from in the page (its own text,
        or the tail after it); its line is read only for the first text of a line."""
        if not text:
            return
        self.buf.append(text)
        if self.first is None and text.strip(_BLANK):
            self.first = (context, source.sourceline, snippet_of(text))

    def brk(self) -> None:
        if not self.buf:
            return  # between two blocks: nothing to end
        if self.first is not None:
            text = normalize_space("".join(self.buf))
            if text:
                context, hint, snippet = self.first
                self.emit(Line(text, context, hint, snippet))
        self.buf = []
        self.first = None


def snippet_of(text: str) -> str:
    """Leading characters that appear verbatim in the source (no entity could stand for them)."""
    return _SNIPPET.match(text.lstrip(_BLANK)).group()


def walk(el: Any, flow: Flow, on_table: Callable[[Any], bool] | None = None) -> None:
    """Feed the visible text under ``el`` to ``flow``. ``on_table`` may take over a table
    (return True) so the caller can turn it into a grid instead of lines."""
    tag = tag_of(el)
    if tag is None or tag in SKIP or hidden(el):
        return
    if tag == "br":
        flow.brk()
        return
    block = tag in BLOCK
    if block:
        flow.brk()
    if tag == "table" and on_table is not None and on_table(el):
        return
    flow.add(el.text, el, el)
    for child in el:
        walk(child, flow, on_table)
        flow.add(child.tail, el, child)
    if block:
        flow.brk()


@lru_cache(maxsize=512)
def _text_pattern(snippet: str, page_start: bool) -> re.Pattern:
    """``(?:^|>)LEAD(?P<t>snippet)``. Searched from anywhere but the start of the page, ``^``
    cannot match; a bare ``>`` first lets ``re`` skip from one ``>`` to the next instead of
    trying every position, some nine times faster."""
    opening = r"(?:^|>)" if page_start else ">"
    return re.compile(opening + _LEAD + "(?P<t>" + re.escape(snippet) + ")")


class Locator:
    """Finds the column of a text in the source, moving forward through the page.

    lxml gives only the line of an element's start tag, and Word-exported pages put a
    whole report on one line; searching for the text right after a ``>`` from where the
    previous block was found gives its real line and column. Searches are bounded so a
    hostile page cannot make this quadratic.
    """

    WINDOW = 200_000
    MAX_MISSES = 200

    def __init__(self, source: str):
        self.source = source
        self.starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.cursor = 0
        self.misses = 0

    def _line_start(self, line: int | None) -> int:
        if line is None or line < 1 or line > len(self.starts):
            return self.cursor
        return max(self.cursor, self.starts[line - 1])

    def _position(self, pos: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, pos)
        return line, pos - self.starts[line - 1] + 1

    def _search(self, pattern: re.Pattern, start: int, end: int | None = None) -> int | None:
        if self.misses >= self.MAX_MISSES:
            return None
        end = start + self.WINDOW if end is None else end
        match = pattern.search(self.source, start, end)
        if match is None:
            self.misses += 1
            return None
        self.misses = 0
        return match.start("t")

    def _find_text(self, snippet: str, start: int) -> int | None:
        """Where ``(?:^|>)LEAD(?P<t>snippet)`` first matches from ``start``.

        Most often that is the snippet's first occurrence, when only blanks stand between
        it and the last ``>`` before it; checking that needs no pattern for the snippet (a
        lead holds no ``>``, and a snippet of ``snippet_of`` starts with neither a blank nor
        ``&``, so no lead runs on into it). Otherwise (figures also stand in attributes,
        ``width="0"``) the search goes on from that ``>``: no match can start before it."""
        if self.misses >= self.MAX_MISSES:
            return None
        end = start + self.WINDOW
        at = self.source.find(snippet, start, end)
        if at < 0:
            self.misses += 1
            return None
        plain = snippet[0] not in _LEAD_STARTS
        tag_end = self.source.rfind(">", start, at)
        if plain and (tag_end >= 0 or start == 0) and _LEAD_ONLY.fullmatch(self.source, tag_end + 1, at):
            self.misses = 0
            return at
        pos = max(start, tag_end) if plain else start
        return self._search(_text_pattern(snippet, pos == 0), pos, end)

    def text(self, snippet: str, line_hint: int | None) -> tuple[int | None, int]:
        """Text comes after the end of its element's start tag, i.e. on ``line_hint`` or later."""
        pos = self._find_text(snippet, self._line_start(line_hint)) if snippet else None
        if pos is None:
            return line_hint, 1
        self.cursor = pos
        return self._position(pos)

    def tag(self, name: str, line_hint: int | None) -> tuple[int | None, int]:
        """lxml's line of an element is where its start tag ends; the tag begins at or before it."""
        end = None
        if line_hint is not None and 1 <= line_hint < len(self.starts):
            end = self.starts[line_hint]
        start = self.cursor if end is None else max(self.cursor, end - self.WINDOW)
        pos = self._search(re.compile(r"(?P<t><(?i:" + name + r"))\b"), start, end)
        if pos is None:
            return line_hint, 1
        self.cursor = pos
        return self._position(pos)
