"""The default, readable output: findings grouped by file and by table, then a summary."""

from __future__ import annotations

import os

from ..findings import FileResult
from .common import closing_summary, evidence_text, location_place, readable_path, report_heading, severity_name
from .. import lazy_re

_GROUPS = {
    "proactive": ("表二 主动公开政府信息情况", "Table 2: proactive disclosure"),
    "requests": ("表三 收到和处理政府信息公开申请情况", "Table 3: requests"),
    "review": ("表四 行政复议、行政诉讼情况", "Table 4: reconsideration and litigation"),
    "sections": ("章节与正文", "Sections and text"),
    "meta": ("标题与基本信息", "Title and metadata"),
    "file": ("文件", "File"),
}
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _group(pointer: str) -> str:
    parts = [p for p in pointer.split("/") if p]
    if not parts:
        return "file"
    if parts[0] in ("tables", "labels") and len(parts) > 1 and parts[1] in _GROUPS:
        return parts[1]
    if parts[0] == "sections" or parts[0] == "intro":
        return "sections"
    return "meta"


def write_text(results: list[FileResult], stream, lang: str = "zh", quiet: bool = False) -> None:
    if quiet:
        results = [r for r in results if r.findings]
    if not _rich_renders(stream):
        # Plain text with no ``[`` or backslash needs no escaping, so this build's markup is
        # only rebuilt, with rich's escape, when rich would still change the text.
        lines = _lines(results, lang, str, quiet)
        if not any(_RICH_CHANGES.search(plain) for _markup, plain in lines):
            # What rich would print here anyway, without loading it (~35 ms of a 200 ms run).
            stream.write("".join(plain + "\n" for _markup, plain in lines))
            stream.flush()
            return
    from rich.markup import escape

    _write_rich(_lines(results, lang, escape, quiet), stream)


def _write_rich(lines: list[tuple[str, str]], stream) -> None:
    from rich.console import Console

    console = Console(file=stream, highlight=False, soft_wrap=True)
    for markup, _plain in lines:
        console.print(markup)


# Text rich would change when printing: markup and escapes, control codes it strips, tabs it
# expands, ``:name:`` it may turn into an emoji. Output holding any of them goes through rich.
_RICH_CHANGES = lazy_re.compile(r"[\[\\\x00-\x09\x0b-\x1f\x7f]|:\S*:")


def _rich_renders(stream) -> bool:
    """True when rich would style what it prints to ``stream``: a terminal (as rich decides
    it, environment included) or a notebook."""
    import builtins

    if "get_ipython" in builtins.__dict__:  # Jupyter: rich renders to the notebook instead
        return True
    if os.environ.get("NO_COLOR", "") != "" and os.environ.get("FORCE_COLOR", "") == "":
        return False  # no-color.org: plain text, not rich's colourless bold
    return os.environ.get("TTY_COMPATIBLE", "") == "1" or os.environ.get("FORCE_COLOR", "") != "" \
        or os.environ.get("TTY_COMPATIBLE", "") != "0" and _isatty(stream)


def _isatty(stream) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:
        return False


def _lines(results: list[FileResult], lang: str, escape, quiet: bool = False) -> list[tuple[str, str]]:
    """Each output line as rich markup (text passed through ``escape``) and as the plain text
    it renders to."""
    out: list[tuple[str, str]] = []
    for result in results:
        report = result.report
        meta = [] if result.is_report else [report_heading(report, lang)]
        if report.agency:
            meta.append(report.agency)
        if report.year:
            meta.append(f"{report.year}年度" if lang == "zh" else f"year {report.year}")
        if report.format:
            meta.append(f"{report.format}版格式" if lang == "zh" else f"{report.format} format")
        joined = " · ".join(meta)
        shown = readable_path(result.path)
        out.append((f"[bold]{escape(shown)}[/bold]" + (f"  [dim]{escape(joined)}[/dim]" if meta else ""),
                    shown + (f"  {joined}" if meta else "")))
        if not result.findings:
            none = "未发现问题" if lang == "zh" else "no findings"
            out.append(("  [green]✓[/green] " + none, "  ✓ " + none))
        groups: dict[str, list] = {}
        for finding in result.findings:
            groups.setdefault(_group(finding.pointer), []).append(finding)
        for group, findings in groups.items():
            title = _GROUPS[group][0 if lang == "zh" else 1]
            out.append((f"  [bold underline]{title}[/bold underline]", f"  {title}"))
            for f in findings:
                place = location_place(f, report, lang)
                sev = severity_name(f.severity, lang)
                style = "dim" if f.suppressed else _STYLE[f.severity]
                if f.suppressed:
                    reason = (f.suppression or {}).get("reason")
                    sev = ("已豁免" if lang == "zh" else "waived") + (f"（{reason}）" if reason else "")
                out.append((f"    [dim]{escape(place or '-'):>10}[/dim]  [bold]{f.code}[/bold] "
                            f"[{style}]{escape(sev)}[/{style}]  {escape(f.message)}",
                            f"    {place or '-':>10}  {f.code} {sev}  {f.message}"))
                extra = evidence_text(f, lang)
                if extra:
                    # Escaped as one string: "[/" ending one part and "]" starting the next
                    # would otherwise make a closing tag, and rich would refuse the line.
                    out.append((f"{'':>16}[dim]{escape(f'{extra}  {f.pointer}')}[/dim]",
                                f"{'':>16}{extra}  {f.pointer}"))
        out.append(("", ""))
    if quiet:
        return out[:-1] if out else out  # no blank line after the last file either
    summary = closing_summary(results, lang)
    out.append((summary, summary))
    return out
