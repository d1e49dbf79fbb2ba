"""The series view as data (the JSON shape of docs/output.md) and as text, CSV and Markdown."""

from __future__ import annotations

import csv
import io
import json

from . import ONE_YEAR, Series
from .figures import cell_text, changes, figures, format_of, label, rows_of
from .signals import run_series

FORMATS = ("text", "json", "csv", "markdown", "html")


def view(all_series: list[Series], rules, lang: str = "zh", profile: dict | None = None) -> dict:
    """``rules``: the rules of every series, or a function giving each series its own (the
    settings of its latest report, as ``check`` would run on it)."""
    out = []
    for series in all_series:
        chosen = rules(series) if callable(rules) else rules
        years, last = [], None
        for report in series.reports:
            figs = figures(report)
            follows = report.previous is not None
            years.append({"year": report.year, "file": report.source, "agency": report.agency,
                          "format": report.format, "published": report.published, "figures": figs,
                          "changes": changes(figs, last if follows else None)})
            last = figs
        entry = {"agency": series.agency, "level": series.level, "years": years,
                 "signals": [s.to_dict() for s in run_series(chosen, series, lang)]}
        if profile is not None:
            from .profile import score

            entry["scores"] = score(profile, [y["year"] for y in years], entry["signals"])
        out.append(entry)
    data = {"series": out}
    if profile is not None:
        data["profile"] = {"name": profile["name"], "title": profile["title"], "full_marks": profile["full_marks"]}
    return data


def _level(entry: dict) -> str:
    from ..levels import level_name

    return level_name(entry["level"]) or "层级未识别"


def _score_lines(entry: dict) -> list[str]:
    return [f"{s['year']}: {s['score']:g}"
            + ("（" + "，".join(f"{d['code']} −{d['points']:g}" for d in s["deducted"]) + "）" if s["deducted"] else "")
            for s in entry.get("scores", [])]


def to_text(data: dict) -> str:
    lines = []
    for entry in data["series"]:
        years = entry["years"]
        lines.append(f"{entry['agency']}（{_level(entry)}）：{len(years)} 份年报，"
                     f"{'、'.join(str(y['year']) for y in years)}")
        for pointer in rows_of(entry):
            cells = "  ".join(f"{y['year']}: {cell_text(y, pointer)}" for y in years)
            lines.append(f"  {label(format_of(entry, pointer), pointer)}  {cells}")
        for s in entry["signals"]:
            lines.append(f"  [{s['severity']}] {s['year']} {s['code']} {s['message']} ({s['file']} {s['pointer']})")
        if len(years) == 1:
            lines.append(f"  {ONE_YEAR['zh']} ({ONE_YEAR['en']})")
        elif not entry["signals"]:
            lines.append("  未发现信号 (no signals)")
        if entry.get("scores"):
            lines.append("  评估口径预览得分 (profile score): " + "；".join(_score_lines(entry)))
        lines.append("")
    for item in data.get("unplaced", []):
        lines.append(f"未归入系列 (not in any series): {item['file']}：{item['reason']['zh']} ({item['reason']['en']})")
    return "\n".join(lines) + "\n" if lines else "未找到可组成系列的年报 (no reports with an organ and a year)\n"


def to_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def to_csv(data: dict) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["agency", "level", "year", "file", "figure", "label", "value", "change"])
    for entry in data["series"]:
        for year in entry["years"]:
            for pointer, value in year["figures"].items():
                writer.writerow([entry["agency"], entry["level"] or "", year["year"], year["file"], pointer,
                                 label(year["format"], pointer), value, year["changes"].get(pointer, "")])
    return buf.getvalue()


def _md(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def to_markdown(data: dict) -> str:
    out = ["# 政府信息公开工作年度报告逐年对比", ""]
    for entry in data["series"]:
        years = entry["years"]
        out += [f"## {_md(entry['agency'])}", "", f"层级：{_level(entry)}；年报 {len(years)} 份。", ""]
        out.append("| 指标 | " + " | ".join(str(y["year"]) for y in years) + " |")
        out.append("|---|" + "---:|" * len(years))
        for pointer in rows_of(entry):
            out.append(f"| {_md(label(format_of(entry, pointer), pointer))} | "
                       + " | ".join(cell_text(y, pointer) for y in years) + " |")
        if len(years) == 1:
            out += ["", f"> {ONE_YEAR['zh']}"]
        out += ["", "### 信号", ""]
        out += [f"- **{s['year']} {s['code']}**（{s['severity']}）{_md(s['message'])}（`{_md(s['file'])}` `{s['pointer']}`）"
                for s in entry["signals"]] or ["- 未发现信号"]
        if entry.get("scores"):
            out += ["", f"### 评估口径预览得分（{_md(data['profile']['title']['zh'])}）", ""]
            out += [f"- {_md(line)}" for line in _score_lines(entry)]
        out.append("")
    if data.get("unplaced"):
        out += ["## 未归入系列的文件", ""] + [f"- `{_md(i['file'])}`：{i['reason']['zh']}" for i in data["unplaced"]] + [""]
    return "\n".join(out)


def render(data: dict, fmt: str) -> str:
    if fmt == "html":
        from .html import to_html

        return to_html(data)
    return {"text": to_text, "json": to_json, "csv": to_csv, "markdown": to_markdown}[fmt](data)
