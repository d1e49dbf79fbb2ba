"""A small content-keyed cache of plain JSON data under the user's cache folder.

Only data is cached (never pickles), so a tampered cache cannot run code; a cache that
cannot be read or written is simply not used.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import __version__


def cache_dir() -> Path | None:
    if os.environ.get("GOVINFO_LINT_NO_CACHE"):
        return None
    base = os.environ.get("GOVINFO_LINT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "govinfo-lint")
    return Path(base)


def sha256(data: bytes = b""):
    """``hashlib.sha256``, the same digest. Importing hashlib loads OpenSSL, about 5 ms of
    every run; the keys hashed here are small (names, sizes, times, a settings file), so
    CPython's own SHA-256 module does as well. Files' contents go through hashlib (batch.py)."""
    return _sha256_constructor()(data)


@lru_cache(maxsize=1)
def _sha256_constructor():
    # Chosen once: a failed import is not remembered, and would search sys.path on every key.
    try:
        from _sha256 import sha256  # CPython 3.10, 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # CPython 3.12 on
        except ImportError:
            from hashlib import sha256
    return sha256


def key(kind: str, parts: list[bytes]) -> str:
    digest = sha256(f"{kind}\0{__version__}".encode())
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return f"{kind}-{digest.hexdigest()[:32]}"


def get(name: str) -> Any | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with (folder / f"{name}.json").open(encoding="utf-8") as fh:
            # The C decoder raises RecursionError on an entry nested too deep (a planted one,
            # 100,000 levels): a miss, not a crash, with no scan of every cached file first.
            return json.load(fh)
    except (OSError, ValueError, RecursionError):
        return None


def put(name: str, data: Any) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        from ..safe_write import write_atomic

        write_atomic(folder / f"{name}.json", json.dumps(data, ensure_ascii=False))
    except OSError:
        pass


# Every name put() writes: "<kind>-<32 hex digits>.json"; clean() removes only these, so a
# cache folder pointed at the wrong place loses nothing else.
_ENTRY = r"^[a-z]+-[0-9a-f]{32}\.json$"  # compiled by clean(): lazy_re keeps its table here


def clean() -> tuple[Path | None, int, int]:
    """Remove every cache entry: (folder, files removed, bytes freed)."""
    folder = cache_dir()
    removed = freed = 0
    if folder is None or not folder.is_dir():
        return folder, 0, 0
    for entry in folder.iterdir():
        if re.match(_ENTRY, entry.name) and entry.is_file() and not entry.is_symlink():
            try:
                size = entry.stat().st_size
                entry.unlink()
            except OSError:
                continue
            removed, freed = removed + 1, freed + size
    return folder, removed, freed
