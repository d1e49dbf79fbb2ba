"""The default, readable output: findings grouped by file and by table, then a summary."""

from __future__ import annotations

from collections import Counter

from ..findings import SEVERITIES
from . import FileResult
from .common import is_suppressed, suppression_of

_GROUPS = {
    "proactive": ("表二 主动公开政府信息情况", "Table 2: proactive disclosure"),
    "requests": ("表三 收到和处理政府信息公开申请情况", "Table 3: requests"),
    "review": ("表四 行政复议、行政诉讼情况", "Table 4: reconsideration and litigation"),
    "sections": ("章节与正文", "Sections and text"),
    "meta": ("标题与基本信息", "Title and metadata"),
    "file": ("文件", "File"),
}
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def _group(pointer: str) -> str:
    parts = [p for p in pointer.split("/") if p]
    if not parts:
        return "file"
    if parts[0] in ("tables", "labels") and len(parts) > 1 and parts[1] in _GROUPS:
        return parts[1]
    if parts[0] == "sections" or parts[0] == "intro":
        return "sections"
    return "meta"


def _evidence(finding, lang: str) -> str:
    ev = finding.evidence
    if "reported" in ev and "computed" in ev:
        return (f"填报 {ev['reported']}，按勾稽关系应为 {ev['computed']}" if lang == "zh"
                else f"reported {ev['reported']}, computed {ev['computed']}")
    if "written" in ev and "expected" in ev and ev["written"] is not None:
        return (f"写作“{ev['written']}”，应为“{ev['expected']}”" if lang == "zh"
                else f"written “{ev['written']}”, expected “{ev['expected']}”")
    return ""


def write_text(results: list[FileResult], stream, lang: str = "zh") -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=stream, highlight=False, soft_wrap=True)
    totals: Counter[str] = Counter()
    waived = 0
    for result in results:
        report = result.report
        meta = []
        if report.agency:
            meta.append(report.agency)
        if report.year:
            meta.append(f"{report.year}年度" if lang == "zh" else f"year {report.year}")
        if report.format:
            meta.append(f"{report.format}版格式" if lang == "zh" else f"{report.format} format")
        console.print(f"[bold]{escape(result.path)}[/bold]" + (f"  [dim]{escape(' · '.join(meta))}[/dim]" if meta else ""))
        if not result.findings:
            console.print("  [green]✓[/green] " + ("未发现问题" if lang == "zh" else "no findings"))
        groups: dict[str, list] = {}
        for finding in result.findings:
            groups.setdefault(_group(finding.pointer), []).append(finding)
            if is_suppressed(finding):
                waived += 1
            else:
                totals[finding.severity] += 1
        for group, findings in groups.items():
            title = _GROUPS[group][0 if lang == "zh" else 1]
            console.print(f"  [bold underline]{title}[/bold underline]")
            for f in findings:
                place = f.location.describe(lang) if f.location else ""
                sev = _SEVERITY_ZH[f.severity] if lang == "zh" else f.severity
                style = "dim" if is_suppressed(f) else _STYLE[f.severity]
                if is_suppressed(f):
                    reason = suppression_of(f).get("reason")
                    sev = ("已豁免" if lang == "zh" else "waived") + (f"（{reason}）" if reason else "")
                console.print(f"    [dim]{escape(place or '-'):>10}[/dim]  [bold]{f.code}[/bold] "
                              f"[{style}]{escape(sev)}[/{style}]  {escape(f.message)}")
                extra = _evidence(f, lang)
                if extra:
                    console.print(f"{'':>16}[dim]{escape(extra)}  {escape(f.pointer)}[/dim]")
        console.print()
    counts = [totals[s] for s in SEVERITIES]
    if lang == "zh":
        extra = f"，另有 {waived} 个已豁免" if waived else ""
        console.print(f"共检查 {len(results)} 个文件：{counts[0]} 个错误，{counts[1]} 个警告，{counts[2]} 个提示{extra}。")
    else:
        extra = f"; {waived} waived" if waived else ""
        console.print(f"Checked {len(results)} file(s): {counts[0]} error(s), {counts[1]} warning(s), "
                      f"{counts[2]} info{extra}.")
