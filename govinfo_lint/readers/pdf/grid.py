"""Ruled PDF tables as rectangular grids, merged cells expanded.

pdfplumber finds the cells from the ruling lines; the grid is rebuilt here from
the cell boxes themselves (every distinct left/right and top/bottom edge is a grid
line), so a merged cell knows its span, every covered position repeats its text
(``origin=False``), and text in a position no detected cell covers (a border
missing at a page break) is still read instead of lost. Invisible paths — clipping
rectangles and white cell backgrounds — are not ruling lines.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ...model import Location
from ..document import GridCell
from .content import PageContent
from .join import Fragment
from .text import Line, cell_text, make_lines
from ..mapping.table_proactive import _ART20  # a table 二 block caption, as the mapper knows one (第二是条（一）项 too)
from ... import lazy_re
from ...limits import PDF_EDGES as MAX_EDGES


@dataclass
class Ruled:
    """One table found on a page: its grid fragments and the prose rows cut out of it."""

    bbox: tuple[float, float, float, float]
    fragments: list[Fragment] = field(default_factory=list)
    prose: list[Line] = field(default_factory=list)


def _white(color) -> bool:
    if isinstance(color, (int, float)):
        color = (color,)
    if not isinstance(color, (tuple, list)) or not color or not all(isinstance(v, (int, float)) for v in color):
        return False
    if len(color) == 4:  # CMYK
        return all(v <= 0.01 for v in color)
    return all(v >= 0.99 for v in color)


def painted(obj: dict) -> bool:
    """A path (or edge of one) that leaves a mark: stroked or filled, in a colour other than white."""
    if "stroke" not in obj and "fill" not in obj:
        return True  # curve edges carry no paint information: assume visible
    if obj.get("stroke") and not _white(obj.get("stroking_color")):
        return True
    return bool(obj.get("fill")) and not _white(obj.get("non_stroking_color"))


def find_tables(page: PageContent) -> list:
    """Ruled tables of two columns or more; none when the page is a drawing.

    Column rules must be visible: Word paints each cell's white background as a
    rectangle, whose sides would cut a merged header cell in two. Row rules may be
    invisible: at a page break those backgrounds are the only bottom edge a row has.
    """
    edges = page.edges
    if len(edges) > MAX_EDGES:
        return []
    vertical = [e for e in edges if e["orientation"] == "v" and painted(e)]
    if len(vertical) < 2:
        return []
    settings = {"vertical_strategy": "explicit", "explicit_vertical_lines": vertical, "horizontal_strategy": "lines"}
    from pdfplumber.table import Table, TableSettings, cells_to_tables, edges_to_intersections
    from pdfplumber.utils import filter_edges, obj_to_edges

    # pdfplumber's TableFinder for these strategies, step by step, with its merging of rules
    # and its cell search replaced by merge_edges and smallest_cells: the same rules and
    # cells, in the same order; pdfplumber's took a quarter of a PDF's reading (docs/benchmarks.md).
    s = TableSettings.resolve(settings)
    rules = [e for line in vertical for e in obj_to_edges(line) if e["orientation"] == "v"]
    rules += filter_edges(page.edges, "h", min_length=s.edge_min_length_prefilter)
    rules = filter_edges(merge_edges(rules, s.snap_x_tolerance, s.snap_y_tolerance, s.join_x_tolerance,
                                     s.join_y_tolerance), min_length=s.edge_min_length)
    crossings = edges_to_intersections(rules, s.intersection_x_tolerance, s.intersection_y_tolerance)
    found = [Table(page, group) for group in cells_to_tables(smallest_cells(crossings))]  # .cells, .bbox read
    tables = [t for t in found if _columns(t.cells) >= 2]
    # A frame drawn around other tables is not a table itself: keep the inner ones.
    return [t for t in tables if not any(o is not t and _contains(t.bbox, o.bbox) for o in tables)]


def merge_edges(edges: list[dict], snap_x: float, snap_y: float, join_x: float, join_y: float) -> list[dict]:
    """pdfplumber's ``merge_edges``, the same edges in the same order, made with fewer objects.

    Rules within the snap tolerance of each other move to their mean; then rules on one
    line that meet or nearly meet are joined. pdfplumber builds every moved or stretched
    rule from a tuple of all its items, hundreds of rules a page even where the move is
    nil; here a rule is copied and its coordinates set, with pdfplumber's sums (tested
    against pdfplumber's)."""
    if snap_x > 0 or snap_y > 0:
        edges = (_snap([e for e in edges if e["orientation"] == "v"], "x0", snap_x)
                 + _snap([e for e in edges if e["orientation"] == "h"], "top", snap_y))
    groups: dict[tuple, list[dict]] = {}
    for e in sorted(edges, key=_line):
        groups.setdefault(_line(e), []).append(e)
    out: list[dict] = []
    for (orientation, _at), group in groups.items():
        out.extend(_join(group, orientation, join_x if orientation == "h" else join_y))
    return out


