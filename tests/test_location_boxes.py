"""Every finding on a PDF points at the page and the box on it (issue 17): x, y, w, h in PDF
points, top-left origin, for table cells, lines and tables; shown in JSON (``location``), in
the HTML review page, and in the text output of a scan (where a text PDF's table, row and
cell say enough, the text listing is unchanged)."""

from __future__ import annotations

import copy
import io
import json

from govinfo_lint import samples
from govinfo_lint.api import lint, load
from govinfo_lint.findings import FileResult
from govinfo_lint.formatters import write
from govinfo_lint.model import Location
from tests.forms import pdf_form


def _pdf(tmp_path, ruled: bool = True):
    data = copy.deepcopy(samples.sample_report("2021"))
    data["tables"]["requests"]["granted"]["total"] += 1
    path = tmp_path / ("ruled.pdf" if ruled else "unruled.pdf")
    path.write_bytes(pdf_form.render(data, ruled=ruled))
    return load(path)


def _inside(inner: Location, outer: Location, tol: float = 1.0) -> bool:
    return (outer.x - tol <= inner.x and inner.x + inner.w <= outer.x + outer.w + tol
            and outer.y - tol <= inner.y and inner.y + inner.h <= outer.y + outer.h + tol)


def test_cells_lines_and_tables_of_a_pdf_have_boxes(tmp_path):
    for ruled in (True, False):
        report = _pdf(tmp_path, ruled)
        table = report.tables["requests"]
        cells = [c for _t, _r, _c, c in report.iter_cells() if c.raw]
        assert cells and all(c.loc.w > 0 and c.loc.h > 0 and c.loc.page for c in cells), ruled
        assert table.loc.w > 0 and table.loc.h > 0
        assert all(_inside(c.loc, table.loc) for c in table.rows["granted"].cells.values() if c.raw)
        # Cells of one row do not overlap: each box is its own cell's.
        row = sorted((c.loc for c in table.rows["granted"].cells.values()), key=lambda loc: loc.x)
        assert all(a.x + a.w <= b.x + 0.5 for a, b in zip(row, row[1:])), ruled
        heading = report.section("overview").loc
        assert heading.page == 1 and heading.w > 20 and 5 < heading.h < 30


def _results(report):
    return [FileResult(report.source, report, lint(report))]


def test_json_location_has_the_box(tmp_path):
    report = _pdf(tmp_path)
    out = io.StringIO()
    write("json", _results(report), out)
    (found,) = [f for f in json.loads(out.getvalue())["files"][0]["findings"]
                if f["code"] == "SUM-03" and f["pointer"] == "/tables/requests/granted/total"]
    loc = found["location"]
    assert {"page", "table", "row", "cell", "x", "y", "w", "h"} <= set(loc) and loc["w"] > 0 and loc["h"] > 0


def test_text_output_shows_the_box_for_a_scan_only(tmp_path):
    report = _pdf(tmp_path)
    loc = report.tables["requests"].rows["granted"].cells["total"].loc
    box = f"框({loc.x:.0f},{loc.y:.0f} {loc.w:.0f}×{loc.h:.0f})"
    text = io.StringIO()
    write("text", _results(report), text)
    assert box not in text.getvalue() and f"第{loc.page}页 表格" in text.getvalue()
    report.input_kind = "pdf-ocr"
    scanned = io.StringIO()
    write("text", _results(report), scanned)
    line = next(l for l in scanned.getvalue().splitlines() if "SUM-03" in l and "予以公开" in l)
    assert f"第{loc.page}页 表格{loc.table} 第{loc.row}行 第{loc.cell}列 {box}" in line
    en = io.StringIO()
    write("text", _results(report), en, lang="en")
    assert f"box({loc.x:.0f},{loc.y:.0f} {loc.w:.0f}×{loc.h:.0f})" in en.getvalue()


def test_html_finding_carries_page_and_box(tmp_path):
    report = _pdf(tmp_path)
    loc = report.tables["requests"].rows["granted"].cells["total"].loc
    out = io.StringIO()
    write("html", _results(report), out)
    page = out.getvalue()
    assert f'data-page="{loc.page}" data-box="{loc.x:g} {loc.y:g} {loc.w:g} {loc.h:g}"' in page
    assert f"框({loc.x:.0f},{loc.y:.0f} {loc.w:.0f}×{loc.h:.0f})" in page


def test_box_needs_all_four_numbers():
    assert Location(page=1, x=1.0, y=2.0).box() == ""
    assert Location.box_of(3, 10.04, 20.06, 70.06, 38.04, table=2).to_dict() == {
        "page": 3, "table": 2, "x": 10.0, "y": 20.1, "w": 60.1, "h": 17.9}
