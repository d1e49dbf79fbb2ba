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


def read_reports(files: list[Path], settings: list, jobs: int | None = None, use_cache: bool = True,
                 stats: dict | None = None, progress: bool = False) -> list[Report]:
    """Each file read as ``check`` reads it (same reader, settings and worker pool), through
    the result cache: a file whose content, settings and code are unchanged is not read again.

    The entry is keyed as ``check`` keys its own (``batch.file_keys``: the file's path and hash,
    the code's fingerprint, the reading settings) under its own kind, ``report``. ``check``'s
    ``meta`` entry is not written: with metadata but no findings ``check`` would read each
    predecessor again to lint a file, where without it one read does both. ``stats`` (when
    given) gets ``cached`` and ``read``.
    """
    from ..run import cache
    from ..run.batch import file_keys
    from ..run.progress import Progress
    from ..run.workers import Task, is_timed_out, run_tasks, unpack
    from .stored import VERSION, report_from_data, report_to_data

    batch, cacheable = file_keys(files, settings, use_cache and cache.cache_dir() is not None)
    keys = [cache.key("report", [*f.base, str(VERSION).encode()]) if ok else "" for f, ok in zip(batch, cacheable)]
    reports: list[Report | None] = [report_from_data(cache.get(k)) if k else None for k in keys]
    for report, f in zip(reports, batch):
        if report is not None:
            report.source = str(f.path)  # the key holds the path; the entry's own is not trusted
    tasks = [Task(i, str(f.path), f.settings, "zh", None, lint=False)
             for i, f in enumerate(batch) if reports[i] is None]
    shown = Progress(progress, len(tasks))
    try:
        for index, packed, _found in run_tasks(tasks, jobs, shown, pack=True):
            report = reports[index] = unpack(packed)
            if keys[index] and not is_timed_out(report, None):  # a busy machine is not the file's
                cache.put(keys[index], report_to_data(report))
    finally:
        shown.stop()
    if stats is not None:
        stats.update(cached=len(files) - len(tasks), read=len(tasks))
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

    placed = [(agency_key(r.agency), r) for r in reports if _placeable(r)]
    names = _groups(list(dict.fromkeys(k for k, _ in placed)))
    grouped: dict[str, list[Report]] = {}
    for key, report in placed:
        grouped.setdefault(names[key], []).append(report)
    out = []
    copies: list[tuple[Report, Report]] = []
    for key in grouped:
        grouped[key] = _one_per_copy(grouped[key], copies)
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
    for copy, kept in copies:
        next(s for s in out if kept in s.reports).copies.append((copy, kept))
    return out


MIN_SHARED_FIGURES = 10  # fewer figures in common say too little to call two files one report


def _one_per_copy(members: list[Report], copies: list) -> list[Report]:
    """One report of a year saved twice (the page and its text, a PDF and its DOCX) is one
    report: the copy that read fewer figures is set aside, so that the year still has one
    successor and its chain is checked. Two reports of one year that differ in any figure
    both stay, and neither is taken for the other's successor."""
    from .figures import figures

    by_year: dict[int, list[Report]] = {}
    for report in members:
        by_year.setdefault(report.year, []).append(report)
    kept = []
    for same_year in by_year.values():
        same_year.sort(key=lambda r: (-len(figures(r)), r.source))
        first, rest = same_year[0], same_year[1:]
        mine = figures(first)
        for other in rest:
            theirs = figures(other)
            shared = set(mine) & set(theirs)
            if len(shared) >= max(MIN_SHARED_FIGURES, len(theirs) * 3 // 4) and all(mine[k] == theirs[k] for k in shared):
                copies.append((other, first))
            else:
                kept.append(other)
        kept.append(first)
    return kept


def _placeable(report: Report) -> bool:
    from ..engine.runner import UNREAD
    from ..run.pairing import agency_key

    # A file that is not an annual report (a README, a notice) has no place in a series even
    # where it names an organ and a year.
    return bool(report.year and agency_key(report.agency)) and not any(
        d.kind in UNREAD or d.kind == NOT_A_REPORT for d in report.diagnostics)


NOT_A_REPORT = "not_a_report"


def unplaced(reports: list[Report], all_series: list[Series] = ()) -> list[dict]:
    """The files no series takes, and why: the output says so rather than drop them unseen."""
    from ..engine.runner import UNREAD

    out = [{"file": copy.source, "reason": {"zh": f"与 {kept.source} 为同一年报（各项数据相同），只计一份",
                                            "en": f"the same report as {kept.source} (same figures), counted once"}}
           for series in all_series for copy, kept in series.copies]
    for r in reports:
        if _placeable(r):
            continue
        unread = next((d for d in r.diagnostics if d.kind in UNREAD), None)
        if unread is not None:
            reason = {"zh": f"无法读取：{unread.message}", "en": f"could not be read: {unread.message_en or unread.kind}"}
        elif any(d.kind == NOT_A_REPORT for d in r.diagnostics):
            reason = {"zh": "不是政府信息公开工作年度报告", "en": "not an annual report"}
        elif not r.year:
            reason = {"zh": "未识别报告年度", "en": "report year not recognised"}
        else:
            reason = {"zh": "未识别机关名称", "en": "organ not recognised"}
        out.append({"file": r.source, "reason": reason})
    return out
