"""A finding about a spanning group label of table 三 points at the group label itself,
not at the first row of its group."""

from __future__ import annotations

import zipfile

from docx_factory import PINGTAN_2025, make_report_docx
from govinfo_lint.api import lint, load_rules
from govinfo_lint.readers import read
from govinfo_lint.samples import sample_report
from govinfo_lint.yaml_out import dump_yaml
from test_html_reader import FIG_2025, report_html

OFFICIAL = "（四）无法提供"
MISSPELT = "（四）无法提洪"
POINTER = "/tables/requests/unable_not_held"  # the group's first row names the finding


def _group_finding(report):
    found = [f for f in lint(report, load_rules(select=["LBL-04"])) if f.pointer == POINTER]
    assert len(found) == 1 and found[0].evidence["written"] == MISSPELT
    return found[0]


def test_html_group_label_finding_points_at_the_label(tmp_path):
    html = report_html(FIG_2025)
    assert html.count(OFFICIAL) == 1
    path = tmp_path / "r.html"
    path.write_text(html.replace(OFFICIAL, MISSPELT), encoding="utf-8")
    report = read(path)
    finding = _group_finding(report)
    row = report.tables["requests"].rows["unable_not_held"]
    assert finding.location != row.loc
    line = path.read_text(encoding="utf-8").splitlines()[finding.location.line - 1]
    assert line[finding.location.column - 1:].startswith(MISSPELT)


def test_docx_group_label_finding_points_at_the_merged_cell(tmp_path):
    path = make_report_docx(tmp_path / "r.docx", **{k: v for k, v in PINGTAN_2025.items() if k != "fmt"},
                            fmt=PINGTAN_2025["fmt"])
    with zipfile.ZipFile(path) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    body = parts["word/document.xml"].decode("utf-8")
    assert body.count(OFFICIAL) == 1  # Word stores a vertically merged cell once
    parts["word/document.xml"] = body.replace(OFFICIAL, MISSPELT).encode("utf-8")
    with zipfile.ZipFile(path, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    report = read(path)
    finding = _group_finding(report)
    loc = finding.location
    # Table 三 is the document's second; the group's first row (3 header rows + 12 rows
    # above it); the group column, where the row's own label is in the third.
    assert (loc.table, loc.row, loc.cell) == (2, 16, 2)
    assert report.tables["requests"].rows["unable_not_held"].loc.cell == 3


def test_yaml_group_label_finding_points_at_its_line(tmp_path):
    data = sample_report("2021")
    data.setdefault("labels", {}).setdefault("requests", {})["groups"] = {"unable_not_held": MISSPELT}
    path = tmp_path / "r.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    finding = _group_finding(read(path))
    line = path.read_text(encoding="utf-8").splitlines()[finding.location.line - 1]
    assert "unable_not_held" in line and line[finding.location.column - 1:].startswith(MISSPELT)
