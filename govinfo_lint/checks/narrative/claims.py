"""Claims of the narrative that the tables refute, and the fee report of 六.

``text_claims``: 均已审结/均已结案 while a 尚未审结 cell is non-zero; 六 saying no
fee matter arose while table 三 counts applications dropped for unpaid fees.
``fee_statement``: a fee amount in 六 without a unit, or 六 without the year.
``row_share``: a group of rows takes more than a share of a total (其他处理 > 10%).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Iterator

from ... import describe
from ...model import Report
from ..context import Context
from ..base import Hit, expand, fmt_of
from .figures import plain_number, quote, section_name
from .mentions import SUBJECT_ROWS, cell_sum
from .scan import Sentence, clean, in_scope, location, sentences, tokens, years
from ... import lazy_re
from ..kind import Kind

_ALL_CLOSED = lazy_re.compile(r"(?<!未)(?<!没有)(?:均已|全部|均|都已|已全部)(?:审结|结案)|审结率(?:为|达)?100%")
_ALL_HANDLED = lazy_re.compile(r"(?<!未)(?:均已|全部|都已|已全部)办结")
# Claims that no fee matter arose at all. “未收取信息处理费”/“无收取信息处理费情况” only
# say nothing was collected, which is true when the applicants did not pay.
_NO_FEE = lazy_re.compile(r"(?:不涉及|未涉及|未发生|未产生|没有发生|没有产生)[^。；，]{0,12}(?:处理费|收费(?:事项|情况))"
                     r"|无(?:信息)?处理费(?:相关)?(?:事项|情况)|未(?:向申请人)?(?:发出|发送|下发)过?(?:信息处理费)?收费通知")
_FEE_NOTICE = lazy_re.compile(r"收费通知|缴费|缴纳|逾期未")
# Applications of another kind (复议申请, 信访) are not the table's.
_OTHER_APPLICATIONS = lazy_re.compile(r"复议|诉讼|信访|举报|投诉")


def _other_year(report: Report, text: str) -> bool:
    """The claim is about another year's cases (2023年结转的…均已审结), which the table does not settle."""
    found = years(text)
    return bool(found) and report.year is not None and report.year not in found


# What a rule of kind text_claims may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_TEXT_CLAIMS = {"required": ["claim"], "properties": {"claim": {"enum": ["all_closed", "all_handled", "no_fee_matter"]}}}


def check_text_claims(report: Report, options: dict[str, Any], context: Context) -> Iterator[Hit]:
    claim = options["claim"]
    if claim == "all_closed":
        yield from _all_closed(report, context)
    elif claim == "all_handled":
        yield from _all_handled(report, context)
    elif claim == "no_fee_matter":
        yield from _no_fee_matter(report, context)


def _subjects(sentence: Sentence) -> tuple[str, ...]:
    text = sentence.text
    if "复议" not in text and "诉讼" not in text and sentence.previous is not None:
        text = sentence.previous.text
    rec, lit = "复议" in text.replace("复议后", ""), "诉讼" in text or "起诉" in text
    if rec and not lit:
        return ("reconsideration",)
    if lit and not rec:
        return ("litigation",)
    return ("both",) if rec and lit else ()


def _all_closed(report: Report, context: Context) -> Iterator[Hit]:
    for sentence in sentences(context):
        match = _ALL_CLOSED.search(sentence.text)
        if not match or not in_scope(report, sentence.text) or _other_year(report, sentence.text) \
                or "结转" in sentence.text:
            continue
        subjects = _subjects(sentence)
        if not subjects:
            continue
        pending = cell_sum(report, "review", [(r, "pending") for r in SUBJECT_ROWS[subjects[0]]])
        if pending is None or pending[0] <= 0:
            continue
        yield Hit(sentence.pointer,
                  {"section": section_name(sentence), "sentence": quote(sentence), "claim": match.group(),
                   "pending": plain_number(pending[0])},
                  {"claim": match.group(), "table_value": plain_number(pending[0]), "cells": pending[1],
                   "sentence": sentence.text}, loc=location(report, sentence))


def _all_handled(report: Report, context: Context) -> Iterator[Hit]:
    forward = cell_sum(report, "requests", [("carried_forward", "total")])
    if forward is None or forward[0] <= 0:
        return
    for sentence in sentences(context):
        match = _ALL_HANDLED.search(sentence.text)
        if match and "申请" in sentence.text and in_scope(report, sentence.text) and "结转" not in sentence.text \
                and not _OTHER_APPLICATIONS.search(sentence.text) and not _other_year(report, sentence.text):
            yield Hit(sentence.pointer,
                      {"section": section_name(sentence), "sentence": quote(sentence), "claim": match.group(),
                       "pending": plain_number(forward[0])},
                      {"claim": match.group(), "table_value": plain_number(forward[0]), "cells": forward[1],
                       "sentence": sentence.text}, loc=location(report, sentence))


