"""The shape of a document: its title, its sections, and its metadata.

Headings are recognised by their titles (numbered 一、, 1、, （一） or not at all,
with near-miss typos) and kept exactly as written, so the heading rules still apply.
"""

from __future__ import annotations

import re

from ... import headings, template
from ...headings import LOOSE_TITLES, section_id
from ...levels import infer_level
from ...model import Report, Section
from ...normalize import loose, split_number
from ..document import Paragraph
from ... import lazy_re

_YEAR = lazy_re.compile(r"((?:19|20)\d{2})\s*年")
_TOP_NUMBER = lazy_re.compile(r"^[一二三四五六七八九十]+、")
_TITLE_WORDS = ("年度报告", "工作报告", "年报")
_NOT_TITLE = ("正文", "目录", "附件", "全文")


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


_PERIOD = lazy_re.compile(r"(?:统计期限|统计周期|统计时限|数据统计)[^。]{0,12}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")


def metadata(report: Report, title: str | None, intro: str, title_paragraphs: list[Paragraph] | None = None,
             text: str = "") -> None:
    """Title, year, agency and level, with where each was read."""
    report.title = title
    title_loc = title_paragraphs[0].loc if title_paragraphs else None
    if title and title_loc is not None:
        report.meta_locs["title"] = title_loc
    match = _YEAR.search(title or "")
    if match:
        report.year = int(match.group(1))
        if title_loc is not None:
            report.meta_locs["year"] = title_loc
    else:
        # 本报告所列数据的统计期限自2020年1月1日起…, else the first year the intro names.
        match = _PERIOD.search(intro) or _PERIOD.search(text[:3000]) or _YEAR.search(intro[:300])
        if match:
            report.year = int(match.group(1))
    if title:
        agency = _YEAR.split(title, maxsplit=1)
        before = agency[0].strip() if agency else ""
        after = agency[2] if len(agency) > 2 else ""
        after = re.sub(r"^度?", "", after)
        name = before or after
        name = re.sub(r"(政府|政务)?信息公开工作年度报告.*$|工作年度报告.*$|年度报告.*$", "", name).strip()
        name = re.sub(r"^关于", "", name).strip("《》 ")
        report.agency = re.sub(r"\s+", "", name) or None
        if report.agency and title_loc is not None:
            report.meta_locs["agency"] = title_loc
    if report.agency is None:
        found = re.search(r"现(?:予|将)?公布(.{2,40}?)(?:19|20)\d{2}\s*年", intro)
        if found:
            report.agency = found.group(1)
    report.level = infer_level(report.agency)
    report.level_inferred = report.level is not None


def split_sections(blocks, start: int) -> tuple[str, list[Section], dict[int, str | None]]:
    """Intro text, the sections, and for each block the template section it sits in.

    A block under an unrecognised heading (a local outline's 二、工作机制保障) belongs to
    the last recognised section before it, for the purpose of finding tables.
    """
    intro: list[str] = []
    sections: list[Section] = []
    owner: dict[int, str | None] = {}
    current: Section | None = None
    known: str | None = None
    pending: Paragraph | None = None
    top = _top_style(blocks[start:])
    skip: set[int] = set()
    parts: dict[int, list[str]] = {}
    for index, block in enumerate(blocks):
        if index < start:
            continue
        if current is not None and current.id is not None:
            known = current.id
        owner[index] = known if current is not None else None
        if not isinstance(block, Paragraph):
            if current is not None:
                current.has_table = True
            continue
        if index in skip:
            continue
        text = block.text.strip()
        joined = _wrapped_heading(text, blocks[index + 1] if index + 1 < len(blocks) else None)
        if joined is not None:
            text = joined
            skip.add(index + 1)
        if pending is not None:
            sid, number = section_id(pending.text.strip() + text)
            if sid:
                current = Section(sid, pending.text.strip() + text, "", pending.loc, number)
                sections.append(current)
                pending = None
                continue
            _append(current, intro, pending.text, parts)
            pending = None
        sid, number = section_id(text)
        if sid and number and top and _style(number) != top:
            sid = None  # （一）主动公开… inside a section numbered 一、二、: a sub-heading
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
        _append(current, intro, block.text, parts)
    for section in sections:
        section.text = "\n".join(parts.get(id(section), []))
        if section.has_table is None and section.id in template.TABLE_SECTIONS:
            section.has_table = False
    return "\n".join(intro).strip(), sections, owner


def _exact(text: str) -> bool:
    _number, title = split_number(" ".join(text.split()))
    title = loose(title)
    return any(title == t for titles in LOOSE_TITLES.values() for t, _chars in titles)


def _whole(text: str) -> bool:
    """A heading complete as it stands: a template title, or a numbered wording of one."""
    if _exact(text):
        return True
    number, title = split_number(" ".join(text.split()))
    return bool(number) and headings.form_of(title) is not None


def _wrapped_heading(text: str, following) -> str | None:
    """A heading wrapped onto a second line (…存在的主要问题 / 及改进情况): the whole heading."""
    if not isinstance(following, Paragraph) or not _TOP_NUMBER.match(text) or _whole(text):
        return None
    rest = following.text.strip()
    if not rest or len(rest) > 12 or rest.endswith(("。", "；", "，")) or section_id(rest)[0]:
        return None
    return text + rest if _whole(text + rest) else None


def _style(number: str | None) -> str | None:
    if not number:
        return None
    if number.startswith(("（", "(")):
        return "paren"
    return "digit" if number[0].isdigit() or number[0] in "０１２３４５６７８９" else "chinese"


def _top_style(blocks) -> str | None:
    """How the document numbers its top-level headings: the style most template headings use."""
    counts: dict[str, int] = {}
    for block in blocks:
        if isinstance(block, Paragraph):
            sid, number = section_id(block.text.strip())
            if sid and _style(number):
                counts[_style(number)] = counts.get(_style(number), 0) + 1
    if not counts:
        return None
    # Sub-headings are numbered （一）; only a document with nothing else uses it at the top.
    ranked = sorted(counts.items(), key=lambda kv: (kv[0] != "paren", kv[1]), reverse=True)
    return ranked[0][0]


def _append(section: Section | None, intro: list[str], text: str, parts: dict[int, list[str]]) -> None:
    if section is None:
        intro.append(text)
    else:
        parts.setdefault(id(section), []).append(text)  # joined once at the end: long reports stay linear
