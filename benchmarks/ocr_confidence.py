"""OCR readings: how sure they are of each cell, where their boxes fall, and what becomes of
the text layer's errors.

Each generated report of ``tests/forms/twin.py`` named on the command line is drawn as a text
PDF and scanned as in ``ocr_bench.py`` (clean; noisy; noisy with a red seal; turned 1.8°). For
the cells of the OCR reading: the share whose confidence (``Cell.confidence``, the lowest of
its characters) falls in each band, the confidences of cells read wrong, and how far each
cell's box lies from the same cell's box on the text layer (the largest gap of its four
edges, in points). For the findings: the text layer's errors found as errors on the scan,
downgraded to warnings by a doubtful cell, and not found (not assessable, or missed).
Needs ``pip install -e ".[ocr]"``.

    python benchmarks/ocr_confidence.py [CASE ...]
"""

from __future__ import annotations

import copy
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

VARIANTS = {"clean": {}, "noisy": {"noisy": True}, "noisy+stamp": {"noisy": True, "stamp": True},
            "turned 1.8°": {"noisy": True, "angle": 1.8}}
BANDS = (0.6, 0.7, 0.8, 0.9, 1.01)


def _gap(a, b) -> float:
    return max(abs(a.x - b.x), abs(a.y - b.y), abs(a.x + a.w - b.x - b.w), abs(a.y + a.h - b.y - b.h))


def _errors(findings) -> dict:
    return {(f.code, f.pointer): f for f in findings if f.severity == "error" or "置信度低" in f.message}


def main(names: list[str]) -> None:
    from govinfo_lint.api import lint
    from govinfo_lint.readers import read
    from tests.forms import pdf_form, twin
    from tests.forms.scan_form import scan

    cases = {c.name: c for c in twin.cases()}
    folder = Path(tempfile.mkdtemp(prefix="ocr-confidence-"))
    print("| report | scan | cells | <0.7 | 0.7-0.8 | 0.8-0.9 | ≥0.9 | wrong (conf.) | box gap p50/max pt "
          "| errors: kept / warning / lost |")
    print("|---|---|---:|---:|---:|---:|---:|---|---|---|")
    for name in names:
        data = pdf_form.render(copy.deepcopy(cases[name].report))
        (folder / "text.pdf").write_bytes(data)
        text = read(folder / "text.pdf")
        text_errors = {k for k, f in _errors(lint(text)).items() if f.severity == "error"}
        for variant, options in VARIANTS.items():
            path = folder / "scan.pdf"
            path.write_bytes(scan(data, **options))
            ocr = read(path)
            counts, wrong, gaps = [0] * (len(BANDS) - 1), [], []
            for tid, rid, cid, cell in text.iter_cells():
                got = ocr.tables.get(tid) and ocr.tables[tid].cell(rid, cid)
                if got is None or got.parse_error in ("unread", "ambiguous_split"):
                    continue
                if got.loc and got.loc.w is not None and cell.loc and cell.loc.w is not None:
                    gaps.append(_gap(got.loc, cell.loc))
                if got.value != cell.value or got.is_blank != cell.is_blank:
                    wrong.append(f"{got.raw!r}≠{cell.raw!r} {got.confidence}")
                if got.confidence is not None:
                    k = next(i for i, top in enumerate(BANDS[1:]) if got.confidence < top)
                    counts[k] += 1
            found = _errors(lint(ocr))
            kept = sum(1 for k in text_errors if k in found and found[k].severity == "error")
            warned = sum(1 for k in text_errors if k in found and found[k].severity == "warning")
            gaps.sort()
            total = sum(counts)
            shares = " | ".join(f"{n / max(total, 1):.1%}" for n in counts)
            gap = f"{gaps[len(gaps) // 2]:.1f} / {gaps[-1]:.1f}" if gaps else "-"
            print(f"| {name} | {variant} | {total} | {shares} | {'; '.join(wrong) or 0} | {gap} "
                  f"| {kept} / {warned} / {len(text_errors) - kept - warned} |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:] or ["sample-2021", "varied-2019-1", "wrong-total-2021"])
