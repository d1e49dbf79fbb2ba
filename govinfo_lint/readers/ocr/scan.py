"""Scanned PDFs (no text layer) read by offline OCR: the optional extra ``govinfo-lint[ocr]``.

Each page is rendered with pypdfium2 and read with RapidOCR (its wheel ships the Chinese
PP-OCR detection and recognition models, so nothing is downloaded at run time). The
recognised boxes become a ``PageContent``: each box's text split into per-character boxes
in proportion to their width, with the box's confidence, and ruling lines found in the
image (``lines``). From there ``pdf.page.read_page`` and ``pdf.read._finish`` build the
Document exactly as for a text PDF, so tables, labels and run-together digits are read by
the same code. Honesty: a table cell holding a low-confidence digit is listed in
``Document.ocr_uncertain`` and left unread by the assembler, and the document says it was
read by OCR (``kind`` "pdf-ocr" and an ``ocr_read`` diagnostic with the mean confidence).
"""

from __future__ import annotations

import functools
import importlib.util
import time
import unicodedata
from pathlib import Path

from ...limits import OCR_DPI, OCR_MIN_DPI, OCR_PAGES, OCR_PIXELS, OCR_SECONDS, Limits
from ...model import Diagnostic, Location
from ..document import Document, TableGrid
from ..pdf.content import PageContent

INSTALL = 'pip install "govinfo-lint[ocr]"'
LOW_CONFIDENCE = 0.6  # below this a recognised character is not trusted (measured: docs/benchmarks.md)
BLANK_INK = 0.0002  # share of dark pixels under which a page is blank (a page number alone is 0.0004)
_engine = None  # one RapidOCR per process: loading its models takes about 0.3 s
REC_BATCH = 1  # boxes a recognition call: larger batches pad every box to the widest and cost more (measured)


def available() -> bool:
    return all(importlib.util.find_spec(m) is not None for m in ("rapidocr_onnxruntime", "pypdfium2"))


def engine():
    """The process's RapidOCR, loaded on first use.

    Measured (docs/benchmarks.md): recognition is most of a page's time, one call per
    detected box; inside one small call threads mostly wait for each other, so each
    recognition runs on one thread and the boxes are recognised on as many threads as
    there are cores (``recognise``). Detection is one large call on a thread per core. The
    models run on OpenVINO where it is installed (the ocr extra installs it): the same
    model files in 32-bit floats, the same texts, in half the time of onnxruntime
    (``runtime``). The angle classifier is off (pages are deskewed, ``lines.deskew``);
    detection runs on the full page: a page shrunk to 2,048 px for it lost cells of clean
    scans."""
    global _engine
    if _engine is None:
        from rapidocr_onnxruntime import RapidOCR

        # Every box is kept (text_score 0): what is uncertain is marked here, not dropped
        # silently, which would turn a faint figure into a blank cell.
        eng = RapidOCR(text_score=0.0, use_cls=False, print_verbose=False,
                       intra_op_num_threads=1, inter_op_num_threads=1, rec_batch_num=REC_BATCH)
        models = None
        if runtime() == "openvino":
            try:
                models = _OpenVino(_model_path("Det"), streams=1), _OpenVino(_model_path("Rec"), streams=_cores())
            except Exception:  # noqa: BLE001 - an OpenVINO that cannot run here: the same models on onnxruntime
                models = None
        if models is not None:
            eng.text_det.infer, eng.text_rec.session = models
        else:
            eng.text_det.infer.session = _detection_session()
        _engine = eng
    return _engine


def loaded() -> bool:
    """Whether this process has loaded the engine (and so runs its runtime's threads)."""
    return _engine is not None


def runtime() -> str:
    """What runs the models: "openvino" where it is installed, else "onnxruntime" (which
    rapidocr_onnxruntime always brings); ``GOVINFO_OCR_RUNTIME`` chooses one of the two."""
    import os

    chosen = os.environ.get("GOVINFO_OCR_RUNTIME", "").strip().lower()
    if chosen in ("onnxruntime", "openvino"):
        return chosen
    return "openvino" if importlib.util.find_spec("openvino") is not None else "onnxruntime"


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _model_path(kind: str) -> str:
    """The path of RapidOCR's bundled model ``kind`` ("Det" or "Rec")."""
    from rapidocr_onnxruntime.main import DEFAULT_CFG_PATH
    from rapidocr_onnxruntime.utils import read_yaml, update_model_path

    return update_model_path(read_yaml(DEFAULT_CFG_PATH))[kind]["model_path"]


