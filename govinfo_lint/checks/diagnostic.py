"""Surfacing what a reader could not do (a corrupt file, an unmapped row) as findings."""

from __future__ import annotations

from typing import Any, Iterator

from ..model import Report
from .base import Hit
from .kind import Kind


# What a rule of kind diagnostic may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_DIAGNOSTIC = {
    "required": ["kinds"],
    "properties": {
        "kinds": {
            "type": "array",
            "minItems": 1,
            "items": {
                "enum": [
                    "unreadable",
                    "unsupported_format",
                    "too_large",
                    "encoding",
                    "schema",
                    "table_not_found",
                    "row_unmapped",
                    "column_unmapped",
                    "cell_unreadable",
                    "cells_split",
                    "cells_ambiguous",
                    "rows_by_position",
                    "reader_stopped",
                    "ocr_read",
                    "ocr_uncertain",
                    "waiver_unused",
                    "waiver_expired",
                    "waiver_invalid",
                    "waiver_refused",
                ],
            },
        },
    },
}


# What a reader could not make of the content (a table, a row, a cell), as against what is
# wrong with the file itself (unreadable, too large, stopped). On a scan read by OCR the first
# may come from a missed or misread part as much as from the report (engine.doubt).
ABOUT_CONTENT = frozenset({"table_not_found", "row_unmapped", "column_unmapped", "cell_unreadable", "cells_split",
                           "cells_ambiguous", "rows_by_position"})


def about_content(options: dict[str, Any]) -> bool:
    """Whether a diagnostic rule speaks of the content only (``ABOUT_CONTENT``)."""
    return all(kind in ABOUT_CONTENT for kind in options.get("kinds", ()))


def check_diagnostic(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    kinds = set(options["kinds"])
    for diag in report.diagnostics:
        if diag.kind in kinds:
            params = {"detail": {"zh": diag.message, "en": diag.message_en or diag.message}}
            # Readers know the exact place better than any pointer.
            yield Hit(diag.pointer, params, dict(diag.evidence), loc=diag.loc)


KINDS = {
    "diagnostic": Kind(check_diagnostic, options=OPTIONS_DIAGNOSTIC),
}
