"""Checking many files: worker processes, a progress bar, a result cache, then waivers.

The work per file is ``read`` then ``lint_report``, the same functions in one process
or many, and every finding goes through the same JSON round trip whether it was just
computed or taken from the cache, so output is identical with and without ``--jobs``
and the cache. Reports are paired with last year's (cross-year rules) on metadata, so
a warm run reads no report at all:

1. files without cached metadata are read (and linted on the guess that they have no
   predecessor in the batch), in parallel;
2. reports are paired by organ and year (``pairing.pair_reports``);
3. each file's result is looked up under its content, settings, rules and its
   predecessor's content; misses are linted, in parallel.

Waivers are applied last, never cached: an expiry date depends on the day.
"""

from __future__ import annotations

import json
import os
import sys
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG
from typing import Iterator

from . import cache
from ..model import Report
from ..config.settings import FileSettings, build_rules
from .progress import Progress
from .workers import (META_KEYS, Task, Tasks, finding_from_data, is_timed_out, merge_findings, meta_of, read_report,
                      run_tasks, unpack)

PROGRESS_MIN = 20


@dataclass
class BatchOptions:
    lang: str = "zh"
    published: str | None = None
    previous: Path | None = None
    previous_settings: FileSettings | None = None
    jobs: int | None = None  # None: 1 for small runs, else one per core (at most 8); 0: one per core
    cache: bool = True
    progress: bool | None = None  # None: when stderr is a terminal and there are many files
    audit: bool = False  # ignore every waiver
    # The output needs each report itself (the HTML page shows the tables), not only the
    # metadata a cached result keeps: files whose findings came from the cache are read again.
    full_reports: bool = False


@dataclass(slots=True)  # one per file for the whole run: a folder of 10,000 keeps 10,000
class _File:
    path: str  # not a Path: its parts and cached forms cost 270 bytes more a file for the whole run
    settings: FileSettings
    text: str | None  # YAML/Markdown text, for inline waivers
    base: tuple = ()  # the cache key's parts (file_keys); empty without the cache
    meta: tuple | int | None = None  # the metadata (META_KEYS), in the spool: read back for the output
    # What pairing reads, the one part of the metadata kept in memory (each name and year
    # object shared by the files that have it).
    agency: str | None = None
    year: int | None = None
    report: Report | int | None = None  # a handle in the spool for a report read in a worker
    guess: tuple | int | None = None  # findings linted without a predecessor (their place in the spool)
    findings: tuple | int | None = None  # the findings the output shows (their place in the spool)
    previous: int | None = None  # index of the predecessor in the batch, -1: --previous
    result_key: str = ""


