"""``--format html``: one self-contained page for a run (``-f html:report.html``).

For each report: its basic facts, its section headings and its three tables rebuilt
from the canonical model, with the cells, rows and labels that findings name
highlighted, and the findings listed beside them; clicking a finding scrolls its place
into view and flashes it. Inline CSS and JS only, under a Content-Security-Policy that
allows nothing else, so that text from a report (untrusted) can never run as script.
"""

from __future__ import annotations

from html import escape

from .. import __version__, template
from ..findings import RANK, SEVERITIES
from . import html_assets
from .common import (FORMAT_ZH, closing_summary, counts, evidence_text, location_text, place_label,
                     relative_path, report_heading, severity_name)
from .html_tables import Anchors, tables_html

_T = {
    "title": ("政府信息公开工作年度报告检查结果", "Annual report check results"),
    "facts": ("基本信息", "Basic facts"), "sections": ("章节", "Sections"), "tables": ("表格", "Tables"),
    "findings": ("问题", "Findings"), "waived": ("已豁免", "Waived"), "none": ("未发现问题。", "No findings."),
    "missing": ("（缺）", "(missing)"), "file": ("文件", "File"), "kind": ("输入类型", "Input"),
}
_FACTS = (("/title", "title", ("标题", "Title")), ("/agency", "agency", ("机关", "Agency")),
          ("/year", "year", ("年度", "Year")), ("/format", "format", ("格式", "Format")),
          ("/level", "level", ("层级", "Level")), ("/published", "published", ("发布日期", "Published")))


def t(key: str, lang: str) -> str:
    return _T[key][0 if lang == "zh" else 1]


def _e(value) -> str:
    return escape("" if value is None else str(value))


def _hits(findings) -> dict[str, str]:
    worst: dict[str, str] = {}
    for f in findings:
        if not f.suppressed and f.pointer and RANK[f.severity] > RANK.get(worst.get(f.pointer, ""), 0):
            worst[f.pointer] = f.severity
    return worst


def _facts(a: Anchors, report, lang: str) -> str:
    rows = []
    for pointer, attr, names in _FACTS:
        value = getattr(report, attr)
        if attr == "format" and value:
            value = FORMAT_ZH.get(value, value) if lang == "zh" else value
        elif attr == "level" and value:
            from ..levels import level_name

            value = level_name(value, lang)
        shown = _e(value) if value not in (None, "") else f'<span class="missing">{t("missing", lang)}</span>'
        rows.append(f"<dt>{names[0 if lang == 'zh' else 1]}</dt><dd{a.attrs(pointer)}>{shown}</dd>")
    return f'<h3>{t("facts", lang)}</h3><dl class="meta">{"".join(rows)}</dl>'


def _sections(a: Anchors, report, lang: str) -> str:
    items = []
    for sid in template.SECTION_IDS:
        section = report.section(sid)
        official = template.SECTION_HEADINGS[sid]
        if section is None:
            body = f'{_e(official)} <span class="missing">{t("missing", lang)}</span>'
        elif section.heading and section.heading != official:
            body = f'{_e(section.heading)} <span class="muted">（{_e(official)}）</span>'
        else:
            body = _e(section.heading or official)
        items.append(f"<li{a.attrs(f'/sections/{sid}')}>{body}</li>")
    extra = [s for s in report.sections if s.id is None and s.heading]
    items += [f'<li class="extra">{_e(s.heading)}</li>' for s in extra]
    return f'<h3{a.attrs("/sections")}>{t("sections", lang)}</h3><ol class="sections">{"".join(items)}</ol>'


