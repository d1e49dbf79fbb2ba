"""Table 二 column headers reach the label rules as written, in every reader (公安 2021 本年废纸件数)."""

from __future__ import annotations

import pytest

from govinfo_lint.api import lint, load_rules
from govinfo_lint.readers import read

RULES = load_rules(select=["LBL"])
HEADER = ["信息内容", "本年制发件数", "本年废纸件数", "现行有效件数"]
ROWS = [["第二十条第（一）项"] * 4, HEADER, ["规章", "0", "0", "2"], ["行政规范性文件", "1", "0", "7"]]
TITLE = "某局2021年度政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
END = "\n\n三、收到和处理政府信息公开申请情况\n"


def _write(tmp_path, layout: str):
    if layout == "html":
        rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in ROWS)
        path = tmp_path / "r.html"
        path.write_text(f"<html><body><p>{TITLE.splitlines()[0]}</p><p>二、主动公开政府信息情况</p><table>{rows}</table>"
                        "</body></html>", encoding="utf-8")
        return path
    if layout == "markdown":
        body = "\n".join("| " + " | ".join(r) + " |" + ("\n|---|---|---|---|" if i == 0 else "")
                         for i, r in enumerate(ROWS))
        path = tmp_path / "r.md"
    elif layout == "tabs":
        body = "\n\n".join("\n".join("\t" + c for c in (row[:1] if i == 0 else row)) for i, row in enumerate(ROWS))
        path = tmp_path / "r.txt"
    elif layout == "lines":
        body = "\n".join(" ".join(row[:1] if i == 0 else row) for i, row in enumerate(ROWS))
        path = tmp_path / "r.txt"
    else:  # one line, cells run together
        body = "第二十条第（一）项" + "".join("".join(r) for r in ROWS[1:])
        path = tmp_path / "r.txt"
    path.write_text(TITLE + body + END, encoding="utf-8")
    return path


@pytest.mark.parametrize("layout", ["html", "markdown", "tabs", "lines", "flattened"])
def test_typo_in_a_column_header_is_kept_and_found(tmp_path, layout):
    path = _write(tmp_path, layout)
    block = next(b for b in read(path).tables["proactive"].blocks if b.id == "art20_1")
    assert block.columns.get("repealed") == "本年废纸件数"
    hits = [(f.code, f.severity, f.pointer) for f in lint(path, RULES) if "本年废纸件数" in f.message]
    assert hits == [("LBL-04", "warning", "/labels/proactive/blocks/art20_1/columns/repealed")]
