"""Scanned reports read by OCR: seconds a page and cell accuracy against the text layer.

Each generated report of ``tests/forms/twin.py`` named on the command line is drawn as a
text PDF (``tests/forms/pdf_form.py``), turned into an image-only PDF
(``tests/forms/scan_form.py``: clean; grain + 0.8 degree turn + JPEG; the same with a red
stamp over table 二; a 1.8 degree turn) and read back with the OCR reader. A cell is
right when value and blank-ness equal the text-layer reading, unread when the reader
left it unread, wrong otherwise (the goal: none). Needs ``pip install -e ".[ocr]"``.

    python benchmarks/ocr_bench.py [CASE ...]
"""

from __future__ import annotations

import copy
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the PDF form draws with tests/pdf_factory.py

VARIANTS = {
    "clean": {},
    "noisy": {"noisy": True},
    "noisy+stamp": {"noisy": True, "stamp": True},
    "turned 1.8°": {"noisy": True, "angle": 1.8},
}


def main(names: list[str]) -> None:
    from govinfo_lint.readers import read
    from govinfo_lint.readers.ocr import scan as pdf_ocr
    from tests.forms import pdf_form, twin
    from tests.forms.scan_form import scan, score

    cases = {c.name: c for c in twin.cases()}
    folder = Path(tempfile.mkdtemp(prefix="ocr-bench-"))
    t = time.perf_counter()
    pdf_ocr.engine()
    print(f"engine loaded in {time.perf_counter() - t:.2f} s")
    print("| report | scan | pages | s/page | cells right | unread | wrong |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for name in names:
        data = pdf_form.render(copy.deepcopy(cases[name].report))
        (folder / "text.pdf").write_bytes(data)
        text = read(folder / "text.pdf")
        for variant, options in VARIANTS.items():
            path = folder / "scan.pdf"
            path.write_bytes(scan(data, **options))
            t = time.perf_counter()
            ocr = read(path)
            seconds = time.perf_counter() - t
            pages = next((d.evidence["pages"] for d in ocr.diagnostics if d.kind == "ocr_read"), 0)
            right, unread, wrong = score(text, ocr)
            total = right + unread + len(wrong)
            print(f"| {name} | {variant} | {pages} | {seconds / max(pages, 1):.1f} | {right}/{total} "
                  f"({right / max(total, 1):.1%}) | {unread} | {len(wrong)} |", flush=True)
            for w in wrong:
                print(f"|  |  |  |  | wrong: {w} | | |")


if __name__ == "__main__":
    main(sys.argv[1:] or ["sample-2021", "varied-2019-1"])
