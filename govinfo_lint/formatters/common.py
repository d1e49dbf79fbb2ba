"""What several output formats share: relative paths, waived findings, counts, names of places."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from .. import lazy_re
from ..findings import SEVERITIES, reaches
from ..findings import WAIVER_FILE

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_EN = {"error": "error", "warning": "warning", "info": "info"}
FORMAT_ZH = {"2019": "2019版格式（国办公开办函〔2019〕60号）", "2021": "2021版格式（国办公开办函〔2021〕30号）"}


def severity_name(severity: str, lang: str) -> str:
    return (SEVERITY_ZH if lang == "zh" else SEVERITY_EN).get(severity, severity)


def relative_path(path: str) -> str:
    """``path`` relative to the working directory with ``/`` separators, when it lies inside it."""
    return printable(_relative(path))


def _relative(path: str) -> str:
    try:
        rel = os.path.relpath(os.path.abspath(path))
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return Path(os.path.abspath(path)).as_posix()
    return Path(rel).as_posix()


# A file name that is not UTF-8 reaches us with each undecodable byte as a lone surrogate
# (U+DC80-U+DCFF, Python's surrogateescape); written as is, it makes the output invalid
# UTF-8 (or stops the run). Each becomes ``\xNN``, the byte it stands for.
_SURROGATE = lazy_re.compile("[\ud800-\udfff]")


def _escape_one(match) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every lone surrogate written as an escape: always valid UTF-8."""
    return text if text.isascii() else _SURROGATE.sub(_escape_one, text)


def readable_path(path: str) -> str:
    """For people: the escaped name, and how it reads as GBK when it is a GBK name (the usual
    case: a file named on a Chinese Windows system and copied as bytes)."""
    shown = relative_path(path)
    if shown == _relative(path):
        return shown
    try:
        guess = os.fsencode(_relative(path)).decode("gb18030")
    except UnicodeDecodeError:
        return f"{shown}（文件名不是 UTF-8 编码）"
    return f"{shown}（文件名不是 UTF-8 编码，按 GBK 读作“{guess}”）"


def raw_relative_path(path: str) -> str:
    """``relative_path`` with undecodable bytes kept (as surrogates), for a URI to percent-encode."""
    return _relative(path)


def active(findings) -> list:
    """Findings that count: waived ones are shown apart and never fail a run."""
    return [f for f in findings if not f.suppressed]


def counts(findings) -> dict[str, int]:
    out = {s: 0 for s in SEVERITIES}
    for finding in active(findings):
        out[finding.severity] = out.get(finding.severity, 0) + 1
    return out


def failed(results, fail_on: str) -> bool:
    return any(reaches(f.severity, fail_on) for r in results for f in active(r.findings))


def report_count(results) -> int:
    """Checked reports: a waiver file's own result is not one, though its findings count."""
    return sum(1 for r in results if r.is_report)


def closing_summary(results, lang: str = "zh") -> str:
    """The sentence that ends the human formats: reports checked, findings by severity, waived."""
    totals = {s: 0 for s in SEVERITIES}
    waived = 0
    for result in results:
        for sev, n in counts(result.findings).items():
            totals[sev] += n
        waived += sum(1 for f in result.findings if f.suppressed)
    return summary_sentence(report_count(results), totals, waived, lang)


def summary_sentence(files: int, totals: dict[str, int], waived: int, lang: str = "zh") -> str:
    """``closing_summary`` from the counts alone, for a run that streams its results."""
    error, warning, info = (totals[s] for s in SEVERITIES)
    if lang == "zh":
        extra = f"，另有 {waived} 个已豁免" if waived else ""
        return f"共检查 {files} 个文件：{error} 个错误，{warning} 个警告，{info} 个提示{extra}。"
    extra = f"; {waived} waived" if waived else ""
    return f"Checked {files} file(s): {error} error(s), {warning} warning(s), {info} info{extra}."


