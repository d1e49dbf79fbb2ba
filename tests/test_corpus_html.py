"""The HTML reader on the real pages of the corpus (../shared/corpus).

Expected figures were read from the pages themselves and checked against
corpus/INDEX.tsv (every figure it lists) and the row/column sums of each table;
the labelled fixture's against its .expected.json. Grids are checked directly;
once readers/assemble.py exists, every cell of tables 二/三/四 is checked again in
the Report that ``govinfo_lint.readers.read`` builds. Blank cells are ``_``.
"""

from __future__ import annotations

import importlib.util
import json
import time

import pytest

from govinfo_lint import template
from govinfo_lint.normalize import normalize
from govinfo_lint.readers.document import Paragraph, TableGrid
from govinfo_lint.readers.html.read import read_document
from govinfo_lint.values import parse_cell

HAS_ASSEMBLER = importlib.util.find_spec("govinfo_lint.readers.mapping.assemble") is not None

PAGES = {
    "2019": ("pingtan-gov-zwgk-archive/html/2019/page.html", 2019, "2019", "2020-01-20",
             "平潭综合实验区2019年政府信息公开工作年度报告"),
    "2020": ("pingtan-gov-zwgk-archive/html/2020/page.html", 2020, "2019", "2021-03-05",
             "平潭综合实验区2020年政府信息公开工作年度报告"),
    "2021": ("pingtan-gov-zwgk-archive/html/2021/page.html", 2021, "2021", "2022-02-08",
             "平潭综合实验区2021年度政府信息公开工作年度报告"),
    "2022": ("pingtan-gov-zwgk-archive/html/2022/page.html", 2022, "2021", "2023-02-20",
             "平潭综合实验区2022年度政府信息公开工作年度报告"),
    "2023": ("pingtan-gov-zwgk-archive/html/2023/page.html", 2023, "2021", "2024-03-08",
             "平潭综合实验区2023年度政府信息公开工作年度报告"),
    "2024": ("pingtan-gov-zwgk-archive/html/2024/page.html", 2024, "2021", "2025-03-10",
             "平潭综合实验区2024年度政府信息公开工作年度报告"),
    "2025": ("pingtan-gov-zwgk-archive/html/2025/page.html", 2025, "2021", "2026-03-10",
             "平潭综合实验区2025年度政府信息公开工作年度报告"),
    "shanghai": ("shanghai-office-2019/page.html", 2019, "2019", "2020-01-31",
                 "2019年上海市人民政府办公厅政府信息公开工作年度报告"),
    "fixture": ("_labelled/KIROGOVCOMPARE/filing-html-import-fixture.html", 2025, "2021", None,
                "测试市2025年政府信息公开工作年度报告"),
}
AGENCY = {key: "平潭综合实验区" for key in PAGES}
AGENCY.update(shanghai="上海市人民政府办公厅", fixture="测试市")

