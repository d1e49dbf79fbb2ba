"""Labels as written against the official labels: wording, typos, punctuation, spelling.

Every label is classified once (``classify``) so a label gets one finding, from the
rule for its kind of difference: a wording change, a near miss, punctuation only,
the other format's label, 其它 for 其他.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator

from .. import template
from .. import describe
from ..model import Report, Table
from ..normalize import distance, normalize
from .base import Hit, fmt_of, known_table
from .context import Context
from .. import lazy_re
from .kind import Kind

SCOPES = ("rows", "groups", "columns", "captions", "note")
_WHITESPACE = lazy_re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")


def validate(options: dict[str, Any]) -> Iterator[tuple[tuple, str]]:
    for i, tid in enumerate(options.get("tables", [])):
        if not known_table(tid):
            yield ("tables", i), f"unknown table {tid!r}"


def classify(written: str, official: str, other: str | None = None) -> str:
    """ok | spelling (其它 only) | punctuation | other_format | near_miss | wording"""
    if written == official:
        return "ok"
    return _classify(written, official, other)


# Four label rules ask of every label, and the same labels as written recur from report to
# report; a label far from its official wording costs an edit distance, up to a millisecond.
@lru_cache(maxsize=4096)
def _classify(written: str, official: str, other: str | None) -> str:
    if _WHITESPACE.sub("", written) == official:
        return "ok"  # a line break or space inside a cell is layout, not a difference
    if written.replace("其它", "其他") == official:
        return "spelling"
    nw, no = normalize(written), normalize(official)
    if nw == no or _unwrapped(nw) == _unwrapped(no):
        return "punctuation"
    if other and nw == normalize(other):
        return "other_format"
    limit = max(2, len(no) // 4)
    if distance(nw, no, limit) <= limit:
        return "near_miss"
    return "wording"


def _unwrapped(text: str) -> str:
    # Brackets around a whole label (the note under table 三) are punctuation, not a typo.
    text = text.strip()
    while len(text) > 2 and text[0] in "(（" and text[-1] in ")）":
        text = text[1:-1].strip()
    return text


def _labels(report: Report, table_id: str, table: Table, scope: str):
    """(pointer, key, written, official, other-format official, location) for one scope."""
    fmt = fmt_of(report)
    other_fmt = "2019" if fmt == "2021" else "2021"
    tpl, other = template.TABLES[fmt][table_id], template.TABLES[other_fmt][table_id]
    if scope == "rows":
        for rid, row in table.rows.items():
            trow = tpl.row(rid)
            if trow and row.label is not None:
                orow = other.row(rid)
                yield f"/tables/{table_id}/{rid}", rid, row.label, trow.label, orow.label if orow else None, row.loc
    elif scope == "groups":
        seen: set[str] = set()
        for rid, row in table.rows.items():
            trow = tpl.row(rid)
            if trow and trow.group and row.group is not None and trow.group not in seen:
                seen.add(trow.group)
                # The group label spans its rows: point at where it was written, when known.
                where = table.label_locs.get(f"groups/{rid}") or row.loc
                yield f"/tables/{table_id}/{rid}", rid, row.group, trow.group, None, where
    elif scope == "columns" and tpl.blocks:
        for block in table.blocks:
            tblock = next((b for b in tpl.blocks if b.id == block.id), None)
            if tblock is None:
                continue
            for col in tblock.columns:
                written = block.columns.get(col.id)
                if written is not None:
                    oblock = next((b for b in other.blocks if b.id == block.id), None)
                    ocol = next((c for c in oblock.columns if c.id == col.id), None) if oblock else None
                    yield (f"/labels/{table_id}/blocks/{block.id}/columns/{col.id}", f"{block.id}/{col.id}",
                           written, col.label, ocol.label if ocol else None, block.loc)
    elif scope == "columns":
        for col in tpl.columns:
            written = table.column_labels.get(col.id)
            if written is not None:
                yield f"/labels/{table_id}/columns/{col.id}", col.id, written, col.label, None, table.loc
        yield from _column_groups(table_id, table)
    elif scope == "captions":
        for block in table.blocks:
            tblock = next((b for b in tpl.blocks if b.id == block.id), None)
            if tblock and block.caption is not None:
                yield f"/labels/{table_id}/blocks/{block.id}/caption", block.id, block.caption, tblock.caption, None, block.loc
    elif scope == "note" and table_id == "requests":
        written, where = note_as_written(report, table)
        yield f"/labels/{table_id}/note", "note", written, template.REQUESTS_NOTE, None, where or table.loc


# --- the note of table 三, as the document wrote it ---------------------------------------

_NOTE_START = lazy_re.compile(r"[（(]?\s*本\s*列\s*数\s*据|[勾钩]\s*稽\s*关\s*系")
_NOTE_CORE = "本列数据的勾稽关系为第一项加第二项之和等于第三项加第四项之和"
_NOT_TEXT = lazy_re.compile(r"[^\u4e00-\u9fff]")


def note_as_written(report: Report, table: Table):
    """(the note of table 三 as written, where), also when the table reader missed it.

    In a text dump the note is run together with the flattened table, or a PDF's
    extraction wraps it around the column headers (…第一项加第二项法人或其他组织 / 之和，
    等于…): the reader then has no note, or half of one. The note is there when the
    document's text, from where it starts, holds all of it in order with at most a few
    foreign pieces between (a column header). 钩稽 for 勾稽 is kept, for the wording rules.
    """
    note, loc = table.note, table.label_locs.get("note")
    if note is not None and classify(note, template.REQUESTS_NOTE) in ("ok", "punctuation", "spelling"):
        return note, loc
    source = "\n".join(report.lines) if report.lines else (report.text or "")
    for match in _NOTE_START.finditer(source):
        window = source[match.start():match.start() + 3 * len(template.REQUESTS_NOTE) + 60]
        kept = [(i, c) for i, c in enumerate(window) if not _NOT_TEXT.match(c)]
        chars = "".join(c for _i, c in kept)
        variant = "钩稽" in chars[:12]
        if _in_order(chars.replace("钩稽", "勾稽")):
            written = template.REQUESTS_NOTE.replace("勾稽", "钩稽") if variant else template.REQUESTS_NOTE
            return written, _where(report, source, match.start()) or loc
    return note, loc


def _in_order(chars: str, max_pieces: int = 3, max_skipped: int = 40) -> bool:
    """Whether ``chars`` starts with the note's words, allowing a few pieces of other text
    between runs of them (each run at least two characters)."""
    i = j = pieces = skipped = 0
    core = _NOTE_CORE
    while i < len(core):
        length, at = 0, -1
        for size in range(len(core) - i, 1, -1):
            k = chars.find(core[i:i + size], j, j + max_skipped + size)
            if k >= 0:
                length, at = size, k
                break
        if at < 0:
            return False
        if at > j:
            pieces, skipped = pieces + 1, skipped + at - j
            if pieces > max_pieces or skipped > max_skipped:
                return False
        i, j = i + length, at + length
    return True


def _where(report: Report, source: str, pos: int):
    if not report.lines:
        return None
    from ..model import Location

    line = source.count("\n", 0, pos)
    start = source.rfind("\n", 0, pos) + 1
    return Location(line=line + 1, column=pos - start + 1)


# Spanning column headers that name no column of their own (表三 法人或其他组织 over five).
COLUMN_GROUPS = {"requests": {"legal_entities": template.REQUESTS_ORG_GROUP}}


def _column_groups(table_id: str, table: Table):
    for key, official in COLUMN_GROUPS.get(table_id, {}).items():
        written = table.column_labels.get(key)
        if written is not None:
            yield f"/labels/{table_id}/columns/{key}", key, written, official, None, table.loc


# What a rule of kind labels may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_LABELS = {
    "required": ["mode"],
    "properties": {
        "mode": {"enum": ["wording", "near_miss", "punctuation", "other_format", "forbid", "contains"]},
        "tables": {"$ref": "#/$defs/tables"},
        "scopes": {"type": "array", "items": {"enum": ["rows", "groups", "columns", "captions", "note"]}},
        "ids": {"type": "array", "items": {"type": "string"}},
        "exclude": {"type": "array", "items": {"type": "string"}},
        "text": {"type": "string"},
        "report_missing": {"type": "boolean"},
    },
    "if": {"properties": {"mode": {"enum": ["forbid", "contains"]}}},
    "then": {"required": ["text"]},
}


# Judgements a character or a bracket decides. In a scan read by OCR, "(" for "（" or one
# character for a like-shaped one is the recogniser's as often as the author's: unsettled.
CHARACTER_LEVEL = ("punctuation", "near_miss", "forbid")


def check_labels(report: Report, options: dict[str, Any], context: Context) -> Iterator[Hit]:
    mode = options["mode"]
    if mode in CHARACTER_LEVEL and report.input_kind == "pdf-ocr":
        return
    ids = set(options.get("ids", []))
    exclude = set(options.get("exclude", []))
    # A label written word for word as the official one is "ok" to classify, so no difference
    # a classifying mode looks for: such a mode goes through the others only.
    classifying = mode not in ("forbid", "contains")
    for table_id in options.get("tables", template.TABLE_IDS):
        table = report.tables.get(table_id)
        if table is None:
            continue
        for scope in options.get("scopes", SCOPES):
            every, differing = _labels_of(context, table_id, table, scope)
            for pointer, key, written, official, other, loc in differing if classifying else every:
                if (ids and key not in ids) or key in exclude:
                    continue
                hit = _judge(mode, options, written, official, other)
                if hit is None:
                    continue
                if pointer.startswith("/labels/"):  # where the label itself was written, when known
                    loc = table.label_locs.get(pointer.split("/", 3)[3]) or loc
                # A label wrapped over lines in its cell is quoted on one line (CJK joined
                # without a space, as the message renderer does).
                from ..one_line import one_line

                shown = " ".join(one_line(written or "").split())
                params = {"written": shown, "official": official,
                          "where": describe.table_name(table_id)}
                evidence = {"written": written, "expected": official}
                if hit == "missing":
                    yield Hit(pointer, params, evidence, loc=loc, variant="missing")
                else:
                    yield Hit(pointer, params, evidence, loc=loc)


def _labels_of(context: Context, table_id: str, table: Table, scope: str) -> tuple[tuple, tuple]:
    """``_labels`` of one scope, all and those not written as the official label, made once per
    report for the dozen label rules, most of which go through the same labels."""
    read = context.once(_scopes_read)
    if (table_id, scope) not in read:
        every = tuple(_labels(context.report, table_id, table, scope))
        read[table_id, scope] = every, tuple(label for label in every if label[2] != label[3])  # written, official
    return read[table_id, scope]


def _scopes_read(context: Context) -> dict:
    return {}


def _judge(mode: str, options: dict[str, Any], written: str | None, official: str, other: str | None):
    if written is None:
        return "missing" if options.get("report_missing") else None
    if mode == "forbid":
        return True if options["text"] in written else None
    if mode == "contains":
        return True if normalize(options["text"]) not in normalize(written) else None
    return True if classify(written, official, other) == mode else None


KINDS = {
    "labels": Kind(check_labels, options=OPTIONS_LABELS, validate=validate, uses_context=True),
}
