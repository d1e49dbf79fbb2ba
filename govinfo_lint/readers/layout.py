"""The shape of a document: its title, its sections, and its metadata.

Headings are recognised by their titles (numbered 一、, 1、, （一） or not at all,
with near-miss typos) and kept exactly as written, so the heading rules still apply.
"""

from __future__ import annotations

import re

from .. import template
from ..levels import infer_level
from ..model import Report, Section
from ..normalize import closest, loose, split_number
from .document import Paragraph

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_TOP_NUMBER = re.compile(r"^[一二三四五六七八九十]+、")
_TITLE_WORDS = ("年度报告", "工作报告", "年报")
_TITLES = {sid: [title] + list(template.SECTION_KNOWN_VARIANTS.get(sid, ())) for sid, _n, title in template.SECTIONS}
# A template heading inside running text (flattened pages): 一、总体情况 … 六、其他需要报告的事项.
SECTION_PATTERN = re.compile("(?:" + "|".join(
    re.escape(number) + "(?:" + "|".join(re.escape(t) for t in _TITLES[sid]) + ")"
    for sid, number, _title in template.SECTIONS) + ")")
_NOT_TITLE = ("正文", "目录", "附件", "全文")


def section_id(text: str) -> tuple[str | None, str | None]:
    """(section id, numbering as written) when ``text`` is a section heading."""
    flat = " ".join(text.split())
    if not flat or len(flat) > 60:
        return None, None
    number, title = split_number(flat)
    if number and number.startswith(("（", "(")) and len(number) > 3:
        return None, None
    key = loose(title)
    if not key:
        return None, None
    for sid, titles in _TITLES.items():
        if any(key == loose(t) for t in titles):
            return sid, number
    if len(title) > 40:
        return None, None
    for sid, titles in _TITLES.items():
        # A numbered heading may be shortened more (五、存在问题及改进情况) than a bare line.
        match = closest(title, titles, 0.3 if number else 0.2)
        if match and (number or match[1] <= 2):
            return sid, number
        # A heading that starts with the official title, e.g. 二、主动公开政府信息情况（含表格）.
        if number and any(key.startswith(loose(t)) and len(key) - len(loose(t)) <= 8 for t in titles):
            return sid, number
    return None, None


def _is_top_unknown(text: str) -> bool:
    flat = text.strip()
    if any(word in flat for word in ("申请数量", "办理结果", "结转下年度")):
        return False  # a row label of 表三 written as a heading (tables split into mini tables)
    return bool(_TOP_NUMBER.match(flat)) and len(flat) <= 24 and not flat.endswith(("。", "；"))


def find_title(paragraphs: list[Paragraph], given: str | None) -> tuple[str | None, int]:
    """The title (lines joined) and how many leading paragraphs it used."""
    lines: list[str] = []
    used = 0
    for para in paragraphs[:6]:
        text = " ".join(para.text.split())
        if not text or (not lines and text in _NOT_TITLE):
            used += 1
            continue
        if section_id(text)[0] or text.startswith(("根据", "本报告", "按照", "依据")) or len(text) > 60:
            break
        lines.append(text)
        used += 1
        if any(w in "".join(lines) for w in _TITLE_WORDS):
            break
    title = "".join(lines) if lines and any(w in "".join(lines) for w in _TITLE_WORDS) else None
    if title is None and given:
        return given.strip(), 0
    return title, used if title else 0


def metadata(report: Report, title: str | None, intro: str) -> None:
    report.title = title
    source = title or ""
    match = _YEAR.search(source) or _YEAR.search(intro[:300])
    if match:
        report.year = int(match.group(1))
    if title:
        agency = _YEAR.split(title, maxsplit=1)
        before = agency[0].strip() if agency else ""
        after = agency[2] if len(agency) > 2 else ""
        after = re.sub(r"^度?", "", after)
        after = re.sub(r"(政府|政务)?信息公开工作年度报告.*$|工作年度报告.*$|年度报告.*$", "", after).strip()
        name = before or after
        name = re.sub(r"^关于", "", name).strip("《》 ")
        report.agency = name or None
    if report.agency is None:
        found = re.search(r"现(?:予)?公布(.{2,40}?)(?:19|20)\d{2}\s*年", intro)
        if found:
            report.agency = found.group(1)
    report.level = infer_level(report.agency)
    report.level_inferred = report.level is not None


def split_sections(blocks, start: int) -> tuple[str, list[Section], dict[int, str | None]]:
    """Intro text, the sections, and for each table block the section it sits in."""
    intro: list[str] = []
    sections: list[Section] = []
    owner: dict[int, str | None] = {}
    current: Section | None = None
    pending: Paragraph | None = None
    for index, block in enumerate(blocks):
        if index < start:
            continue
        if not isinstance(block, Paragraph):
            owner[index] = current.id if current else None
            if current is not None:
                current.has_table = True
            continue
        text = block.text.strip()
        if pending is not None:
            sid, number = section_id(pending.text.strip() + text)
            if sid:
                current = Section(sid, pending.text.strip() + text, "", pending.loc, number)
                sections.append(current)
                pending = None
                continue
            _append(current, intro, pending.text)
            pending = None
        sid, number = section_id(text)
        if sid and not (current is not None and current.id == sid and not number):
            current = Section(sid, text, "", block.loc, number)
            sections.append(current)
            continue
        if re.fullmatch(r"[一二三四五六七八九十]+、?|\d+[、.]", text):
            pending = block  # a heading number on a line of its own
            continue
        if _is_top_unknown(text) and (current is None or current.id is not None or sections):
            current = Section(None, text, "", block.loc, split_number(text)[0])
            sections.append(current)
            continue
        _append(current, intro, block.text)
    for section in sections:
        if section.has_table is None and section.id in template.TABLE_SECTIONS:
            section.has_table = False
    return "\n".join(intro).strip(), sections, owner


def _append(section: Section | None, intro: list[str], text: str) -> None:
    if section is None:
        intro.append(text)
    else:
        section.text = (section.text + "\n" + text) if section.text else text
