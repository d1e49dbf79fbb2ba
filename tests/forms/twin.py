"""Reports with known figures and planted defects, rendered to every form, and the
measures the twin test and ``benchmarks/precision.py`` share: cell accuracy against the
YAML twin, and the table/arithmetic/label findings of a document against its twin's.
"""

from __future__ import annotations

import copy
import random
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from govinfo_lint import template
from govinfo_lint.samples import apply_patch, sample_report

# The families whose findings are about a table's figures or labels: a document must draw
# exactly its twin's. Left out: RDR (what a reader could not do), SEC/META/CNT/XTX/PUB/LVL/
# XYR (headings, text, places and metadata, which the forms write differently by nature).
COMPARED = ("TBL-", "SUM-", "VAL-", "LBL-")


def varied(fmt: str, seed: int) -> dict[str, Any]:
    """A clean report with other non-zero figures: every identity holds by construction."""
    rng = random.Random(seed)
    report = sample_report(fmt, year=2020 if fmt == "2019" else 2021 + seed % 4,
                           agency=rng.choice(["示例县交通运输局", "示例市生态环境局", "示例镇人民政府"]),
                           level=None)
    requests = report["tables"]["requests"]
    results = template.RESULT_ROWS[fmt]
    for col in template.REQUESTS_PART_COLUMNS:
        for rid in results:
            # （六）其他处理 kept small: a large share of it is itself a finding (XTX-10).
            choices = [0, 0, 1] if rid.startswith("other") else [0, 0, 0, 1, 2, 3, 7, 12, 40]
            requests[rid][col] = rng.choice(choices) if col != "research" or seed % 2 else 0
        handled = sum(requests[rid][col] for rid in results)
        over, forward = rng.choice([0, 0, 1, 4]), rng.choice([0, 1, 3, 15])
        requests["handled_total"][col] = handled
        requests["carried_over"][col] = over
        requests["carried_forward"][col] = forward
        requests["new_received"][col] = handled + forward - over
        if requests["new_received"][col] < 0:
            requests["carried_over"][col] += requests["new_received"][col]
            requests["new_received"][col] = 0
    for rid, row in requests.items():
        row["total"] = sum(row[c] for c in template.REQUESTS_PART_COLUMNS)
    for row in report["tables"]["review"].values():
        for col in ("upheld", "corrected", "other", "pending"):
            row[col] = rng.choice([0, 1, 2, 5, 11])
        row["total"] = sum(row[c] for c in ("upheld", "corrected", "other", "pending"))
    proactive = report["tables"]["proactive"]
    if fmt == "2021":
        issued, repealed = rng.randint(0, 30), rng.randint(0, 9)
        proactive["normative_documents"] = {"issued": issued, "repealed": repealed, "in_force": issued + rng.randint(5, 400)}
        for rid in ("licensing", "penalty", "compulsion"):
            proactive[rid] = {"decisions": rng.randint(0, 3000)}
    figures = {"received": requests["new_received"]["total"], "handled": requests["handled_total"]["total"],
               "forward": requests["carried_forward"]["total"], "year": report["year"]}
    for section in report["sections"]:
        if section["id"] == "overview":
            section["text"] = sample_report(fmt)["sections"][0]["text"].split("全年收到")[0] + \
                "全年收到政府信息公开申请{received}件，办结{handled}件，结转下年度继续办理{forward}件。".format(**figures)
    return report


@dataclass
class Case:
    name: str
    report: dict[str, Any]
    planted: tuple[str, ...] = ()  # codes the defect must draw (in YAML and in every form)

    @property
    def clean(self) -> bool:
        return not self.planted


def _patched(base: dict, patch: dict | None = None, remove: list | None = None) -> dict:
    return apply_patch(base, patch, remove)


