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


class Spool:
    """Opened on the first report it takes: a run of one file, read in-process, never has one.

    It also keeps each file's findings (``put_data``, as the dicts workers send) from the time
    they are computed to the time the output takes them, in file order, at the end of the run.
    """

    def __init__(self):
        self.file, self.path, self.offset, self.held, self.reader, self.dirty = None, None, 0, 0, None, False

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
        spooled = _spooled(report.timed_out, self.path, self.offset, len(data))
        self.offset += len(data)
        return spooled

    def put_data(self, data) -> tuple:
        """``data`` (picklable) kept for ``get_data``: its place in the file, or itself while
        the run is small."""
        if self.file is None and self.held < HELD:
            self.held += 1
            return (data,)
        import pickle

        if self.file is None:
            self._open()
        blob = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
        self.file.write(blob)
        self.dirty = True
        place = (self.offset, len(blob))
        self.offset += len(blob)
        return place

    def get_data(self, place: tuple):
        if len(place) == 1:
            return place[0]
        import pickle

        if self.dirty:  # put_data does not flush each write: most runs read nothing back until the end
            self.file.flush()
            self.dirty = False
        if self.reader is None:
            self.reader = open(self.path, "rb")
        self.reader.seek(place[0])
        return pickle.loads(self.reader.read(place[1]))

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
