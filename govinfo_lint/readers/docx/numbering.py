"""Styles and automatic numbering of a DOCX.

Word keeps the ``一、`` of an auto-numbered heading (and the ``1.`` of an auto-numbered
row label) out of the text: it is computed from ``word/numbering.xml`` when the page is
drawn. Section headings are recognised by their number, so we compute it the same way
for the number formats that reports use, and leave the text alone for any other.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ...limits import DOCX_LEVELS as MAX_LEVELS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "零一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def _chinese(n: int, digits: str = _DIGITS, ten: str = "十") -> str:
    if n <= 0 or n >= 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = digits[hundreds] + "百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else digits[tens]) + ten
    elif hundreds and ones:
        out += digits[0]
    return out + (digits[ones] if ones else "")


def _letters(n: int) -> str:
    # Word repeats the letter: A … Z, AA … ZZ.
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, digits in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out += digits * count
    return out


def _cycle(symbols: str, n: int) -> str:
    return symbols[(n - 1) % len(symbols)] if n > 0 else str(n)


def _circled(n: int) -> str:
    return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)


FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "decimalHalfWidth": str,
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "japaneseCounting": _chinese,
    "taiwaneseCounting": _chinese,
    "ideographDigital": lambda n: "".join(_DIGITS[int(d)] for d in str(n)),
    "chineseLegalSimplified": lambda n: _chinese(n, _LEGAL, "拾"),
    "ideographTraditional": lambda n: _cycle(_STEMS, n),
    "ideographZodiac": lambda n: _cycle(_BRANCHES, n),
    "upperLetter": _letters,
    "lowerLetter": lambda n: _letters(n).lower(),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "decimalEnclosedCircle": _circled,
    "decimalEnclosedCircleChinese": _circled,
    "decimalEnclosedParen": lambda n: chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})",
    "decimalEnclosedFullstop": lambda n: chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}.",
    "none": lambda n: "",
}


def _val(element, path: str, default: str | None = None) -> str | None:
    node = element.find(path)
    return node.get(f"{W}val", default) if node is not None else default


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    suffix: str = "tab"
    legal: bool = False  # isLgl: every number shown as decimal
    restart: int | None = None  # lvlRestart


def _level(lvl) -> Level:
    return Level(start=_int(_val(lvl, f"{W}start"), 1), fmt=_val(lvl, f"{W}numFmt", "decimal") or "decimal",
                 text=_val(lvl, f"{W}lvlText", "") or "", suffix=_val(lvl, f"{W}suff", "tab") or "tab",
                 legal=lvl.find(f"{W}isLgl") is not None,
                 restart=_int(_val(lvl, f"{W}lvlRestart"), -1) if lvl.find(f"{W}lvlRestart") is not None else None)


@dataclass
class Styles:
    names: dict[str, str] = field(default_factory=dict)
    based_on: dict[str, str] = field(default_factory=dict)
    numbering: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # numId, ilvl
    align: dict[str, str] = field(default_factory=dict)
    default: str | None = None

    def chain(self, style_id: str | None):
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            yield style_id
            style_id = self.based_on.get(style_id)


def load_styles(root) -> Styles:
    styles = Styles()
    if root is None:
        return styles
    for style in root.iter(f"{W}style"):
        if style.get(f"{W}type", "paragraph") != "paragraph":
            continue
        sid = style.get(f"{W}styleId")
        if not sid:
            continue
        if style.get(f"{W}default") in ("1", "true", "on"):
            styles.default = sid
        name = _val(style, f"{W}name")
        if name:
            styles.names[sid] = name
        base = _val(style, f"{W}basedOn")
        if base:
            styles.based_on[sid] = base
        num = style.find(f"{W}pPr/{W}numPr")
        if num is not None:
            styles.numbering[sid] = (_val(num, f"{W}numId"), _val(num, f"{W}ilvl"))
        jc = _val(style, f"{W}pPr/{W}jc")
        if jc:
            styles.align[sid] = jc
    return styles


class Numbering:
    """Counts numbered paragraphs in document order and renders their numbers."""

    def __init__(self, root, styles: Styles) -> None:
        self.styles = styles
        self.abstract: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, Level], dict[int, int]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        self.unrendered: set[str] = set()  # number formats met but not rendered
        self._style_numbers: dict[str | None, tuple[str | None, str | None]] = {}
        if root is None:
            return
        for abstract in root.iter(f"{W}abstractNum"):
            levels = {_int(l.get(f"{W}ilvl"), 0): _level(l) for l in abstract.findall(f"{W}lvl")}
            self.abstract[abstract.get(f"{W}abstractNumId", "")] = levels
        for num in root.iter(f"{W}num"):
            overrides: dict[int, Level] = {}
            starts: dict[int, int] = {}
            for over in num.findall(f"{W}lvlOverride"):
                ilvl = _int(over.get(f"{W}ilvl"), 0)
                start = _val(over, f"{W}startOverride")
                if start is not None:
                    starts[ilvl] = _int(start, 1)
                lvl = over.find(f"{W}lvl")
                if lvl is not None:
                    overrides[ilvl] = _level(lvl)
            self.nums[num.get(f"{W}numId", "")] = (_val(num, f"{W}abstractNumId", "") or "", overrides, starts)

    def prefix(self, own, style_id: str | None) -> str | None:
        """The rendered number of a paragraph (and advance the count), or None. ``own`` is
        the paragraph's ``w:pPr/w:numPr``, if any."""
        if style_id not in self._style_numbers:  # the same few styles, asked once per paragraph
            self._style_numbers[style_id] = self._style_number(style_id)
        num_id, ilvl = self._style_numbers[style_id]
        if own is not None:
            num_id = _val(own, f"{W}numId", num_id)
            ilvl = _val(own, f"{W}ilvl", ilvl)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        level = min(MAX_LEVELS - 1, max(0, _int(ilvl, 0)))
        abstract_id, overrides, starts = self.nums[num_id]
        levels = dict(self.abstract.get(abstract_id, {}))
        levels.update(overrides)
        if level not in levels:
            return None
        counts = self.counters.setdefault(abstract_id, [None] * MAX_LEVELS)
        if num_id not in self.started:
            # A list restarted by the user is a new w:num with startOverride.
            self.started.add(num_id)
            for lvl in starts:
                if 0 <= lvl < MAX_LEVELS:
                    counts[lvl] = None
        for lvl, start in starts.items():
            if lvl in levels:
                levels[lvl] = replace(levels[lvl], start=start)
        this = levels[level]
        counts[level] = this.start if counts[level] is None else counts[level] + 1
        for deeper in range(level + 1, MAX_LEVELS):
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart != 0 and restart - 1 >= level):
                counts[deeper] = None
        if this.fmt == "bullet":
            return None
        text = this.text
        for k in range(MAX_LEVELS):
            token = f"%{k + 1}"
            if token not in text:
                continue
            shown = levels.get(k, Level())
            fmt = "decimal" if this.legal else shown.fmt
            render = FORMATS.get(fmt)
            if render is None:
                self.unrendered.add(fmt)
                return None
            value = counts[k]
            text = text.replace(token, render(shown.start if value is None else value))
        if not text:
            return None
        return text + (" " if this.suffix == "space" or (this.suffix == "tab" and text[-1].isalnum()) else "")

    def _style_number(self, style_id: str | None) -> tuple[str | None, str | None]:
        """The ``numId`` and ``ilvl`` a paragraph of ``style_id`` takes from its style chain."""
        for sid in self.styles.chain(style_id or self.styles.default):
            if sid in self.styles.numbering:
                return self.styles.numbering[sid]
        return None, None