def cases() -> list[Case]:
    out = [Case(f"sample-{fmt}", sample_report(fmt)) for fmt in template.FORMATS]
    out += [Case(f"varied-{fmt}-{seed}", varied(fmt, seed)) for fmt in template.FORMATS for seed in (1, 2, 3)]
    base19, base21 = varied("2019", 4), varied("2021", 5)
    total = base21["tables"]["requests"]["granted"]["total"]
    out += [
        Case("annotated-2021", _patched(base21, {"/tables/proactive/normative_documents/issued":
                                                 f"{base21['tables']['proactive']['normative_documents']['issued']}（其中修订1件）"})),
        Case("wrong-total-2021", _patched(base21, {"/tables/requests/granted/total": total + 1}), ("SUM-03",)),
        Case("wrong-review-2019", _patched(base19, {"/tables/review/reconsideration/total":
                                                    base19["tables"]["review"]["reconsideration"]["total"] + 2}),
             ("SUM-04",)),
        Case("blank-zero-2021", _patched(base21, {"/tables/requests/denied_state_secret/research": None}), ("VAL-02",)),
        Case("slash-2019", _patched(base19, {"/tables/requests/denied_query/commercial": "/"}), ("VAL-02",)),
        Case("missing-row-2021", _patched(base21, remove=["/tables/requests/declined_excessive"]), ("TBL-06",)),
        Case("other-2021", _patched(base21, {"/labels/requests/columns/other_org": "其它"}), ("LBL-01",)),
        Case("row-typo-2019", _patched(base19, {"/labels/requests/rows/denied_law_prohibited": "2.其他法律行政止公开"}),
             ("LBL-04",)),
        Case("old-template-2022", sample_report("2019", year=2022), ("META-07",)),
    ]
    return out


def _dump(data: bytes | str, path: Path) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def forms() -> dict[str, tuple[str, Callable[[dict], bytes | str]]]:
    """Form name -> (file extension, renderer); PDF only when its renderer has landed."""
    from . import docx_form, html_form, md_form, text_form

    out: dict[str, tuple[str, Callable]] = {
        "docx": (".docx", docx_form.render),
        "docx-unmerged": (".docx", lambda r: docx_form.render(r, merged=False, numbered=True)),
        "docx-split": (".docx", lambda r: docx_form.render(r, split_at=11, wrapped=True)),
        "html": (".html", html_form.render),
        "html-split": (".html", lambda r: html_form.render(r, split_at=9, word=False)),
        "html-split-header": (".html", lambda r: html_form.render(r, split_at=14, repeat_header=True)),
        "html-unmerged": (".html", lambda r: html_form.render(r, merged=False)),
        "html-th": (".html", lambda r: html_form.render(r, th=True, word=False)),
        "html-split-blank": (".html", lambda r: html_form.render(r, split_at=6, blank_continued=True, th=True)),
        "text-dump": (".txt", lambda r: text_form.render(r, style="dump")),
        "text-flat": (".txt", lambda r: text_form.render(r, style="flat", sep=" ")),
        "text-flat-run": (".txt", lambda r: text_form.render(r, style="flat", sep="")),
        "markdown": (".md", md_form.render),
        "markdown-first": (".md", lambda r: md_form.render(r, fill=False)),
        "markdown-bold": (".md", lambda r: md_form.render(r, bold=True)),
        "markdown-flat-review": (".md", lambda r: md_form.render(r, flat_review=True)),
    }
    try:
        from . import pdf_form  # lands from the PDF branch
    except ImportError:
        return out
    out["pdf"] = (".pdf", pdf_form.render)
    out["pdf-split"] = (".pdf", lambda r: pdf_form.render(r, split_at={"requests": 12}, repeat_header=False))
    out["pdf-split-header"] = (".pdf", lambda r: pdf_form.render(r, split_at={"requests": 5, "proactive": 3}, repeat_header=True))
    out["pdf-unruled"] = (".pdf", lambda r: pdf_form.render(r, ruled=False))
    return out


def render_to(case: Case, form: str, folder: Path) -> Path:
    ext, render = forms()[form]
    return _dump(render(copy.deepcopy(case.report)), folder / f"{case.name}.{form}{ext}")


def cell_score(twin, doc) -> tuple[int, int, list[str]]:
    """(right, total, wrong pointers): value and blank-ness of every cell of the twin."""
    right, total, wrong = 0, 0, []
    for tid, rid, cid, cell in twin.iter_cells():
        total += 1
        got = doc.tables.get(tid) and doc.tables[tid].cell(rid, cid)
        if got is not None and got.value == cell.value and got.is_blank == cell.is_blank:
            right += 1
        else:
            wrong.append(f"/tables/{tid}/{rid}/{cid}: {cell.display!r} read as {got.display if got else None!r}")
    return right, total, wrong


def compared(findings) -> set[tuple[str, str]]:
    return {(f.code, f.pointer) for f in findings if f.code.startswith(COMPARED)}


def tmpdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="forms-"))