# --- fingerprints ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The package's own files: a result cached by another build of the code is not reused."""
    package = Path(__file__).resolve().parents[1]  # the whole package, not run/
    from ..resources import data_dir

    digest = cache.sha256()
    for folder, pattern in ((package, "*.py"), (data_dir("schemas"), "*.json")):
        for path in sorted(folder.rglob(pattern)):
            stat = path.stat()
            digest.update(f"{path.relative_to(folder)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    digest.update(_readers().encode())
    return digest.hexdigest()


def _readers() -> str:
    """What can read a file here beyond the package itself: a scan checked before the ocr
    extra was installed (RDR-01, "install the extra") must be read again after, not
    answered from the cache; likewise a PDF read by the other backend."""
    from ..readers.ocr.scan import available
    from ..readers.pdf.content import backend

    return f"ocr={available()};pdf={backend()}"


@lru_cache(maxsize=64)
def rules_fingerprint(rule_key: tuple) -> str:
    rules = [r.__dict__ for r in build_rules(rule_key)]
    return cache.sha256(json.dumps(rules, sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()


def _digest(path: Path, max_bytes: int, hashed: bool = True) -> tuple[str, str | None]:
    """The file's SHA-256 (``hashed``: for the cache) and, for YAML and Markdown, its text."""
    from ..config.waivers import MARKDOWN_SUFFIXES, YAML_SUFFIXES

    try:
        stat = path.stat()
        if not S_ISREG(stat.st_mode):
            # A FIFO would block this read forever; the reader refuses it with a finding.
            return f"unreadable:special:{os.urandom(8).hex()}", None
        if stat.st_size > max_bytes:
            return f"too-large:{stat.st_size}", None
        has_text = path.suffix.lower() in YAML_SUFFIXES + MARKDOWN_SUFFIXES
        if not hashed and not has_text:
            return "not-hashed", None  # a PDF or DOCX need not be read here at all
        data = path.read_bytes()
    except OSError as exc:
        return f"unreadable:{exc.errno}:{os.urandom(8).hex()}", None  # never a cache hit
    text = data.decode("utf-8-sig", errors="replace") if has_text else None
    if text is not None and "govinfo-lint" not in text:
        text = None  # no inline waiver can be in it (waivers.py): not kept for the whole run
    if not hashed:
        return "not-hashed", text
    import hashlib  # OpenSSL's, for inputs of up to --max-bytes; loading it costs about 5 ms

    return hashlib.sha256(data).hexdigest(), text


# --- the batch ---------------------------------------------------------------------------


def _valid_meta(data) -> dict | None:
    """A cache entry is data someone could have edited: only a well-formed one is used."""
    return data if isinstance(data, dict) and set(data) == set(META_KEYS) else None


def _valid_findings(data) -> list | None:
    """The findings of a cache entry, built; None if the entry is not well-formed."""
    if not isinstance(data, list):
        return None
    try:
        return [finding_from_data(item) for item in data]
    except (KeyError, TypeError, AttributeError, ValueError):
        return None


def _stub(path: str, meta: dict) -> Report:
    return Report(source=path, **meta)


def _keep_meta(f: _File, meta: dict, spool, names: dict) -> None:
    """``meta`` to the spool, and in memory only what pairing needs: each organ's name and each
    year once (``names`` holds both; a name is a str, a year an int)."""
    agency = meta.get("agency")
    year = meta.get("year")
    f.meta, f.agency, f.year = spool.put_data(meta), names.setdefault(agency, agency), names.setdefault(year, year)


class _Paired:
    """What ``pair_reports`` reads and writes of a report, for a batch that keeps no reports."""

    __slots__ = ("agency", "year", "previous", "index")

    def __init__(self, agency, year, index: int):
        self.agency, self.year, self.previous, self.index = agency, year, None, index


def check_files(files: list[Path], settings: list[FileSettings], options: BatchOptions) -> list:
    """A ``FileResult`` per file, in order, then one per waiver file that has something to say."""
    return list(iter_results(files, settings, options))


def iter_results(files: list[Path], settings: list[FileSettings], options: BatchOptions) -> Iterator:
    """``check_files`` one result at a time: a folder run formats and drops each as it comes
    (run/output.py), so that its memory holds metadata, not every file's findings.

    The phases: each file's key and cached metadata (``_prepare``); the files the cache does
    not know read, and linted when no predecessor can change their findings (``_read_all``);
    years paired and each result looked up (``_from_cache``); what is left linted with last
    year's report (``_lint_with_previous``); the reports the output shows read again when the
    cache held only findings; then each result built, its waivers applied, and handed on.
    Until then reports and findings wait in the spool, on disk (spool.py).
    """
    from ..config.waiver_run import apply_file, load_all, waiver_file_results, today
    from .pairing import pair_reports
    from .spool import Spool

    external = {} if options.audit else load_all(dict.fromkeys(settings))  # a bad waiver file stops us now
    spool = Spool()
    try:
        batch, cacheable = _prepare(files, settings, options.cache and cache.cache_dir() is not None, spool)
        progress = Progress(show_progress(options, len(files)), len(files))
        try:
            _read_all(batch, cacheable, options, progress, spool)
            again = _from_cache(batch, cacheable, options, _pair(batch, options, pair_reports), spool)
            _lint_with_previous(batch, again, cacheable, options, progress, spool)
            if options.full_reports:
                _read_reports(batch, options, progress, spool)
        finally:
            progress.stop()  # before the first line of output: the bar is drawn on the terminal
        day, external_rules = today(), {}
        for i, f in enumerate(batch):
            result = _result(f, options, spool)
            batch[i] = None  # what is left of the file once its result is out: its memory goes
            if not options.audit:
                apply_file(f, result, options.lang, external, day, external_rules)
            yield result
        if not options.audit:
            yield from waiver_file_results(external, external_rules, day, options.lang)
    finally:
        spool.close()


def file_keys(files: list[Path], settings: list[FileSettings], use_cache: bool) -> tuple[list[_File], list[bool]]:
    """Each file with its cache key's parts (its path and hash, the code's fingerprint, the reading
    settings), and whether it may be cached at all. ``series`` keys its own entries on these."""
    batch, cacheable = [], []
    shared: dict = {}  # the code's and each settings' parts: one bytes object for all the files that have it
    for path, s in zip(files, settings):
        # Without the cache no key is looked up: the file's hash and the code's and rules'
        # fingerprints that make one would cost a --no-cache run 5-10 ms for nothing.
        digest, text = _digest(Path(path), s.max_bytes, hashed=use_cache)
        base: tuple = ()
        if use_cache:
            if s not in shared:
                reading = json.dumps([s.max_bytes, s.level, s.level_forced, s.outline_json, s.limits.to_dict()])
                shared[s] = (code_fingerprint().encode(), reading.encode())
            base = (os.fsencode(path), digest.encode(), *shared[s])
        batch.append(_File(os.fspath(path), s, text, base))
        cacheable.append(use_cache and not digest.startswith("unreadable:"))
    return batch, cacheable


def _prepare(files: list[Path], settings: list[FileSettings], use_cache: bool,
             spool) -> tuple[list[_File], list[bool]]:
    batch, cacheable = file_keys(files, settings, use_cache)
    names: dict = {}
    for f, ok in zip(batch, cacheable):
        meta = _valid_meta(cache.get(cache.key("meta", f.base))) if ok else None
        if meta is not None:
            _keep_meta(f, meta, spool, names)
    return batch, cacheable


def _reading_tasks(batch: list[_File], wanted, options: BatchOptions, lint: bool) -> Tasks:
    """A task reading each file ``wanted(file)`` is true of, made when the pool takes it."""
    indexes = array("q", (i for i, f in enumerate(batch) if wanted(f)))

    def task(j: int) -> Task:
        f = batch[indexes[j]]
        return Task(indexes[j], f.path, f.settings, options.lang, options.published, lint=lint)

    return Tasks(len(indexes), task)


def _read_all(batch: list[_File], cacheable: list[bool], options: BatchOptions, progress, spool) -> None:
    """Read what the cache has no metadata for; lint it at once unless ``--previous`` is given."""
    todo = _reading_tasks(batch, lambda f: f.meta is None, options, lint=options.previous is None)
    names: dict = {}
    for index, report, found in run_tasks(todo, options.jobs, progress, pack=True):
        f = batch[index]
        meta = meta_of(report)
        f.report = spool.put(report)
        _keep_meta(f, meta, spool, names)
        f.guess = spool.put_data(found) if found is not None else None
        if is_timed_out(report, found):
            cacheable[index] = False
        if cacheable[index]:
            cache.put(cache.key("meta", f.base), meta)
    progress(len(batch) - len(todo))


def _from_cache(batch: list[_File], cacheable: list[bool], options: BatchOptions, prev_part: list[bytes],
                spool) -> list[int]:
    """Each file's findings from the cache, or from its first lint when it has no predecessor;
    the indexes of the files still to lint."""
    again = []
    for i, f in enumerate(batch):
        key = cache.key("result", [*f.base, rules_fingerprint(f.settings.rule_key).encode(), options.lang.encode(),
                                            (options.published or "").encode(), prev_part[i]]) if cacheable[i] else ""
        hit = cache.get(key) if cacheable[i] else None
        f.result_key = key
        if hit is not None and _valid_findings(hit) is not None:
            f.findings = spool.put_data(hit)
        elif f.previous is None and f.guess is not None:
            f.findings = f.guess
            if cacheable[i]:
                cache.put(key, spool.get_data(f.findings))
        else:
            again.append(i)
            continue  # its first lint, if any, is half of its answer (_lint_with_previous)
        f.guess = None
    return again


def _lint_with_previous(batch: list[_File], again: list[int], cacheable: list[bool], options: BatchOptions,
                        progress, spool) -> None:
    explicit_report = read_report(str(options.previous), options.previous_settings or batch[0].settings, None) \
        if options.previous is not None and again else None

    # A file linted once already without its predecessor needs only the rules that read last
    # year's report run again (checks.reads_previous): the others' findings would be the same.
    def task(j: int) -> Task:
        i = again[j]
        f = batch[i]
        prev = batch[f.previous] if f.previous is not None and f.previous >= 0 else None
        return Task(i, f.path, f.settings, options.lang, options.published, lint=True, report=spool.get(f.report),
                    previous_path=str(options.previous) if f.previous == -1 else (prev.path if prev else None),
                    previous_settings=options.previous_settings if f.previous == -1 else (prev.settings if prev else None),
                    previous_report=explicit_report if f.previous == -1 else (spool.get(prev.report) if prev else None),
                    return_report=False, previous_only=f.guess is not None)

    tasks = Tasks(len(again), task)
    progress.grow(len(tasks))
    for index, _report, found in run_tasks(tasks, options.jobs, progress):
        f = batch[index]
        if f.guess is not None and found is not None and not is_timed_out(None, found):
            found = merge_findings(spool.get_data(f.guess), found)
        f.findings, f.guess = spool.put_data(found), None
        if cacheable[index] and not is_timed_out(None, found):
            cache.put(batch[index].result_key, found)


def _read_reports(batch: list[_File], options: BatchOptions, progress, spool) -> None:
    """The reports of files whose findings came from the cache, for an output that shows them."""
    unread = _reading_tasks(batch, lambda f: f.report is None, options, lint=False)
    progress.grow(len(unread))
    for index, report, _found in run_tasks(unread, options.jobs, progress, pack=True):
        batch[index].report = spool.put(report)


def _result(f: _File, options: BatchOptions, spool):
    from ..findings import FileResult

    # Without full reports the output needs only the metadata, as for a result from the cache.
    report = (unpack(spool.get(f.report)) if options.full_reports else None) or _stub(f.path, spool.get_data(f.meta))
    return FileResult(f.path, report, [finding_from_data(d) for d in spool.get_data(f.findings)])


def _pair(batch: list[_File], options: BatchOptions, pair_reports) -> list[bytes]:
    """Each file's predecessor, and the bytes its result key takes from it."""
    if options.previous is not None:
        digest, _text = _digest(options.previous, (options.previous_settings or batch[0].settings).max_bytes,
                                hashed=options.cache and cache.cache_dir() is not None)
        part = f"{options.previous}\0{digest}".encode()
        for f in batch:
            f.previous = -1
        return [part] * len(batch)
    stubs = [_Paired(f.agency, f.year, i) for i, f in enumerate(batch)]
    pair_reports(stubs)
    parts = []
    for f, stub in zip(batch, stubs):
        f.previous = stub.previous.index if stub.previous is not None else None
        prev = batch[f.previous] if f.previous is not None else None
        parts.append(b"" if prev is None else b"\0".join(prev.base))
    return parts


def show_progress(options: BatchOptions, n: int) -> bool:
    if options.progress is not None:
        return options.progress
    return n > PROGRESS_MIN and sys.stderr.isatty() and not os.environ.get("CI")
