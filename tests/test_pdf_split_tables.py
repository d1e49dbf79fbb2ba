"""Tables continued over a page break in PDF: one table, every cell where it belongs.

Each report is rendered by ``forms.pdf_form`` with a table split after every possible
body row (表三), a few rows of 表二 and between 表四's header and its figures; with and
without the header repeated, with the spanning group label written on either part or
both, ruled and unruled, the continuation shifted sideways or not. Every cell (value and
blank-ness) is compared with the source dict; a clean report draws no error, and a
planted defect is found exactly as in the same report as YAML.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path

import pytest

from forms import pdf_form
from govinfo_lint import api, samples, template
from govinfo_lint.engine.runner import lint_report
from govinfo_lint.readers import read

_FACTORS = {"natural_person": 13, "commercial": 2, "research": 1, "social_org": 7, "legal_service": 1, "other_org": 3}


def varied(fmt: str, blanks: bool = False) -> dict:
    """The clean sample with multi-digit, distinct figures (identities kept); ``blanks`` empties a few cells."""
    report = samples.sample_report(fmt)
    req = report["tables"]["requests"]
    for row in req.values():
        for col, k in _FACTORS.items():
            row[col] = row[col] * k
        row["total"] = sum(row[c] for c in template.REQUESTS_PART_COLUMNS)
    review = report["tables"]["review"]
    for rid, k in zip(review, (11, 3, 5)):
        row = review[rid]
        for col in ("upheld", "corrected", "other", "pending"):
            row[col] *= k
        row["total"] = sum(row[c] for c in ("upheld", "corrected", "other", "pending"))
    proactive = report["tables"]["proactive"]
    proactive["normative_documents"]["in_force" if fmt == "2021" else "total_published"] = 125
    proactive["licensing"]["decisions"] = 1136
    overview = next(s for s in report["sections"] if s["id"] == "overview")
    overview["text"] = overview["text"].replace("收到政府信息公开申请20件", f"收到政府信息公开申请{req['new_received']['total']}件") \
        .replace("办结19件", f"办结{req['handled_total']['total']}件") \
        .replace("继续办理3件", f"继续办理{req['carried_forward']['total']}件")
    if blanks:
        req["denied_query"]["research"] = None
        req["unable_unclear"]["total"] = None
        req["declined_repeated"]["commercial"] = None
        review["litigation_direct"]["other"] = None
        proactive["compulsion"]["decisions"] = None
    return report


def expected_cells(report: dict):
    fmt = report["format"]
    for tid in template.TABLE_IDS:
        tpl = template.TABLES[fmt][tid]
        for row in tpl.rows:
            for cid in tpl.columns_of(row.id):
                yield tid, row.id, cid, (report["tables"][tid].get(row.id) or {}).get(cid)


def score(path: Path, report: dict, tables=template.TABLE_IDS) -> tuple[int, list[str]]:
    """(cells compared, wrong cells as tid/row/col: read vs expected)."""
    read_back = read(path)
    wrong, n = [], 0
    for tid, rid, cid, want in expected_cells(report):
        if tid not in tables:
            continue
        n += 1
        table = read_back.tables.get(tid)
        row = table.rows.get(rid) if table else None
        cell = row.cells.get(cid) if row else None
        if want is None:
            ok = cell is not None and cell.is_blank
        else:
            ok = cell is not None and cell.value is not None and _same(cell, want)
        if not ok:
            wrong.append(f"{tid}/{rid}/{cid}: {cell.raw if cell else None!r} != {want!r}")
    return n, wrong


def _same(cell, want) -> bool:
    if isinstance(want, str):  # an amount with its unit (35.6万元)
        return cell.raw is not None and "".join(cell.raw.split()) == want
    return float(cell.value) == float(want)


def cases(fmt: str) -> list[tuple]:
    """(split_at, repeat_header, ruled, span_text, shift).

    表三 split after every body row (0: right after its header), ruled with and without the
    header repeated, unruled once; the same PDFs split 表二 after each of its rows in turn and
    put 表四's figures on the page after its header every third time; the spanning label's text
    goes on the first part, the second or both, and some continuations are shifted sideways."""
    n3 = len(template.TABLES[fmt]["requests"].rows)
    n2 = len(template.TABLES[fmt]["proactive"].rows)
    out = []
    for k in range(n3):
        split = {"requests": k, "proactive": k % n2}
        if k % 3 == 0:
            split["review"] = 0
        for repeat in (False, True):
            out.append((split, repeat, True, ("first", "second", "both")[(k + repeat) % 3], 1.5 if k % 4 == 1 else 0.0))
        out.append(({"requests": k}, k % 2 == 0, False, ("first", "both")[k % 2], 0.0))
    return out


@lru_cache(maxsize=None)
def _rules():
    return api.load_rules()


def _cases_for(fmt: str, ruled: bool) -> list:
    return [pytest.param(fmt, *c, id=f"{fmt}-{'-'.join(f'{t}{k}' for t, k in c[0].items())}"
                         f"-{'rep' if c[1] else 'norep'}-{c[3]}{'-shift' if c[4] else ''}")
            for c in cases(fmt) if c[2] == ruled]


def _render(tmp_path: Path, report: dict, split, repeat, ruled, span, shift, name="r.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf_form.render(report, split_at=split, repeat_header=repeat, ruled=ruled,
                                     span_text=span, shift=shift))
    return path


@pytest.mark.parametrize("fmt,split,repeat,ruled,span,shift", _cases_for("2019", True) + _cases_for("2021", True))
def test_ruled_split_cells_all_right(tmp_path, fmt, split, repeat, ruled, span, shift):
    report = varied(fmt, blanks=bool(sum(split.values()) % 2))
    n, wrong = score(_render(tmp_path, report, split, repeat, ruled, span, shift), report)
    assert n > 150 and wrong == []


@pytest.mark.parametrize("fmt,split,repeat,ruled,span,shift", _cases_for("2019", False) + _cases_for("2021", False))
def test_unruled_split_cells_all_right(tmp_path, fmt, split, repeat, ruled, span, shift):
    """Tables without rules, rebuilt from word positions, joined over the break.

    No blank cells here: a blank in a table without rules leaves no trace of its column.
    The 2019 表二 is left out: its two-column blocks (收费, 采购) centre figures between the
    columns of the others, which the word-position reader does not read even unsplit."""
    report = varied(fmt)
    tables = ("requests", "review") + (("proactive",) if fmt == "2021" else ())
    n, wrong = score(_render(tmp_path, report, split, repeat, ruled, span, shift), report, tables)
    assert n > 150 and wrong == []


@pytest.mark.parametrize("fmt", ["2019", "2021"])
@pytest.mark.parametrize("split", [{"requests": 0}, {"requests": 9}, {"requests": 21}, {"proactive": 1},
                                   {"review": 0, "requests": 14}])
def test_clean_split_pdf_draws_no_error(tmp_path, fmt, split):
    report = varied(fmt)
    assert [f for f in api.lint(report, _rules()) if f.severity == "error"] == []  # the source itself is clean
    path = _render(tmp_path, report, split, split.get("requests", 0) % 2 == 1, True, "both", 0.0)
    errors = [(f.code, f.pointer) for f in lint_report(read(path), _rules()) if f.severity == "error"]
    assert errors == []


@pytest.mark.parametrize("fmt,rid,cid", [("2021", "handled_total", "natural_person"), ("2019", "denied_third_party", "total"),
                                         ("2021", "carried_forward", "social_org")])
def test_planted_defect_found_as_in_yaml(tmp_path, fmt, rid, cid):
    report = copy.deepcopy(varied(fmt))
    report["tables"]["requests"][rid][cid] += 10
    split = {"requests": [r.id for r in template.TABLES[fmt]["requests"].rows].index(rid)}  # the defect opens page 2
    path = _render(tmp_path, report, split, False, True, "first", 0.0)

    def keys(findings):
        return sorted((f.code, f.severity, f.pointer) for f in findings)

    from_pdf = keys(lint_report(read(path), _rules()))
    from_yaml = keys(api.lint(report, _rules()))
    assert any(sev == "error" for _c, sev, _p in from_yaml)
    assert from_pdf == from_yaml
