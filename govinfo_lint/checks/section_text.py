"""Required content in a section's text: keywords, both halves of a pairing, length.

A word list may say what a report means in other words than the format's: an entry
``re:…`` is a regular expression (未发生政府信息公开收费事项 for the fee statement), and an
entry starting with ``~`` is weaker evidence (the substance without the name: 公开…信息184条
for 主动公开) that turns a warning into an info rather than silence.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterator

from .. import template
from .. import describe
from ..model import Report
from .base import Hit
from .kind import Kind


def _cjk_count(text: str) -> int:
    """What ``len(re.findall(r"[\\u4e00-\\u9fff]", text))`` counts; compiling that class
    alone costs 2 ms of every run (``re`` maps its 21 000 characters one by one)."""
    return sum(1 for c in text if "\u4e00" <= c <= "\u9fff")


@lru_cache(maxsize=512)
def _compiled(word: str) -> re.Pattern:
    return re.compile(word[3:])


def _strength(word: str) -> tuple[str, bool]:
    return (word[1:], False) if word.startswith("~") else (word, True)


def _found(words: list[str], text: str) -> str | None:
    """"strong" when a word of the list is in ``text``, "weak" when only weak evidence is, else None."""
    best = None
    for entry in words:
        word, strong = _strength(entry)
        hit = _compiled(word).search(text) is not None if word.startswith("re:") else word in text
        if hit and strong:
            return "strong"
        if hit:
            best = "weak"
    return best


def validate(options: dict[str, Any]) -> Iterator[tuple[tuple, str]]:
    if options["section"] not in template.SECTION_IDS:
        yield ("section",), f"unknown section id {options['section']!r}"
    lists = [("each_of", i, k if isinstance(k, list) else [k]) for i, k in enumerate(options.get("each_of", []))]
    lists += [("any_of", 0, options.get("any_of", []))]
    lists += [("all_groups", i, g["words"]) for i, g in enumerate(options.get("all_groups", []))]
    for key, i, words in lists:
        for word in words:
            word = _strength(word)[0]
            if word.startswith("re:"):
                try:
                    re.compile(word[3:])
                except re.error as exc:
                    yield (key, i), f"bad regular expression {word!r}: {exc}"


def _content(report: Report, sid: str) -> str:
    """The section's text and that of the unrecognised parts that follow it: a local outline
    (二、工作机制保障 … 六、政府信息公开平台建设 under 一、总体情况) reports there what the
    template puts in this section."""
    out, inside = [], False
    for section in report.sections:
        if section.id == sid:
            inside = True
            out.append(section.text or "")
        elif section.id is None and inside:
            out.append((section.heading or "") + "\n" + (section.text or ""))
        elif section.id is not None:
            inside = False
    return "\n".join(out)


def _shown(word: str) -> str:
    word = _strength(word)[0]
    return word[3:] if word.startswith("re:") else word


# What a rule of kind section_text may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_SECTION_TEXT = {
    "required": ["section"],
    "properties": {
        "section": {"$ref": "#/$defs/section"},
        "not_empty": {"type": "boolean"},
        "each_of": {"type": "array", "items": {"oneOf": [{"type": "string"}, {"$ref": "#/$defs/words"}]}},
        "any_of": {"$ref": "#/$defs/words"},
        "all_groups": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["words"],
                "additionalProperties": False,
                "properties": {
                    "words": {"$ref": "#/$defs/words"},
                    "name": {"type": "string"},
                    "variant": {"type": "string"},
                },
            },
        },
        "max_chars": {"type": "integer", "minimum": 1},
    },
}


def check_section_text(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    sid = options["section"]
    section = report.section(sid)
    if section is None:
        return  # SEC-01 reports the missing section
    pointer = f"/sections/{sid}"
    base = {"section": describe.section(sid)}
    text = section.text or ""
    if options.get("not_empty") and not text.strip():
        yield Hit(pointer, base, variant="empty")
        return
    content = _content(report, sid) if any(k in options for k in ("each_of", "any_of", "all_groups")) else text
    for keyword in options.get("each_of", []):
        alternatives = keyword if isinstance(keyword, list) else [keyword]
        found = _found(alternatives, content)
        if found != "strong":
            yield Hit(pointer, {**base, "keyword": _shown(alternatives[0])}, {"missing": alternatives},
                      severity="info" if found == "weak" else None)
    if options.get("any_of"):
        found = _found(options["any_of"], content)
        if found != "strong":
            shown = "、".join(_shown(w) for w in options["any_of"] if not _strength(w)[0].startswith("re:"))
            yield Hit(pointer, {**base, "keyword": shown}, {"missing": options["any_of"]},
                      severity="info" if found == "weak" else None)
    for group in options.get("all_groups", []):
        found = _found(group["words"], content)
        if found != "strong":
            shown = "、".join(_shown(w) for w in group["words"] if not _strength(w)[0].startswith("re:"))
            yield Hit(pointer, {**base, "keyword": shown, "what": group.get("name", "")},
                      {"missing": group["words"]}, variant=group.get("variant"),
                      severity="info" if found == "weak" else None)
    if "max_chars" in options:
        count = _cjk_count(text)
        if count > options["max_chars"]:
            yield Hit(pointer, {**base, "count": count, "limit": options["max_chars"]},
                      {"characters": count, "limit": options["max_chars"]}, variant="length")


KINDS = {
    "section_text": Kind(check_section_text, options=OPTIONS_SECTION_TEXT, validate=validate),
}
