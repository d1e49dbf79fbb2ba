"""The structured form (YAML/JSON): what ``extract`` writes and people write by hand.

Schema violations become ``schema`` diagnostics with line and column; whatever is
valid is still read, so one bad cell does not hide every other finding.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import template
from ..limits import Limits
from ..levels import infer_level
from ..model import BlockHeader, Diagnostic, Location, Report, Row, Section, Table
from ..normalize import closest
from ..values import from_structured
from .plain import MAX_CHARS, MAX_DEPTH, MAX_NODES, LoadError, load_text, position

MAX_SCHEMA_ERRORS = 50


def read_structured(path: Path, kind: str, limits: Limits | None = None) -> Report:
    limits = limits or Limits()
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return _failed(source, kind, f"无法读取文件：{exc.strerror}", f"cannot read file: {exc.strerror}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _failed(source, kind, f"文件不是 UTF-8 编码（第 {exc.start} 字节）。请另存为 UTF-8。",
                       f"file is not UTF-8 (byte {exc.start}); save it as UTF-8.")
    if "\x00" in text:
        return _failed(source, kind, "文件含有二进制内容，不是 YAML/JSON 文本。", "binary content, not YAML/JSON text")
    try:
        # The dispatcher has already judged the bytes; these bound the characters and the parse.
        data, positions = load_text(text, source, limits.get("structured_bytes", MAX_CHARS),
                                    limits.get("structured_nodes", MAX_NODES), limits.get("structured_depth", MAX_DEPTH))
    except LoadError as exc:
        return _failed(source, kind, exc.message, exc.message_en, Location(line=exc.line, column=exc.column))
    report = from_data(data, positions, source, kind)
    report.lines = text.splitlines()
    return report


def _failed(source: str, kind: str, msg: str, msg_en: str, loc: Location | None = None) -> Report:
    return Report(source=source, input_kind=kind, diagnostics=[Diagnostic("unreadable", msg, msg_en, "", loc)])


def from_data(data: Any, positions: dict | None = None, source: str = "<memory>", kind: str = "structured") -> Report:
    """Build a Report from plain data in the structured shape (a dict)."""
    positions = positions or {}
    report = Report(source=source, input_kind=kind)

    def loc(*path: Any, key: bool = False) -> Location | None:
        pos = position(positions, path, key)
        return Location(line=pos[0], column=pos[1]) if pos else None

    if not isinstance(data, dict):
        report.diagnostics.append(Diagnostic(
            "schema", "文件顶层应为映射（键: 值），未找到报告内容。",
            "the top level must be a mapping (key: value); no report found", "", loc()))
        return report
    report.diagnostics.extend(_schema_diagnostics(data, loc))
    _read_metadata(report, data, loc)
    sections = data.get("sections")
    if isinstance(sections, list):
        for i, item in enumerate(sections):
            if isinstance(item, dict):
                report.sections.append(_section(item, loc(("sections"), i)))
    tables = data.get("tables")
    labels = data.get("labels") if isinstance(data.get("labels"), dict) else {}
    if isinstance(tables, dict):
        fmt = report.format or "2021"
        for tid in template.TABLE_IDS:
            if isinstance(tables.get(tid), dict):
                report.tables[tid] = _table(tid, tables[tid], _dict(labels.get(tid)), fmt, loc)
    if report.format is None:
        _detect_format(report)
    elif not report.format_signals:
        report.format_signals = {report.format: ["/format"]}
    _read_diagnostics(report, data.get("diagnostics"), loc)
    return report


def _read_diagnostics(report: Report, items: Any, loc) -> None:
    """Diagnostics an ``extract`` run recorded (a PDF's unreadable cell survives the round trip)."""
    if not isinstance(items, list):
        return
    seen = {(d.kind, d.message, d.pointer) for d in report.diagnostics}
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("kind"), str) or not isinstance(item.get("message"), str):
            continue  # the schema diagnostic already names it
        pointer = item.get("pointer") if isinstance(item.get("pointer"), str) else ""
        key = (item["kind"], item["message"], pointer)
        if key in seen:
            continue
        seen.add(key)
        given = item.get("location") if isinstance(item.get("location"), dict) else {}
        given = {k: v for k, v in given.items() if k in Location.__dataclass_fields__
                 and isinstance(v, (int, float)) and not isinstance(v, bool)}
        # The place in the original document when recorded, else the line in this file.
        where = Location(**given) if given else loc("diagnostics", i)
        evidence = item.get("evidence") if isinstance(item.get("evidence"), dict) else {}
        message_en = item.get("message_en") if isinstance(item.get("message_en"), str) else ""
        report.diagnostics.append(Diagnostic(item["kind"], item["message"], message_en, pointer, where, dict(evidence)))


