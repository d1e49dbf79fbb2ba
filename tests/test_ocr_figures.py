"""A low-confidence box of a scan read again as figures alone (``ocr.scan.digit_reading``)
and taken by the mapping only for a figure cell (``mapping.ocr_marks``). The recogniser's
output is made up here, so these tests need no OCR engine."""

from __future__ import annotations

import pytest

from govinfo_lint import samples
from govinfo_lint.api import lint, load
from govinfo_lint.model import Diagnostic, Location
from govinfo_lint.readers.mapping.ocr_marks import mark_uncertain
from govinfo_lint.readers.ocr.scan import digit_reading, split_box

np = pytest.importorskip("numpy")

ALPHABET = ["blank", *"0123456789", "。", "o", "/", "-", ".", "总", "计"]


def _preds(*steps: dict[str, float]):
    """Steps of the recogniser's output, each {character: probability}, the rest on the blank."""
    out = np.zeros((len(steps), len(ALPHABET)), dtype=np.float32)
    for t, step in enumerate(steps):
        for ch, p in step.items():
            out[t, ALPHABET.index(ch)] = p
        out[t, 0] = 1 - sum(step.values())
    return out


BLANK = {}


def test_a_lone_zero_read_as_a_round_glyph_is_a_zero():
    # As measured: "。" at 0.32 with "0" at 0.28 and the blank taking most of the rest.
    preds = _preds(BLANK, {"。": 0.32, "0": 0.28, "o": 0.05}, BLANK)
    preds[1, 0] = 0.01  # the blank, at the character's step, is small
    text, share = digit_reading(preds, "。", ALPHABET)
    assert text == "0" and share > 0.9


def test_the_same_figure_read_with_low_confidence_is_kept():
    preds = _preds(BLANK, {"0": 0.45, "o": 0.3}, BLANK)
    preds[1, 0] = 0.02
    assert digit_reading(preds, "0", ALPHABET)[0] == "0"


@pytest.mark.parametrize("first, steps", [
    ("/", [{"/": 0.5, "1": 0.45}]),  # a slash is no look-alike of a figure
    ("计", [{"计": 0.7, "1": 0.05}]),  # a word's figure is too faint
    ("。", [{"。": 0.4, "0": 0.3, "8": 0.29}]),  # two figures alike: no sure one
    ("。", [{"。": 0.75, "0": 0.15}]),  # the figure holds too little of all the probability
    ("00", [{"0": 0.9}]),  # two characters read, one figure
])
def test_no_reading_as_figures_where_it_is_not_sure(first, steps):
    preds = _preds(*steps)
    preds[:, 0] = 0.01
    assert digit_reading(preds, first, ALPHABET) is None


def test_figures_read_surely_read_the_same():
    preds = _preds({"1": 0.9}, BLANK, {"2": 0.9}, BLANK, {"5": 0.9})
    assert digit_reading(preds, "125", ALPHABET)[0] == "125"


def test_a_decimal_or_a_minus_is_never_read_as_other_figures():
    steps = [{"1": 0.5}, {"2": 0.5}, {".": 0.5}, {"5": 0.5}]
    assert digit_reading(_preds(*steps), "12.5", ALPHABET) is None  # four characters read, three figures


def test_a_box_too_wide_for_its_figures_keeps_none():
    # "-2" read as "2": the box is twice as wide as one figure needs.
    (two,) = split_box("2", 0.0, 12.6, 0.0, 10.0, 0.45, ("2", 0.97), 3)
    assert two["digits"] is None and two["box"] == 3
    (zero,) = split_box("。", 0.0, 6.0, 0.0, 10.0, 0.32, ("0", 0.95), 4)
    assert zero["digits"] == "0"


def _report_with(raw: str, confidence: float):
    report = load(samples.sample_report("2021"))
    report.input_kind = "pdf-ocr"
    loc = Location(page=2, table=3, row=6, cell=8, x=400.0, y=300.0, w=40.0, h=18.0)
    cells = report.tables["requests"].rows["granted"].cells
    from govinfo_lint.values import parse_cell

    cells["total"] = parse_cell(raw, "count", loc)
    cells["total"].confidence = confidence
    if cells["total"].parse_error:
        report.diagnostics.append(Diagnostic("cell_unreadable", "x", "x", "/tables/requests/granted/total", loc))
    return report, loc


def test_a_figure_cell_takes_its_figures_and_stays_doubtful():
    report, loc = _report_with("。", 0.32)
    mark_uncertain(report, [], [(loc, "0", 0.32)])
    cell = report.tables["requests"].rows["granted"].cells["total"]
    assert (cell.value, cell.raw, cell.parse_error, cell.confidence) == (0, "0", None, 0.32) and cell.doubtful
    assert not [d for d in report.diagnostics if d.pointer == "/tables/requests/granted/total"]
    # An error resting on it is a warning naming it, never an error.
    found = [f for f in lint(report) if f.pointer == "/tables/requests/granted/total" and f.code.startswith("SUM")]
    assert found and all(f.severity == "warning" and "置信度" in f.message for f in found), found


def test_without_figures_the_cell_is_unread():
    report, loc = _report_with("。", 0.32)
    mark_uncertain(report, [loc], [])
    cell = report.tables["requests"].rows["granted"].cells["total"]
    assert cell.parse_error == "unread" and cell.value is None
    assert [d.kind for d in report.diagnostics if d.pointer == "/tables/requests/granted/total"] == ["ocr_uncertain"]


def _ink(text: str, size: int = 40):
    """A cell's dark pixels with ``text`` drawn in it (a font of the machine's, or PIL's own)."""
    from PIL import Image, ImageDraw, ImageFont

    try:
        font = ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        font = ImageFont.load_default(size=size)
    image = Image.new("L", (160, 70), 255)
    ImageDraw.Draw(image).text((50, 10), text, fill=0, font=font)
    return np.array(image) < 128


def test_ink_no_box_reached_is_read_on_its_own():
    pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra is not installed")
    from govinfo_lint.readers.ocr.scan import LOW_CONFIDENCE, _read_ink

    for figures in ("1", "7", "30"):
        text, score = _read_ink(_ink(figures))
        assert text == figures and score >= LOW_CONFIDENCE, (figures, text, score)


def test_ink_that_is_no_figure_stays_unread():
    pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra is not installed")
    from govinfo_lint.readers.ocr.scan import _read_ink

    rng = np.random.default_rng(7)
    smudge = np.zeros((70, 160), dtype=bool)
    smudge[20:50, 40:120] = rng.random((30, 80)) < 0.35  # a seal's remnant: grain, no stroke
    for marks in (smudge, _ink("无"), _ink("/"), _ink("-3")):
        text, _score = _read_ink(marks)
        assert text is None, text
