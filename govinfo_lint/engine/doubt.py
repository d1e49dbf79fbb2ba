"""An error that rests on a doubtful OCR reading is a warning that names the cell.

The check kinds know nothing of how a cell was read; every hit names the cells it is
about, by its pointer and in its evidence (an identity's ``cells``, a grouped hit's
places). The engine looks those up: when one was read by OCR with less than sure
confidence (``Cell.doubtful``), an error would promise a defect the scan may not have,
so the finding becomes a warning whose message asks for a look at the original.
"""

from __future__ import annotations

from typing import Any

from ..model import Report

_MAX_NAMED = 3  # cells named in the message; all of them are in the evidence


def cell_pointers(pointer: str, evidence: Any) -> list[str]:
    """Cell pointers (``/tables/<t>/<row>/<col>``) a hit names: its own and its evidence's
    (keys and values, nested), in order, once each."""
    found: dict[str, None] = {}

    def visit(value: Any, depth: int) -> None:
        if isinstance(value, str):
            if value.startswith("/tables/") and value.count("/") == 4:
                found.setdefault(value, None)
        elif depth < 4 and isinstance(value, dict):
            for key, item in value.items():
                visit(key, depth + 1)
                visit(item, depth + 1)
        elif depth < 4 and isinstance(value, (list, tuple)):
            for item in value:
                visit(item, depth + 1)

    visit(pointer, 0)
    visit(evidence, 0)
    return list(found)


def doubtful_cells(report: Report, pointer: str, evidence: Any) -> dict[str, float]:
    """The doubtful cells a hit rests on: pointer -> confidence."""
    out: dict[str, float] = {}
    for ref in cell_pointers(pointer, evidence):
        _, _, tid, rid, cid = ref.split("/")
        table = report.tables.get(tid)
        cell = table.cell(rid, cid) if table is not None else None
        if cell is not None and cell.doubtful:
            out[ref] = cell.confidence
    return out


def downgrade(report: Report, severity: str, pointer: str, evidence: dict, zh: str, en: str):
    """(severity, zh, en, evidence) of a finding, an error resting on doubtful cells made a warning."""
    if severity != "error" or not report.tables:
        return severity, zh, en, evidence
    doubtful = doubtful_cells(report, pointer, evidence)
    if not doubtful:
        return severity, zh, en, evidence
    from .. import describe

    names_zh, names_en = [], []
    for ref, score in list(doubtful.items())[:_MAX_NAMED]:
        _, _, tid, rid, cid = ref.split("/")
        name = describe.cell(report.format, tid, rid, cid)
        loc = report.locate(ref)
        page = f"第{loc.page}页 " if loc is not None and loc.page else ""
        names_zh.append(f"{page}{name['zh']}（置信度 {score:.0%}）")
        names_en.append(f"{name['en']}{f', page {loc.page}' if page else ''} (confidence {score:.0%})")
    more = len(doubtful) - _MAX_NAMED
    if more > 0:
        names_zh[-1] += f"等 {len(doubtful)} 个"
        names_en.append(f"and {more} more")
    zh += f"（依赖识别置信度低的单元格：{'、'.join(names_zh)}，请对照原件核对）"
    en += f" (depends on cells read by OCR with low confidence: {'; '.join(names_en)}; check against the original)"
    evidence = {**evidence, "ocr_doubtful": {ref: round(score, 4) for ref, score in doubtful.items()}}
    return "warning", zh, en, evidence
