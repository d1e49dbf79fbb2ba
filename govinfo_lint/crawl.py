"""``crawl``: check an archive of reports on Dask (or the local process pool) into Parquet.

    from govinfo_lint.crawl import crawl
    crawl(["s3://bucket/reports/", "local/**/*.pdf"], "out/", dask="tcp://scheduler:8786")

writes ``out/findings/`` (one row per finding: file, agency, year, level, form, code,
severity, pointer, message, error) and ``out/cells/`` (one row per table cell: file, agency,
year, table, row, column, raw, value), one Parquet partition per batch of documents, for
pandas, DuckDB or Spark to query afterwards (docs/crawl.md).

The findings are those of ``check --format json`` on the same files (without waivers):
each document is linted as ``check`` lints it and with the same organ's report of the year
before among all the files crawled, where there is one: a worker pairs the years inside its
batch at once, and a second pass takes only the files whose predecessor the whole crawl finds
elsewhere (``_phases``).
A batch is recorded in ``out/_manifest/part-KEY.json`` once both its partitions are written;
a rerun skips every file a manifest lists (with the same size), so an interrupted crawl goes
on where it stopped.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

BATCH = 64  # documents per partition: large enough that a partition is not mostly overhead

# Dask's periodic work in every worker, nanny and scheduler process, made rarer for the
# clusters ``crawl`` starts itself: the statistical profiler samples each worker's stack
# every 10 ms and the event loop ticks every 20 ms, each taking the GIL from the checks, and
# the monitors poll psutil. On the 2-core machine they cost 7-13% of a document's CPU in a
# worker (docs/benchmarks.md, "Crawl, fourth pass"). Such a cluster has no dashboard, so
# no one would see the profiles; a memory limit is still watched once a second.
LEAN = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}


def expand(paths: list[str]) -> list[tuple[str, int]]:
    """(path or URL, size) of each report under ``paths``: files, folders (walked) and globs,
    local or any fsspec URL; sorted, without duplicates."""
    from fsspec.core import url_to_fs
    from fsspec.implementations.local import LocalFileSystem

    from .readers import SUPPORTED

    found: dict[str, int] = {}
    for raw in paths:
        fs, root = url_to_fs(raw)
        local = isinstance(fs, LocalFileSystem)
        names = fs.glob(root) if any(c in root for c in "*?[") else [root]
        if not names:
            raise FileNotFoundError(raw)
        for name in names:
            if local and fs.isdir(name):
                # Walked as check walks a folder: links are not followed into loops, and a link
                # out of the folder is refused (files.expand_paths says so on stderr).
                from .files import expand_paths

                listed = [str(p) for p in expand_paths([name])[0]]
            elif fs.isdir(name):
                listed = [n for n in fs.find(name) if Path(n).suffix.lower() in SUPPORTED
                          and not Path(n).name.startswith((".", "~$"))]
            elif fs.exists(name):
                listed = [name]
            else:
                raise FileNotFoundError(raw)
            for n in listed:
                url = n if local else fs.unstrip_protocol(n)
                found[url] = int(fs.size(n) or 0)
    return sorted(found.items())


def _key(batch: list[tuple[str, int]], lang: str) -> str:
    return hashlib.sha256(json.dumps([lang, batch], ensure_ascii=False).encode()).hexdigest()[:24]


def _done(output: str) -> dict[str, dict]:
    """Files a previous run wrote, with their size and metadata, from the manifests."""
    from fsspec.core import url_to_fs

    fs, root = url_to_fs(output)
    done: dict[str, dict] = {}
    for name in fs.glob(f"{root.rstrip('/')}/_manifest/part-*.json"):
        with fs.open(name, "r", encoding="utf-8") as handle:
            for entry in json.load(handle)["files"]:
                done[entry["file"]] = entry
    return done


def _write_manifest(output: str, key: str, entries: list[dict]) -> None:
    from fsspec.core import url_to_fs

    fs, root = url_to_fs(output)
    folder = f"{root.rstrip('/')}/_manifest"
    fs.makedirs(folder, exist_ok=True)
    files = [{"file": e["file"], "size": e["size"], "meta": e["meta"], "error": e["error"]} for e in entries]
    with fs.open(f"{folder}/part-{key}.json.tmp", "w", encoding="utf-8") as handle:
        json.dump({"files": files}, handle, ensure_ascii=False)
    fs.mv(f"{folder}/part-{key}.json.tmp", f"{folder}/part-{key}.json")


def _settings(path: str, resolver, fallback):
    from .run.crawl_worker import is_url

    return fallback if is_url(path) else resolver.settings_for(Path(path[7:] if path.startswith("file://") else path))


def crawl(paths: list[str], output: str, *, dask=None, jobs: int | None = None, lang: str = "zh",
          batch_size: int = BATCH, config: str | None = None) -> dict:
    """Check every report under ``paths`` into the Parquet data set ``output``.

    ``dask``: None runs on a local process pool of ``jobs`` processes (default: one per core);
    ``"local:N"`` starts a ``distributed.LocalCluster`` of N worker processes; any other string
    is a scheduler address; a ``distributed.Client`` is used as it is. ``config``: a
    configuration file as for ``check --config`` (local files also find their own).
    Returns counts: files found, skipped (already written), checked, failed, findings rows."""
    from .config.settings import Overrides, Resolver

    files = expand(paths)
    done = _done(output)
    todo = [(f, size) for f, size in files if done.get(f, {}).get("size") != size]
    resolver = Resolver(Overrides(), config, False)
    fallback = resolver.settings_for(Path.cwd() / "crawl")
    sizes = dict(todo)
    batches = [todo[i:i + batch_size] for i in range(0, len(todo), batch_size)]
    stats = {"files": len(files), "skipped": len(files) - len(todo), "checked": 0, "failed": 0, "findings": 0}
    if not batches:
        return stats
    settings = {f: _settings(f, resolver, fallback) for f, _ in todo}
    with _executor(dask, jobs) as (submit, completed):
        _run(batches, sizes, settings, done, lang, output, submit, completed, stats)
    return stats


def _run(batches, sizes, settings, done, lang, output, submit, completed, stats) -> None:
    import secrets

    from .run.crawl_worker import remove_reports

    # The token names the reports phase 1 keeps for phase 2: only this run ever reads them.
    run = secrets.token_hex(16)
    try:
        _phases(batches, sizes, settings, done, lang, output, submit, completed, stats, run)
    finally:
        remove_reports(output, [_key(batch, lang) for batch in batches], run)


def _phases(batches, sizes, settings, done, lang, output, submit, completed, stats, run) -> None:
    from .run.crawl_worker import finish_batch, read_batch
    from .model import Report
    from .run.pairing import pair_reports

    keys = {}
    first = []
    for batch in batches:
        key = _key(batch, lang)
        fut = submit(read_batch, [(f, settings[f]) for f, _ in batch], lang, output, key, run)
        keys[fut] = key
        first.append(fut)
    read: dict[str, list[dict]] = {}
    for fut, batch in zip(first, batches):
        read[keys[fut]] = batch  # in submission order, for the manifests; filled in below
    for fut in completed(first):
        try:
            read[keys[fut]] = fut.result()
        except Exception as exc:  # noqa: BLE001 - a worker lost (killed, out of memory): rows, not a gap
            read[keys[fut]] = [_failed(f, exc) for f, _ in read[keys[fut]]]
    # Years are paired over every file, those of earlier runs too, as check pairs its batch.
    stubs, entries = [], []
    for entry in done.values():
        stubs.append(Report(source=entry["file"], **{k: v for k, v in entry["meta"].items()}))
    for key in read:
        for e in read[key]:
            e["size"] = sizes[e["file"]]
            entries.append(e)
            stubs.append(Report(source=e["file"], **e["meta"]))
    pair_reports(stubs)
    previous = {s.source: s.previous.source for s in stubs if s.previous is not None}
    # Where each report of this run was kept by phase 1 (batch, offset), for phase 2 to take
    # it from there; a predecessor from an earlier run is read again from its file.
    place = {e["file"]: [key, e.get("kept")] for key, batch in read.items() for e in batch if e["findings"]}
    second = {}
    for key, batch in read.items():
        for e in batch:
            e["previous"] = previous.get(e["file"]) if e["findings"] else None
            # phase 1 paired the years inside the batch: only a different pairing is linted again
            e["relint"] = e["findings"] and e["previous"] != e.get("paired")
            e["settings"] = settings[e["file"]]
            e["previous_settings"] = settings.get(e["previous"]) if e["previous"] else None
            e["previous_at"] = place.get(e["previous"]) if e["previous"] else None
        if any(e["relint"] or "rows" not in e for e in batch):  # "rows": phase 1 wrote the batch
            second[submit(finish_batch, batch, lang, output, key, run)] = key
        else:
            _finished(output, key, batch, sum(e["rows"] for e in batch), stats)
    for fut in completed(list(second)):
        batch = read[second[fut]]
        try:
            rows = fut.result()
        except Exception as exc:  # noqa: BLE001
            batch[:] = [{**e, **_failed(e["file"], exc)} for e in batch]
            rows = finish_batch(batch, lang, output, second[fut], run)  # errors only: nothing to lint
        _finished(output, second[fut], batch, rows, stats)


def _finished(output: str, key: str, batch: list[dict], rows: int, stats: dict) -> None:
    _write_manifest(output, key, batch)
    stats["findings"] += rows
    stats["checked"] += len(batch)
    stats["failed"] += sum(e["error"] is not None for e in batch)


def _failed(path: str, exc: BaseException) -> dict:
    from .run.crawl_worker import _error, _no_meta

    return {"file": path, "meta": _no_meta(), "findings": False, "error": _error(exc), "previous": None}


class _executor:
    """(submit, as_completed) of a Dask client or of a local process pool."""

    def __init__(self, dask, jobs):
        self.dask, self.jobs, self.close = dask, jobs, []

    def __enter__(self):
        if self.dask is None:
            import concurrent.futures as cf
            import multiprocessing
            import os

            from .run.workers import forkable

            fork = "fork" in multiprocessing.get_all_start_methods() and forkable()
            pool = cf.ProcessPoolExecutor(self.jobs or os.cpu_count() or 1,
                                          mp_context=multiprocessing.get_context("fork" if fork else None))
            self.close.append(pool.shutdown)
            return pool.submit, cf.as_completed
        from distributed import Client, as_completed

        client = self.dask
        if isinstance(client, str):
            if client.startswith("local:"):
                cluster = local_cluster(int(client[6:]))
                self.close.append(cluster.close)
                client = Client(cluster)
            else:
                client = Client(client)
            self.close.insert(0, client.close)

        def submit(fn, *args):
            return client.submit(fn, *args, pure=False)

        return submit, as_completed

    def __exit__(self, *exc):
        for close in self.close:
            close()


def worker_environ() -> dict[str, str]:
    """``LEAN`` as the environment variables Dask reads its configuration from, for the workers
    of a cluster started elsewhere (``KubeCluster(env=...)``, a job script's ``export`` lines)."""
    return {"DASK_" + key.upper().replace(".", "__").replace("-", "_"): str(value) for key, value in LEAN.items()}


def local_cluster(workers: int):
    """A ``distributed.LocalCluster`` of ``workers`` processes of one thread each, without a
    dashboard, with Dask's periodic work made rarer (``LEAN``): what ``--dask local:N`` runs."""
    import dask
    from distributed import LocalCluster

    # The nannies copy the configuration when they start, and pass it to their workers.
    with dask.config.set(LEAN):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
