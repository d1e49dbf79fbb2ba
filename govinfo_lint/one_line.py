"""Text quoted from a document, on one line.

A line break in a quoted label or sentence (a label wrapped in its cell, a paragraph
copied out of a PDF) would split a finding over lines, and the concise and GitHub
formats promise one line per finding. Chinese has no spaces between words, so a line
break between two CJK characters (or next to CJK punctuation or a quotation mark) is
nothing; only between two Latin words or numbers does it stand for a space.
"""

from __future__ import annotations

from . import lazy_re

_LINE_BREAK = lazy_re.compile(r"[ \t\u3000]*[\r\n]+[ \t\u3000]*")
_OPENING = frozenset("“‘\"（(《〈「『【[")
_CLOSING = frozenset("”’\"）)》〉」』】]")


def _latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".,;:%-+/")


def one_line(text: str) -> str:
    if "\n" not in text and "\r" not in text:
        return text

    def joint(match) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if not before or not after or before in _OPENING or after in _CLOSING:
            return ""
        return " " if _latin(before) and _latin(after) else ""

    return _LINE_BREAK.sub(joint, text)
