"""DOCX reports: body paragraphs and tables in order, merged cells expanded into grids.

The package is opened by ``docx_package`` (zip bombs, encrypted and look-alike files
refused, nothing extracted to disk, XML parsed without DTDs or entities). A file we
refuse becomes a Document with one diagnostic saying why, never an exception.

Text follows what Word shows: deleted revisions are skipped and insertions kept, field
results are kept and field codes dropped, an ``mc:AlternateContent`` is read once (its
first choice), text boxes become paragraphs after their anchor, and auto-numbering
(``一、`` headings, ``1.`` row labels) is rendered into the text.
"""

from __future__ import annotations

from pathlib import Path

from ...limits import Limits
from ...model import Diagnostic, Location
from ..document import Document, Paragraph
from .numbering import Numbering, Styles, load_styles
from .package import DocxProblem, Package, open_package, parse_xml
from .table import build_grid, first_children, unwrap

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_SKIP = frozenset({f"{W}{t}" for t in ("pPr", "rPr", "del", "delText", "instrText", "moveFrom", "commentRangeStart",
                                      "fldData", "footnoteReference", "endnoteReference", "annotationRef")})
_BREAKS = frozenset({f"{W}br", f"{W}cr"})
_TABS = frozenset({f"{W}tab", f"{W}ptab"})
_PICTURES = frozenset({f"{W}drawing", f"{W}pict", f"{W}object"})
_ALIGN = {"center": "center", "right": "right", "end": "right"}
_PARAGRAPH_PROPS = {f"{W}pStyle": 0, f"{W}numPr": 1, f"{W}jc": 2}
# Tag names built once: an f-string in a loop is built again on every pass.
_P, _R, _T, _TBL, _TR, _TC = (f"{W}{t}" for t in ("p", "r", "t", "tbl", "tr", "tc"))
_PPR, _RPR, _VANISH, _VAL = f"{W}pPr", f"{W}rPr", f"{W}vanish", f"{W}val"
_SDT, _SDT_CONTENT = f"{W}sdt", f"{W}sdtContent"
_CONTAINERS = (_SDT, f"{W}customXml")
_NO_BREAK_HYPHEN, _TEXT_BOX = f"{W}noBreakHyphen", f"{W}txbxContent"
_ALTERNATE, _CHOICE, _FALLBACK = f"{MC}AlternateContent", f"{MC}Choice", f"{MC}Fallback"


def read_document(path: Path, limits: Limits | None = None) -> Document:
    limits = limits or Limits()
    doc = Document(source=str(path), kind="docx")
    try:
        package = open_package(path, limits)
    except DocxProblem as problem:
        doc.diagnostics.append(Diagnostic(problem.kind, problem.message, problem.message_en, ""))
        return doc
    with package.archive:
        try:
            _read(package, doc)
        except DocxProblem as problem:
            doc.blocks.clear()
            doc.diagnostics.append(Diagnostic(problem.kind, problem.message, problem.message_en, ""))
    return doc


def _read(package: Package, doc: Document) -> None:
    root = package.xml(package.main, required=True)
    body = root.find(f"{W}body")
    if body is None:
        raise DocxProblem("DOCX 中没有正文（word/document.xml 缺少 w:body）。", "the DOCX has no body.")
    styles = _styles(package)
    numbering = Numbering(package.xml(package.related(package.main, "/numbering") or "word/numbering.xml"), styles)
    walker = _Walker(styles, numbering)
    walker.walk(body, top=True)
    doc.blocks = walker.blocks
    from ..document import centred_title

    doc.title = centred_title(walker.blocks) or _core_title(package)
    if not doc.blocks:
        pictures = any(el.tag in _PICTURES for el in body.iter())
        doc.diagnostics.append(Diagnostic(
            "unreadable",
            "DOCX 中只有图片，没有可读取的文字（可能是扫描件），无法检查。请提供文字版。" if pictures
            else "DOCX 中没有任何文字或表格（空文档）。",
            "the DOCX holds only pictures (a scan?), no text." if pictures else "the DOCX holds no text or table.", ""))
    if body.find(f".//{W}altChunk") is not None:
        doc.diagnostics.append(Diagnostic(
            "unsupported_format", "DOCX 中嵌入了外部文档（altChunk，常见于网页导出的 Word），其中的文字未能读取。"
            "请在 Word/WPS 中打开后重新保存为 .docx。",
            "the DOCX embeds another document (altChunk) whose text was not read; re-save it in Word.", ""))


# Files made from one template carry the same styles.xml, and python-docx's is 350 KB of
# table and latent styles (3 ms to parse) around the few paragraph styles read here: keyed
# by the part's exact bytes, it is parsed once per process. Styles is never changed once
# loaded, so one can be shared. When full the cache starts afresh: as good as an LRU for a
# crawl where most files share a template or none does, and safe without a lock.
_STYLES_KEPT = 8
_STYLES_MAX_BYTES = 1024 * 1024
_styles_seen: dict[bytes, Styles] = {}


def _styles(package: Package) -> Styles:
    """``load_styles(package.xml(name))``, from the cache when the same bytes were read before."""
    name = package.related(package.main, "/styles") or "word/styles.xml"
    data = package.read(name)
    if data is None:
        return load_styles(None)
    styles = _styles_seen.get(data)
    if styles is None:
        try:
            root = parse_xml(data, name)
        except DocxProblem:
            root = None  # as Package.xml: a broken styles part costs only the style names
        styles = load_styles(root)
        if len(data) <= _STYLES_MAX_BYTES:
            if len(_styles_seen) >= _STYLES_KEPT:
                _styles_seen.clear()
            _styles_seen[data] = styles
    return styles


