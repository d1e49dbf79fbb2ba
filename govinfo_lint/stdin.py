"""``govinfo-lint check -``: a report from standard input, as an editor or a pipeline hands it.

The bytes are kept in a private temporary folder for the run (the readers take paths)
and deleted after it; every output names the report by ``--stdin-filename`` (or ``-``),
and the configuration is the one that name would get.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

STDIN = "-"


@dataclass
class StdinInput:
    path: Path  # the temporary copy the readers read
    name: str  # what outputs call it
    folder: str

    def close(self) -> None:
        import shutil

        shutil.rmtree(self.folder, ignore_errors=True)


def suffix_for(name: str | None, data: bytes) -> str:
    """The extension that picks the reader: the given name's, else what the bytes look like."""
    from .readers import SUPPORTED, sniff

    given = Path(name).suffix.lower() if name else ""
    if given in SUPPORTED:
        return given
    kind = sniff(data[:1024])
    if kind in ("pdf", "docx", "html"):
        return "." + kind
    head = data.lstrip()[:1]
    if head in (b"{", b"["):
        return ".json"
    text = data[:4096].decode("utf-8", "replace")
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")), "")
    # A structured report starts with one of its top-level keys; anything else is prose.
    if first.rstrip().endswith(":") or first.split(":", 1)[0].strip() in ("agency", "year", "format", "title", "level"):
        return ".yaml"
    return ".txt"


def read_stdin(name: str | None, max_bytes: int, stream=None) -> StdinInput | str:
    """The input saved for reading, or (a string) why it cannot be."""
    import tempfile

    stream = stream if stream is not None else sys.stdin.buffer
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        return f"标准输入超过大小上限 {max_bytes} 字节 (standard input is over the limit of {max_bytes} bytes)"
    folder = tempfile.mkdtemp(prefix="govinfo-lint-stdin-")
    path = Path(folder) / ("stdin" + suffix_for(name, data))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    return StdinInput(path, name or STDIN, folder)
