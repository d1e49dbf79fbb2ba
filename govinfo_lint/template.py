"""The two official formats as data: every section, table, row and column label.

Ids are the public contract of ``../shared/spec/model.md``; labels are spelled exactly
as 国办公开办函〔2019〕60号 and 〔2021〕30号 spell them (full-width punctuation,
curly quotes, ``1.`` numbering). Rules, readers and the sample generator all read
their labels from here, so a label is written down once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

FORMATS = ("2019", "2021")

# (id, number, title): the template headings are number + title.
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("overview", "一、", "总体情况"),
    ("proactive", "二、", "主动公开政府信息情况"),
    ("requests", "三、", "收到和处理政府信息公开申请情况"),
    ("review", "四、", "政府信息公开行政复议、行政诉讼情况"),
    ("problems", "五、", "存在的主要问题及改进情况"),
    ("other", "六、", "其他需要报告的事项"),
)
SECTION_IDS = tuple(s[0] for s in SECTIONS)
SECTION_HEADINGS = {sid: num + title for sid, num, title in SECTIONS}
SECTION_TITLES = {sid: title for sid, _num, title in SECTIONS}
SECTION_NUMBERS = {sid: num for sid, num, _title in SECTIONS}

# Wordings the formats themselves use elsewhere (the narrative part of the notice)
# or that model reports use; accepted with an info finding rather than a warning.
SECTION_KNOWN_VARIANTS: dict[str, tuple[str, ...]] = {
    "overview": (),
    "proactive": ("行政机关主动公开政府信息情况",),
    "requests": ("行政机关收到和处理政府信息公开申请情况",),
    "review": (
        "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "因政府信息公开工作被申请行政复议、提起行政诉讼的情况",
        "政府信息公开行政复议及行政诉讼情况",
        "政府信息公开行政复议和行政诉讼情况",
    ),
    "problems": ("政府信息公开工作存在的主要问题及改进情况",),
    "other": (),
}

# Sections whose body is a table in the template.
TABLE_SECTIONS = ("proactive", "requests", "review")


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    kind: str = "count"  # count | signed | amount


@dataclass(frozen=True)
class Row:
    id: str
    label: str  # the leaf label as printed in its own cell
    group: str | None = None  # the spanning group label, e.g. （三）不予公开
    top: str | None = None  # the outer spanning label, e.g. 三、本年度办理结果


@dataclass(frozen=True)
class Block:
    """A captioned block of table 二 (第二十条第（X）项)."""

    id: str
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class TableTemplate:
    id: str
    title: str  # short Chinese name used in messages
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    blocks: tuple[Block, ...] = ()
    row_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)

    # The rules ask these for every cell of every report: look-ups, not scans.
    @cached_property
    def _rows_by_id(self) -> dict[str, Row]:
        return {r.id: r for r in reversed(self.rows)}  # the first of a repeated id wins, as a scan would

    @cached_property
    def _columns_by_id(self) -> dict[str, Column]:
        return {c.id: c for c in reversed(self.columns)}

    @cached_property
    def _column_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.columns)

    def row(self, row_id: str) -> Row | None:
        return self._rows_by_id.get(row_id)

    def column(self, col_id: str) -> Column | None:
        return self._columns_by_id.get(col_id)

    def columns_of(self, row_id: str) -> tuple[str, ...]:
        """The column ids a row has cells in (table 二 rows differ by block)."""
        return self.row_columns.get(row_id, self._column_ids)

    def block_of(self, row_id: str) -> Block | None:
        return next((b for b in self.blocks if any(r.id == row_id for r in b.rows)), None)

    def cell_count(self) -> int:
        return sum(len(self.columns_of(r.id)) for r in self.rows)


INFO_CONTENT = "信息内容"


def _art20(n: str) -> str:
    return f"第二十条第（{n}）项"


_P19_ART1 = (
    Column("produced", "本年新制作数量"),
    Column("published", "本年新公开数量"),
    Column("total_published", "对外公开总数量"),
)
_P19_ITEMS = (
    Column("previous_items", "上一年项目数量"),
    Column("change", "本年增/减", "signed"),
    Column("decisions", "处理决定数量"),
)
_P19_BLOCKS = (
    Block("art20_1", _art20("一"), _P19_ART1, (Row("regulations", "规章"), Row("normative_documents", "规范性文件"))),
    Block("art20_5", _art20("五"), _P19_ITEMS, (Row("licensing", "行政许可"), Row("other_services", "其他对外管理服务事项"))),
    Block("art20_6", _art20("六"), _P19_ITEMS, (Row("penalty", "行政处罚"), Row("compulsion", "行政强制"))),
    Block("art20_8", _art20("八"), _P19_ITEMS[:2], (Row("fees", "行政事业性收费"),)),
    Block(
        "art20_9",
        _art20("九"),
        (Column("items", "采购项目数量"), Column("amount", "采购总金额", "amount")),
        (Row("procurement", "政府集中采购"),),
    ),
)

_P21_ART1 = (
    Column("issued", "本年制发件数"),
    Column("repealed", "本年废止件数"),
    Column("in_force", "现行有效件数"),
)
_P21_DECISIONS = (Column("decisions", "本年处理决定数量"),)
_P21_BLOCKS = (
    Block("art20_1", _art20("一"), _P21_ART1, (Row("regulations", "规章"), Row("normative_documents", "行政规范性文件"))),
    Block("art20_5", _art20("五"), _P21_DECISIONS, (Row("licensing", "行政许可"),)),
    Block("art20_6", _art20("六"), _P21_DECISIONS, (Row("penalty", "行政处罚"), Row("compulsion", "行政强制"))),
    Block("art20_8", _art20("八"), (Column("amount", "本年收费金额（单位：万元）", "amount"),), (Row("fees", "行政事业性收费"),)),
)


def _proactive(fmt: str, blocks: tuple[Block, ...]) -> TableTemplate:
    columns: dict[str, Column] = {}
    row_columns: dict[str, tuple[str, ...]] = {}
    for block in blocks:
        for col in block.columns:
            columns.setdefault(col.id, col)
        for row in block.rows:
            row_columns[row.id] = tuple(c.id for c in block.columns)
    return TableTemplate(
        id="proactive",
        title="表二（主动公开政府信息情况）",
        rows=tuple(r for b in blocks for r in b.rows),
        columns=tuple(columns.values()),
        blocks=blocks,
        row_columns=row_columns,
    )


REQUESTS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
REQUESTS_COLUMN_GROUP = "申请人情况"
REQUESTS_ORG_GROUP = "法人或其他组织"
REQUESTS_COLUMNS = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("social_org", "社会公益组织"),
    Column("legal_service", "法律服务机构"),
    Column("other_org", "其他"),
    Column("total", "总计"),
)
REQUESTS_PART_COLUMNS = tuple(c.id for c in REQUESTS_COLUMNS if c.id != "total")

_RESULTS = "三、本年度办理结果"
_DENIED = "（三）不予公开"
_UNABLE = "（四）无法提供"
_DECLINED = "（五）不予处理"
_OTHER = "（六）其他处理"

_REQ_HEAD = (
    Row("new_received", "一、本年新收政府信息公开申请数量"),
    Row("carried_over", "二、上年结转政府信息公开申请数量"),
    Row("granted", "（一）予以公开", None, _RESULTS),
    Row("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None, _RESULTS),
    Row("denied_state_secret", "1.属于国家秘密", _DENIED, _RESULTS),
    Row("denied_law_prohibited", "2.其他法律行政法规禁止公开", _DENIED, _RESULTS),
    Row("denied_security_stability", "3.危及“三安全一稳定”", _DENIED, _RESULTS),
    Row("denied_third_party", "4.保护第三方合法权益", _DENIED, _RESULTS),
    Row("denied_internal_affairs", "5.属于三类内部事务信息", _DENIED, _RESULTS),
    Row("denied_process_info", "6.属于四类过程性信息", _DENIED, _RESULTS),
    Row("denied_enforcement_file", "7.属于行政执法案卷", _DENIED, _RESULTS),
    Row("denied_query", "8.属于行政查询事项", _DENIED, _RESULTS),
    Row("unable_not_held", "1.本机关不掌握相关政府信息", _UNABLE, _RESULTS),
    Row("unable_needs_creation", "2.没有现成信息需要另行制作", _UNABLE, _RESULTS),
    Row("unable_unclear", "3.补正后申请内容仍不明确", _UNABLE, _RESULTS),
    Row("declined_petition", "1.信访举报投诉类申请", _DECLINED, _RESULTS),
    Row("declined_repeated", "2.重复申请", _DECLINED, _RESULTS),
    Row("declined_publication", "3.要求提供公开出版物", _DECLINED, _RESULTS),
    Row("declined_excessive", "4.无正当理由大量反复申请", _DECLINED, _RESULTS),
    Row("declined_confirmation", "5.要求行政机关确认或重新出具已获取信息", _DECLINED, _RESULTS),
)
_REQ_OTHER_2019 = (Row("other", "（六）其他处理", None, _RESULTS),)
_REQ_OTHER_2021 = (
    Row("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", _OTHER, _RESULTS),
    Row("other_fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", _OTHER, _RESULTS),
    Row("other_misc", "3.其他", _OTHER, _RESULTS),
)
_REQ_TAIL = (
    Row("handled_total", "（七）总计", None, _RESULTS),
    Row("carried_forward", "四、结转下年度继续办理"),
)
# Rows of 三 whose sum is （七）总计 (ID-2), per format.
RESULT_ROWS = {
    "2019": tuple(r.id for r in _REQ_HEAD[2:] + _REQ_OTHER_2019),
    "2021": tuple(r.id for r in _REQ_HEAD[2:] + _REQ_OTHER_2021),
}

REVIEW_COLUMNS = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)
REVIEW_LITIGATION = "行政诉讼"
REVIEW_ROWS = (
    Row("reconsideration", "行政复议"),
    Row("litigation_direct", "未经复议直接起诉", REVIEW_LITIGATION),
    Row("litigation_after_reconsideration", "复议后起诉", REVIEW_LITIGATION),
)


def _requests(rows: tuple[Row, ...]) -> TableTemplate:
    return TableTemplate("requests", "表三（收到和处理政府信息公开申请情况）", rows, REQUESTS_COLUMNS)


TABLES: dict[str, dict[str, TableTemplate]] = {
    "2019": {
        "proactive": _proactive("2019", _P19_BLOCKS),
        "requests": _requests(_REQ_HEAD + _REQ_OTHER_2019 + _REQ_TAIL),
        "review": TableTemplate("review", "表四（政府信息公开行政复议、行政诉讼情况）", REVIEW_ROWS, REVIEW_COLUMNS),
    },
    "2021": {
        "proactive": _proactive("2021", _P21_BLOCKS),
        "requests": _requests(_REQ_HEAD + _REQ_OTHER_2021 + _REQ_TAIL),
        "review": TableTemplate("review", "表四（政府信息公开行政复议、行政诉讼情况）", REVIEW_ROWS, REVIEW_COLUMNS),
    },
}
TABLE_IDS = ("proactive", "requests", "review")
TABLE_TITLES = {tid: TABLES["2021"][tid].title for tid in TABLE_IDS}


def table(fmt: str | None, table_id: str) -> TableTemplate | None:
    return TABLES.get(fmt or "2021", {}).get(table_id)


def all_row_ids(table_id: str) -> set[str]:
    return {r.id for fmt in FORMATS for r in TABLES[fmt][table_id].rows}


def all_column_ids(table_id: str) -> set[str]:
    return {c.id for fmt in FORMATS for c in TABLES[fmt][table_id].columns}


# Row and column ids that exist in only one format: their presence tells the version.
def _only(fmt: str, other: str, kind: str) -> dict[str, frozenset[str]]:
    out = {}
    for tid in TABLE_IDS:
        mine = TABLES[fmt][tid]
        theirs = TABLES[other][tid]
        if kind == "rows":
            out[tid] = frozenset({r.id for r in mine.rows} - {r.id for r in theirs.rows})
        else:
            out[tid] = frozenset({c.id for c in mine.columns} - {c.id for c in theirs.columns})
    return out


FORMAT_ONLY_ROWS = {"2019": _only("2019", "2021", "rows"), "2021": _only("2021", "2019", "rows")}
FORMAT_ONLY_COLUMNS = {"2019": _only("2019", "2021", "columns"), "2021": _only("2021", "2019", "columns")}

# Column labels that exist in only one format's table 二: used to detect the version
# of a document from its headers.
FORMAT_ONLY_LABELS = {
    "2019": ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减",
             "采购项目数量", "采购总金额", "其他对外管理服务事项", "政府集中采购"),
    "2021": ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"),
}

FORMAT_NOTICES = {"2019": "国办公开办函〔2019〕60号", "2021": "国办公开办函〔2021〕30号"}


def format_for_year(year: int) -> str:
    return "2021" if year >= 2021 else "2019"


LEVELS = (
    "state_council_department",
    "provincial_government",
    "provincial_department",
    "prefecture_government",
    "prefecture_department",
    "county_government",
    "county_department",
    "township",
    "other",
)
# 立法法 arts. 91 and 93: who may make 规章.
RULE_MAKING_LEVELS = ("state_council_department", "provincial_government", "prefecture_government")
GOVERNMENT_LEVELS = ("provincial_government", "prefecture_government", "county_government", "township")
