"""Output formats. Each takes the checked files and writes to a stream.

``findings.FileResult`` is what they are handed: one input, its report and findings.
``write`` dispatches on the format name; each format module is imported only when
used, so that a run printing ``concise`` never loads the HTML or XML code.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: listing the format names must not load the model
    from ..findings import FileResult

FORMATS = ("text", "json", "jsonl", "concise", "sarif", "github", "junit", "markdown", "html")
# Formats written only to a file, beside the input: ``docx:PATH``, the input with findings as comments.
FILE_FORMATS = ("docx",)
OUTPUT_FORMATS = FORMATS + FILE_FORMATS  # what -f takes (and shell completion offers)
# Formats that need each report itself, not only the metadata a cached result keeps: the HTML
# page shows the tables, JUnit lists the rules that ran (none but RDR on an unreadable file).
NEED_REPORTS = frozenset({"html", "junit"})


def __getattr__(name: str):
    # FileResult and WAIVER_FILE live in findings; loaded on first use, as the model is.
    if name in ("FileResult", "WAIVER_FILE"):
        from .. import findings

        return getattr(findings, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def write(fmt: str, results: list[FileResult], stream, lang: str = "zh", fail_on: str = "error",
          rules=None, quiet: bool = False) -> None:
    """Write ``results`` as ``fmt``; ``rules`` (the rules that ran) feed SARIF's and JUnit's rule lists.
    ``quiet`` (text): only the files that have findings, and no closing summary."""
    stream = _Printable(stream)
    if fmt == "json":
        from .json_format import write_json

        write_json(results, stream, fail_on)
    elif fmt == "jsonl":
        from .jsonl import write_jsonl

        write_jsonl(results, stream)
    elif fmt == "concise":
        from .concise import write_concise

        write_concise(results, stream, lang)
    elif fmt == "sarif":
        from .sarif import write_sarif

        write_sarif(results, stream, rules or [], lang)
    elif fmt == "github":
        from .github import write_github

        write_github(results, stream, lang)
    elif fmt == "junit":
        from .junit import write_junit

        write_junit(results, stream, rules, lang, fail_on)
    elif fmt == "markdown":
        from .markdown import write_markdown

        write_markdown(results, stream, lang, fail_on)
    elif fmt == "html":
        from .html_page import write_html

        write_html(results, stream, lang, fail_on)
    else:
        from .text import write_text

        write_text(results, stream, lang, quiet)


def render(fmt: str, results: list[FileResult], lang: str = "zh", fail_on: str = "error", rules=None) -> str:
    """The whole output as one string, for writing to a file atomically."""
    buffer = io.StringIO()
    write(fmt, results, buffer, lang, fail_on, rules)
    return buffer.getvalue()


class _Printable:
    """The output stream, where a non-UTF-8 file name's bytes (lone surrogates) that reached
    any text (a message quoting an OS error, say) are written as ``\\xNN``: the output stays
    valid UTF-8 whatever a file is called. The JSON formats escape every string before
    encoding (common.jsonable), so nothing is left for this to change there."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str):
        from .common import printable

        return self._stream.write(printable(text))

    def __getattr__(self, name):
        return getattr(self._stream, name)
