"""Every file the tool writes is written atomically and never over an input."""

from __future__ import annotations

import os
from pathlib import Path


class WriteError(OSError):
    """An output that could not be written, named as the user gave it (never the temporary file)."""

    def __str__(self) -> str:
        return self.strerror


def write_atomic(target: Path, text: str, protect: list[Path] = ()) -> None:
    _write_named(target, text.encode("utf-8"), protect)


def write_bytes_atomic(target: Path, data: bytes, protect: list[Path] = ()) -> None:
    """``write_atomic`` for a binary file (the annotated DOCX)."""
    _write_named(target, data, protect)


def _write_named(target: Path, data: bytes, protect) -> None:
    try:
        _write(target, data, protect)
    except OSError as exc:
        from .os_messages import reason_zh

        reason = reason_zh(exc, writing=True) or exc.strerror or str(exc)
        raise WriteError(exc.errno, f"无法写入输出文件 {target}：{reason}"
                                    f"（cannot write {target}: {exc.strerror or exc}）") from None


def _write(target: Path, data: bytes, protect) -> None:
    resolved = target.resolve()
    for path in protect:
        if path.exists() and (resolved == path.resolve() or (target.exists() and os.path.samefile(target, path))):
            raise ValueError(f"{target}: 拒绝覆盖输入文件 (refusing to overwrite an input file)")
    directory = resolved.parent
    directory.mkdir(parents=True, exist_ok=True)
    import tempfile  # here, not at import: tempfile brings random and shutil, 3-5 ms a run that writes nothing

    fd, tmp = tempfile.mkstemp(prefix=f".{resolved.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        # mkstemp creates the file private (0600); the user expects what any editor would leave:
        # the old file's mode, or the default for a new file under their umask.
        os.chmod(tmp, resolved.stat().st_mode & 0o777 if resolved.exists() else 0o666 & ~_umask())
        os.replace(tmp, resolved)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
