"""``--format json``: the contract of spec/model.md, versioned."""

from __future__ import annotations

import json

from .. import __version__
from ..findings import SEVERITIES, reaches
from . import FileResult
from .common import is_suppressed, jsonable, suppression_of

SCHEMA_VERSION = 1


def results_to_dict(results: list[FileResult], fail_on: str = "error") -> dict:
    files = []
    counts = {s: 0 for s in SEVERITIES}
    waived = 0
    for result in results:
        for finding in result.findings:
            if is_suppressed(finding):
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
            "findings": [_finding(f) for f in result.findings],
        })
    failed = any(reaches(f.severity, fail_on) for r in results for f in r.findings if not is_suppressed(f))
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "govinfo-lint", "version": __version__},
        "files": files,
        "summary": {"files": len(results), **counts, "suppressed": waived, "fail_on": fail_on, "failed": failed},
    }


def _finding(finding) -> dict:
    out = finding.to_dict()
    # Waived findings stay in the output, marked, so that a waiver can be audited.
    if is_suppressed(finding):
        out["suppressed"] = True
        if suppression_of(finding):
            out["suppression"] = suppression_of(finding)
    return out


def write_json(results: list[FileResult], stream, fail_on: str = "error") -> None:
    json.dump(jsonable(results_to_dict(results, fail_on)), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
