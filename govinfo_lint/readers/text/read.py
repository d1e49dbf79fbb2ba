"""Plain text reports, including the DOCX-to-text dumps where every cell is a line.

In a dump, a table row is a run of tab-indented lines (one per cell, a spanning
label's text possibly wrapped over following unindented lines) and rows are
separated by blank lines. Markdown pipe tables are read by the Markdown reader,
which shares this module.
"""

from __future__ import annotations

import re
from pathlib import Path

from ...limits import TEXT_BYTES, Limits
from ...model import Diagnostic, Location
from ..document import Document, GridCell, Paragraph, TableGrid
from ... import lazy_re

_PAGE_FOOTER = lazy_re.compile(r"^[—–\-－]+\s*\d{1,3}\s*[—–\-－]+$")  # — 4 — between pages of a copied PDF
_PIPE_ROW = lazy_re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = lazy_re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def decode(raw: bytes, source: str, diagnostics: list[Diagnostic]) -> str:
    for encoding in ("utf-8-sig",):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            pass
    try:
        text = raw.decode("gb18030")
        diagnostics.append(Diagnostic("encoding", "文件不是 UTF-8 编码，已按 GB18030 读取。",
                                      "not UTF-8; read as GB18030.", ""))
        return text
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise ValueError("无法识别文件编码，不是文本文件 (binary content, not text)")
    diagnostics.append(Diagnostic("encoding", f"文件编码不明，已按 {best.encoding} 猜测读取。",
                                  f"unknown encoding; guessed {best.encoding}.", ""))
    return str(best)


def read_document(path: Path, kind: str = "text", limits: Limits | None = None) -> Document:
    limits = limits or Limits()
    diagnostics: list[Diagnostic] = []
    # The dispatcher refuses a bigger file with its own message first; this guards direct calls.
    size, max_bytes = path.stat().st_size, limits.get("text_bytes", TEXT_BYTES)
    if size > max_bytes:
        return Document(source=str(path), kind=kind, diagnostics=[Diagnostic(
            "too_large", f"文本文件大小 {size} 字节，超过上限 {max_bytes} 字节，未读取。",
            f"the text file is {size} bytes, over the limit of {max_bytes}; not read.", "")])
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise ValueError("文件含有二进制内容，不是文本文件 (binary content, not text)")
    text = decode(raw, str(path), diagnostics)
    lines = text.splitlines()
    if kind == "markdown" or "**" in text:
        lines = [_unbold(line, kind == "markdown") for line in lines]
    doc = Document(source=str(path), kind=kind, diagnostics=diagnostics, lines=lines)
    start = _archive_header(lines, doc)
    doc.blocks = [b for block in blocks_of(lines, start) for b in _split_inline_headings(block)]
    doc.blocks = [b for block in doc.blocks for b in _with_flattened_tables(block, doc)]
    from ...headings import section_id
    from .rows import regroup

    doc.blocks = regroup(doc.blocks, lambda text: section_id(text)[0])
    doc.blocks = _review_headers_alone(doc.blocks, doc.diagnostics, section_id)
    return doc


def _review_headers_alone(blocks: list, diagnostics: list[Diagnostic], section_id) -> list:
    """Table 四's header in running text with no figures before the next heading is the table, unread."""
    if any(isinstance(b, TableGrid) and b.flattened and len(b.rows) == 3 and len(b.rows[-1]) == 15 for b in blocks):
        return blocks  # 表四 was read from the text already
    out = []
    for i, block in enumerate(blocks):
        out.append(block)
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        if isinstance(block, Paragraph) and "复议后起诉" in block.text and (
                after is None or (isinstance(after, Paragraph) and (section_id(after.text)[0] or not re.search(
                    r"\d", after.text[:40])))):
            from .flattened import review_header_only

            grid = review_header_only(block, diagnostics)
            if grid is not None:
                out.append(grid)
    return out


