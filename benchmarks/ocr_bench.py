"""Scanned reports read by OCR: seconds a page and cell accuracy against the text layer.

Each generated report of ``tests/forms/twin.py`` named on the command line is drawn as a
text PDF (``tests/forms/pdf_form.py``), turned into an image-only PDF
(``tests/forms/scan_form.py``: clean; grain + 0.8 degree turn + JPEG; the same with a red
stamp over table 二; a 1.8 degree turn) and read back with the OCR reader. A cell is
right when value and blank-ness equal the text-layer reading, unread when the reader
left it unread, wrong otherwise (the goal: none). With ``--corpus`` the text PDFs of
``../shared/corpus`` (or the files named) are scanned the same way, the seal pressed on
the first figure cell of each table, and the section headings found and the findings'
codes are compared too. ``--profile`` adds the seconds of each stage (CPU and wall).
Needs ``pip install -e ".[ocr]"``.

    python benchmarks/ocr_bench.py [--profile] [CASE ...]
    python benchmarks/ocr_bench.py --corpus [PDF ...]
"""

from __future__ import annotations

import copy
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the PDF form draws with tests/pdf_factory.py
CORPUS = ROOT.parent / "shared" / "corpus"

VARIANTS = {
    "clean": {},
    "noisy": {"noisy": True},
    "noisy+stamp": {"noisy": True, "stamp": True},
    "turned 1.8°": {"noisy": True, "angle": 1.8},
}


def corpus_pdfs() -> list[Path]:
    """The corpus PDFs that have a text layer (INDEX.tsv names the reports)."""
    from govinfo_lint.readers import read

    rows = [line.split("\t") for line in (CORPUS / "INDEX.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    paths = [CORPUS / r[0] for r in rows if len(r) > 4 and r[4] == "pdf" and (CORPUS / r[0]).is_file()]
    return [p for p in paths if read(p).input_kind == "pdf"]


def _row(name, variant, pages, seconds, cpu, right, unread, wrong, extra=""):
    total = right + unread + len(wrong)
    print(f"| {name} | {variant} | {pages} | {seconds / max(pages, 1):.1f} | {cpu / max(pages, 1):.1f} | "
          f"{right}/{total} ({right / max(total, 1):.1%}) | {unread} | {len(wrong)} |{extra}", flush=True)
    for w in wrong:
        print(f"|  |  |  |  |  | wrong: {w} | | |")


def _timed_read(path: Path):
    from govinfo_lint.readers import read

    wall, cpu = time.perf_counter(), time.process_time()
    report = read(path)
    pages = next((d.evidence["pages"] for d in report.diagnostics if d.kind == "ocr_read"), 0)
    return report, pages, time.perf_counter() - wall, time.process_time() - cpu


def generated(names: list[str], folder: Path) -> None:
    from govinfo_lint.readers import read
    from tests.forms import pdf_form, twin
    from tests.forms.scan_form import scan, score

    cases = {c.name: c for c in twin.cases()}
    print("| report | scan | pages | s/page | CPU s/page | cells right | unread | wrong |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for name in names:
        data = pdf_form.render(copy.deepcopy(cases[name].report))
        (folder / "text.pdf").write_bytes(data)
        text = read(folder / "text.pdf")
        for variant, options in VARIANTS.items():
            path = folder / "scan.pdf"
            path.write_bytes(scan(data, **options))
            ocr, pages, seconds, cpu = _timed_read(path)
            _row(name, variant, pages, seconds, cpu, *score(text, ocr))


def corpus(paths: list[Path], folder: Path) -> None:
    from govinfo_lint.readers import read
    from tests.forms.scan_form import compare, scan, table_corners

    print("| report | scan | pages | s/page | CPU s/page | cells right | unread | wrong | headings | findings only in text / only in OCR |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for pdf in paths:
        text = read(pdf)
        data = pdf.read_bytes()
        corners = table_corners(text)
        for variant, options in VARIANTS.items():
            options = dict(options)
            if options.pop("stamp", False):
                options["stamps"] = corners
            path = folder / "scan.pdf"
            path.write_bytes(scan(data, **options))
            ocr, pages, seconds, cpu = _timed_read(path)
            c = compare(text, ocr)
            found, total = c["headings"]
            codes = f" {found}/{total} | {', '.join(c['text_only']) or '-'} / {', '.join(c['ocr_only']) or '-'} |"
            _row(pdf.name, variant, pages, seconds, cpu, c["right"], c["unread"], c["wrong"], codes)


STAGES: dict[str, list] = {}


def _timed(stage: str, fn):
    def run(*args, **kwargs):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            got = STAGES.setdefault(stage, [0.0, 0.0, 0])
            got[0] += time.perf_counter() - wall
            got[1] += time.process_time() - cpu
            got[2] += 1
    return run


def _profile(pdf_ocr) -> None:
    """Wrap each stage of the OCR reader (rendering, deskew, rules, detection,
    recognition) in a timer: where a page's seconds go. Recognition runs on several
    threads at once: its calls and wall seconds add up over them."""
    from govinfo_lint.readers.ocr import lines

    pdf_ocr._render = _timed("render", pdf_ocr._render)
    for name in ("ink", "deskew", "find_edges"):
        setattr(lines, name, _timed(name, getattr(lines, name)))
    pdf_ocr.detect = _timed("detection", pdf_ocr.detect)
    pdf_ocr.read_crops = _timed("recognition", pdf_ocr.read_crops)
    pdf_ocr.read_image = _timed("page (all of OCR)", pdf_ocr.read_image)


def main(argv: list[str]) -> None:
    from govinfo_lint.readers.ocr import scan as pdf_ocr

    profile = "--profile" in argv
    argv = [a for a in argv if a != "--profile"]
    folder = Path(tempfile.mkdtemp(prefix="ocr-bench-"))
    t = time.perf_counter()
    pdf_ocr.engine()
    print(f"engine loaded in {time.perf_counter() - t:.2f} s; load average {os.getloadavg()[0]:.1f}")
    if profile:
        _profile(pdf_ocr)
    if argv[:1] == ["--corpus"]:
        corpus([Path(a) for a in argv[1:]] or corpus_pdfs(), folder)
    else:
        generated(argv or ["sample-2021", "varied-2019-1"], folder)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    if profile:
        print("| stage | wall s | CPU s | calls |\n|---|---:|---:|---:|")
        for stage, (wall, cpu, calls) in STAGES.items():
            print(f"| {stage} | {wall:.1f} | {cpu:.1f} | {calls} |")


if __name__ == "__main__":
    main(sys.argv[1:])