def _read_metadata(report: Report, data: dict, loc) -> None:
    for key in ("agency", "title", "published", "intro"):
        value = data.get(key)
        if isinstance(value, str):
            setattr(report, key, value)
            report.meta_locs[key] = loc(key)
    if isinstance(data.get("year"), int) and not isinstance(data.get("year"), bool):
        report.year = data["year"]
        report.meta_locs["year"] = loc("year")
    fmt = data.get("format")
    if fmt is not None and str(fmt) in template.FORMATS:
        report.format = str(fmt)
        report.format_declared = True
        report.meta_locs["format"] = loc("format")
    level = data.get("level")
    if level in template.LEVELS:
        report.level = level
        report.meta_locs["level"] = loc("level")
    elif report.agency:
        report.level = infer_level(report.agency)
        report.level_inferred = report.level is not None
    report.meta_locs.setdefault("level", loc("agency"))


def _dict(value: Any) -> dict:
    # The schema diagnostic already names a wrongly typed part; the model is built from the
    # rest, so that a list where labels belong does not crash every rule that reads labels.
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _section(item: dict, where: Location | None) -> Section:
    sid = item.get("id") if item.get("id") in template.SECTION_IDS else None
    heading = _text(item.get("heading"))
    number = _text(item.get("number"))
    if heading is None and sid:
        # A hand-written file may leave headings out: the template's are assumed.
        heading = template.SECTION_HEADINGS[sid]
        number = template.SECTION_NUMBERS[sid]
    elif number is None and isinstance(heading, str):
        from ..normalize import split_number

        number = split_number(heading)[0]
    has_table = item.get("has_table")
    return Section(id=sid, heading=heading, text=_text(item.get("text")) or "", loc=where, number=number,
                   has_table=has_table if isinstance(has_table, bool) else None)


def _table(tid: str, rows: dict, labels: dict, fmt: str, loc) -> Table:
    tpl = template.table(fmt, tid)
    other = template.table("2019" if fmt == "2021" else "2021", tid)
    table = Table(id=tid, loc=loc("tables", tid, key=True))
    row_labels = {k: v for k, v in _dict(labels.get("rows")).items() if isinstance(v, str)}
    group_labels = {k: v for k, v in _dict(labels.get("groups")).items() if isinstance(v, str)}
    for rid, cells in rows.items():
        trow = tpl.row(rid) or other.row(rid)
        row = Row(id=rid, label=row_labels.get(rid, trow.label if trow else None),
                  group=group_labels.get(rid, trow.group if trow else None),
                  loc=loc("tables", tid, rid, key=True))
        if isinstance(cells, dict):
            for cid, value in cells.items():
                col = tpl.column(cid) or other.column(cid)
                cell_kind = col.kind if col else "count"
                cell_loc = loc("tables", tid, rid, cid)
                if isinstance(value, dict):
                    cell = from_structured(value.get("raw", value.get("value")), cell_kind, cell_loc)
                    if "value" in value and value.get("raw") is not None and cell.parse_error is None:
                        cell.value = from_structured(value["value"], cell_kind).value
                    cell.note = _text(value.get("note")) or cell.note
                    cell.unit = _text(value.get("unit")) or cell.unit
                else:
                    cell = from_structured(value, cell_kind, cell_loc)
                row.cells[cid] = cell
        table.rows[rid] = row
    table.column_labels = {c.id: c.label for c in tpl.columns}
    table.column_labels.update({k: v for k, v in _dict(labels.get("columns")).items() if isinstance(v, str)})
    order = labels.get("column_order")
    table.column_order = [c for c in order if isinstance(c, str)] if isinstance(order, list) else []
    table.note = _text(labels["note"]) if "note" in labels else (template.REQUESTS_NOTE if tid == "requests" else None)
    table.group_labels = dict(group_labels)
    written = [("columns", k) for k in _dict(labels.get("columns"))] + ([("note",)] if "note" in labels else [])
    written += [("groups", k) for k in group_labels]
    block_labels = _dict(labels.get("blocks"))
    for bid, given in block_labels.items():
        written += [("blocks", bid, "caption")] if "caption" in _dict(given) else []
        written += [("blocks", bid, "columns", cid) for cid in _dict(_dict(given).get("columns"))]
    for path in written:
        where = loc("labels", tid, *path)
        if where is not None:
            table.label_locs["/".join(map(str, path))] = where
    for block in tpl.blocks:
        given = _dict(block_labels.get(block.id))
        columns = {c.id: c.label for c in block.columns}
        columns.update({k: v for k, v in _dict(given.get("columns")).items() if isinstance(v, str)})
        caption = _text(given["caption"]) if "caption" in given else block.caption
        table.blocks.append(BlockHeader(block.id, caption, columns, loc("labels", tid, "blocks", block.id)))
    extra_rows = labels.get("extra_rows")
    for i, extra in enumerate(extra_rows if isinstance(extra_rows, list) else []):
        if isinstance(extra, dict) and isinstance(extra.get("label"), str):
            row = Row(id=None, label=extra["label"], group=_text(extra.get("group")),
                      loc=loc("labels", tid, "extra_rows", i))
            for cid, value in _dict(extra.get("cells")).items():
                row.cells[cid] = from_structured(value, "count", loc("labels", tid, "extra_rows", i, "cells", cid))
            table.extra_rows.append(row)
    return table