def jsonable(value: Any) -> Any:
    """Evidence as plain JSON: Decimals as numbers when exact, tuples as lists."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {printable(str(k)): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [jsonable(v) for v in value]
    if isinstance(value, str):
        return printable(value)
    if value is None or isinstance(value, (int, float, bool)):
        return value
    return printable(str(value))


def dumps(data: Any) -> str:
    return json.dumps(jsonable(data), ensure_ascii=False, indent=2) + "\n"


def place_label(pointer: str, fmt: str | None, lang: str = "zh") -> str:
    """The official name of the place a pointer names: 表三“（一）予以公开”行“总计”列, “一、总体情况”."""
    from .. import template
    from .. import describe

    parts = [p for p in pointer.split("/") if p]
    if not parts:
        return "全文" if lang == "zh" else "whole report"
    if parts[0] == "tables" and len(parts) >= 2:
        tid = parts[1]
        if tid not in template.TABLE_IDS:
            return describe.section(tid)[lang]
        if len(parts) >= 4:
            return describe.cell(fmt, tid, parts[2], parts[3])[lang]
        if len(parts) == 3:
            return describe.row(fmt, tid, parts[2])[lang]
        return describe.table_name(tid)[lang]
    if parts[0] == "labels" and len(parts) >= 3:
        tid = parts[1]
        name = describe.table_name(tid)[lang]
        if parts[2] == "columns" and len(parts) >= 4:
            return describe.column(fmt, tid, parts[3])[lang] + ("表头" if lang == "zh" else " header")
        if parts[2] == "blocks" and len(parts) >= 4:
            tpl = template.table(fmt, tid)
            block = next((b for b in tpl.blocks if b.id == parts[3]), None) if tpl else None
            caption = block.caption if block else parts[3]
            if len(parts) >= 6 and parts[4] == "columns":
                col = next((c.label for c in block.columns if c.id == parts[5]), parts[5]) if block else parts[5]
                return f"{name}“{caption}”“{col}”" + ("表头" if lang == "zh" else " header")
            return f"{name}“{caption}”" + ("标题" if lang == "zh" else " caption")
        if parts[2] == "note":
            return name + ("表注" if lang == "zh" else " note")
        return name
    if parts[0] == "sections":
        return describe.section(parts[1])[lang] if len(parts) >= 2 else ("章节" if lang == "zh" else "sections")
    names = {"title": ("标题", "title"), "intro": ("导语", "introduction"), "year": ("年度", "year"),
             "agency": ("机关名称", "agency"), "format": ("格式版本", "format"), "published": ("发布日期", "publication date"),
             "level": ("机关层级", "level")}
    zh_en = names.get(parts[0])
    return (zh_en[0] if lang == "zh" else zh_en[1]) if zh_en else pointer


def evidence_text(finding, lang: str = "zh") -> str:
    """One line of the numbers or wording behind a finding, for the human formats."""
    ev = finding.evidence or {}
    if "reported" in ev and "computed" in ev:
        return (f"填报 {ev['reported']}，按勾稽关系应为 {ev['computed']}" if lang == "zh"
                else f"reported {ev['reported']}, computed {ev['computed']}")
    if ev.get("written") is not None and "expected" in ev:
        from ..one_line import one_line

        written, expected = one_line(str(ev["written"])), one_line(str(ev["expected"]))
        return (f"写作“{written}”，应为“{expected}”" if lang == "zh"
                else f"written “{written}”, expected “{expected}”")
    return ""


def location_text(finding, lang: str = "zh", box: bool = False) -> str:
    """Where in the file: 第31行第120列, 第3页, 第12段, 表格2 第3行 第4列; with ``box``, the box
    on the page too (框(72,140 60×18), PDF points) where the reader knows it."""
    loc = finding.location
    if loc is None:
        return ""
    parts = []
    if loc.line is not None:
        col = loc.column or 1
        parts.append(f"第{loc.line}行第{col}列" if lang == "zh" else f"line {loc.line}, column {col}")
    rest = type(loc)(**{**loc.__dict__, "line": None, "column": None}).describe(lang)
    if rest:
        parts.append(rest)
    if box and loc.box(lang):
        parts.append(loc.box(lang))
    return " ".join(parts)


def location_place(finding, report, lang: str = "zh") -> str:
    """The place in a one-line listing: the box only for a scan read by OCR, whose page image
    has no text to search for; a text PDF's table, row and cell say enough."""
    loc = finding.location
    if loc is None:
        return ""
    place = loc.describe(lang)
    if report is not None and report.input_kind == "pdf-ocr" and loc.box(lang):
        place = f"{place} {loc.box(lang)}".strip()
    return place


def report_heading(report, lang: str = "zh") -> str:
    """Agency · year · format, the way a reviewer names a report."""
    if report.input_kind == WAIVER_FILE:
        return "豁免文件" if lang == "zh" else "Waiver file"
    parts = [report.agency or ("（未识别机关名称）" if lang == "zh" else "(agency not recognised)")]
    if report.year:
        parts.append(f"{report.year}年度" if lang == "zh" else f"year {report.year}")
    if report.format:
        parts.append(f"{report.format}版格式" if lang == "zh" else f"{report.format} format")
    return " · ".join(parts)
