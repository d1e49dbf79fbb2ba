"""Work on one file in a worker process (or in this one): read it, lint it.

``Task`` is everything a worker needs, picklable; ``run_tasks`` runs tasks in a pool of
processes (or here, for one) and reports progress; results carry the task's index so
the caller restores the order.

Each file has a time limit (``timeout``, docs/security.md): a file that keeps a reader or a
third-party library busy past it becomes a ``too_large`` diagnostic and the batch goes on.
The limit is a SIGALRM timer, so it interrupts Python code (pdfminer, our readers, the
rules) but not a single long call inside a C extension, and it applies only where signals
can be used: the main thread of this process or of a worker process.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from ..findings import Finding
from ..model import Location, Report
from ..config.settings import FileSettings, apply_to_report, build_rules

AUTO_PARALLEL = 40  # files to read or lint before ``jobs`` (unset) means more than one process
TIMEOUT_EVIDENCE = "timeout_seconds"
STOPPED_EVIDENCE = "reader_exit"  # like a timeout, a dead worker is not a property of the file: not cached
RETRY_SECONDS = 0.05  # a time limit that rang where its exception was swallowed rings again after this


@dataclass
class Task:
    index: int
    path: str
    settings: FileSettings
    lang: str
    published: str | None
    lint: bool
    report: Report | None = None  # already read (phase 2)
    previous_path: str | None = None
    previous_settings: FileSettings | None = None
    previous_report: Report | Packed | None = None
    return_report: bool = True
    pack: bool = False  # in a worker process: send the report back pickled (see Packed)
    previous_only: bool = False  # lint with the rules that read last year's report only (merge_findings)
    stand_in: bool = False  # stands for a file whose worker died: never read, only linted


class Tasks:
    """The tasks of a folder run, each made when the pool takes it (``make(i)`` for i below
    ``count``): a list of 10,000 ready tasks, with their paths and spooled places, held a
    folder run's parent about 0.4 KB a file until the last was done. Iterating makes new
    tasks each time; what a pool needs is ``len`` and one pass."""

    __slots__ = ("count", "make", "pack")

    def __init__(self, count: int, make):
        self.count, self.make, self.pack = count, make, False

    def __len__(self) -> int:
        return self.count

    def __iter__(self):
        for i in range(self.count):
            task = self.make(i)
            task.pack = self.pack
            yield task


# What a cached result keeps of its report: enough to pair years and head the output.
META_KEYS = ("agency", "year", "format", "level", "level_inferred", "input_kind", "title")


def meta_of(report: Report | Packed) -> dict:
    return dict(report.meta) if isinstance(report, Packed) else {k: getattr(report, k) for k in META_KEYS}


class Packed:
    """A report a worker pickled, with what the parent always needs of it beside.

    The parent of a pool is the run's bottleneck (it gathers every result and writes the
    output while the workers use the cores): unpickling a report costs it about twice what
    pickling cost the worker, and most runs need only the metadata, to pair years and head
    the output. A report is unpickled where it is used: in the worker that lints it against
    its successor, or in the parent when the output shows the tables.
    """

    __slots__ = ("data", "meta", "timed_out")

    def __init__(self, report: Report):
        import pickle

        self.data = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
        self.meta = meta_of(report)
        self.timed_out = is_timed_out(report, None)


def unpack(report: Report | Packed | None) -> Report | None:
    if isinstance(report, Packed):
        import pickle

        return pickle.loads(report.data)
    return report


# --- findings as data --------------------------------------------------------------------


def _plain(value: Any) -> Any:
    from decimal import Decimal

    from ..values import to_json

    if isinstance(value, Decimal):
        return to_json(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return str(value)


def finding_to_data(f: Finding) -> dict:
    evidence = json.loads(json.dumps(f.evidence, default=_plain, ensure_ascii=False)) if f.evidence else {}
    return {"code": f.code, "severity": f.severity, "message": f.message, "pointer": f.pointer,
            "location": f.location.to_dict() if f.location else None, "evidence": evidence, "name": f.name,
            "message_zh": f.message_zh, "message_en": f.message_en}


def finding_from_data(d: dict) -> Finding:
    loc = Location(**d["location"]) if d.get("location") is not None else None
    return Finding(code=d["code"], severity=d["severity"], message=d["message"], pointer=d["pointer"], location=loc,
                   evidence=d.get("evidence") or {}, name=d.get("name", ""), message_zh=d.get("message_zh", ""),
                   message_en=d.get("message_en", ""))


def merge_findings(first: list[dict], more: list[dict]) -> list[dict]:
    """The findings of a lint without last year's report and those of a ``previous_only`` lint
    with it, in the order of one full lint (place order; no two rules share a sort key)."""
    if not more:
        return first
    return sorted([*first, *more], key=lambda d: finding_from_data(d).sort_key())


def read_report(path: str, settings: FileSettings, published: str | None) -> Report:
    from ..readers import read

    report = read(Path(path), settings.max_bytes, settings.limits)
    apply_to_report(report, settings)
    if published:
        report.published = published
    return report


def work(task: Task) -> tuple[int, Report | None, list[dict] | None]:
    from ..limits import DEFAULT_TIMEOUT

    seconds = task.settings.limits.get("timeout", DEFAULT_TIMEOUT)
    if task.lint:
        # Loading the rules is the run's cost, paid once per process, not this file's.
        from ..engine.runner import lint_report  # noqa: F401

        build_rules(task.settings.rule_key)
    try:
        with time_limit(seconds), gc_relaxed():
            return _work(task)
    except FileTimeout:
        return _work(stand_in(task, "timeout", seconds))


# The cyclic collector's thresholds while files are read and linted (CPython's are 700, 10, 10).
GC_THRESHOLDS = (50_000, 20, 20)


@contextmanager
def gc_relaxed():
    """The cyclic garbage collector run less often while files are read and linted.

    A report is tens of thousands of small objects, nearly all freed by reference counting;
    the collector, run every 700 allocations, found almost nothing in them but went through
    the young ones each time, and through every report a crawl batch keeps (and every rule
    and module) every so often: 7-10% of a crawl worker's CPU (docs/benchmarks.md). The
    thresholds are the interpreter's, so they are set back on the way out."""
    import gc

    before = gc.get_threshold()
    if before[0]:  # 0: collection turned off by the host, and left so
        gc.set_threshold(*(max(a, b) for a, b in zip(before, GC_THRESHOLDS)))
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _work(task: Task) -> tuple[int, Report | Packed | None, list[dict] | None]:
    from ..engine.runner import lint_report

    report = unpack(task.report) or read_report(task.path, task.settings, task.published)
    findings = None
    if task.lint:
        previous = unpack(task.previous_report)
        if previous is None and task.previous_path:
            previous = read_report(task.previous_path, task.previous_settings or task.settings, None)
        report.previous = previous
        try:
            findings = [finding_to_data(f) for f in lint_report(report, list(build_rules(task.settings.rule_key)),
                                                                task.lang, task.previous_only)]
        finally:
            report.previous = None  # never shipped back with the report
    if not task.return_report:
        return task.index, None, findings
    return task.index, (Packed(report) if task.pack else report), findings


