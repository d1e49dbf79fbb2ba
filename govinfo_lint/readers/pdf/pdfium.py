"""A page's characters and ruling edges from pdfium, in the shape pdfplumber gives them.

pdfplumber's reading is pdfminer's layout analysis in pure Python, about three quarters
of a PDF's cost; pdfium reads the same content streams in C. What comes out is rebuilt
to pdfminer's geometry so every step after it (lines, grids, paragraphs) sees the same
numbers: a character's box is its advance width wide and one em high, its bottom at the
baseline plus the font's descent (pdfium's own boxes use the glyph outline or the
ascent, which would move every line); coordinates are top-left, relative to the media
box, turned by the page's /Rotate as pdfminer turns them. Paths are split into
subpaths and classed as pdfminer does (a line, an axis-aligned rectangle, or a curve
whose edges carry no paint), so the table finder gets the same edges.
"""

from __future__ import annotations

import ctypes
import math
import threading

from .content import PageContent
from .fonts import Fonts

# pdfium is not thread-safe: a host that reads PDFs in threads takes turns here.
_LOCK = threading.RLock()
_TEXT, _PATH, _FORM = 1, 2, 5  # FPDF_PAGEOBJ_*
_MOVE, _LINE, _BEZIER = 2, 0, 1  # FPDF_SEGMENT_*


class _Api:
    """pdfium's functions as this module calls them: handles as plain addresses.

    pypdfium2's bindings type every handle as a pointer object, so each call that returns
    one builds a Python object, and keying a cache by it takes a cast; a page makes a few
    calls for each of its hundreds of characters and path segments, and those costs were
    half of them. Here each function is a second ctypes entry on the same symbol whose
    handles are ``c_void_p`` (ints in and out); out-parameters keep their types."""

    def __init__(self, raw):
        self._raw = raw

    def __getattr__(self, name: str):
        fn = _plain(getattr(self._raw, "FPDF" + name))
        setattr(self, name, fn)  # made once, on first use
        return fn


def _plain(fn):
    copy = type(fn)(ctypes.cast(fn, ctypes.c_void_p).value)
    copy.argtypes = [_handle(t) for t in fn.argtypes or ()]
    copy.restype = _handle(fn.restype)
    return copy


def _handle(kind):
    """``c_void_p`` for a pointer to one of pdfium's opaque structs (``fpdf_page_t__``, ...)."""
    name = getattr(kind, "__name__", "")
    return ctypes.c_void_p if name.startswith("LP_struct_fpdf_") else kind


_API: list = []


def _api() -> _Api:
    if not _API:
        import pypdfium2.raw as raw

        _API.append(_Api(raw))
    return _API[0]


def _ctm(rotation: int, box) -> tuple:
    """pdfminer's page matrix: media box origin to 0, then /Rotate applied."""
    x0, y0, x1, y1 = (_r(v) for v in box)
    if rotation == 90:
        return (0, -1, 1, 0, -y0, x1)
    if rotation == 180:
        return (-1, 0, 0, -1, x1, y1)
    if rotation == 270:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


def _mult(m, n) -> tuple:
    a0, b0, c0, d0, e0, f0 = m
    a1, b1, c1, d1, e1, f1 = n
    return (a0 * a1 + c0 * b1, b0 * a1 + d0 * b1, a0 * c1 + c0 * d1, b0 * c1 + d0 * d1,
            a0 * e1 + c0 * f1 + e0, b0 * e1 + d0 * f1 + f0)