def _detection_session():
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = _cores()
    options.inter_op_num_threads = 1
    options.enable_cpu_mem_arena = False
    options.log_severity_level = 4
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(_model_path("Det"), sess_options=options, providers=["CPUExecutionProvider"])


class _OpenVino:
    """One of RapidOCR's ONNX models compiled by OpenVINO, called as RapidOCR calls its
    onnxruntime session: an input array in, [output array] out.

    32-bit floats are asked for: OpenVINO would otherwise compute in bfloat16 where the
    processor has it, which changed the recognised text of 31 of 648 boxes (measured). The
    cores are shared out as ``streams`` of equal threads, and each calling thread has its
    own request, so ``recognise``'s threads run side by side, one stream each. Threads
    are not pinned to cores: other processes (``--jobs``) share them."""

    def __init__(self, path: str, streams: int):
        import threading

        import openvino as ov

        core = ov.Core()
        self._model = core.compile_model(core.read_model(path), "CPU", {
            "INFERENCE_PRECISION_HINT": "f32", "NUM_STREAMS": streams,
            "INFERENCE_NUM_THREADS": max(_cores(), streams), "ENABLE_CPU_PINNING": False})
        self._output = self._model.output(0)
        self._local = threading.local()

    def __call__(self, x):
        request = getattr(self._local, "request", None)
        if request is None:
            request = self._local.request = self._model.create_infer_request()
        # The request's output buffer is reused by its next call: a copy is kept.
        return [request.infer({0: x})[self._output].copy()]


def recognise(grey, rules: list[tuple[float, float, float]] = ()) -> list[tuple]:
    """(box, text, score, digits) of each text box detected in the grey page ``grey``
    (``digits``: see ``read_crops``): RapidOCR's
    own steps (detection, crops, recognition) with the crops recognised on one thread per
    core. ``rules``: the table's column rules (x, top, bottom in pixels), at which a
    detected box that runs across them is cut before recognition (``cut_at_rules``)."""
    import numpy as np

    eng = engine()
    boxes = detect(grey)
    if boxes is None or len(boxes) == 0:
        return []
    boxes = cut_at_rules(list(boxes), rules)
    crops = eng.get_crop_img_list(np.dstack([grey, grey, grey]), boxes)
    workers = min(_cores(), len(crops))
    if workers <= 1:
        texts = read_crops(crops)
    else:
        from concurrent.futures import ThreadPoolExecutor

        # Interleaved shares: neighbouring boxes are alike (a row of digits), so every
        # share holds as many long text lines as short figures.
        with ThreadPoolExecutor(workers) as pool:
            shares = list(pool.map(lambda k: read_crops(crops[k::workers]), range(workers)))
        texts = [None] * len(crops)
        for k, share in enumerate(shares):
            texts[k::workers] = share
    return [(box.tolist(), text, score, digits) for box, (text, score, digits) in zip(boxes, texts)]


def read_crops(crops: list) -> list[tuple]:
    """(text, score, digits) of each cropped box: RapidOCR's recognition, one box a call as
    its ``TextRecognizer`` does it with batches of one (the same input, decoding and score),
    and for a box read below ``LOW_CONFIDENCE`` its reading as figures (``digit_reading``)."""
    import numpy as np

    rec = engine().text_rec
    _channels, height, width = rec.rec_image_shape
    out = []
    for crop in crops:
        ratio = crop.shape[1] / float(crop.shape[0])
        widest = max(width / height, ratio)
        preds = rec.session(rec.resize_norm_img(crop, widest)[np.newaxis].astype(np.float32))[0]
        text, score = rec.postprocess_op(preds, False, wh_ratio_list=[ratio], max_wh_ratio=widest)[0][:2]
        digits = digit_reading(preds[0], text, rec.postprocess_op.character) if score < LOW_CONFIDENCE else None
        out.append((text, score, digits))
    return out


