"""Tables flattened into running text, digits run together: ``…申请数量15130000154二、…``.

Web archives keep only the text of a page, so a row's cells arrive as one run of digits.
The labels are found in template order and each run is handed on as one cell per number
(whitespace and signs are boundaries), at its place in the line: the mappers split what
ran together with ``digits.resolve``, by the row's own arithmetic, as they do for rows
rebuilt from PDF text (``text_rows``). A run the mappers cannot take as it is (no
number, more numbers than the row has cells, over 30 digits) is split here with the same
``digits.resolve``; if it does not split one way its row is left blank, and ``assemble``
marks those cells unread.
"""

from __future__ import annotations

import re

from ... import template
from ...model import Diagnostic, Location
from ...normalize import loose
from ...values import UNIT_PATTERN
from ..mapping.digits import Check, group_sums, no_check, pieces_of, resolve, row_sum, shift
from ..document import GridCell, Paragraph, TableGrid
from ..mapping.rows import is_number


# A row's figures: numbers with the counting word or unit some pages write (2笔 984361元).
_FIGURE = r"[+\-]?\d[\d.]*(?![\d.])(?:" + UNIT_PATTERN + r")?(?:[（(][^（()）]{0,30}[）)])?"
_FIGURES = r"\s*((?:" + _FIGURE + r"[ \t\u3000]*)*" + _FIGURE + ")"


def _label_pattern(label: str) -> str:
    core = loose(label)
    return r"[^\w]*".join(re.escape(ch) for ch in core)


def parse(paragraph: Paragraph, diagnostics: list[Diagnostic]) -> list[TableGrid]:
    """Grids for the tables found flattened in this paragraph (possibly none)."""
    text = paragraph.text
    grids = []
    proactive = _proactive(text, paragraph.loc, diagnostics)
    if proactive:
        grids.append(proactive)
    requests = _requests(text, paragraph.loc, diagnostics)
    if requests:
        grids.append(requests)
    review = _review(text, paragraph.loc, diagnostics)
    if review:
        grids.append(review)
    return grids


def _proactive(text: str, loc: Location | None, diagnostics: list[Diagnostic]) -> TableGrid | None:
    start = text.find("第二十条第（一）项")
    if start < 0:
        return None
    fmt = "2021" if "本年制发件数" in text[start:start + 200] else "2019"
    other = template.TABLES["2019" if fmt == "2021" else "2021"]["proactive"]
    grid = TableGrid(rows=[], loc=loc, flattened=True)
    position, found = start, 0
    for block in template.TABLES[fmt]["proactive"].blocks:
        caption = _CAPTION.search(text, position)
        if caption is None:
            break
        bound = _CAPTION.search(text, caption.end())
        bound = bound.start() if bound else len(text)
        grid.rows.append([GridCell(caption.group(0), shift(loc, caption.start()))] * (1 + len(block.columns)))
        position = caption.end()
        rows = []
        for row in block.rows:
            labels = {row.label, *(r.label for r in other.rows if r.id == row.id)}
            matches = [m for m in (re.compile(_label_pattern(label) + _FIGURES).search(text, position, bound)
                                   for label in labels) if m]
            if not matches:
                continue  # not written, or written so differently that it shows up as an unknown row
            match = min(matches, key=lambda m: (m.start(), -m.end()))
            rows.extend(_unknown_rows(text, position, match.start(), block, loc, diagnostics))
            if not rows:  # the words between caption and first row are the block's header
                grid.rows.append(_header(text, position, match.start(), block, loc))
            rows.append(_row(text, match, row.label, row.id, block, loc, diagnostics))
            position = match.end()
        if rows:
            rows.extend(_unknown_rows(text, position, bound, block, loc, diagnostics))
        else:
            grid.rows.append(_header(text, position, position, block, loc))
        grid.rows.extend(rows)
        found += len(rows)
        position = max(position, bound)
    return grid if found else None


_CAPTION = re.compile(r"第二十条第?[（(][一二三四五六七八九十]+[)）]项?")
_UNKNOWN_ROW = re.compile(r"([\u4e00-\u9fff（）()、“”/]{2,30}?)" + _FIGURES)


def _header(text: str, start: int, end: int, block, loc: Location | None) -> list[GridCell]:
    """The block's column labels as written (本年废纸件数 stays as it is, for the label rules)."""
    at = text.find(template.INFO_CONTENT, start, end)
    body_start = at + len(template.INFO_CONTENT) if at >= 0 else start
    body = text[body_start:end]
    written = _written_labels(body, [c.label for c in block.columns])
    if written is None or re.search(r"\d(?![）)])", re.sub(r"[（(][^）)]*[）)]", "", body)):
        return [GridCell(template.INFO_CONTENT, loc)] + [GridCell(c.label, loc) for c in block.columns]
    return [GridCell(template.INFO_CONTENT, shift(loc, max(at, start)))] + [
        GridCell(label, shift(loc, body_start + offset)) for label, offset in written]


