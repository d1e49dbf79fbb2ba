"""Turn any input into the canonical model.

``read(path)`` picks a reader by extension (and, for unknown extensions, by the first
bytes of the file). Whatever goes wrong, it returns a Report: a file that cannot be
read is a Report with a diagnostic, so one bad file never stops a batch.

Diagnostic kinds are a stable interface; rule files (kind ``diagnostic``) give them codes:

- ``unreadable``: the file is corrupt, encrypted, empty or not what its name says
- ``unsupported_format``: a format we do not read (legacy .doc/.wps, images, …)
- ``too_large``: over the configured size limit
- ``encoding``: the text encoding had to be guessed, or bytes were undecodable
- ``schema``: a structured file breaks ``schemas/report.schema.json``
- ``table_not_found``: a section that should hold a table has none we could map
- ``row_unmapped`` / ``column_unmapped``: a row or column label we could not map
- ``cell_unreadable``: a cell whose text could not be read at all
- ``cells_split``: numbers that had run together were split using the arithmetic
  of the table
- ``cells_ambiguous``: numbers that had run together could not be split unambiguously;
  the cells are left unread
- ``rows_by_position``: table 三 rows whose titles were lost, placed in template order
- ``ocr_read``: a scan read by OCR (``ocr/scan.py``), with the mean confidence of its characters
- ``ocr_uncertain``: a table cell of a scan whose recognised text is in doubt (low confidence,
  or not a number): left unread
- ``reader_stopped``: the worker process reading the file died (added by ``workers.py``)

Added after checking by the waiver engine (``govinfo_lint/waivers.py``), never by readers:

- ``waiver_unused``: a waiver that matched no finding
- ``waiver_expired``: a waiver past its ``expires`` date (it no longer applies)
- ``waiver_invalid``: an inline waiver comment that cannot be used (no reason, unknown code, bad date)
- ``waiver_refused``: a waiver aimed at a rule that cannot be waived (``waivable: false``)
"""

from __future__ import annotations

import os
from pathlib import Path

from ..limits import Limits
from ..model import Diagnostic, Report

STRUCTURED = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}
DOCUMENTS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
LEGACY = {".doc": "Word 97-2003 (.doc)", ".wps": "WPS 文字 (.wps)", ".rtf": "RTF", ".odt": "OpenDocument (.odt)",
          ".xls": "Excel (.xls)", ".xlsx": "Excel (.xlsx)", ".et": "WPS 表格 (.et)"}
SUPPORTED = tuple(STRUCTURED) + tuple(DOCUMENTS)

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def sniff(head: bytes) -> str | None:
    """Guess a kind from the first bytes, for files with a wrong or missing extension."""
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "legacy"
    low = head.lstrip()[:512].lower()
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in low or b"<table" in low:
        return "html"
    return None


def kind_of(path: str | os.PathLike[str]) -> str | None:
    suffix = Path(path).suffix.lower()
    return STRUCTURED.get(suffix) or DOCUMENTS.get(suffix) or ("legacy" if suffix in LEGACY else None)


def failed(source: str, kind: str, message: str, message_en: str, diag_kind: str = "unreadable") -> Report:
    return Report(source=source, input_kind=kind,
                  diagnostics=[Diagnostic(diag_kind, message, message_en, pointer="")])


