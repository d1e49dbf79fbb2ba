"""Outputs as a new user reads them: pages named, level names in Chinese, no false stars."""

from __future__ import annotations

from govinfo_lint.findings import Finding
from govinfo_lint.formatters import FileResult, render
from govinfo_lint.model import Location, Report
from govinfo_lint.readers.structured import from_data
from govinfo_lint.samples import sample_report


def _pdf_result() -> list[FileResult]:
    report = Report(source="年报.pdf", input_kind="pdf", agency="某县交通运输局", year=2024, format="2021")
    finding = Finding("SUM-02", "error", "各项办理结果之和为 3，而“（七）总计”填报 2",
                      pointer="/tables/requests/handled_total/total", location=Location(line=40, column=3, page=4))
    return [FileResult("年报.pdf", report, [finding])]


def test_concise_and_github_carry_the_pdf_page():
    concise = render("concise", _pdf_result())
    assert concise.startswith("年报.pdf:40:3: SUM-02 [error]") and "（第4页）" in concise
    github = render("github", _pdf_result())
    assert "line=40" in github and "（第4页）" in github
    assert "(page 4)" in render("github", _pdf_result(), "en")


def test_html_page_names_the_level_in_chinese():
    data = sample_report("2021")
    data["level"] = "township"
    report = from_data(data)
    page = render("html", [FileResult("r.yaml", report, [])])
    assert "乡镇人民政府（街道办事处）" in page and ">township<" not in page
    assert "township government" in render("html", [FileResult("r.yaml", report, [])], "en")


def _stars(written: str) -> int:
    report = from_data(sample_report("2021"))
    report.tables["review"].column_labels["upheld"] = written  # as a PDF reader keeps a wrapped header
    return render("html", [FileResult("r.yaml", report, [])]).count(" *</span>")


def test_html_page_does_not_star_a_header_wrapped_over_lines():
    assert _stars("结果\n维持") == 0
    assert _stars("结果维 持") == 0
    assert _stars("结果维护") > 0


def test_tbl08_says_what_differs_briefly_and_lists_the_rows_in_the_evidence():
    from govinfo_lint.api import lint, load_rules
    from govinfo_lint.samples import apply_patch

    data = apply_patch(sample_report("2021"), {"/tables/requests/other": {
        "natural_person": 0, "commercial": 0, "research": 0, "social_org": 0, "legal_service": 0, "other_org": 0,
        "total": 0}}, ["/tables/requests/other_no_correction", "/tables/requests/other_fee_unpaid",
                       "/tables/requests/other_misc"])
    (finding,) = [f for f in lint(data, load_rules(select=["TBL-08"]))]
    assert "1 行" in finding.message and "3 行" in finding.message
    assert "行政机关不再处理" not in finding.message and len(finding.message) < 110
    assert len(finding.evidence["expected_labels"]) == 3


def test_a_finding_in_a_one_line_web_page_names_its_paragraph(tmp_path, capsys):
    from cli_run import run
    from govinfo_lint.samples import sample_report

    data = sample_report("2021")
    paragraphs = [f"<p>{data['title']}</p>"] + [
        f"<p>{s['heading']}</p><p>{s['text']}</p>" for s in data["sections"] if s["id"] not in ("proactive",)]
    page = "<html><body>" + "".join(paragraphs) + "</body></html>"  # minified: one source line
    path = tmp_path / "r.html"
    path.write_text(page, encoding="utf-8")
    _code, out, _err = run(capsys, "check", path, "--no-cache")
    placed = [ln for ln in out.splitlines() if "段" in ln and ("SEC-" in ln or "RDR-" in ln or "XTX-" in ln)]
    assert placed, out
    import re

    assert all(re.search(r"\d+:\d+ 第\d+段", ln) for ln in placed)
