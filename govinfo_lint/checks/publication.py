"""Publication deadlines by level (PUB) and the kind of organ (LVL-05).

``deadline``: published after the deadline of the report's level (条例 art. 49,
60号/30号 part 二), or after the legal cap of 31 March. Silent when the publication
date or the level is unknown: a guessed date or level would raise false alarms.
``agency_pattern``: the organ's name matches a pattern (a Party organ with an
administrative nameplate).
"""

from __future__ import annotations

import datetime
import re
from typing import Any, Iterator

from ..model import Report
from .base import Hit
from .. import lazy_re
from .kind import Kind

_DATE = lazy_re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def parse_date(text: str | None) -> datetime.date | None:
    m = _DATE.search(text or "")
    if not m:
        return None
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _month_day(text: str) -> tuple[int, int]:
    month, day = text.split("-")
    return int(month), int(day)


def validate(options: dict[str, Any]) -> Iterator[tuple[tuple, str]]:
    for key, value in list(options.get("deadlines", {}).items()) + [("hard_limit", options.get("hard_limit", "03-31"))]:
        try:
            datetime.date(2001, *_month_day(value))
        except (ValueError, TypeError):
            yield (("deadlines", key) if key != "hard_limit" else ("hard_limit",)), f"not a MM-DD date: {value!r}"
    if "pattern" in options:
        try:
            re.compile(options["pattern"])
        except re.error as exc:
            yield ("pattern",), f"invalid pattern: {exc}"


# What a rule of kind deadline may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_DEADLINE = {
    "required": ["deadlines"],
    "properties": {
        "deadlines": {"type": "object", "additionalProperties": {"type": "string", "pattern": "^\\d{2}-\\d{2}$"}},
        "hard_limit": {"type": "string", "pattern": "^\\d{2}-\\d{2}$"},
    },
}


def check_deadline(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    published = parse_date(report.published)
    due_text = options["deadlines"].get(report.level or "")
    if published is None or due_text is None or not report.year:
        return
    due = datetime.date(report.year + 1, *_month_day(due_text))
    hard = datetime.date(report.year + 1, *_month_day(options.get("hard_limit", "03-31")))
    if published <= due:
        return
    late = (published - due).days
    params = {"published": published.isoformat(), "due": due.isoformat(), "days": late, "year": report.year,
              "hard": hard.isoformat()}
    evidence = {"published": published.isoformat(), "deadline": due.isoformat(), "days_late": late,
                "level": report.level, "level_inferred": report.level_inferred}
    if published > hard:
        yield Hit("/published", params, {**evidence, "legal_limit": hard.isoformat()}, severity="error",
                  variant="hard")
    else:
        yield Hit("/published", params, evidence)


# What a rule of kind agency_pattern may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_AGENCY_PATTERN = {
    "required": ["pattern"],
    "properties": {
        "pattern": {"type": "string", "minLength": 1},
        "fields": {"type": "array", "items": {"enum": ["agency", "title"]}},
    },
}


def check_agency_pattern(report: Report, options: dict[str, Any]) -> Iterator[Hit]:
    pattern = re.compile(options["pattern"])
    for field in options.get("fields") or ["agency", "title"]:
        value = getattr(report, field, None) or ""
        m = pattern.search(value)
        if m:
            yield Hit(f"/{field}", {"name": value, "match": m.group()}, {field: value, "matched": m.group()})
            return


KINDS = {
    "deadline": Kind(check_deadline, options=OPTIONS_DEADLINE, validate=validate),
    "agency_pattern": Kind(check_agency_pattern, options=OPTIONS_AGENCY_PATTERN, validate=validate),
}
