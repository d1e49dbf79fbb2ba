"""DOCX reports: body paragraphs and tables, with merged cells expanded into a grid.

The zip is checked before anything is parsed (size, ratio, entry count: a zip bomb
is refused), nothing is extracted to disk, and the XML parser resolves no entities
and loads no DTD, so XXE and billion-laughs files cannot do harm.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..model import Diagnostic, Location
from .document import Document, GridCell, Paragraph, TableGrid

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_ENTRIES = 2000
MAX_XML_BYTES = 64 * 1024 * 1024
MAX_RATIO = 200


class DocxError(ValueError):
    pass


def _unreadable(message: str, message_en: str) -> Document:
    raise DocxError(f"{message} ({message_en})")


def _document_xml(path: Path) -> bytes:
    head = path.read_bytes()[:8]
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        _unreadable("这是旧版 Word（.doc）文件或加密的 Word 文件，请另存为未加密的 .docx 后再检查",
                    "a legacy .doc or an encrypted Word file; save it as an unencrypted .docx")
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        _unreadable("文件不是有效的 DOCX（zip 结构损坏或被截断）", "not a valid DOCX: the zip is corrupt or truncated")
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            _unreadable(f"DOCX 内含 {len(infos)} 个部件，超过上限", "too many parts in the zip")
        info = next((i for i in infos if i.filename == "word/document.xml"), None)
        if info is None:
            _unreadable("文件是 zip 但不是 Word 文档（缺少 word/document.xml）", "a zip but not a Word document")
        if info.file_size > MAX_XML_BYTES or (info.compress_size and info.file_size / info.compress_size > MAX_RATIO
                                              and info.file_size > 1024 * 1024):
            _unreadable("DOCX 正文解压后过大（疑似压缩炸弹），已拒绝", "the document part is too large (a zip bomb?)")
        with archive.open(info) as fh:
            data = fh.read(MAX_XML_BYTES + 1)
        if len(data) > MAX_XML_BYTES:
            _unreadable("DOCX 正文解压后过大，已拒绝", "the document part is too large")
        return data


def read_document(path: Path) -> Document:
    from lxml import etree

    data = _document_xml(path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise DocxError(f"DOCX 正文 XML 损坏（{exc}）") from None
    body = root.find(f"{W}body")
    doc = Document(source=str(path), kind="docx")
    if body is None:
        doc.diagnostics.append(Diagnostic("unreadable", "DOCX 中没有正文。", "the DOCX has no body.", ""))
        return doc
    counters = {"paragraph": 0, "table": 0}
    for element in body:
        if element.tag == f"{W}p":
            counters["paragraph"] += 1
            text = _text(element)
            if text.strip():
                doc.blocks.append(Paragraph(text.strip(), Location(paragraph=counters["paragraph"]),
                                            _style(element), "center" if _centred(element) else None))
        elif element.tag == f"{W}tbl":
            counters["table"] += 1
            doc.blocks.append(_table(element, counters["table"]))
    return doc


def _text(element) -> str:
    parts: list[str] = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}delText", "{*}Fallback"):
        if node.tag == f"{W}t" and not _inside(node, f"{W}del"):
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append("\t")
        elif node.tag == f"{W}br":
            parts.append("\n")
    return "".join(parts)


def _inside(node, tag: str) -> bool:
    parent = node.getparent()
    while parent is not None:
        if parent.tag == tag or parent.tag.endswith("}Fallback"):
            return True
        parent = parent.getparent()
    return False


def _style(paragraph) -> str | None:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else None


def _centred(paragraph) -> bool:
    jc = paragraph.find(f"{W}pPr/{W}jc")
    return jc is not None and jc.get(f"{W}val") == "center"


def _table(table, index: int) -> TableGrid:
    """Expand gridSpan (columns) and vMerge (rows) into a rectangular grid."""
    rows: list[list[GridCell]] = []
    for r, tr in enumerate(table.findall(f"{W}tr"), start=1):
        row: list[GridCell] = []
        for tc in tr.findall(f"{W}tc"):
            props = tc.find(f"{W}tcPr")
            span = 1
            merge = None
            if props is not None:
                grid_span = props.find(f"{W}gridSpan")
                if grid_span is not None and (grid_span.get(f"{W}val") or "1").isdigit():
                    span = max(1, min(64, int(grid_span.get(f"{W}val"))))
                v_merge = props.find(f"{W}vMerge")
                if v_merge is not None:
                    merge = v_merge.get(f"{W}val") or "continue"
            text = "\n".join(t for t in (_text(p).strip() for p in tc.findall(f"{W}p")) if t)
            column = len(row)
            loc = Location(table=index, row=r, cell=column + 1)
            if merge == "continue" and rows and column < len(rows[-1]):
                above = rows[-1][column]
                cells = [GridCell(above.text, loc, origin=False) for _ in range(span)]
            else:
                cells = [GridCell(text, loc, origin=(k == 0), col_span=span) for k in range(span)]
            row.extend(cells)
        rows.append(row)
    return TableGrid(rows=rows, loc=Location(table=index))