def _detect_format(report: Report) -> None:
    signals: dict[str, list[str]] = {"2019": [], "2021": []}
    for fmt in template.FORMATS:
        for tid, table in report.tables.items():
            for rid in table.rows:
                if rid in template.FORMAT_ONLY_ROWS[fmt][tid]:
                    signals[fmt].append(f"/tables/{tid}/{rid}")
            for rid, row in table.rows.items():
                for cid in row.cells:
                    if cid in template.FORMAT_ONLY_COLUMNS[fmt][tid]:
                        signals[fmt].append(f"/tables/{tid}/{rid}/{cid}")
    report.format_signals = {k: v for k, v in signals.items() if v}
    n19, n21 = len(signals["2019"]), len(signals["2021"])
    if n19 or n21:
        report.format = "2019" if n19 > n21 else "2021"
    elif report.year:
        report.format = template.format_for_year(report.year)


_MESSAGES = {
    "additionalProperties": ("未知字段", "unknown key"),
    "enum": ("取值不在允许范围内", "value not allowed"),
    "type": ("类型不对", "wrong type"),
    "required": ("缺少必需字段", "missing required key"),
    "pattern": ("格式不对", "wrong format"),
    "minimum": ("数值过小", "value too small"),
    "maximum": ("数值过大", "value too large"),
    "oneOf": ("单元格应为数字、空值或 {value, raw}", "a cell must be a number, null or {value, raw}"),
    "if": ("单元格应为数字、空值或 {value, raw}", "a cell must be a number, null or {value, raw}"),
    "propertyNames": ("标识应为小写英文与下划线", "ids are lowercase letters and underscores"),
}


def _schema_diagnostics(data: dict, loc) -> list[Diagnostic]:
    from ..resources import schema, validator
    from ..schema_check import certainly_valid

    if certainly_valid(schema("report.schema.json"), data):
        return []  # jsonschema (100 ms to import) is only needed to find and word the errors
    out = []
    errors = sorted(validator("report.schema.json").iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors[:MAX_SCHEMA_ERRORS]:
        path = tuple(error.absolute_path)
        pointer = "/" + "/".join(str(p) for p in path)
        zh, en = _MESSAGES.get(error.validator, ("不符合 report.schema.json", "violates report.schema.json"))
        detail_zh, detail_en = "", error.message
        where = loc(*path)
        if error.validator == "additionalProperties":
            allowed = set((error.schema.get("properties") or {}).keys())
            extra = sorted(set(error.instance) - allowed)
            if extra:
                name = extra[0]
                where = loc(*path, name, key=True)
                pointer = pointer.rstrip("/") + "/" + name
                guess = closest(name, sorted(allowed), 0.5)
                detail_zh = f"“{name}”" + (f"，是否应为“{guess[0]}”？" if guess else "")
                detail_en = f"'{name}'" + (f"; did you mean '{guess[0]}'?" if guess else "")
        elif error.validator == "enum":
            detail_zh = f"“{error.instance}”，可选：{'、'.join(str(v) for v in error.validator_value if v is not None)}"
            detail_en = f"{error.instance!r}; one of {', '.join(str(v) for v in error.validator_value if v is not None)}"
        elif error.validator == "propertyNames":
            where = loc(*path, key=True)
        out.append(Diagnostic("schema", f"{zh}：{detail_zh or error.message}", f"{en}: {detail_en}",
                              "" if pointer == "/" else pointer, where))
    return out