def _apply(m, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


class Reader:
    """pdfium's handle on one file, opened when a page first asks for it (a file whose pages all
    go to pdfminer never opens it). ``get()`` is None to read with pdfplumber instead: when
    ``GOVINFO_PDF_BACKEND=pdfplumber``, when pypdfium2 is missing, or when pdfium cannot open
    the file or counts other pages than pdfminer (damage each repairs its own way)."""

    def __init__(self, path, pages: int):
        self.path, self.pages = path, pages
        self._pdf, self._opened = None, False

    def get(self):
        if not self._opened:
            self._opened = True
            self._pdf = _open(self.path, self.pages)
        return self._pdf

    def close(self) -> None:
        if self._pdf is not None:
            with _LOCK:
                self._pdf.close()
            self._pdf = None


def _open(path, pages: int):
    from .content import backend

    if backend() == "pdfplumber":
        return None
    try:
        import pypdfium2
    except ImportError:
        return None
    with _LOCK:
        try:
            pdf = pypdfium2.PdfDocument(str(path))
        except Exception:  # noqa: BLE001 - pdfminer opened it, so its reading stands
            return None
        if len(pdf) != pages:
            pdf.close()
            return None
        return pdf


def page_content(pdf, index: int, fonts: Fonts | None = None, origin: tuple = (0.0, 0.0)) -> PageContent:
    """The PageContent of page ``index`` (0-based) of a ``pypdfium2.PdfDocument``. ``origin`` is
    pdfplumber's (x0, top) of the media box, which it adds back to every position."""
    with _LOCK:
        return _page_content(pdf, index, fonts, origin)


def _page_content(pdf, index: int, fonts: Fonts | None, origin: tuple) -> PageContent:
    import pypdfium2.raw as raw

    api = _api()
    page = pdf[index]
    try:
        rotation = page.get_rotation() % 360
        box = tuple(page.get_mediabox())
        x0, y0, x1, y1 = min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3])
        width, height = (y1 - y0, x1 - x0) if rotation in (90, 270) else (x1 - x0, y1 - y0)
        a, b, c, d, e, f = _ctm(rotation, (x0, y0, x1, y1))
        ctm = (a, b, c, d, e + float(origin[0]), f - float(origin[1]))
        handle = ctypes.cast(page.raw, ctypes.c_void_p).value
        # Edges first: their walk finds a text object pdfium's text page would drop (the page is
        # then pdfminer's) before any glyph is read.
        edges = _edges(api, raw, handle, ctm, height)
        textpage = api.Text_LoadPage(handle)
        try:
            chars = _chars(api, raw, textpage, ctm, height, fonts or Fonts())
        finally:
            api.Text_ClosePage(textpage)
        return PageContent(_r(width), _r(height), chars, edges)
    finally:
        page.close()


def _chars(api, raw, textpage, ctm, height: float, facts: Fonts) -> list[dict]:
    out: list[dict] = []
    ox, oy = ctypes.c_double(), ctypes.c_double()
    loose, matrix = raw.FS_RECTF(), raw.FS_MATRIX()
    p_ox, p_oy, p_loose, p_matrix = ctypes.byref(ox), ctypes.byref(oy), ctypes.byref(loose), ctypes.byref(matrix)
    size, descent = ctypes.c_float(), ctypes.c_float()
    known: dict[int, tuple[float, bool]] = {}  # font handle -> (descent per em, maybe vertical)
    objects: dict[int | None, tuple] = {}  # text object -> (font size, font's facts): each holds many glyphs
    generated, unicode, origin = api.Text_IsGenerated, api.Text_GetUnicode, api.Text_GetCharOrigin
    get_matrix, get_loose, text_object = api.Text_GetMatrix, api.Text_GetLooseCharBox, api.Text_GetTextObject
    for i in range(api.Text_CountChars(textpage)):
        text = _text(unicode(textpage, i))
        # Spaces and line breaks pdfium infers, which pdfminer has not; they are blanks, so
        # only a blank is asked about (a call a glyph, and the calls are most of the cost).
        if (not text or text.isspace()) and generated(textpage, i) == 1:
            continue
        if not text:
            # A glyph with no Unicode: pdfminer keeps it as "(cid:N)", which pdfium cannot rebuild.
            raise Ambiguous()
        origin(textpage, i, p_ox, p_oy)
        get_matrix(textpage, i, p_matrix)
        get_loose(textpage, i, p_loose)
        obj = text_object(textpage, i)
        if obj not in objects:
            em = float(size.value) if obj and api.TextObj_GetFontSize(obj, ctypes.byref(size)) else 0.0
            font = api.TextObj_GetFont(obj) if obj else None
            if (font or 0) not in known:
                down = (descent.value / 1000.0 if font and api.Font_GetDescent(font, 1000.0, ctypes.byref(descent))
                        else 0.0)
                name = _font_name(api, font) if font else ""
                if facts.descents:
                    # A name pdfminer does not know: when the page's fonts all state one descent,
                    # that is the one pdfminer used for it too.
                    values = set(facts.descents.values())
                    down = facts.descents.get(name, values.pop() if len(values) == 1 else down)
                known[font or 0] = (down, name in facts.vertical)
            objects[obj] = (em, *known[font or 0])
        em, down, maybe_vertical = objects[obj]
        if maybe_vertical and _vertical(loose, em, matrix):
            down = None
        out.append(_char(text, ox.value, oy.value, (matrix.a, matrix.b, matrix.c, matrix.d),
                         (loose.left, loose.right, loose.bottom, loose.top), em, down, ctm, height))
    return out


