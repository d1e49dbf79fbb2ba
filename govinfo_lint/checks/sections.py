"""The six sections: present and in order, headings worded and numbered as in the template."""

from __future__ import annotations

from typing import Any, Iterator

from .. import headings, template
from .. import describe
from ..model import Report
from ..normalize import closest, distance, normalize, split_number
from .base import Hit
from .. import lazy_re
from .kind import Kind


def validate(options: dict[str, Any]) -> Iterator[tuple[tuple, str]]:
    for i, sid in enumerate(options.get("sections", [])):
        if sid not in template.SECTION_IDS:
            yield ("sections", i), f"unknown section id {sid!r}"


def _local_outline(report: Report) -> bool:
    """A province's own outline (e.g. Shanghai's): numbered sections the template lacks,
    or one declared in the configuration (``report.outline``)."""
    return bool(report.outline) or any(s.id is None and s.number for s in report.sections)


# What a rule of the four section kinds may give; their branch of the rule schema is made from this.
OPTIONS_SECTIONS = {
    "properties": {"sections": {"type": "array", "items": {"$ref": "#/$defs/section"}}, "ordered": {"type": "boolean"}},
}


def check_sections_present(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    wanted = options.get("sections") or list(template.SECTION_IDS)
    present = [s.id for s in report.sections if s.id]
    local = _local_outline(report)
    optional = set(report.outline.get("optional", ()))
    for sid in wanted:
        if sid not in present and sid not in optional:
            found = _content_of(report, sid)
            if found is not None:
                # The heading is lost (an extraction dropped it, or the part runs on under
                # another heading) but what the section says is there: not a missing part.
                yield Hit(f"/sections/{sid}", {"section": describe.section(sid), "found": found},
                          {"found": found}, severity="warning", variant="content_only")
                continue
            yield Hit(f"/sections/{sid}", {"section": describe.section(sid)},
                      severity="warning" if local else None, variant="local_outline" if local else None)
    if options.get("ordered", True):
        order = [sid for sid in present if sid in wanted]
        expected = sorted(order, key=template.SECTION_IDS.index)
        seen: set[str] = set()
        for sid in order:
            if sid in seen:
                yield Hit(f"/sections/{sid}", {"section": describe.section(sid)}, variant="duplicate")
            seen.add(sid)
        deduped = list(dict.fromkeys(order))
        if deduped != sorted(deduped, key=template.SECTION_IDS.index):
            first_bad = next(a for a, b in zip(deduped, sorted(deduped, key=template.SECTION_IDS.index)) if a != b)
            yield Hit(f"/sections/{first_bad}",
                      {"section": describe.section(first_bad),
                       "order": describe.bilingual("、".join(template.SECTION_HEADINGS[s] for s in deduped),
                                                   ", ".join(deduped))},
                      {"found_order": deduped, "expected_order": expected}, variant="order")


_MINOR = 3  # characters: a word or two (措施 for 情况, 与 for 、, 的主要 left out)


# What each section says, found in the text of another part when its heading is missing.
_CONTENT = {
    "problems": (lazy_re.compile(r"[（(][一二三四五][)）][^。；\n]{0,16}(?:(?:存在的?)?(?:主要)?问题|不足|改进)"
                                 r"|存在的?(?:主要)?问题(?:及|和|与)?(?:改进|整改)"),
                 lazy_re.compile(r"改进|整改|措施|下一步")),
    "other": (lazy_re.compile(r"处理费|(?:信息公开|公开申请)[^。；\n]{0,16}(?:收费|收取[^。；\n]{0,6}费)"
                              r"|其他需要?报告的?事项"), None),
}


def _content_of(report: Report, sid: str) -> str | None:
    """Where the content of a section without a heading is, quoted, or None."""
    if sid in template.TABLE_SECTIONS:
        table = report.tables.get(sid)
        return describe.table_name(sid)["zh"] if table is not None and table.rows else None
    cues = _CONTENT.get(sid)
    if cues is None:
        return None
    cue, second = cues
    # A part whose heading was lost runs on under the heading before it (五 after 四's table),
    # or under a heading the template lacks; elsewhere the words are about something else.
    rank = template.SECTION_IDS.index(sid)
    before = [s for s in report.sections if s.id and template.SECTION_IDS.index(s.id) < rank]
    last = max(before, key=lambda s: template.SECTION_IDS.index(s.id)) if before else None
    for section in report.sections:
        if section is not last and section.id is not None:
            continue
        text = section.text or ""
        match = cue.search(text)
        if match and (second is None or second.search(text, match.end())):
            return " ".join(text[match.start():match.start() + 30].split())
    return None


def check_section_heading(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    for section in report.sections:
        if not section.id or not section.heading:
            continue
        _number, title = split_number(section.heading)
        official = template.SECTION_TITLES[section.id]
        if normalize(title) == normalize(official):
            continue
        variants = template.SECTION_KNOWN_VARIANTS.get(section.id, ())
        # A declared local outline's own wording of this section is its official heading.
        if any(normalize(title) == normalize(v) for v in report.outline.get("headings", {}).get(section.id, ())):
            continue
        params = {"heading": section.heading, "official": template.SECTION_HEADINGS[section.id]}
        evidence = {"written": section.heading, "expected": template.SECTION_HEADINGS[section.id]}
        if any(normalize(title) == normalize(v) for v in variants):
            yield Hit(f"/sections/{section.id}", params, evidence, severity="info", variant="known_variant")
            continue
        if headings.form_of(title) == section.id:
            # The words that name this section, put otherwise (改进措施 for 改进情况,
            # 及明年工作计划 added): a wording to bring in line, not a typo.
            gap = min(distance(normalize(title), normalize(t)) for t in (official, *variants))
            evidence["edit_distance"] = gap
            yield Hit(f"/sections/{section.id}", params, evidence, variant="reworded",
                      severity="info" if gap <= _MINOR else None)
            continue
        near = closest(title, [official, *variants])
        if near and near[1] > 0:
            evidence["edit_distance"] = near[1]
            yield Hit(f"/sections/{section.id}", params, evidence, variant="typo")
            continue
        yield Hit(f"/sections/{section.id}", params, evidence)


def check_section_numbering(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    if report.outline.get("numbering") == "outline":
        return  # the declared outline numbers its sections its own way
    for section in report.sections:
        if not section.id or section.heading is None:
            continue
        expected = template.SECTION_NUMBERS[section.id]
        number = section.number if section.number is not None else split_number(section.heading)[0]
        if number is not None and number.strip() == expected:
            continue
        params = {"heading": section.heading, "number": number or "", "expected": expected,
                  "official": template.SECTION_HEADINGS[section.id]}
        yield Hit(f"/sections/{section.id}", params, {"written": number, "expected": expected},
                  variant=None if number else "missing")


_ANNOUNCED = lazy_re.compile(r"(?:由|包括|包含|分为|共|涵盖)[^。；]{0,160}?([一二三四五六七八九十]|\d{1,2})\s*(?:个)?部分")
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九十")}


def check_section_count(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    """The introduction announces N parts (“由…六部分组成”): as many sections must follow."""
    overview = report.section("overview")
    text = (report.intro or "") + "\n" + (overview.text[:300] if overview else "")
    match = _ANNOUNCED.search(text)
    if not match or not report.sections:
        return
    token = match.group(1)
    announced = int(token) if token.isdigit() else _CN_DIGITS[token]
    parts = [s for s in report.sections if s.id or s.number]
    numbers = [s.number for s in parts if s.number]
    if len(set(numbers)) < len(numbers):
        return  # the numbering starts again (a local outline, then the tables as 一、二、三): no count to compare
    # A part whose heading was lost but whose content is there is a part (SEC-01 asks for its heading).
    found = {s.id for s in parts if s.id}
    present = len(parts) + sum(1 for sid in template.SECTION_IDS
                               if sid not in found and _content_of(report, sid) is not None)
    if announced != present:
        yield Hit("/intro", {"announced": announced, "present": present, "sentence": match.group(0)},
                  {"announced": announced, "present": present, "sentence": match.group(0)})


KINDS = {
    "sections_present": Kind(check_sections_present, options=OPTIONS_SECTIONS, validate=validate),
    "section_heading": Kind(check_section_heading, options=OPTIONS_SECTIONS, validate=validate),
    "section_numbering": Kind(check_section_numbering, options=OPTIONS_SECTIONS, validate=validate),
    "section_count": Kind(check_section_count, options=OPTIONS_SECTIONS, validate=validate),
}
