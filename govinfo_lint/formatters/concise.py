"""``--format concise``: one line per finding, ``file:line:col: CODE [severity] message``; waived findings left out."""

from __future__ import annotations

from . import FileResult
from .common import printable


def place(result: FileResult, finding) -> str:
    loc = finding.location
    if loc is None:
        return printable(result.path)
    if loc.line is not None:
        return f"{printable(result.path)}:{loc.line}:{loc.column or 1}"
    return f"{printable(result.path)}:{loc.describe()}" if loc.describe() else printable(result.path)


def write_concise(results: list[FileResult], stream) -> None:
    for result in results:
        for finding in result.findings:
            if finding.suppressed:  # waived: not news in an editor's problem list
                continue
            stream.write(f"{place(result, finding)}: {finding.code} [{finding.severity}] {finding.message}\n")
