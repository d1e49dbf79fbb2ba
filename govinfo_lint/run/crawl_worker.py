"""What a crawl runs on a worker: one batch of documents read, linted and written as Parquet.

The per-file work is ``workers.work``, the function ``check`` runs in its own pool, so a crawl
gives the findings ``check`` gives; the rules are built once per worker process
(``settings.build_rules`` is cached there). Everything here takes and returns plain data, so
the same functions run in a ``concurrent.futures`` pool or on any Dask worker.

A document that cannot be read or checked becomes a row with its ``error``: the batch, and so
the partition, is never lost for one bad file.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager

FINDING_COLUMNS = ("file", "agency", "year", "level", "form", "code", "severity", "pointer", "message", "error")
CELL_COLUMNS = ("file", "agency", "year", "table", "row", "column", "raw", "value")


def is_url(path: str) -> bool:
    return "://" in path and not path.startswith("file://")


@contextmanager
def local_copy(path: str):
    """A local path for ``path``: itself, or for an fsspec URL a temporary copy with the same
    suffix (the readers choose by suffix and read from the file system)."""
    if not is_url(path):
        yield path[len("file://"):] if path.startswith("file://") else path
        return
    import fsspec

    suffix = os.path.splitext(path)[1]
    handle, local = tempfile.mkstemp(suffix=suffix, prefix="govinfo-crawl-")
    try:
        with fsspec.open(path, "rb") as src, os.fdopen(handle, "wb") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
        yield local
    finally:
        os.unlink(local)


def _lint(path: str, settings, lang: str, previous: str | None = None, previous_settings=None, report=True):
    """``workers.work`` on one file (and its predecessor): (report or None, findings dicts)."""
    from .workers import Task, work

    with local_copy(path) as local:
        if previous is None:
            _i, rep, found = work(Task(0, local, settings, lang, None, lint=True, return_report=report))
        else:
            with local_copy(previous) as prev:
                _i, rep, found = work(Task(0, local, settings, lang, None, lint=True, previous_path=prev,
                                           previous_settings=previous_settings, return_report=report))
    return rep, found


def _error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


def read_batch(items: list[tuple[str, object]], lang: str, output: str, key: str, run: str | None = None) -> list[dict]:
    """Phase 1 of a batch: each file read and linted; a file whose predecessor (the same
    organ's report of the year before) is in the batch linted with it as well, in memory;
    cells and findings written to ``output/cells/`` and ``output/findings/part-KEY.parquet``.

    The client pairs the years over the whole crawl and sends to phase 2 (``finish_batch``)
    only the files whose predecessor is not the one found here (in another batch, or the
    organ's name made ambiguous by another file): an archive kept in order of organ needs
    almost no second pass. For those, given ``run`` (the crawl's token), each report is kept
    pickled with its findings without a predecessor in ``output/_pending/part-KEY-RUN.reports``
    (``kept``: its offset there), so that phase 2 reads no file again. Returns per file its
    metadata, whether it was checked (``findings``), its error, the predecessor it was linted
    with (``paired``) and the rows written (``rows``)."""
    from .workers import gc_relaxed

    with gc_relaxed():  # a batch's reports stay alive for its pairing: see gc_relaxed
        return _read_batch(items, lang, output, key, run)


def _read_batch(items: list[tuple[str, object]], lang: str, output: str, key: str, run: str | None) -> list[dict]:
    from .workers import meta_of

    out, cells, reports, alone = [], [], [], []
    for path, settings in items:
        try:
            report, found = _lint(path, settings, lang)
            meta = meta_of(report)
            cells.extend(_cell_rows(path, report))
            out.append({"file": path, "meta": meta, "found": found, "error": None, "paired": None})
            reports.append(report)
        except Exception as exc:  # noqa: BLE001 - one bad document is a row, never a lost batch
            out.append({"file": path, "meta": _no_meta(), "found": None, "error": _error(exc), "paired": None})
            reports.append(None)
        alone.append(out[-1]["found"])
    _pair_in_batch(out, reports, [settings for _path, settings in items], lang)
    write_table(output, "cells", key, CELL_COLUMNS, cells)
    rows = []
    for e in out:
        mine = finding_rows(e["file"], e["meta"], e["found"], e["error"])
        rows.extend(mine)
        e["rows"] = len(mine)
    write_table(output, "findings", key, FINDING_COLUMNS, rows)
    offsets = _keep(output, key, run, _needed(out, reports), alone) if run is not None else [None] * len(out)
    for e, offset in zip(out, offsets):
        e["findings"] = e.pop("found") is not None
        e["kept"] = offset
    return out


def _pair_in_batch(out: list[dict], reports: list, settings: list, lang: str) -> None:
    """Each report whose predecessor the batch holds linted with it by the rules that read
    last year's report, its findings joined to its own (what one full lint gives)."""
    from ..model import Report
    from .pairing import pair_reports

    stubs = {i: Report(source=e["file"], **e["meta"]) for i, e in enumerate(out) if e["found"] is not None}
    pair_reports(list(stubs.values()))
    where = {e["file"]: i for i, e in enumerate(out)}
    for i, stub in stubs.items():
        if stub.previous is None:
            continue
        e, j = out[i], where[stub.previous.source]
        try:
            e["found"] = _with_previous(reports[i], e["found"], reports[j], out[j]["file"], settings[j], settings[i],
                                        lang)
        except Exception as exc:  # noqa: BLE001
            e["found"], e["error"] = None, _error(exc)
            continue
        e["paired"] = out[j]["file"]


def _needed(out: list[dict], reports: list) -> list:
    """The reports phase 2 may need, the others None: a report linted with its predecessor
    here and itself the predecessor of one here is needed only if the whole crawl pairs
    otherwise (a name made ambiguous by a file of another batch), and then phase 2 reads
    its file again. In an archive kept in order of organ most reports are such (a third of
    them with three years an organ: pickling 0.35 instead of 0.52 ms a document, measured)."""
    followed = {e["paired"] for e in out if e["paired"] is not None}
    return [None if e["paired"] is not None and e["file"] in followed else report for e, report in zip(out, reports)]


def _pending_path(output: str, name: str):
    """The file system of ``output`` and the path of ``name`` in its ``_pending`` folder."""
    from fsspec.core import url_to_fs

    fs, root = url_to_fs(output)
    return fs, f"{root.rstrip('/')}/_pending/{name}"


def _keep(output: str, key: str, run: str, reports: list, alone: list) -> list[int | None]:
    """Each report and its findings without a predecessor, pickled one after the other; the
    offset of each (None for a file not read). Only the crawl that wrote them reads them:
    the name holds its random token, so a file left in the output folder by another run, or
    put there, is never unpickled."""
    import pickle

    fs, path = _pending_path(output, f"part-{key}-{run}.reports")
    fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    offsets: list[int | None] = []
    with fs.open(path, "wb") as handle:
        for report, found in zip(reports, alone):
            offsets.append(None if report is None else handle.tell())
            if report is not None:
                pickle.dump((report, found), handle, protocol=pickle.HIGHEST_PROTOCOL)
    return offsets


def _kept(output: str, key: str, run: str | None, offset: int | None):
    """(report, findings without a predecessor) that phase 1 of this run kept at ``offset``
    of batch ``key``, or None (then the file is read again)."""
    import pickle

    if run is None or offset is None:
        return None
    fs, path = _pending_path(output, f"part-{key}-{run}.reports")
    try:
        with fs.open(path, "rb") as handle:
            handle.seek(offset)
            return pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError):
        return None


def remove_reports(output: str, keys, run: str) -> None:
    """The run's kept reports removed, and ``_pending`` with them once nothing is left in it."""
    path = None
    for key in keys:
        fs, path = _pending_path(output, f"part-{key}-{run}.reports")
        try:
            fs.rm(path)
        except (OSError, FileNotFoundError):
            pass
    if path is not None:
        folder = path.rsplit("/", 1)[0]
        try:
            if fs.isdir(folder) and not fs.ls(folder):
                fs.rmdir(folder)
        except OSError:
            pass


def _written(output: str, key: str) -> dict[str, list[dict]]:
    """The finding rows phase 1 wrote for batch ``key``, by file (none if it wrote none)."""
    import pyarrow.parquet as pq

    fs, path = _partition(output, "findings", key)
    by_file: dict[str, list[dict]] = {}
    if not fs.exists(path):
        return by_file
    with fs.open(path, "rb") as handle:
        for row in pq.read_table(handle).to_pylist():
            by_file.setdefault(row["file"], []).append(row)
    return by_file


def finish_batch(entries: list[dict], lang: str, output: str, key: str, run: str | None = None) -> int:
    """Phase 2 of a batch: the files marked ``relint`` linted with the predecessor the whole
    crawl found for them (``previous``, or none), the others' rows kept as phase 1 wrote
    them, an entry with an ``error`` an error row; ``output/findings/part-KEY.parquet``
    rewritten. Returns the rows written.

    Where phase 1 kept the reports (``run``; the predecessor's batch and offset, if this
    crawl read it, in ``previous_at``), no file is read twice: the file's findings without
    a predecessor are joined by those of the rules that read last year's report, linted on
    the two reports (``workers.merge_findings``: what one full lint gives,
    tests/test_cross_year.py). A predecessor of an earlier run is read from its file; without
    the kept report both files are read and linted in full."""
    written = _written(output, key) if any(not e.get("relint") and e["error"] is None for e in entries) else {}
    rows = []
    for e in entries:
        error = e["error"]
        if error is None and not e.get("relint"):
            rows.extend(written.get(e["file"], ()))
            continue
        found = None
        if error is None:
            try:
                kept = _kept(output, key, run, e.get("kept"))
                if kept is not None and not e.get("previous"):
                    found = kept[1]
                elif kept is not None:
                    at = e.get("previous_at")
                    previous = _kept(output, at[0], run, at[1]) if at else None
                    found = _with_previous(kept[0], kept[1] or [], previous[0] if previous else None, e["previous"],
                                           e["previous_settings"], e["settings"], lang)
                else:
                    _rep, found = _lint(e["file"], e["settings"], lang, e.get("previous"), e.get("previous_settings"),
                                        False)
            except Exception as exc:  # noqa: BLE001
                found, error = None, _error(exc)
        rows.extend(finding_rows(e["file"], e["meta"], found, error))
    write_table(output, "findings", key, FINDING_COLUMNS, rows)
    return len(rows)


def _with_previous(report, found: list[dict], previous, previous_path: str, previous_settings, settings,
                   lang: str) -> list[dict]:
    """``found`` (the findings of ``report`` linted without a predecessor) joined by those of
    the rules that read last year's report, on ``report`` with ``previous`` (read from
    ``previous_path`` when phase 1 of this run did not keep it: a file of an earlier run):
    what one full lint gives (``workers.merge_findings``). Where the file's time ran out, the
    time-out's findings alone, as ``check`` gives them."""
    from contextlib import nullcontext

    from .workers import Task, is_timed_out, merge_findings, work

    with nullcontext(None) if previous is not None else local_copy(previous_path) as prev:
        _i, _rep, more = work(Task(0, str(report.source or ""), settings, lang, None, lint=True, report=report,
                                   previous_report=previous, previous_path=prev, previous_settings=previous_settings,
                                   return_report=False, previous_only=True))
    more = more or []
    return more if is_timed_out(None, more) else merge_findings(found, more)


def _no_meta() -> dict:
    from .workers import META_KEYS

    return dict.fromkeys(META_KEYS)


def finding_rows(path: str, meta: dict, found: list[dict] | None, error: str | None) -> list[dict]:
    head = {"file": path, "agency": meta.get("agency"), "year": meta.get("year"), "level": meta.get("level"),
            "form": meta.get("format")}
    if error is not None:
        return [{**head, "code": None, "severity": None, "pointer": None, "message": None, "error": error}]
    return [{**head, "code": f["code"], "severity": f["severity"], "pointer": f["pointer"], "message": f["message"],
             "error": None} for f in found or ()]


def _cell_rows(path: str, report) -> list[dict]:
    rows = []
    for table, row, column, cell in report.iter_cells():
        value = cell.value
        rows.append({"file": path, "agency": report.agency, "year": report.year, "table": table, "row": row,
                     "column": column, "raw": cell.raw, "value": None if value is None else float(value)})
    return rows


def _schema(columns: tuple[str, ...]):
    import pyarrow as pa

    types = {"year": pa.int32(), "value": pa.float64()}
    return pa.schema([(c, types.get(c, pa.string())) for c in columns])


def _partition(output: str, name: str, key: str):
    """The file system of ``output`` and the path of batch ``key``'s partition of ``name``."""
    from fsspec.core import url_to_fs

    fs, root = url_to_fs(output)
    return fs, f"{root.rstrip('/')}/{name}/part-{key}.parquet"


def write_table(output: str, name: str, key: str, columns: tuple[str, ...], rows: list[dict]) -> None:
    """One partition, written under a temporary name and moved into place, so a partition
    that exists is whole (a worker killed mid-write leaves only a ``.tmp`` file)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    fs, final = _partition(output, name, key)
    fs.makedirs(final.rsplit("/", 1)[0], exist_ok=True)
    table = pa.Table.from_pylist(rows, schema=_schema(columns))
    temp = f"{final}.{os.getpid()}.tmp"
    with fs.open(temp, "wb") as handle:
        pq.write_table(table, handle)
    fs.mv(temp, final)
