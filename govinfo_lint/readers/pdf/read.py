"""PDF reports (text layer) with pdfplumber: ruled tables as grids, the rest as paragraphs.

Each page's characters are split once: those inside a ruled table go to its grid
(``grid``), the others become lines (``text``); runs of lines that are a
table without borders are rebuilt from word positions (``words``). Page numbers
and running headers/footers are dropped, hard-wrapped lines are joined into
paragraphs by their geometry (a full line followed by an unindented one), and every
paragraph keeps its page, its line number within the page (counting the text lines
outside tables, top to bottom) and its position.

Bad input never raises: an empty, broken, truncated or encrypted file, a scan with
no text layer, or one beyond the page or time limits ends in a diagnostic.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from ...limits import PDF_PAGE_CONTENT as MAX_PAGE_CONTENT, PDF_PAGES as MAX_PAGES, PDF_SECONDS as MAX_SECONDS
from ...limits import Limits
from ...model import Diagnostic, Location
from ..document import Document
from .text import Line
from ... import lazy_re

_PAGE_NUMBER = lazy_re.compile(r"^[-—–－\s]*\d{1,4}[-—–－\s]*$|^第\s*\d+\s*页\s*(共\s*\d+\s*页)?$|^\d+\s*/\s*\d+$")
_MARGIN = 0.075  # running headers and footers sit in the top and bottom 7.5% of a page


@dataclass
class _Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list = field(default_factory=list)  # join.Fragment, top to bottom
    chars: int = 0


def read_document(path: Path, limits: Limits | None = None) -> Document:
    limits = limits or Limits()
    max_pages, max_seconds = limits.get("pdf_pages", MAX_PAGES), limits.get("pdf_seconds", MAX_SECONDS)
    doc = Document(source=str(path), kind="pdf")
    problem = _precheck(Path(path))
    if problem:
        doc.diagnostics.append(problem)
        return doc
    _quiet_pdfminer()
    import pdfplumber

    try:
        pdf = pdfplumber.open(str(path))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds, wrapped by pdfplumber
        doc.diagnostics.append(_open_failure(exc))
        return doc
    with pdf:
        try:
            pages = pdf.pages
        except Exception as exc:  # noqa: BLE001
            doc.diagnostics.append(_open_failure(exc))
            return doc
        from .guard import page_tree_problem  # a looped page tree is damage, not a scan (issue 19)

        if problem := page_tree_problem(pdf.doc):
            doc.diagnostics.append(problem)
            return doc
        from .pdfium import Reader

        fast = Reader(path, len(pages))
        try:
            read = _read_pages(pages, max_pages, max_seconds, doc, fast)
        finally:
            fast.close()
        stated = _title(pdf.metadata)
    if read and sum(p.chars for p in read) == 0 and not any(d.kind in ("unreadable", "too_large") for d in doc.diagnostics):
        from ..ocr import scan as pdf_ocr  # a scan: read its page images when the ocr extra is installed (issue 17)

        if pdf_ocr.available():
            pdf_ocr.read_scan(Path(path), limits, doc, _Page, _finish)
            return doc
    _finish(read, doc)
    from ..document import centred_title

    # As in DOCX, the centred title on the page wins: the metadata is often last year's.
    doc.title = centred_title(doc.blocks) or stated
    return doc


def _title(metadata: dict) -> str | None:
    """The document title the file states, when it reads like a report title (not "Microsoft Word - 1.docx")."""
    title = metadata.get("Title") if isinstance(metadata, dict) else None
    if isinstance(title, str) and "报告" in title and not re.search(r"\.(docx?|wps|pdf)\b", title, re.I):
        return " ".join(title.split())
    return None


def _precheck(path: Path) -> Diagnostic | None:
    """What the first and last bytes already say, before the expensive parse."""
    with path.open("rb") as fh:
        head = fh.read(1024)
        fh.seek(0, 2)
        fh.seek(max(0, fh.tell() - 4096))
        tail = fh.read()
    if not head:
        return _diag("unreadable", "文件为空（0 字节），不是有效的 PDF。", "the file is empty (0 bytes), not a PDF.")
    if b"%PDF-" not in head:
        return _diag("unreadable", "文件不是 PDF（开头没有 %PDF 标记），可能是改了扩展名的其他文件。",
                     "not a PDF (no %PDF header); perhaps another kind of file renamed to .pdf.")
    if b"%%EOF" not in tail:
        # pdfminer reads a cut-off file without complaint as long as its objects parse, so the
        # missing end marker is the only sign that pages or text may be gone.
        return _diag(
            "unreadable", "PDF 文件不完整（缺少结尾标记 %%EOF，可能下载中断），内容可能缺失，未检查。请重新下载该文件。",
            "the PDF is incomplete (no %%EOF end marker; an interrupted download?); content may be missing; "
            "not checked. Download it again.")
    return None


def _quiet_pdfminer() -> None:
    # pdfminer logs a warning per odd font; our diagnostics say what matters. A host
    # application that configured these loggers itself keeps its settings.
    for name in ("pdfminer", "pdfplumber"):
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:
            logger.setLevel(logging.CRITICAL)


def _open_failure(exc: Exception) -> Diagnostic:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    if isinstance(inner, PDFPasswordIncorrect):
        return _diag("unreadable",
                     "PDF 已加密（设有打开密码），无法读取内容。请提供未加密的版本：用密码打开后“另存为”或“打印为 PDF”，再检查。",
                     "the PDF is encrypted with an open password; provide an unencrypted copy "
                     "(open it with the password and save or print it to a new PDF), then check again.")
    if isinstance(inner, PDFEncryptionError):
        return _diag("unreadable", f"PDF 使用了不支持的加密方式（{inner}），无法读取。请提供未加密的版本。",
                     f"the PDF uses an unsupported encryption ({inner}); provide an unencrypted copy.")
    return _diag("unreadable",
                 f"PDF 文件已损坏或不完整，无法解析（{type(inner).__name__}）。请重新下载或重新导出该文件。",
                 f"the PDF is damaged or incomplete and cannot be parsed ({type(inner).__name__}); "
                 "download or export it again.")


def _diag(kind: str, message: str, message_en: str, loc: Location | None = None) -> Diagnostic:
    return Diagnostic(kind, message, message_en, "", loc)


def _read_pages(pages, max_pages: int, max_seconds: float, doc: Document, fast=None) -> list[_Page]:
    from .page import read_page

    if len(pages) > max_pages:
        doc.diagnostics.append(_diag(
            "too_large", f"PDF 共 {len(pages)} 页，超过上限 {max_pages} 页，未检查（年度报告通常不超过二三十页）。",
            f"the PDF has {len(pages)} pages, over the limit of {max_pages}; not checked."))
        return []
    from .guard import check_page

    start, judged = time.monotonic(), {}
    out: list[_Page] = []
    for number, page in enumerate(pages, start=1):
        if time.monotonic() - start >= max_seconds:
            doc.diagnostics.append(_diag(
                "too_large", f"读取 PDF 超过 {max_seconds:g} 秒，在第 {number} 页停止，未检查。",
                f"reading the PDF took over {max_seconds:g} s; stopped at page {number}; not checked.",
                Location(page=number)))
            break
        try:
            if bomb := check_page(page, number, MAX_PAGE_CONTENT, judged):
                doc.diagnostics.append(bomb)
                continue
            if _content_size(page) > MAX_PAGE_CONTENT:
                doc.diagnostics.append(_diag(
                    "too_large", f"第 {number} 页的绘图指令过大（超过 {MAX_PAGE_CONTENT // 1_000_000} MB），未读取。",
                    f"page {number} has over {MAX_PAGE_CONTENT // 1_000_000} MB of drawing instructions; not read.",
                    Location(page=number)))
                continue
            content = _content(page, number, fast)
            lines, tables, chars = read_page(content, number, doc.diagnostics)
            out.append(_Page(number, float(page.width), float(page.height), lines, tables, chars))
        except Exception as exc:  # noqa: BLE001 - one damaged page is a finding, never a crash
            doc.diagnostics.append(_diag(
                "unreadable", f"第 {number} 页已损坏，无法解析（{type(exc).__name__}）；报告内容不完整，未检查。",
                f"page {number} is damaged and cannot be parsed ({type(exc).__name__}); the report is incomplete.",
                Location(page=number)))
        finally:
            page.close()
    return out


def _content(page, number: int, fast):
    """The page's characters and edges: pdfium's reading where it has the file and can
    rebuild pdfminer's boxes, else pdfplumber's (pdfminer still judges the streams first)."""
    from .content import from_plumber

    if fast is not None:
        from .fonts import page_fonts
        from .pdfium import Ambiguous, page_content

        fonts = page_fonts(page.page_obj)
        if not fonts.fallback and (pdf := fast.get()) is not None:
            try:
                return page_content(pdf, number - 1, fonts, page.mediabox[:2])
            except Ambiguous:
                pass
    return from_plumber(page)


def _content_size(page) -> int:
    from pdfminer.pdftypes import resolve1, stream_value

    total = 0
    for ref in page.page_obj.contents or []:
        try:
            total += len(stream_value(resolve1(ref)).get_data())
        except Exception:  # noqa: BLE001 - a broken stream is pdfminer's to report when it renders
            continue
    return total


def _finish(pages: list[_Page], doc: Document) -> None:
    if any(d.kind in ("unreadable", "too_large") for d in doc.diagnostics):
        return
    if pages and sum(p.chars for p in pages) == 0:
        doc.diagnostics.append(_diag(
            "unreadable", "PDF 没有文字层（可能是扫描件或图片），无法读取文字；需要先进行文字识别（OCR）："
            '安装 pip install "govinfo-lint[ocr]" 后本工具可直接识别扫描件，或提供可复制文字的版本。',
            "the PDF has no text layer (a scan or images); it needs OCR first: after "
            'pip install "govinfo-lint[ocr]" this tool reads scans itself; or provide a version with selectable text.'))
        return
    if not pages:
        doc.diagnostics.append(_diag("unreadable", "PDF 中没有可读取的页面。", "the PDF has no readable pages."))
        return
    _drop_running_lines(pages)
    from .join import join_continued
    from .paragraphs import assemble

    join_continued(pages, doc.diagnostics)
    assemble(pages, doc)


def _drop_running_lines(pages: list[_Page]) -> None:
    """Page numbers, and headers/footers repeated in the margins of most pages."""
    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", "".join(line.text.split()))

    def in_margin(line: Line, page: _Page) -> bool:
        return line.bottom <= page.height * _MARGIN or line.top >= page.height * (1 - _MARGIN)

    counts: dict[str, int] = {}
    for page in pages:
        for k in {key(l) for l in page.lines if in_margin(l, page)}:
            counts[k] = counts.get(k, 0) + 1
    repeated = {k for k, n in counts.items() if len(pages) >= 2 and n >= max(2, len(pages) // 2)}
    for page in pages:
        page.lines = [l for l in page.lines
                      if not (in_margin(l, page) and (key(l) in repeated or _PAGE_NUMBER.match(l.text)))
                      and not (_PAGE_NUMBER.match(l.text) and l.top >= page.height * 0.85)]
