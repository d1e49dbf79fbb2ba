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
        raise _named(exc, target) from None


def _write(target: Path, data: bytes, protect) -> None:
    out = _open(target, protect)
    try:
        out.write(data)
        out.commit()
    except BaseException:
        out.abort()
        raise


def open_atomic(target: Path, protect: list[Path] = ()) -> "AtomicFile":
    """``write_atomic`` for an output written as it comes: a text stream whose file appears
    under ``target`` at ``commit`` (and never, after ``abort``). Errors name ``target``."""
    try:
        return AtomicFile(_open(target, protect), target)
    except OSError as exc:
        raise _named(exc, target) from None


class AtomicFile:
    def __init__(self, raw, target: Path):
        import io

        self.raw, self.target = raw, target
        self.text = io.TextIOWrapper(raw.handle, encoding="utf-8", newline="\n", write_through=False)

    def write(self, text: str) -> int:
        try:
            return self.text.write(text)
        except OSError as exc:
            raise _named(exc, self.target) from None

    def flush(self) -> None:
        self.text.flush()

    def commit(self) -> None:
        try:
            self.text.flush()
            self.text.detach()  # the temporary file is closed once, by commit, not by the wrapper
            self.raw.commit()
        except OSError as exc:
            self.raw.abort()
            raise _named(exc, self.target) from None

    def abort(self) -> None:
        try:
            self.text.detach()
        except (ValueError, OSError):  # already detached by commit, or the flush failed
            pass
        self.raw.abort()


def _named(exc: OSError, target: Path) -> WriteError:
    from .os_messages import reason_zh

    reason = reason_zh(exc, writing=True) or exc.strerror or str(exc)
    return WriteError(exc.errno, f"无法写入输出文件 {target}：{reason}（cannot write {target}: {exc.strerror or exc}）")


class _Temporary:
    """The temporary file beside the target, renamed over it when complete."""

    def __init__(self, resolved: Path, tmp: str, handle):
        self.resolved, self.tmp, self.handle = resolved, tmp, handle

    def write(self, data: bytes) -> None:
        self.handle.write(data)

    def commit(self) -> None:
        self.handle.close()
        # mkstemp creates the file private (0600); the user expects what any editor would leave:
        # the old file's mode, or the default for a new file under their umask.
        os.chmod(self.tmp, self.resolved.stat().st_mode & 0o777 if self.resolved.exists() else 0o666 & ~_umask())
        os.replace(self.tmp, self.resolved)

    def abort(self) -> None:
        try:
            self.handle.close()
        except OSError:
            pass
        if os.path.exists(self.tmp):
            os.unlink(self.tmp)


def _open(target: Path, protect) -> _Temporary:
    resolved = target.resolve()
    for path in map(Path, protect):  # a folder run's inputs are paths as strings (batch._File)
        if path.exists() and (resolved == path.resolve() or (target.exists() and os.path.samefile(target, path))):
            raise ValueError(f"{target}: 拒绝覆盖输入文件 (refusing to overwrite an input file)")
    directory = resolved.parent
    directory.mkdir(parents=True, exist_ok=True)
    import tempfile  # here, not at import: tempfile brings random and shutil, 3-5 ms a run that writes nothing

    fd, tmp = tempfile.mkstemp(prefix=f".{resolved.name}.", suffix=".tmp", dir=directory)
    return _Temporary(resolved, tmp, os.fdopen(fd, "wb"))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
