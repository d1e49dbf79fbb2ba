"""Judging a PDF's compressed streams, and its page tree, before pdfminer decodes them.

pdfminer inflates a stream whole (``zlib.decompress``) the first time anything reads it,
so a 1 MB page that inflates to 1 GB cost 8 s and 2 GB of memory before any size limit
could look at the result. Here each stream a page will need (its content, the forms it
draws, its fonts' programs and character maps) is inflated incrementally, a megabyte at a
time, and given up as soon as it passes its limit: such a page is a compression bomb,
reported as one and never handed to pdfminer. Deflate expands at most 1032:1, so a stream
whose compressed size times that is within its limit is passed without inflating at all.

A page tree whose ``/Kids`` lead back to a node already visited is damaged: pdfminer walks
round it quietly and finds no pages, which used to be reported as a scan without text.
"""

from __future__ import annotations

import zlib

from ...limits import PDF_DEFLATE_RATIO as DEFLATE_MAX_RATIO, PDF_STREAM_BYTES as MAX_STREAM_BYTES
from ...limits import PDF_TREE_NODES as _MAX_TREE_NODES
from ...model import Diagnostic, Location

CHUNK = 1024 * 1024


class Bomb(Exception):
    def __init__(self, raw: int, limit: int, what: str):
        super().__init__(what)
        self.raw, self.limit, self.what = raw, limit, what


def check_page(page, number: int, content_limit: int, seen: dict) -> Diagnostic | None:
    """A ``too_large`` diagnostic naming the bomb among the streams ``page`` needs, else None.
    ``seen`` (one per document) keeps each stream's verdict: a font shared by every page is
    inflated once, and a bomb shared by every page is refused on each."""
    try:
        for stream, limit, what in _streams(page.page_obj, content_limit):
            if id(stream) not in seen:
                try:
                    _judge(stream, limit, what)
                    seen[id(stream)] = None
                except Bomb as bomb:
                    seen[id(stream)] = bomb
            if seen[id(stream)] is not None:
                raise seen[id(stream)]
    except Bomb as bomb:
        mb = bomb.limit / 1_000_000
        return Diagnostic(
            "too_large",
            f"第 {number} 页的{bomb.what}压缩数据 {bomb.raw} 字节，解压后超过 {mb:g} MB（疑似压缩炸弹），已拒绝读取，未检查。",
            f"page {number}: a {_EN.get(bomb.what, 'stream')} of {bomb.raw} compressed bytes inflates past {mb:g} MB "
            "(a compression bomb); refused, not checked.", "", Location(page=number))
    except Exception:  # noqa: BLE001 - a broken object is pdfminer's to report when it reads the page
        return None
    return None


_EN = {"页面内容": "page content stream", "表单对象": "form XObject", "字体": "font stream"}


def _streams(page_obj, content_limit: int):
    from pdfminer.pdftypes import PDFStream, resolve1

    contents = page_obj.contents or []
    for ref in contents if isinstance(contents, list) else [contents]:
        stream = resolve1(ref)
        if isinstance(stream, PDFStream):
            yield stream, content_limit, "页面内容"
    resources = resolve1(page_obj.resources) or {}
    yield from _resource_streams(resources, content_limit, set(), 0)


