"""One document read in one forked child, without ``multiprocessing``.

A pre-commit hook checks one DOCX or HTML file per run. Its reader runs long C code, so it
is read in a child that can be killed past ``--timeout`` (workers.py), but importing
``multiprocessing`` and starting a supervised pool for one child costs more than reading a
small document. Here the child is a bare ``os.fork()`` that sends its pickled result down a
pipe, with the same outcomes as the pool's (supervisor.py): a child that dies makes the file
a "stopped" stand-in, one past its limit plus ``GRACE`` is killed and the file becomes a
time-limit stand-in. Linux only, and only while this process runs no other thread (forking
a process with threads can deadlock): ``usable()`` says when.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any, Callable

from .supervisor import GRACE


def usable() -> bool:
    import threading

    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


def run_alone(task: Any, limit: float | None, replace: Callable[[Any, str, Any], Any],
              work: Callable[[Any], tuple]) -> tuple:
    """``work(task)`` in a forked child; ``work(replace(task, why, detail))`` here if it is lost."""
    import pickle
    import select

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        os.close(read_end)
        code = 0
        try:
            data = pickle.dumps(work(task), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
        except BaseException:  # noqa: BLE001 - the parent makes it a "stopped" stand-in
            import traceback

            traceback.print_exc()
            code = 1
        finally:
            from .. import lazy_re

            lazy_re.save()  # the patterns this child compiled, for the next run
            sys.stderr.flush()
            os._exit(code)
    os.close(write_end)
    deadline = time.monotonic() + limit + GRACE if limit else None
    chunks: list[bytes] = []
    lost = None
    try:
        while True:
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([read_end], [], [], wait)
            if not ready:
                lost = "timeout"
                os.kill(pid, 9)
                break
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_end)
        _, status = os.waitpid(pid, 0)
    exitcode = os.waitstatus_to_exitcode(status)
    if lost is None and (exitcode != 0 or not chunks):
        lost = "stopped"
    if lost is not None:
        return work(replace(task, lost, limit if lost == "timeout" else exitcode))
    return pickle.loads(b"".join(chunks))
