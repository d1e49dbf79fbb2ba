"""The wordings a section heading takes in real reports, by the words that name the section.

The template fixes one title per section; reports write 五、存在的主要问题及改进措施,
…及改进情况及明年工作计划, 四、…行政复议与行政诉讼情况, 六、其他需报告的事项. A
heading is recognised by the words that name its section (问题 + 改进/整改 + 情况/措施,
复议 + 诉讼 + 情况), not by one spelling, so that a reworded heading is a wording finding
(SEC-02) and never a missing section (SEC-01). Shared by the reader that finds headings
and the rule that judges their wording; readers and rules both import it.
"""

from __future__ import annotations

from functools import lru_cache

from . import lazy_re

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

