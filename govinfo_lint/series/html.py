"""The series view as one self-contained HTML page: per organ a small inline SVG line chart
of each main figure over the years, its signals beside it, then the other signals.

No script and nothing fetched: the Content-Security-Policy allows only the page's own style
(by hash), so text from a report can never run.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape

from . import ONE_YEAR
from ..levels import level_name
from .figures import cell_text, format_of, label, rows_of

CHARTED = ("/tables/requests/new_received/total", "/tables/requests/handled_total/total",
           "/tables/requests/carried_forward/total", "/tables/review/reconsideration/total",
           "/tables/review/litigation_direct/total", "/tables/proactive/normative_documents/in_force",
           "/tables/proactive/licensing/decisions", "/tables/proactive/penalty/decisions",
           "/tables/proactive/compulsion/decisions", "/tables/proactive/fees/amount")

_STYLE = """body{font-family:sans-serif;margin:1.5em;color:#222}h2{border-bottom:1px solid #ccc}
.charts{display:flex;flex-wrap:wrap;gap:1em}.chart{border:1px solid #ddd;padding:.5em;width:300px}
.chart h3{font-size:.9em;margin:.2em 0}svg text{font-size:9px;fill:#555}
polyline{fill:none;stroke:#36c;stroke-width:1.5}circle{fill:#36c}circle.flag{fill:#c33}
table.figures{border-collapse:collapse;font-size:.8em}table.figures td,table.figures th{border:1px solid #ddd;padding:2px 6px}
table.figures td{text-align:right}td:target{background:#fd8}li.error{color:#a00}li.warning{color:#a60}li.info{color:#333}ul{padding-left:1.2em;font-size:.85em}
.chart li{overflow-wrap:anywhere}"""

W, H, PAD = 280, 110, 22


def svg(points: list[tuple[int, float | None]], flagged: set[int]) -> str:
    """A line through the years that have the figure; a year without it breaks the line."""
    known = [(y, v) for y, v in points if v is not None]
    if not known:
        return '<svg width="%d" height="%d" role="img"><text x="10" y="50">无数据</text></svg>' % (W, H)
    years = [y for y, _ in points]
    lo, hi = min(v for _, v in known), max(v for _, v in known)
    y0, y1 = min(years), max(years)

    def xy(year: int, value: float) -> tuple[float, float]:
        x = PAD + (W - 2 * PAD) * ((year - y0) / (y1 - y0) if y1 > y0 else 0.5)
        y = H - PAD - (H - 2 * PAD) * ((value - lo) / (hi - lo) if hi > lo else 0.5)
        return round(x, 1), round(y, 1)

    parts, run = [], []
    for year, value in points:
        if value is None:
            if len(run) > 1:
                parts.append('<polyline points="%s"/>' % " ".join(f"{x},{y}" for x, y in run))
            run = []
            continue
        run.append(xy(year, value))
    if len(run) > 1:
        parts.append('<polyline points="%s"/>' % " ".join(f"{x},{y}" for x, y in run))
    for year, value in known:
        x, y = xy(year, value)
        cls = ' class="flag"' if year in flagged else ""
        parts.append(f'<circle cx="{x}" cy="{y}" r="3"{cls}><title>{year}: {value}</title></circle>')
        parts.append(f'<text x="{x}" y="{y - 5}" text-anchor="middle">{escape(_short(value))}</text>')
    for year in years:
        parts.append(f'<text x="{xy(year, lo)[0]}" y="{H - 6}" text-anchor="middle">{year}</text>')
    return f'<svg width="{W}" height="{H}" viewBox="0 0 {W} {H}" role="img">{"".join(parts)}</svg>'


def _short(value: float) -> str:
    return f"{value:.0f}" if abs(value) >= 100 or value == int(value) else f"{value:.1f}"


def anchor(n: int, year, pointer: str) -> str:
    """The id of a figure's cell in series ``n``'s table (pointers are [a-z_/] only)."""
    return f"s{n}-{year}-" + pointer.strip("/").replace("/", ".")


def _href(file: str | None) -> str:
    # An absolute file: URI: the page may be written anywhere, a relative path would then miss.
    from pathlib import Path

    return Path(file).resolve().as_uri() if file else ""


def _signal(s: dict, n: int, k: int, cells: set[str]) -> str:
    from ..model import Location

    where = f'<a class="file" href="{escape(_href(s.get("file")))}">{escape(s.get("file") or "")}</a>' if s.get("file") else ""
    if s.get("location"):
        where += " " + escape(Location(**s["location"]).describe())
    cell = anchor(n, s["year"], s["pointer"])
    pointer = (f'<a class="cell" href="#{cell}"><code>{escape(s["pointer"])}</code></a>' if cell in cells
               else f'<code>{escape(s["pointer"])}</code>')
    return (f'<li class="{escape(s["severity"])}" id="s{n}-signal{k}">'
            f'<b>{s["year"]} {escape(s["code"])}</b> {escape(s["message"])}（{where} {pointer}）</li>')


def _table(entry: dict, n: int) -> tuple[str, set[str]]:
    """The year-by-year figures with an id on every cell, for a signal to link to."""
    years, ids = entry["years"], set()
    head = "<tr><th>指标</th>" + "".join(
        f'<th><a href="{escape(_href(y["file"]))}">{y["year"]}</a></th>' for y in years) + "</tr>"
    rows = []
    for pointer in rows_of(entry):
        cells = []
        for y in years:
            ident = anchor(n, y["year"], pointer)
            ids.add(ident)
            cells.append(f'<td id="{ident}">{escape(cell_text(y, pointer))}</td>')
        rows.append(f"<tr><th>{escape(label(format_of(entry, pointer), pointer))}</th>{''.join(cells)}</tr>")
    return f'<table class="figures">{head}{"".join(rows)}</table>', ids


def to_html(data: dict) -> str:
    body = ["<h1>政府信息公开工作年度报告逐年对比</h1>"]
    for n, entry in enumerate(data["series"], 1):
        years = entry["years"]
        body.append(f'<h2 id="s{n}">{escape(entry["agency"] or "")}</h2><p>层级：{escape(level_name(entry["level"]) or "层级未识别")}；'
                    f"年报 {len(years)} 份：{'、'.join(str(y['year']) for y in years)}</p>")
        if len(years) == 1:
            body.append(f"<p>{ONE_YEAR['zh']}</p>")
        if entry.get("scores"):
            body.append("<p>评估口径预览得分：" + escape("；".join(
                f"{x['year']}: {x['score']:g}" for x in entry["scores"])) + "</p>")
        table, cells = _table(entry, n)
        numbered = list(enumerate(entry["signals"], 1))
        by_pointer: dict[str, list[tuple[int, dict]]] = {}
        for k, s in numbered:
            by_pointer.setdefault(s["pointer"], []).append((k, s))
        body.append('<div class="charts">')
        fmt = next((y["format"] for y in reversed(years)), None)
        for pointer in CHARTED:
            points = [(y["year"], y["figures"].get(pointer)) for y in years]
            if all(v is None for _, v in points):
                continue
            mine = by_pointer.pop(pointer, [])
            body.append(f'<div class="chart" data-pointer="{escape(pointer)}"><h3>{escape(label(fmt, pointer))}</h3>'
                        + svg(points, {s["year"] for _, s in mine})
                        + ("<ul>" + "".join(_signal(s, n, k, cells) for k, s in mine) + "</ul>" if mine else "")
                        + "</div>")
        body.append("</div>")
        rest = sorted((ks for group in by_pointer.values() for ks in group), key=lambda ks: (ks[1]["year"] or 0, ks[1]["code"]))
        body.append("<h3>其他信号</h3><ul>" + ("".join(_signal(s, n, k, cells) for k, s in rest) or "<li>无</li>") + "</ul>")
        body.append(f"<details open><summary>逐年数据</summary>{table}</details>")
    if data.get("unplaced"):
        body.append("<h2>未归入系列的文件</h2><ul>" + "".join(
            f"<li>{escape(i['file'])}：{escape(i['reason']['zh'])}</li>" for i in data["unplaced"]) + "</ul>")
    digest = base64.b64encode(hashlib.sha256(_STYLE.encode()).digest()).decode()
    csp = f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'none'"
    return ("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
            f"<title>年报逐年对比</title><style>{_STYLE}</style></head><body>"
            + "".join(body) + "</body></html>\n")