# Non-figure glyphs a figure of a noisy scan is read as (measured: a lone "0" came back as
# "。", "o" or "D" at 0.3-0.5); a box read as anything else has no reading as figures.
LOOKALIKES = {"0": "oO。D〇Q口", "1": "lI|丨"}
DIGIT_SHARE = 0.85  # of the figures' and the blank's probability, the figure read must hold this
DIGIT_MASS = 0.2  # and this much of all the probability at its step (the least seen in a right one: 0.27)


def _figures_only(text: str) -> bool:
    """Whether ``text`` is ASCII figures and nothing else (``str.isdigit`` also takes "²", "１")."""
    return bool(text) and all(ch in "0123456789" for ch in text)


def digit_reading(preds, text: str, alphabet: list[str]) -> tuple[str, float] | None:
    """A low-confidence box read again as figures only: (figures, the lowest share of its
    figures), or None where that reading is not sure.

    The recogniser's doubt over a lone "0" of a noisy scan is between "0" and round glyphs
    that are no figure ("。", "o"); in a figure cell only the figure can be meant. So each
    step of the recogniser's output is decoded over the blank and the ten figures alone
    (``preds``: steps x classes, probabilities). The reading stands only where every figure
    holds ``DIGIT_SHARE`` of the figures' probability and ``DIGIT_MASS`` of all, and the
    first reading has as many characters, each that figure or a look-alike of it: "12.5"
    is not "125", "-2" not "2", "/" not "1". Whether the box is a figure cell is the
    mapping's to say (``mapping.ocr_marks``)."""
    figures = [i for i, ch in enumerate(alphabet) if len(ch) == 1 and _figures_only(ch)]
    allowed = preds[:, [0, *figures]]
    best = allowed.argmax(axis=1)
    read, shares, previous = [], [], 0
    for step, k in enumerate(best):
        if k and k != previous:
            total = float(allowed[step].sum())
            if float(allowed[step, k]) < DIGIT_MASS or float(allowed[step, k]) < DIGIT_SHARE * total:
                return None
            read.append(alphabet[figures[k - 1]])
            shares.append(float(allowed[step, k]) / total)
        previous = k
    first = text.strip()
    if not read or len(first) != len(read):
        return None
    if any(a != b and a not in LOOKALIKES.get(b, "") for a, b in zip(first, read)):
        return None
    return "".join(read), min(shares)


def detect(grey):
    """The text boxes RapidOCR's detector finds on the grey page ``grey`` (its own resizing,
    model and box finding), or None.

    Its normalisation is done here through a table of the 256 grey values, which gives
    the very floats of its own (float64 arithmetic over three channels of the page's
    4 million pixels, measured as long as the model itself on OpenVINO)."""
    import numpy as np

    det = engine().text_det
    prepare = det.get_preprocess(max(grey.shape))
    resized = prepare.resize(grey)
    if resized is None:
        return None
    tables = _grey_tables(prepare.scale, tuple(prepare.mean), tuple(prepare.std))
    batch = np.empty((1, 3, *resized.shape), dtype=np.float32)
    for channel, table in enumerate(tables):
        np.take(table, resized, out=batch[0, channel])
    preds = det.infer(batch)[0]
    boxes, _scores = det.postprocess_op(preds, grey.shape)
    return det.filter_tag_det_res(boxes, grey.shape)


@functools.lru_cache(maxsize=4)
def _grey_tables(scale: float, mean: tuple, std: tuple) -> tuple:
    """Per channel, the detector's input value of each grey level, computed as RapidOCR's
    ``DetPreProcess.normalize`` computes it (float32 scaling, then float64)."""
    import numpy as np

    levels = np.arange(256, dtype=np.uint8).astype("float32") * scale
    return tuple(((levels - np.float64(m)) / np.float64(d)).astype(np.float32) for m, d in zip(mean, std))


RULE_INSIDE = 0.3  # a rule cuts a box only this many box heights inside either end of it


