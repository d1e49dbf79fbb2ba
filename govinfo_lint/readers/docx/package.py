"""Opening a DOCX safely: the zip is judged before any XML parser sees a byte.

Nothing is extracted to disk (so entry names such as ``../../x`` cannot escape), sizes
and compression ratios are bounded (zip bombs are refused before decompression, and
reads are capped in case the directory lies), and every XML part is parsed without
DTDs, entities or network access (XXE and billion-laughs files are refused).
Every refusal is a ``DocxProblem`` carrying a Chinese and an English message.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from pathlib import Path

from ... import lazy_re
from ...limits import Limits
# The defaults settings can change live in limits.py; these names are the ones the code reads.
from ...limits import (DOCX_ENTRIES as MAX_ENTRIES, DOCX_PART_BYTES as MAX_PART_BYTES, DOCX_RATIO as MAX_RATIO,  # noqa: F401
                      DOCX_FILE_BYTES as MAX_FILE_BYTES, DOCX_TOTAL_BYTES as MAX_TOTAL_BYTES)

RATIO_FLOOR = 2 * 1024 * 1024
MAIN_PART = "word/document.xml"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class DocxProblem(Exception):
    """A file we refuse to read, with the reason in both languages and a diagnostic kind."""

    def __init__(self, message: str, message_en: str, kind: str = "unreadable") -> None:
        super().__init__(f"{message} ({message_en})")
        self.message = message
        self.message_en = message_en
        self.kind = kind


class Package:
    """The parts of an opened DOCX, read into memory on demand with size limits."""

    def __init__(self, archive: zipfile.ZipFile, limits: Limits) -> None:
        self.archive = archive
        # Read at open time, not import time, so a limit changed in settings (or a test) applies.
        self.part_bytes = limits.get("docx_part_bytes", MAX_PART_BYTES)
        self.ratio = limits.get("docx_ratio", MAX_RATIO)
        # Case-insensitive lookup: some producers write Word/Document.xml.
        self.infos = {i.filename.replace("\\", "/").lower(): i for i in archive.infolist() if not i.is_dir()}
        self.main = MAIN_PART
        self._rels: dict[str, object] = {}

    def has(self, name: str) -> bool:
        return name.lower() in self.infos

    def read(self, name: str, required: bool = False) -> bytes | None:
        info = self.infos.get(name.lower())
        if info is None:
            return None
        try:
            _check_part(info, self.part_bytes, self.ratio)
        except DocxProblem:
            if required:
                raise
            return None  # an oversized or encrypted side part is skipped, never decompressed
        try:
            with self.archive.open(info) as fh:
                data = fh.read(self.part_bytes + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
            if not required:
                return None  # a damaged styles or numbering part only costs us numbering
            raise DocxProblem(f"DOCX 文件已损坏：部件 {info.filename} 无法解压（{exc}）。",
                              f"the DOCX is damaged: part {info.filename} cannot be decompressed ({exc}).") from None
        if len(data) > self.part_bytes:
            raise _bomb(info.filename)
        return data

    def xml(self, name: str, required: bool = False):
        data = self.read(name, required)
        if data is None:
            return None
        try:
            return parse_xml(data, name)
        except DocxProblem:
            if required:
                raise
            return None

    def related(self, part: str, rel_type: str) -> str | None:
        """The target of the first relationship of ``part`` whose type ends with ``rel_type``."""
        folder, base = posixpath.split(part)
        name = posixpath.join(folder, "_rels", base + ".rels")
        if name not in self._rels:
            self._rels[name] = self.xml(name)
        rels = self._rels[name]
        if rels is None:
            return None
        for rel in rels.iter(f"{_REL_NS}Relationship"):
            if (rel.get("Type") or "").endswith(rel_type) and rel.get("TargetMode") != "External":
                target = rel.get("Target") or ""
                name = posixpath.normpath(target.lstrip("/") if target.startswith("/")
                                          else posixpath.join(folder, target))
                if not name.startswith("..") and self.has(name):
                    return name
        return None


def _bomb(name: str) -> DocxProblem:
    return DocxProblem(f"DOCX 部件 {name} 解压后过大（疑似压缩炸弹），已拒绝读取。",
                       f"part {name} is too large once decompressed (a zip bomb?); refused.")


def _check_part(info: zipfile.ZipInfo, part_bytes: int, ratio_limit: int) -> None:
    if info.flag_bits & 0x1:
        raise DocxProblem(f"DOCX 部件 {info.filename} 已加密，无法读取。请另存为未加密的 .docx。",
                          f"part {info.filename} is encrypted; save as an unencrypted .docx.")
    ratio = info.file_size / max(1, info.compress_size)
    if info.file_size > part_bytes or (info.file_size > RATIO_FLOOR and ratio > ratio_limit):
        raise _bomb(info.filename)


def open_package(path: Path, limits: Limits) -> Package:
    """The opened package, or DocxProblem saying in plain words what the file is instead."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise DocxProblem(f"无法读取文件：{exc.strerror or exc}", f"cannot read the file: {exc.strerror or exc}") from None
    if size == 0:
        raise DocxProblem("文件为空（0 字节），不是有效的 Word 文档。", "the file is empty (0 bytes).")
    if size > MAX_FILE_BYTES:
        raise DocxProblem(f"文件大小 {size} 字节，超过上限。", f"the file is {size} bytes, over the limit.", "too_large")
    if head.startswith(OLE_MAGIC):
        raise _ole_problem(path)
    if not head.startswith(b"PK"):
        raise _not_zip(head)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError):
        raise DocxProblem("DOCX 文件已损坏或不完整（zip 目录缺失或错误，可能下载未完成或被截断）。"
                          "请重新获取原文件，或用 Word/WPS 打开后另存为 .docx。",
                          "the DOCX is corrupt or truncated (the zip directory is missing or broken).") from None
    try:
        return _checked(archive, limits)
    except BaseException:
        archive.close()
        raise


