"""An organ's reports over the years (SER): the evaluator's signals.

These kinds take a ``series.Series`` (reports by year, each with ``previous`` set for the
year before), not one report; the engine never runs them in ``check`` (``checks.SERIES_KINDS``).
Every hit names its year in ``evidence["year"]``: the report it is about.

``series_jump``: a figure many times last year's, or 0 between two years that are not.
``series_definition``: the template changed between two years, or a row's label as written.
``series_repeated_text``: the share of sentences repeated from last year's report.
``series_review``: corrected 行政复议 and lost 行政诉讼 cases (table 四, 结果纠正).
``series_chain``: the cross-year identities (XYR) along every consecutive pair.
``series_gap``: a year missing inside the series, where no chain can be checked.
``series_deadline``: each year's publication date against its level's deadline (as PUB).
"""

from __future__ import annotations

import unicodedata
from typing import Any, Iterator

from .. import lazy_re
from .base import Hit
from .kind import Kind
from .publication import OPTIONS_DEADLINE



def _pairs(series) -> Iterator[tuple[Any, Any]]:
    for report in series.reports:
        if report.previous is not None:
            yield report.previous, report


def _figures(report) -> dict:
    from ..series.figures import figures

    return figures(report)


def _name(report, pointer: str) -> str:
    from ..series.figures import label

    return label(report.format, pointer)


# What a rule of kind series_jump may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_SERIES_JUMP = {
    "properties": {
        "factor": {"type": "number", "exclusiveMinimum": 1},
        "min_value": {"type": "number", "minimum": 0},
        "zero_min": {"type": "number", "exclusiveMinimum": 0},
    },
}


def check_series_jump(series, options: dict[str, Any]) -> Iterator[Hit]:
    factor, floor, zero_floor = options.get("factor", 5), options.get("min_value", 20), options.get("zero_min", 5)
    for last, this in _pairs(series):
        a, b = _figures(last), _figures(this)
        for pointer, value in b.items():
            old = a.get(pointer)
            if old is None or max(old, value) < floor or min(old, value) <= 0:
                continue  # a rise from 0 is the zero rule's; small counts move by chance
            ratio = max(old, value) / min(old, value)
            if ratio >= factor:
                yield Hit(pointer, {"figure": _name(this, pointer), "year": this.year, "previous_year": last.year,
                                    "value": value, "previous": old, "ratio": f"{ratio:.1f}"},
                          {"year": this.year, "value": value, "previous": old, "ratio": round(ratio, 2),
                           "previous_year": last.year, "previous_source": last.source},
                          variant=None if value > old else "down")
        after = next((r for r in series.reports if r.previous is this), None)
        nxt = _figures(after) if after is not None else {}
        for pointer, value in b.items():
            before, later = a.get(pointer), nxt.get(pointer)
            if value == 0 and before is not None and later is not None and min(before, later) >= zero_floor:
                yield Hit(pointer, {"figure": _name(this, pointer), "year": this.year, "previous_year": last.year,
                                    "next_year": after.year, "previous": before, "next": later},
                          {"year": this.year, "value": 0, "previous": before, "next": later,
                           "previous_source": last.source, "next_source": after.source}, variant="zero")


_LABEL_NOISE = lazy_re.compile(r"[\s\W_]+")


def _label(text: str | None) -> str | None:
    return _LABEL_NOISE.sub("", unicodedata.normalize("NFKC", text)) or None if text else None


# What a rule of kind series_definition may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_SERIES_DEFINITION = {"properties": {"labels": {"type": "boolean"}}}


def check_series_definition(series, options: dict[str, Any]) -> Iterator[Hit]:
    for last, this in _pairs(series):
        if last.format and this.format and last.format != this.format:
            yield Hit("/format", {"year": this.year, "previous_year": last.year, "format": this.format,
                                  "previous_format": last.format},
                      {"year": this.year, "format": this.format, "previous_format": last.format,
                       "previous_source": last.source})
            continue
        if not options.get("labels", True):
            continue
        for table_id, table in this.tables.items():
            old_table = last.tables.get(table_id)
            if old_table is None:
                continue
            for rid, row in table.rows.items():
                old = old_table.rows.get(rid)
                new_label, old_label = _label(row.label), _label(old.label if old else None)
                if new_label and old_label and new_label != old_label:
                    yield Hit(f"/tables/{table_id}/{rid}", {"year": this.year, "previous_year": last.year,
                                                            "label": row.label, "previous_label": old.label},
                              {"year": this.year, "label": row.label, "previous_label": old.label,
                               "previous_source": last.source}, variant="label")


_SENTENCE_END = lazy_re.compile(r"[。！？；!?;\n]+")


def sentences(report, min_chars: int) -> list[str]:
    from .cross_year import comparable

    out = []
    for section in report.sections:
        for part in _SENTENCE_END.split(section.text or ""):
            text = comparable(part)
            if len(text) >= min_chars:
                out.append(text)
    return out


# What a rule of kind series_repeated_text may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_SERIES_REPEATED_TEXT = {
    "properties": {
        "threshold": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
        "min_chars": {"type": "integer", "minimum": 1},
        "min_sentences": {"type": "integer", "minimum": 1},
    },
}