class Ambiguous(Exception):
    """A glyph pdfium cannot give as pdfminer would (no Unicode; or of a font name used both
    vertically and across the page that pdfium's boxes do not tell apart): the page is for
    pdfminer to read."""


def _vertical(loose, em: float, matrix) -> bool:
    """Whether a glyph of a font (named vertical by pdfminer) is set vertically: pdfium boxes a
    vertical glyph one unscaled font size wide, an horizontal one its advance times the matrix."""
    if abs(abs(loose.right - loose.left) - em) > 1e-3:
        return False
    if abs(math.hypot(matrix.a, matrix.b) - 1.0) < 1e-3:
        raise Ambiguous()
    return True


def _font_name(api, font) -> str:
    size = api.Font_GetBaseFontName(font, None, 0)
    if size <= 1:
        return ""
    buf = ctypes.create_string_buffer(size)
    api.Font_GetBaseFontName(font, buf, size)
    return buf.value.decode("utf-8", "replace")


def _text(code: int) -> str:
    if code <= 0 or code in (0xFFFE, 0xFFFF):
        return ""
    try:
        return chr(code)
    except ValueError:
        return ""


def _char(text, ox, oy, matrix, loose, em, down, ctm, height) -> dict:
    """pdfminer's LTChar box: (0, descent) to (advance, descent + 1 em) in text space, then the
    matrix; for a vertical font (``down`` None) one em square from pdfium's origin, which sits
    where pdfminer's box does (the pen less the glyph's position vector)."""
    a, b, c, d = matrix
    left, right, bottom, top = loose
    if down is None:
        adv, lo = em, 0.0
    elif abs(a) >= abs(b):
        # The loose box runs the advance along the baseline: its extent over the matrix's scale.
        adv, lo = (abs(right - left) / abs(a) if a else em), down * em
    else:
        adv, lo = abs(top - bottom) / abs(b), down * em
    if b == 0 and c == 0 and a > 0 and d > 0 and ctm[:4] == (1, 0, 0, 1):
        # The common case, an unrotated page and glyph: the same sums as below, fewer of them.
        x0, x1 = ox + ctm[4], ox + a * adv + ctm[4]
        y0, y1 = oy + d * lo + ctm[5], oy + d * (lo + em) + ctm[5]
        upright = True
    else:
        pts = [_apply(ctm, ox + a * x + c * y, oy + b * x + d * y)
               for x, y in ((0.0, lo), (adv, lo), (0.0, lo + em), (adv, lo + em))]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        ma, mb, mc, md, _, _ = _mult(ctm, (a, b, c, d, 0, 0))
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        upright = 0 < ma * md and mb * mc <= 0
    return {"text": text, "x0": round(x0, 4), "x1": round(x1, 4), "top": round(height - y1, 4),
            "bottom": round(height - y0, 4), "size": round((x1 - x0) if down is None else (y1 - y0), 4),
            "upright": upright}


