"""Naming places in messages with the official labels, in Chinese and in English."""

from __future__ import annotations

from . import template

_TABLE_EN = {"proactive": "table 2 (proactive disclosure)", "requests": "table 3 (requests)",
             "review": "table 4 (reconsideration and litigation)"}
_TABLE_ZH = {"proactive": "表二", "requests": "表三", "review": "表四"}


def bilingual(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


def table_name(table_id: str) -> dict[str, str]:
    return bilingual(_TABLE_ZH.get(table_id, table_id), _TABLE_EN.get(table_id, table_id))


def row_label(fmt: str | None, table_id: str, row_id: str) -> str:
    for f in (fmt or "2021", "2019", "2021"):
        tpl = template.table(f, table_id)
        row = tpl.row(row_id) if tpl else None
        if row:
            if table_id == "review" and row.group:
                return f"{row.group}（{row.label}）"
            return row.label if not row.group else f"{row.group}{row.label}"
    return row_id


def column_label(fmt: str | None, table_id: str, col_id: str) -> str:
    for f in (fmt or "2021", "2019", "2021"):
        tpl = template.table(f, table_id)
        col = tpl.column(col_id) if tpl else None
        if col:
            return col.label
    return col_id


def cell(fmt: str | None, table_id: str, row_id: str, col_id: str) -> dict[str, str]:
    t = table_name(table_id)
    r, c = row_label(fmt, table_id, row_id), column_label(fmt, table_id, col_id)
    return bilingual(f"{t['zh']}“{r}”行“{c}”列", f"{t['en']} row “{r}” ({row_id}), column “{c}” ({col_id})")


def row(fmt: str | None, table_id: str, row_id: str) -> dict[str, str]:
    t = table_name(table_id)
    r = row_label(fmt, table_id, row_id)
    return bilingual(f"{t['zh']}“{r}”行", f"{t['en']} row “{r}” ({row_id})")


def column(fmt: str | None, table_id: str, col_id: str) -> dict[str, str]:
    t = table_name(table_id)
    c = column_label(fmt, table_id, col_id)
    return bilingual(f"{t['zh']}“{c}”列", f"{t['en']} column “{c}” ({col_id})")


def section(section_id: str) -> dict[str, str]:
    return bilingual(f"“{template.SECTION_HEADINGS.get(section_id, section_id)}”", f"section {section_id} “{template.SECTION_HEADINGS.get(section_id, section_id)}”")
