"""Sentences and numbers of the narrative, as the text-against-table rules read them.

The narrative is cut into sentences (。！？ and real paragraph breaks; PDF line breaks
inside a sentence are joined) and each sentence into number tokens. A token knows
its unit, whether it was approximate (余、近、超…), whether it sits in brackets, and
its *lead*: the words between the previous number or clause break and itself, which
is where Chinese puts what a figure counts (受理申请 749 件, 行政复议 351 件).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Iterator

from ...model import Location, Report, Section
from ..context import Context
from ... import lazy_re

_DIGITS = str.maketrans("０１２３４５６７８９％．", "0123456789%.")
_SPACE_NEAR_CJK = lazy_re.compile(r"[ \t\u00a0\u3000]+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])[ \t\u00a0\u3000]+")
_KEEP_BREAK_AFTER = set("。！？!?；;：:")
_BREAK_BEFORE = lazy_re.compile(r"^(#|\||[-*] |[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])")
_SENTENCE_END = lazy_re.compile(r"[。！？!?\n]+")
_CLAUSE_BREAKS = "，,；;：:（(）)"
COUNT_UNITS = ("件", "起", "宗", "个", "例", "份", "部", "篇", "条")
_NUMBER = lazy_re.compile(
    r"(?<![A-Za-z0-9.%])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(余|多)?"
    r"(人次|万元|元|%|件|起|宗|个|例|份|部|篇|条|项|次|场|期|家|人|万|亿)?")
_NOT_A_COUNT_AFTER = lazy_re.compile(r"^[年月日号时分秒岁届〕\]]")
_APPROX_BEFORE = lazy_re.compile(r"(近|约|超过|超|逾|将近|大约|不足|不到|达到近)$")
_APPROX_AFTER = lazy_re.compile(r"^(左右|以上|上下)")
DELTA = lazy_re.compile(r"同比|较上年|比上年|较去年|比去年|上年同期|去年同期|环比|增长|增加|减少|下降|上升|提高了|降低")
_YEAR = lazy_re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?=年)")


@dataclass
class Token:
    value: Decimal
    unit: str
    start: int
    end: int
    lead: str  # words since the previous number or clause break
    tail: str  # words up to the next number or clause break
    depth: int  # bracket depth in the sentence
    approximate: bool = False

    @property
    def is_count(self) -> bool:
        return self.unit in COUNT_UNITS and self.value == self.value.to_integral_value()


@dataclass
class Sentence:
    text: str
    tokens: list[Token]
    pointer: str
    section: Section | None
    previous: "Sentence | None" = None
    index: int = 0  # position in its section, for stable ordering
    extra: dict = field(default_factory=dict)


@lru_cache(maxsize=64)
def clean(text: str) -> str:
    """Digits and % to ASCII, no spaces around Chinese, PDF line breaks inside a sentence joined.

    Kept for the last texts: a dozen rules clean the same few sections of a report, and the
    digit table's ``translate`` goes through a long text a character at a time."""
    text = (text or "").translate(_DIGITS)
    text = _SPACE_NEAR_CJK.sub("", text)
    lines = [ln.strip() for ln in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line:
            if out and out[-1] != "\n":
                out.append("\n")
            continue
        if out and out[-1] != "\n" and out[-1][-1:] not in _KEEP_BREAK_AFTER and not _BREAK_BEFORE.match(line) \
                and not out[-1].startswith(("#", "|")):
            out[-1] += line
        else:
            if out and out[-1] != "\n":
                out.append("\n")
            out.append(line)
    return "".join(out)


def narrative(report: Report) -> Iterator[tuple[str, Section | None, str]]:
    """(pointer, section, text) of the intro and every section with text."""
    if report.intro:
        yield "/intro", None, report.intro
    for section in report.sections:
        if section.text:
            yield section_pointer(section), section, section.text
    if not report.sections and not report.intro and report.text:
        yield "", None, report.text


def section_pointer(section: Section | None) -> str:
    if section is None:
        return "/intro"
    return f"/sections/{section.id}" if section.id else "/sections"


def location(report: Report, sentence: Sentence, token: Token | None = None) -> Location | None:
    """The line and column of a figure when the source lines are known, else the section's place."""
    base = sentence.section.loc if sentence.section else report.meta_locs.get("intro")
    token = token or (sentence.tokens[0] if sentence.tokens else None)
    if report.lines and token is not None:
        lead = sentence.text[max(0, token.start - 6):token.start]
        figure = sentence.text[token.start:token.end]
        gap = r"[ \t\u00a0\u3000]*"
        probe = re.compile(gap.join(map(re.escape, lead)) + gap + "(" + gap.join(map(re.escape, figure)) + ")")
        start = (base.line - 1) if base and base.line else 0
        for i in range(start, len(report.lines)):
            m = probe.search(report.lines[i].translate(_DIGITS))
            if m:
                return Location(line=i + 1, column=m.start(1) + 1, page=base.page if base else None)
    return base


def sentences(context: Context) -> list[Sentence]:
    """The sentences of the narrative, read once per report and run however many rules ask."""
    return context.once(_all_sentences)


def _all_sentences(context: Context) -> list[Sentence]:
    return list(_sentences(context.report))


def _sentences(report: Report) -> Iterator[Sentence]:
    for pointer, section, text in narrative(report):
        previous = None
        for i, raw in enumerate(_SENTENCE_END.split(clean(text))):
            raw = raw.strip()
            # The tokens that tell a leaked table row are the sentence's: read once for both.
            found = tokens(raw) if raw and "|" not in raw else None
            if found is None or _tabular(found):
                previous = None
                continue
            sentence = Sentence(raw, found, pointer, section, previous, i)
            yield sentence
            previous = sentence


def _tabular(found: list[Token]) -> bool:
    """Whether a sentence's tokens are a row of a table that leaked into the text (as a row
    with pipes is): many bare numbers."""
    return sum(1 for t in found if not t.unit) >= 4


def tokens(sentence: str) -> list[Token]:
    found: list[Token] = []
    depth_at = _depths(sentence)
    for m in _NUMBER.finditer(sentence):
        after = sentence[m.end():]
        before = sentence[:m.start()]
        if _NOT_A_COUNT_AFTER.match(after) or before.endswith(("第", "〔", "[", "No.", "号")):
            continue
        unit = m.group(4) or ""
        if not unit and after[:1] in ("）", ")", ".", "、"):
            continue  # a list marker: （1） 1. 1、
        number = Decimal(m.group(1).replace(",", "") + (m.group(2) or ""))
        approx = bool(m.group(3)) or bool(_APPROX_BEFORE.search(before)) or bool(_APPROX_AFTER.match(after))
        found.append(Token(number, unit, m.start(), m.end(), "", "", depth_at[m.start()], approx))
    for i, tok in enumerate(found):
        lo = found[i - 1].end if i else 0
        segment = sentence[lo:tok.start]
        cut = max(segment.rfind(c) for c in _CLAUSE_BREAKS)
        tok.lead = segment[cut + 1:] if cut >= 0 else segment
        hi = found[i + 1].start if i + 1 < len(found) else len(sentence)
        rest = sentence[tok.end:hi]
        cut = min([rest.find(c) for c in _CLAUSE_BREAKS if c in rest] or [len(rest)])
        tok.tail = rest[:cut]
    return found


def _depths(text: str) -> list[int]:
    """The bracket depth at each position (an opening bracket inside its own brackets)."""
    depth, out, done = 0, [], 0
    # Visiting the brackets alone: a loop over every character cost as much as the rest of tokens.
    for m in _BRACKET.finditer(text):
        at, ch = m.start(), m.group()
        out.extend([depth] * (at - done))
        if ch in "（(":
            depth += 1
        out.append(depth)
        if ch in "）)" and depth:
            depth -= 1
        done = at + 1
    out.extend([depth] * (len(text) - done + 1))
    return out


_BRACKET = lazy_re.compile(r"[（()）]")


def years(text: str) -> set[int]:
    return {int(y) for y in _YEAR.findall(text)}


def about_other_years(sentence: str, year: int | None) -> bool:
    """The sentence speaks of a year other than the report year and its neighbours."""
    if year is None:
        return False
    return any(abs(y - year) > 1 for y in years(sentence))


# --- scope: whose figure is it -------------------------------------------------------

REGION = lazy_re.compile(r"全省|全市|全州|全盟|全县|全区|全旗|全镇|全乡|全街道|各县|各区|各地|各级|各部门|各单位|全系统|县直|区直|市直")
_OWN_REGION = {
    "provincial_government": "全省|全区|全市|各级|各部门|各地|各单位|各市|市直|省直",
    "prefecture_government": "全市|全州|全盟|全区|各级|各部门|各县|各区|各地|各单位|市直",
    "county_government": "全县|全区|全市|全旗|各级|各部门|各单位|各地|县直|区直|市直",
    "township": "全镇|全乡|全街道|各村",
    "other": "全区|各级|各部门|各单位|区直",
}
_ORGAN_ONLY = lazy_re.compile(r"本级|代表[省市县区]?(?:人民)?政府|政府(?:办公室|办公厅|办)本身")
OUT_OF_SCOPE = lazy_re.compile(r"备案")


def own_region(report: Report) -> str | None:
    """Region words that mean the report's own area: by level, or from a 人民政府's name."""
    if report.level in _OWN_REGION:
        return _OWN_REGION[report.level]
    m = re.search(r"([省市县区旗州盟镇乡])人民政府(?:办公室|办公厅)?$", re.sub(r"\s+", "", report.agency or ""))
    if m:
        suffix = m.group(1)
        return f"全{suffix}|各级|各部门|各单位|各地|{suffix}直"
    return None


def in_scope(report: Report, sentence: str) -> bool:
    """Whether figures of this sentence can be the report's own table figures.

    Figures about 备案 cases, about a whole region when the report is not that
    region's government, or about the government organ alone when the report is the
    region's, are other figures: comparing them with the table would be a false alarm.
    """
    if OUT_OF_SCOPE.search(sentence):
        return False
    own = own_region(report)
    words = set(REGION.findall(sentence))
    if words and (not own or not all(re.fullmatch(own, w) for w in words)):
        return False
    if own and report.level != "township" and _ORGAN_ONLY.search(sentence):
        return False
    return True
