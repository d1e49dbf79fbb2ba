"""Bytes of a web page to text: BOM, then the declared charset, then UTF-8, then GB18030.

Chinese government sites still serve GB2312/GBK pages, and those declarations are
often too narrow for what the page holds (rare characters only GB18030 has), so a
declared gb2312/gbk is read as GB18030, its superset. Whatever had to be guessed, and
any byte that could not be decoded, becomes an ``encoding`` diagnostic.
"""

from __future__ import annotations

import codecs
import re

from ...model import Diagnostic, Location
from ... import lazy_re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META = lazy_re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-:.]+)", re.I)
_XML_DECL = lazy_re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_\-.]+)", re.I)
_GB = {"gb2312", "gbk", "cp936", "x-gbk", "gb_2312-80", "euc-cn", "csgb2312", "chinese", "ms936", "windows-936"}
DECLARATION_WINDOW = 8192  # pages declare their charset in <head>, near the top
DETECT_SAMPLE = 256 * 1024  # enough for charset-normalizer; the whole file may be 50 MB
_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))


class NotText(Exception):
    """The bytes are not a text file at all (binary junk named .html)."""


def declared_encoding(data: bytes) -> str | None:
    head = data[:DECLARATION_WINDOW]
    match = _XML_DECL.match(head) or _META.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").strip().lower()
    if name in _GB:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    return controls > len(sample) * 0.02


def decode(data: bytes) -> tuple[str, str, list[Diagnostic]]:
    """The page text, the encoding used, and diagnostics about guesses and bad bytes."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(name, "replace")
            return text, name, _replaced(text, name)
    if looks_binary(data):
        raise NotText()
    declared = declared_encoding(data)
    if declared:
        text = _strict(data, declared)
        if text is not None:
            return text, declared, []
        for other in ("utf-8", "gb18030"):
            if other != declared and (text := _strict(data, other)) is not None:
                return text, other, [Diagnostic(
                    "encoding",
                    f"页面声明的字符编码为 {declared}，但内容不是该编码；已按 {other.upper()} 解码。",
                    f"the page declares charset {declared} but is not in it; decoded as {other.upper()}.",
                    evidence={"declared": declared, "used": other})]
        text = data.decode(declared, "replace")
        return text, declared, _replaced(text, declared)
    text = _strict(data, "utf-8")
    if text is not None:
        return text, "utf-8", []
    guess = "gb18030" if _strict(data, "gb18030") is not None else _detect(data)
    text = data.decode(guess, "replace")
    diags = [Diagnostic(
        "encoding",
        f"页面未声明字符编码，且不是 UTF-8；已推测为 {guess.upper()} 解码，请核对文字是否正确。",
        f"the page declares no charset and is not UTF-8; guessed {guess.upper()}; check the text.",
        evidence={"declared": None, "used": guess})]
    return text, guess, diags + _replaced(text, guess)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(data: bytes) -> str:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:DETECT_SAMPLE]).best()
    except Exception:  # noqa: BLE001 - detection is a best effort; fall back to UTF-8
        best = None
    if best is None or not best.encoding:
        return "utf-8"
    name = codecs.lookup(best.encoding).name
    return "gb18030" if name in _GB or name == "gb2312" else name


def _replaced(text: str, encoding: str) -> list[Diagnostic]:
    count = text.count("\ufffd")
    if not count:
        return []
    first = text.index("\ufffd")
    line = text.count("\n", 0, first) + 1
    column = first - (text.rfind("\n", 0, first) + 1) + 1
    return [Diagnostic(
        "encoding",
        f"页面有 {count} 处字节无法按 {encoding.upper()} 解码（第 {line} 行起），已替换为“\ufffd”，"
        "相应文字或数字可能缺失。",
        f"{count} byte sequence(s) could not be decoded as {encoding.upper()} (from line {line}); "
        "replaced with U+FFFD, some text or figures may be missing.",
        loc=Location(line=line, column=column), evidence={"count": count, "encoding": encoding})]
