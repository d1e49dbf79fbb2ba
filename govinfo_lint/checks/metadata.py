"""Report metadata: year, title, organ, statistics period, and the template version."""

from __future__ import annotations

import re
from typing import Any, Iterator

from .. import template
from ..model import Report
from .base import Hit
from .. import lazy_re
from .kind import Kind

_PERIOD = lazy_re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:起\s*)?(?:至|到|—|–|－|-|~|～)\s*(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_YEAR = lazy_re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_BOILERPLATE = lazy_re.compile(r"(?:(?:19|20)\d{2}\s*年度?|政府信息公开工作年度报告|政务公开工作年度报告|信息公开工作年度报告|工作年度报告|年度报告|[\s　（）()《》“”])")


def _intro_text(report: Report) -> str:
    overview = report.section("overview")
    return (report.intro or "") + "\n" + (overview.text if overview else "")


# What a rule of kind metadata may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_METADATA = {
    "required": ["require"],
    "properties": {
        "require": {"enum": ["year", "title", "title_names_agency", "year_consistent", "period"]},
        "pattern": {"type": "string"},
    },
}


def check_metadata(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    need = options["require"]
    if need == "year":
        if report.year is None:
            yield Hit("/year", {})
    elif need == "title":
        if not report.title:
            if report.input_kind not in ("yaml", "json", "structured"):
                yield Hit("/title", {"title": ""}, variant="missing")
            return
        flat = re.sub(r"\s+", "", report.title)
        if not re.search(options.get("pattern", "政府信息公开工作年度报告"), flat):
            yield Hit("/title", {"title": report.title}, {"title": report.title})
    elif need == "title_names_agency":
        if report.title and not _BOILERPLATE.sub("", report.title).strip():
            yield Hit("/title", {"title": report.title}, {"title": report.title})
    elif need == "year_consistent":
        yield from _year_consistent(report)
    elif need == "period":
        match = _PERIOD.search(_intro_text(report))
        if match and report.year:
            y1, m1, d1, y2, m2, d2 = match.groups()
            y2 = y2 or y1
            if (int(y1), int(m1), int(d1), int(y2), int(m2), int(d2)) != (report.year, 1, 1, report.year, 12, 31):
                yield Hit("/year", {"period": match.group(0), "year": report.year},
                          {"period": match.group(0), "year": report.year})


def _year_consistent(report: Report) -> Iterator[Hit]:
    if report.year is None:
        return
    found: list[tuple[str, int]] = []
    if report.title:
        match = _YEAR.search(report.title)
        if match:
            found.append(("title", int(match.group(1))))
    period = _PERIOD.search(_intro_text(report))
    if period:
        found.append(("period", int(period.group(1))))
    for where, year in found:
        if year != report.year:
            label = {"title": "标题", "period": "统计期限"}[where]
            yield Hit("/year", {"where": {"zh": label, "en": where}, "found": year, "year": report.year},
                      {"where": where, "found": year, "year": report.year})


# What a rule of kind format_mixed may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_FORMAT_MIXED = {"properties": {"ignore": {"type": "array", "items": {"type": "string"}}}}


def check_format_mixed(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    ignore = set(options.get("ignore", []))
    signals = {fmt: [s for s in report.format_signals.get(fmt, []) if s not in ignore] for fmt in template.FORMATS}
    if signals["2019"] and signals["2021"]:
        yield Hit("/format", {"evidence_2019": "、".join(signals["2019"][:3]), "evidence_2021": "、".join(signals["2021"][:3])},
                  {"2019": signals["2019"], "2021": signals["2021"]})


KINDS = {
    "metadata": Kind(check_metadata, options=OPTIONS_METADATA),
    "format_mixed": Kind(check_format_mixed, options=OPTIONS_FORMAT_MIXED),
}