def _finding(a: Anchors, finding, fmt, lang: str) -> str:
    target = a.resolve(finding.pointer) if finding.pointer else None
    attrs = ""
    if target:
        related = [a.id(p) for p in (finding.evidence or {}).get("cells", {}) if isinstance(p, str) and p in a.rendered]
        attrs = f' data-target="{a.id(target)}" tabindex="0" role="button"'
        if related:
            attrs += f' data-related="{" ".join(related)}"'
    waived = finding.suppressed
    cls = f"finding sev-{finding.severity}" + (" waived" if waived else "")
    named = place_label(finding.pointer, fmt, lang) if finding.pointer else ""
    place = ("；" if lang == "zh" else "; ").join(p for p in (named, location_text(finding, lang, box=True)) if p)
    loc = finding.location
    if loc is not None and loc.page is not None and loc.box():
        # The page and box in PDF points, for a reviewer's tool that shows the page image.
        attrs += f' data-page="{loc.page}" data-box="{loc.x:g} {loc.y:g} {loc.w:g} {loc.h:g}"'
    parts = [f'<span class="code">{_e(finding.code)}</span>'
             f'<span class="sev">{severity_name(finding.severity, lang)}</span>']
    if place:
        parts.append(f'<span class="place">{_e(place)}</span>')
    parts.append(f'<p class="msg">{_e(finding.message)}</p>')
    evidence = evidence_text(finding, lang)
    if evidence:
        parts.append(f'<span class="ev">{_e(evidence)}</span>')
    if waived:
        reason = (finding.suppression or {}).get("reason") or ""
        parts.append(f'<span class="ev">{t("waived", lang)}：{_e(reason)}</span>')
    return f'<li class="{cls}" data-code="{_e(finding.code)}"{attrs}>{"".join(parts)}</li>'


def _report(n: int, result, lang: str) -> str:
    report = result.report
    a = Anchors(f"r{n}", _hits(result.findings))
    doc = (_facts(a, report, lang) + _sections(a, report, lang) + f'<h3>{t("tables", lang)}</h3>'
           + tables_html(a, report)) if result.is_report else ""
    c = counts(result.findings)
    active = [f for f in result.findings if not f.suppressed]
    waived = [f for f in result.findings if f.suppressed]
    items = "".join(_finding(a, f, report.format, lang) for f in active) or f'<li class="muted">{t("none", lang)}</li>'
    aside = f'<h3>{t("findings", lang)}（{len(active)}）</h3><ol>{items}</ol>'
    if waived:
        aside += f'<h3>{t("waived", lang)}（{len(waived)}）</h3><ol>' + "".join(
            _finding(a, f, report.format, lang) for f in waived) + "</ol>"
    tally = " · ".join(f"{severity_name(s, lang)} {c[s]}" for s in SEVERITIES)
    meta = (f'{t("file", lang)}：<code>{_e(relative_path(result.path))}</code>'
            f' · {t("kind", lang)}：{_e(report.input_kind)} · {tally}')
    aside = f'<aside class="findings">{aside}</aside>'
    # A waiver file has no facts, sections or tables to show beside its findings.
    shown = f'<div class="layout"><div class="doc">{doc}</div>{aside}</div>' if result.is_report else aside
    return (f'<section class="report" id="r{n}"><h2>{_e(report_heading(report, lang))}</h2>'
            f'<p class="muted">{meta}</p>{shown}</section>')


def page(results, lang: str = "zh") -> str:
    nav = "".join(f'<a href="#r{n}">{_e(report_heading(r.report, lang))}</a>' for n, r in enumerate(results, 1))
    body = "".join(_report(n, r, lang) for n, r in enumerate(results, 1))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{html_assets.content_security_policy()}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,">'
        f'<meta name="generator" content="govinfo-lint {_e(__version__)}">'
        f"<title>{t('title', lang)}</title><style>{html_assets.CSS}</style></head><body>"
        f'<header class="top"><h1>{t("title", lang)}</h1>'
        f'<p>{closing_summary(results, lang)}</p><nav>{nav}</nav></header>'
        f"<main>{body}</main>"
        f'<footer>govinfo-lint {_e(__version__)}</footer>'
        f"<script>{html_assets.JS}</script></body></html>\n"
    )


def write_html(results, stream, lang: str = "zh", fail_on: str = "error") -> None:
    stream.write(page(results, lang))
