"""Surfacing what a reader could not do (a corrupt file, an unmapped row) as findings."""

from __future__ import annotations

from typing import Any, Iterator

from ..model import Report
from .base import Hit


def check_diagnostic(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    kinds = set(options["kinds"])
    for diag in report.diagnostics:
        if diag.kind in kinds:
            params = {"detail": {"zh": diag.message, "en": diag.message_en or diag.message}}
            # Readers know the exact place better than any pointer.
            yield Hit(diag.pointer, params, dict(diag.evidence), loc=diag.loc)