def _checked(archive: zipfile.ZipFile, limits: Limits) -> Package:
    infos = archive.infolist()
    max_entries = limits.get("docx_entries", MAX_ENTRIES)
    if len(infos) > max_entries:
        raise DocxProblem(f"DOCX 内含 {len(infos)} 个部件，超过上限 {max_entries}（疑似恶意文件），已拒绝读取。",
                          f"the zip holds {len(infos)} entries, over the limit of {max_entries}; refused.")
    total = sum(i.file_size for i in infos)
    max_total = limits.get("docx_total_bytes", MAX_TOTAL_BYTES)
    if total > max_total:
        raise DocxProblem(f"DOCX 解压后共 {total} 字节，超过上限 {max_total}（疑似压缩炸弹），已拒绝读取。",
                          f"the zip expands to {total} bytes, over the limit of {max_total} (a zip bomb?); refused.")
    _check_names(infos)
    package = Package(archive, limits)
    main = package.related("", "/officeDocument") or (MAIN_PART if package.has(MAIN_PART) else None)
    if main is None:
        raise _not_word(package)
    package.main = main
    return package


_DRIVE = lazy_re.compile(r"^[A-Za-z]:")


def _check_names(infos: list[zipfile.ZipInfo]) -> None:
    """Word writes part names relative to the package root, each once. A name that climbs out
    (``../``), is absolute, or is written twice (which copy is the report? each unzip tool picks
    its own) is a file built to attack the tools that unpack it: refused, the entry named."""
    seen: set[str] = set()
    for info in infos:
        name = info.filename.replace("\\", "/")
        shown = info.filename[:200]
        if name.startswith("/") or _DRIVE.match(name) or ".." in name.split("/"):
            raise DocxProblem(f"DOCX 内的条目名“{shown}”指向压缩包之外（含“../”或绝对路径，疑似“zip slip”攻击文件），"
                              "不是 Word 生成的文档，已拒绝读取。",
                              f"the DOCX entry {shown!r} points outside the archive (../ or an absolute path: "
                              "a zip-slip attack file), which Word never writes; refused.")
        key = name.lower()
        if key in seen and not info.is_dir():
            raise DocxProblem(f"DOCX 内的条目“{shown}”出现不止一次（不同解压工具会读到不同内容，疑似恶意构造的文件），"
                              "已拒绝读取。",
                              f"the DOCX entry {shown!r} appears more than once (unzip tools disagree on which copy "
                              "is the document: a crafted file); refused.")
        seen.add(key)


