"""``--format concise``: one line per finding, ``file:line:col: CODE [severity] message``; waived findings left out."""

from __future__ import annotations

from ..findings import FileResult


def place(result: FileResult, finding) -> str:
    # A non-UTF-8 file name is escaped by the stream ``formatters.write`` hands every format.
    loc = finding.location
    if loc is None:
        return result.path
    if loc.line is not None:
        return f"{result.path}:{loc.line}:{loc.column or 1}"
    return f"{result.path}:{loc.describe()}" if loc.describe() else result.path


def page_note(finding, lang: str = "zh") -> str:
    """``（第4页）`` for a PDF finding whose line:col already fills the place: the page is what a
    reader of the PDF looks for, and ``file:line:col:`` has no room for it."""
    loc = finding.location
    if loc is None or loc.page is None or loc.line is None:
        return ""
    return f"（第{loc.page}页）" if lang == "zh" else f" (page {loc.page})"


def write_concise(results: list[FileResult], stream, lang: str = "zh") -> None:
    for result in results:
        for finding in result.findings:
            if finding.suppressed:  # waived: not news in an editor's problem list
                continue
            stream.write(f"{place(result, finding)}: {finding.code} [{finding.severity}] {finding.message}"
                         f"{page_note(finding, lang)}\n")
