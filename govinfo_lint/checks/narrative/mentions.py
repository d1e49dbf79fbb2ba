"""Which table figure a narrative number speaks of, and what the tables say it is.

A number is read as a table quantity only when the words right before it (its lead)
name that quantity unambiguously: 受理…申请 749 件 is 一、本年新收; 答复 3050 件 is
（七）总计; 行政复议 351 件，其中结果维持 72 件 gives 复议 总计 and 结果维持. When the
words are weak (办理, 答复 alone) every reading the format allows is accepted. A figure
the table can legitimately differ from (备案, a whole region, a delta, an estimate,
another year) is not read at all: silence is cheaper than a false alarm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ... import template
from ... import describe
from ...model import Report
from ..context import Context
from .scan import DELTA, OUT_OF_SCOPE, Sentence, Token, about_other_years, in_scope, sentences
from ... import lazy_re

# (name, pattern, kind). Kinds: strong/weak words of table 三, subjects and parts of
# table 四, document types and actions of table 二. Longer matches win over the
# shorter ones they contain (上年结转 over 结转, 复议后起诉 over 复议).
LEXICON: list[tuple[str, str, str]] = [
    ("granted_partial", r"予以公开(?:及|和|、|与|或)部分公开|全部或部分公开", "strong"),
    ("granted", r"予以公开|同意公开|全部公开", "strong"),
    ("partial", r"部分公开", "strong"),
    ("denied", r"不予公开", "strong"),
    ("unable", r"无法提供", "strong"),
    ("declined", r"不予处理", "strong"),
    ("other_handling", r"其[他它]处理", "strong"),
    ("carried_over", r"上一?年度?(?:结转|转入)|往年结转|上年遗留|(?:结转|转)(?:至|到|入)本年度?|(?:结转|转)自?上一?年度?",
     "strong"),
    ("carried_forward", r"(?:结转|转|顺延)(?:至|到)?下一?年度?|(?:结转|顺延)(?:至|到)\d{4}年|顺延|结转", "strong"),
    ("handled", r"办结|办理完成|办理完毕|处理完毕|答复完毕|作出答复|已答复", "strong"),
    ("handled_weak", r"答复|办理", "weak"),
    ("received", r"收到|受理|接收|接到|新收|共收", "strong"),
    ("col:natural_person", r"自然人", "strong"),
    ("col:$org", r"法人(?:或|和|及|或者)其[他它]组织", "strong"),
    ("col:commercial", r"商业企业", "strong"),
    ("col:research", r"科研机构", "strong"),
    ("col:social_org", r"社会公益组织", "strong"),
    ("col:legal_service", r"法律服务机构", "strong"),
    ("subject:after", r"复议后(?:起诉|诉讼)", "subject"),
    ("subject:direct", r"(?:未经复议)?直接(?:起诉|诉讼)", "subject"),
    ("subject:both", r"(?:行政)?复议(?:、|和|及|与)(?:行政)?诉讼|复议诉讼", "subject"),
    ("subject:reconsideration", r"(?:行政)?复议(?!机关|机构|科|局|委员会|决定书)", "subject"),
    ("subject:litigation", r"(?:行政)?诉讼|起诉|应诉", "subject"),
    ("part:upheld", r"结果维持|维持", "part"),
    ("part:corrected", r"结果纠正|纠正|纠错", "part"),
    ("part:other", r"其他结果", "part"),
    ("part:pending", r"尚未审结|未审结|尚未结案|未结案|正在审理|审理中", "part"),
    ("doc:normative_documents", r"(?:行政)?规范性文件", "doc"),
    ("doc:regulations", r"规章(?!制度)", "doc"),
    ("act:in_force", r"现行有效", "act"),
    ("act:repealed", r"废止|宣布失效", "act"),
    ("act:issued", r"制发|印发|制定|出台", "act"),
]
_COMPILED = [(name, lazy_re.compile(pattern), kind) for name, pattern, kind in LEXICON]
# Words that make the figure another count than the table's: documents reviewed or
# explained; reconsideration cases the organ decides (受理/审理) rather than faces;
# materials, opinions or calls received rather than applications.
_BLOCKERS = {
    "documents": lazy_re.compile(r"审查|审核|备案|解读|征求|清理出|梳理|报送|起草"),
    "review": lazy_re.compile(r"受理|审理|复议申请|复议决定|作出"),
    "requests": lazy_re.compile(r"补正|材料|意见|建议|诉求|咨询|来信|来电|电话|留言|回执|书|热线|12345|人次"
                           # applications of another kind, or one channel's share of them
                           r"|复议|诉讼|信访|举报|投诉|网站|网上|在线|信函|当面|现场|邮寄|传真|邮件|邮箱|窗口|平台|渠道"),
}
_TAIL_KINDS = ("carried_forward", "subject")
# The noun after the figure names what it counts: 6个部分, 3个方面, 15个工作日 count no
# applications or cases whatever words came before them.
_OTHER_NOUN = lazy_re.compile(r"^(?:部分(?!公开)|方面|章节|板块|栏目|专栏|专题|渠道|平台|工作日|自然日|批次|类别)")
# 依申请公开 is also a disclosure attribute of information: 主动公开148条，依申请公开信息数
# 182条，不予公开信息数95条 counts information items, not requests and their outcomes.
_ATTRIBUTE = lazy_re.compile(r"依申请公开")
_INFO_ITEM = lazy_re.compile(r"信息|主动公开")


def _information_count(text: str, sentence: Sentence, token: Token) -> bool:
    """The figure counts information by its disclosure attribute, not applications."""
    if "申请" in _ATTRIBUTE.sub("", text):
        return False
    if token.unit == "条" or _INFO_ITEM.search(token.lead):
        return True
    return any("主动公开" in t.lead for t in sentence.tokens if t is not token)
FAMILIES = {
    "received": ("received", "col"),
    "carried": ("carried_over", "carried_forward"),
    "handled": ("handled", "handled_weak"),
    "results": ("granted_partial", "granted", "partial", "denied", "unable", "declined", "other_handling"),
    "review": ("subject", "part"),
    "documents": ("doc",),
}
RESULT_ROWS = {
    "granted": ("granted",), "partial": ("partially_granted",), "granted_partial": ("granted", "partially_granted"),
    "denied": tuple(r.id for r in template.TABLES["2021"]["requests"].rows if r.id.startswith("denied_")),
    "unable": ("unable_not_held", "unable_needs_creation", "unable_unclear"),
    "declined": tuple(r.id for r in template.TABLES["2021"]["requests"].rows if r.id.startswith("declined_")),
    "other_handling": ("other_no_correction", "other_fee_unpaid", "other_misc"),
}
SUBJECT_ROWS = {
    "reconsideration": ("reconsideration",), "litigation": ("litigation_direct", "litigation_after_reconsideration"),
    "direct": ("litigation_direct",), "after": ("litigation_after_reconsideration",),
    "both": ("reconsideration", "litigation_direct", "litigation_after_reconsideration"),
}
NAMES = {
    "received": ("收到（受理）申请数", "applications received"),
    "carried_over": ("上年结转申请数", "applications carried over"),
    "carried_forward": ("结转下年度继续办理数", "applications carried forward"),
    "handled": ("办结（答复）申请数", "applications handled"),
    "handled_weak": ("办理申请数", "applications dealt with"),
    "granted": ("予以公开数", "granted"), "partial": ("部分公开数", "partially granted"),
    "granted_partial": ("予以公开及部分公开数", "granted and partially granted"),
    "denied": ("不予公开数", "denied"), "unable": ("无法提供数", "unable to provide"),
    "declined": ("不予处理数", "declined"), "other_handling": ("其他处理数", "otherwise handled"),
    "reconsideration": ("行政复议案件数", "reconsideration cases"), "litigation": ("行政诉讼案件数", "litigation cases"),
    "direct": ("未经复议直接起诉案件数", "direct litigation cases"),
    "after": ("复议后起诉案件数", "litigation after reconsideration"),
    "both": ("行政复议和行政诉讼案件数", "reconsideration and litigation cases"),
    "upheld": ("结果维持", "upheld"), "corrected": ("结果纠正", "corrected"), "other": ("其他结果", "other result"),
    "pending": ("尚未审结", "pending"), "total": ("总计", "total"),
    "regulations": ("规章", "regulations"), "normative_documents": ("行政规范性文件", "normative documents"),
    "issued": ("本年制发件数", "issued this year"), "repealed": ("本年废止件数", "repealed this year"),
    "in_force": ("现行有效件数", "in force"),
}


@dataclass
class Mention:
    family: str
    quantity: str  # e.g. received, denied, reconsideration/upheld, normative_documents/in_force
    sentence: Sentence
    token: Token
    keyword: str
    percent: Token | None = None
    extra: dict = field(default_factory=dict)

    @property
    def value(self) -> Decimal:
        return self.token.value


def keyword_matches(text: str) -> list[tuple[int, int, str, str, str]]:
    found = [(m.start(), m.end(), name, kind, m.group()) for name, rx, kind in _COMPILED for m in rx.finditer(text)]
    return [f for f in found if not any(o is not f and o[0] <= f[0] and f[1] <= o[1] and (o[1] - o[0]) > (f[1] - f[0])
                                         for o in found)]


def family_of(name: str, kind: str) -> str | None:
    base = name.split(":")[0]
    for family, members in FAMILIES.items():
        if base in members or kind in members:
            return family
    return None


def mentions(context: Context) -> list[Mention]:
    """Every narrative number that names a table quantity, with its sentence (``context.once(mentions)``
    reads them once for all the rules of a run)."""
    report = context.report
    out: list[Mention] = []
    request_ctx: dict[int, bool] = {}
    for sentence in sentences(context):
        text = sentence.text
        has_request = "申请" in text or (text.startswith("其中") and sentence.previous is not None
                                          and request_ctx.get(id(sentence.previous), False))
        request_ctx[id(sentence)] = has_request
        if not sentence.tokens or not in_scope(report, text) or about_other_years(text, report.year):
            continue
        # Cases counted right after a sentence on 备案 (依申请公开案件备案 … 行政复议案件134件)
        # are the cases filed, whose scope the tables do not settle.
        after_filing = sentence.previous is not None and bool(OUT_OF_SCOPE.search(sentence.previous.text))
        has_review = bool(re.search(r"复议|诉讼", text))
        subject = None
        for i, token in enumerate(sentence.tokens):
            prefix_subjects = [m for m in keyword_matches(text[:token.start]) if m[3] == "subject"]
            subject = prefix_subjects[-1][2].split(":")[1] if prefix_subjects else None
            if not token.is_count or token.approximate or DELTA.search(token.lead) or _OTHER_NOUN.match(token.tail):
                continue
            mention = _read(report, sentence, token, subject, has_request, has_review)
            if mention and mention.family in ("received", "carried", "handled", "results") \
                    and _information_count(text, sentence, token):
                continue
            if mention and mention.family == "review" and after_filing:
                continue
            if mention:
                nxt = sentence.tokens[i + 1] if i + 1 < len(sentence.tokens) else None
                if nxt is not None and nxt.unit == "%" and re.fullmatch(r"[（(]?(?:占比?|比例为|占比为)?", nxt.lead):
                    mention.percent = nxt
                out.append(mention)
    return out


def _read(report: Report, sentence: Sentence, token: Token, subject: str | None, has_request: bool,
          has_review: bool) -> Mention | None:
    found = keyword_matches(token.lead)
    strong = [m for m in found if m[3] != "weak"]
    pick = max(strong, key=lambda m: (m[1], m[1] - m[0])) if strong else None
    if pick is None:
        tail = [m for m in keyword_matches(token.tail) if m[2].split(":")[0] in _TAIL_KINDS or m[3] in _TAIL_KINDS]
        weak = [m for m in found if m[3] == "weak"]
        pick = tail[0] if tail else (weak[-1] if weak else None)
    if pick is None:
        return None
    name, kind, word = pick[2], pick[3], pick[4]
    if name == "carried_forward" and report.year and f"{report.year - 1}年" in token.lead[:pick[0]]:
        name = "carried_over"  # 2023年结转的3件 in the 2024 report: last year's, carried over
    family = family_of(name, kind)
    blocker = _BLOCKERS.get("documents" if kind in ("doc", "act") else "review" if kind in ("subject", "part")
                            else "requests")
    if blocker.search(token.lead):
        return None
    if kind in ("doc", "act"):
        if report.format == "2019":
            return None
        docs = [m for m in found if m[3] == "doc"]
        acts = [m for m in found if m[3] == "act"]
        if not docs or not acts:
            return None
        quantity = docs[-1][2].split(":")[1] + "/" + acts[-1][2].split(":")[1]
        return Mention("documents", quantity, sentence, token, docs[-1][4] + "·" + acts[-1][4])
    if kind == "subject":
        return Mention("review", name.split(":")[1] + "/total", sentence, token, word)
    if kind == "part":
        if subject is None:
            return None
        return Mention("review", subject + "/" + name.split(":")[1], sentence, token, word)
    if not has_request or (kind == "weak" and has_review):
        return None
    if name.startswith("col:"):
        return Mention("received", name, sentence, token, word)
    return Mention(family or "", name, sentence, token, word)


# --- what the tables say --------------------------------------------------------------

def _requests_rows(report: Report, quantity: str) -> tuple[str, ...]:
    rows = RESULT_ROWS[quantity]
    if quantity == "other_handling":
        table = report.tables.get("requests")
        if report.format == "2019" or (table and "other" in table.rows and not any(r in table.rows for r in rows)):
            return ("other",)
    return rows


def cell_sum(report: Report, table_id: str, terms: list[tuple[str, str]]):
    """(value, {pointer: value}) of a sum of cells, or None when a cell is missing."""
    table = report.tables.get(table_id)
    if table is None:
        return None
    total, cells = Decimal(0), {}
    for row, col in terms:
        cell = table.cell(row, col)
        if cell is None or cell.value is None:
            return None
        total += Decimal(cell.value)
        cells[f"/tables/{table_id}/{row}/{col}"] = _plain(cell.value)
    return total, cells


def _plain(value):
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def alternatives(report: Report, mention: Mention) -> list[tuple[str, Decimal, dict]]:
    """The readings of the table this figure may legitimately equal: (label, value, cells)."""
    q = mention.quantity
    req = "requests"
    options: list[tuple[str, list[tuple[str, str]]]] = []
    if q.startswith("col:"):
        col = q.split(":")[1]
        cols = template.REQUESTS_PART_COLUMNS[1:] if col == "$org" else (col,)
        options = [("new", [("new_received", c) for c in cols]),
                   ("new+carried", [(r, c) for r in ("new_received", "carried_over") for c in cols]),
                   ("handled", [("handled_total", c) for c in cols])]
    elif q == "received":
        options = [("new", [("new_received", "total")]),
                   ("new+carried", [("new_received", "total"), ("carried_over", "total")])]
    elif q == "carried_over":
        options = [("carried_over", [("carried_over", "total")])]
    elif q == "carried_forward":
        options = [("carried_forward", [("carried_forward", "total")])]
    elif q == "handled":
        options = [("handled", [("handled_total", "total")])]
    elif q == "handled_weak":
        options = [("handled", [("handled_total", "total")]), ("new", [("new_received", "total")]),
                   ("new+carried", [("new_received", "total"), ("carried_over", "total")])]
    elif q in RESULT_ROWS:
        options = [(q, [(r, "total") for r in _requests_rows(report, q)])]
    elif mention.family == "review":
        subject, col = q.split("/")
        options = [(q, [(r, col) for r in SUBJECT_ROWS[subject]])]
        req = "review"
    elif mention.family == "documents":
        row, col = q.split("/")
        options = [(q, [(row, col)])]
        req = "proactive"
    out = []
    for label, terms in options:
        got = cell_sum(report, req, terms)
        if got is not None:
            out.append((label, got[0], got[1]))
    return out


def name_of(mention: Mention) -> dict[str, str]:
    q = mention.quantity
    if q.startswith("col:"):
        col = q.split(":")[1]
        zh = "法人或其他组织" if col == "$org" else describe.column_label("2021", "requests", col)
        return describe.bilingual(f"{zh}申请数", f"applications from {col.lstrip('$')}")
    if "/" in q:
        a, b = q.split("/")
        if mention.family == "documents":
            return describe.bilingual(f"{NAMES[a][0]}{NAMES[b][0]}", f"{NAMES[a][1]} {NAMES[b][1]}")
        if b == "total":
            return describe.bilingual(NAMES[a][0], NAMES[a][1])
        return describe.bilingual(f"{NAMES[a][0].replace('案件数', '')}{NAMES[b][0]}数", f"{NAMES[a][1]}: {NAMES[b][1]}")
    return describe.bilingual(*NAMES.get(q, (q, q)))