def _line(e: dict) -> tuple:
    """The line a rule lies on: ("h", its height) or ("v", its place across)."""
    return ("h", e["top"]) if e["orientation"] == "h" else ("v", e["x0"])


def _snap(edges: list[dict], attr: str, tolerance: float) -> list[dict]:
    """pdfplumber's ``snap_objects``: clusters of values each within ``tolerance`` of the
    next, every edge of a cluster moved to the cluster's mean."""
    cluster: dict[float, int] = {}
    last, count = None, 0
    for value in sorted({e[attr] for e in edges}):
        if last is not None and value > last + tolerance:
            count += 1
        cluster[value] = count
        last = value
    members: dict[int, list[dict]] = {}
    for e in sorted(edges, key=lambda e: cluster[e[attr]]):
        members.setdefault(cluster[e[attr]], []).append(e)
    out = []
    for group in members.values():
        mean = sum(e[attr] for e in group) / len(group)
        for e in group:
            out.append(_move(e, attr == "x0", mean - e[attr]))
    return out


def _move(e: dict, across: bool, by: float) -> dict:
    moved = dict(e)
    if across:
        moved["x0"], moved["x1"] = e["x0"] + by, e["x1"] + by
        return moved
    moved["top"], moved["bottom"] = e["top"] + by, e["bottom"] + by
    if "doctop" in e:
        moved["doctop"] = e["doctop"] + by
    if "y0" in e:
        moved["y0"], moved["y1"] = e["y0"] - by, e["y1"] - by
    return moved


def _join(edges: list[dict], orientation: str, tolerance: float) -> list[dict]:
    """pdfplumber's ``join_edge_group``: rules on one line that overlap or nearly meet, one."""
    low, high = ("x0", "x1") if orientation == "h" else ("top", "bottom")
    ordered = sorted(edges, key=lambda e: e[low])
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if e[low] > last[high] + tolerance:
            joined.append(e)
        elif e[high] > last[high]:
            longer = dict(last)
            longer[high] = e[high]
            if high == "x1":
                longer["width"] = e[high] - last["x0"]
            else:
                diff = e[high] - last[high]
                longer["height"] = last["height"] + diff
                if "y0" in last:
                    longer["y0"] = last["y0"] - diff
            joined[-1] = longer
    return joined


def smallest_cells(crossings: dict) -> list[tuple]:
    """The cells of pdfplumber's ``intersections_to_cells``, in its order, found faster.

    For each crossing of rules (in pdfplumber's order), the first crossing below it on a
    common vertical rule and the first to its right on a common horizontal one whose
    corner closes the cell. pdfplumber compares the rule sets of two crossings afresh on
    each test and scans every later crossing for those below and right of each one,
    quadratic in the crossings of a page; here each crossing's rules are a set made once
    and its column and row are looked up. The same result (tested against pdfplumber's)."""
    from pdfplumber.utils import obj_to_bbox

    v = {p: frozenset(map(obj_to_bbox, edges["v"])) for p, edges in crossings.items()}
    h = {p: frozenset(map(obj_to_bbox, edges["h"])) for p, edges in crossings.items()}
    points = sorted(crossings)
    columns: dict[float, list] = {}
    rows: dict[float, list] = {}
    for p in points:  # sorted by (x, y): a column's points go down, a row's go right
        columns.setdefault(p[0], []).append(p)
        rows.setdefault(p[1], []).append(p)
    at_column = {p: i for column in columns.values() for i, p in enumerate(column)}
    at_row = {p: i for row in rows.values() for i, p in enumerate(row)}
    cells = []
    for pt in points:
        vs, hs = v[pt], h[pt]
        right = [r for r in rows[pt[1]][at_row[pt] + 1:] if not hs.isdisjoint(h[r])]
        if not right:
            continue
        for below in columns[pt[0]][at_column[pt] + 1:]:
            if vs.isdisjoint(v[below]):
                continue
            corner = next((c for r in right if (c := (r[0], below[1])) in v
                           and not v[c].isdisjoint(v[r]) and not h[c].isdisjoint(h[below])), None)
            if corner is not None:
                cells.append((pt[0], pt[1], corner[0], corner[1]))
                break
    return cells


def _contains(outer, inner, tol: float = 2.0) -> bool:
    return (outer[0] - tol <= inner[0] and outer[1] - tol <= inner[1]
            and inner[2] <= outer[2] + tol and inner[3] <= outer[3] + tol)


