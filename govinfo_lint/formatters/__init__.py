"""Output formats. Each takes the checked files and writes to a stream.

``FileResult`` is what the engine hands over: one input, its report and findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import Finding
from ..model import Report

FORMATS = ("text", "json", "concise")


@dataclass
class FileResult:
    path: str
    report: Report
    findings: list[Finding] = field(default_factory=list)


def write(fmt: str, results: list[FileResult], stream, lang: str = "zh", fail_on: str = "error") -> None:
    if fmt == "json":
        from .json_format import write_json

        write_json(results, stream, fail_on)
    elif fmt == "concise":
        from .concise import write_concise

        write_concise(results, stream)
    else:
        from .text import write_text

        write_text(results, stream, lang)
