"""Output formats written a file at a time, for a folder run that must not keep every result.

``writer(fmt, ...)`` gives an object with ``add(result)`` and ``finish(tally)``. The text,
concise, github and JSON formats write each result as it comes, with the same bytes as
``formatters.write`` given the whole list (tests/test_streaming.py compares them); the
others (SARIF, JUnit, Markdown, HTML) need the whole run for their structure and keep the
results until ``finish``. ``Tally`` is what every format's closing lines need: counts.
"""

from __future__ import annotations

STREAMED = frozenset({"text", "concise", "github", "json", "jsonl"})


class Tally:
    """Counts of a run's results: checked reports, active findings by severity, waived ones."""

    def __init__(self):
        from ..findings import SEVERITIES

        self.files, self.waived, self.results = 0, 0, 0
        self.counts = {s: 0 for s in SEVERITIES}
        self.seen: set[str] = set()  # severities of active findings, for --fail-on

    def add(self, result) -> None:
        self.results += 1
        self.files += int(result.is_report)
        for finding in result.findings:
            if finding.suppressed:
                self.waived += 1
            else:
                self.counts[finding.severity] += 1
                self.seen.add(finding.severity)

    def failed(self, fail_on: str) -> bool:
        from ..findings import reaches

        return any(reaches(severity, fail_on) for severity in self.seen)


def writer(fmt: str, stream, lang: str = "zh", fail_on: str = "error", rules=None, quiet: bool = False):
    from . import _Printable

    stream = _Printable(stream)
    if fmt == "json":
        from .json_format import JsonStream

        return _Json(JsonStream(stream), fail_on)
    if fmt == "text":
        return _Text(stream, lang, quiet)
    if fmt in ("concise", "github", "jsonl"):
        return _PerResult(fmt, stream, lang)
    return _Whole(fmt, stream, lang, fail_on, rules, quiet)


class _Json:
    def __init__(self, out, fail_on: str):
        self.out, self.fail_on = out, fail_on

    def add(self, result) -> None:
        self.out.add(result)

    def finish(self, tally: Tally) -> None:
        self.out.finish(tally, self.fail_on)


class _PerResult:
    """Formats whose output is a line per finding, nothing before or after."""

    def __init__(self, fmt: str, stream, lang: str):
        if fmt == "concise":
            from .concise import write_concise as write
        elif fmt == "jsonl":
            from .jsonl import write_jsonl

            def write(results, stream, _lang):
                write_jsonl(results, stream)
        else:
            from .github import write_github as write
        self.write, self.stream, self.lang = write, stream, lang

    def add(self, result) -> None:
        self.write([result], self.stream, self.lang)

    def finish(self, tally: Tally) -> None:
        pass


class _Whole:
    def __init__(self, fmt: str, stream, lang: str, fail_on: str, rules, quiet: bool):
        self.fmt, self.stream, self.lang, self.fail_on, self.rules, self.quiet = fmt, stream, lang, fail_on, rules, quiet
        self.results: list = []

    def add(self, result) -> None:
        self.results.append(result)

    def finish(self, tally: Tally) -> None:
        from . import write

        write(self.fmt, self.results, self.stream, self.lang, self.fail_on, self.rules, self.quiet)


class _Text:
    """``write_text`` a file at a time. Whether a piece goes through rich is decided piece by
    piece, as write_text decides it for the whole: rich prints a line that has nothing for it
    to change exactly as the plain line, so the bytes are the same either way."""

    def __init__(self, stream, lang: str, quiet: bool):
        from .text import _rich_renders

        self.stream, self.lang, self.quiet, self.first, self.console = stream, lang, quiet, True, None
        self.rich = _rich_renders(stream)

    def add(self, result) -> None:
        from .text import _lines

        if self.quiet and not result.findings:
            return
        gap = [] if self.first or not self.quiet else [("", "")]  # quiet: no blank line after the last file
        end = [] if self.quiet else [("", "")]
        self.first = False
        self._write(lambda escape: gap + _lines([result], self.lang, escape, True) + end)

    def finish(self, tally: Tally) -> None:
        if not self.quiet:
            from .common import summary_sentence

            summary = summary_sentence(tally.files, tally.counts, tally.waived, self.lang)
            self._write(lambda _escape: [(summary, summary)])
        self.stream.flush()

    def _write(self, lines_with) -> None:
        from .text import _RICH_CHANGES

        if not self.rich:
            lines = lines_with(str)
            if not any(_RICH_CHANGES.search(plain) for _markup, plain in lines):
                self.stream.write("".join(plain + "\n" for _markup, plain in lines))
                return
        from rich.markup import escape

        if self.console is None:
            from rich.console import Console

            self.console = Console(file=self.stream, highlight=False, soft_wrap=True)
        for markup, _plain in lines_with(escape):
            self.console.print(markup)
