"""Worker processes that may die: each file's result, whatever happens to the process reading it.

``multiprocessing.Pool`` loses a task whose worker dies (a crash inside a C library, the
out-of-memory killer, a signal) and ``imap_unordered`` then waits for it for ever. Here
each worker has its own pipe, so the parent always knows which files a worker holds: it
sends a few tasks at a time and the worker answers one by one. When a worker's process
ends, the file it was on becomes a ``reader_stopped`` report (RDR-12), the files behind it
go back to the queue, and a new worker takes its place. A worker that stays on one file
past its time limit plus a grace period (the worker's own timer cannot interrupt one long
call inside C) is killed the same way and the file becomes a time-limit report, as the
worker's timer would have made it.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Any, Callable, Iterator

GRACE = 2.0  # seconds past a file's time limit before its worker is killed


def _serve(conn, work: Callable[[Any], tuple]) -> None:
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            from .. import lazy_re

            lazy_re.save()  # the patterns this worker compiled, for the next run
            return
        for task in chunk:
            conn.send(work(task))


class _Slot:
    def __init__(self, context, work: Callable[[Any], tuple]):
        parent, child = context.Pipe()
        # ``work`` is a module-level function: it pickles by name for a spawned child.
        self.process = context.Process(target=_serve, args=(child, work), daemon=True)
        self.process.start()
        child.close()
        self.conn = parent
        self.held: deque = deque()
        self.since = 0.0  # when it started on held[0]

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join(0 if kill else 1)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class _Queue:
    """The tasks not yet sent: the ones given back (a dead worker's) first, then the rest as
    the source makes them, so that a lazily made task list stays lazy."""

    def __init__(self, tasks):
        self.back, self.source, self.left = deque(), iter(tasks), len(tasks)

    def __len__(self) -> int:
        return len(self.back) + self.left

    def popleft(self):
        if self.back:
            return self.back.popleft()
        self.left -= 1
        return next(self.source)

    def extendleft(self, items) -> None:
        self.back.extendleft(items)


def run_pool(tasks: list, n: int, context, chunk: int, limit_of: Callable[[Any], float | None],
             replace: Callable[[Any, str, Any], Any], work: Callable[[Any], tuple]) -> Iterator[tuple]:
    """Each task's result, ``work(task)`` in one of ``n`` workers, in the order they finish.
    The pool knows nothing of what a task is: ``workers.py`` hands it the work and the stand-in.

    ``replace(task, why, detail)`` makes the task that stands for a lost one: ``why`` is
    "stopped" (``detail``: the exit code) or "timeout" (``detail``: the seconds); it is run
    like any other task, and must not read the file again.
    """
    from multiprocessing.connection import wait

    queue = _Queue(tasks)
    slots = [_Slot(context, work) for _ in range(n)]
    try:
        while queue or any(s.held for s in slots):
            now = time.monotonic()
            for i, slot in enumerate(slots):
                if not slot.held and queue:
                    batch = [queue.popleft() for _ in range(min(chunk, len(queue)))]
                    try:
                        slot.conn.send(batch)
                    except OSError:  # it died while idle: nothing of its is lost, a new one takes the batch
                        queue.extendleft(reversed(batch))
                        slot.stop(kill=True)
                        slots[i] = _Slot(context, work)
                        continue
                    slot.held.extend(batch)
                    slot.since = now
            busy = [s for s in slots if s.held]
            deadlines = [s.since + limit + GRACE for s in busy if (limit := limit_of(s.held[0]))]
            wait_for = max(0.0, min(deadlines) - now) if deadlines else None
            ready = set(wait([x for s in busy for x in (s.conn, s.process.sentinel)], wait_for))
            for i, slot in enumerate(slots):
                if not slot.held:
                    continue
                lost = None
                try:
                    while slot.held and slot.conn.poll():
                        result = slot.conn.recv()
                        slot.held.popleft()
                        slot.since = time.monotonic()
                        yield result
                except (EOFError, OSError):
                    lost = "stopped"
                if lost is None and slot.held:
                    if slot.process.sentinel in ready or not slot.process.is_alive():
                        lost = "stopped"
                    elif (limit := limit_of(slot.held[0])) and time.monotonic() > slot.since + limit + GRACE:
                        lost = "timeout"
                if lost is None:
                    continue
                slot.stop(kill=True)
                task = slot.held.popleft()
                detail = slot.process.exitcode if lost == "stopped" else limit_of(task)
                rest = list(slot.held)
                slots[i] = _Slot(context, work)
                if getattr(task, "stand_in", False):
                    yield task.index, task.report, []  # the stand-in itself died: its report, unlinted
                    task = None
                # The stand-in first, then the files the dead worker had not reached.
                queue.extendleft(reversed([replace(task, lost, detail)] + rest if task else rest))
    finally:
        for slot in slots:
            slot.stop(kill=any(s.held for s in slots))
