"""``--format json``: the contract of spec/model.md, versioned."""

from __future__ import annotations

import json

from .. import __version__
from ..findings import SEVERITIES
from ..findings import FileResult
from .common import failed, jsonable, report_count

SCHEMA_VERSION = 1


def results_to_dict(results: list[FileResult], fail_on: str = "error") -> dict:
    files = []
    counts = {s: 0 for s in SEVERITIES}
    waived = 0
    for result in results:
        for finding in result.findings:
            if finding.suppressed:
                waived += 1
            else:
                counts[finding.severity] += 1
        report = result.report
        files.append({
            "path": result.path,
            "format": report.format,
            "year": report.year,
            "agency": report.agency,
            "level": report.level,
            "input_kind": report.input_kind,
            # Waived findings stay in, marked (Finding.to_dict), so that a waiver can be audited.
            "findings": [f.to_dict() for f in result.findings],
        })
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "govinfo-lint", "version": __version__},
        "files": files,
        "summary": {"files": report_count(results), **counts, "suppressed": waived, "fail_on": fail_on, "failed": failed(results, fail_on)},
    }


def write_json(results: list[FileResult], stream, fail_on: str = "error") -> None:
    json.dump(jsonable(results_to_dict(results, fail_on)), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
