"""Honesty about OCR readings of middling confidence (issue 17): an error that rests on a cell
read with less than sure confidence is a warning that names the cell.

The engine test sets confidences in a structured report (no OCR needed); the reader test
gives a text PDF's characters the confidences an OCR reading would carry and checks that
each cell gets the lowest of its own characters, and that the finding over it is downgraded.
"""

from __future__ import annotations

import copy

import pytest

from govinfo_lint import samples
from govinfo_lint.api import lint, load, load_rules
from govinfo_lint.model import SURE_CONFIDENCE, Location
from tests.forms import pdf_form

GRANTED_TOTAL = "/tables/requests/granted/total"


def _report(confidence: float | None, value: int = 7):
    data = copy.deepcopy(samples.sample_report("2021"))
    data["tables"]["requests"]["granted"]["total"] = value  # the applicant columns add up to another figure
    data["tables"]["review"]["reconsideration"]["total"] += 5  # an error no doubtful cell is part of
    report = load(data)
    report.input_kind = "pdf-ocr"
    for _tid, _rid, _cid, other in report.iter_cells():  # every other figure read surely
        if other.value is not None:
            other.confidence = 0.99
    cell = report.tables["requests"].rows["granted"].cells["total"]
    cell.confidence = confidence
    cell.loc = Location(page=2, table=3, row=6, cell=8, x=400.0, y=300.0, w=40.0, h=18.0)
    return report


def _by_code_pointer(findings):
    return {(f.code, f.pointer): f for f in findings}


def test_error_resting_on_a_doubtful_cell_is_a_warning_naming_it():
    sure = _by_code_pointer(lint(_report(0.95)))
    doubtful = _by_code_pointer(lint(_report(0.7)))
    sum03 = doubtful[("SUM-03", GRANTED_TOTAL)]
    assert sure[("SUM-03", GRANTED_TOTAL)].severity == "error"
    assert sum03.severity == "warning"
    assert "依赖识别置信度低的单元格：第2页 表三“（一）予以公开”行“总计”列（置信度 70%），请对照原件核对" in sum03.message
    assert "confidence 70%" in sum03.message_en and sum03.evidence["ocr_doubtful"] == {GRANTED_TOTAL: 0.7}
    # Every error the doubtful cell is part of is downgraded, whatever its rule; the others stay errors.
    for key, finding in sure.items():
        if finding.severity != "error":
            continue
        rests = GRANTED_TOTAL in str(finding.evidence) or finding.pointer == GRANTED_TOTAL
        assert doubtful[key].severity == ("warning" if rests else "error"), key
    assert any(f.severity == "error" and f.pointer.startswith("/tables/review") for f in doubtful.values())


def test_sure_confidence_keeps_the_error():
    for confidence in (SURE_CONFIDENCE, 1.0):
        found = _by_code_pointer(lint(_report(confidence)))
        assert found[("SUM-03", GRANTED_TOTAL)].severity == "error", confidence
        assert "置信度" not in found[("SUM-03", GRANTED_TOTAL)].message


def test_a_figure_of_unknown_confidence_in_a_scan_settles_no_error():
    # A cell of an OCR reading without a confidence (not matched to a recognised box) is not
    # known to be read surely: the sum over it is a warning saying the scan may be at fault.
    sum03 = _by_code_pointer(lint(_report(None)))[("SUM-03", GRANTED_TOTAL)]
    assert sum03.severity == "warning" and sum03.evidence.get("ocr_unsettled")
    assert "可能由识别遗漏或误读所致" in sum03.message


def test_on_a_scan_an_error_about_a_missing_part_is_a_warning():
    # A table not found, a row missing, a heading misnamed: in a scan the recogniser may have
    # missed or misread it. The same report as a text document keeps its errors.
    data = copy.deepcopy(samples.sample_report("2021"))
    del data["tables"]["review"]
    as_text = {f.code: f for f in lint(load(data)) if f.severity == "error"}
    assert "SEC-07" in as_text
    report = load(data)
    report.input_kind = "pdf-ocr"
    for _tid, _rid, _cid, cell in report.iter_cells():
        cell.confidence = 0.99 if cell.value is not None else None
    on_scan = {f.code: f for f in lint(report)}
    for code in as_text:
        assert on_scan[code].severity == "warning", code
        assert on_scan[code].evidence.get("ocr_unsettled") and "请对照原件核对" in on_scan[code].message