def _r(value: float) -> float:
    """pdfium computes in single precision (7 digits); a page's numbers are written with at most
    four decimals, so rounding there gives back the written value, as pdfminer's doubles keep it.
    Without it a character centred on a cell border can fall on the other side."""
    return round(value, 4)


def _edges(api, raw, page: int, ctm, height: float) -> list[dict]:
    """pdfplumber's ``page.edges``: line edges, then rectangle edges, then curve edges."""
    lines: list[dict] = []
    rects: list[dict] = []
    curves: list[dict] = []
    get = api.Page_GetObject
    objects = [get(page, i) for i in range(api.Page_CountObjects(page))]
    paths = _Paths(api, raw, height, (lines, rects, curves))
    paths.walk(objects, ctm, 0)
    if paths.unboxed:
        raise Ambiguous()
    return lines + rects + curves


class _Paths:
    """One page's path objects walked into edges. A ruled table is hundreds of paths of a few
    segments each, so the calls into pdfium are most of the cost: their functions are looked
    up and their out-parameters made once per page, not per path or per segment."""

    def __init__(self, api, raw, height: float, out):
        self.api, self.height, self.out = api, height, out
        self.matrix = raw.FS_MATRIX()
        self.fillmode, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.p_mode = (ctypes.byref(self.fillmode), ctypes.byref(self.stroke))
        self.x, self.y = ctypes.c_float(), ctypes.c_float()
        self.p_xy = (ctypes.byref(self.x), ctypes.byref(self.y))
        self.rgba = (ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint())
        self.p_rgba = tuple(ctypes.byref(v) for v in self.rgba)
        self.box = (ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float())
        self.p_box = tuple(ctypes.byref(v) for v in self.box)
        self.unboxed = False  # a text object pdfium's text page drops (glyph_without_box)

    def walk(self, objects, ctm, depth: int) -> None:
        api, matrix = self.api, self.matrix
        get_type, get_matrix, p_matrix = api.PageObj_GetType, api.PageObj_GetMatrix, ctypes.byref(matrix)
        for obj in objects:
            kind = get_type(obj)
            if kind == _TEXT:
                self.unboxed = self.unboxed or self.glyph_without_box(obj)
                continue
            if kind not in (_PATH, _FORM) or not get_matrix(obj, p_matrix):
                continue
            m = _mult(ctm, (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f))
            if kind == _FORM:
                if depth < 8:
                    get = api.FormObj_GetObject
                    self.walk([get(obj, i) for i in range(api.FormObj_CountObjects(obj))], m, depth + 1)
                continue
            self.path(obj, m)

    def path(self, obj: int, m) -> None:
        api, x, y = self.api, self.x, self.y
        if not api.Path_GetDrawMode(obj, *self.p_mode):
            return
        stroke, fill = bool(self.stroke.value), self.fillmode.value != 0
        # A colour is asked for only where it is painted: ``grid.painted`` reads no other.
        paint = {"stroke": stroke, "fill": fill,
                 "stroking_color": self.colour(api.PageObj_GetStrokeColor, obj) if stroke else None,
                 "non_stroking_color": self.colour(api.PageObj_GetFillColor, obj) if fill else None}
        get_segment, seg_type = api.Path_GetPathSegment, api.PathSegment_GetType
        seg_point, seg_close = api.PathSegment_GetPoint, api.PathSegment_GetClose
        p_x, p_y = self.p_xy
        a, b, c, d, e, f = m
        subpaths: list[tuple[str, list]] = []
        ops, pts, bezier = "", [], 0
        for i in range(api.Path_CountSegments(obj)):
            seg = get_segment(obj, i)
            kind = seg_type(seg)
            seg_point(seg, p_x, p_y)
            px, py = x.value, y.value
            pt = (round(a * px + c * py + e, 4), round(b * px + d * py + f, 4))  # _apply, then _r
            if kind == _MOVE:
                if ops:
                    subpaths.append((ops, pts))
                ops, pts, bezier = "m", [pt], 0
            elif kind == _BEZIER:
                bezier += 1
                if bezier % 3 == 0:  # pdfminer keeps a curve's end point, not its control points
                    ops += "c"
                    pts.append(pt)
            else:
                ops += "l"
                pts.append(pt)
            if ops and seg_close(seg):
                ops += "h"
                pts.append(pts[0])
        if ops:
            subpaths.append((ops, pts))
        for shape, points in subpaths:
            _classify(shape, points, paint, self.height, self.out)

    def glyph_without_box(self, obj: int) -> bool:
        """Whether pdfium's text page leaves out this text object's glyphs: it drops a text
        object of no width, which is what a font not embedded in the file and missing from
        the machine gives (a lone Chinese character in STSong-Light on a server with no
        Chinese fonts, a header cell written one character a line). pdfminer reads such
        glyphs from the file's widths. An embedded font's zero-width object is a space,
        which pdfminer's reading keeps and ours needs not."""
        api, box = self.api, self.box
        if not api.PageObj_GetBounds(obj, *self.p_box) or abs(box[2].value - box[0].value) >= 0.01:
            return False
        font = api.TextObj_GetFont(obj)
        return bool(font) and not api.Font_GetIsEmbedded(font)

    def colour(self, getter, obj):
        if not getter(obj, *self.p_rgba):
            return None
        r, g, b, _a = self.rgba
        return (r.value / 255, g.value / 255, b.value / 255)


