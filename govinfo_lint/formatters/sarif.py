"""``--format sarif``: SARIF 2.1.0 (OASIS), one run, for GitHub code scanning and SARIF viewers.

Paths are relative to the working directory (``uriBaseId`` ``%SRCROOT%``). DOCX and PDF
findings have no line: their table/row/cell or page go in the location's ``properties``
and in a ``logicalLocation`` named by the model pointer. ``partialFingerprints`` hash the
rule code, the path and the pointer, never the line, so that a finding keeps its identity
when text above it moves.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from .common import dumps, jsonable, place_label, raw_relative_path

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://govinfo-lint.invalid/docs"
FINGERPRINT_KEY = "govinfoLint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_IN_SOURCE = {"insource", "in_source", "inline", "comment", "file"}


def fingerprint(code: str, path: str, pointer: str) -> str:
    return hashlib.sha256(f"{code}\0{path}\0{pointer}".encode("utf-8", "surrogateescape")).hexdigest()[:32]


def rule_descriptor(rule) -> dict:
    title = rule.title or {}
    short = title.get("zh") or title.get("en") or rule.name
    full = (rule.description or "").strip() or title.get("en") or short
    help_lines = [short]
    if title.get("en") and title.get("en") != short:
        help_lines.append(title["en"])
    if rule.basis:
        help_lines.append(f"依据 (basis)：{rule.basis}")
    if rule.description:
        help_lines += ["", rule.description.strip()]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": "\n".join(help_lines)},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {"tags": [rule.family], "formats": list(rule.formats),
                       **({"title_en": title["en"]} if title.get("en") else {})},
    }


def artifact_location(path: str) -> dict:
    """A relative, percent-encoded URI under ``%SRCROOT%``, or a ``file:`` URI outside the working directory."""
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(os.fsencode(path), safe="/"), "uriBaseId": "%SRCROOT%"}  # bytes: a non-UTF-8 name too


def _location(result, finding, path: str) -> dict:
    physical: dict = {"artifactLocation": artifact_location(path)}
    loc = finding.location
    if loc is not None and loc.line is not None:
        physical["region"] = {"startLine": loc.line, "startColumn": loc.column or 1}
    out: dict = {"physicalLocation": physical}
    if finding.pointer:
        out["logicalLocations"] = [{
            "name": place_label(finding.pointer, result.report.format, "zh"),
            "fullyQualifiedName": finding.pointer,
        }]
    # Pages, paragraphs and table cells of DOCX/PDF inputs: SARIF regions have no slot for them.
    extra = {k: v for k, v in (loc.to_dict() if loc else {}).items() if k not in ("line", "column")}
    if extra:
        out["properties"] = extra
    return out


def _suppression(finding) -> dict:
    info = finding.suppression or {}
    kind = str(info.get("kind", "")).replace("-", "_").lower()
    out = {"kind": "inSource" if kind in _IN_SOURCE else "external", "status": "accepted"}
    reason = info.get("reason") or info.get("justification")
    if reason:
        out["justification"] = str(reason)
    rest = {k: v for k, v in info.items() if k not in ("kind", "reason", "justification") and v is not None}
    if rest:  # who approved the waiver, until when, where it is written
        out["properties"] = jsonable(rest)
    return out


def sarif_log(results, rules, lang: str = "zh") -> dict:
    index = {rule.code: i for i, rule in enumerate(rules)}
    sarif_results = []
    artifacts: dict[str, int] = {}
    for result in results:
        uri = raw_relative_path(result.path)
        artifacts.setdefault(uri, len(artifacts))
        seen: Counter[tuple] = Counter()
        for finding in result.findings:
            key = (finding.code, uri, finding.pointer)
            seen[key] += 1
            # The same rule may flag the same place twice (two wordings): number the repeats.
            pointer = finding.pointer if seen[key] == 1 else f"{finding.pointer}#{seen[key]}"
            item: dict = {"ruleId": finding.code}
            if finding.code in index:
                item["ruleIndex"] = index[finding.code]
            item.update({
                "level": LEVELS.get(finding.severity, "warning"),
                "message": {"text": finding.message},
                "locations": [_location(result, finding, uri)],
                "partialFingerprints": {FINGERPRINT_KEY: fingerprint(finding.code, uri, pointer)},
            })
            if finding.suppressed:
                item["suppressions"] = [_suppression(finding)]
            props = {"pointer": finding.pointer, "severity": finding.severity}
            if finding.name:
                props["name"] = finding.name
            other = finding.message_en if lang == "zh" else finding.message_zh
            if other and other != finding.message:
                props["message_en" if lang == "zh" else "message_zh"] = other
            if finding.evidence:
                props["evidence"] = jsonable(finding.evidence)
            item["properties"] = props
            sarif_results.append(item)
    driver = {
        "name": "govinfo-lint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [rule_descriptor(r) for r in rules],
    }
    run = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
        "artifacts": [{"location": artifact_location(path)} for path in artifacts],
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def write_sarif(results, stream, rules, lang: str = "zh") -> None:
    stream.write(dumps(sarif_log(results, rules, lang)))
