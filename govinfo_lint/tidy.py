"""``govinfo-lint extract DIR --to csv|jsonl``: every table cell of every report, one tidy data set.

One row per cell — source, agency, year, format, table, row, column, value, raw — so
that a folder of reports in any input format becomes one table for pandas, R or a
spreadsheet. A blank stays blank (never 0) and ``raw`` keeps what was written. A file
that cannot be read does not stop the run: its problem goes to stderr and it gets one
row with only its source and what is known of it, so the data set still lists it.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

from .engine.runner import UNREAD
from .model import Report

COLUMNS = ("source", "agency", "year", "format", "table", "row", "column", "value", "raw")


def report_rows(report: Report, source: str) -> Iterator[dict[str, Any]]:
    """The cells of ``report`` as tidy records (values as the model holds them)."""
    from . import template

    head = {"source": source, "agency": report.agency, "year": report.year, "format": report.format}
    for tid in template.TABLE_IDS:
        table = report.tables.get(tid)
        if table is None:
            continue
        for rid, row in table.rows.items():
            for cid, cell in row.cells.items():
                yield {**head, "table": tid, "row": rid, "column": cid, "value": cell.value, "raw": cell.raw}


def _empty(report: Report, source: str) -> dict[str, Any]:
    return {"source": source, "agency": report.agency, "year": report.year, "format": report.format,
            "table": None, "row": None, "column": None, "value": None, "raw": None}


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _json_value(value: Any) -> Any:
    from .values import to_json

    return to_json(value) if isinstance(value, Decimal) else value


def render(records: list[dict[str, Any]], fmt: str, bom: bool = False) -> str:
    out = io.StringIO()
    if fmt == "csv":
        if bom:
            out.write("\ufeff")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for rec in records:
            writer.writerow([_csv_value(rec[c]) for c in COLUMNS])
    else:
        for rec in records:
            out.write(json.dumps({c: _json_value(rec[c]) for c in COLUMNS}, ensure_ascii=False) + "\n")
    return out.getvalue()


def _problem(report: Report) -> str | None:
    for diag in report.diagnostics:
        if diag.kind in UNREAD:
            return diag.message
    if not report.tables:
        return "未找到可识别的统计表 (no table could be recognised)"
    return None


def _reports(files: list[Path], jobs: int | None) -> list[Report]:
    """Read every file (in worker processes for a big folder); settings from the configuration."""
    from .run.workers import Task, run_tasks
    from .config.settings import Resolver

    resolver = Resolver()
    tasks = [Task(i, str(p), resolver.settings_for(p), "zh", None, lint=False) for i, p in enumerate(files)]
    reports: list[Report | None] = [None] * len(files)
    for index, report, _none in run_tasks(tasks, jobs, lambda n: None):
        reports[index] = report
    return reports  # type: ignore[return-value]


def run_tidy(args) -> int:
    from .files import expand_paths
    from .safe_write import write_atomic

    files, missing = expand_paths(args.paths)
    for raw in missing:
        print(f"govinfo-lint: {raw}: 文件或目录不存在 (no such file or directory)", file=sys.stderr)
    if missing:
        return 2
    records: list[dict[str, Any]] = []
    failed = False
    for path, report in zip(files, _reports(files, getattr(args, "jobs", None))):
        rows = list(report_rows(report, str(path)))
        problem = _problem(report)
        if problem and not rows:
            print(f"govinfo-lint: {path}: {problem}", file=sys.stderr)
            failed = failed or any(d.kind in UNREAD for d in report.diagnostics)
        records.extend(rows or [_empty(report, str(path))])
    text = render(records, args.to, getattr(args, "bom", False))
    if args.output:
        try:
            write_atomic(Path(args.output), text, protect=files)
        except (ValueError, OSError) as exc:
            print(f"govinfo-lint: {exc}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(text)
    return 1 if failed else 0
