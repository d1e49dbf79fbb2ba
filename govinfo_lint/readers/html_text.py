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
from typing import Any, Callable

from .. import lazy_re

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


def tag_of(el: Any) -> str | None:
    """Lower-case tag name; None for comments, processing instructions and entities."""
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else None


def hidden(el: Any) -> bool:
    return el.get("hidden") is not None or bool(_HIDDEN.search(el.get("style") or ""))


def normalize_space(text: str) -> str:
    """Collapse HTML whitespace; &nbsp; is a space; a source line break between two
    Chinese characters is dropped, as browsers do (CSS Text segment-break rules)."""
    text = text.replace("\xa0", " ")
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

    def add(self, text: str | None, context: Any, line_hint: int | None) -> None:
        if not text:
            return
        self.buf.append(text)
        if self.first is None and text.strip(_BLANK):
            self.first = (context, line_hint, snippet_of(text))

    def brk(self) -> None:
        if self.first is not None:
            text = normalize_space("".join(self.buf))
            if text:
                context, hint, snippet = self.first
                self.emit(Line(text, context, hint, snippet))
        self.buf = []
        self.first = None


def snippet_of(text: str) -> str:
    """Leading characters that appear verbatim in the source (no entity could stand for them)."""
    text = text.lstrip(_BLANK)
    out = []
    for ch in text[:8]:
        if ch in "&<>\"'\xa0" or ch.isspace():
            break
        out.append(ch)
    return "".join(out)


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
    flow.add(el.text, el, el.sourceline)
    for child in el:
        walk(child, flow, on_table)
        flow.add(child.tail, el, child.sourceline)
    if block:
        flow.brk()


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

    def _search(self, pattern: str, start: int, end: int | None = None) -> int | None:
        if self.misses >= self.MAX_MISSES:
            return None
        end = start + self.WINDOW if end is None else end
        match = re.compile(pattern).search(self.source, start, end)
        if match is None:
            self.misses += 1
            return None
        self.misses = 0
        return match.start("t")

    def text(self, snippet: str, line_hint: int | None) -> tuple[int | None, int]:
        """Text comes after the end of its element's start tag, i.e. on ``line_hint`` or later."""
        pos = None
        if snippet:
            lead = r"(?:^|>)(?:[ \t\r\n]|&nbsp;|&#160;|&#x[aA]0;|\u3000)*"
            pos = self._search(lead + "(?P<t>" + re.escape(snippet) + ")", self._line_start(line_hint))
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
        pos = self._search(r"(?P<t><(?i:" + name + r"))\b", start, end)
        if pos is None:
            return line_hint, 1
        self.cursor = pos
        return self._position(pos)
