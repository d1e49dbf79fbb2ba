"""The precision table of docs/readers.md: for each generated form and for the real corpus,
cells read right, error-level findings that are true, and defects found.

    python benchmarks/precision.py            # print the table
    python benchmarks/precision.py --write    # and put it between the markers in docs/readers.md
    python benchmarks/precision.py --cases 3 --no-corpus   # a small subset (tests/test_precision.py)

Generated documents are the reports of tests/forms/twin.py (clean ones of both formats and
the same with planted defects) rendered to each form: a cell is right when its value and
blank-ness equal the YAML twin's; an error is true when the twin draws the same error
(code, pointer); a planted defect is found when the document draws its rule. On the real
corpus the expectations are those of tests/corpus_labels.py: an error is true when a
labelled defect of its file covers it, false in a report with no labelled error, and
unknown (listed below the table) in a labelled report where no label covers it; cells are
the labelled cell values.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the PDF form draws with tests/pdf_factory.py

START, END = "<!-- precision:start -->", "<!-- precision:end -->"
# One layout per form (the twin test runs the other variants too).
FORMS = {"yaml": None, "docx": "docx", "html": "html", "html (table split)": "html-split", "pdf": "pdf",
         "pdf (table split)": "pdf-split", "pdf (split, header repeated)": "pdf-split-header",
         "pdf without ruling lines": "pdf-unruled", "text dump": "text-dump", "flattened text": "text-flat",
         "flattened text, digits run together": "text-flat-run", "markdown": "markdown"}


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}% ({a}/{b})" if b else "–"


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b}" if b else "0/0"


def generated(limit: int | None) -> list[tuple[str, str, str, str]]:
    from govinfo_lint.api import lint, load
    from govinfo_lint.readers import read
    from tests.forms import twin

    cases = twin.cases()[:limit] if limit else twin.cases()
    if limit:  # keep a planted defect in a small run
        cases = cases[:max(1, limit - 1)] + [c for c in twin.cases() if c.planted][:1]
    available = twin.forms()
    folder = twin.tmpdir()
    rows = []
    for label, form in FORMS.items():
        if form is not None and form not in available:
            continue
        cells = [0, 0, 0, 0]  # right, total, unread, wrong
        errors = [0, 0]
        found = [0, 0]
        for case in cases:
            twin_report = load(case.report)
            twin_findings = lint(twin_report)
            if form is None:
                path = folder / f"{case.name}.json"
                path.write_text(json.dumps(case.report, ensure_ascii=False, default=str), encoding="utf-8")
            else:
                path = twin.render_to(case, form, folder)
            doc = read(path)
            findings = lint(doc)
            right, total, _ = twin.cell_score(twin_report, doc)
            cells[0] += right
            cells[1] += total
            unread, wrong = _misread(twin_report, doc)
            cells[2] += unread
            cells[3] += wrong
            true = {(f.code, f.pointer) for f in twin_findings if f.severity == "error"}
            errs = [f for f in findings if f.severity == "error"]
            errors[0] += sum((f.code, f.pointer) in true for f in errs)
            errors[1] += len(errs)
            codes = {f.code for f in findings}
            found[0] += sum(c in codes for c in case.planted)
            found[1] += len(case.planted)
        rows.append((label, _pct(*cells[:2]), str(cells[2]), str(cells[3]), _ratio(*errors), _ratio(*found)))
    return rows


def _misread(twin_report, doc) -> tuple[int, int]:
    """(cells the reader said it could not read, cells read as another value)."""
    from govinfo_lint.model import READER_UNREAD

    unread = wrong = 0
    for tid, rid, cid, cell in twin_report.iter_cells():
        got = doc.tables.get(tid) and doc.tables[tid].cell(rid, cid)
        if got is None or got.parse_error in READER_UNREAD:
            unread += 1
        elif got.value != cell.value or got.is_blank != cell.is_blank:
            wrong += 1
    return unread, wrong


def corpus(corpus_dir: Path) -> tuple[list[tuple[str, str, str, str]], list[str]]:
    from govinfo_lint.api import load_rules
    from govinfo_lint.engine.runner import lint_report
    from govinfo_lint.run.pairing import pair_reports
    from govinfo_lint.readers import read
    from tests import corpus_labels as L

    paths = {pattern: sorted(corpus_dir.glob(pattern)) for pattern in L.PAIRED}
    reports = {p: read(p) for found in paths.values() for p in found}
    pair_reports(list(reports.values()))
    rules = load_rules()
    linted = {p: lint_report(r, rules) for p, r in reports.items()}
    specs = list(L.PINGTAN.values()) + list(L.KNOWN.values())
    cells = [0, 0]
    found = [0, 0]
    for spec in specs:
        for pattern in spec.files:
            for p in paths.get(pattern, []):
                if isinstance(spec, L.Defect):
                    found[0] += L.defect_found(spec, linted[p])
                    found[1] += 1
                elif isinstance(spec, L.Cells):
                    for pointer, want in spec.values.items():
                        if pointer.startswith("note:"):
                            continue
                        _, _, tid, rid, cid = pointer.split("/")
                        cell = reports[p].tables.get(tid) and reports[p].tables[tid].cell(rid, cid)
                        cells[0] += bool(cell is not None and cell.value == want)
                        cells[1] += 1
    clean = {p for pattern in L.CLEAN for p in paths.get(pattern, [])}
    true = total = 0
    unknown: list[str] = []
    others = {p for pattern in L.NOT_REPORTS for p in paths.get(pattern, [])}
    other_errors = sum(f.severity == "error" for p in others for f in linted[p])
    for p, findings in linted.items():
        if p in others:
            continue
        defects = [s for s in specs if isinstance(s, L.Defect) and "error" in s.severities
                   and any(p in paths.get(f, []) for f in s.files)]
        for f in findings:
            if f.severity != "error":
                continue
            total += 1
            if any(L.defect_found(s, [f]) for s in defects):
                true += 1
            elif p not in clean and defects:
                unknown.append(f"{p.relative_to(corpus_dir)}: {f.code} {f.pointer}")
    known = total - len(unknown)
    rows = [("real corpus (labelled reports)", _pct(*cells) + " of the labelled cells", "–", "–",
             f"{true}/{known}" + (f" (+{len(unknown)} unknown)" if unknown else ""), _ratio(*found)),
            ("real corpus: files that are not reports", "–", "–", "–", f"0/{other_errors}", "–")]
    return rows, unknown


def table(limit: int | None, corpus_dir: Path | None) -> str:
    rows = generated(limit)
    unknown: list[str] = []
    if corpus_dir is not None and corpus_dir.is_dir():
        more, unknown = corpus(corpus_dir)
        rows += more
    out = ["| form | cells right | cells unread (said so) | cells wrong | errors that are true | defects found |",
           "|---|---|---|---|---|---|"]
    out += [f"| {' | '.join(r)} |" for r in rows]
    if unknown:
        out += ["", "Errors in labelled reports that no label covers (unknown):", ""]
        out += [f"- {u}" for u in unknown]
    return "\n".join(out)


def write(doc: Path, text: str) -> None:
    content = doc.read_text(encoding="utf-8")
    head, rest = content.split(START, 1)
    _, tail = rest.split(END, 1)
    doc.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write the table into docs/readers.md")
    parser.add_argument("--cases", type=int, default=None, help="only the first N generated reports")
    parser.add_argument("--no-corpus", action="store_true", help="leave out the real corpus")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--doc", type=Path, default=ROOT / "docs" / "readers.md")
    args = parser.parse_args(argv)
    text = table(args.cases, None if args.no_corpus else args.corpus)
    print(text)
    if args.write:
        write(args.doc, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
