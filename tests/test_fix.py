"""``check --fix`` / ``--diff`` / ``--unsafe-fixes``: wording only, never a figure."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cli_run import run
from govinfo_lint.api import load_rules
from govinfo_lint.fix import _ordinal, fixable, plan
from govinfo_lint.readers import read
from govinfo_lint.config.settings import Resolver

ROOT = Path(__file__).resolve().parents[1]
XILIAN = ROOT / "examples" / "xilian-2019.yaml"

MARKDOWN = """# 示例县交通运输局2024年政府信息公开工作年度报告

三、收到和处理政府信息公开申请情况

| 本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其它 | 总计 |
|---|---|---|---|---|---|---|---|
| 一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
"""


def _figures(path: Path) -> list:
    return sorted((t, r, c, str(cell.value), cell.raw) for t, r, c, cell in read(path).iter_cells())


def _codes(capsys, path: Path) -> list[str]:
    _code, out, _err = run(capsys, "check", path, "-f", "concise", "--no-cache")
    return [line.split(": ")[1].split(" ")[0] for line in out.splitlines() if line]


@pytest.fixture
def xilian(tmp_path) -> Path:
    path = tmp_path / "xilian.yaml"
    shutil.copy(XILIAN, path)
    return path


def test_fix_writes_the_official_wording_and_keeps_every_figure(xilian, capsys):
    before_codes, before_figures = _codes(capsys, xilian), _figures(xilian)
    code, _out, err = run(capsys, "check", xilian, "--fix", "--no-cache")
    assert "已修复" in err
    text = xilian.read_text(encoding="utf-8")
    assert "其它" not in text.split("labels:")[1].split("rows:")[0]  # the 其它 column label
    assert "heading: 一、" in text and "第二十条第（五）项" in text
    assert _figures(xilian) == before_figures
    after = _codes(capsys, xilian)
    assert "SEC-03" in before_codes and "SEC-03" not in after and "LBL-01" in before_codes
    assert set(after) <= set(before_codes)
    assert len(after) < len(before_codes)
    # Fixed once, nothing is left to fix.
    assert run(capsys, "check", xilian, "--diff", "--no-cache")[0] == 0


def test_diff_shows_the_fixes_and_writes_nothing(xilian, capsys):
    before = xilian.read_bytes()
    code, out, _err = run(capsys, "check", xilian, "--diff", "--no-cache")
    assert code == 1
    assert "-    heading: 1、 总体情况" in out and "+    heading: 一、 总体情况" in out
    assert "+    columns: {other_org: 其他}" in out
    assert xilian.read_bytes() == before


def test_markdown_is_fixed_in_its_table_header(tmp_path, capsys):
    path = tmp_path / "r.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    figures = _figures(path)
    run(capsys, "check", path, "--fix", "--no-cache")
    text = path.read_text(encoding="utf-8")
    assert "| 其他 | 总计 |" in text and "| （本列数据的勾稽关系为：" in text
    assert _figures(path) == figures


def test_fix_keeps_crlf_line_endings_and_the_mode(tmp_path, capsys):
    path = tmp_path / "r.md"
    path.write_bytes(MARKDOWN.replace("\n", "\r\n").encode("utf-8"))
    os.chmod(path, 0o640)
    run(capsys, "check", path, "--fix", "--no-cache")
    data = path.read_bytes()
    assert "其他".encode() in data and data.count(b"\r\n") == MARKDOWN.count("\n") and b"\n" not in data.replace(
        b"\r\n", b"")
    assert os.stat(path).st_mode & 0o777 == 0o640


def test_renumbering_a_section_is_an_unsafe_fix(tmp_path):
    rules = load_rules()
    by_code = {r.code: r for r in rules}
    from govinfo_lint.findings import Finding
    from govinfo_lint.model import Location

    same = Finding("SEC-03", "warning", "", evidence={"written": "1、", "expected": "一、"}, location=Location(3, 1))
    moved = Finding("SEC-03", "warning", "", evidence={"written": "一、", "expected": "二、"}, location=Location(3, 1))
    assert fixable(same, by_code, unsafe=False)
    assert not fixable(moved, by_code, unsafe=False) and fixable(moved, by_code, unsafe=True)
    assert [_ordinal(x) for x in ("1、", "（三）", "十二、", "二十")] == [1, 3, 12, 20]


def test_a_fix_that_would_change_a_figure_is_dropped(tmp_path):
    # A "fix" whose written text first occurs in a figure's cell must not be applied there.
    from govinfo_lint.engine.runner import lint_report
    from govinfo_lint.findings import Finding
    from govinfo_lint.model import Location

    path = tmp_path / "r.yaml"
    shutil.copy(XILIAN, path)
    text = path.read_text(encoding="utf-8")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "regulations:" in ln)
    rules = load_rules()
    forged = Finding("LBL-01", "warning", "", pointer="/tables/proactive/regulations",
                     evidence={"written": "3", "expected": "4"}, location=Location(line, 1))
    report = read(path)
    planned = plan(path, Resolver().settings_for(path), rules, lint_report(report, rules) + [forged])
    assert forged not in planned.applied
    assert "3" in planned.fixed.splitlines()[line - 1]


def test_docx_is_never_fixed_in_place(tmp_path, capsys):
    from docx_factory import make_report_docx
    from govinfo_lint.samples import sample_report

    data = sample_report("2021")
    path = make_report_docx(tmp_path / "r.docx", agency=data["agency"], year=data["year"], tables=data["tables"])
    before = path.read_bytes()
    run(capsys, "check", path, "--fix", "--no-cache")
    assert path.read_bytes() == before


def test_a_report_that_cannot_be_written_is_said_and_left_as_it_was(xilian, capsys, monkeypatch):
    import govinfo_lint.safe_write as safe_write

    before = xilian.read_bytes()

    def refuse(target, data, protect):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(safe_write, "_write", refuse)
    code, _out, err = run(capsys, "check", xilian, "--fix", "--no-cache")
    assert f"无法写入输出文件 {xilian}" in err and "没有写入权限" in err and "Traceback" not in err
    assert xilian.read_bytes() == before
