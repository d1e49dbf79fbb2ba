"""Markdown reports: paragraphs, ``#`` headings and pipe tables (shared with the text reader)."""

from __future__ import annotations

from pathlib import Path

from ...limits import Limits
from ..document import Document, Paragraph
from .read import read_document as read_text
from ... import lazy_re

_HEADING = lazy_re.compile(r"^#{1,6}\s+")
_EMPHASIS = lazy_re.compile(r"(\*\*|__)(.+?)\1")


def read_document(path: Path, limits: Limits | None = None) -> Document:
    doc = read_text(path, kind="markdown", limits=limits)
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            block.text = _EMPHASIS.sub(r"\2", _HEADING.sub("", block.text)).strip()
    return doc