def _no_fee_matter(report: Report, context: Context) -> Iterator[Hit]:
    if fmt_of(report) != "2021":
        return
    unpaid = cell_sum(report, "requests", [("other_fee_unpaid", "total")])
    section = report.section("other")
    if unpaid is None or unpaid[0] <= 0 or section is None or _FEE_NOTICE.search(section.text or ""):
        return
    for sentence in sentences(context):
        if sentence.section is not section:
            continue
        match = _NO_FEE.search(sentence.text)
        if match:
            yield Hit(sentence.pointer,
                      {"section": section_name(sentence), "sentence": quote(sentence), "unpaid": plain_number(unpaid[0])},
                      {"claim": match.group(), "table_value": plain_number(unpaid[0]), "cells": unpaid[1],
                       "sentence": sentence.text}, loc=location(report, sentence))
            return


# --- the fee report of 六 ------------------------------------------------------------------

# The fee of 六 as reports name it: 信息处理费, 信息公开处理费, 政府信息公开收费, 依申请公开…收取…费用.
_FEE = lazy_re.compile(r"处理费|信息公开[^。；\n]{0,3}费|(?:信息公开|公开申请|依申请)[^。；\n]{0,20}(?:收费|收取[^。；\n]{0,8}费)"
                       r"|(?:收费|收取[^。；\n]{0,8}费)[^。；\n]{0,16}(?:信息公开|公开申请|依申请)")
_AMOUNT_WORDS = lazy_re.compile(r"(收取|共计|合计|金额|收费|累计)[^，。；]{0,10}$")


def check_fee_statement(report: Report, options: dict[str, Any], context: Context) -> Iterator[Hit]:
    section = report.section("other")
    if section is None or not _FEE.search(section.text or ""):
        return
    text = clean(section.text)
    fee_sentences = [s for s in sentences(context) if s.section is section and _FEE.search(s.text)]
    for sentence in fee_sentences:
        for token in sentence.tokens:
            if token.unit or not _AMOUNT_WORDS.search(sentence.text[:token.start]):
                continue
            yield Hit(sentence.pointer, {"section": section_name(sentence), "sentence": quote(sentence, token),
                                         "amount": plain_number(token.value)},
                      {"amount": plain_number(token.value), "sentence": sentence.text}, variant="unit",
                      loc=location(report, sentence))
    amounts = [t for s in fee_sentences for t in tokens(s.text) if t.unit in ("元", "万元") and t.value > 0]
    said_year = (report.year and str(report.year) in text) or re.search(r"本年|全年|年度|今年|当年", text)
    if amounts and not said_year:
        yield Hit(f"/sections/{section.id}", {"section": describe.section("other")},
                  {"amounts": [plain_number(t.value) for t in amounts]}, variant="year", loc=section.loc)


# --- a group of rows as a share of a total ----------------------------------------------------

# What a rule of kind row_share may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_ROW_SHARE = {
    "required": ["table", "rows", "of", "max_share"],
    "properties": {
        "table": {"$ref": "#/$defs/table"},
        "rows": {"$ref": "#/$defs/ids"},
        "of": {"$ref": "#/$defs/id"},
        "column": {"$ref": "#/$defs/id"},
        "max_share": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
    },
}


def check_row_share(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    table_id, col = options["table"], options.get("column", "total")
    table = report.tables.get(table_id)
    if table is None:
        return
    fmt = fmt_of(report)
    # Only the rows the report has: a 2021 report that kept the single 2019 （六） row
    # is measured by that row.
    rows = [r for r in expand(options["rows"], fmt) if r in table.rows]
    part = cell_sum(report, table_id, [(r, col) for r in rows]) if rows else None
    whole = cell_sum(report, table_id, [(options["of"], col)])
    if part is None or whole is None or whole[0] <= 0:
        return
    share = part[0] / whole[0]
    if share <= Decimal(str(options["max_share"])):
        return
    pointer = f"/tables/{table_id}/{rows[0]}/{col}"
    yield Hit(pointer, {"part": plain_number(part[0]), "whole": plain_number(whole[0]), "share": f"{share * 100:.1f}",
                        "limit": f"{Decimal(str(options['max_share'])) * 100:.0f}"},
              {"part": plain_number(part[0]), "whole": plain_number(whole[0]), "share": float(round(share, 4)),
               "cells": {**part[1], **whole[1]}})


def validate_row_share(options: dict[str, Any]) -> Iterator[tuple[tuple, str]]:
    from ..base import unknown_ids

    yield from unknown_ids(options["table"], list(options["rows"]) + [options["of"]], "rows", ("rows",))


KINDS = {
    "text_claims": Kind(check_text_claims, options=OPTIONS_TEXT_CLAIMS, uses_context=True),
    "fee_statement": Kind(check_fee_statement, uses_context=True),
    "row_share": Kind(check_row_share, options=OPTIONS_ROW_SHARE, validate=validate_row_share),
}
