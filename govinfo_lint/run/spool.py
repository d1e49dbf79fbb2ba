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
    """A ``Packed`` whose pickle is in the spool file: ``unpack`` reads it from there. Its
    metadata too: the batch keeps that itself (in the spool as well), so a spooled report is
    its place and nothing more."""

    __slots__ = ("path", "offset", "length")

    @property
    def data(self) -> bytes:  # overrides Packed's slot: the bytes come from the file
        with open(self.path, "rb") as handle:
            handle.seek(self.offset)
            return handle.read(self.length)

    @property
    def meta(self) -> dict:  # overrides Packed's slot: read back with the report, when asked for
        from .workers import meta_of, unpack

        return meta_of(unpack(self))

    def __reduce__(self):  # pickled for a worker: the place, never the bytes
        return _spooled, (self.timed_out, self.path, self.offset, self.length)


def _spooled(timed_out, path, offset, length) -> Spooled:
    spooled = Spooled.__new__(Spooled)
    spooled.timed_out, spooled.path, spooled.offset, spooled.length = timed_out, path, offset, length
    return spooled


HELD = 64  # findings lists kept in memory before the spool file takes them: a small run opens none
# Reports kept in memory before the spool file takes them: a one-file check, whose report comes
# from a forked child, never opens a file (nor imports tempfile, 5 ms). Only one: those kept stay
# to the end of the run, and 64 of them (2 MB) took the 10,000-file run past its memory bar.
HELD_REPORTS = 1


class Spool:
    """Opened on the first report it takes: a run of one file, read in-process, never has one.

    It also keeps each file's findings (``put_data``, as the dicts workers send) from the time
    they are computed to the time the output takes them, in file order, at the end of the run.
    What the batch holds for either is a handle, a plain int: the places are in arrays here,
    8 bytes each, where a tuple or a ``Spooled`` per item cost 10,000 files about 2 MB.
    """

    def __init__(self):
        from array import array

        self.file, self.path, self.offset, self.held, self.reader, self.dirty = None, None, 0, 0, None, False
        self.held_reports = 0
        self.starts, self.lengths, self.timed_out = array("q"), array("q"), bytearray()

    def _open(self) -> None:
        import tempfile  # only a run of more than a few files needs it

        handle, self.path = tempfile.mkstemp(prefix="govinfo-spool-", suffix=".pickles")
        self.file = os.fdopen(handle, "wb")

    def _write(self, blob: bytes, timed_out: bool = False) -> int:
        if self.file is None:
            self._open()
        self.file.write(blob)
        self.starts.append(self.offset)
        self.lengths.append(len(blob))
        self.timed_out.append(timed_out)
        self.offset += len(blob)
        return len(self.starts) - 1

    def put(self, report):
        """``report`` (a Packed) spooled, as a handle for ``get``; anything else, and the first
        report, returned as they are."""
        if not isinstance(report, Packed) or isinstance(report, Spooled):
            return report
        if self.file is None and self.held_reports < HELD_REPORTS:
            self.held_reports += 1
            return report
        handle = self._write(report.data, bool(report.timed_out))
        self.file.flush()  # a worker may read it back as soon as phase 2 starts
        return handle

    def get(self, handle):
        """What ``put`` was given back as a ``Spooled`` (a worker reads it by its place), or the
        report itself if it was not spooled; None stays None."""
        if not isinstance(handle, int):
            return handle
        return _spooled(bool(self.timed_out[handle]), self.path, self.starts[handle], self.lengths[handle])

    def put_data(self, data):
        """``data`` (picklable) kept for ``get_data``: a handle to its place in the file, or
        itself (in a 1-tuple) while the run is small."""
        if self.file is None and self.held < HELD:
            self.held += 1
            return (data,)
        import pickle

        handle = self._write(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        self.dirty = True
        return handle

    def get_data(self, place):
        if isinstance(place, tuple):
            return place[0]
        import pickle

        if self.dirty:  # put_data does not flush each write: most runs read nothing back until the end
            self.file.flush()
            self.dirty = False
        if self.reader is None:
            self.reader = open(self.path, "rb")
        self.reader.seek(self.starts[place])
        return pickle.loads(self.reader.read(self.lengths[place]))

    def close(self) -> None:
        if self.reader is not None:
            self.reader.close()
        if self.file is None:
            return
        self.file.close()
        try:
            os.unlink(self.path)
        except OSError:
            pass
