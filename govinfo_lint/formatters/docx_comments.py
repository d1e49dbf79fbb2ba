"""``-f docx:年报.审核.docx``: a copy of the DOCX input with one Word comment per finding.

The comment sits where the finding is: the table cell (``Location.table/row/cell``), the
row, the paragraph (``Location.paragraph``). Those indexes were counted by the DOCX
reader, so they are mapped back by walking python-docx's tree with the reader's own
walker (same paragraphs counted, same layout tables skipped, same grid expansion of
``gridSpan``/``vMerge``), never by python-docx's ``row.cells``, which repeats merged cells
and would shift every column after a merge. A finding with no place in the document (a
missing section, a file-level finding) is commented on the title, and says so.

Waived findings are not commented: the copy is for the people who fix the report, and a
waiver says the finding needs no fixing. They still appear in ``--format json``.

python-docx round-trips every part it does not touch (styles, numbering, media, existing
comments, tracked changes), so the copy differs from the input only by the comment ranges,
the comment references and the comments part.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from .common import evidence_text, severity_name

AUTHOR = "govinfo-lint"
INITIALS = "GL"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NO_PLACE = {"zh": "（本问题在文档中没有对应位置）", "en": "(this finding has no place in the document)"}
BEFORE = {"zh": "（缺少的部分应位于此标题之前）", "en": "(the missing part belongs before this heading)"}
AFTER = {"zh": "（缺少的部分应位于此部分之后）", "en": "(the missing part belongs after this part)"}


class AnnotateError(ValueError):
    """The input cannot be annotated (not a DOCX python-docx can open)."""


def usage_problem(paths: list[str]) -> str | None:
    """Why ``-f docx:PATH`` cannot be used with these inputs, or None (the command line has
    already refused ``docx`` without a PATH)."""
    if len(paths) != 1 or paths[0] == "-" or Path(paths[0]).is_dir() or Path(paths[0]).suffix.lower() != ".docx":
        return ("-f docx:PATH 只能用于检查单个 .docx 文件（批注写入该文件的副本） "
                "(-f docx:PATH needs exactly one .docx input)")
    return None


def annotate(source: Path | bytes, findings, lang: str = "zh", now: dt.datetime | None = None) -> bytes:
    """The DOCX ``source`` (a path or its bytes) with ``findings`` as comments, as bytes."""
    import docx

    try:
        document = docx.Document(io.BytesIO(source) if isinstance(source, bytes) else str(source))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise AnnotateError(f"无法打开 DOCX 以写入批注 (cannot open the DOCX to add comments): {exc}") from None
    places = _Places(document)
    when = (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0)
    sections = None
    for finding in findings:
        if finding.suppressed:
            continue
        runs, placed = places.runs_for(finding.location)
        note = "" if placed else "\n" + NO_PLACE[lang]
        if not placed and finding.pointer.startswith("/sections/") and not isinstance(source, bytes):
            if sections is None:
                sections = _section_paragraphs(Path(source))
            near = _neighbour(sections, finding.pointer.split("/")[2])
            if near is not None:
                from ..model import Location

                runs, placed = places.runs_for(Location(paragraph=near[0]))
                note = "\n" + (BEFORE if near[1] else AFTER)[lang]
        text = comment_text(finding, lang) + note
        comment = document.add_comment(runs, text=text, author=AUTHOR, initials=INITIALS)
        comment._comment_elm.date = when
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _section_paragraphs(path: Path) -> dict[str, int]:
    """The paragraph of each section heading the reader found (read again only when a section is missing)."""
    from ..readers import read

    report = read(path)
    return {s.id: s.loc.paragraph for s in report.sections if s.id and s.loc is not None and s.loc.paragraph}


def _neighbour(sections: dict[str, int], missing: str) -> tuple[int, bool] | None:
    """Where a missing section belongs: the heading of the next section present (True), or
    else the previous one (False)."""
    from .. import template

    if missing not in template.SECTION_IDS:
        return None
    at = template.SECTION_IDS.index(missing)
    for sid in template.SECTION_IDS[at + 1:]:
        if sid in sections:
            return sections[sid], True
    for sid in reversed(template.SECTION_IDS[:at]):
        if sid in sections:
            return sections[sid], False
    return None


def comment_text(finding, lang: str = "zh") -> str:
    """Severity and code, the message, then the numbers or wording behind it."""
    message = (finding.message_zh if lang == "zh" else finding.message_en) or finding.message
    lines = [f"{severity_name(finding.severity, lang)} {finding.code}：{message}" if lang == "zh"
             else f"{severity_name(finding.severity, lang)} {finding.code}: {message}"]
    evidence = evidence_text(finding, lang) or _other_evidence(finding.evidence or {}, message)
    if evidence:
        lines.append(evidence)
    return "\n".join(lines)


def _other_evidence(evidence: dict, message: str) -> str:
    """Evidence ``evidence_text`` has no sentence for, as ``name: value`` pairs of plain values
    the message does not already quote."""
    parts = [f"{k}: {v}" for k, v in evidence.items()
             if (isinstance(v, (str, int, float)) or type(v).__name__ == "Decimal") and str(v) not in message]
    return "；".join(parts)[:300]


class _Places:
    """The paragraphs and table cells of the document, numbered as the DOCX reader numbers them."""

    def __init__(self, document) -> None:
        from ..readers.docx.read import _is_layout, _Walker
        from ..readers.docx.numbering import Numbering, load_styles

        self.document = document
        paragraphs: list = []
        tables: list = []

        class _Recorder(_Walker):
            def paragraph(self, p) -> None:
                paragraphs.append(p)
                super().paragraph(p)

            def table(self, tbl) -> None:
                if not _is_layout(tbl):
                    tables.append(tbl)
                super().table(tbl)

        styles = load_styles(None)
        _Recorder(styles, Numbering(None, styles)).walk(document.element.body, top=True)
        self.paragraphs = paragraphs
        self.tables = tables
        self.grids: dict[int, list[list]] = {}

    def runs_for(self, loc) -> tuple[list, bool]:
        """The first and last run of the place ``loc`` names, and whether it named one."""
        if loc is not None and loc.table is not None and 1 <= loc.table <= len(self.tables):
            grid = self.grid(loc.table)
            if loc.row is not None and 1 <= loc.row <= len(grid):
                row = [tc for tc in grid[loc.row - 1] if tc is not None]
                if loc.cell is not None and 1 <= loc.cell <= len(grid[loc.row - 1]) and grid[loc.row - 1][loc.cell - 1] is not None:
                    row = [grid[loc.row - 1][loc.cell - 1]]
                if row:
                    return self._span(row[0], row[-1]), True
            cells = [tc for r in grid for tc in r if tc is not None]
            if cells:
                return self._span(cells[0], cells[-1]), True
        if loc is not None and loc.paragraph is not None and 1 <= loc.paragraph <= len(self.paragraphs):
            p = self.paragraphs[loc.paragraph - 1]
            return self._span(p, p), True
        return self._span(self._title(), self._title()), False

    def grid(self, index: int) -> list[list]:
        """Table ``index`` (1-based) as rows of the ``w:tc`` covering each grid position, as
        ``docx_table.build_grid`` lays it out (deleted rows dropped, merges expanded)."""
        if index not in self.grids:
            from ..readers.docx.table import MAX_COLUMNS, _props, _row_offsets, unwrap

            rows: list[list] = []
            for tr in unwrap(self.tables[index - 1], f"{W}tr"):
                before, deleted = _row_offsets(tr)
                if deleted:
                    continue
                above = rows[-1] if rows else []
                positions: list = [None] * before
                for tc in unwrap(tr, f"{W}tc"):
                    span, merge = _props(tc)
                    col = len(positions)
                    if col >= MAX_COLUMNS:
                        break
                    if merge == "hcontinue" and positions and positions[-1] is not None:
                        positions.extend([positions[-1]] * span)
                        continue
                    covering = above[col] if merge == "continue" and col < len(above) else None
                    positions.extend([covering if covering is not None else tc] * span)
                rows.append(positions)
            width = max((len(r) for r in rows), default=0)
            self.grids[index] = [r + [None] * (width - len(r)) for r in rows]
        return self.grids[index]

    def _title(self):
        """The first paragraph with text: where a finding without a place is commented."""
        for p in self.paragraphs:
            if "".join(t.text or "" for t in p.iter(f"{W}t")).strip():
                return p
        body = self.document.element.body
        return next(body.iter(f"{W}p"), None) or self.document.add_paragraph()._p

    def _span(self, first, last) -> list:
        """Runs of python-docx from the first run under ``first`` to the last under ``last``."""
        return [self._run(first, last_one=False), self._run(last, last_one=True)]

    def _run(self, element, last_one: bool):
        from docx.text.paragraph import Paragraph
        from docx.text.run import Run

        paragraphs = [element] if element.tag == f"{W}p" else list(element.iter(f"{W}p"))
        if not paragraphs:  # a cell always has a paragraph; a broken one gets one
            from docx.oxml import OxmlElement

            paragraphs = [OxmlElement("w:p")]
            element.append(paragraphs[0])
        for p in (reversed(paragraphs) if last_one else paragraphs):
            # Not the reference run of a comment added before: a range ends on the text.
            runs = [r for r in p.iterchildren(f"{W}r") if r.find(f"{W}commentReference") is None]
            if runs:
                return Run(runs[-1] if last_one else runs[0], Paragraph(p, None))
        # No run of its own (an empty cell, text only in a tracked insertion): an empty run
        # to hang the comment on changes nothing Word shows.
        p = paragraphs[-1 if last_one else 0]
        return Paragraph(p, None).add_run()
