"""Files that are not annual reports get one RDR-13 finding and nothing else (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docx_factory import make_report_docx
from govinfo_lint.api import load_rules
from govinfo_lint.checks.document_kind import verdict
from govinfo_lint.engine.runner import lint_report
from govinfo_lint.readers import read
from govinfo_lint.samples import sample_report

RULES = load_rules()


def _lint(path: Path):
    report = read(path)
    return report, lint_report(report, RULES)


def _only_rdr12(findings, kind_zh: str):
    assert [f.code for f in findings] == ["RDR-13"], [(f.code, f.message) for f in findings]
    (finding,) = findings
    assert finding.severity == "warning" and kind_zh in finding.message
    return finding


@pytest.mark.parametrize(("name", "content", "kind"), [
    ("README.md", "# kirogovcompare\n\n政务公开年报比对工具。\n\n## 安装\n\n```\nnpm install\n```\n\n"
                  "## 表二 主动公开政府信息情况\n\n本工具读取表二、表三、表四并比对两年的数字。\n", "other"),
    ("package.json", json.dumps({"name": "kirogovcompare", "version": "1.0.0", "scripts": {"test": "jest"},
                                 "dependencies": {"pdfjs-dist": "^4.0.0"}}), "data"),
    ("LICENSE.txt", "MIT License\n\nCopyright (c) 2025\n\nPermission is hereby granted, free of charge, to any "
                    "person obtaining a copy of this software.\n", "other"),
    ("checks_result.json", json.dumps({"report_id": 39, "latest_run": {"status": "succeeded"},
                                       "groups": [{"group_key": "table3", "items": [{"status": "pass"}]}]},
                                      ensure_ascii=False), "data"),
    ("section3.txt", "- 4 -\n三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n"
                     "一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119\n二、上年结转政府信息公开申请数量 34 0 0 0 0 0 34\n",
     "fragment"),
    ("比对.txt", "宿迁市政务公开年报比对\n年份: 2023 vs 2024 文字重复率: 42%\n一、总体情况(重复率: 40%)\n2023年，我市…\n"
                "二、主动公开政府信息情况(重复率: 90%)\n三、收到和处理政府信息公开申请情况(重复率: 80%)\n", "comparison"),
])
def test_generated_non_reports_get_one_finding(tmp_path, name, content, kind):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    report, findings = _lint(path)
    assert verdict(report)[0] == kind
    _only_rdr12(findings, "不是政府信息公开工作年度报告")


def _docx(tmp_path: Path, title: str | None = None, tables=None, name="r.docx") -> Path:
    import docx

    data = sample_report("2021", year=2024)
    path = make_report_docx(tmp_path / name, agency="示例县交通运输局", year=2024,
                            tables=data["tables"] if tables is None else tables,
                            texts={s["id"]: s.get("text", "") for s in data["sections"]})
    if title is not None:
        document = docx.Document(str(path))
        document.paragraphs[0].text = title
        document.save(str(path))
    return path


def test_a_report_with_a_damaged_title_is_checked_normally(tmp_path):
    whole = _lint(_docx(tmp_path, name="whole.docx"))[1]
    for damaged in ("示例县交通运输局2024年政府信息公开工作年□报吿", "", "示例县交通运输局"):
        report, findings = _lint(_docx(tmp_path, title=damaged, name="damaged.docx"))
        assert verdict(report) is None, damaged
        assert "RDR-13" not in {f.code for f in findings}
        # the tables are judged exactly as in the intact report
        table_codes = {(f.code, f.pointer) for f in findings if f.code.startswith(("SUM", "VAL", "TBL"))}
        assert table_codes == {(f.code, f.pointer) for f in whole if f.code.startswith(("SUM", "VAL", "TBL"))}


def test_a_blank_template_is_one_finding(tmp_path):
    path = _docx(tmp_path, title="政府信息公开工作年度报告格式模板", tables={})
    report, findings = _lint(path)
    assert verdict(report)[0] == "template"
    _only_rdr12(findings, "模板")


def test_deselecting_rdr12_checks_the_file_as_a_report(tmp_path):
    path = tmp_path / "LICENSE.txt"
    path.write_text("MIT License\n\nPermission is hereby granted.\n", encoding="utf-8")
    findings = lint_report(read(path), load_rules(ignore=["RDR-13"]))
    assert findings and "RDR-13" not in {f.code for f in findings}


def test_a_broken_structured_report_keeps_its_schema_findings(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("agency: x\nyear: 2024\nsections:\n  - {id: overview, text: 1.0}\n", encoding="utf-8")
    codes = {f.code for f in _lint(path)[1]}
    assert "RDR-04" in codes and "RDR-13" not in codes


# --- the real files of the corpus -------------------------------------------------------

NOT_REPORTS = {
    "_labelled/KIROGOVCOMPARE/checks_result.json": "data",
    "_labelled/KIROGOVCOMPARE/filing-html-import-fixture.expected.json": "data",
    "_labelled/KIROGOVCOMPARE/比对报告_宿迁市_2023vs2024-19.pdf": "comparison",
    "govnianbao/section3_raw_text.txt": "fragment",
    "govnianbao/政务公开年报模版.docx": "template",
}


@pytest.mark.parametrize("name", sorted(NOT_REPORTS))
def test_corpus_non_reports(corpus_dir, name):
    report, findings = _lint(corpus_dir / name)
    assert verdict(report)[0] == NOT_REPORTS[name]
    assert [f.code for f in findings] == ["RDR-13"]


def test_corpus_reports_are_reports(corpus_dir, shared_dir):
    files = [p for p in corpus_dir.rglob("*") if p.is_file() and p.suffix in (".txt", ".html", ".pdf", ".md", ".docx")
             and str(p.relative_to(corpus_dir)) not in NOT_REPORTS]
    files.append(shared_dir / "seed" / "000_420e94e8b51db23e.txt")
    assert len(files) >= 20
    assert {str(p): verdict(read(p)) for p in files if verdict(read(p)) is not None} == {}