def test_on_a_scan_a_table_the_reader_could_not_map_is_a_warning_a_file_error_stays():
    # RDR-05 (table not found) and RDR-07 (a figure that is not a number) speak of what the
    # reader made of the content, which a scan's recogniser may have missed or misread;
    # RDR-01 (no text at all) speaks of the file and stays an error.
    from govinfo_lint.model import Diagnostic

    def found(kind: str):
        data = copy.deepcopy(samples.sample_report("2021"))
        del data["tables"]["review"]
        out = {}
        for input_kind in ("pdf", "pdf-ocr"):
            report = load(data)
            report.input_kind = input_kind
            report.diagnostics.append(Diagnostic(kind, "表四中未找到 15 个数据单元格。", "not found", "/tables/review"))
            out[input_kind] = {f.code: f for f in lint(report, load_rules(select=["RDR"]))}
        return out

    tables = found("table_not_found")
    assert tables["pdf"]["RDR-05"].severity == "error"
    assert tables["pdf-ocr"]["RDR-05"].severity == "warning"
    assert tables["pdf-ocr"]["RDR-05"].evidence.get("ocr_unsettled")
    files = found("unreadable")
    assert files["pdf"]["RDR-01"].severity == files["pdf-ocr"]["RDR-01"].severity == "error"


def test_warnings_and_findings_without_cells_are_left_alone():
    report = _report(0.65)
    report.tables["requests"].rows["granted"].cells["total"].value = 8  # consistent again
    assert not [f for f in lint(report) if "置信度低" in f.message]


def _text_pdf(tmp_path, data: dict):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_form.render(data))
    return path


def _read_as_ocr(path, score):
    """The PDF read as if by OCR: each character carries ``score(char)`` as its confidence."""
    from govinfo_lint.readers.mapping.assemble import build_report
    from govinfo_lint.readers.pdf import read as pdf_read

    original = pdf_read._content

    def scored(page, number, fast):
        content = original(page, number, fast)
        content.chars = [{**c, "confidence": score(number, c)} for c in content.chars]
        return content

    mp = pytest.MonkeyPatch()
    mp.setattr(pdf_read, "_content", scored)
    try:
        doc = pdf_read.read_document(path)
    finally:
        mp.undo()
    doc.kind = "pdf-ocr"
    return build_report(doc)


def test_reader_gives_each_cell_its_characters_lowest_confidence(tmp_path):
    data = copy.deepcopy(samples.sample_report("2021"))
    data["tables"]["requests"]["granted"]["total"] += 1
    path = _text_pdf(tmp_path, data)
    plain = load(path)
    target = plain.tables["requests"].rows["granted"].cells["total"].loc
    assert target.w and target.h and plain.tables["requests"].rows["granted"].cells["total"].confidence is None

    def score(number, c):
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        inside = (number == target.page and target.x <= cx <= target.x + target.w
                  and target.y <= cy <= target.y + target.h)
        return 0.7 if inside else 0.97

    report = _read_as_ocr(path, score)
    cells = {(t, r, c): cell for t, r, c, cell in report.iter_cells() if cell.raw}
    assert cells[("requests", "granted", "total")].confidence == 0.7
    assert {cell.confidence for key, cell in cells.items() if key != ("requests", "granted", "total")} == {0.97}
    found = [f for f in lint(report) if f.code == "SUM-03" and f.pointer == GRANTED_TOTAL]
    assert [f.severity for f in found] == ["warning"] and "置信度 70%" in found[0].message
    assert [f.severity for f in lint(plain) if f.code == "SUM-03" and f.pointer == GRANTED_TOTAL] == ["error"]