def _core_title(package: Package) -> str | None:
    core = package.xml(package.related("", "/core-properties") or "docProps/core.xml")
    node = core.find(_DC_TITLE) if core is not None else None
    title = " ".join((node.text or "").split()) if node is not None else ""
    # The property often holds a file or template name, or last year's title in a copied
    # file, so it is used only when no centred title is in the text.
    return title if "报告" in title and "Microsoft" not in title else None


class _Walker:
    def __init__(self, styles: Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.blocks: list = []
        self.paragraphs = 0
        self.tables = 0
        self._style_align: dict[str | None, str | None] = {}

    def walk(self, container, top: bool = False) -> None:
        for element in container:
            tag = element.tag
            if tag == _P:
                self.paragraph(element)
            elif tag == _TBL:
                self.table(element)
            elif tag in _CONTAINERS:
                content = element.find(_SDT_CONTENT) if tag == _SDT else element
                if content is not None:
                    self.walk(content)

    def paragraph(self, p) -> None:
        self.paragraphs += 1
        text, boxes, style_id, jc = self.paragraph_text(p)
        if text.strip():
            self.blocks.append(Paragraph(text.strip(), Location(paragraph=self.paragraphs),
                                         self.styles.names.get(style_id or "", style_id), self.align(jc, style_id)))
        for box in boxes:
            self.walk(box)

    def paragraph_text(self, p) -> tuple[str, list, str | None, object]:
        """The text as Word shows it (auto-number included), its text boxes, and the
        paragraph's style id and ``w:jc``."""
        style, numbering, jc = first_children(p.iterchildren(_PPR), _PARAGRAPH_PROPS)
        style_id = style.get(_VAL) if style is not None else None
        parts: list[str] = []
        boxes: list = []
        _runs(p, parts, boxes)
        text = "".join(parts)
        number = self.numbering.prefix(numbering, style_id)
        if number and text.strip():
            text = number + text.lstrip()
        return text, boxes, style_id, jc

    def align(self, jc, style_id: str | None) -> str | None:
        if jc is not None:
            return _ALIGN.get(jc.get(_VAL, ""))
        if style_id not in self._style_align:  # the same few styles, asked once per paragraph
            self._style_align[style_id] = self._inherited_align(style_id)
        return self._style_align[style_id]

    def _inherited_align(self, style_id: str | None) -> str | None:
        for sid in self.styles.chain(style_id or self.styles.default):
            if sid in self.styles.align:
                return _ALIGN.get(self.styles.align[sid])
        return None

    def table(self, tbl) -> None:
        if _is_layout(tbl):
            # A table used for page layout: its cells hold the real paragraphs and tables.
            for tr in unwrap(tbl, _TR):
                for tc in unwrap(tr, _TC):
                    self.walk(tc)
            return
        self.tables += 1
        self.blocks.append(build_grid(tbl, self.tables, self.cell_text))

    def cell_text(self, tc) -> str:
        lines: list[str] = []
        self._cell_lines(tc, lines)
        return "\n".join(lines)

    def _cell_lines(self, container, lines: list[str]) -> None:
        for element in container:
            tag = element.tag
            if tag == _P:
                text, boxes, _style, _jc = self.paragraph_text(element)
                if text.strip():
                    lines.append(text.strip())
                for box in boxes:
                    self._cell_lines(box, lines)
            elif tag == _TBL:
                # A table inside a data cell: its rows as lines, its cells separated by spaces.
                grid = build_grid(element, 0, self.cell_text)
                for row in grid.rows:
                    line = " ".join(c.text.replace("\n", " ") for c in row if c.origin and c.text)
                    if line:
                        lines.append(line)
            elif tag in _CONTAINERS:
                content = element.find(_SDT_CONTENT) if tag == _SDT else element
                if content is not None:
                    self._cell_lines(content, lines)


def _hidden(run) -> bool:
    for props in run.iterchildren(_RPR):  # run.find("w:rPr/w:vanish") without parsing a path
        for vanish in props.iterchildren(_VANISH):
            return vanish.get(_VAL, "true") not in ("0", "false", "off")
    return False


def _runs(element, parts: list[str], boxes: list) -> None:
    """Collect the visible text under ``element``; text-box contents go to ``boxes``."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        # Tested in the order the tags are common: text, then runs.
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _R:
            if not _hidden(child):
                _runs(child, parts, boxes)
        elif tag in _TABS:
            parts.append("\t")
        elif tag in _BREAKS:
            parts.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            parts.append("-")
        elif tag == _TEXT_BOX:
            boxes.append(child)
        elif tag == _P:
            boxes.append(_Wrap(child))  # a paragraph nested directly (malformed but seen)
        elif tag == _ALTERNATE:
            # Each choice and the fallback hold the same text; read one of them.
            pick = child.find(_CHOICE)
            if pick is None:
                pick = child.find(_FALLBACK)
            if pick is not None:
                _runs(pick, parts, boxes)
        else:
            _runs(child, parts, boxes)


class _Wrap(list):
    """A lone paragraph presented as a container, so it can be walked like a text box."""

    def __init__(self, paragraph) -> None:
        super().__init__([paragraph])


def _is_layout(tbl) -> bool:
    """A table whose cells hold bigger tables (or which is a single frame) only lays the page out."""
    cells = [tc for tr in unwrap(tbl, _TR) for tc in unwrap(tr, _TC)]
    inner = [t for tc in cells for t in unwrap(tc, _TBL)]
    if not inner:
        return False
    inner_cells = max(sum(1 for tr in unwrap(t, _TR) for _ in unwrap(tr, _TC)) for t in inner)
    return len(cells) <= 2 or inner_cells > len(cells)