def _ole_problem(path: Path) -> DocxProblem:
    # Office encrypts a .docx by wrapping it in an OLE compound file with these streams.
    with path.open("rb") as fh:
        data = fh.read(8 * 1024 * 1024)
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        return DocxProblem("文件设置了打开密码（已加密），无法读取。请在 Word/WPS 中取消密码，另存为未加密的 .docx 后再检查。",
                           "the file is password-protected (encrypted); remove the password and save as .docx.")
    if "WpsCustomData".encode("utf-16-le") in data or "WordDocument".encode("utf-16-le") in data:
        return DocxProblem("文件实际是旧版 Word/WPS 文档（.doc/.wps），只是扩展名为 .docx。请另存为 .docx 后再检查。",
                           "the file is a legacy .doc/.wps document named .docx; save it as .docx.", "unsupported_format")
    return DocxProblem("文件是旧版 Office 复合文档（OLE 格式，可能是 .doc、.xls 或加密文件），不是 .docx。"
                       "请用 Word/WPS 另存为未加密的 .docx 后再检查。",
                       "an OLE compound file (legacy .doc/.xls or an encrypted file), not a .docx.", "unsupported_format")


def _not_zip(head: bytes) -> DocxProblem:
    if head.startswith(b"{\\rtf"):
        return DocxProblem("文件实际是 RTF 文档，只是扩展名为 .docx。请另存为 .docx 后再检查。",
                           "the file is an RTF document named .docx.", "unsupported_format")
    if head.startswith(b"%PDF"):
        return DocxProblem("文件实际是 PDF，只是扩展名为 .docx。请把扩展名改为 .pdf 后再检查。",
                           "the file is a PDF named .docx; rename it to .pdf.", "unsupported_format")
    if head.lstrip()[:1] == b"<":
        return DocxProblem("文件实际是网页或 XML 文本（可能是从网页另存的“Word 文档”），不是 .docx。"
                           "请用 Word/WPS 打开后另存为 .docx，或把扩展名改为 .html 后再检查。",
                           "the file is HTML or XML text named .docx.", "unsupported_format")
    return DocxProblem("文件不是 DOCX（文件头不是 zip 格式，内容可能已损坏或不是 Word 文档）。",
                       "not a DOCX: the file does not start like a zip archive.")


def _not_word(package: Package) -> DocxProblem:
    names = set(package.infos)
    what = "zip 压缩包"
    if "xl/workbook.xml" in names:
        what = "Excel 工作簿（.xlsx）"
    elif "ppt/presentation.xml" in names:
        what = "PowerPoint 演示文稿（.pptx）"
    elif "ofd.xml" in names:
        what = "OFD 版式文件"
    elif "mimetype" in names:
        kind = package.read("mimetype") or b""
        if kind.startswith(b"application/vnd.oasis.opendocument"):
            what = "OpenDocument 文档（.odt/.ods）"
        elif b"epub" in kind:
            what = "EPUB 电子书"
    return DocxProblem(f"文件是{what}，不是 Word 文档（缺少 word/document.xml）。请提交 .docx 格式的年度报告。",
                       f"the file is a {what}, not a Word document (no word/document.xml).", "unsupported_format")


# Strict Open XML names the same elements in another namespace; read it as transitional.
_STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_TRANSITIONAL_W = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOCTYPE = lazy_re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_ROOT_START = lazy_re.compile(rb"<[A-Za-z_]")


def parse_xml(data: bytes, name: str):
    """Parse one part with a parser that loads no DTD, expands no entity and fetches nothing."""
    from lxml import etree

    # Word never writes a DTD; one in a part is a crafted file (XXE, billion laughs).
    root_start = _ROOT_START.search(data)
    if _DOCTYPE.search(data[: root_start.start() if root_start else 4096]):
        raise DocxProblem(f"DOCX 部件 {name} 含有 DTD/实体声明（Word 不会生成），疑似恶意构造的文件，已拒绝解析。",
                          f"part {name} declares a DTD or entities, which Word never writes; refused as hostile.")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             dtd_validation=False, remove_comments=True, remove_pis=True)
    if _STRICT_W in data[:4096]:
        data = data.replace(_STRICT_W, _TRANSITIONAL_W)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise DocxProblem(f"DOCX 部件 {name} 的 XML 已损坏（{str(exc)[:120]}）。",
                          f"part {name} is not well-formed XML ({str(exc)[:120]}).") from None
    if root.getroottree().docinfo.internalDTD is not None:
        raise DocxProblem(f"DOCX 部件 {name} 含有 DTD 声明，已拒绝解析。", f"part {name} declares a DTD; refused.")
    return root
