"""The SER rules over a series: each hit becomes a finding of the usual shape, with its year."""

from __future__ import annotations

from dataclasses import dataclass

from ..findings import Finding
from . import Series


@dataclass
class Signal:
    year: int | None
    file: str | None
    finding: Finding

    def to_dict(self) -> dict:
        return {"year": self.year, "file": self.file, **self.finding.to_dict()}


def series_rules(rules) -> list:
    from ..checks import SERIES_KINDS

    return [r for r in rules if r.kind in SERIES_KINDS]


def run_series_rule(rule, series: Series, lang: str = "zh") -> list[Signal]:
    from ..checks import run
    from ..engine.runner import finding_of

    out = []
    for hit in run(rule.kind, series, rule.options):
        year = hit.evidence.get("year")
        report = series.by_year(year) if year else None
        out.append(Signal(year, report.source if report is not None else None, finding_of(rule, hit, report, lang, year)))
    return out


def run_series(rules, series: Series, lang: str = "zh") -> list[Signal]:
    signals = [s for rule in series_rules(rules) for s in run_series_rule(rule, series, lang)]
    signals.sort(key=lambda s: (s.year or 0, s.finding.code, s.finding.pointer))
    return signals