def _written_labels(body: str, official: list[str]) -> list[tuple[str, int]] | None:
    """Cut the header words into one label a column: by the spaces, else by the official lengths."""
    words = [(m.group(), m.start()) for m in re.finditer(r"\S+", body)]
    if len(words) == len(official):
        return words
    joined = "".join(w for w, _ in words)
    if words and len(joined) == sum(len(label) for label in official):
        first, out, pos = words[0][1], [], 0
        for label in official:  # a typo keeps a label's length (废纸 for 废止)
            out.append((joined[pos:pos + len(label)], first + pos))
            pos += len(label)
        return out if len(words) == 1 else None
    return None


def _row(text: str, match, label: str, row_id: str | None, block, loc: Location | None,
         diagnostics: list[Diagnostic]) -> list[GridCell]:
    written = text[match.start():match.start(1)].strip() or label
    pointer = f"/tables/proactive/{row_id}" if row_id else "/tables/proactive"
    cells = _run_cells(text, match.start(1), match.end(1), [c.kind for c in block.columns], no_check, loc,
                       diagnostics, f"表二“{written}”行", f"table 2 row “{written}”", pointer)
    return [GridCell(written, shift(loc, match.start()))] + cells


def _unknown_rows(text: str, start: int, end: int, block, loc: Location | None,
                  diagnostics: list[Diagnostic]) -> list[list[GridCell]]:
    """Rows the format does not have (or words it does not know) between two known rows: kept as written."""
    out = []
    for match in _UNKNOWN_ROW.finditer(text, start, end):
        label = match.group(1)
        if template.INFO_CONTENT in label or any(c.label in label for c in block.columns):
            continue  # header words, not a row
        out.append(_row(text, match, label, None, block, loc, diagnostics))
    return out


def _requests(text: str, loc: Location | None, diagnostics: list[Diagnostic]) -> TableGrid | None:
    start = text.find("本年新收政府信息公开申请数量")
    if start < 0:
        return None
    fmt = "2021" if "逾期未按收费通知" in text else "2019"
    rows = template.TABLES[fmt]["requests"].rows
    group = re.compile(r"法\s*人\s*或\s*其\s*[他它]\s*组\s*织").search(text, max(0, start - 200), start)
    header = [GridCell("申请人情况")] + _request_header(text, max(0, start - 200), start, group, loc)
    grid = TableGrid(rows=[header], loc=loc, flattened=True)
    if group:  # the spanning header as written (法人或其它组织), for the label rules
        grid.rows.insert(0, [GridCell("申请人情况"), GridCell("自然人")]
                         + [GridCell(group.group(0), shift(loc, group.start()))] * 5 + [GridCell("总计")])
    position = start - 1
    spans = []
    for row in rows:
        match = re.compile(_label_pattern(row.label)).search(text, max(position, 0))
        if match is None:
            continue  # worded otherwise: it shows up in the gap between its neighbours
        spans.append((row, match))
        position = match.end()
    if len(spans) < len(rows) // 2:
        return None
    for k, (row, match) in enumerate(spans):
        end = spans[k + 1][1].start() if k + 1 < len(spans) else len(text)
        if k + 1 < len(spans):
            end -= len(_number_before(text, spans[k + 1][1].start(), spans[k + 1][0].label))
        run = text[match.end():end]
        digits = re.match(r"[^\w]*([\d\s]*?)\s*(?:\d[.、．])?(?=[^\d\s]|$)", run)
        close = re.match(r"[）)”」]*", text[match.end():]).group(0)  # the search stops before closing marks
        number = _number_before(text, match.start(), row.label)
        written = number + text[match.start():match.end()] + close
        grid.rows.append(_request_row(text, match.end() + digits.start(1), match.end() + digits.end(1), written,
                                      row.id, loc, match.start() - len(number),
                                      diagnostics))
        gap = _GAP_ROW.match(text, match.end() + digits.end(1), end) if k + 1 < len(spans) else None
        if gap and spans[k + 1][0] is not rows[rows.index(row) + 1]:
            # A row between two found ones, its label worded otherwise (2.其他法律行政止公开): kept as written.
            grid.rows.append(_request_row(text, gap.start(2), gap.end(2), gap.group(1).strip(), None, loc,
                                          gap.start(1), diagnostics))
    return grid


_GAP_ROW = re.compile(r"[^\w（(]*((?:[（(][一二三四五六七八九十]+[)）]|\d{1,2}\s*[.、．])?[^\d]{2,60}?)\s*(\d[\d\s]*)")


def _request_header(text: str, begin: int, end: int, group, loc: Location | None) -> list[GridCell]:
    """The applicant columns as written before the first row (其它 for 其他 stays visible to the
    label rules); a column not found is given its template label, as before."""
    cells = []
    # The organisation columns follow the spanning 法人或其他组织 (which holds a 其他 of its own).
    at = group.end() if group else begin
    for col in template.REQUESTS_COLUMNS:
        pattern = r"\s*".join("[他它]" if ch == "他" else re.escape(ch) for ch in col.label)
        found = re.compile(pattern).search(text, begin if col.id in ("natural_person", "total") else at, end)
        if found is None:
            cells.append(GridCell(col.label))
            continue
        if col.id not in ("natural_person", "total"):
            at = found.end()
        cells.append(GridCell(found.group(0), shift(loc, found.start())))
    return cells


