"""``--format json``: the contract of spec/model.md, versioned."""

from __future__ import annotations

import json

from .. import __version__
from ..findings import SEVERITIES
from ..findings import FileResult
from .common import failed, jsonable, report_count

SCHEMA_VERSION = 1


def file_entry(result: FileResult) -> dict:
    report = result.report
    return {
        "path": result.path,
        "format": report.format,
        "year": report.year,
        "agency": report.agency,
        "level": report.level,
        "input_kind": report.input_kind,
        # Waived findings stay in, marked (Finding.to_dict), so that a waiver can be audited.
        "findings": [f.to_dict() for f in result.findings],
    }


def head() -> dict:
    return {"version": SCHEMA_VERSION, "tool": {"name": "govinfo-lint", "version": __version__}}


def summary(files: int, counts: dict[str, int], waived: int, fail_on: str, has_failed: bool) -> dict:
    return {"files": files, **counts, "suppressed": waived, "fail_on": fail_on, "failed": has_failed}


def results_to_dict(results: list[FileResult], fail_on: str = "error") -> dict:
    counts = {s: 0 for s in SEVERITIES}
    waived = 0
    for result in results:
        for finding in result.findings:
            if finding.suppressed:
                waived += 1
            else:
                counts[finding.severity] += 1
    return {**head(), "files": [file_entry(r) for r in results],
            "summary": summary(report_count(results), counts, waived, fail_on, failed(results, fail_on))}


def write_json(results: list[FileResult], stream, fail_on: str = "error") -> None:
    json.dump(jsonable(results_to_dict(results, fail_on)), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


class JsonStream:
    """``write_json`` a file at a time: the same bytes, with only the counts kept for the
    summary. Each entry is dumped alone and indented to its depth in the whole document (a
    JSON string never holds a raw newline, so every newline is between tokens)."""

    def __init__(self, stream):
        self.stream, self.first = stream, True
        text = json.dumps(jsonable(head()), ensure_ascii=False, indent=2)
        stream.write(text[:-2] + ',\n  "files": [')  # the head without its closing "\n}"

    def add(self, result: FileResult) -> None:
        entry = json.dumps(jsonable(file_entry(result)), ensure_ascii=False, indent=2).replace("\n", "\n    ")
        self.stream.write(("\n    " if self.first else ",\n    ") + entry)
        self.first = False

    def finish(self, tally, fail_on: str) -> None:
        end = summary(tally.files, dict(tally.counts), tally.waived, fail_on, tally.failed(fail_on))
        text = json.dumps(jsonable({"summary": end}), ensure_ascii=False, indent=2)
        self.stream.write(("]" if self.first else "\n  ]") + ",\n" + text[2:] + "\n")
