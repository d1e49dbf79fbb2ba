"""A finding: what is wrong, how badly, where, and the numbers that show it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .model import Location

if TYPE_CHECKING:
    from .model import Report

SEVERITIES = ("error", "warning", "info")
RANK = {"info": 1, "warning": 2, "error": 3}


@dataclass
class Finding:
    code: str
    severity: str
    message: str  # in the requested language
    pointer: str = ""
    location: Location | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    name: str = ""  # the rule's name
    message_zh: str = ""
    message_en: str = ""
    # Waived by an inline comment (kind ``inSource``) or the waiver file (``external``):
    # still reported in machine output, never fails a run. ``suppression`` holds
    # kind, reason, approved_by, expires and where the waiver was written.
    suppressed: bool = False
    suppression: dict[str, Any] | None = None

    @property
    def line(self) -> int | None:
        return self.location.line if self.location else None

    @property
    def column(self) -> int | None:
        return self.location.column if self.location else None

    def sort_key(self) -> tuple:
        loc = self.location or Location()
        return (loc.page or 0, loc.line or 0, loc.table or 0, loc.row or 0, loc.cell or 0,
                loc.paragraph or 0, loc.column or 0, -RANK[self.severity], self.code, self.pointer)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "pointer": self.pointer,
            "line": self.line,
            "column": self.column,
        }
        if self.location:
            out["location"] = self.location.to_dict()
        out["name"] = self.name
        if self.evidence:
            out["evidence"] = self.evidence
        if self.suppressed:
            out["suppressed"] = True
            out["suppression"] = dict(self.suppression or {})
        return out


def reaches(severity: str, threshold: str) -> bool:
    """Whether a finding of ``severity`` fails a run whose threshold is ``threshold``."""
    if threshold == "never":
        return False
    return RANK[severity] >= RANK[threshold]


# ``Report.input_kind`` of the result that carries a waiver file's own findings (waiver_run).
WAIVER_FILE = "waivers"


@dataclass
class FileResult:
    """One checked input as the run hands it to an output format: its report and findings."""

    path: str
    report: Report
    findings: list[Finding] = field(default_factory=list)

    @property
    def is_report(self) -> bool:
        """False for a waiver file's result: its findings are shown, but it was not checked
        as a report, so no count of checked files includes it."""
        return self.report.input_kind != WAIVER_FILE