_BOLD = lazy_re.compile(r"(\*\*|__)(?=[^\s_*])(.+?)(?<=[^\s_*])\1")


def _unbold(line: str, markdown: bool) -> str:
    """``**`` bold markers are no part of a caption, label or cell.

    In a table row they become spaces, so every cell still starts at the column it has in
    the file; in other lines of Markdown they go (before headings and tables are looked for).
    """
    if "**" not in line and "__" not in line:
        return line
    if _PIPE_ROW.match(line):
        return _BOLD.sub(lambda m: "  " + m.group(2) + "  ", line)
    return _BOLD.sub(r"\2", line) if markdown else line


def _with_flattened_tables(block, doc: Document):
    """A paragraph holding a whole table as running text is followed by the rebuilt grid."""
    if not isinstance(block, Paragraph) or not re.search(r"第二十条第|申请数量\s*\d|审结\s*总计\s*\d", block.text):
        return [block]
    from .flattened import parse

    grids = parse(block, doc.diagnostics)
    if grids and re.match(r"^\s*(第二十条|[（(]本列数据|申请人情况|行政复议\s*行政诉讼)", block.text):
        return grids  # the paragraph is the table itself: its text is not section prose
    return [block, *grids]


_HEADER_FIELD = lazy_re.compile(r"^(标题|发布时间|发布日期|发布机构|文号|栏目|原文链接|本地目录|来源)\s*[:：]\s*(.*)$")


def _archive_header(lines: list[str], doc: Document) -> int:
    """Web-archive dumps start with 标题: / 发布时间: fields and a 正文 rule; use them, skip them."""
    index = 0
    fields: dict[str, str] = {}
    while index < min(len(lines), 20):
        match = _HEADER_FIELD.match(lines[index].strip())
        if match:
            fields[match.group(1)] = match.group(2).strip()
        elif lines[index].strip() and not re.match(r"^[=\-]{3,}.*[=\-]{3,}$|^页面链接", lines[index].strip()):
            break
        index += 1
    if "标题" not in fields:
        return 0
    doc.title = fields["标题"]
    date = re.match(r"(\d{4})-(\d{2})-(\d{2})", fields.get("发布时间") or fields.get("发布日期") or "")
    if date:
        doc.published = date.group(0)
    return index


def _split_inline_headings(block):
    """Flattened page text runs sections together (…。一、总体情况 2025年…): split at headings."""
    from ...headings import SECTION_PATTERN

    if not isinstance(block, Paragraph) or len(block.text) < 200:
        return [block]
    heads = {m.start(): m.end() for m in SECTION_PATTERN.finditer(block.text) if m.start() > 0}
    heads.update({k: v for k, v in _worded_headings(block.text).items() if k not in heads})
    if not heads:
        return [block]

    def part(text: str, start: int) -> Paragraph:
        # Placed where its own text starts: the cells of a table flattened into it count from here.
        at = block.text.index(text, start)
        return Paragraph(text, Location(line=block.loc.line, column=block.loc.column + at) if block.loc else None)

    pieces, last = [], 0
    cuts = sorted(heads)
    if block.text[:1] and SECTION_PATTERN.match(block.text):
        heads[0] = SECTION_PATTERN.match(block.text).end()
    for cut in cuts + [len(block.text)]:
        piece = block.text[last:cut].strip()
        if piece:
            end = heads.get(last)
            if end is not None:
                pieces.append(part(block.text[last:end].strip(), last))
                rest = block.text[end:cut].strip()
                if rest:
                    pieces.append(part(rest, end))
            else:
                pieces.append(part(piece, last))
        last = cut
    return pieces


_WORDED_HEADING = lazy_re.compile(r"(?<=[\d。；）)\s])([一二三四五六])、[^，。；（(\d]{3,28}")


