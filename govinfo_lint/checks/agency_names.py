"""The organ named the same way throughout (CNT-04).

Three signals, each cheap and specific: a known misspelling of a place name
(沐阳县 for 沭阳县); the same place written with a look-alike character in the same
document (沭阳县 in the title, 沐阳县 in the text); and the name under which the
file was published (its file name) differing by one look-alike character from the
name the document uses. Two different real places that differ by one character
(泗阳县 and 沭阳县) are never confused with each other: only look-alike pairs count.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PurePath
from typing import Any, Iterator

from ..model import Report
from ..normalize import place_prefix
from .base import Hit
from .narrative.scan import clean
from .kind import Kind
from .. import lazy_re

_SUFFIX = "省市县区镇乡旗州盟"


def _document(report: Report) -> list[tuple[str, str]]:
    parts = [("/title", report.title or ""), ("/intro", report.intro or "")]
    parts += [(f"/sections/{s.id}" if s.id else "/sections", s.heading or "") for s in report.sections]
    parts += [(f"/sections/{s.id}" if s.id else "/sections", s.text or "") for s in report.sections]
    if not report.sections and report.text:
        parts.append(("", report.text))
    return [(p, clean(t)) for p, t in parts if t]


def _followed_by_suffix(text: str, word: str) -> Iterator[str]:
    """The place suffix after each occurrence of ``word``, found as ``re.finditer`` would find
    ``word[省市…]``: compiling one pattern per misspelling cost more than the whole check."""
    i = text.find(word)
    while i >= 0:
        end = i + len(word)
        if end < len(text) and text[end] in _SUFFIX:
            yield text[end]
            i = text.find(word, end + 1)
        else:
            i = text.find(word, i + 1)


@lru_cache(maxsize=16)
def _pairs(confusables: tuple[str, ...]) -> set[frozenset[str]]:
    # The rule's pairs, made once and not for every report; read only (the set as made,
    # so that they are gone through in the order a set made for each report would have).
    return {frozenset((a, b)) for group in confusables for a in group for b in group if a != b}


def _one_lookalike(a: str, b: str, pairs: set[frozenset[str]]) -> bool:
    if len(a) != len(b) or a == b:
        return False
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    return len(diff) == 1 and frozenset(diff[0]) in pairs


def leading_places(name: str | None) -> list[str]:
    """The places a name starts with: 淮安市洪泽区人民政府 -> 淮安市, 洪泽区."""
    text = re.sub(r"^[#\s]+", "", clean(name or ""))
    out = []
    while True:
        end = place_prefix(text, _SUFFIX)
        if not end:
            return out
        out.append(text[:end])
        text = text[end:]


# What a rule of kind agency_name may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_AGENCY_NAME = {
    "properties": {
        "misspellings": {"type": "object", "additionalProperties": {"type": "string", "minLength": 1}},
        "confusables": {"type": "array", "items": {"type": "string", "minLength": 2}},
    },
}


def check_agency_name(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    misspellings: dict[str, str] = options.get("misspellings", {})
    pairs = _pairs(tuple(options.get("confusables", [])))
    document = _document(report)
    full = "\n".join(t for _, t in document)
    found: dict[str, dict[str, Any]] = {}

    def count(name: str) -> int:
        return full.count(name)  # what re.findall(re.escape(name)) counts, without a regex per name

    def first(name: str) -> str:
        return next((p for p, t in document if name in t), "/title")

    def note(wrong: str, right: str, reason: str) -> None:
        entry = found.setdefault(wrong, {"right": right, "reasons": []})
        if reason not in entry["reasons"]:
            entry["reasons"].append(reason)

    for wrong, right in misspellings.items():
        for suffix in _followed_by_suffix(full, wrong):
            note(wrong + suffix, right + suffix, "misspelling")
    anchors = list(dict.fromkeys(leading_places(report.agency) + leading_places(report.title)))
    for anchor in anchors:
        for i, ch in enumerate(anchor[:-1]):
            for pair in pairs:
                if ch in pair:
                    other = anchor[:i] + next(iter(pair - {ch})) + anchor[i + 1:]
                    a, b = count(anchor), count(other)
                    if a and b:
                        note(*((other, anchor) if b <= a else (anchor, other)), "inconsistent")
    stem = PurePath(report.source).stem if report.source and report.source != "<memory>" else ""
    for published in leading_places(stem):
        for anchor in anchors:
            if _one_lookalike(published, anchor, pairs) or misspellings.get(anchor[:-1]) == published[:-1]:
                note(anchor, published, "file_name")
    signed = signature_mismatch(report)
    if signed:
        note(*signed, "signature")
    for wrong, entry in found.items():
        n = count(wrong)
        if not n:
            continue
        yield Hit(first(wrong), {"wrong": wrong, "right": entry["right"], "count": n,
                                 "why": _why(entry["reasons"], stem)},
                  {"written": wrong, "expected": entry["right"], "occurrences": n, "signals": entry["reasons"]})


# The signature (落款) is the organ's name right before the last date of the report; a date
# followed by 印发 is the issuing office's line, not the signature.
_DATE = lazy_re.compile(r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日(?!印发)")
_BEFORE_NAME = lazy_re.compile(r"^(?:此函|特此报告|特此公告|特此|附件)")
# Names that differ in one of these are other organs (the 县 office signing for the 市, a
# 办公室 for its 局), whose relation the report does not settle; only a slip of the pen counts.
_ORGAN_CHARS = set("省市县区镇乡街道旗州盟局厅委办院部室处科所站队中心署会府") | set("和与及、")  # 教育与/和体育局
SIGNATURE_TAIL = 300


def signature(report: Report) -> str | None:
    text = report.text or (report.sections[-1].text if report.sections else "") or ""
    tail = clean(text)[-SIGNATURE_TAIL:]
    dates = list(_DATE.finditer(tail))
    if not dates:
        return None
    before = tail[:dates[-1].start()]
    cut = max(before.rfind(c) for c in "。；！？：:\n）)")
    name = _BEFORE_NAME.sub("", before[cut + 1:].strip())
    return name if re.fullmatch(r"[\u4e00-\u9fff（）()]{4,40}", name) else None


def signature_mismatch(report: Report) -> tuple[str, str] | None:
    """(as signed, as in the title) when the signature writes the organ's name with one
    character changed: 财政全融局 for 财政金融局. An abbreviation or the full name agrees."""
    agency = re.sub(r"\s+", "", clean(report.agency or ""))
    name = signature(report)
    if not agency or not name or name in agency or agency in name:
        return None
    size = min(len(name), len(agency))
    signed, titled = name[-size:], agency[-size:]
    diff = [(a, b) for a, b in zip(signed, titled) if a != b]
    if size < 4 or len(diff) != 1 or set(diff[0]) & _ORGAN_CHARS:
        return None
    return signed, titled


def _why(reasons: list[str], stem: str) -> dict[str, str]:
    zh, en = [], []
    if "signature" in reasons:
        zh.append("落款与标题中的机关名称不一致")
        en.append("the signature differs from the organ's name in the title")
    if "misspelling" in reasons:
        zh.append("常见地名错字")
        en.append("a known misspelling of the place name")
    if "inconsistent" in reasons:
        zh.append("同一报告中另有写法")
        en.append("written differently elsewhere in the report")
    if "file_name" in reasons:
        zh.append(f"文件名作“{stem}”")
        en.append(f"the file name reads “{stem}”")
    return {"zh": "；".join(zh), "en": "; ".join(en)}


KINDS = {
    "agency_name": Kind(check_agency_name, options=OPTIONS_AGENCY_NAME),
}
