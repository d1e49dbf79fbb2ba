"""DOCX: generated reports round-trip every cell; the official template; hostile files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from docx_factory import make_report_docx
from govinfo_lint.api import lint
from govinfo_lint.readers import read
from govinfo_lint.samples import sample_report


@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_generated_report_round_trips_every_cell(tmp_path, fmt):
    data = sample_report(fmt)
    path = make_report_docx(tmp_path / f"r{fmt}.docx", fmt=fmt, agency=data["agency"], year=data["year"],
                            tables=data["tables"], texts={s["id"]: s["text"] for s in data["sections"]})
    report = read(path)
    assert (report.format, report.year, report.agency) == (fmt, data["year"], data["agency"])
    for tid, rows in data["tables"].items():
        for rid, cells in rows.items():
            for cid, value in cells.items():
                cell = report.tables[tid].cell(rid, cid)
                assert cell is not None, (tid, rid, cid)
                assert str(cell.value) == str(value).replace("万元", "") or cell.raw == str(value), (tid, rid, cid)
                assert cell.loc.table is not None and cell.loc.row is not None
    assert [f for f in lint(report) if f.severity == "error"] == []


def test_a_wrong_cell_is_found_at_its_place(tmp_path):
    data = sample_report("2021")
    data["tables"]["review"]["reconsideration"]["total"] = 9
    report = read(make_report_docx(tmp_path / "bad.docx", fmt="2021", agency=data["agency"], year=2024,
                                   tables=data["tables"]))
    (finding,) = [f for f in lint(report) if f.code == "SUM-04"]
    assert finding.location.table == 3 and finding.location.row == 4 and finding.location.cell == 5


def test_filled_official_template(shared_dir, tmp_path):
    import docx

    document = docx.Document(str(shared_dir / "corpus/govnianbao/政务公开年报模版.docx"))
    document.paragraphs[1].text = "平潭综合实验区2025年度政府信息公开工作年度报告"
    review = document.tables[2]
    figures = [25, 3, 8, 0, 36, 3, 3, 0, 0, 6, 3, 0, 0, 0, 3]
    for k, value in enumerate(figures):
        review.rows[3].cells[k].text = str(value)
    requests = document.tables[1]
    new = [151, 3, 0, 0, 0, 0, 154]
    for k, value in enumerate(new):
        requests.rows[3].cells[3 + k].text = str(value)
    path = tmp_path / "filled.docx"
    document.save(str(path))
    report = read(path)
    assert report.year == 2025 and report.format == "2021"
    assert [c.value for c in report.tables["review"].rows["reconsideration"].cells.values()] == [25, 3, 8, 0, 36]
    assert [c.value for c in report.tables["requests"].rows["new_received"].cells.values()] == new
    assert report.tables["requests"].cell("carried_over", "total").is_blank


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


HOSTILE = {
    "truncated": lambda: _zip({"word/document.xml": b"<w:document/>" * 100})[:60],
    "junk": lambda: b"\x89\x00garbage" * 100,
    "empty": lambda: b"",
    "legacy-doc": lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
    "not-word-zip": lambda: _zip({"xl/workbook.xml": b"<x/>"}),
    "zip-bomb": lambda: _zip({"word/document.xml": b"<" + b" " * (80 * 1024 * 1024) + b"/>"}),
    "xxe": lambda: _zip({"word/document.xml": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                         b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                         b'<w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'}),
    "billion-laughs": lambda: _zip({"word/document.xml": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
                                    + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10)
                                               for i in range(8))
                                    + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                                      b'<w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>'}),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_docx_ends_in_a_finding(tmp_path, name):
    path = tmp_path / f"{name}.docx"
    path.write_bytes(HOSTILE[name]())
    report = read(path)
    findings = lint(report)
    text = " ".join(p for s in report.sections for p in [s.text]) + report.text
    assert "root:" not in text  # no external entity was read
    if name in ("xxe", "billion-laughs"):
        assert len(text) < 10_000
    else:
        assert report.diagnostics and report.diagnostics[0].kind in ("unreadable", "unsupported_format")
        assert findings and findings[0].severity == "error" and findings[0].code.startswith("RDR-")