def _classify(shape: str, pts: list, paint: dict, height: float, out) -> None:
    """pdfminer's ``paint_path`` for one subpath: a line, a rectangle or a curve."""
    lines, rects, curves = out
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape, pts = shape[:-2] + "h", pts[:-2] + pts[-1:]
    if shape in ("mlh", "ml"):
        # _box of the two points written out (min and max as they choose): most paths of a
        # ruled page are such lines, hundreds of them.
        (ax, ay), (bx, by) = pts[0], pts[1]
        x0, x1 = (bx if bx < ax else ax), (bx if bx > ax else ax)
        y0, y1 = (by if by < ay else ay), (by if by > ay else ay)
        line = {"x0": x0, "x1": x1, "y0": y0, "y1": y1, "top": height - y1, "bottom": height - y0,
                "doctop": height - y1, "width": x1 - x0, "height": y1 - y0}
        line.update(paint)
        line["object_type"] = "line"
        line["orientation"] = "h" if line["top"] == line["bottom"] else "v"
        lines.append(line)
        return
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        if pts[0] == pts[4] and ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
                                 or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)):
            r = {**_box([pts[0], pts[2]], height), **paint, "object_type": "rect_edge"}
            rects.extend([
                {**r, "height": 0, "y0": r["y1"], "bottom": r["top"], "orientation": "h"},
                {**r, "height": 0, "y1": r["y0"], "top": r["bottom"], "doctop": r["bottom"], "orientation": "h"},
                {**r, "width": 0, "x1": r["x0"], "orientation": "v"},
                {**r, "width": 0, "x0": r["x1"], "orientation": "v"},
            ])
            return
    flipped = [(px, height - py) for px, py in pts]
    for (ax, ay), (bx, by) in zip(flipped, flipped[1:]):
        curves.append({"object_type": "curve_edge", "x0": min(ax, bx), "x1": max(ax, bx), "top": min(ay, by),
                       "doctop": min(ay, by), "bottom": max(ay, by), "width": abs(ax - bx), "height": abs(ay - by),
                       "orientation": "v" if ax == bx else ("h" if ay == by else None)})


def _box(pts: list, height: float) -> dict:
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    return {"x0": x0, "x1": x1, "y0": y0, "y1": y1, "top": height - y1, "bottom": height - y0,
            "doctop": height - y1, "width": x1 - x0, "height": y1 - y0}
