"""PDF reports (text layer) with pdfplumber: ruled tables as grids, the rest as paragraphs.

Merged cells come back from pdfplumber as None; each is filled from the real cell
that covers its position, so every row keeps its spanning labels. Boxes of one
column (framed text) are text, not tables. Pages, lines and positions are kept.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Diagnostic, Location
from .document import Document, GridCell, Paragraph, TableGrid

MAX_PAGES = 200
_PAGE_NUMBER = re.compile(r"^[-—–\s]*\d{1,3}[-—–\s]*$|^第\s*\d+\s*页(共\s*\d+\s*页)?$")
_ENDS = ("。", "：", ":", "；", "！", "？")


def read_document(path: Path) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    doc = Document(source=str(path), kind="pdf")
    try:
        pdf = pdfplumber.open(str(path))
    except PDFPasswordIncorrect:
        doc.diagnostics.append(_unreadable("PDF 已加密，无法读取。请提供未加密的版本。", "the PDF is encrypted"))
        return doc
    except (PDFSyntaxError, Exception) as exc:  # noqa: BLE001 - pdfminer raises many kinds
        doc.diagnostics.append(_unreadable(f"PDF 文件损坏或不是 PDF（{type(exc).__name__}）。",
                                           f"corrupt or not a PDF ({type(exc).__name__})"))
        return doc
    with pdf:
        pages = pdf.pages
        if len(pages) > MAX_PAGES:
            doc.diagnostics.append(_unreadable(f"PDF 共 {len(pages)} 页，超过上限 {MAX_PAGES} 页，只读取前 {MAX_PAGES} 页。",
                                               f"{len(pages)} pages; only the first {MAX_PAGES} were read"))
        text_chars = 0
        for number, page in enumerate(pages[:MAX_PAGES], start=1):
            text_chars += _read_page(page, number, doc)
        if text_chars == 0:
            doc.diagnostics.append(_unreadable("PDF 没有文字层（可能是扫描件），需要先进行文字识别（OCR）。",
                                               "the PDF has no text layer (a scan?); it needs OCR first"))
    return doc


def _unreadable(message: str, message_en: str) -> Diagnostic:
    return Diagnostic("unreadable", message, message_en, "")


def _read_page(page, number: int, doc: Document) -> int:
    tables = [t for t in page.find_tables() if _columns(t) >= 2]
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    items: list[tuple[float, object]] = []
    lines = page.filter(outside).extract_text_lines(strip=True) if boxes else page.extract_text_lines(strip=True)
    for line in lines:
        text = line["text"].strip()
        if text and not _PAGE_NUMBER.match(text):
            items.append((line["top"], Paragraph(text, Location(page=number, x=round(line["x0"], 1),
                                                                 y=round(line["top"], 1)))))
    for index, table in enumerate(tables, start=1):
        for top, block in _split(_grid(table, number, len(doc.blocks) + index), table):
            items.append((top, block))
    items.sort(key=lambda item: item[0])
    for _top, block in items:
        if isinstance(block, Paragraph) and doc.blocks and _joins(doc.blocks[-1], block):
            doc.blocks[-1].text += block.text
        else:
            doc.blocks.append(block)
    return sum(len(p.text) for _t, p in items if isinstance(p, Paragraph)) + len(tables)


def _joins(previous, paragraph: Paragraph) -> bool:
    """Hard-wrapped lines of one paragraph are joined; headings and finished sentences are not."""
    from .layout import section_id

    if not isinstance(previous, Paragraph) or previous.text.endswith(_ENDS):
        return False
    if section_id(previous.text)[0] or section_id(paragraph.text)[0]:
        return False
    if re.match(r"^[（(]?[一二三四五六七八九十\d]+[）)、.]", paragraph.text):
        return False
    return len(previous.text) >= 20


def _columns(table) -> int:
    return max((len(row.cells) for row in table.rows), default=0)


def _grid(table, page: int, table_index: int) -> TableGrid:
    rows = table.rows
    xs = sorted({round(c[0], 1) for row in rows for c in row.cells if c} | {round(c[2], 1) for row in rows for c in row.cells if c})
    texts = table.extract()
    grid: list[list[GridCell]] = []
    real = [(c, text) for row, row_texts in zip(rows, texts) for c, text in zip(row.cells, row_texts) if c]
    for r, (row, row_texts) in enumerate(zip(rows, texts), start=1):
        out: list[GridCell] = []
        for c, (bbox, text) in enumerate(zip(row.cells, row_texts), start=1):
            loc = Location(page=page, table=table_index, row=r, cell=c)
            if bbox is not None:
                loc.x, loc.y = round(bbox[0], 1), round(bbox[1], 1)
                out.append(GridCell(_clean(text), loc))
                continue
            # A merged position: take the text of the real cell that covers it.
            top = row.bbox[1] + 1
            left = _column_left(row, c - 1, xs)
            cover = next((t for b, t in real if b[0] - 1 <= left <= b[2] - 1 and b[1] - 1 <= top <= b[3] - 1), "")
            out.append(GridCell(_clean(cover), loc, origin=False))
        grid.append(out)
    return TableGrid(rows=grid, loc=Location(page=page, table=table_index, y=round(table.bbox[1], 1)))


def _split(grid: TableGrid, table) -> list[tuple[float, object]]:
    """A page framed as one big box: rows holding one full-width cell of prose are text."""
    from .grid_map import _ART20

    out: list[tuple[float, object]] = []
    current: list = []
    width = table.bbox[2] - table.bbox[0]
    for row, pdf_row in zip(grid.rows, table.rows):
        real = [c for c in row if c.origin]
        boxes = [b for b in pdf_row.cells if b]
        text = real[0].text if len(real) == 1 else ""
        full_width = len(boxes) == 1 and (boxes[0][2] - boxes[0][0]) >= 0.9 * width
        if full_width and text and not _ART20.search(text.replace(" ", "")) and len(row) > 1:
            if current:
                out.append((current[0][0], TableGrid([r for _t, r in current], grid.loc)))
                current = []
            out.append((pdf_row.bbox[1], Paragraph(text.replace("\n", ""), real[0].loc)))
        else:
            current.append((pdf_row.bbox[1], row))
    if current:
        out.append((current[0][0], TableGrid([r for _t, r in current], grid.loc)))
    return out


def _column_left(row, index: int, xs: list[float]) -> float:
    known = [c for c in row.cells if c]
    if index < len(row.cells) and row.cells[index]:
        return row.cells[index][0] + 1
    # The left edge of the index-th column: the index-th distinct x boundary of the table.
    return (xs[index] + 1) if index < len(xs) else (known[-1][2] - 1 if known else 0)


def _clean(text: str | None) -> str:
    if not text:
        return ""
    # pdfplumber puts a space between wide glyphs and breaks lines inside cells.
    lines = [line.strip() for line in text.splitlines()]
    joined = "\n".join(line for line in lines if line)
    if re.fullmatch(r"[\d\s,.+\-]+", joined):
        return re.sub(r"\s+", "", joined)
    return joined