def _worded_headings(text: str) -> dict[int, int]:
    """Headings worded otherwise (五、存在的主要问题及改进措施) right after a table's figures or a
    sentence: {start: end} where the layout takes the words for its section's heading."""
    from ... import template
    from ...headings import section_id

    numbers = {number: sid for sid, number, _title in template.SECTIONS}
    out = {}
    for match in _WORDED_HEADING.finditer(text):
        sid, _numbering = section_id(match.group(0))
        if sid is not None and numbers.get(match.group(1) + "、") == sid:
            out[match.start()] = match.end()
    return out


def blocks_of(lines: list[str], start: int = 0):
    i = start
    while i < len(lines):
        line = lines[i]
        if line.startswith("\t"):
            grid, i = _tab_dump(lines, i)
            if grid.rows:
                yield grid
            continue
        if _PIPE_ROW.match(line) and i + 1 < len(lines) and (_PIPE_ROW.match(lines[i + 1]) or _PIPE_RULE.match(lines[i + 1])):
            grid, i = _pipe_table(lines, i)
            yield grid
            continue
        stripped = re.sub(r"^#{1,6}\s+", "", line.strip())
        if stripped and not _PAGE_FOOTER.match(stripped):
            column = line.index(stripped) + 1  # where the text starts, after indentation or ## marks
            yield Paragraph(stripped, Location(line=i + 1, column=column),
                            style="heading" if stripped != line.strip() else None)
        i += 1


def _tab_dump(lines: list[str], start: int) -> tuple[TableGrid, int]:
    """Rows of tab-indented cells until ordinary text resumes.

    A blank line followed by a tab-indented line starts a new row; text that is not
    indented (a spanning label wrapped over lines: 三、本 / 年 / 度 …, even after blank
    lines) continues the cell before it.
    """
    rows: list[list[GridCell]] = []
    row: list[GridCell] = []
    i = start
    gap = False
    while i < len(lines):
        line = lines[i]
        if line.startswith("\t"):
            if gap and row:
                rows.append(row)
                row = []
            gap = False
            row.append(GridCell(line[1:].strip(), Location(line=i + 1, column=2)))
        elif line.strip() == "":
            gap = True
        elif row and _continues(lines, i) and not _is_heading(line):
            if not row[-1].text:  # the cell's text begins here, not on its empty first line
                row[-1].loc = Location(line=i + 1, column=len(line) - len(line.lstrip()) + 1)
            row[-1].text += line.strip()
            gap = False
        else:
            break
        i += 1
    if row:
        rows.append(row)
    rows = [r for r in rows if any(c.text for c in r)]
    return TableGrid(rows=rows, loc=Location(line=start + 1, column=1)), i


def _is_heading(line: str) -> bool:
    return bool(re.match(r"^\s*(\d+|[一二三四五六七八九十]+)[、.．]\s*\S{2,}", line)) and len(line.strip()) > 4


def _continues(lines: list[str], start: int) -> bool:
    """Whether a tab-indented cell comes again within the next few non-blank lines."""
    seen = 0
    for line in lines[start + 1:start + 60]:
        if line.startswith("\t"):
            return True
        if line.strip():
            seen += 1
            if seen > 10 or len(line.strip()) > 40:
                return False
    return False


def _pipe_table(lines: list[str], start: int) -> tuple[TableGrid, int]:
    rows: list[list[GridCell]] = []
    i = start
    while i < len(lines) and (_PIPE_ROW.match(lines[i]) or _PIPE_RULE.match(lines[i])):
        line = lines[i]
        if not _PIPE_RULE.match(line):
            body = line.strip()[1:-1]
            cells, column = [], line.index("|") + 2
            for part in body.split("|"):
                lead = len(part) - len(part.lstrip()) if part.strip() else 0
                cells.append(GridCell(part.strip().replace("<br>", "\n").replace("<br/>", "\n"),
                                      Location(line=i + 1, column=column + lead)))
                column += len(part) + 1
            rows.append(cells)
        i += 1
    return TableGrid(rows=rows, loc=Location(line=start + 1, column=1)), i
