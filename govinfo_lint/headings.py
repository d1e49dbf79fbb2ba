"""The wordings a section heading takes in real reports, by the words that name the section.

The template fixes one title per section; reports write 五、存在的主要问题及改进措施,
…及改进情况及明年工作计划, 四、…行政复议与行政诉讼情况, 六、其他需报告的事项. A
heading is recognised by the words that name its section (问题 + 改进/整改 + 情况/措施,
复议 + 诉讼 + 情况), not by one spelling, so that a reworded heading is a wording finding
(SEC-02) and never a missing section (SEC-01). Shared by the readers and the mapping that find headings
and the rule that judges their wording.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import lazy_re, template
from .normalize import closest, loose, split_number

# Each form ends on the word that closes a heading (情况, 措施, 事项, 计划…), so a heading
# run together with its first sentence (flattened page text) is cut at the right place.
_PREFIX = r"(?:政府信息公开|信息公开|政务公开)?(?:工作)?"
FORMS: dict[str, str] = {
    "overview": _PREFIX + r"(?:总体|整体)(?:情况|概况)|工作概况|概述",
    "proactive": r"(?:行政机关)?主动公开政府信息(?:工作)?的?情况",
    "requests": r"(?:行政机关)?收到和处理(?:政府信息公开|信息公开)?申请(?:工作)?的?情况",
    "review": r"(?:因)?" + _PREFIX + r"(?:被申请)?行政复议(?:[、，,]|和|及|与|或)?(?:被?提起)?行政诉讼(?:工作)?的?情况",
    "problems": _PREFIX + r"(?:存在的?)?(?:主要)?(?:问题|不足)(?:及|和|与|以及)?(?:其)?(?:改进|整改)(?:的)?"
                          r"(?:情况|措施|举措|计划|方向|工作)"
                          r"(?:(?:及|和|与|以及)(?:明年|下一?年度?|(?:19|20)\d{2}年度?|下一步|下阶段)?(?:的)?(?:工作)?"
                          r"(?:计划|打算|安排|思路|措施))?",
    "other": r"其他需要?报告的?事项|其他事项",
}
_COMPILED = {sid: lazy_re.compile(f"(?:{form})") for sid, form in FORMS.items()}
_SPACES = lazy_re.compile(r"[\s\u00a0\u3000]+")


@lru_cache(maxsize=4096)
def form_of(title: str) -> str | None:
    """The section whose wording ``title`` (its number removed) is, or None."""
    flat = _SPACES.sub("", title).replace("：", "").rstrip("：:")
    for sid, rx in _COMPILED.items():
        if rx.fullmatch(flat):
            return sid
    return None


# Heading recognition, by the template's titles and the wordings above: readers use it to
# keep a heading out of a joined paragraph, the mapping to cut sections.
_TITLES = {sid: [title] + list(template.SECTION_KNOWN_VARIANTS.get(sid, ())) for sid, _n, title in template.SECTIONS}
# A template heading inside running text (flattened pages): 一、总体情况 … 六、其他需要报告的事项,
# in any wording that names its section (五、存在的主要问题及改进措施), with its own number only:
# a numbered heading of another section's place is not split out of a sentence.
SECTION_PATTERN = lazy_re.compile("(?:" + "|".join(
    re.escape(number) + "[ \u3000]?(?:" + "|".join([FORMS[sid]] + [re.escape(t) for t in _TITLES[sid]]) + ")"
    for sid, number, _title in template.SECTIONS) + ")")
LOOSE_TITLES = {sid: [(loose(t), frozenset(loose(t))) for t in titles] for sid, titles in _TITLES.items()}


def section_id(text: str) -> tuple[str | None, str | None]:
    """(section id, numbering as written) when ``text`` is a section heading."""
    flat = " ".join(text.split())
    if not flat or len(flat) > 60 or "，" in flat or "。" in flat[:-1]:
        return None, None  # a sentence, not a heading
    return _section_id(flat)


@lru_cache(maxsize=65536)
def _section_id(flat: str) -> tuple[str | None, str | None]:
    number, title = split_number(flat)
    if number and number.startswith(("（", "(")) and len(number) > 3:
        return None, None
    key = loose(title)
    if not key:
        return None, None
    for sid, titles in LOOSE_TITLES.items():
        if any(key == t for t, _chars in titles):
            return sid, number
    # Worded otherwise but with the words that name a section (五、存在的主要问题及改进措施).
    # Numbered only: a bare line of those words may be a phrase of the text.
    form = form_of(title) if number else None
    if form:
        return form, number
    if len(title) > 40:
        return None, None
    chars = set(key)
    for sid, titles in _TITLES.items():
        if not any(len(chars & t_chars) * 2 >= len(t_chars) for _t, t_chars in LOOSE_TITLES[sid]):
            continue  # shares too few characters with any wording of this heading to be a typo of it
        # A numbered heading may be shortened more (五、存在问题及改进情况) than a bare line.
        match = closest(title, titles, 0.3 if number else 0.2)
        if match and (number or match[1] <= 2):
            return sid, number
        # A heading that starts with the official title, e.g. 二、主动公开政府信息情况（含表格）.
        if number and any(key.startswith(loose(t)) and len(key) - len(loose(t)) <= 8 for t in titles):
            return sid, number
    return None, None
