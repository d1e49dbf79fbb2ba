"""Per-document PDF reading time, pdfplumber against pdfium (``GOVINFO_PDF_BACKEND``).

    python benchmarks/pdf_backends.py [--repeat N] [PDF ...]

Without paths it reads the generated report PDFs of the tests and, when ``../shared`` is
beside the checkout, every corpus PDF. Each document is read in this process by
``readers.pdf.read_document`` with each backend in turn (alternated, so a busy machine
slows both alike) after one warm-up read; the median of the repeats is reported, and the
ratio pdfium / pdfplumber per document and over all documents.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def generated(folder: Path) -> list[Path]:
    sys.path.insert(0, str(ROOT / "tests"))
    import pdf_factory
    from forms import pdf_form
    from govinfo_lint import samples

    out = []
    for name, data in (("report", pdf_factory.report_pdf()), ("report-unruled", pdf_factory.report_pdf(ruled=False)),
                       ("form-2021", pdf_form.render(samples.sample_report("2021"))),
                       ("form-2019", pdf_form.render(samples.sample_report("2019")))):
        path = folder / f"{name}.pdf"
        path.write_bytes(data)
        out.append(path)
    return out


def read_time(path: Path, backend: str) -> float:
    from govinfo_lint.readers.pdf.read import read_document

    os.environ["GOVINFO_PDF_BACKEND"] = backend
    start = time.perf_counter()
    read_document(path)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        paths = args.paths or generated(Path(tmp)) + (sorted((SHARED / "corpus").rglob("*.pdf"))
                                                      if (SHARED / "corpus").is_dir() else [])
        totals = {"pdfplumber": 0.0, "pdfium": 0.0}
        print(f"{'document':60} {'pdfplumber ms':>14} {'pdfium ms':>10} {'ratio':>6}")
        for path in paths:
            times: dict[str, list[float]] = {"pdfplumber": [], "pdfium": []}
            for backend in times:
                read_time(path, backend)  # warm-up: imports, first-use caches
            for _ in range(args.repeat):
                for backend in times:
                    times[backend].append(read_time(path, backend))
            med = {b: statistics.median(t) for b, t in times.items()}
            for b in totals:
                totals[b] += med[b]
            print(f"{path.name[:60]:60} {med['pdfplumber'] * 1000:14.1f} {med['pdfium'] * 1000:10.1f} "
                  f"{med['pdfium'] / med['pdfplumber']:6.2f}")
        print(f"{'all documents':60} {totals['pdfplumber'] * 1000:14.1f} {totals['pdfium'] * 1000:10.1f} "
              f"{totals['pdfium'] / totals['pdfplumber']:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