# Table 二: row label -> values in column order; 三: leaf label -> the seven columns
# 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计; 四: the data row.
EXPECTED = {
    "2019": {"shapes": [(18, 4), (26, 10), (4, 15)],
        "proactive": {
            "规章": "0 0 0",
            "规范性文件": "89 89 89",
            "行政许可": "396 0 181",
            "其他对外管理服务事项": "10 0 153",
            "行政处罚": "2648 0 430",
            "行政强制": "126 0 25",
            "行政事业性收费": "35 0",
            "政府集中采购": "135 75394432.52元",
        },
        "requests": {
            "一、本年新收政府信息公开申请数量": "23 0 0 0 0 0 23",
            "二、上年结转政府信息公开申请数量": "0 0 0 0 0 0 0",
            "（一）予以公开": "7 0 0 0 0 0 7",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "1 0 0 0 0 0 1",
            "1.属于国家秘密": "0 0 0 0 0 0 0",
            "2.其他法律行政法规禁止公开": "0 0 0 0 0 0 0",
            "3.危及“三安全一稳定”": "0 0 0 0 0 0 0",
            "4.保护第三方合法权益": "0 0 0 0 0 0 0",
            "5.属于三类内部事务信息": "0 0 0 0 0 0 0",
            "6.属于四类过程性信息": "0 0 0 0 0 0 0",
            "7.属于行政执法案卷": "0 0 0 0 0 0 0",
            "8.属于行政查询事项": "0 0 0 0 0 0 0",
            "1.本机关不掌握相关政府信息": "7 0 0 0 0 0 7",
            "2.没有现成信息需要另行制作": "0 0 0 0 0 0 0",
            "3.补正后申请内容仍不明确": "5 0 0 0 0 0 5",
            "1.信访举报投诉类申请": "0 0 0 0 0 0 0",
            "2.重复申请": "3 0 0 0 0 0 3",
            "3.要求提供公开出版物": "0 0 0 0 0 0 0",
            "4.无正当理由大量反复申请": "0 0 0 0 0 0 0",
            "5.要求行政机关确认或重新出具已获取信息": "0 0 0 0 0 0 0",
            "（六）其他处理": "0 0 0 0 0 0 0",
            "（七）总计": "23 0 0 0 0 0 23",
            "四、结转下年度继续办理": "0 0 0 0 0 0 0",
        },
        "review": "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"},
    "2020": {"shapes": [(18, 4), (26, 10), (4, 15)],
        "proactive": {
            "规章": "0 0 7",
            "规范性文件": "77 77 166",
            "行政许可": "396 442 278",
            "其他对外管理服务事项": "10 7 105",
            "行政处罚": "2648 -18 538",
            "行政强制": "126 26 29",
            "行政事业性收费": "35 -15",
            "政府集中采购": "395 73802895.90元",
        },
        "requests": {
            "一、本年新收政府信息公开申请数量": "20 0 0 0 0 1 21",
            "二、上年结转政府信息公开申请数量": "0 0 0 0 0 0 0",
            "（一）予以公开": "6 0 0 0 0 1 7",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "6 0 0 0 0 0 6",
            "1.属于国家秘密": "0 0 0 0 0 0 0",
            "2.其他法律行政法规禁止公开": "0 0 0 0 0 0 0",
            "3.危及“三安全一稳定”": "0 0 0 0 0 0 0",
            "4.保护第三方合法权益": "0 0 0 0 0 0 0",
            "5.属于三类内部事务信息": "0 0 0 0 0 0 0",
            "6.属于四类过程性信息": "0 0 0 0 0 0 0",
            "7.属于行政执法案卷": "0 0 0 0 0 0 0",
            "8.属于行政查询事项": "0 0 0 0 0 0 0",
            "1.本机关不掌握相关政府信息": "4 0 0 0 0 0 4",
            "2.没有现成信息需要另行制作": "0 0 0 0 0 0 0",
            "3.补正后申请内容仍不明确": "3 0 0 0 0 0 3",
            "1.信访举报投诉类申请": "0 0 0 0 0 0 0",
            "2.重复申请": "3 0 0 0 0 0 3",
            "3.要求提供公开出版物": "0 0 0 0 0 0 0",
            "4.无正当理由大量反复申请": "0 0 0 0 0 0 0",
            "5.要求行政机关确认或重新出具已获取信息": "0 0 0 0 0 0 0",
            "（六）其他处理": "4 0 0 0 0 0 4",
            "（七）总计": "20 0 0 0 0 1 21",
            "四、结转下年度继续办理": "0 0 0 0 0 0 0",
        },
        "review": "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"},
    "2021": {"shapes": [(14, 4), (28, 11), (4, 15)],
        "proactive": {
            "规章": "0 0 0",
            "行政规范性文件": "69 3 665",
            "行政许可": "2293",
            "行政处罚": "1282",
            "行政强制": "42",
            "行政事业性收费": "24252.311082",
        },
        "requests": {
            "一、本年新收政府信息公开申请数量": "64 0 0 2 0 4 70",
            "二、上年结转政府信息公开申请数量": "0 0 0 0 0 0 0",
            "（一）予以公开": "27 0 0 2 0 1 30",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "5 0 0 0 0 0 5",
            "1.属于国家秘密": "0 0 0 0 0 0 0",
            "2.其他法律行政法规禁止公开": "0 0 0 0 0 0 0",
            "3.危及“三安全一稳定”": "0 0 0 0 0 0 0",
            "4.保护第三方合法权益": "0 0 0 0 0 0 0",
            "5.属于三类内部事务信息": "1 0 0 0 0 0 1",
            "6.属于四类过程性信息": "0 0 0 0 0 0 0",
            "7.属于行政执法案卷": "6 0 0 0 0 0 6",
            "8.属于行政查询事项": "1 0 0 0 0 0 1",
            "1.本机关不掌握相关政府信息": "22 0 0 0 0 3 25",
            "2.没有现成信息需要另行制作": "0 0 0 0 0 0 0",
            "3.补正后申请内容仍不明确": "0 0 0 0 0 0 0",
            "1.信访举报投诉类申请": "0 0 0 0 0 0 0",
            "2.重复申请": "0 0 0 0 0 0 0",
            "3.要求提供公开出版物": "0 0 0 0 0 0 0",
            "4.无正当理由大量反复申请": "0 0 0 0 0 0 0",
            "5.要求行政机关确认或重新出具已获取信息": "0 0 0 0 0 0 0",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": "0 0 0 0 0 0 0",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": "0 0 0 0 0 0 0",
            "3.其他": "1 0 0 0 0 0 1",
            "（七）总计": "63 0 0 2 0 4 69",
            "四、结转下年度继续办理": "1 0 0 0 0 0 1",
        },
        "review": "1 0 2 0 3 12 0 0 0 12 0 0 0 0 0"},
    "2022": {"shapes": [(14, 4), (28, 10), (4, 15)],
        "proactive": {
            "规章": "0 0 0",
            "行政规范性文件": "88 55 698",
            "行政许可": "10690",
            "行政处罚": "2113",
            "行政强制": "0",
            "行政事业性收费": "9116.36",
        },
        "requests": {
            "一、本年新收政府信息公开申请数量": "71 3 0 0 0 0 74",
            "二、上年结转政府信息公开申请数量": "1 0 0 0 0 0 1",
            "（一）予以公开": "21 0 0 0 0 0 21",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "8 1 0 0 0 0 9",
            "1.属于国家秘密": "0 0 0 0 0 0 0",
            "2.其他法律行政法规禁止公开": "0 0 0 0 0 0 0",
            "3.危及“三安全一稳定”": "0 0 0 0 0 0 0",
            "4.保护第三方合法权益": "0 0 0 0 0 0 0",
            "5.属于三类内部事务信息": "1 0 0 0 0 0 1",
            "6.属于四类过程性信息": "2 0 0 0 0 0 2",
            "7.属于行政执法案卷": "1 0 0 0 0 0 1",
            "8.属于行政查询事项": "0 0 0 0 0 0 0",
            "1.本机关不掌握相关政府信息": "37 0 0 0 0 0 37",
            "2.没有现成信息需要另行制作": "0 0 0 0 0 0 0",
            "3.补正后申请内容仍不明确": "0 0 0 0 0 0 0",
            "1.信访举报投诉类申请": "0 0 0 0 0 0 0",
            "2.重复申请": "0 0 0 0 0 0 0",
            "3.要求提供公开出版物": "0 0 0 0 0 0 0",
            "4.无正当理由大量反复申请": "0 0 0 0 0 0 0",
            "5.要求行政机关确认或重新出具已获取信息": "0 0 0 0 0 0 0",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": "2 0 0 0 0 0 2",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": "0 0 0 0 0 0 0",
            "3.其他": "0 2 0 0 0 0 2",
            "（七）总计": "72 3 0 0 0 0 75",
            "四、结转下年度继续办理": "0 0 0 0 0 0 0",
        },
        "review": "0 1 1 0 2 1 0 0 0 1 0 0 0 0 0"},
    "2023": {"shapes": [(14, 4), (28, 10), (4, 15)],
        "proactive": {
            "规章": "0 0 0",
            "行政规范性文件": "77 132 470",
            "行政许可": "2629",
            "行政处罚": "1330",
            "行政强制": "54",
            "行政事业性收费": "5949.088667",
        },
        "requests": {
            "一、本年新收政府信息公开申请数量": "80 1 0 0 0 0 81",
            "二、上年结转政府信息公开申请数量": "0 0 0 0 0 0 0",
            "（一）予以公开": "22 0 0 0 0 0 22",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "19 1 0 0 0 0 20",
            "1.属于国家秘密": "0 0 0 0 0 0 0",
            "2.其他法律行政法规禁止公开": "0 0 0 0 0 0 0",
            "3.危及“三安全一稳定”": "0 0 0 0 0 0 0",
            "4.保护第三方合法权益": "1 0 0 0 0 0 1",
            "5.属于三类内部事务信息": "0 0 0 0 0 0 0",
            "6.属于四类过程性信息": "1 0 0 0 0 0 1",
            "7.属于行政执法案卷": "1 0 0 0 0 0 1",
            "8.属于行政查询事项": "2 0 0 0 0 0 2",
            "1.本机关不掌握相关政府信息": "31 0 0 0 0 0 31",
            "2.没有现成信息需要另行制作": "0 0 0 0 0 0 0",
            "3.补正后申请内容仍不明确": "0 0 0 0 0 0 0",
            "1.信访举报投诉类申请": "0 0 0 0 0 0 0",
            "2.重复申请": "1 0 0 0 0 0 1",
            "3.要求提供公开出版物": "0 0 0 0 0 0 0",
            "4.无正当理由大量反复申请": "0 0 0 0 0 0 0",
            "5.要求行政机关确认或重新出具已获取信息": "0 0 0 0 0 0 0",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": "1 0 0 0 0 0 1",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": "0 0 0 0 0 0 0",
            "3.其他": "1 0 0 0 0 0 1",
            "（七）总计": "80 1 0 0 0 0 81",
            "四、结转下年度继续办理": "0 0 0 0 0 0 0",
        },
        "review": "1 1 0 0 2 4 0 0 1 5 1 0 1 0 2"},
    "2024": {"shapes": [(14, 4), (28, 10), (4, 15)],
        "proactive": {
            "规章": "0 0 0",
            "行政规范性文件": "62 33 440",
            "行政许可": "4529",
            "行政处罚": "1100",
            "行政强制": "65",
            "行政事业性收费": "18651.06",
        },
        "requests": {
            "一、本年新收政府信息公开申请数量": "217 1 0 0 0 0 218",
            "二、上年结转政府信息公开申请数量": "0 0 0 0 0 0 0",
            "（一）予以公开": "71 0 0 0 0 0 71",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "29 0 0 0 0 0 29",
            "1.属于国家秘密": "4 0 0 0 0 0 4",
            "2.其他法律行政法规禁止公开": "0 0 0 0 0 0 0",
            "3.危及“三安全一稳定”": "0 0 0 0 0 0 0",
            "4.保护第三方合法权益": "3 0 0 0 0 0 3",
            "5.属于三类内部事务信息": "32 0 0 0 0 0 32",
            "6.属于四类过程性信息": "0 0 0 0 0 0 0",
            "7.属于行政执法案卷": "0 0 0 0 0 0 0",
            "8.属于行政查询事项": "0 0 0 0 0 0 0",
            "1.本机关不掌握相关政府信息": "75 0 0 0 0 0 75",
            "2.没有现成信息需要另行制作": "0 0 0 0 0 0 0",
            "3.补正后申请内容仍不明确": "0 0 0 0 0 0 0",
            "1.信访举报投诉类申请": "0 0 0 0 0 0 0",
            "2.重复申请": "1 0 0 0 0 0 1",
            "3.要求提供公开出版物": "0 0 0 0 0 0 0",
            "4.无正当理由大量反复申请": "0 0 0 0 0 0 0",
            "5.要求行政机关确认或重新出具已获取信息": "0 0 0 0 0 0 0",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": "1 0 0 0 0 0 1",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": "0 0 0 0 0 0 0",
            "3.其他": "1 1 0 0 0 0 2",
            "（七）总计": "217 1 0 0 0 0 218",
            "四、结转下年度继续办理": "0 0 0 0 0 0 0",
        },
        "review": "2 1 3 1 7 0 0 0 0 0 13 2 4 0 19"},
    "2025": {"shapes": [(14, 4), (28, 10), (4, 15)],
        "proactive": {
            "规章": "0 0 0",
            "行政规范性文件": "58 45 546",
            "行政许可": "2418",
            "行政处罚": "644",
            "行政强制": "64",
            "行政事业性收费": "4166.241619",
        },
        "requests": {
            "一、本年新收政府信息公开申请数量": "151 3 0 0 0 0 154",
            "二、上年结转政府信息公开申请数量": "0 0 0 0 0 0 0",
            "（一）予以公开": "33 0 0 0 0 0 33",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "38 0 0 0 0 0 38",
            "1.属于国家秘密": "0 0 0 0 0 0 0",
            "2.其他法律行政法规禁止公开": "0 0 0 0 0 0 0",
            "3.危及“三安全一稳定”": "0 0 0 0 0 0 0",
            "4.保护第三方合法权益": "0 0 0 0 0 0 0",
            "5.属于三类内部事务信息": "3 0 0 0 0 0 3",
            "6.属于四类过程性信息": "2 0 0 0 0 0 2",
            "7.属于行政执法案卷": "3 0 0 0 0 0 3",
            "8.属于行政查询事项": "3 0 0 0 0 0 3",
            "1.本机关不掌握相关政府信息": "49 1 0 0 0 0 50",
            "2.没有现成信息需要另行制作": "3 0 0 0 0 0 3",
            "3.补正后申请内容仍不明确": "0 0 0 0 0 0 0",
            "1.信访举报投诉类申请": "2 0 0 0 0 0 2",
            "2.重复申请": "0 0 0 0 0 0 0",
            "3.要求提供公开出版物": "0 0 0 0 0 0 0",
            "4.无正当理由大量反复申请": "0 0 0 0 0 0 0",
            "5.要求行政机关确认或重新出具已获取信息": "0 0 0 0 0 0 0",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": "8 0 0 0 0 0 8",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": "2 0 0 0 0 0 2",
            "3.其他": "1 0 0 0 0 0 1",
            "（七）总计": "147 1 0 0 0 0 148",
            "四、结转下年度继续办理": "4 2 0 0 0 0 6",
        },
        "review": "25 3 8 0 36 3 3 0 0 6 3 0 0 0 3"},
    "shanghai": {"shapes": [(18, 5), (26, 10), (4, 15)],
        "proactive": {
            "规章": "13 13 524",
            "规范性文件": "60 60 368",
            "行政许可": "0 0 0",
            "其他对外管理服务事项": "0 0 0",
            "行政处罚": "0 0 0",
            "行政强制": "0 0 0",
            "行政事业性收费": "0 0",
            "政府集中采购": "6 251000元",
        },
        "requests": {
            "一、本年新收政府信息公开申请数量": "821 35 _ _ 2 1 859",
            "二、上年结转政府信息公开申请数量": "18 _ _ _ _ _ 18",
            "（一）予以公开": "258 12 _ _ 1 1 _",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "3 _ _ _ _ _ _",
            "1.属于国家秘密": "14 _ _ _ _ _ _",
            "2.其他法律行政法规禁止公开": "_ _ _ _ _ _ _",
            "3.危及“三安全一稳定”": "_ _ _ _ _ _ _",
            "4.保护第三方合法权益": "_ _ _ _ _ _ _",
            "5.属于三类内部事务信息": "5 _ _ _ _ _ _",
            "6.属于四类过程性信息": "3 1 _ _ _ _ _",
            "7.属于行政执法案卷": "_ _ _ _ _ _ _",
            "8.属于行政查询事项": "10 2 _ _ _ _ _",
            "1.本机关不掌握相关政府信息": "252 12 _ _ 1 _ _",
            "2.没有现成信息需要另行制作": "44 3 _ _ _ _ _",
            "3.补正后申请内容仍不明确": "25 _ _ _ _ _ _",
            "1.信访举报投诉类申请": "148 1 _ _ _ _ _",
            "2.重复申请": "5 4 _ _ _ _ _",
            "3.要求提供公开出版物": "_ _ _ _ _ _ _",
            "4.无正当理由大量反复申请": "_ _ _ _ _ _ _",
            "5.要求行政机关确认或重新出具已获取信息": "_ _ _ _ _ _ _",
            "（六）其他处理": "_ _ _ _ _ _ _",
            "（七）总计": "767 35 _ _ 2 1 805",
            "四、结转下年度继续办理": "72 _ _ _ _ _ 72",
        },
        "review": "5 _ _ 2 7 8 _ _ 1 9 _ _ _ _ _"},
    "fixture": {"shapes": [(14, 4), (28, 10), (4, 15)],
        "proactive": {
            "规章": "3 5 74",
            "行政规范性文件": "564 984 4185",
            "行政许可": "11398889",
            "行政处罚": "6937489",
            "行政强制": "166105",
            "行政事业性收费": "316441",
        },
        "requests": {
            "一、本年新收政府信息公开申请数量": "13612 252 0 45 128 32 14069",
            "二、上年结转政府信息公开申请数量": "535 6 0 1 18 0 560",
            "（一）予以公开": "5345 129 0 41 19 14 5548",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "2120 39 0 1 6 2 2168",
            "1.属于国家秘密": "13 0 0 0 0 0 13",
            "2.其他法律行政法规禁止公开": "30 0 0 0 0 0 30",
            "3.危及“三安全一稳定”": "11 0 0 0 0 0 11",
            "4.保护第三方合法权益": "49 2 0 0 0 0 51",
            "5.属于三类内部事务信息": "103 1 0 0 0 0 104",
            "6.属于四类过程性信息": "84 1 0 0 0 0 85",
            "7.属于行政执法案卷": "282 4 0 0 0 0 286",
            "8.属于行政查询事项": "147 0 0 0 1 2 150",
            "1.本机关不掌握相关政府信息": "3075 50 0 0 89 8 3222",
            "2.没有现成信息需要另行制作": "177 3 0 0 0 0 180",
            "3.补正后申请内容仍不明确": "19 0 0 0 0 0 19",
            "1.信访举报投诉类申请": "199 1 0 0 3 0 203",
            "2.重复申请": "147 1 0 0 0 0 148",
            "3.要求提供公开出版物": "0 0 0 0 0 0 0",
            "4.无正当理由大量反复申请": "100 1 0 0 0 0 101",
            "5.要求行政机关确认或重新出具已获取信息": "5 0 0 0 0 0 5",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": "315 3 0 0 0 0 318",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": "202 0 0 1 0 0 203",
            "3.其他": "941 17 0 1 3 3 965",
            "（七）总计": "13364 252 0 44 121 29 13810",
            "四、结转下年度继续办理": "783 6 0 2 25 3 819",
        },
        "review": "376 97 196 121 790 16 1 12 27 56 74 1 30 51 156"},
}