def cut_at_rules(boxes: list, rules) -> list:
    """Detected boxes, each that runs across a column rule cut into one box a cell.

    The detector joins the short header words of neighbouring narrow cells ("结果 | 结果")
    into one box over the rule between them; recognised whole, the text is then shared out
    by width and the words land in the wrong cells (and a table 四 so read does not map).
    A rule that stands well inside the box and reaches over most of its height is a cell
    border, not a stroke of a character: the box is cut there, and each piece recognised
    on its own. Pieces too narrow to hold a character are the rule's ink and dropped."""
    if not rules:
        return boxes
    import numpy as np

    out = []
    for box in boxes:
        xs, ys = [float(p[0]) for p in box], [float(p[1]) for p in box]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        h = y1 - y0
        cuts = sorted(x for x, top, bottom in rules
                      if x0 + RULE_INSIDE * h < x < x1 - RULE_INSIDE * h and top <= y0 + h / 4 and bottom >= y1 - h / 4)
        if not cuts:
            out.append(box)
            continue
        gap = max(1.0, h * 0.08)
        left = x0
        for x in [*cuts, None]:
            right = x1 if x is None else x - gap
            if right - left >= 0.4 * h:
                out.append(np.array([[left, y0], [right, y0], [right, y1], [left, y1]], dtype=np.float32))
            if x is not None:
                left = x + gap
    return out


def read_scan(path: Path, limits: Limits | None, doc: Document, page_type, finish) -> None:
    """Fill ``doc`` from the page images of the scanned PDF at ``path``; ``page_type`` and
    ``finish`` are ``pdf._Page`` and ``pdf._finish``, passed in so this module does not
    import the PDF reader that imports it."""
    import pypdfium2 as pdfium

    limits = limits or Limits()
    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception as exc:  # noqa: BLE001 - pdfium raises its own error for every damage
        doc.diagnostics.append(_diag("unreadable", f"扫描件 PDF 无法渲染（{type(exc).__name__}），未检查。",
                                     f"the scanned PDF cannot be rendered ({type(exc).__name__}); not checked."))
        return
    try:
        images = (_render(pdf[i], i + 1, doc) for i in range(len(pdf)))
        read_images(images, len(pdf), limits, doc, page_type, finish)
    finally:
        pdf.close()


def _render(page, number: int, doc: Document):
    """(number, RGB array, pixels per point), or None with a diagnostic for a page too large to read."""
    width, height = page.get_size()
    scale = OCR_DPI / 72
    if width * height * scale * scale > OCR_PIXELS:
        scale = (OCR_PIXELS / max(width * height, 1.0)) ** 0.5
    if scale < OCR_MIN_DPI / 72:
        doc.diagnostics.append(_diag(
            "too_large", f"第 {number} 页尺寸过大（{width:.0f}×{height:.0f} 点），无法按可识别的分辨率进行文字识别，未读取。",
            f"page {number} is too large ({width:.0f}x{height:.0f} pt) to be read by OCR at a usable resolution; "
            "not read.", Location(page=number)))
        return number, None, scale
    import numpy as np

    bitmap = page.render(scale=scale)
    try:
        rgb = np.array(bitmap.to_pil().convert("RGB"))
    finally:
        bitmap.close()
        page.close()
    return number, rgb, scale


