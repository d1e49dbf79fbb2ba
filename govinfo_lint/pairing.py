"""Pairing a report with the same organ's report of the year before (cross-year rules)."""

from __future__ import annotations

import re

from .model import Report


def agency_key(agency: str | None) -> str | None:
    if not agency:
        return None
    return re.sub(r"[\s（）()]", "", agency)


def pair_reports(reports: list[Report]) -> None:
    """Give each report whose organ also has a report of the year before in the batch its
    ``previous``, unless one was set already (``--previous``)."""
    by_key: dict[tuple[str, int], Report] = {}
    for report in reports:
        key = agency_key(report.agency)
        if key and report.year:
            by_key.setdefault((key, report.year), report)
    for report in reports:
        key = agency_key(report.agency)
        if report.previous is None and key and report.year:
            report.previous = by_key.get((key, report.year - 1))