def _resource_streams(resources, content_limit: int, visited: set, depth: int):
    from pdfminer.pdftypes import PDFStream, resolve1

    if not isinstance(resources, dict) or depth > 8 or id(resources) in visited:
        return
    visited.add(id(resources))
    xobjects = resolve1(resources.get("XObject")) or {}
    for ref in (xobjects.values() if isinstance(xobjects, dict) else ()):
        stream = resolve1(ref)
        if isinstance(stream, PDFStream) and _name(stream.get("Subtype")) == "Form":
            yield stream, content_limit, "表单对象"
            yield from _resource_streams(resolve1(stream.get("Resources")), content_limit, visited, depth + 1)
    fonts = resolve1(resources.get("Font")) or {}
    for ref in (fonts.values() if isinstance(fonts, dict) else ()):
        font = resolve1(ref)
        if not isinstance(font, dict):
            continue
        parts = [font]
        descendants = resolve1(font.get("DescendantFonts"))
        if isinstance(descendants, list) and descendants:
            parts.append(resolve1(descendants[0]))
        for part in parts:
            if not isinstance(part, dict):
                continue
            descriptor = resolve1(part.get("FontDescriptor"))
            holders = [(part, ("ToUnicode",))] + ([(descriptor, ("FontFile", "FontFile2", "FontFile3"))]
                                                   if isinstance(descriptor, dict) else [])
            for holder, keys in holders:
                for key in keys:
                    stream = resolve1(holder.get(key))
                    if isinstance(stream, PDFStream):
                        yield stream, MAX_STREAM_BYTES, "字体"


def _name(value) -> str:
    return getattr(value, "name", value) if value is not None else ""


def _judge(stream, limit: int, what: str) -> None:
    """Raise Bomb if ``stream`` inflates past ``limit``; never holds more than a chunk of its output."""
    from pdfminer.pdftypes import LITERALS_ASCII85_DECODE, LITERALS_ASCIIHEX_DECODE, LITERALS_FLATE_DECODE
    from pdfminer.ascii85 import ascii85decode, asciihexdecode

    data = stream.rawdata
    if data is None:
        return  # decoded already, by someone who judged it
    if len(data) * DEFLATE_MAX_RATIO <= limit:
        return
    raw = len(data)
    if stream.decipher and stream.objid is not None:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    for f, _params in stream.get_filters():
        if f in LITERALS_ASCII85_DECODE:  # text encodings shrink: decoding them first is cheap
            data = ascii85decode(data)
        elif f in LITERALS_ASCIIHEX_DECODE:
            data = asciihexdecode(data)
        elif f in LITERALS_FLATE_DECODE:
            _inflate(data, limit, raw, what)
            return
        else:
            return


def _inflate(data: bytes, limit: int, raw: int, what: str) -> None:
    inflater = zlib.decompressobj()
    total = 0
    try:
        while data:
            total += len(inflater.decompress(data, CHUNK))
            if total > limit:
                raise Bomb(raw, limit, what)
            data = inflater.unconsumed_tail
    except zlib.error:
        return  # damaged, not a bomb: pdfminer salvages what it can


def page_tree_problem(document) -> Diagnostic | None:
    """An ``unreadable`` diagnostic when the page tree of a pdfminer ``PDFDocument`` loops."""
    from pdfminer.pdftypes import PDFObjRef, resolve1

    try:
        root = resolve1(document.catalog.get("Pages"))
        stack, on_path_ids = [(root, 0)], []
        visited: set = set()
        count = 0
        while stack:
            node, level = stack.pop()
            del on_path_ids[level:]
            key = id(node)
            if key in visited and key not in on_path_ids:
                continue  # listed twice, not a loop: pdfminer reads it once
            if key in on_path_ids:
                return Diagnostic(
                    "unreadable", "PDF 的页面树已损坏（页面目录中存在循环引用），页面无法完整读取，未检查。"
                    "这不是扫描件的问题：请重新导出或重新下载该文件。",
                    "the PDF's page tree is damaged (its /Kids loop back); the pages cannot be read, not checked. "
                    "Export or download the file again.", "")
            visited.add(key)
            on_path_ids.append(key)
            count += 1
            if count > _MAX_TREE_NODES or not isinstance(node, dict):
                return None
            kids = node.get("Kids")
            kids = resolve1(kids) if isinstance(kids, PDFObjRef) else kids
            if isinstance(kids, list):
                stack.extend((resolve1(kid), level + 1) for kid in reversed(kids))
    except Exception:  # noqa: BLE001 - any other damage is pdfminer's to report
        return None
    return None
