"""Labels in a scan read by OCR: a difference of one character or one bracket is not settled.

"(" for "（", or 它 for 他, is the recogniser's as often as the author's, so the character-level
label rules (LBL-01 其它, LBL-04 near misses, LBL-05 punctuation) say nothing of an OCR
reading; a label of the other format (LBL-02) or a wrong unit (LBL-03) is more than a
character and still counts.
"""

from __future__ import annotations

import copy

import pytest

from govinfo_lint import samples
from govinfo_lint.api import lint, load

PATCHES = {
    "LBL-01": ("requests", "rows", "denied_law_prohibited", "2.其它法律行政法规禁止公开"),
    "LBL-04": None,  # a near miss: 予以公卡 for 予以公开
    "LBL-05": ("requests", "rows", "denied_state_secret", "1、属于国家秘密"),
}


def _report(kind: str, code: str):
    data = copy.deepcopy(samples.sample_report("2021"))
    labels = data.setdefault("labels", {})
    if code == "LBL-04":
        labels.setdefault("requests", {}).setdefault("rows", {})["granted"] = "（一）予以公卡"
    else:
        table, part, key, text = PATCHES[code]
        labels.setdefault(table, {}).setdefault(part, {})[key] = text
    report = load(data)
    report.input_kind = kind
    return report


@pytest.mark.parametrize("code", sorted(PATCHES))
def test_character_level_label_rules_are_silent_on_an_ocr_reading(code):
    assert code in {f.code for f in lint(_report("docx", code))}  # the same label in a text document
    assert code not in {f.code for f in lint(_report("pdf-ocr", code))}


def test_a_label_of_the_other_format_still_counts_in_a_scan():
    data = copy.deepcopy(samples.sample_report("2021"))
    data.setdefault("labels", {}).setdefault("proactive", {}).setdefault("rows", {})["normative_documents"] = "规范性文件"
    for kind in ("docx", "pdf-ocr"):
        report = load(data)
        report.input_kind = kind
        assert "LBL-02" in {f.code for f in lint(report)}


def test_a_blank_cell_with_unread_ink_says_so():
    # mapping/ocr_marks: a cell read blank with ink in it is unread, and its message says
    # what was seen (ink), not a low-confidence reading of nothing.
    from govinfo_lint.model import Cell, Location
    from govinfo_lint.readers.mapping.ocr_marks import mark_uncertain

    report = load(copy.deepcopy(samples.sample_report("2021")))
    row = report.tables["requests"].rows["granted"]
    place = Location(page=2, x=300.0, y=200.0)
    row.cells["total"] = Cell(None, "", place)
    mark_uncertain(report, [place])
    (diag,) = [d for d in report.diagnostics if d.kind == "ocr_uncertain"]
    assert "有未识别的字迹" in diag.message and "“”" not in diag.message
    assert row.cells["total"].parse_error == "unread"
