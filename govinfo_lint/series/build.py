"""Reading a folder and grouping its reports into one series per organ.

Names are matched as ``--previous`` pairing matches them (``pairing.same_organ``), but over
any years, so that a missing year splits no series. A shortened name (鼓楼区人民政府) joins
a longer one only when every name it fits also fits every other: next to both 南京市鼓楼区
and 福州市鼓楼区 it stays alone. Different names are different organs: a renamed organ is
two series, and no figure is ever compared across them.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Report
from . import Series


def read_reports(files: list[Path], settings: list, jobs: int | None = None) -> list[Report]:
    """Each file read as ``check`` reads it (same reader, settings and worker pool)."""
    from ..run.progress import Progress
    from ..run.workers import Task, run_tasks, unpack

    tasks = [Task(i, str(p), s, "zh", None, lint=False) for i, (p, s) in enumerate(zip(files, settings))]
    reports: list[Report | None] = [None] * len(files)
    progress = Progress(False, len(files))
    try:
        for index, report, _found in run_tasks(tasks, jobs, progress, pack=True):
            reports[index] = unpack(report)
    finally:
        progress.stop()
    return [r for r in reports if r is not None]


def _groups(keys: list[str]) -> dict[str, str]:
    """Each name -> the name that stands for its organ."""
    from ..run.pairing import _bucket, same_organ

    buckets: dict[tuple, list[str]] = {}
    for key in keys:
        buckets.setdefault(_bucket(key), []).append(key)
    fits = {k: [o for o in buckets[_bucket(k)] if same_organ(k, o)] for k in keys}
    unambiguous = {k for k, names in fits.items() if all(same_organ(a, b) for a in names for b in names)}
    parent = {k: k for k in keys}

    def root(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    for k in keys:
        for other in fits[k]:
            if other != k and k in unambiguous and other in unambiguous:
                a, b = sorted((root(k), root(other)))
                parent[b] = a
    return {k: root(k) for k in keys}


def build_series(reports: list[Report]) -> list[Series]:
    """One series per organ, its reports by year; a report without organ or year is left out
    (it cannot be placed in any series)."""
    from ..run.pairing import agency_key

    placed = [(agency_key(r.agency), r) for r in reports if r.year and agency_key(r.agency)]
    names = _groups(list(dict.fromkeys(k for k, _ in placed)))
    grouped: dict[str, list[Report]] = {}
    for key, report in placed:
        grouped.setdefault(names[key], []).append(report)
    out = []
    for members in grouped.values():
        members.sort(key=lambda r: (r.year, r.source))
        years = [r.year for r in members]
        for report in members:
            # Two reports of one organ and year: neither is taken for the other's successor.
            last = [r for r in members if r.year == report.year - 1]
            report.previous = last[0] if len(last) == 1 and years.count(report.year) == 1 else None
        latest = members[-1]
        out.append(Series(latest.agency, next((r.level for r in reversed(members) if r.level), None), members))
    out.sort(key=lambda s: (s.agency or "", s.years[:1]))
    return out


def unplaced(reports: list[Report]) -> list[dict]:
    """The files no series takes, and why: the output says so rather than drop them unseen."""
    from ..engine.runner import UNREAD
    from ..run.pairing import agency_key

    out = []
    for r in reports:
        if r.year and agency_key(r.agency):
            continue
        if any(d.kind in UNREAD for d in r.diagnostics):
            reason = {"zh": "无法读取", "en": "could not be read"}
        elif not r.year:
            reason = {"zh": "未识别报告年度", "en": "report year not recognised"}
        else:
            reason = {"zh": "未识别机关名称", "en": "organ not recognised"}
        out.append({"file": r.source, "reason": reason})
    return out
