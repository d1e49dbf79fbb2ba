"""The DOCX reader keeps the styles of a styles.xml it has read before: a file must read the
same whether its styles come from that cache or are parsed afresh, and a file whose styles
differ by a byte must not get another file's."""

from __future__ import annotations

import zipfile
from pathlib import Path

from govinfo_lint.readers.docx import read as docx_read


def _report(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("示例县2023年政府信息公开工作年度报告")
    document.add_paragraph("一、总体情况", style="Heading 1")
    document.add_paragraph("本年度主动公开政府信息 12 条。")
    document.save(str(path))
    return path


def _centred_normal(source: Path, path: Path) -> Path:
    """``source`` with its default paragraph style centred: one change in styles.xml only."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/styles.xml":
                data = data.replace(b'w:styleId="Normal">', b'w:styleId="Normal"><w:pPr><w:jc w:val="center"/></w:pPr>', 1)
                assert b'<w:jc w:val="center"/></w:pPr><w:name w:val="Normal"/>' in data
            zout.writestr(info, data)
    return path


def _fresh(path: Path):
    docx_read._styles_seen.clear()
    return docx_read.read_document(path)


def test_cached_styles_read_as_parsed_ones(tmp_path):
    plain = _report(tmp_path / "plain.docx")
    centred = _centred_normal(plain, tmp_path / "centred.docx")
    expected = {path: _fresh(path) for path in (plain, centred)}
    assert [b.align for b in expected[plain].blocks] == [None, None, None]
    assert [b.align for b in expected[centred].blocks] == ["center", "center", "center"]
    assert expected[plain].blocks[1].style == "heading 1"  # the name styles.xml gives
    docx_read._styles_seen.clear()
    for path in (plain, centred, plain, centred):
        assert docx_read.read_document(path) == expected[path]
    assert len(docx_read._styles_seen) == 2