def _number_before(text: str, at: int, label: str) -> str:
    """The row number written before a label (2. / （七） / 四、), which the label search skips.

    The template label says which number to expect: digits just before 2. belong to the
    row before (00000002.其他…), so only the label's own number is taken.
    """
    own = re.match(r"^(?:(\d{1,2})\s*[.、．]|([（(][一二三四五六七八九十]+[)）])|([一二三四五六七八九十]+)、)", label)
    if own is None:
        return ""
    digits, bracket, chinese = own.groups()
    pattern = (re.escape(digits) + r"\s*[.、．]" if digits else re.escape(bracket) if bracket
               else re.escape(chinese) + r"\s*、")
    found = re.search(pattern + r"\s*$", text[max(0, at - 8):at])
    return found.group(0).strip() if found else ""


def _request_row(text: str, start: int, end: int, label: str, row_id: str | None, loc: Location | None,
                 label_at: int, diagnostics: list[Diagnostic]) -> list[GridCell]:
    pointer = f"/tables/requests/{row_id}" if row_id else "/tables/requests"
    cells = _run_cells(text, start, end, ["count"] * 7, row_sum, loc, diagnostics, f"表三“{label}”行",
                       f"table 3 row “{label}”", pointer)
    return [GridCell(label, shift(loc, label_at))] + cells


_REVIEW_WORDS = ("行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果",
                 "其它结果", "尚未审结", "总计")
_REVIEW_HEADER = re.compile(r"(?:(?:" + "|".join(_REVIEW_WORDS) + r")[\s|]*){8,}?总计\s*(\d[\d\s]*)")
_REVIEW_HEADER_ONLY = re.compile(r"(?:(?:" + "|".join(_REVIEW_WORDS) + r")[\s|]*){10,}")


def _review(text: str, loc: Location | None, diagnostics: list[Diagnostic]) -> TableGrid | None:
    # The header words in any spacing (a page's cells joined by spaces or by nothing), the
    # result words written at least twice (复议 and 诉讼 groups), then the fifteen figures.
    match = None
    for found in _REVIEW_HEADER.finditer(text):
        if found.group(0).count("结果维持") >= 2 and "诉讼" in found.group(0):
            match = found
            break
    head = [GridCell("行政复议")] * 5 + [GridCell("行政诉讼")] * 10
    labels = [GridCell(c.label) for c in template.REVIEW_COLUMNS] * 3
    if match is None:
        return None
    cells = _run_cells(text, match.start(1), match.end(1), ["count"] * 15, group_sums, loc, diagnostics, "表四",
                       "table 4", "/tables/review")
    return TableGrid(rows=[head, labels, cells], loc=loc, flattened=True)


def review_header_only(paragraph: Paragraph, diagnostics: list[Diagnostic]) -> TableGrid | None:
    """Table 四's header with no figures after it (before the next heading): present, cells unread.

    Only for a paragraph the caller knows is not followed by the figures (the next block is
    a heading or prose), so a header whose numbers are on the next line is left alone.
    """
    bare = _REVIEW_HEADER_ONLY.search(paragraph.text)
    if bare is None or bare.group(0).count("结果维持") < 2 or "诉讼" not in bare.group(0) \
            or re.match(r"\s*\d", paragraph.text[bare.end():]):
        return None
    at = shift(paragraph.loc, bare.end())
    diagnostics.append(Diagnostic(
        "column_unmapped", "表四只见表头，其后未见数字，15 个单元格未能读取。",
        "table 4: its header is there but no figures follow it; the 15 cells were not read.",
        "/tables/review", at, {"unread": True}))
    head = [GridCell(r.label) for r in template.REVIEW_ROWS for _ in range(5)]
    labels = [GridCell(c.label) for c in template.REVIEW_COLUMNS] * 3
    return TableGrid(rows=[head, labels, [GridCell("", at) for _ in range(15)]], loc=paragraph.loc, flattened=True)


def _run_cells(text: str, start: int, end: int, kinds: list[str], check: Check, loc: Location | None,
               diagnostics: list[Diagnostic], where: str, where_en: str, pointer: str) -> list[GridCell]:
    """The numbers of ``text[start:end]``, one cell each, placed where they are in the line."""
    pieces = pieces_of([GridCell(text[start:end])])
    cells = [GridCell(piece, shift(loc, start + offset)) for piece, _cell, offset in pieces]
    if 0 < len(cells) <= len(kinds) and all(is_number(c.text) for c in cells):
        return cells  # the mapper splits what ran together
    # A run a mapper cannot take as it is: it would read a line of nine numbers by position,
    # and a run of over 30 digits is no number to it. Split here with the same splitter; a row
    # that does not split one way is left blank, and assemble marks its cells unread.
    values, diag = resolve(cells, kinds, check, where, where_en, pointer)
    if diag is not None:
        diagnostics.append(diag)
    if any(v.parse_error == "ambiguous_split" for v in values):
        return [GridCell("", loc) for _ in kinds]
    return [GridCell(v.raw or "", v.loc) for v in values]