@pytest.fixture(scope="module")
def documents(corpus_dir):
    return {key: read_document(corpus_dir / spec[0]) for key, spec in PAGES.items()}


def grids(doc) -> list[TableGrid]:
    return [b for b in doc.blocks if isinstance(b, TableGrid)]


def values_after(row, label_columns: int) -> str:
    return " ".join(c.text or "_" for c in row[label_columns:] if c.origin)


def row_by_label(grid: TableGrid, label: str, label_columns: int):
    """The row whose label cells (any of the first ``label_columns``) read ``label``."""
    matches = [r for r in grid.rows
               if any(normalize(c.text) == normalize(label) for c in r[:label_columns])
               and any(c.origin for c in r[label_columns:])]
    assert len(matches) == 1, (label, len(matches))
    return matches[0]


@pytest.mark.parametrize("key", list(PAGES))
def test_grid_shapes(documents, key):
    doc = documents[key]
    assert [(len(g.rows), len(g.rows[0])) for g in grids(doc)] == EXPECTED[key]["shapes"]
    for index, grid in enumerate(grids(doc), 1):
        assert all(len(row) == len(grid.rows[0]) for row in grid.rows)
        assert grid.loc.table == index
        for r, row in enumerate(grid.rows, 1):
            for c, cell in enumerate(row, 1):
                assert (cell.loc.table, cell.loc.row, cell.loc.cell) == (index, r, c)


