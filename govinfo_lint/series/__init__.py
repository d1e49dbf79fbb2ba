"""An organ's reports year after year: the evaluator's view (``govinfo-lint series DIR``).

``build`` reads a folder and groups its reports by organ (the pairing of ``--previous``),
``figures`` takes the key figures out of the canonical model, ``signals`` runs the SER
rules (check kinds in ``checks/series.py``) over each series, ``output`` writes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Report

# A series of one report: no change can be computed, and "no signals" would promise too much.
ONE_YEAR = {"zh": "只有一个年度的年报，无法逐年对比", "en": "one year only: nothing to compare"}


@dataclass
class Series:
    agency: str | None
    level: str | None
    reports: list[Report] = field(default_factory=list)  # by year; .previous set for consecutive years
    copies: list[tuple[Report, Report]] = field(default_factory=list)  # (a second file of a year, the one kept)

    def by_year(self, year: int) -> Report | None:
        return next((r for r in self.reports if r.year == year), None)

    @property
    def years(self) -> list[int]:
        return [r.year for r in self.reports if r.year]
