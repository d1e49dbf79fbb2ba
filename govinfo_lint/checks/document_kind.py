"""Whether a file is a 政府信息公开工作年度报告 at all (RDR-13).

A JSON export of another tool, a comparison sheet of two years' reports, a page torn
out of a report, a README or a blank template would otherwise draw dozens of "missing
section / missing table" findings, each of them true of the file and useless to the
reader. The judgement is conservative: any sign of a report (its title, three of the
six numbered headings, the three tables with figures) keeps the file a report, so a
real report with a damaged title is still checked normally. Only what the file
positively is not (a comparison, a template) overrides a report title.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterator

from .. import template
from ..model import Report
from .base import Hit
from .kind import Kind
from .. import lazy_re

# 年报 names the document only at the end of a title (…2024年政务公开年报（全文）), not in
# 政务公开年报比对工具.
_REPORT_TITLE = lazy_re.compile(r"年度报告|年报(?:[\s（(].*)?[。.]?$")
# ... and names what it reports on: a year or 信息公开 (a README's 本目录存放各单位年报 does not).
_REPORT_SUBJECT = lazy_re.compile(r"\d{4}|信息公开|政务公开")
# A line that is a title by itself: short, ending with the name of the document.
_TITLE_LINE = lazy_re.compile(r"^[#\s]*\S.{0,60}?(?:年度报告|年报)[\s)）]*$")
# The title says what the file is (…年报比对, …对比表); a heading annotated with a share
# (一、总体情况(重复率: 40%)) is a comparison tool's output.
_COMPARISON_TITLE = lazy_re.compile(r"(?:比对|对比|比较)(?:表|结果|报告|情况|分析)?[\s)）]*$")
_COMPARISON = lazy_re.compile(r"重复率|相似度")
_TEMPLATE = lazy_re.compile(r"模板|模版|范本|样本|样式|格式(?:表|文本)?$")
_NUMERAL = "[一二三四五六七八九十]+[、.．]"
_HEADINGS = {sid: lazy_re.compile(rf"(?m)^[#>*\s]*{_NUMERAL}\s*{re.escape(title[:6])}")
             for sid, title in template.SECTION_TITLES.items()}
TEMPLATE_TEXT_MAX = 400  # a blank template has headings and empty tables, hardly any prose


def _nfkc(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "")


def _title_lines(report: Report) -> list[str]:
    first = [ln for ln in (report.text or report.intro or "").splitlines() if ln.strip()][:3]
    lines = [_nfkc(ln).strip() for ln in first]
    return [ln for ln in lines if _TITLE_LINE.match(ln) and _REPORT_SUBJECT.search(ln)]


def _headings(report: Report) -> set[str]:
    """The six sections found as numbered headings (二、主动公开…); a section a reader
    found under a bare title (表二 主动公开政府信息情况 in a README) is not one."""
    text = _nfkc(report.text)
    if not text:  # structured input declares its sections
        return {s.id for s in report.sections if s.id in template.SECTION_TITLES}
    found = {s.id for s in report.sections
             if s.id in template.SECTION_TITLES and re.match(rf"[#>*\s]*{_NUMERAL}", _nfkc(s.heading))}
    return found | {sid for sid, rx in _HEADINGS.items() if rx.search(text)}


def _tables_with_figures(report: Report) -> set[str]:
    return {tid for tid, tbl in report.tables.items() if tid in template.TABLE_IDS
            and any(c.value is not None for row in tbl.rows.values() for c in row.cells.values())}


def _prose(report: Report) -> int:
    return len(report.intro or "") + sum(len(s.text or "") for s in report.sections)


def verdict(report: Report) -> tuple[str, dict[str, Any]] | None:
    """(kind, evidence) when the file is not a report: comparison, template, fragment, other."""
    title = _nfkc(report.title)
    headings = _headings(report)
    tables = _tables_with_figures(report)
    evidence = {"title": report.title or None, "headings": sorted(headings), "tables": sorted(tables)}
    section_words = " ".join(_nfkc(s.heading) for s in report.sections)
    if _COMPARISON_TITLE.search(title) or _COMPARISON.search(section_words):
        return "comparison", evidence
    if _TEMPLATE.search(title) or (report.year is None and headings and not tables
                                   and _prose(report) < TEMPLATE_TEXT_MAX):
        return "template", evidence
    if (_REPORT_TITLE.search(title) and _REPORT_SUBJECT.search(title)) or _title_lines(report):
        return None
    structured = report.input_kind in ("json", "yaml", "structured")
    if structured and (report.agency or report.year):
        return None  # a report in the structured form, however broken: its schema findings say how
    if len(headings) >= 3 or len(tables) >= 3:
        return None  # a report whose title is damaged or missing
    if headings or tables:
        return "fragment", evidence
    return ("data" if structured else "other"), evidence


_WHAT = {
    "comparison": ("两份报告的比对结果（标题或各部分标题写有比对、重复率）", "a comparison of reports (its title or headings speak of 比对/重复率)"),
    "template": ("空白的年度报告模板（标题写有模板，或无年度、表格无数字）", "a blank report template (模板 in the title, or no year and no figures)"),
    "fragment": ("年度报告的片段（无报告标题，六个部分只见{n}个）", "a fragment of a report (no title; {n} of the six sections)"),
    "data": ("其他程序的数据文件（无报告标题、各部分和统计表）", "a data file of another program (no title, sections or tables)"),
    "other": ("其他文件（无报告标题、各部分和统计表）", "some other file (no title, sections or tables)"),
}


def check_not_a_report(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    found = verdict(report)
    if found is None:
        return
    kind, evidence = found
    zh, en = _WHAT[kind]
    n = len(evidence["headings"])
    params = {"what": {"zh": zh.format(n=n), "en": en.format(n=n)}}
    yield Hit("", params, {"kind": kind, **evidence}, variant=None)


KINDS = {
    "not_a_report": Kind(check_not_a_report),
}