def _cluster(values: list[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _index(bounds: list[float], v: float) -> int:
    """The index of the bound nearest ``v`` (the lower one on a tie); ``bounds`` sorted."""
    i = bisect_left(bounds, v)
    if i == 0:
        return 0
    if i == len(bounds):
        return i - 1
    return i - 1 if abs(bounds[i - 1] - v) <= abs(bounds[i] - v) else i


def _columns(cells) -> int:
    return max(len(_cluster([v for c in cells for v in (c[0], c[2])])) - 1, 0)


def build(table, chars: list[dict], page_no: int) -> Ruled:
    """The grid of one pdfplumber table from its cell boxes and the characters inside it."""
    xs = _cluster([v for c in table.cells for v in (c[0], c[2])])
    ys = _cluster([v for c in table.cells for v in (c[1], c[3])])
    nr, nc = len(ys) - 1, len(xs) - 1
    owner: list[list[int | None]] = [[None] * nc for _ in range(nr)]
    spans: list[tuple[int, int, int, int, tuple]] = []
    for box in sorted(table.cells, key=lambda b: (b[1], b[0])):
        r0, r1, c0, c1 = _index(ys, box[1]), _index(ys, box[3]), _index(xs, box[0]), _index(xs, box[2])
        if r1 <= r0 or c1 <= c0:
            continue
        spans.append((r0, r1, c0, c1, box))
        for r in range(r0, r1):
            for c in range(c0, c1):
                if owner[r][c] is None:
                    owner[r][c] = len(spans) - 1
    buckets: dict[object, list[dict]] = {}
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        c = min(max(bisect_right(xs, cx) - 1, 0), nc - 1)
        r = min(max(bisect_right(ys, cy) - 1, 0), nr - 1)
        key = owner[r][c] if owner[r][c] is not None else ("free", r, c)
        buckets.setdefault(key, []).append(ch)
    texts = {key: cell_text(group) for key, group in buckets.items()}

    def key_at(r: int, c: int):
        return owner[r][c] if owner[r][c] is not None else ("free", r, c)

    # Rows and columns with no text anywhere (a blank strip at a page foot, a hairline
    # column between doubled rules) carry nothing.
    keep_r = [r for r in range(nr) if any(texts.get(key_at(r, c)) for c in range(nc))]
    keep_c = [c for c in range(nc) if any(texts.get(key_at(r, c)) for r in range(nr))]
    rows: list[tuple[float, list[GridCell], list[object]]] = []
    seen: set[object] = set()
    for r in keep_r:
        out: list[GridCell] = []
        keys = [key_at(r, c) for c in keep_c]
        for c, key in zip(keep_c, keys):
            if isinstance(key, int):
                r0, r1, c0, c1, box = spans[key]
                loc = Location.box_of(page_no, box[0], box[1], box[2], box[3])
                row_span = sum(1 for k in keep_r if r0 <= k < r1)
                col_span = sum(1 for k in keep_c if c0 <= k < c1)
            else:
                loc = Location.box_of(page_no, xs[c], ys[r], xs[c + 1], ys[r + 1])
                row_span = col_span = 1
            out.append(GridCell(texts.get(key, ""), loc, key not in seen, row_span, col_span))
            seen.add(key)
        rows.append((ys[r], ys[r + 1], out, keys))
    # Each kept column's x-range, for joining a table continued on the next page by its columns.
    cols = [(xs[c], xs[c + 1]) for c in keep_c]
    return _split_prose(rows, buckets, table.bbox, cols)


_HEADING = lazy_re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")


def _prose(text: str) -> bool:
    """Running text or a heading, not a caption or header spanning the table (第二十条第（一）项, 行政诉讼)."""
    flat = "".join(text.split())
    if not flat or _ART20.search(flat):
        return False
    return len(flat) > 20 or any(p in flat for p in "。；！？") or bool(_HEADING.match(flat))


def _split_prose(rows, buckets, bbox, cols) -> Ruled:
    """A page framed as one big box: a row that is one full-width cell of running text is text."""
    ruled = Ruled(tuple(bbox))
    current: list[tuple[float, float, list[GridCell]]] = []
    done: set[object] = set()

    def close() -> None:
        ruled.fragments.append(Fragment(current[0][0], current[-1][1], [c for _t, _b, c in current], cols))

    for top, bottom, cells, keys in rows:
        if len(set(keys)) == 1 and _prose(cells[0].text):
            if current:
                close()
                current = []
            if keys[0] not in done:
                ruled.prose.extend(make_lines(buckets.get(keys[0], [])))
                done.add(keys[0])
            continue
        current.append((top, bottom, cells))
    if current:
        close()
    return ruled
