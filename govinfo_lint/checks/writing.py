"""Writing quality (CNT) and required mentions (LVL), read from the narrative.

``enumeration``: 一是…三是…三是 (an ordinal skipped or repeated). ``repeated_words``:
the same word written twice in a row (考评、考评). ``boilerplate``: a problems section
made only of stock phrases, with no figure or named task. ``publicity``: the
overview filled with publicity metrics. ``mentions``: groups of words a kind of
report must contain (工作考核、社会评议、责任追究 for governments).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterator

from .. import describe, template
from ..model import Report, Section
from .base import Hit
from .narrative.scan import clean, section_pointer, tokens
from .. import lazy_re
from .kind import Kind

_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}
_ORDINAL = lazy_re.compile(r"(?<=[。；;：:，,\s）)#*|\-])([一二三四五六七八九十]{1,3})是")
_PAREN = lazy_re.compile(r"(?<![第条款项）)])[（(]([一二三四五六七八九十]{1,3})[）)](?![项款条（(])")


def _numeral(text: str) -> int | None:
    if text in _NUMERALS:
        return _NUMERALS[text]
    if len(text) == 2 and text[0] == "十":
        return 10 + _NUMERALS.get(text[1], 0)
    if len(text) == 2 and text[1] == "十":
        return _NUMERALS.get(text[0], 0) * 10
    if len(text) == 3 and text[1] == "十":
        return _NUMERALS.get(text[0], 0) * 10 + _NUMERALS.get(text[2], 0)
    return None


def _sections(report: Report, ids: list[str] | None) -> Iterator[tuple[str, Section | None, str]]:
    if report.intro and (not ids or "intro" in ids):
        yield "/intro", None, report.intro
    for section in report.sections:
        if section.text and (not ids or section.id in ids):
            yield section_pointer(section), section, section.text


def _sequences(text: str, pattern: re.Pattern, fmt: str) -> Iterator[list[tuple[int, int, str]]]:
    """Runs of ordinals, each starting at 一: [(value, position, as written)]."""
    run: list[tuple[int, int, str]] = []
    for m in pattern.finditer("。" + text):
        value = _numeral(m.group(1))
        if value is None:
            continue
        if value == 1:
            if len(run) > 1:
                yield run
            run = [(1, m.start(), fmt.format(m.group(1)))]
        elif run:
            run.append((value, m.start(), fmt.format(m.group(1))))
    if len(run) > 1:
        yield run


# What a rule of kind enumeration may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_ENUMERATION = {
    "properties": {
        "sections": {
            "type": "array",
            "items": {"enum": ["intro", "overview", "proactive", "requests", "review", "problems", "other"]},
        },
        "styles": {"type": "array", "items": {"enum": ["shi", "paren"]}},
    },
}


def check_enumeration(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    styles = options.get("styles") or ["shi", "paren"]
    for pointer, section, text in _sections(report, options.get("sections")):
        text = clean(text)
        for style in styles:
            pattern, fmt = (_ORDINAL, "{}是") if style == "shi" else (_PAREN, "（{}）")
            for run in _sequences(text, pattern, fmt):
                values = [v for v, _, _ in run]
                bad = next((i for i in range(1, len(values)) if values[i] != values[i - 1] + 1), None)
                if bad is None:
                    continue
                # A list may end and a later one continue numbering from an earlier level:
                # only a repeat or a skip directly inside the run is an error.
                written = "…".join(w for _, _, w in run[:bad + 1])
                at = run[bad][1]
                excerpt = text[max(0, at - 30):at + 12]
                kind = "repeated" if values[bad] <= values[bad - 1] else "skipped"
                yield Hit(pointer, {"section": _name(section), "sequence": written, "excerpt": excerpt,
                                    "expected": fmt.format("一二三四五六七八九十"[values[bad - 1]] if values[bad - 1] < 10
                                                           else str(values[bad - 1] + 1))},
                          {"sequence": [w for _, _, w in run], "problem": kind}, loc=section.loc if section else None)


def _name(section: Section | None) -> dict[str, str]:
    if section is None:
        return describe.bilingual("报告开头", "the introduction")
    if section.id:
        return describe.section(section.id)
    return describe.bilingual(f"“{section.heading or ''}”", f"section “{section.heading or ''}”")


# --- repeated words -----------------------------------------------------------------------

# Written twice in a row, or listed twice (考评、考评). A repeat across a comma is usually
# deliberate (…的通知》要求，要求各部门; 谁公开、谁审查，谁审查、谁负责) and is not flagged.
_REPEAT = lazy_re.compile(r"([\u4e00-\u9fff]{2,4})、?\1")
# Header words of table 四 that run together when a table is flattened into text.
_TABLE_RESIDUE = lazy_re.compile(r"总计|尚未|维持|纠正|审结|直接起诉|复议后起诉|自然人|商业企业")


# What a rule of kind repeated_words may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_REPEATED_WORDS = {"properties": {"allow": {"$ref": "#/$defs/words"}}}


def check_repeated_words(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    allowed = set(options.get("allow", []))
    texts = [("/title", None, report.title or "")] + list(_sections(report, None))
    for pointer, section, text in texts:
        # The text as written: table cells run together once spaces are removed (结果 结果).
        text = text.replace("\n", "")
        for m in _REPEAT.finditer(text):
            word = m.group(1)
            around = text[max(0, m.start() - 20):m.end() + 20]
            if word in allowed or word[0] == "一" or len(set(word)) == 1 or len(_TABLE_RESIDUE.findall(around)) >= 2:
                continue
            yield Hit(pointer, {"section": _name(section) if pointer != "/title" else describe.bilingual("标题", "the title"),
                                "text": m.group(), "word": word,
                                "excerpt": text[max(0, m.start() - 12):m.end() + 12]},
                      {"repeated": word, "written": m.group()}, loc=section.loc if section else None)


# --- boilerplate and padding ----------------------------------------------------------------

@lru_cache(maxsize=32)
def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in patterns)


# What a rule of kind boilerplate may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_BOILERPLATE = {
    "required": ["phrases"],
    "properties": {
        "section": {"$ref": "#/$defs/section"},
        "phrases": {"$ref": "#/$defs/words"},
        "min_phrases": {"type": "integer", "minimum": 1},
    },
}


def check_boilerplate(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    section = report.section(options.get("section", "problems"))
    if section is None or not section.text.strip():
        return
    text = clean(section.text)
    stock = [m.group() for m in (rx.search(text) for rx in _compiled(tuple(options["phrases"]))) if m]
    specific = tokens(text)  # years are not tokens; any other figure is something specific
    named = re.findall(r"《[^》]{2,40}》|“[^”]{2,20}”", text)
    if len(stock) >= options.get("min_phrases", 4) and not specific and not named:
        yield Hit(f"/sections/{section.id}", {"section": describe.section(section.id), "count": len(stock),
                                              "phrases": "、".join(stock[:5])},
                  {"stock_phrases": stock, "figures": 0, "named_items": 0}, loc=section.loc)


# What a rule of kind publicity may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_PUBLICITY = {
    "required": ["words"],
    "properties": {
        "section": {"$ref": "#/$defs/section"},
        "words": {"$ref": "#/$defs/words"},
        "min_words": {"type": "integer", "minimum": 1},
    },
}


def check_publicity(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    section = report.section(options.get("section", "overview"))
    if section is None:
        return
    found = sorted({w for w in options["words"] if w in section.text})
    if len(found) >= options.get("min_words", 3):
        yield Hit(f"/sections/{section.id}", {"section": describe.section(section.id), "words": "、".join(found),
                                              "count": len(found)}, {"words": found}, loc=section.loc)


# --- required mentions --------------------------------------------------------------------------

# What a rule of kind mentions may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_MENTIONS = {
    "required": ["groups"],
    "properties": {
        "in": {
            "type": "array",
            "items": {"enum": ["all", "intro", "overview", "proactive", "requests", "review", "problems", "other"]},
        },
        "pointer": {"type": "string"},
        "levels": {"type": "array", "items": {"enum": list(template.LEVELS)}},
        "groups": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["words"],
                "additionalProperties": False,
                "properties": {"name": {"$ref": "#/$defs/text"}, "words": {"$ref": "#/$defs/words"}},
            },
        },
    },
}


def check_mentions(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    if "levels" in options and report.level not in options["levels"]:
        return  # level unknown or not concerned: silent
    where = options.get("in") or ["all"]
    parts = [report.title or "", report.intro or ""] if "all" in where or "intro" in where else []
    for section in report.sections:
        if "all" in where or section.id in where:
            parts.append(section.text or "")
    text = clean("\n".join(parts))
    if not text.strip():
        return
    target = options.get("pointer") or "/sections/overview"
    sid = target.rsplit("/", 1)[-1]
    if target.startswith("/sections/") and report.section(sid) is None:
        return  # SEC-01 speaks of the missing section
    for group in options["groups"]:
        if not any(re.search(w, text) for w in group["words"]):
            yield Hit(target, {"what": group.get("name", group["words"][0]),
                               "section": describe.section(sid) if sid in template.SECTION_IDS else ""},
                      {"missing": group["words"], "level": report.level, "level_inferred": report.level_inferred})


KINDS = {
    "enumeration": Kind(check_enumeration, options=OPTIONS_ENUMERATION),
    "repeated_words": Kind(check_repeated_words, options=OPTIONS_REPEATED_WORDS),
    "boilerplate": Kind(check_boilerplate, options=OPTIONS_BOILERPLATE),
    "publicity": Kind(check_publicity, options=OPTIONS_PUBLICITY),
    "mentions": Kind(check_mentions, options=OPTIONS_MENTIONS),
}
