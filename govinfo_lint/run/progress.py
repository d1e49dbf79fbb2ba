"""Progress of a long folder run on stderr."""

from __future__ import annotations

import sys


class Progress:
    """Progress on stderr for people watching a long run: a rich bar on a terminal; elsewhere
    (a CI log, a file) a plain line now and then, since a bar's redraws are noise there."""

    PLAIN_EVERY_S = 10.0

    def __init__(self, enabled: bool, total: int):
        self.bar = None
        self.plain = enabled and not _isatty(sys.stderr)
        self.done, self.total, self.last = 0, total, 0.0
        if enabled and not self.plain:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
            from rich.console import Console

            self.bar = Progress(TextColumn("检查 checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                console=Console(file=sys.stderr), transient=True)
            self.task = self.bar.add_task("check", total=total)
            self.bar.start()
        if self.plain:
            import time

            self.last = time.monotonic()

    def __call__(self, n: int) -> None:
        if self.bar is not None:
            self.bar.advance(self.task, n)
        elif self.plain and n:
            import time

            before, self.done = self.done, self.done + n
            step = max(1, self.total // 10)
            now = time.monotonic()
            # Each tenth of the run, or every few seconds when files are slow, and at the end.
            if before // step != self.done // step or now - self.last >= self.PLAIN_EVERY_S or self.done >= self.total:
                self.last = now
                print(f"govinfo-lint: 已检查 {self.done}/{self.total} 个文件 (checked {self.done}/{self.total})",
                      file=sys.stderr, flush=True)

    def grow(self, n: int) -> None:
        if self.bar is not None and n:
            self.bar.update(self.task, total=self.bar.tasks[0].total + n)
        elif self.plain:
            self.total += n

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