def read(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES, limits: Limits | None = None) -> Report:
    """The report in ``path``; ``limits`` changes the readers' built-in limits (docs/security.md)."""
    source = str(path)
    p = Path(path)
    if p.is_dir():
        from .ocr.image import page_folder

        pages = page_folder(p)
        if pages:  # a folder of page images: one scanned report (readers/ocr/image.py)
            size = sum(f.stat().st_size for f in pages)
            if size > max_bytes:
                return failed(source, "image", f"页面图片共 {size} 字节，超过上限 {max_bytes} 字节，未检查。",
                              f"the page images are {size} bytes, over the limit of {max_bytes}; not checked.",
                              "too_large")
            return _read_document(p, "image", limits or Limits())
    try:
        size, head = _head(p)
    except OSError as exc:
        return failed(source, "unknown", f"无法读取文件：{exc.strerror or exc}", f"cannot read the file: {exc.strerror or exc}")
    except NotRegular as exc:
        return failed(source, "unknown", f"不是普通文件（{exc.what_zh}），未读取。",
                      f"not a regular file ({exc.what_en}); not read.")
    if size > max_bytes:
        return failed(source, "unknown",
                      f"文件大小 {size} 字节，超过上限 {max_bytes} 字节，未检查。",
                      f"file is {size} bytes, over the limit of {max_bytes}; not checked.", "too_large")
    kind = kind_of(p)
    if kind is None:
        kind = sniff(head)
    limits = limits or Limits()
    kind_limit = _kind_limit(kind, limits)
    if kind_limit is not None and size > kind_limit:
        what = "YAML/JSON" if kind in STRUCTURED.values() else "文本"
        return failed(source, kind or "unknown",
                      f"{what}文件大小 {size} 字节，超过此类文件的上限 {kind_limit} 字节，未检查"
                      "（一份年度报告只有几十 KB）。",
                      f"the {'YAML/JSON' if kind in STRUCTURED.values() else 'text'} file is {size} bytes, over the "
                      f"limit of {kind_limit} for such files; not checked (a report is tens of kilobytes).", "too_large")
    if kind == "legacy" or (kind is None and p.suffix.lower() in LEGACY):
        name = LEGACY.get(p.suffix.lower(), "旧版二进制格式")
        return failed(source, "legacy",
                      f"不支持的格式：{name}。请用 Word 或 WPS 另存为 .docx 后再检查。",
                      f"unsupported format: {name}. Save it as .docx in Word or WPS and check again.",
                      "unsupported_format")
    if kind is None and p.suffix.lower() in (".png", ".jpg", ".jpeg", ".tif", ".tiff"):
        return _read_document(p, "image", limits)  # a scanned page: OCR (readers/ocr/image.py)
    if kind is None:
        return failed(source, "unknown",
                      f"无法识别的文件类型“{p.suffix or '（无扩展名）'}”。支持：{'、'.join(SUPPORTED)}。",
                      f"unrecognised file type '{p.suffix or '(none)'}'. Supported: {', '.join(SUPPORTED)}.",
                      "unsupported_format")
    if kind in ("yaml", "json"):
        from .structured import read_structured

        return read_structured(p, kind, limits)
    return _read_document(p, kind, limits)


class NotRegular(Exception):
    """A FIFO, device, socket or directory: opening or reading it could block forever."""

    def __init__(self, what_zh: str, what_en: str) -> None:
        super().__init__(what_en)
        self.what_zh, self.what_en = what_zh, what_en


def _head(path: Path) -> tuple[int, bytes]:
    """Size and first bytes, read-only; a FIFO is opened without blocking and then refused."""
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd)
        if not stat.S_ISREG(mode.st_mode):
            raise NotRegular(*(("目录", "a directory") if stat.S_ISDIR(mode.st_mode) else
                               ("管道", "a FIFO") if stat.S_ISFIFO(mode.st_mode) else ("设备或套接字", "a device or socket")))
        return mode.st_size, os.read(fd, 1024)
    finally:
        os.close(fd)


def _kind_limit(kind: str | None, limits: Limits) -> int | None:
    if kind in ("yaml", "json"):
        from .plain import MAX_CHARS

        return limits.get("structured_bytes", MAX_CHARS)
    if kind in ("text", "markdown"):
        from ..limits import TEXT_BYTES

        return limits.get("text_bytes", TEXT_BYTES)
    return None


# Each form's reader, one folder a form; the mapping of their blocks to a report is in mapping/.
READERS = {"docx": "docx.read", "html": "html.read", "pdf": "pdf.read", "text": "text.read", "markdown": "text.markdown",
           "image": "ocr.image"}


def _read_document(path: Path, kind: str, limits: Limits) -> Report:
    from importlib import import_module

    try:
        from .mapping.assemble import build_report

        module = import_module(f".{READERS[kind]}", __name__)
    except ImportError as exc:
        return failed(str(path), kind, f"无法读取 {kind} 文件：缺少组件（{exc}）。请重新安装 govinfo-lint。",
                      f"cannot read {kind} files: a component is missing ({exc}); reinstall govinfo-lint.",
                      "unsupported_format")
    try:
        document = module.read_document(path, limits=limits)
    except Exception as exc:  # noqa: BLE001 - a corrupt file is a finding, never a crash
        return failed(str(path), kind,
                      f"文件已损坏或无法解析（{type(exc).__name__}: {str(exc)[:200]}）。",
                      f"the file is corrupt or cannot be parsed ({type(exc).__name__}: {str(exc)[:200]}).")
    return build_report(document)
