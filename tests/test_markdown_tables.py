"""Markdown copies of reports: bold markers, a flattened table 四 header, annotated cells.

A generated 2021-form report as HTML-to-Markdown converters write it: one pipe table per
table, captions and labels in ``**bold**``, table 四's two header rows run into one
(``行政复议结果维持 | …``), table 二 cells with notes (``22（其中修订16件）``).
"""

from __future__ import annotations

from govinfo_lint import template
from govinfo_lint.api import lint, load_rules
from govinfo_lint.readers import read

RULES = load_rules()


def pipe(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def rule(n: int) -> str:
    return "|" + "---|" * n


def proactive(bold: bool) -> list[str]:
    b = (lambda s: f"**{s}**") if bold else (lambda s: s)
    out = [pipe(*[b("第二十条第（一）项")] * 4), rule(4), pipe(b("信息内容"), "本年制发件数", "本年废止件数", "现行有效件数"),
           pipe(b("规章"), "22（其中修订16件）", "55（含自然失效 29 件）", "235"), pipe(b("行政规范性文件"), "1", "0", "7")]
    for block in template.TABLES["2021"]["proactive"].blocks[1:]:
        out.append(pipe(*[b(block.caption)] * 4))
        out.append(pipe(b("信息内容"), *[c.label for c in block.columns], *[""] * (3 - len(block.columns))))
        for row in block.rows:
            out.append(pipe(b(row.label), "3", *[""] * (3 - len(block.columns))))
    return out


def requests() -> list[str]:
    cols = [c.label for c in template.REQUESTS_COLUMNS]
    out = [pipe("申请人情况", "申请人情况", "申请人情况", "自然人", *["法人或其他组织"] * 5, "总计"), rule(10),
           pipe("申请人情况", "申请人情况", "申请人情况", *cols)]
    values = {"new_received": 2, "granted": 2, "handled_total": 2}
    for row in template.TABLES["2021"]["requests"].rows:
        top = row.top or row.label
        group = row.group or row.label
        n = values.get(row.id, 0)
        out.append(pipe(top, group, row.label, str(n), "0", "0", "0", "0", "0", str(n)))
    return out


def review(merged: bool) -> list[str]:
    results = [c.label for c in template.REVIEW_COLUMNS]
    if merged:
        head = [pipe(*[g + r for g in ("行政复议", "行政诉讼未经复议直接起诉", "行政诉讼复议后起诉") for r in results])]
    else:
        head = [pipe(*["行政复议"] * 5, *["行政诉讼"] * 10),
                pipe(*["行政复议"] * 5, *["未经复议直接起诉"] * 5, *["复议后起诉"] * 5),
                pipe(*results * 3)]
    return [head[0], rule(15), *head[1:], pipe("1", "0", "0", "1", "2", *["0"] * 10)]


def write(tmp_path, bold: bool = True, merged: bool = True):
    lines = ["# 某局2022年度政府信息公开工作年度报告", "",
             "## **一、总体情况**" if bold else "## 一、总体情况", "",
             "2022年，本局推进政务公开。收到政府信息公开申请2件，均予以公开。", "",
             "## 二、主动公开政府信息情况", "", *proactive(bold), "",
             "## 三、收到和处理政府信息公开申请情况", "", *requests(), "",
             "## 四、政府信息公开行政复议、行政诉讼情况", "", *review(merged), "",
             "## 五、存在的主要问题及改进情况", "", "存在问题是解读不足。下一步将加强政策解读。", "",
             "## 六、其他需要报告的事项", "", "本年度未收取信息处理费。", ""]
    path = tmp_path / "report.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_bold_markers_are_not_part_of_captions_or_labels(tmp_path):
    report = read(write(tmp_path))
    table = report.tables["proactive"]
    assert {b.caption for b in table.blocks} == {b.caption for b in template.TABLES["2021"]["proactive"].blocks}
    assert table.rows["regulations"].label == "规章"
    assert [s.heading for s in report.sections][0] == "一、总体情况"
    assert not [f for f in lint(report, RULES) if f.code.startswith("LBL") or "**" in f.message]


def test_flattened_review_header_is_read_as_the_header(tmp_path):
    path = write(tmp_path, merged=True)
    review_table = read(path).tables["review"]
    assert [c.value for c in review_table.rows["reconsideration"].cells.values()] == [1, 0, 0, 1, 2]
    assert not [f for f in lint(path, RULES) if f.code in ("RDR-05", "RDR-06", "SEC-07")]


def test_annotated_cells_are_read_with_their_note(tmp_path):
    for bold in (True, False):
        cells = read(write(tmp_path, bold=bold)).tables["proactive"].rows["regulations"].cells
        assert [(c.value, c.note) for c in cells.values()] == [(22, "其中修订16件"), (55, "含自然失效29件"), (235, None)]


def test_markdown_and_its_twin_without_markup_read_alike(tmp_path):
    a = read(write(tmp_path, bold=True, merged=True))
    b = read(write(tmp_path, bold=False, merged=False))
    for tid in ("proactive", "requests", "review"):
        assert {rid: [c.value for c in r.cells.values()] for rid, r in a.tables[tid].rows.items()} == \
               {rid: [c.value for c in r.cells.values()] for rid, r in b.tables[tid].rows.items()}