def read_images(images, count: int, limits: Limits, doc: Document, page_type, finish) -> None:
    """Read page images ``(number, RGB array or None, pixels per point)`` into ``doc``
    (``page_type``, ``finish``: as for ``read_scan``)."""
    from ..pdf.page import read_page

    max_pages = min(limits.get("pdf_pages", OCR_PAGES), OCR_PAGES)
    if count > max_pages:
        doc.diagnostics.append(_diag(
            "too_large", f"扫描件共 {count} 页，超过文字识别的上限 {max_pages} 页，未检查。",
            f"the scan has {count} pages, over the OCR limit of {max_pages}; not checked."))
        return
    doc.kind = "pdf-ocr"
    start, pages, confidences, inks = time.monotonic(), [], [], {}
    for number, rgb, scale in images:
        if time.monotonic() - start >= OCR_SECONDS:
            doc.diagnostics.append(_diag(
                "too_large", f"文字识别超过 {OCR_SECONDS:g} 秒，在第 {number} 页停止，未检查。",
                f"OCR took over {OCR_SECONDS:g} s; stopped at page {number}; not checked.", Location(page=number)))
            return
        if rgb is None:
            continue
        try:
            content, dark = read_image(rgb, scale)
            lines, tables, chars = read_page(content, number, doc.diagnostics)
        except Exception as exc:  # noqa: BLE001 - one unreadable page image is a finding, never a crash
            doc.diagnostics.append(_diag(
                "unreadable", f"第 {number} 页文字识别失败（{type(exc).__name__}），报告内容不完整。",
                f"OCR of page {number} failed ({type(exc).__name__}); the report is incomplete.", Location(page=number)))
            continue
        confidences += [c["confidence"] for c in content.chars if not c["text"].isspace()]
        pages.append((page_type(number, content.width, content.height, lines, tables, chars), content))
        inks[number] = (dark, scale)
    if any(d.kind in ("unreadable", "too_large") for d in doc.diagnostics):
        return
    if not confidences:
        doc.diagnostics.append(_diag("unreadable", "扫描件中未识别出任何文字（空白页或图像无法识别），未检查。",
                                     "no text was recognised in the scan (blank or unreadable pages); not checked."))
        return
    finish([p for p, _c in pages], doc)
    from ..document import centred_title

    doc.title = centred_title(doc.blocks)
    doc.ocr_uncertain = uncertain_cells(doc, {p.number: c for p, c in pages}, inks, doc.ocr_figures)
    mean = sum(confidences) / len(confidences)
    doc.diagnostics.append(Diagnostic(
        "ocr_read", f"本报告是扫描件，经文字识别（OCR）读取：{len(pages)} 页，平均置信度 {mean:.1%}；"
                    f"识别置信度低于 {LOW_CONFIDENCE:.0%} 的表格数字不读取，请对照原件核对。",
        f"this report is a scan read by OCR: {len(pages)} pages, mean confidence {mean:.1%}; "
        f"table figures recognised below {LOW_CONFIDENCE:.0%} confidence are left unread; check against the scan.",
        "", None, {"pages": len(pages), "mean_confidence": round(mean, 4)}))


def page_content(rgb, scale: float) -> PageContent:
    """The characters and rules of one page image; ``scale`` is pixels per PDF point."""
    return read_image(rgb, scale)[0]


def read_image(rgb, scale: float):
    """(the page's ``PageContent``, its dark pixels as a packed bit mask of the upright page)."""
    import numpy as np

    from .lines import COLUMN_RULE_PT, DARK, deskew, find_edges, ink

    grey = deskew(ink(rgb))
    h, w = grey.shape
    content = PageContent(w / scale, h / scale)
    dark = grey < DARK
    packed = (np.packbits(dark, axis=1), w)
    if np.count_nonzero(dark) < BLANK_INK * grey.size:
        return content, packed  # a blank page: detection would take seconds to find nothing
    content.edges = find_edges(grey, scale)
    rules = [(e["x0"] * scale, e["top"] * scale, e["bottom"] * scale) for e in content.edges
             if e["orientation"] == "v" and e["bottom"] - e["top"] >= COLUMN_RULE_PT]
    for number, (box, text, score, digits) in enumerate(recognise(grey, rules)):
        xs, ys = [p[0] for p in box], [p[1] for p in box]
        content.chars += split_box(text, min(xs) / scale, max(xs) / scale, min(ys) / scale, max(ys) / scale,
                                   float(score), digits, number)
    return content, packed


# Width of a recognised digit's box over its height (0.58 to 0.68 measured on 7 pt table
# digits at 200 dpi); a box wider than _UNEXPLAINED times what its text needs is suspect.
_CHAR_WIDTH = 0.63
_UNEXPLAINED = 1.45


