"""Document → Report: the one place that knows both the document shape and the report.

Readers of DOCX, HTML, PDF, text and Markdown produce a ``Document`` (paragraphs and
table grids with places); this builds the canonical Report from it and says, with a
diagnostic, whatever it could not map. It never guesses silently.
"""

from __future__ import annotations

from .. import template
from ..model import Diagnostic, Report, Table
from ..normalize import normalize
from .document import Document, Paragraph, TableGrid
from .grid_map import classify, map_proactive, map_requests, map_review
from .layout import find_title, metadata, split_sections

_MAPPERS = {"requests": map_requests, "review": map_review, "proactive": map_proactive}


def build_report(document: Document) -> Report:
    report = Report(source=document.source, input_kind=document.kind, published=document.published,
                    lines=document.lines, diagnostics=list(document.diagnostics))
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph)]
    report.text = "\n".join(p.text for p in paragraphs)
    title, used = find_title(paragraphs, document.title)
    start = document.blocks.index(paragraphs[used - 1]) + 1 if used else 0
    intro, sections, owner = split_sections(document.blocks, start)
    report.intro = intro
    report.sections = sections
    metadata(report, title, intro)
    if paragraphs and title:
        report.meta_locs["title"] = report.meta_locs["year"] = report.meta_locs["agency"] = paragraphs[0].loc
    _tables(document, report, owner)
    _detect_format(report)
    for tid in template.TABLE_SECTIONS:
        section = report.section(tid)
        if section is not None and tid not in report.tables:
            report.diagnostics.append(Diagnostic(
                "table_not_found", f"“{section.heading}”中未找到可识别的{template.TABLE_TITLES[tid]}。",
                f"no recognisable table found in section “{section.heading}”.", f"/sections/{tid}", section.loc))
    return report


def _tables(document: Document, report: Report, owner: dict[int, str | None]) -> None:
    groups: dict[str, list[TableGrid]] = {}
    last: str | None = None
    for index, block in enumerate(document.blocks):
        if not isinstance(block, TableGrid) or not block.rows:
            continue
        kind = classify(block)
        if kind is None:
            # A grid with no header that continues the table before it (a page break).
            kind = last if last is not None else owner.get(index)
            if kind not in _MAPPERS:
                continue
        groups.setdefault(kind, []).append(block)
        last = kind
    for kind, grids in groups.items():
        table: Table = _MAPPERS[kind](grids, report.diagnostics)
        if table.rows or table.extra_rows:
            report.tables[kind] = table


def _detect_format(report: Report) -> None:
    signals: dict[str, list[str]] = {"2019": [], "2021": []}
    proactive = report.tables.get("proactive")
    if proactive is not None:
        for block in proactive.blocks:
            for cid, label in block.columns.items():
                for fmt, labels in template.FORMAT_ONLY_LABELS.items():
                    if any(normalize(l) in normalize(label) for l in labels):
                        signals[fmt].append(f"/labels/proactive/blocks/{block.id}/columns/{cid}")
        for rid in proactive.rows:
            for fmt in template.FORMATS:
                if rid in template.FORMAT_ONLY_ROWS[fmt]["proactive"]:
                    signals[fmt].append(f"/tables/proactive/{rid}")
    requests = report.tables.get("requests")
    if requests is not None:
        for rid in requests.rows:
            for fmt in template.FORMATS:
                if rid in template.FORMAT_ONLY_ROWS[fmt]["requests"]:
                    signals[fmt].append(f"/tables/requests/{rid}")
    report.format_signals = {k: v for k, v in signals.items() if v}
    table_two = [s for s in signals["2019"] + signals["2021"] if "proactive" in s]
    if table_two:
        # Table 二 settles the version; a lone （六）其他处理 row makes a hybrid, which TBL-08 reports.
        n19 = len([s for s in signals["2019"] if "proactive" in s])
        n21 = len([s for s in signals["2021"] if "proactive" in s])
        report.format = "2019" if n19 > n21 else "2021"
    elif signals["2019"] or signals["2021"]:
        report.format = "2019" if len(signals["2019"]) > len(signals["2021"]) else "2021"
    elif report.year:
        report.format = template.format_for_year(report.year)
