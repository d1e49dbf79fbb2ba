"""A test per labelled row of the real corpus (../shared/corpus/_labelled/PINGTAN_DEPT.tsv and
KNOWN_FINDINGS.tsv), and every clean real report drawing no error.

The expected rule, severity and pointer of each row are written out in tests/corpus_labels.py
(read from the label and the rule catalogue, ``govinfo-lint rules``). Rows that fail today
are marked ``xfail(strict=False)`` with the reason, so that the merge shows which of them the
other branches fix; nothing that passes is marked.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests import corpus_labels as L

# Label rows that fail on this branch today: id -> why (the area that owns the fix).
FAILING: dict[str, str] = {}
FAILING_KNOWN = {
    13: "Markdown: the annotated cells `22（其中修订 16 件）` were split from their row by the PDF-to-Markdown "
        "conversion; they are left unread (RDR-06), not guessed into place (markdown reader)",
}
FAILING_CLEAN: dict[str, str] = {}


def _xfail(table: dict, key) -> list:
    return [pytest.mark.xfail(strict=False, reason=table[key])] if key in table else []


@pytest.fixture(scope="module")
def corpus(corpus_dir: Path):
    """label file -> (report, findings); all read together so that cross-year rules see their pairs."""
    from govinfo_lint.api import load_rules
    from govinfo_lint.engine.runner import lint_report
    from govinfo_lint.run.pairing import pair_reports
    from govinfo_lint.readers import read

    paths = {pattern: sorted(corpus_dir.glob(pattern)) for pattern in L.PAIRED}
    reports = {p: read(p) for found in paths.values() for p in found}
    pair_reports(list(reports.values()))
    rules = load_rules()
    linted = {p: (r, lint_report(r, rules)) for p, r in reports.items()}
    return {pattern: [linted[p] for p in found] for pattern, found in paths.items()}


def _rows(corpus_dir: Path, name: str) -> list[dict]:
    with open(corpus_dir / "_labelled" / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _check(spec, corpus) -> None:
    for pattern in spec.files:
        assert corpus[pattern], f"{pattern} is not in the corpus"
        for report, findings in corpus[pattern]:
            if isinstance(spec, L.Defect):
                near = [(f.code, f.severity, f.pointer) for f in findings if f.code.startswith(spec.codes)
                        or L.under(f.pointer, spec.pointers) and spec.pointers != ("",)]
                assert L.defect_found(spec, findings), (report.source, near)
            elif isinstance(spec, L.Negative):
                assert [(f.code, f.pointer, f.message) for f in L.negative_hits(spec, findings)] == []
            else:
                _cells(spec, report)


def _cells(spec: "L.Cells", report) -> None:
    for pointer, want in spec.values.items():
        note = pointer.startswith("note:")
        _, _, tid, rid, cid = pointer.removeprefix("note:").split("/")
        cell = report.tables.get(tid) and report.tables[tid].cell(rid, cid)
        assert cell is not None, pointer
        assert (want in (cell.note or "")) if note else cell.value == want, (pointer, cell)


def test_every_label_row_has_an_expectation(corpus_dir):
    ids = [row["id"] for row in _rows(corpus_dir, "PINGTAN_DEPT.tsv")]
    assert sorted(ids) == sorted(L.PINGTAN)
    assert len(_rows(corpus_dir, "KNOWN_FINDINGS.tsv")) == len(L.KNOWN)


@pytest.mark.parametrize("label", [pytest.param(k, marks=_xfail(FAILING, k)) for k in L.PINGTAN])
def test_pingtan_dept_label(label, corpus, corpus_dir):
    row = next(r for r in _rows(corpus_dir, "PINGTAN_DEPT.tsv") if r["id"] == label)
    spec = L.PINGTAN[label]
    assert row["file"] in spec.files and (row["kind"] == "defect") == isinstance(spec, L.Defect)
    _check(spec, corpus)
    if label in L.PINGTAN_ALSO:
        _check(L.PINGTAN_ALSO[label], corpus)


@pytest.mark.parametrize("row", [pytest.param(k, marks=_xfail(FAILING_KNOWN, k)) for k in L.KNOWN])
def test_known_finding(row, corpus, corpus_dir):
    label = _rows(corpus_dir, "KNOWN_FINDINGS.tsv")[row - 1]
    spec = L.KNOWN[row]
    named = [f.strip() for part in label["file"].split(";") for f in part.split(" + ")]
    assert any(Path(f).match(p) or p.endswith(f) for f in named for p in spec.files), (named, spec.files)
    _check(spec, corpus)


@pytest.mark.parametrize("pattern", [pytest.param(k, marks=_xfail(FAILING_CLEAN, k)) for k in L.CLEAN])
def test_clean_real_report_draws_no_error(pattern, corpus):
    for report, findings in corpus[pattern]:
        errors = [(f.code, f.pointer, f.message) for f in findings
                  if f.severity == "error" and not f.code.startswith(L.CLEAN[pattern] or ("\0",))]
        assert errors == [], report.source
