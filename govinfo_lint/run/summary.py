"""Batch review: a table per agency (``--summary``) and counts per rule (``--statistics``).

For a reviewer with a folder of 300 reports the first question is who needs attention
and which rules fire most, not every finding. Waived findings are not counted.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from ..findings import RANK

UNKNOWN = "（未识别机关）"
# The row of the waiver files' own findings (WVR): counted like any finding, but no report.
WAIVER_FILES = "（豁免文件）"


class Tables:
    """What ``--summary`` and ``--statistics`` count, gathered a result at a time: a row per
    agency and a count per rule, never the findings themselves."""

    def __init__(self):
        self.groups: dict[str, dict[str, Any]] = {}
        self.counts: Counter[str] = Counter()
        self.info: dict[str, tuple[str, str, int]] = {}
        self.files: dict[str, set[str]] = {}
        self.files_checked = 0
        self.suppressed = 0

    def add(self, result) -> None:
        from .pairing import agency_key

        report = result.report
        self.files_checked += int(result.is_report)
        key, name = (agency_key(report.agency) or UNKNOWN, report.agency or UNKNOWN) if result.is_report else (
            WAIVER_FILES, WAIVER_FILES)
        row = self.groups.setdefault(key, {"agency": name, "files": 0, "years": set(),
                                           "error": 0, "warning": 0, "info": 0, "rules": Counter(), "worst": {}})
        row["files"] += int(result.is_report)
        if report.year:
            row["years"].add(report.year)
        for f in result.findings:
            if f.suppressed:
                self.suppressed += 1
                continue
            row[f.severity] += 1
            row["rules"][f.code] += 1
            row["worst"][f.code] = max(row["worst"].get(f.code, 0), RANK[f.severity])
            self.counts[f.code] += 1
            self.files.setdefault(f.code, set()).add(result.path)
            worst = self.info.get(f.code)
            if worst is None or RANK[f.severity] > worst[2]:
                self.info[f.code] = (f.severity, f.name, RANK[f.severity])

    def agency_rows(self) -> list[dict[str, Any]]:
        rows = []
        for row in self.groups.values():
            top = sorted(row["rules"], key=lambda c: (-row["worst"][c], -row["rules"][c], c))[:3]
            rows.append({"agency": row["agency"], "files": row["files"], "years": sorted(row["years"]),
                         "error": row["error"], "warning": row["warning"], "info": row["info"],
                         "top_rules": [{"code": c, "count": row["rules"][c]} for c in top]})
        rows.sort(key=lambda r: (r["agency"] == WAIVER_FILES, -r["error"], -r["warning"], -r["info"], r["agency"]))
        return rows

    def write(self, stream, summary: bool, statistics: bool, fmt: str = "text", lang: str = "zh") -> None:
        _write(self, stream, summary, statistics, fmt, lang)

    def rule_counts(self) -> list[dict[str, Any]]:
        info, files = self.info, self.files
        return [{"code": c, "count": n, "files": len(files[c]), "severity": info[c][0], "name": info[c][1]}
                for c, n in sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _tables(results) -> Tables:
    tables = Tables()
    for result in results:
        tables.add(result)
    return tables


def agency_rows(results) -> list[dict[str, Any]]:
    return _tables(results).agency_rows()


def rule_counts(results) -> list[dict[str, Any]]:
    return _tables(results).rule_counts()


def write_tables(results, stream, summary: bool, statistics: bool, fmt: str = "text", lang: str = "zh") -> None:
    _tables(results).write(stream, summary, statistics, fmt, lang)


def _write(tables: Tables, stream, summary: bool, statistics: bool, fmt: str = "text", lang: str = "zh") -> None:
    suppressed = tables.suppressed
    if fmt == "json":
        out: dict[str, Any] = {"files": tables.files_checked, "suppressed": suppressed}
        if summary:
            out["agencies"] = tables.agency_rows()
        if statistics:
            out["statistics"] = tables.rule_counts()
        json.dump(out, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(file=stream, highlight=False, soft_wrap=False, width=max(100, Console(file=stream).width))
    zh = lang == "zh"
    if statistics:
        # ruff --statistics: count, code, severity, name
        for row in tables.rule_counts():
            console.print(f"{row['count']:>6}  {row['code']:<8} {'[' + row['severity'] + ']':<10} {row['name']:<34} "
                          f"{row['files']} {'个文件' if zh else 'file(s)'}", markup=False)
    if summary:
        table = Table(title="按机关汇总" if zh else "Summary by agency", show_lines=False)
        for header in (("机关", "Agency"), ("年度", "Years"), ("文件", "Files"), ("错误", "Errors"),
                       ("警告", "Warnings"), ("提示", "Info"), ("主要问题", "Worst rules")):
            table.add_column(header[0] if zh else header[1], justify="right" if header[0] in ("文件", "错误", "警告", "提示") else "left")
        totals = Counter()
        for row in tables.agency_rows():
            totals.update({k: row[k] for k in ("files", "error", "warning", "info")})
            table.add_row(row["agency"], ",".join(map(str, row["years"])), str(row["files"]), str(row["error"]),
                          str(row["warning"]), str(row["info"]),
                          " ".join(f"{r['code']}×{r['count']}" for r in row["top_rules"]))
        table.add_row("合计" if zh else "Total", "", str(totals["files"]), str(totals["error"]), str(totals["warning"]),
                      str(totals["info"]), "", style="bold")
        console.print(table)
    if suppressed:
        console.print(f"另有 {suppressed} 个问题已豁免（不计入）。" if zh else f"{suppressed} waived finding(s) not counted.")