@pytest.mark.parametrize("key", list(PAGES))
def test_proactive_values(documents, key):
    grid = grids(documents[key])[0]
    for label, expected in EXPECTED[key]["proactive"].items():
        assert values_after(row_by_label(grid, label, 1), 1) == expected, label


@pytest.mark.parametrize("key", list(PAGES))
def test_requests_values(documents, key):
    grid = grids(documents[key])[1]
    rows = EXPECTED[key]["requests"]
    assert len(rows) == (23 if PAGES[key][2] == "2019" else 25)
    for label, expected in rows.items():
        assert values_after(row_by_label(grid, label, 3), 3) == expected, label


@pytest.mark.parametrize("key", list(PAGES))
def test_review_values(documents, key):
    grid = grids(documents[key])[2]
    assert " ".join(c.text or "_" for c in grid.rows[-1]) == EXPECTED[key]["review"]


@pytest.mark.parametrize("key", [k for k in PAGES if k != "2020"])
def test_request_results_add_up(key):
    """A check on the transcription: result rows sum to （七）总计 in every column
    (2020 is the known exception: its breakdown exceeds its total by 6; Shanghai left
    the 总计 column of the result rows blank)."""
    rows = EXPECTED[key]["requests"]
    labels = list(rows)
    results = labels[labels.index("（一）予以公开"):labels.index("（七）总计")]
    for col in range(7):
        total = rows["（七）总计"].split()[col]
        parts = [rows[label].split()[col] for label in results]
        if total != "_" and any(p != "_" for p in parts):
            assert sum(int(p) for p in parts if p != "_") == int(total), (key, col)