class FileTimeout(BaseException):
    """Raised by the timer. A BaseException, so that the readers' ``except Exception`` (a
    corrupt file is a finding) does not swallow it and call a slow file corrupt."""


@contextmanager
def time_limit(seconds: float | None):
    import signal
    import threading

    usable = (seconds and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expired(_signum, _frame):
        # The exception is raised wherever the interpreter happens to be; where that is a
        # gc callback or a __del__, Python prints it and goes on as if nothing happened.
        # So the timer rings again shortly, until the exception gets through; leaving the
        # block disarms it.
        signal.setitimer(signal.ITIMER_REAL, RETRY_SECONDS)
        raise FileTimeout()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timed_out(path: str, seconds: float) -> Report:
    from ..model import Diagnostic
    from ..readers import kind_of

    # The evidence marks the result as one not to cache: a busy machine is not a property of the file.
    return Report(source=path, input_kind=kind_of(path) or "unknown", diagnostics=[Diagnostic(
        "too_large", f"读取和检查此文件超过 {seconds:g} 秒，已停止，未检查（时间上限见 --timeout）。",
        f"reading and checking the file took over {seconds:g} s; stopped, not checked (see --timeout).",
        "", None, {TIMEOUT_EVIDENCE: seconds})])


def is_timed_out(report: Report | Packed | None, findings: list[dict] | None) -> bool:
    if isinstance(report, Packed):
        late = report.timed_out
    else:
        late = report is not None and any(_transient(d.evidence) for d in report.diagnostics)
    return late or any(_transient(f.get("evidence") or {}) for f in findings or ())


def _transient(evidence: dict) -> bool:
    return TIMEOUT_EVIDENCE in evidence or STOPPED_EVIDENCE in evidence


def run_tasks(tasks: list[Task] | Tasks, jobs: int | None, progress,
              pack: bool = False) -> Iterator[tuple[int, Report | Packed | None, list[dict] | None]]:
    """Each task's (index, report, findings dicts), in the order they finish. With ``pack``,
    a report from a pool of processes comes ``Packed``: ``unpack`` it where it is needed."""
    if not tasks:
        return
    if len(tasks) == 1:
        tasks = list(tasks)  # one task, the same object each time it is looked at
    cores = os.cpu_count() or 1
    if jobs is None:
        n = 1 if len(tasks) < AUTO_PARALLEL else min(cores, 8)
    else:
        n = jobs or cores
    n = min(n, len(tasks))
    if len(tasks) == 1 and not _needs_child(tasks[0]):
        # One YAML or text file: read here, a child's start-up would double the run.
        yield work(tasks[0])
        progress(1)
        return
    # Every other run reads in supervised children (with --jobs 1, one): a reader that dies
    # costs its own file, not the run's other results (supervisor.py).
    from . import alone

    if len(tasks) == 1 and alone.usable():
        _warm(tasks)
        import gc

        gc.freeze()
        tasks[0].pack = pack
        yield alone.run_alone(tasks[0], _seconds(tasks[0]), stand_in, work)
        progress(1)
        return
    from .supervisor import run_pool

    if isinstance(tasks, Tasks):
        tasks.pack = pack
    else:
        for task in tasks:
            task.pack = pack
    context = _context()
    if context.get_start_method() == "fork":
        _warm(tasks)
        import gc

        # Objects the workers inherit stay out of their collections: a collection would touch
        # (and so copy) every page the parent's objects are on. Garbage cycles are collected
        # first: frozen, they would never be (reading a folder's settings leaves ~270 B a file).
        gc.collect()
        gc.freeze()
    chunk = max(1, min(8, len(tasks) // (n * 8)))
    for item in run_pool(tasks, n, context, chunk, _seconds, stand_in, work):
        yield item
        progress(1)


def _seconds(task: Task) -> float | None:
    from ..limits import DEFAULT_TIMEOUT

    return task.settings.limits.get("timeout", DEFAULT_TIMEOUT) or None


def _needs_child(task: Task) -> bool:
    """A file whose reader runs long C code (PDF, DOCX, HTML: lxml, zlib, pdfminer's
    helpers) is read in a child even alone, so that --timeout holds inside one long call."""
    from ..readers import kind_of

    return task.report is None and kind_of(task.path) not in ("yaml", "json", "text", "markdown")


def forkable() -> bool:
    """Whether a child can be forked from this process safely: no other thread runs, Python's
    (the progress bar's) or the native ones of a loaded OCR engine (OpenVINO's and
    onnxruntime's thread pools, which a forked child would inherit broken)."""
    import threading

    scan = sys.modules.get("govinfo_lint.readers.ocr.scan")
    return threading.active_count() == 1 and (scan is None or not scan.loaded())


def _context():
    """How worker processes start. Forked from this process when it runs no other thread
    (on Linux): a worker then starts with the package imported and the rules loaded, in
    milliseconds. Otherwise (the progress bar's thread is running, and forking a process with
    threads can deadlock; or another system) from a clean server process, which imports the
    package once; each worker then loads the rules and check modules itself, about half a
    second of a 100-file run on two cores."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.platform.startswith("linux") and forkable():
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["govinfo_lint.run.workers", "govinfo_lint.engine.runner", "govinfo_lint.readers"])
        return context
    return multiprocessing.get_context()


def _warm(tasks: list[Task] | Tasks) -> None:
    """Load here, once, what every forked worker would otherwise load for itself: the rules
    of each set of settings and the check modules they run."""
    from ..checks import get

    for key in dict.fromkeys(task.settings.rule_key for task in tasks if task.lint):
        for rule in build_rules(key):
            get(rule.kind)


def stand_in(task, why: str, detail):
    """The task that stands for one whose worker died (``why`` "stopped") or was killed past
    its time limit ("timeout"): the file is not read again, its report says what happened."""
    report = timed_out(task.path, detail) if why == "timeout" else stopped(task.path, detail)
    apply_to_report(report, task.settings)
    return Task(task.index, task.path, task.settings, task.lang, task.published, task.lint, report=report,
                return_report=task.return_report, pack=task.pack, stand_in=True)


def stopped(path: str, exitcode: int | None):
    import signal

    from ..model import Diagnostic, Report
    from ..readers import kind_of

    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        zh, en = f"被信号 {name} 终止", f"was killed by {name}"
    else:
        zh, en = f"意外退出（退出状态 {exitcode}）", f"exited unexpectedly (status {exitcode})"
    return Report(source=path, input_kind=kind_of(path) or "unknown", diagnostics=[Diagnostic(
        "reader_stopped", f"读取此文件的进程{zh}（其余文件照常检查）。",
        f"the process reading the file {en} (the other files were checked).",
        "", None, {STOPPED_EVIDENCE: exitcode})])