def _weight(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.55


def split_box(text: str, x0: float, x1: float, top: float, bottom: float, confidence: float,
              digits: tuple[str, float] | None = None, box: int = 0) -> list[dict]:
    """One recognised box as per-character boxes, each as wide as its share of the text.

    A box much wider than its text holds ink the recogniser did not read: a thin minus
    sign before a digit is dropped while the box keeps its width ("-2" read as "2").
    Its confidence is scaled down by how much of the box the text explains. A box of
    figures much narrower than its text needs holds fewer figures than were read (an "8"
    read as "00"): its confidence is scaled down by how much of the text the box holds.
    ``digits``, a low-confidence box's reading as figures (``digit_reading``), is kept on
    each character (with ``box``, the box's number on the page) where the box's width
    fits those figures, for ``uncertain_cells``."""
    text = text.strip()
    total = sum(_weight(ch) for ch in text) or 1.0
    height = max(bottom - top, 1e-6)
    confidence *= _fits(text, (x1 - x0) / height)
    if digits is not None and _fits(digits[0], (x1 - x0) / height) < 1:
        digits = None
    out, x, size = [], x0, bottom - top
    for ch in text:
        step = (x1 - x0) * _weight(ch) / total
        out.append({"text": ch, "x0": x, "x1": x + step, "top": top, "bottom": bottom, "size": size,
                    "upright": True, "confidence": confidence, "box": box, "digits": digits and digits[0]})
        x += step
    return out


def _fits(text: str, shape: float) -> float:
    """How far a box of ``shape`` (width over height) holds ``text``: 1, or the factor its
    confidence is scaled down by (``split_box``)."""
    expected = sum(_CHAR_WIDTH * _weight(ch) / 0.55 for ch in text if not ch.isspace()) or 1.0
    ratio = shape / expected
    if ratio > _UNEXPLAINED:
        return 1 / ratio
    if ratio * _UNEXPLAINED < 1 and len(text) > 1 and text.isdigit():
        return ratio
    return 1.0


def uncertain_cells(doc: Document, contents: dict[int, PageContent], inks: dict | None = None,
                    figures: list | None = None) -> list[Location]:
    """Locations of the table cells that hold a character recognised with low confidence
    (a "0" read as "。" is as wrong as a wrong digit), and of the cells read blank that
    have ink in them (``_inked``: a digit the detector missed under a seal is not a
    blank cell). Label cells are not affected: only figure cells are marked, by
    ``mapping.ocr_marks``. A low-confidence cell whose text reads surely as figures
    (``_as_figures``), and an inked one whose ink, recognised on its own, does
    (``_read_ink``: a lone thin "1" the detector missed), is not listed but added to
    ``figures`` as (location, figures, confidence), for the mapping to take where the cell
    is a figure cell.

    A grid cell's box is its rules (``loc`` w and h); one that knows only its top-left
    corner reaches to the next cell's corner to the right and below (the page's edge for
    the last ones, which would count the text under a table as read in its last row)."""
    low = {number: [c for c in content.chars if not c["text"].isspace() and c["confidence"] < LOW_CONFIDENCE]
           for number, content in contents.items()}
    read = {number: [c for c in content.chars if not c["text"].isspace()] for number, content in contents.items()}
    out: list[Location] = []
    for block in doc.blocks:
        if not isinstance(block, TableGrid):
            continue
        for r, row in enumerate(block.rows):
            for c, cell in enumerate(row):
                loc = cell.loc
                if not cell.origin or loc is None or loc.x is None or loc.y is None:
                    continue
                if loc.w and loc.h:
                    box = (loc.x, loc.y, loc.x + loc.w, loc.y + loc.h)
                else:
                    right = next((o.loc.x for o in row[c + 1:] if o.loc and o.loc.x is not None and o.loc.x > loc.x),
                                 1e9)
                    below = next((b[c].loc.y for b in block.rows[r + 1:] if c < len(b) and b[c].loc
                                  and b[c].loc.page == loc.page and b[c].loc.y is not None and b[c].loc.y > loc.y), 1e9)
                    box = (loc.x, loc.y, right, below)
                read_as = None
                if any(_inside(ch, box) for ch in low.get(loc.page, [])):
                    inside = [ch for ch in read[loc.page] if _inside(ch, box)]
                    read_as = _as_figures(inside), min(ch["confidence"] for ch in inside)
                elif inks and loc.page in inks and not any(_inside(ch, box) for ch in read.get(loc.page, [])):
                    marks = _cell_ink(inks[loc.page], box, contents[loc.page])
                    if not _inked(marks, inks[loc.page][1]):
                        continue
                    read_as = _read_ink(marks) if figures is not None else (None, 0.0)
                else:
                    continue
                if read_as[0] is not None and figures is not None:
                    figures.append((loc, *read_as))
                else:
                    out.append(loc)
    return out


def _as_figures(chars: list[dict]) -> str | None:
    """The figures a cell's characters read as, box by box from the left: a box read
    surely, as figures, gives its text; a low-confidence box its reading as figures
    (``digit_reading``, kept by ``split_box``); any other box gives the cell none."""
    boxes: dict[int, list[dict]] = {}
    for ch in chars:
        boxes.setdefault(ch.get("box", -1), []).append(ch)
    parts = []
    for group in sorted(boxes.values(), key=lambda g: g[0]["x0"]):
        text = "".join(ch["text"] for ch in group)
        if all(ch["confidence"] >= LOW_CONFIDENCE for ch in group) and _figures_only(text):
            parts.append(text)
        elif group[0].get("digits"):
            parts.append(group[0]["digits"])
        else:
            return None
    return "".join(parts) or None


def _inside(ch: dict, box: tuple) -> bool:
    cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return box[0] - 1 <= cx < box[2] and box[1] - 1 <= cy < box[3]


CELL_INSET = 3.0  # points kept clear of a cell's rules (a rule is a few pixels thick after deskewing)
UNREAD_INK = 1.5  # square points of dark pixels in a blank cell: a 7 pt "1" of a noisy scan has 3.4 (measured)


def _cell_ink(ink, box: tuple, content: PageContent):
    """The dark pixels of a cell, inset from its rules (a boolean array), or None."""
    import numpy as np

    (packed, width), scale = ink
    x0, y0 = box[0] + CELL_INSET, box[1] + CELL_INSET
    x1, y1 = min(box[2], content.width) - CELL_INSET, min(box[3], content.height) - CELL_INSET
    if x1 <= x0 or y1 <= y0:
        return None
    rows = np.unpackbits(packed[int(y0 * scale):int(y1 * scale)], axis=1, count=width)
    return rows[:, int(x0 * scale):int(x1 * scale)].astype(bool)


def _inked(marks, scale: float) -> bool:
    """Whether a cell's dark pixels (``_cell_ink``: a cell no recognised box reached) are ink,
    not specks: ``UNREAD_INK``."""
    return marks is not None and int(marks.sum()) >= UNREAD_INK * scale * scale


def _read_ink(marks) -> tuple[str | None, float]:
    """(figures, confidence) of a cell's ink that no detected box covered, recognised on its
    own: drawn black on white with a margin, as the detector's boxes have one. Only figures
    read surely count, at or above ``LOW_CONFIDENCE`` or surely as figures alone
    (``digit_reading``), in a box their width fits; anything else is (None, score)."""
    import numpy as np

    ys, xs = np.nonzero(marks)
    top, bottom, left, right = int(ys.min()), int(ys.max()) + 1, int(xs.min()), int(xs.max()) + 1
    height, width = bottom - top, right - left
    margin = max(2, round(height * INK_MARGIN))
    crop = np.full((height + 2 * margin, width + 2 * margin), 255, dtype=np.uint8)
    crop[margin:margin + height, margin:margin + width][marks[top:bottom, left:right]] = 0
    ((text, score, digits),) = read_crops([np.dstack([crop, crop, crop])])
    text = text.strip()
    shape = (width + 2 * margin) / (height + 2 * margin)
    if score >= LOW_CONFIDENCE and _figures_only(text):
        return (text, float(score)) if _fits(text, shape) == 1 else (None, float(score))
    if digits is not None and _fits(digits[0], shape) == 1:
        return digits[0], float(score)
    return None, float(score)


INK_MARGIN = 0.25  # paper kept round a cell's ink for recognising it, in ink heights


def _diag(kind: str, message: str, message_en: str, loc: Location | None = None) -> Diagnostic:
    return Diagnostic(kind, message, message_en, "", loc)
