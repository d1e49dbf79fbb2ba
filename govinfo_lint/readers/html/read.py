"""HTML pages (a site's whole page or a bare fragment) to a Document.

The page is parsed with lxml's HTML parser, which never fetches anything, resolves no
entities from a DTD and caps depth and text size (``huge_tree`` off), so XXE, entity
bombs and 50 MB junk pages end in bounded time. Only the element holding the report
(its tables and section headings) is read, so the site's header, navigation and
footer do not become paragraphs.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from ...limits import HTML_TAGS as MAX_TAGS, Limits
from ...limits import HTML_BLOCKS as MAX_BLOCKS, HTML_BYTES as MAX_BYTES, HTML_CELLS as MAX_CELLS
from ...model import Diagnostic, Location
from ..document import Block, Document, Paragraph
from .decode import NotText, decode
from .grid import Budget, build_grid, is_layout, own_rows
from .text import Flow, Line, Locator, alignment, walk
from ... import lazy_re

_HEADING_WORDS = ("总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请", "行政复议、行政诉讼",
                  "行政复议和行政诉讼", "存在的主要问题", "其他需要报告的事项")
_HEADING = lazy_re.compile("|".join(re.escape(word) for word in _HEADING_WORDS))
_DATE = lazy_re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_PUBLISHED_TEXT = lazy_re.compile(r"发布(?:日期|时间)\s*[:：]\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})")
_DATE_META = ("pubdate", "publishdate", "publish_date", "publishtime", "firstpublishedtime",
              "article:published_time", "dc.date", "dc.date.issued", "dcterms.issued", "date")
_TITLE_META = ("articletitle", "og:title", "dc.title")


def read_document(path: Path, limits: Limits | None = None) -> Document:
    limits = limits or Limits()
    source = str(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        return _failed(source, "too_large", f"页面大小 {size} 字节，超过上限 {MAX_BYTES} 字节，未读取。",
                       f"the page is {size} bytes, over the limit of {MAX_BYTES}; not read.")
    data = path.read_bytes()
    tags = data.count(b"<")
    max_tags = limits.get("html_tags", MAX_TAGS)
    if tags > max_tags:
        return _failed(source, "too_large", f"页面约有 {tags} 个标签，超过上限 {max_tags}，未读取（不像是一份年度报告）。",
                       f"the page has about {tags} tags, over the limit of {max_tags}; not read.")
    try:
        text, _encoding, diagnostics = decode(data)
    except NotText:
        return _failed(source, "unreadable", "文件不是 HTML 文本（含二进制内容），可能是其他格式的文件改了扩展名。",
                       "the file is not HTML text (it holds binary data); maybe another format renamed.")
    del data  # a 50 MB page must not be held three times over while lxml parses it
    text = text.replace("\x00", "")
    root, errors = _parse(text)
    if root is None:
        return _failed(source, "unreadable", "页面为空，没有可读的内容。", "the page is empty; nothing to read.",
                       diagnostics)
    diagnostics += errors
    document = Document(source=source, kind="html", diagnostics=diagnostics)
    meta = _meta(root)
    body = root.find("body")
    container = find_container(body if body is not None else root)
    try:
        document.blocks = _blocks(container, Locator(text), document.diagnostics)
    except RecursionError:  # libxml2 caps depth at 256, so only a pathological page gets here
        document.diagnostics.append(Diagnostic("unreadable", "页面嵌套过深，无法读取。", "the page is nested too deeply to read."))
    if not document.blocks and not document.diagnostics:
        document.diagnostics.append(Diagnostic(
            "unreadable", "页面没有可读的正文文字（内容可能由脚本加载，或页面是空壳）。",
            "the page has no readable text (the content may be loaded by scripts, or the page is empty)."))
    from ..document import centred_title

    document.title = centred_title(document.blocks) or _title_from_meta(root, meta)
    document.published = _published(meta, document.blocks, body if body is not None else root)
    return document


def _failed(source: str, kind: str, message: str, message_en: str, diagnostics: list | None = None) -> Document:
    return Document(source=source, kind="html",
                    diagnostics=[*(diagnostics or []), Diagnostic(kind, message, message_en)])


def _parse(text: str) -> tuple[Any, list[Diagnostic]]:
    from lxml import etree

    parser = etree.HTMLParser(encoding="utf-8", recover=True, no_network=True, remove_comments=True,
                              remove_pis=True, huge_tree=False, default_doctype=False, collect_ids=False)
    try:
        root = etree.fromstring(text.encode("utf-8", "replace"), parser)
    except etree.LxmlError:
        root = None
    diagnostics = []
    fatal = [e for e in parser.error_log if e.level_name == "FATAL"]
    if fatal:
        first = fatal[0]
        diagnostics.append(Diagnostic(
            "unreadable",
            f"页面在第 {first.line} 行无法继续解析（{first.message.strip()}），其后的内容未读取。",
            f"parsing stopped at line {first.line} ({first.message.strip()}); the rest of the page was not read.",
            loc=Location(line=first.line, column=first.column or 1)))
    if root is not None:
        etree.strip_elements(root, "script", "style", "noscript", "template", etree.Comment, with_tail=False)
    return root, diagnostics


def find_container(body: Any) -> Any:
    """The element that holds the report: the deepest one holding nearly all of its
    data tables and section headings (a stray 总体情况 link in the navigation must not
    pull the choice up to the whole page). Falls back to ``body``."""
    anchors = [t for t in body.iter("table") if not is_layout(t) and len(own_rows(t)) >= 2]
    for el in body.iter():
        text, tail = el.text, el.tail
        if text and len(text) <= 80 and _HEADING.search(text):
            anchors.append(el)
        if tail and len(tail) <= 80 and _HEADING.search(tail):
            anchors.append(el)
    if len(anchors) < 2:
        return body
    counts: dict[Any, int] = {}
    depth: dict[Any, int] = {}
    for anchor in anchors:
        chain = list(anchor.iterancestors())[::-1] + [anchor]
        for d, el in enumerate(chain):
            counts[el] = counts.get(el, 0) + 1
            depth[el] = d
    need = max(2, -(-len(anchors) * 4 // 5))
    best = max((el for el, n in counts.items() if n >= need), key=lambda el: depth[el], default=body)
    return best if best.tag not in ("html", "head") else body


class _Full(Exception):
    """Stops the walk once the page has given more than any report holds."""


def _blocks(container: Any, locator: Locator, diagnostics: list[Diagnostic]) -> list[Block]:
    blocks: list[Block] = []
    budget = Budget(MAX_CELLS)

    paragraphs = [0]

    def emit(line: Line) -> None:
        if len(blocks) >= MAX_BLOCKS:
            raise _Full()
        row, column = locator.text(line.snippet, line.line_hint)
        # The source line:col serves editors and SARIF; on a page whose markup is one long
        # line it means nothing to a reader, who finds the place by its paragraph (第12段).
        paragraphs[0] += 1
        blocks.append(Paragraph(line.text, Location(line=row, column=column, paragraph=paragraphs[0]),
                                align=alignment(line.context, container)))

    def on_table(table: Any) -> bool:
        if budget.exhausted:
            raise _Full()
        if is_layout(table):
            return False
        caption = next((c for c in table if isinstance(c.tag, str) and c.tag.lower() == "caption"), None)
        if caption is not None:
            walk(caption, flow)
        index = sum(1 for b in blocks if not isinstance(b, Paragraph)) + 1
        grid = build_grid(table, index, locator, budget)
        if grid.rows:
            blocks.append(grid)
        return True

    flow = Flow(emit)
    try:
        walk(container, flow, on_table)
        flow.brk()
    except _Full:
        pass
    if budget.exhausted or len(blocks) >= MAX_BLOCKS:
        diagnostics.append(Diagnostic(
            "too_large", f"页面的段落或表格单元格过多（上限 {MAX_BLOCKS} 段、{MAX_CELLS} 格），超出部分未读取。",
            f"too many paragraphs or table cells (limits {MAX_BLOCKS} and {MAX_CELLS}); the rest was not read."))
    return blocks


def _meta(root: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in root.iter("meta"):
        name = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if name and content and name not in out:
            out[name] = content
    return out


def iso_date(text: str) -> str | None:
    match = _DATE.search(text or "")
    if not match:
        return None
    try:
        return datetime.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return None


def _published(meta: dict[str, str], blocks: list[Block], body: Any) -> str | None:
    for key in _DATE_META:
        if key in meta and (date := iso_date(meta[key])):
            return date
    for block in blocks[:40]:
        if isinstance(block, Paragraph) and (match := _PUBLISHED_TEXT.search(block.text)):
            return iso_date(match.group(1))
    # The page's own header (outside the report) often says 发布日期 / 发布时间.
    for el in body.iter():
        for text in (el.text, el.tail):
            if text and "发布" in text and (match := _PUBLISHED_TEXT.search(text)):
                return iso_date(match.group(1))
    return None


def _title_from_meta(root: Any, meta: dict[str, str]) -> str | None:
    for key in _TITLE_META:
        if meta.get(key):
            return meta[key]
    title = root.find(".//title")
    if title is None or not (title.text or "").strip():
        return None
    parts = [p.strip() for p in re.split(r"[_|｜]| - | — ", title.text) if p.strip()]
    return next((p for p in parts if "报告" in p), parts[0] if parts else None)
