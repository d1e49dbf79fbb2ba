"""Reports a folder run keeps for later, on disk instead of in memory.

A folder run reads every file first and pairs years on metadata afterwards; until then it
cannot know which reports phase 2 will need (a file linted again with its predecessor, and
that predecessor). Kept in memory, those pickled reports grew a ``--jobs 1`` run by about
0.06-0.17 MB a report. Spooled, each is a few bytes here and its pickle sits in one temporary
file, read back only by the worker that lints it (``Spooled.data``, by path, so it works in
forked and in freshly started workers alike).
"""

from __future__ import annotations

import os

from .workers import Packed


class Spooled(Packed):
    """A ``Packed`` whose pickle is in the spool file: ``unpack`` reads it from there."""

    __slots__ = ("path", "offset", "length")

    @property
    def data(self) -> bytes:  # overrides Packed's slot: the bytes come from the file
        with open(self.path, "rb") as handle:
            handle.seek(self.offset)
            return handle.read(self.length)

    def __reduce__(self):  # pickled for a worker: the place, never the bytes
        return _spooled, (self.meta, self.timed_out, self.path, self.offset, self.length)


def _spooled(meta, timed_out, path, offset, length) -> Spooled:
    spooled = Spooled.__new__(Spooled)
    spooled.meta, spooled.timed_out, spooled.path, spooled.offset, spooled.length = meta, timed_out, path, offset, length
    return spooled


class Spool:
    """Opened on the first report it takes: a run of one file, read in-process, never has one."""

    def __init__(self):
        self.file, self.path, self.offset = None, None, 0

    def _open(self) -> None:
        import tempfile  # only a run with worker processes needs it; a one-file check never loads it

        handle, self.path = tempfile.mkstemp(prefix="govinfo-spool-", suffix=".pickles")
        self.file = os.fdopen(handle, "wb")

    def put(self, report):
        """``report`` (a Packed) spooled; anything else is returned as it is."""
        if not isinstance(report, Packed) or isinstance(report, Spooled):
            return report
        if self.file is None:
            self._open()
        data = report.data
        self.file.write(data)
        self.file.flush()  # a worker may read it back as soon as phase 2 starts
        spooled = _spooled(report.meta, report.timed_out, self.path, self.offset, len(data))
        self.offset += len(data)
        return spooled

    def close(self) -> None:
        if self.file is None:
            return
        self.file.close()
        try:
            os.unlink(self.path)
        except OSError:
            pass
