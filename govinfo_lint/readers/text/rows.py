"""Table rows written as lines of text: ``行政许可 97``, ``一、本年新收…数量 3001 53 0 0 61 4 3119``.

PDF-to-text and PDF-to-Markdown copies keep a table as short lines: a label followed by
its numbers, header words broken over lines, labels that came apart from their
numbers. Inside a section that holds a table, a run of such lines becomes a grid
(``flattened=True``: numbers may have run together) so the assembler can map it; a run
with no number and not just above a table stays text.
"""

from __future__ import annotations


from ... import template
from ...model import Location
from ..document import GridCell, Paragraph, TableGrid
from ... import lazy_re

# A figure, with the note some reports add in brackets (22（其中修订16件）, 55（含自然失效 29 件）).
# A run of digits is never cut inside (?!…): otherwise a line of digits that is no row
# (1111…1x) is tried every way it could be cut, which is exponential.
_FIG = r"[+\-]?\d[\d,]*(?![\d,])(?:\.\d+(?!\d))?(?:万元|元)?(?:[（(][^（()）]{0,30}[）)])?"
_ROW = lazy_re.compile(r"^(?P<label>.*?[^\d\s.,，+\-])?\s*(?P<nums>(?:" + _FIG + r"\s*)+)$")
_NUMBER = lazy_re.compile(_FIG)
_KEYWORDS = ("第二十条", "信息内容", "申请人情况", "勾稽关系", "法人或其他组织", "结果维持", "行政复议", "尚未审结",
             "本年新收", "本年制发", "本年处理决定", "本年收费金额", "本年新制作", "对外公开总数量")
_SHORT = 20
_LONG = 60


def _kind(text: str) -> str | None:
    """'row' (label and numbers), 'words' (table words), or None (prose)."""
    if len(text) > _LONG or "。" in text[:-1] or text.endswith(("。", "；", ";")):
        return None
    match = _ROW.match(text)
    label = (match.group("label") or "") if match else ""
    if match and len(label) <= 40 and ("，" not in label[:-1] or len(label) <= _SHORT):
        return "row"
    if any(word in text for word in _KEYWORDS) or len(text) <= _SHORT:
        return "words"
    return None


def regroup(blocks: list, section_of) -> list:
    """Runs of table-like lines in table sections become flattened grids.

    ``section_of(paragraph)`` returns the template section a heading opens (or None).
    """
    out: list = []
    section: str | None = None
    run: list[Paragraph] = []

    def flush(next_block) -> None:
        kinds = [_kind(p.text) for p in run]
        keyword = any(w in p.text for p in run for w in _KEYWORDS)
        if section is None:
            # Before any heading (a fragment starting inside a table): only what is plainly a table.
            table = "row" in kinds and keyword
        else:
            table = "row" in kinds or isinstance(next_block, TableGrid) or keyword
        if run and table:
            out.append(_grid(run))
        else:
            out.extend(run)
        run.clear()

    for block in blocks:
        if isinstance(block, Paragraph):
            sid = section_of(block.text)
            if sid:
                flush(block)
                section = sid
                out.append(block)
                continue
            if (section in template.TABLE_SECTIONS or section is None) and _kind(block.text.strip()):
                run.append(block)
                continue
        flush(block)
        out.append(block)
    flush(None)
    return out


def _grid(run: list[Paragraph]) -> TableGrid:
    rows = []
    for para in run:
        text = para.text.strip()
        line = para.loc.line if para.loc else None
        column = para.loc.column if para.loc and para.loc.column else 1
        match = _ROW.match(text) if _kind(text) == "row" else None
        if match is None:
            rows.append([GridCell(text, Location(line=line, column=column))])
            continue
        cells = []
        label = (match.group("label") or "").strip()
        if label:
            cells.append(GridCell(label, Location(line=line, column=column)))
        for number in _NUMBER.finditer(text, match.start("nums")):
            cells.append(GridCell(number.group(), Location(line=line, column=column + number.start())))
        rows.append(cells)
    first = run[0].loc
    return TableGrid(rows=rows, loc=Location(line=first.line, column=first.column) if first else None,
                     flattened=True)
