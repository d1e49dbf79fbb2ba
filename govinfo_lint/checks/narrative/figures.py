"""Figures of the narrative against the tables (XTX) and against last year's (XYR-08).

``text_figures``: a figure the narrative gives for a table quantity differs from
every legitimate reading of the table. ``text_percentages``: a stated share is not
the stated count over the total, within rounding. ``text_parts``: a total and the
parts listed after 其中 do not add up.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterator

from ... import describe
from ...model import Report
from ..context import Context
from ..base import Hit
from .mentions import FAMILIES, Mention, alternatives, family_of, keyword_matches, mentions, name_of
from .scan import Sentence, Token, location, sentences
from ... import lazy_re
from ..kind import Kind

QUOTE_MAX = 90


def validate(options: dict[str, Any]) -> Iterator[tuple[tuple, str]]:
    for i, family in enumerate(options.get("families", [])):
        if family not in FAMILIES:
            yield ("families", i), f"unknown family {family!r}; known: {', '.join(FAMILIES)}"


def quote(sentence: Sentence, focus: Token | None = None) -> str:
    text = sentence.text
    if len(text) <= QUOTE_MAX:
        return text
    at = focus.start if focus else 0
    lo = max(0, min(at - QUOTE_MAX // 2, len(text) - QUOTE_MAX))
    return ("…" if lo else "") + text[lo:lo + QUOTE_MAX] + ("…" if lo + QUOTE_MAX < len(text) else "")


def plain_number(value: Decimal):
    return int(value) if value == value.to_integral_value() else float(value)


def section_name(sentence: Sentence) -> dict[str, str]:
    if sentence.section is None:
        return describe.bilingual("报告开头", "the introduction")
    if sentence.section.id:
        return describe.section(sentence.section.id)
    heading = sentence.section.heading or ""
    return describe.bilingual(f"“{heading}”", f"section “{heading}”")


# What a rule of kind text_figures may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_TEXT_FIGURES = {
    "properties": {
        "families": {
            "type": "array",
            "minItems": 1,
            "items": {"enum": ["received", "carried", "handled", "results", "review", "documents"]},
        },
        "against": {"enum": ["table", "previous"]},
    },
}


def check_text_figures(report: Report, options: dict[str, Any], context: Context) -> Iterator[Hit]:
    families = set(options.get("families") or FAMILIES)
    against = options.get("against", "table")
    if against == "previous":
        previous = report.previous
        if previous is None or not report.year or previous.year != report.year - 1 or previous.format != report.format:
            return
    for mention in context.once(mentions):
        if mention.family not in families:
            continue
        readings = alternatives(report, mention)
        if not readings or any(value == mention.value for _, value, _ in readings):
            continue
        label, value, cells = readings[0]
        params = {"section": section_name(mention.sentence), "sentence": quote(mention.sentence, mention.token),
                  "what": name_of(mention), "text_value": plain_number(mention.value), "table_value": plain_number(value)}
        evidence = {"text_value": plain_number(mention.value), "table_value": plain_number(value), "cells": cells,
                    "sentence": mention.sentence.text, "keyword": mention.keyword,
                    "readings": {lbl: plain_number(v) for lbl, v, _ in readings}}
        if against == "previous":
            old = alternatives(previous, mention)
            match = next((r for r in old if r[1] == mention.value), None)
            if match is None:
                continue
            params["previous_year"] = previous.year
            evidence.update(previous_year=previous.year, previous_cells=match[2])
        yield Hit(mention.sentence.pointer, params, evidence, loc=location(report, mention.sentence, mention.token))


# --- percentages --------------------------------------------------------------------------

def _bases(context: Context, mention: Mention) -> list[tuple[str, Decimal]]:
    """Totals a share of handled applications may be taken of: handled, new + carried, new."""
    out = []
    for quantity in ("handled", "received"):
        probe = Mention("handled", quantity, mention.sentence, mention.token, "")
        for label, value, _ in alternatives(context.report, probe):
            if value > 0 and label not in {b[0] for b in out}:
                out.append((label, value))
    for sentence in (mention.sentence, mention.sentence.previous):
        if sentence is None:
            continue
        for other in mentions_in(context, sentence):
            if other.quantity in ("handled", "handled_weak", "received") and other.value > 0:
                out.append(("text", other.value))
    return out


def mentions_in(context: Context, sentence: Sentence) -> list[Mention]:
    return [m for m in context.once(mentions) if m.sentence.text == sentence.text]


def check_text_percentages(report: Report, options: dict[str, Any], context: Context) -> Iterator[Hit]:
    for mention in context.once(mentions):
        if mention.percent is None or mention.family != "results":
            continue
        stated = mention.percent.value
        decimals = max(0, -stated.as_tuple().exponent)
        tolerance = Decimal(1).scaleb(-decimals)  # rounding and truncation both pass
        bases = _bases(context, mention)
        if not bases:
            continue
        computed = [(label, mention.value * 100 / base) for label, base in bases]
        if any(abs(stated - c) <= tolerance for _, c in computed):
            continue
        label, value = computed[0]
        base = bases[0][1]
        params = {"section": section_name(mention.sentence), "sentence": quote(mention.sentence, mention.percent),
                  "what": name_of(mention), "count": plain_number(mention.value), "percent": plain_number(stated),
                  "base": plain_number(base), "computed": f"{value:.2f}"}
        yield Hit(mention.sentence.pointer, params,
                  {"stated_percent": plain_number(stated), "count": plain_number(mention.value), "base": plain_number(base),
                   "computed_percent": float(round(value, 4)), "sentence": mention.sentence.text},
                  loc=location(report, mention.sentence, mention.percent))


# --- totals and their parts --------------------------------------------------------------

_PARTIAL = ("包括", "主要", "例如", "比如", "诸如", "重点", "部分")
_REST = lazy_re.compile(r"其[他它余]|另有|剩余")


def _parts_lists(sentence: Sentence):
    """(candidate totals, part tokens, complete?) for each 其中 of the sentence.

    A sentence that starts with 其中 refers to the one before; which of its figures is
    the total is not said, so each of them is a candidate."""
    text = sentence.text
    start = 0
    while True:
        at = text.find("其中", start)
        if at < 0:
            return
        start = at + 2
        depth = _depth(text, at)
        before = [t for t in sentence.tokens if t.end <= at and t.depth <= depth and t.is_count]
        if before:
            totals = before[-1:]
        elif at == 0 and sentence.previous is not None:
            totals = [t for t in sentence.previous.tokens if t.depth == 0 and t.is_count]
        else:
            continue
        nxt = text.find("其中", at + 2)
        end = _group_end(text, at, depth) if depth else len(text)
        if nxt >= 0:
            end = min(end, nxt)
        parts = _same_topic([t for t in sentence.tokens if at < t.start < end and t.depth == depth])
        if totals and parts:
            complete = (bool(_REST.search(parts[-1].lead)) or _partition(parts)) \
                and not any(w in text[at:end] for w in _PARTIAL)
            yield totals, parts, complete


# Lists that name every member of a partition are complete without 其他: information is
# 主动公开, 依申请公开 or 不予公开 (2019 format's 一（一）); applicants are 自然人 or 法人.
_PARTITIONS = (("主动公开", "依申请公开", "不予公开"), ("自然人", "法人"))


def _partition(parts: list[Token]) -> bool:
    leads = [t.lead for t in parts]
    for members in _PARTITIONS:
        named = [next((i for i, lead in enumerate(leads) if m in lead), None) for m in members]
        if all(i is not None for i in named) and len(set(named)) == len(members):
            return True
    return False


def _topic(token: Token) -> str | None:
    """The kind of table quantity a part names (结果维持 is a part of 表四, 行政诉讼 a subject)."""
    found = [m for m in keyword_matches(token.lead) if m[3] != "weak"]
    if not found:
        return None
    name, kind = max(found, key=lambda m: m[1])[2:4]
    return kind if kind in ("subject", "part", "doc", "act") else family_of(name, kind)


def _same_topic(parts: list[Token]) -> list[Token]:
    """The parts up to the first one of another topic: 行政复议4件，其中结果维持2件；行政诉讼3件."""
    first = next((_topic(t) for t in parts if _topic(t)), None)
    for i, token in enumerate(parts):
        topic = _topic(token)
        if first and topic and topic != first:
            return parts[:i]
    return parts


def _adds_up(total: Token, values: list[Decimal], complete: bool) -> bool:
    running = Decimal(0)
    for i, v in enumerate(values):
        running += v
        if i >= 1 and running == total.value:
            return True  # the first parts add up; what follows is another topic
    full = sum(values)
    # Parts that fall short are a shortfall only when the list claims to be complete
    # (it ends with 其他…); one part may include another (政务信息 includes 解读类信息).
    return (full < total.value and not complete) or any(full - v == total.value for v in values)


def _depth(text: str, at: int) -> int:
    depth = 0
    for ch in text[:at]:
        depth += ch in "（("
        depth -= ch in "）)" and depth > 0
    return depth


def _group_end(text: str, at: int, depth: int) -> int:
    level = depth
    for i in range(at, len(text)):
        level += text[i] in "（("
        if text[i] in "）)":
            level -= 1
            if level < depth:
                return i
    return len(text)


def check_text_parts(report: Report, options: dict[str, Any], context: Context) -> Iterator[Hit]:
    for sentence in sentences(context):
        for totals, parts, complete in _parts_lists(sentence):
            unit = totals[-1].unit
            same = [t for t in parts if t.unit == unit]
            if len(same) < 2 or len(same) != len([t for t in parts if t.is_count]) \
                    or any(t.approximate for t in same):
                continue
            values = [t.value for t in same]
            candidates = [t for t in totals if t.unit == unit and not t.approximate]
            if not candidates or any(_adds_up(t, values, complete) for t in candidates):
                continue
            total, full = candidates[-1], sum(values)
            params = {"section": section_name(sentence), "sentence": quote(sentence, same[0]),
                      "total": plain_number(total.value), "unit": total.unit, "sum": plain_number(full),
                      "parts": "+".join(str(plain_number(v)) for v in values)}
            yield Hit(sentence.pointer, params,
                      {"total": plain_number(total.value), "parts": [plain_number(v) for v in values], "sum": plain_number(full),
                       "unit": total.unit, "sentence": sentence.text}, loc=location(report, sentence))


KINDS = {
    "text_figures": Kind(check_text_figures, options=OPTIONS_TEXT_FIGURES, validate=validate, uses_context=True,
                         reads_previous=lambda options: options.get("against") == "previous"),
    "text_percentages": Kind(check_text_percentages, validate=validate, uses_context=True),
    "text_parts": Kind(check_text_parts, validate=validate, uses_context=True),
}
