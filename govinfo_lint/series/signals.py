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
    from ..engine.runner import _messages, render

    out = []
    for hit in run(rule.kind, series, rule.options):
        year = hit.evidence.get("year")
        report = series.by_year(year) if year else None
        fmt = report.format if report is not None else None
        messages = _messages(rule, hit.variant, fmt)
        zh = render(messages["zh"], hit.params, "zh")
        en = render(messages.get("en", messages["zh"]), hit.params, "en")
        finding = Finding(code=rule.code, severity=hit.severity or rule.severity_for(fmt, year),
                          message=en if lang == "en" else zh, pointer=hit.pointer,
                          location=hit.loc or (report.locate(hit.pointer) if report is not None else None),
                          evidence=hit.evidence, name=rule.name, message_zh=zh, message_en=en)
        out.append(Signal(year, report.source if report is not None else None, finding))
    return out


def run_series(rules, series: Series, lang: str = "zh") -> list[Signal]:
    signals = [s for rule in series_rules(rules) for s in run_series_rule(rule, series, lang)]
    signals.sort(key=lambda s: (s.year or 0, s.finding.code, s.finding.pointer))
    return signals
