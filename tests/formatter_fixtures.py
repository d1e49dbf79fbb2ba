"""A fixed run for the formatter tests: two files, hand-made findings, hand-made rules.

The findings are written here rather than produced by the rules so that the golden
outputs change only when a formatter changes, not when a rule's wording does. The
input report is ``tests/golden/input-2021.yaml`` (generated once, then frozen); the
second file poses as a DOCX (no lines: table/row/cell and page locations) whose path
carries the characters GitHub and URIs must escape.
"""

from __future__ import annotations

import copy
from pathlib import Path

from govinfo_lint.engine.rules import Rule
from govinfo_lint.findings import Finding
from govinfo_lint.formatters import FileResult
from govinfo_lint.model import Location
from govinfo_lint.readers import read

GOLDEN = Path(__file__).resolve().parent / "golden"
DOCX_PATH = "docs/报告,2023:终版.docx"
CELL = "/tables/requests/granted/total"
ROW = "/tables/requests/denied_law_prohibited"
FAR_CELL = "/tables/review/litigation_after_reconsideration/total"


def _rule(code, name, severity, zh, en, formats=("2019", "2021"), kind="identity") -> Rule:
    return Rule(code=code, name=name, severity=severity, formats=formats, kind=kind, options={},
                message={"zh": zh, "en": en}, title={"zh": zh, "en": en},
                basis="国办公开办函〔2021〕30号", description=f"{en}.\nSecond line of the description.")


RULES = [
    _rule("CNT-01", "boilerplate-problems", "info", "问题和措施不应只是套话", "Problems are not boilerplate"),
    _rule("LBL-01", "qita-spelling", "warning", "“其他”不写作“其它”", "Write 其他, not 其它"),
    _rule("LBL-04", "label-typo", "warning", "标签与格式一致", "Labels as in the format"),
    _rule("META-02", "report-title", "info", "标题含“政府信息公开工作年度报告”", "Title names the report"),
    _rule("OLD-01", "only-2019", "warning", "仅适用于2019版格式", "Only the 2019 format", formats=("2019",)),
    _rule("RDR-02", "reader-guess", "info", "读取时的推断", "What the reader had to guess", kind="diagnostic"),
    _rule("SEC-05", "overview-topics", "warning", "总体情况写明五个方面", "Overview covers five topics"),
    _rule("SUM-01", "requests-column-balance", "error", "表三各列平衡", "Table 3 columns balance"),
    _rule("SUM-03", "requests-row-total", "error", "表三各行总计", "Table 3 row totals"),
    _rule("SUM-05", "review-row-total", "error", "表四各行总计", "Table 4 row totals"),
]


def _finding(report, code, severity, message, pointer, location="auto", evidence=None, name=""):
    loc = report.locate(pointer) if location == "auto" else location
    return Finding(code=code, severity=severity, message=message, pointer=pointer, location=loc,
                   evidence=evidence or {}, name=name, message_zh=message, message_en=f"[en] {code}")


def waive(finding: Finding, reason: str, kind: str = "external") -> Finding:
    # Before the waiver feature lands Finding has no such fields; formatters read them with getattr.
    finding.suppressed = True
    finding.suppression = {"kind": kind, "reason": reason}
    return finding


def golden_results() -> list[FileResult]:
    report = read(GOLDEN / "input-2021.yaml")
    cells = {"/tables/requests/granted/natural_person": 5, "/tables/requests/granted/commercial": 2,
             "/tables/requests/granted/social_org": 1}
    yaml_findings = [
        _finding(report, "META-02", "info", "标题“示例县<script>window.__pwned=1</script>交通运输局…”含有标记", "/title",
                 name="report-title"),
        _finding(report, "SEC-05", "warning", "“一、总体情况”未提及“监督保障”方面的工作：完成率 100%\n请补充",
                 "/sections/overview", name="overview-topics"),
        _finding(report, "SUM-03", "error", "表三“（一）予以公开”行：各类申请人之和为 8，而“总计”填报 99", CELL,
                 evidence={"left": 8, "right": 99, "reported": 99, "computed": 8, "cells": cells},
                 name="requests-row-total"),
        _finding(report, "LBL-01", "warning", "表三“2.其它法律行政法规禁止公开”中的“其它”应写作“其他” | *示例*", ROW,
                 evidence={"written": "2.其它法律行政法规禁止公开", "expected": "2.其他法律行政法规禁止公开"}, name="qita-spelling"),
        _finding(report, "LBL-04", "warning", "表二“第二是条第（五）项”疑有错字", "/labels/proactive/blocks/art20_5/caption",
                 evidence={"written": "第二是条第（五）项", "expected": "第二十条第（五）项"}, name="label-typo"),
        _finding(report, "SUM-05", "error", "表四“复议后起诉”行：各项之和为 0，而“总计”填报 0\x0b（示例）", FAR_CELL,
                 name="review-row-total"),
        waive(_finding(report, "CNT-01", "info", "“五、存在的主要问题及改进情况”由套话构成", "/sections/problems",
                       name="boilerplate-problems"), "已书面说明 | 经主管领导同意"),
    ]
    docx = copy.deepcopy(report)
    docx.input_kind = "docx"
    docx_findings = [
        _finding(docx, "SUM-03", "error", "表三“（一）予以公开”行：各类申请人之和为 8，而“总计”填报 99", CELL,
                 Location(table=2, row=5, cell=8), {"reported": 99, "computed": 8, "cells": cells},
                 "requests-row-total"),
        _finding(docx, "SEC-05", "warning", "“一、总体情况”未提及“监督保障”方面的工作", "/sections/overview",
                 Location(page=3, x=72.0, y=144.5), name="overview-topics"),
        _finding(docx, "RDR-02", "info", "第2个表格的表头无法识别，已按位置读取", "", None, name="reader-guess"),
    ]
    return [FileResult("input-2021.yaml", report, yaml_findings), FileResult(DOCX_PATH, docx, docx_findings)]
