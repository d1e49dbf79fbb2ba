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
    """Phase 1 of a batch: each file read and linted as if it had no predecessor; its cells
    written to ``output/cells/part-KEY.parquet``, its findings kept for phase 2 in
    ``output/_pending/part-KEY.json`` (the client of a crawl of millions holds only metadata)
    and, given ``run`` (the crawl's token), the reports read in ``part-KEY-RUN.reports``, so
    that phase 2 reads no file again. Returns per file its metadata, whether it was checked
    (``findings``) and its error."""
    from .workers import meta_of

    out, cells, reports = [], [], []
    for path, settings in items:
        try:
            report, found = _lint(path, settings, lang)
            meta = meta_of(report)
            cells.extend(_cell_rows(path, report))
            out.append({"file": path, "meta": meta, "findings": found, "error": None})
            reports.append(report)
        except Exception as exc:  # noqa: BLE001 - one bad document is a row, never a lost batch
            out.append({"file": path, "meta": _no_meta(), "findings": None, "error": _error(exc)})
            reports.append(None)
    write_table(output, "cells", key, CELL_COLUMNS, cells)
    _pending(output, key, "w", [e["findings"] for e in out])
    if run is not None:
        _reports(output, key, run, reports)
    for e in out:
        e["findings"] = e["findings"] is not None
    return out


def _pending_path(output: str, name: str):
    """The file system of ``output`` and the path of ``name`` in its ``_pending`` folder."""
    from fsspec.core import url_to_fs

    fs, root = url_to_fs(output)
    return fs, f"{root.rstrip('/')}/_pending/{name}"


def _reports(output: str, key: str, run: str, reports: list | None = None) -> list | None:
    """Write (given ``reports``) or read a batch's reports, pickled. Only the crawl that wrote
    them reads them: the name holds its random token, so a file left in the output folder by
    another run, or put there, is never unpickled."""
    import pickle

    fs, path = _pending_path(output, f"part-{key}-{run}.reports")
    if reports is None:
        try:
            with fs.open(path, "rb") as handle:
                return pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError):
            return None  # phase 2 then reads the files again
    fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    with fs.open(path, "wb") as handle:
        pickle.dump(reports, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return None


def remove_reports(output: str, keys, run: str) -> None:
    """The run's kept reports removed, and ``_pending`` with them once nothing is left in it
    (a batch whose phase 2 failed keeps its findings there for the rerun)."""
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


def _pending(output: str, key: str, mode: str, found: list | None = None):
    import json

    fs, path = _pending_path(output, f"part-{key}.json")
    if mode == "r":
        with fs.open(path, "r", encoding="utf-8") as handle:
            return json.load(handle)
    if mode == "rm":
        fs.rm(path)
        return None
    fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    with fs.open(path, "w", encoding="utf-8") as handle:
        json.dump(found, handle, ensure_ascii=False)
    return None


def finish_batch(entries: list[dict], lang: str, output: str, key: str, run: str | None = None) -> int:
    """Phase 2: files that have a predecessor linted again with it; every finding (or the
    error) written to ``output/findings/part-KEY.parquet``. Returns the rows written.

    Where phase 1 kept the reports (``run``; the predecessor's place, if this crawl read it,
    in ``previous_at``: its batch and place), no file is read twice: the file's report is
    linted with its predecessor's by only the rules that read last year's report, and their
    findings join phase 1's (``workers.merge_findings``), which is what one full lint gives
    (tests/test_cross_year.py). A predecessor of an earlier run is read from its file; without
    ``run`` both files are read and linted in full."""
    from .workers import merge_findings

    rows = []
    pending = _pending(output, key, "r") if any(e["findings"] for e in entries) else [None] * len(entries)
    loaded: dict[str, list | None] = {}

    def report_at(at):
        if run is None or at is None:
            return None
        batch, position = at
        if batch not in loaded:
            loaded[batch] = _reports(output, batch, run)
        found = loaded[batch]
        return found[position] if found is not None and position < len(found) else None

    for i, (e, found) in enumerate(zip(entries, pending)):
        error = e["error"]
        if error is None and e.get("previous"):
            try:
                this = report_at([key, i])
                if this is not None:
                    more, late = _lint_reports(this, report_at(e.get("previous_at")), e["previous"],
                                               e["previous_settings"], e["settings"], lang)
                    found = more if late else merge_findings(found or [], more)  # late: as check says it
                else:
                    _rep, found = _lint(e["file"], e["settings"], lang, e["previous"], e["previous_settings"], False)
            except Exception as exc:  # noqa: BLE001
                found, error = None, _error(exc)
        rows.extend(finding_rows(e["file"], e["meta"], found, error))
    write_table(output, "findings", key, FINDING_COLUMNS, rows)
    if any(e["findings"] for e in entries):
        _pending(output, key, "rm")
    return len(rows)


def _lint_reports(report, previous, previous_path: str, previous_settings, settings,
                  lang: str) -> tuple[list[dict], bool]:
    """The findings of the rules that read last year's report, on ``report`` with ``previous``
    (read from ``previous_path`` when phase 1 of this run did not keep it: a file of an
    earlier run), and whether the file's time ran out (its findings are then the time-out's)."""
    from contextlib import nullcontext

    from .workers import Task, is_timed_out, work

    with nullcontext(None) if previous is not None else local_copy(previous_path) as prev:
        _i, _rep, found = work(Task(0, str(report.source or ""), settings, lang, None, lint=True, report=report,
                                    previous_report=previous, previous_path=prev, previous_settings=previous_settings,
                                    return_report=False, previous_only=True))
    return found or [], is_timed_out(None, found)


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


def write_table(output: str, name: str, key: str, columns: tuple[str, ...], rows: list[dict]) -> None:
    """One partition, written under a temporary name and moved into place, so a partition
    that exists is whole (a worker killed mid-write leaves only a ``.tmp`` file)."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from fsspec.core import url_to_fs

    fs, root = url_to_fs(output)
    folder = f"{root.rstrip('/')}/{name}"
    fs.makedirs(folder, exist_ok=True)
    table = pa.Table.from_pylist(rows, schema=_schema(columns))
    final = f"{folder}/part-{key}.parquet"
    temp = f"{final}.{os.getpid()}.tmp"
    with fs.open(temp, "wb") as handle:
        pq.write_table(table, handle)
    fs.mv(temp, final)
