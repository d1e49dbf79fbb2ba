"""An error that rests on a doubtful OCR reading is a warning that names the cell.

The check kinds know nothing of how a cell was read; every hit names the cells it is
about, by its pointer and in its evidence (an identity's ``cells``, a grouped hit's
places). The engine looks those up: when one was read by OCR with less than sure
confidence (``Cell.doubtful``), an error would promise a defect the scan may not have,
so the finding becomes a warning whose message asks for a look at the original.
"""

from __future__ import annotations

from typing import Any

from ..model import SURE_CONFIDENCE, Report

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


def _surely_read(report: Report, pointer: str, evidence: Any) -> bool:
    """Whether a finding on a scan rests only on figures OCR read with sure confidence: it
    names cells, and each holds a number read at or above ``SURE_CONFIDENCE``. A missing
    part, a misnamed row, a title's year rest on no such cell: the recogniser may have
    missed or misread them, which an error cannot promise is the report's fault."""
    refs = cell_pointers(pointer, evidence)
    for ref in refs:
        _, _, tid, rid, cid = ref.split("/")
        table = report.tables.get(tid)
        cell = table.cell(rid, cid) if table is not None else None
        if cell is None or cell.value is None or cell.confidence is None or cell.confidence < SURE_CONFIDENCE:
            return False
    return bool(refs)


def downgrade(report: Report, severity: str, pointer: str, evidence: dict, zh: str, en: str):
    """(severity, zh, en, evidence) of a finding, an error resting on doubtful cells made a
    warning; on a scan, so is every error that does not rest on surely read figures alone."""
    if severity != "error":
        return severity, zh, en, evidence
    doubtful = doubtful_cells(report, pointer, evidence) if report.tables else {}
    if not doubtful:
        if report.input_kind != "pdf-ocr" or _surely_read(report, pointer, evidence):
            return severity, zh, en, evidence
        zh += "（扫描件经文字识别（OCR）读取，此项可能由识别遗漏或误读所致，请对照原件核对）"
        en += " (the scan was read by OCR: this may come from a missed or misread part; check against the original)"
        return "warning", zh, en, {**evidence, "ocr_unsettled": True}
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
