"""Reading a number out of the text of a cell, keeping everything that was written.

Real cells hold more than digits: ``22（其中修订16件）``, ``1,234``, ``９``, ``+1036``,
``251000元``, ``96171.6``, ``&nbsp;0``. The number and the rest are kept apart;
a blank or a placeholder stays None, never 0.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .model import PLACEHOLDERS, Cell, Location
from . import lazy_re

# Words a count may be written with (2笔, 12件), and units of an amount: one list for the cell
# parser and for the readers that split run-together figures, so that what they split parses.
COUNTING_WORDS = ("件", "项", "个", "条", "次", "笔", "宗")
AMOUNT_UNITS = ("万元", "元")
UNIT_PATTERN = "|".join(AMOUNT_UNITS + COUNTING_WORDS)

_NUMBER = lazy_re.compile(
    r"""^(?P<sign>[+\-]?)\s*
        (?P<int>\d{1,3}(?:,\d{3})+|\d+)
        (?P<frac>\.\d+)?
        \s*(?P<unit>""" + UNIT_PATTERN + r""")?
        \s*(?P<note>[（(].*[）)])?\s*$""",
    re.VERBOSE,
)
_SPACES = lazy_re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")

MAX_DIGITS = 30  # longer runs are not plausible counts or amounts


def clean(raw: str) -> str:
    """NFKC (full-width digits and signs to ASCII), no spaces or invisible characters."""
    text = unicodedata.normalize("NFKC", raw)
    text = text.replace("−", "-").replace("﹢", "+")
    return _SPACES.sub("", text)


def parse_cell(raw: str | None, kind: str = "count", loc: Location | None = None) -> Cell:
    """Parse the text of a cell. ``kind`` is count, signed or amount (template.Column.kind)."""
    if raw is None:
        return Cell(None, None, loc)
    value, note, unit, sign, error = _fields(raw, kind)
    return Cell(value, raw, loc, note=note, unit=unit, explicit_sign=sign, parse_error=error)


def number_of(raw: str) -> int | Decimal | None:
    """``parse_cell(raw).value`` without building a Cell."""
    return _fields(raw, "count")[0]


_CACHED_TEXT = 200  # figures and row labels are short; a long text is parsed each time, not kept
_NOT_A_NUMBER = (None, None, None, False, "not_a_number")


def _fields(raw: str, kind: str) -> tuple:
    """(value, note, unit, explicit_sign, parse_error): what of a Cell its text decides."""
    return _parse_cached(raw, kind) if len(raw) <= _CACHED_TEXT else _parse(raw, kind)


@lru_cache(maxsize=4096)
def _parse_cached(raw: str, kind: str) -> tuple:
    # The mappers ask about the same texts again and again (is it a number? which cells
    # of a row hold figures?), and reports share most of them; the values are immutable.
    return _parse(raw, kind)


def _parse(raw: str, kind: str) -> tuple:
    text = clean(raw)
    if text == "" or raw.strip() in PLACEHOLDERS or text in PLACEHOLDERS:
        return None, None, None, False, None
    match = _NUMBER.match(text)
    if not match or len(match.group("int")) > MAX_DIGITS:
        return _NOT_A_NUMBER
    digits = match.group("int").replace(",", "")
    frac = match.group("frac") or ""
    sign = match.group("sign")
    note = match.group("note")
    if note:
        note = note[1:-1]
    unit = match.group("unit")
    if unit in COUNTING_WORDS:  # counting words, not units of value
        unit = None
    try:
        if frac or kind == "amount":
            value: int | Decimal = Decimal(sign + digits + frac)
        else:
            value = int(sign + digits)
    except (InvalidOperation, ValueError):
        return _NOT_A_NUMBER
    return value, note, unit, bool(sign), None


def from_structured(value: object, kind: str = "count", loc: Location | None = None) -> Cell:
    """A cell given in a structured file: a bare number, null, a string, or {value, raw}."""
    if value is None:
        return Cell(None, None, loc)
    if isinstance(value, bool):
        return Cell(None, str(value), loc, parse_error="not_a_number")
    if isinstance(value, int):
        return Cell(Decimal(value) if kind == "amount" else value, None, loc)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return Cell(None, str(value), loc, parse_error="not_finite")
        dec = Decimal(repr(value))
        if kind != "amount" and dec == dec.to_integral_value():
            return Cell(int(dec), None, loc)
        return Cell(dec, None, loc)
    if isinstance(value, str):
        return parse_cell(value, kind, loc)
    return Cell(None, str(value), loc, parse_error="not_a_number")


def to_json(value: int | Decimal | None) -> int | float | str | None:
    """A JSON-safe number: ints stay ints, decimals keep their digits as a number."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value() and "." not in str(value):
            return int(value)
        return float(value) if len(str(value)) <= 15 else str(value)
    return value
