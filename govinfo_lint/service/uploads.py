"""Reading an upload safely: size counted as it arrives, names never used as paths.

A request body is counted while it streams in and refused (413) as soon as it passes
``max_request``, before it is all read; Starlette's multipart parser spools file parts to
anonymous temporary files. Each file is then copied into a private folder
(``mkdtemp``, mode 0700) under a name made from the client's name with every path part and
unusual character removed; the folder is removed when the request ends.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

MAX_FILES = 20  # reports in one request (plus one previous)
_UNSAFE = re.compile(r"[^\w.\-（）()【】\[\]《》·、，, ]+")


class Refused(Exception):
    """An upload we do not take: the HTTP status and the Chinese (then English) reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class TooLarge(Refused):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"上传的内容超过 {limit / 1024 / 1024:.0f} MiB 上限，未检查 "
                              f"(the upload is over the {limit / 1024 / 1024:.0f} MiB limit)")


def safe_name(given: str | None, index: int) -> str:
    """The last part of the client's file name, without anything that could make it a path."""
    base = (given or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] != "C")
    base = _UNSAFE.sub("_", base).strip(" .")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = stem[:100] or f"file{index}"
    return f"{stem}.{suffix[:10].lower()}" if suffix else stem


class Limited:
    """``receive`` that refuses a body longer than ``limit`` bytes, counted as it comes, and
    keeps the body's last bytes to tell a finished form from one cut off midway."""

    def __init__(self, receive, limit: int) -> None:
        self.receive = receive
        self.limit = limit
        self.seen = 0
        self.tail = b""

    async def __call__(self):
        message = await self.receive()
        if message["type"] == "http.request":
            body = message.get("body", b"")
            self.seen += len(body)
            if self.seen > self.limit:
                raise TooLarge(self.limit)
            self.tail = (self.tail + body)[-200:]
        return message

    def finished(self, content_type: str) -> bool:
        """Whether the body ends with the form's closing delimiter ``--BOUNDARY--``. The parser
        takes a form without one as if it were whole, and would check half a file."""
        from multipart.multipart import parse_options_header

        _type, options = parse_options_header(content_type)
        boundary = options.get(b"boundary", b"")
        return bool(boundary) and self.tail.rstrip(b"\r\n").endswith(b"--" + boundary.strip(b'"') + b"--")


@dataclass
class Upload:
    """The files of one request in their private folder."""

    folder: str
    reports: list[tuple[str, str, int]] = field(default_factory=list)  # (path, shown name, size)
    previous: tuple[str, str, int] | None = None

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


async def save(form, max_bytes: int, supported: tuple[str, ...], docx_only: bool = False) -> Upload:
    """The ``file`` fields (and ``previous``) of ``form`` copied into a new private folder."""
    from starlette.datastructures import UploadFile

    files = [f for f in form.getlist("file") if isinstance(f, UploadFile)]
    previous = [f for f in form.getlist("previous") if isinstance(f, UploadFile) and f.filename]
    if not files:
        raise Refused(422, "没有收到文件：请用 multipart 表单字段 file 上传年报 (no file: send the report as the field 'file')")
    if len(files) > MAX_FILES or len(previous) > 1 or (docx_only and len(files) != 1):
        most = 1 if docx_only else MAX_FILES
        raise Refused(422, f"一次最多上传 {most} 个年报文件和 1 个上一年度的年报 "
                           f"(at most {most} report file(s) and one previous report per request)")
    folder = tempfile.mkdtemp(prefix="govinfo-lint-")  # 0700: only this user may look in
    upload = Upload(folder)
    try:
        names: set[str] = set()
        for i, item in enumerate(files + previous, 1):
            name = safe_name(item.filename, i)
            suffix = Path(name).suffix.lower()
            if suffix not in supported or (docx_only and suffix != ".docx"):
                wanted = ".docx" if docx_only else " ".join(supported)
                raise Refused(422, f"{name}：不支持的文件类型，请上传 {wanted} 文件 (unsupported file type)")
            if name in names:
                name = f"{Path(name).stem}-{i}{suffix}"
            names.add(name)
            sub = os.path.join(folder, f"{i:02d}")
            os.mkdir(sub, 0o700)
            path = os.path.join(sub, name)
            size = await _copy(item, path, max_bytes, name)
            entry = (path, name, size)
            if i <= len(files):
                upload.reports.append(entry)
            else:
                upload.previous = entry
    except BaseException:
        upload.close()
        raise
    return upload


async def _copy(item, path: str, max_bytes: int, name: str) -> int:
    size = 0
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "wb") as out:
        while chunk := await item.read(1 << 20):
            size += len(chunk)
            if size > max_bytes:
                raise Refused(413, f"{name}：文件超过 {max_bytes / 1024 / 1024:.0f} MiB 上限，未检查 "
                                   f"(the file is over the {max_bytes / 1024 / 1024:.0f} MiB limit)")
            out.write(chunk)
    return size
