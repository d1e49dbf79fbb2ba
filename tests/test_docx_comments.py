"""``check -f docx:PATH``: the input DOCX copied with each finding as a Word comment at its place."""

from __future__ import annotations

import copy
import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from cli_run import run
from docx_factory import PINGTAN_2025, make_report_docx

docx = pytest.importorskip("docx")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def defective(path: Path, drop_problems: bool = True) -> Path:
    """PINGTAN_2025 with 表三（一）予以公开 总计 34 (sum 33), 其它 in a row label
    of 表三, and 五、 removed."""
    data = copy.deepcopy(PINGTAN_2025)
    data["tables"]["requests"]["granted"]["total"] = 34
    make_report_docx(path, agency=data["agency"], year=data["year"], tables=data["tables"])
    document = docx.Document(str(path))
    label = next(t for t in document.tables[1]._tbl.iter(f"{W}t") if t.text and t.text.endswith("其他"))
    label.text = label.text.replace("其他", "其它")
    document.save(str(path))
    if drop_problems:
        paragraphs = document.paragraphs
        at = next(i for i, p in enumerate(paragraphs) if p.text.startswith("五、"))
        for p in paragraphs[at:at + 2]:
            p._p.getparent().remove(p._p)
        document.save(str(path))
    return path


def comments_by_code(path: Path) -> dict[str, list]:
    document = docx.Document(str(path))
    out: dict[str, list] = {}
    for comment in document.comments:
        out.setdefault(re.match(r"\S+ ([A-Z]+-\d+)[：:]", comment.text).group(1), []).append(comment)
    return out


def anchored(document, comment_id: int):
    """The ``w:commentRangeStart`` of a comment and the ``w:commentRangeEnd``."""
    body = document.element.body
    start = next(e for e in body.iter(f"{W}commentRangeStart") if e.get(f"{W}id") == str(comment_id))
    end = next(e for e in body.iter(f"{W}commentRangeEnd") if e.get(f"{W}id") == str(comment_id))
    return start, end


def ancestor(element, tag: str):
    while element is not None and element.tag != tag:
        element = element.getparent()
    return element


def check(tmp_path, capsys, source: Path, *extra) -> tuple[int, dict, Path]:
    out = tmp_path / "年报.审核.docx"
    code, stdout, _err = run(capsys, "check", source, "-f", "json", "-f", f"docx:{out}", "--isolated", *extra)
    return code, json.loads(stdout), out


def test_each_finding_is_a_comment_at_its_place(tmp_path, capsys):
    source = defective(tmp_path / "年报.docx")
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    code, data, out = check(tmp_path, capsys, source)
    assert code == 1 and out.is_file()
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before, "the input was written"
    findings = [f for f in data["files"][0]["findings"] if not f.get("suppressed")]
    document = docx.Document(str(out))
    comments = list(document.comments)
    assert len(comments) == len(findings)
    assert all(c.author == "govinfo-lint" for c in comments)
    by_code = comments_by_code(out)

    # The wrong total: inside the cell of 表三 that holds 34, which the grid of python-docx
    # (merges repeated, as the reader counts them) puts at the finding's row and column.
    (total,) = by_code["SUM-03"]
    assert total.text.startswith("错误 SUM-03：") and "填报 34，按勾稽关系应为 33" in total.text
    finding = next(f for f in findings if f["code"] == "SUM-03")
    loc = finding["location"]
    table = document.tables[loc["table"] - 1]
    cols = len(table.columns)
    expected_tc = table._cells[(loc["row"] - 1) * cols + loc["cell"] - 1]._tc
    start, end = anchored(document, total.comment_id)
    assert ancestor(start, f"{W}tc") is expected_tc and ancestor(end, f"{W}tc") is expected_tc
    assert "".join(t.text for t in expected_tc.iter(f"{W}t")) == "34"

    # 其它 in a row label: at that label's cell, with the official wording.
    (label,) = by_code["LBL-01"]
    assert "应写作“其他”" in label.text and "写作“" in label.text.splitlines()[-1]
    start, end = anchored(document, label.comment_id)
    cell = ancestor(start, f"{W}tc")
    assert cell is ancestor(end, f"{W}tc") and "".join(t.text for t in cell.iter(f"{W}t")).endswith("其它")
    # 六、 says nothing of fees: at that section's heading.
    (fees,) = by_code["SEC-09"]
    start, _end = anchored(document, fees.comment_id)
    assert "".join(t.text for t in ancestor(start, f"{W}p").iter(f"{W}t")) == "六、其他需要报告的事项"

    # The missing 五、: at the heading it should stand before, saying so.
    (missing,) = [c for c in by_code["SEC-01"] if "存在的主要问题" in c.text]
    assert "（缺少的部分应位于此标题之前）" in missing.text
    start, _end = anchored(document, missing.comment_id)
    assert "".join(t.text for t in ancestor(start, f"{W}p").iter(f"{W}t")) == "六、其他需要报告的事项"


