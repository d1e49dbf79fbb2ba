"""A checked run's outputs, written as its results come (``batch.iter_results``).

Every ``-f FORMAT[:PATH]`` is opened before the first result and fed each result in turn;
a result is then dropped, so a folder run keeps only counts (``formatters.stream.Tally``,
the ``--summary``/``--statistics`` tables) and what the formats that need the whole run
hold (formatters/stream.py). A file output is written to a temporary file beside its path
and renamed over it at the end (safe_write.open_atomic): never half written, never over an
input.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

EXIT_USAGE = 2


def write_run(results: Iterator, specs, rules, inputs: list[Path], run, quiet: bool = False,
              summary: bool = False, statistics: bool = False):
    """``(status, tally)``: status None, or the exit status of an output that could not be
    written (after saying why); tally None when there was no result at all (nothing is written)."""
    from ..formatters.stream import Tally
    from ..safe_write import WriteError

    first = next(results, None)
    if first is None:
        return None, None
    tables = None
    if summary or statistics:
        from .summary import Tables

        on_stdout = next((fmt for fmt, target in specs if target is None), "text")
        tables, table_fmt = Tables(), "json" if on_stdout == "json" else "text"
        specs, quiet = [(fmt, target) for fmt, target in specs if target is not None], False
    outputs, tally = [], Tally()
    try:
        for fmt, target in specs:
            outputs.append(_open(fmt, target, rules, inputs, run, quiet))
        for result in _chain(first, results):
            tally.add(result)
            if tables is not None:
                tables.add(result)
            for _file, out in outputs:
                out.add(result)
        for file, out in outputs:
            out.finish(tally)
            if file is not None:
                file.commit()
    except (ValueError, WriteError) as exc:  # an input as output; WriteError names the file, in Chinese
        _abort(outputs)
        print(f"govinfo-lint: {exc}", file=sys.stderr)
        return EXIT_USAGE, tally
    except BaseException:  # a closed pipe (cli.main), an interrupt: no temporary file left behind
        _abort(outputs)
        raise
    if tables is not None:
        tables.write(sys.stdout, summary, statistics, table_fmt, run.lang)
    return None, tally


def _abort(outputs) -> None:
    for file, _out in outputs:
        if file is not None:
            file.abort()


def _chain(first, rest):
    yield first
    yield from rest


def _open(fmt: str, target, rules, inputs, run, quiet: bool):
    from ..formatters.stream import writer

    if fmt == "docx":
        return None, _Docx(Path(target), inputs, run.lang)
    if target is None:
        return None, writer(fmt, sys.stdout, run.lang, run.fail_on, rules, quiet)
    from ..safe_write import open_atomic

    file = open_atomic(Path(target), protect=inputs)
    return file, writer(fmt, file, run.lang, run.fail_on, rules)


class _Docx:
    """``-f docx:PATH``: the one input report with its findings as comments (one path only: cli)."""

    def __init__(self, target: Path, inputs, lang: str):
        self.target, self.inputs, self.lang, self.report = target, inputs, lang, None

    def add(self, result) -> None:
        if self.report is None and result.is_report:
            self.report = result

    def finish(self, _tally) -> None:
        from ..formatters.docx_comments import annotate
        from ..safe_write import write_bytes_atomic

        write_bytes_atomic(self.target, annotate(Path(self.report.path), self.report.findings, self.lang),
                           protect=self.inputs)
