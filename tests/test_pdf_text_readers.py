"""PDF and text readers: broken and hostile files end in findings; text dumps rebuild tables."""

from __future__ import annotations

import pytest

from govinfo_lint.api import lint
from govinfo_lint.readers import read

MINIMAL_PDF = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
trailer << /Root 1 0 R >>
%%EOF
"""


@pytest.mark.parametrize(("name", "data"), [
    ("empty.pdf", b""),
    ("junk.pdf", b"\x00\x01binary junk" * 500),
    ("truncated.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog"),
    ("no-text.pdf", MINIMAL_PDF),
])
def test_broken_pdf_is_a_finding(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    report = read(path)
    assert report.diagnostics and report.diagnostics[0].kind == "unreadable"
    (first, *_rest) = lint(report)
    assert first.code == "RDR-01" and first.severity == "error"


def test_truncated_real_pdf(shared_dir, tmp_path):
    data = (shared_dir / "corpus/govnianbao/szfgs2024.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    findings = lint(path)
    assert findings  # read what is there, or say the file is broken; never a traceback


def test_text_dump_with_wrapped_spanning_labels(tmp_path):
    rows = ["\t一、本年新收政府信息公开申请数量"] + ["\t1"] * 6 + ["\t6", ""]
    text = "\n".join([
        "某县统计局2023年政府信息公开工作年度报告", "", "三、收到和处理政府信息公开申请情况",
        "\t", "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和",
        "\t申请人情况", "", "\t", "\t自然人", "\t法人或其他组织", "\t总计", "",
        "\t", "\t", "\t商业企业", "\t科研机构", "\t社会公益组织", "\t法律服务机构", "\t其他", "\t", "",
        *rows,
        "\t", "", "", "三、本", "年", "度", "\t（一）予以公开", *(["\t1"] * 6), "\t6", "",
        "四、政府信息公开行政复议、行政诉讼情况", "无。",
    ])
    path = tmp_path / "dump.txt"
    path.write_text(text, encoding="utf-8")
    report = read(path)
    requests = report.tables["requests"]
    assert [c.value for c in requests.rows["new_received"].cells.values()] == [1, 1, 1, 1, 1, 1, 6]
    assert [c.value for c in requests.rows["granted"].cells.values()] == [1, 1, 1, 1, 1, 1, 6]
    assert requests.rows["granted"].cells["total"].loc.line > 0
    assert [s.id for s in report.sections] == ["requests", "review"]


def test_gbk_text_is_read_with_a_note(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("某镇人民政府2020年政府信息公开工作年度报告\n一、总体情况\n全年收到申请0件。\n".encode("gbk"))
    report = read(path)
    assert report.agency == "某镇人民政府" and report.level == "township"
    assert [d.kind for d in report.diagnostics] == ["encoding"]


def test_markdown_pipe_tables(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("# 某局2024年政府信息公开工作年度报告\n\n## 四、政府信息公开行政复议、行政诉讼情况\n\n"
                    "| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
                    "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |"
                    " 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
                    "| 1 | 0 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n", encoding="utf-8")
    report = read(path)
    assert report.title == "某局2024年政府信息公开工作年度报告"
    findings = [f for f in lint(report) if f.code == "SUM-04"]
    assert [f.pointer for f in findings] == ["/tables/review/reconsideration/total"]
    line = path.read_text(encoding="utf-8").splitlines()[findings[0].line - 1]
    assert findings[0].line == 8 and line[findings[0].column - 1:].lstrip().startswith("2")