# Measured (benchmarks/ocr_confidence.py, docs/readers.md): an OCR cell's box lies within 3.3 pt
# of the text layer's on a clean scan and MAX_GAP_PT on noisy ones; a misplaced box is far more.
MAX_GAP_PT = 6.0


@pytest.fixture(scope="module")
def wrong_total(tmp_path_factory):
    pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra is not installed")
    pytest.importorskip("pypdfium2")
    from govinfo_lint.readers import read
    from tests.forms import twin
    from tests.forms.scan_form import scan

    case = {c.name: c for c in twin.cases()}["wrong-total-2021"]
    folder = tmp_path_factory.mktemp("ocr-doubt")
    data = pdf_form.render(copy.deepcopy(case.report))
    (folder / "text.pdf").write_bytes(data)
    (folder / "scan.pdf").write_bytes(scan(data, noisy=True))
    return read(folder / "text.pdf"), read(folder / "scan.pdf")


def _gap(a: Location, b: Location) -> float:
    return max(abs(a.x - b.x), abs(a.y - b.y), abs(a.x + a.w - b.x - b.w), abs(a.y + a.h - b.y - b.h))


def test_scan_cells_carry_their_confidence_and_box(wrong_total):
    from govinfo_lint.readers.ocr.scan import LOW_CONFIDENCE

    text, ocr = wrong_total
    read_cells = 0
    for tid, rid, cid, cell in text.iter_cells():
        got = ocr.tables[tid].cell(rid, cid) if tid in ocr.tables else None
        if got is None or not cell.raw or got.parse_error:
            continue
        read_cells += 1
        assert got.confidence is not None and 0 < got.confidence <= 1, (tid, rid, cid, got)
        # Below the threshold only a cell read again as figures alone (a lone "0"), which
        # keeps its low confidence: an error resting on it is a warning.
        assert got.confidence >= LOW_CONFIDENCE or (got.raw.isascii() and got.raw.isdigit() and got.doubtful), got
        assert got.loc.page == cell.loc.page and _gap(got.loc, cell.loc) <= MAX_GAP_PT, (tid, rid, cid)
    assert read_cells >= 150


def test_scan_errors_are_errors_or_warnings_naming_doubtful_cells(wrong_total):
    text, ocr = wrong_total
    errors = {(f.code, f.pointer) for f in lint(text) if f.severity == "error"}
    assert errors
    found = {(f.code, f.pointer): f for f in lint(ocr)}
    seen = 0
    for f in found.values():
        doubtful = f.evidence.get("ocr_doubtful") if isinstance(f.evidence, dict) else None
        if doubtful:
            assert f.severity == "warning" and "请对照原件核对" in f.message
            for pointer, score in doubtful.items():
                _, _, tid, rid, cid = pointer.split("/")
                assert ocr.tables[tid].cell(rid, cid).doubtful and score == ocr.tables[tid].cell(rid, cid).confidence
        if (f.code, f.pointer) in errors and f.severity in ("error", "warning"):
            seen += 1
            assert f.severity == "error" or doubtful, f
    assert seen, "the scan's reading finds the text layer's error, as an error or a warning naming the cell"
    assert not [f for f in found.values() if f.severity == "error" and (f.code, f.pointer) not in errors]


def test_many_doubtful_cells_are_counted_not_all_named():
    report = _report(0.7)
    for cid, cell in report.tables["requests"].rows["granted"].cells.items():
        cell.confidence = 0.65 if cid != "total" else 0.7
    (sum03,) = [f for f in lint(report) if f.code == "SUM-03" and f.pointer == GRANTED_TOTAL]
    named = len(report.tables["requests"].rows["granted"].cells)
    assert sum03.severity == "warning" and f"等 {named} 个，请对照原件核对" in sum03.message
    assert len(sum03.evidence["ocr_doubtful"]) == named and f"and {named - 3} more" in sum03.message_en