def test_a_finding_without_a_place_goes_on_the_title(tmp_path):
    from govinfo_lint.findings import Finding
    from govinfo_lint.formatters.docx_comments import annotate

    source = defective(tmp_path / "r.docx", drop_problems=False)
    out = tmp_path / "o.docx"
    out.write_bytes(annotate(source, [Finding("META-01", "warning", "全文没有发布日期", pointer="/published")]))
    document = docx.Document(str(out))
    (comment,) = document.comments
    assert comment.text == "警告 META-01：全文没有发布日期\n（本问题在文档中没有对应位置）"
    start, _end = anchored(document, comment.comment_id)
    assert "".join(t.text for t in ancestor(start, f"{W}p").iter(f"{W}t")).startswith("平潭综合实验区2025年")


def test_english_comments(tmp_path, capsys):
    source = defective(tmp_path / "r.docx", drop_problems=False)
    _code, _data, out = check(tmp_path, capsys, source, "--lang", "en")
    (total,) = comments_by_code(out)["SUM-03"]
    assert total.text.startswith("error SUM-03: ") and "reported 34, computed 33" in total.text


def test_waived_findings_are_not_commented(tmp_path, capsys):
    source = defective(tmp_path / "r.docx", drop_problems=False)
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("- code: SUM-03\n  file: r.docx\n  reason: 已核实，原件如此\n  approved_by: 张三\n",
                       encoding="utf-8")
    _code, data, out = check(tmp_path, capsys, source, "--waivers", waivers)
    assert any(f["code"] == "SUM-03" and f.get("suppressed") for f in data["files"][0]["findings"])
    assert "SUM-03" not in comments_by_code(out)


def _strip_ours(xml: bytes, ours: set[str]) -> bytes:
    from lxml import etree

    root = etree.fromstring(xml)
    for el in list(root.iter(f"{W}commentRangeStart", f"{W}commentRangeEnd")):
        if el.get(f"{W}id") in ours:
            el.getparent().remove(el)
    for ref in list(root.iter(f"{W}commentReference")):
        if ref.get(f"{W}id") in ours:
            r = ref.getparent()
            r.getparent().remove(r)
    return etree.tostring(root)


def test_everything_else_is_kept(tmp_path, capsys):
    """An existing comment, a tracked insertion and every other part survive unchanged."""
    source = tmp_path / "r.docx"
    defective(source, drop_problems=False)
    document = docx.Document(str(source))
    intro = document.paragraphs[1]
    document.add_comment(intro.runs, text="原有批注：请核对统计期限", author="李四", initials="LS")
    from docx.oxml import parse_xml

    intro._p.append(parse_xml(
        f'<w:ins xmlns:w="{W[1:-1]}" w:id="900" w:author="王五" w:date="2026-01-01T00:00:00Z">'
        '<w:r><w:t>（修订插入）</w:t></w:r></w:ins>'))
    document.save(str(source))
    _code, _data, out = check(tmp_path, capsys, source)

    annotated = docx.Document(str(out))
    texts = [c.text for c in annotated.comments]
    assert "原有批注：请核对统计期限" in texts and len(texts) > 1
    assert any(c.author == "李四" for c in annotated.comments)
    with zipfile.ZipFile(source) as a, zipfile.ZipFile(out) as b:
        ours = {str(c.comment_id) for c in annotated.comments if c.author == "govinfo-lint"}
        assert _strip_ours(b.read("word/document.xml"), ours) == _strip_ours(a.read("word/document.xml"), set())
        assert b"w:ins" in b.read("word/document.xml")
        changed = {"word/document.xml", "word/comments.xml"}
        for name in set(a.namelist()) - changed:
            assert a.read(name) == b.read(name), name