@pytest.mark.parametrize("key", list(PAGES))
def test_metadata_and_site_chrome(documents, key):
    doc = documents[key]
    _path, _year, _fmt, published, title = PAGES[key]
    assert doc.published == published
    assert doc.title == title
    text = " ".join(b.text for b in doc.blocks if isinstance(b, Paragraph))
    for chrome in ("当前位置", "网站标识码", "版权所有", "无障碍浏览", "扫一扫", "相关链接", "来源：", "ICP备"):
        assert chrome not in text
    assert "一、总体情况" in [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert not [d for d in doc.diagnostics if d.kind != "encoding"]


@pytest.mark.parametrize("key", list(PAGES))
def test_locations_point_at_the_source(documents, corpus_dir, key):
    lines = (corpus_dir / PAGES[key][0]).read_text("utf-8").split("\n")
    for block in documents[key].blocks:
        items = [(block.text, block.loc)] if isinstance(block, Paragraph) else \
            [(c.text, c.loc) for row in block.rows for c in row if c.origin and c.text]
        for text, loc in items:
            assert lines[loc.line - 1][loc.column - 1:].startswith(text[0]), (text[:20], loc)


def test_2020_split_numbers_double_rowspan_and_trailing_row(documents):
    proactive, requests, review = grids(documents["2020"])
    new = row_by_label(requests, "一、本年新收政府信息公开申请数量", 3)
    assert [c.text for c in new[3:]] == ["20", "0", "0", "0", "0", "1", "21"]  # 2|0 and 2|1 in the source
    starts = [row[0] for row in requests.rows if row[0].origin and row[0].text == "三、本年度办理结果"]
    assert [c.row_span for c in starts] == [10, 10]
    assert len(review.rows) == 4  # the 15-cell all-&nbsp; row is gone
    assert values_after(row_by_label(proactive, "行政处罚", 1), 1) == "2648 -18 538"


def test_2021_irregular_header_lines_up_after_expansion(documents):
    requests = grids(documents["2021"])[1]
    header2, header3 = requests.rows[1], requests.rows[2]
    assert [c.text for c in header2[3:6]] == ["自然人", "自然人", "法人或其他组织"]
    assert [c.text for c in header3[3:7]] == ["", "商业企业", "商业企业", "科研机构"]
    new = row_by_label(requests, "一、本年新收政府信息公开申请数量", 3)
    # 自然人 | 商业企业 (colspan=2) | 科研 | 社会公益 | 法律服务 | 其他 | 总计
    assert [c.text for c in new[3:]] == ["64", "0", "0", "0", "2", "0", "4", "70"]
    assert [c.origin for c in new[3:]] == [True, True, False, True, True, True, True, True]
    review = grids(documents["2021"])[2]
    assert [c.text for c in review.rows[1][:5]] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def test_2022_heading_typo_is_kept(documents):
    texts = [b.text for b in documents["2022"].blocks if isinstance(b, Paragraph)]
    assert "四、政府信息公开行政法复议、行政诉讼情况" in texts


def test_labelled_fixture_matches_its_expected_json(documents, corpus_dir):
    expected = json.loads((corpus_dir / "_labelled/KIROGOVCOMPARE/filing-html-import-fixture.expected.json")
                          .read_text("utf-8"))
    proactive, requests, review = grids(documents["fixture"])
    regs = expected["table_2"]["regulations"]
    assert values_after(row_by_label(proactive, "规章", 1), 1) == f"{regs['made']} {regs['repealed']} {regs['valid']}"
    assert values_after(row_by_label(proactive, "行政许可", 1), 1) == str(expected["table_2"]["licensing.processed"])
    assert values_after(row_by_label(proactive, "行政事业性收费", 1), 1) == str(expected["table_2"]["fees.amount"])
    t3 = expected["table_3"]
    new = values_after(row_by_label(requests, "一、本年新收政府信息公开申请数量", 3), 3).split()
    assert (new[0], new[-1]) == (str(t3["naturalPerson.newReceived"]), str(t3["total.newReceived"]))
    assert values_after(row_by_label(requests, "（七）总计", 3), 3).split()[-1] == str(t3["total.results.totalProcessed"])
    r = expected["table_4"]["review"]
    assert [c.text for c in review.rows[-1][:5]] == [str(r[k]) for k in ("maintain", "correct", "other", "unfinished",
                                                                           "total")]


def test_speed(corpus_dir):
    start = time.perf_counter()
    for spec in PAGES.values():
        read_document(corpus_dir / spec[0])
    assert (time.perf_counter() - start) / len(PAGES) < 1.0  # about 40 ms a page here


# --- through the assembler ----------------------------------------------------

needs_assembler = pytest.mark.skipif(not HAS_ASSEMBLER, reason="readers/assemble.py not written yet")


@pytest.fixture(scope="module")
def reports(corpus_dir):
    from govinfo_lint.readers import read

    return {key: read(corpus_dir / spec[0]) for key, spec in PAGES.items()}


def _expected_value(text: str, kind: str):
    return None if text == "_" else parse_cell(text, kind).value


def _row_id(tmpl, label: str) -> str:
    return next(r.id for r in tmpl.rows if normalize(r.label) == normalize(label))


@needs_assembler
@pytest.mark.parametrize("key", list(PAGES))
def test_report_metadata(reports, key):
    report = reports[key]
    _path, year, fmt, published, _title = PAGES[key]
    assert report.input_kind == "html"
    assert report.year == year
    assert report.format == fmt
    assert report.agency and AGENCY[key] in report.agency
    assert report.published == published
    assert [s.id for s in report.sections if s.id] == list(template.SECTION_IDS)


@needs_assembler
@pytest.mark.parametrize("key", list(PAGES))
def test_report_tables_every_cell(reports, key):
    report = reports[key]
    fmt = PAGES[key][2]
    proactive = template.TABLES[fmt]["proactive"]
    for label, values in EXPECTED[key]["proactive"].items():
        row_id = _row_id(proactive, label)
        block = proactive.block_of(row_id)
        for col, text in zip(block.columns, values.split()):
            cell = report.tables["proactive"].cell(row_id, col.id)
            assert cell is not None and cell.value == _expected_value(text, col.kind), (key, row_id, col.id)
    requests = template.TABLES[fmt]["requests"]
    for label, values in EXPECTED[key]["requests"].items():
        row_id = _row_id(requests, label)
        for col, text in zip(template.REQUESTS_COLUMNS, values.split()):
            cell = report.tables["requests"].cell(row_id, col.id)
            assert cell is not None and cell.value == _expected_value(text, "count"), (key, row_id, col.id)
    review = EXPECTED[key]["review"].split()
    for r, row in enumerate(template.REVIEW_ROWS):
        for c, col in enumerate(template.REVIEW_COLUMNS):
            cell = report.tables["review"].cell(row.id, col.id)
            assert cell is not None and cell.value == _expected_value(review[r * 5 + c], "count"), (key, row.id, col.id)


@needs_assembler
def test_report_keeps_headings_as_written(reports):
    assert reports["2022"].section("review").heading == "四、政府信息公开行政法复议、行政诉讼情况"
    assert reports["fixture"].section("problems").heading == "五、存在问题及改进情况"
    assert "扎实推进政务公开" in reports["fixture"].section("overview").text