def check_series_repeated_text(series, options: dict[str, Any]) -> Iterator[Hit]:
    threshold, min_chars = options.get("threshold", 0.5), options.get("min_chars", 12)
    for last, this in _pairs(series):
        mine, theirs = sentences(this, min_chars), set(sentences(last, min_chars))
        if len(mine) < options.get("min_sentences", 5) or not theirs:
            continue  # too little text to speak of a share
        repeated = sum(1 for s in mine if s in theirs)
        share = repeated / len(mine)
        if share > threshold:
            yield Hit("/sections", {"year": this.year, "previous_year": last.year, "share": f"{share * 100:.0f}",
                                    "repeated": repeated, "sentences": len(mine),
                                    "threshold": f"{threshold * 100:.0f}"},
                      {"year": this.year, "share": round(share, 3), "repeated": repeated, "sentences": len(mine),
                       "threshold": threshold, "previous_source": last.source})


# What a rule of kind series_review may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_SERIES_REVIEW = {
    "properties": {
        "min_corrected": {"type": "integer", "minimum": 1},
        "rows": {
            "type": "array",
            "items": {"enum": ["reconsideration", "litigation_direct", "litigation_after_reconsideration"]},
        },
    },
}


def check_series_review(series, options: dict[str, Any]) -> Iterator[Hit]:
    from .. import describe

    for report in series.reports:
        table = report.tables.get("review")
        if table is None:
            continue
        for rid in options.get("rows", ["reconsideration", "litigation_direct", "litigation_after_reconsideration"]):
            corrected, total = table.cell(rid, "corrected"), table.cell(rid, "total")
            if corrected is None or corrected.value is None or corrected.value < options.get("min_corrected", 1):
                continue
            count = int(corrected.value)
            share = (f"{corrected.value / total.value * 100:.0f}%" if total is not None and total.value
                     else "—")
            yield Hit(f"/tables/review/{rid}/corrected",
                      {"year": report.year, "row": describe.row_label(report.format, "review", rid), "count": count,
                       "total": total.value if total is not None else "—", "share": share},
                      {"year": report.year, "corrected": count,
                       "total": None if total is None or total.value is None else float(total.value)},
                      variant="litigation" if rid.startswith("litigation") else None)


# What a rule of kind series_chain may give; its branch of schemas/rule.schema.json is made from this.
OPTIONS_SERIES_CHAIN = {
    "required": ["identities"],
    "properties": {
        "identities": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["table", "left", "right"],
                "properties": {
                    "table": {"$ref": "#/$defs/table"},
                    "per": {"enum": ["column", "row"]},
                    "over": {"$ref": "#/$defs/ids"},
                    "left": {
                        "type": "array",
                        "minItems": 1,
                        "items": {"type": "string", "pattern": "^-?(this|last):[a-z_]+$"},
                    },
                    "right": {
                        "type": "array",
                        "minItems": 1,
                        "items": {"type": "string", "pattern": "^-?(this|last):[a-z_]+$"},
                    },
                    "relation": {"enum": ["eq", "ge"]},
                    "previous_formats": {"type": "array", "items": {"enum": ["2019", "2021"]}},
                    "years": {"type": "array", "items": {"type": "integer"}},
                },
            },
        },
    },
}


def check_series_chain(series, options: dict[str, Any]) -> Iterator[Hit]:
    from .cross_year import check_cross_year

    for _last, this in _pairs(series):
        for identity in options["identities"]:
            for hit in check_cross_year(this, identity):
                hit.evidence["year"] = this.year
                yield hit


def validate_series_chain(options: dict[str, Any]) -> Iterator[tuple[tuple, str]]:
    from .cross_year import validate

    for i, identity in enumerate(options.get("identities", [])):
        for path, problem in validate(identity):
            yield ("identities", i) + tuple(path), problem


def check_series_gap(series, options: dict[str, Any]) -> Iterator[Hit]:
    years = sorted(set(series.years))
    for before, after in zip(years, years[1:]):
        if after - before > 1:
            missing = list(range(before + 1, after))
            yield Hit("/year", {"year": after, "previous_year": before,
                                "missing": "、".join(f"{y}年" for y in missing)},
                      {"year": after, "missing": missing, "previous_year": before})


def check_series_deadline(series, options: dict[str, Any]) -> Iterator[Hit]:
    from .publication import check_deadline

    for report in series.reports:
        for hit in check_deadline(report, options):
            # How late, year after year, for the score; whether the report breaks the law
            # is PUB-01/PUB-02's finding in check.
            hit.severity, hit.variant = None, None
            hit.evidence["year"] = report.year
            yield hit


# These take a Series, not a Report (checks.SERIES_KINDS: every kind of this module).
KINDS = {
    "series_jump": Kind(check_series_jump, options=OPTIONS_SERIES_JUMP),
    "series_definition": Kind(check_series_definition, options=OPTIONS_SERIES_DEFINITION),
    "series_repeated_text": Kind(check_series_repeated_text, options=OPTIONS_SERIES_REPEATED_TEXT),
    "series_review": Kind(check_series_review, options=OPTIONS_SERIES_REVIEW),
    "series_chain": Kind(check_series_chain, options=OPTIONS_SERIES_CHAIN, validate=validate_series_chain),
    "series_gap": Kind(check_series_gap),
    "series_deadline": Kind(check_series_deadline, options=OPTIONS_DEADLINE),
}