def test_usage_errors(tmp_path, capsys):
    source = defective(tmp_path / "r.docx", drop_problems=False)
    other = tmp_path / "r.html"
    other.write_text("<html><body>年报</body></html>", encoding="utf-8")
    code, _out, err = run(capsys, "check", source, source, "-f", f"docx:{tmp_path / 'x.docx'}")
    assert code == 2 and "只能用于检查单个 .docx 文件" in err
    code, _out, err = run(capsys, "check", other, "-f", f"docx:{tmp_path / 'x.docx'}")
    assert code == 2 and "只能用于检查单个 .docx 文件" in err
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "check", source, "-f", "docx")
    assert exit_.value.code == 2 and "需要在" in capsys.readouterr().err
    code, _out, err = run(capsys, "check", source, "-f", f"docx:{source}")
    assert code == 2 and "拒绝覆盖输入文件" in err
    assert not (tmp_path / "x.docx").exists()


def test_cells_without_runs_and_merged_cells(tmp_path):
    """A blank cell gets an empty run to hang on; a position covered by a merge names its cell."""
    from govinfo_lint.findings import Finding
    from govinfo_lint.formatters.docx_comments import annotate
    from govinfo_lint.model import Location

    document = docx.Document()
    document.add_paragraph("某县2024年政府信息公开工作年度报告")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "合并"
    table.cell(0, 2).text = "右"
    table.cell(1, 0).text = "左"
    path = tmp_path / "m.docx"
    document.save(str(path))
    findings = [Finding("T-1", "error", "右上", location=Location(table=1, row=1, cell=3)),
                Finding("T-2", "warning", "空格", location=Location(table=1, row=2, cell=2)),
                Finding("T-3", "info", "被合并", location=Location(table=1, row=1, cell=2))]
    out = tmp_path / "o.docx"
    out.write_bytes(annotate(path, findings))
    annotated = docx.Document(str(out))
    cells = annotated.tables[0]._cells
    for comment, tc in zip(annotated.comments, (cells[2]._tc, cells[4]._tc, cells[0]._tc)):
        start, end = anchored(annotated, comment.comment_id)
        assert ancestor(start, f"{W}tc") is tc and ancestor(end, f"{W}tc") is tc, comment.text
    assert annotated.tables[0].cell(1, 1).text == ""


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_the_copy_with_its_comments(tmp_path, capsys):
    source = defective(tmp_path / "r.docx")
    _code, _data, out = check(tmp_path, capsys, source)
    profile = tmp_path / "lo-profile"  # its own profile: a stale lock of another run cannot block it
    done = subprocess.run([_soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                           'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}',
                           "--outdir", str(tmp_path / "pdf"), str(out)], capture_output=True, timeout=180)
    pdf = tmp_path / "pdf" / (out.stem + ".pdf")
    assert done.returncode == 0 and pdf.is_file(), done.stderr.decode(errors="replace")
    import pdfplumber
    from pdfminer.pdftypes import resolve1

    notes = []
    with pdfplumber.open(pdf) as opened:
        for page in opened.pages:
            for annot in resolve1(page.page_obj.attrs.get("Annots")) or []:
                contents = resolve1(resolve1(annot).get("Contents"))
                if isinstance(contents, bytes):
                    notes.append(contents.decode("utf-16") if contents[:2] == b"\xfe\xff" else contents.decode("latin-1"))
    expected = [c.text for c in docx.Document(str(out)).comments]
    assert expected and sorted(n.replace("\r", "\n").strip() for n in notes) == sorted(t.strip() for t in expected)
