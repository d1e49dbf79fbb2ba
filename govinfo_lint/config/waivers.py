"""Waivers: accepted findings, written where a reviewer can audit them.

Two places: inline comments in the files people edit by hand, and a waiver file for
everything (the only way for DOCX, PDF and HTML, which cannot carry comments):

    granted: 99  # govinfo-lint: disable=SUM-03 reason=原件如此，已报上级备案
    # govinfo-lint: disable-file=CNT-03 reason=…        (YAML, in the comment block at the top)
    <!-- govinfo-lint: disable=SEC-02 reason=… -->      (Markdown)

An inline comment covers its own line when it follows content, else the next line
with content. A waived finding is marked ``suppressed`` and never fails a run. Waivers
that waive nothing, have expired, cannot be read, or aim at a rule that cannot be
waived become ``waiver_*`` diagnostics, which the WVR rules report.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from .files import ConfigError, glob_match, pointer_match, relative_to
from ..findings import Finding
from ..model import Diagnostic, Location
from .. import lazy_re

YAML_SUFFIXES = (".yaml", ".yml")
MARKDOWN_SUFFIXES = (".md", ".markdown")
_YAML_COMMENT = lazy_re.compile(r"(?:^|\s)#\s*govinfo-lint\s*:(?P<body>.*)$")
_MD_COMMENT = lazy_re.compile(r"<!--\s*govinfo-lint\s*:(?P<body>.*?)-->")
_DIRECTIVE = lazy_re.compile(r"\s*(?P<what>disable-file|disable)\s*=\s*(?P<codes>[A-Za-z0-9,\s\-]*?)(?=\s+[a-z_]+=|\s*$)")
_PARAM = lazy_re.compile(r"\s*(?P<key>[a-z_]+)=")
CODE = lazy_re.compile(r"^[A-Z]{2,5}(-\d{1,3})?$")


@dataclass
class Waiver:
    codes: tuple[str, ...]
    reason: str
    kind: str  # "inSource" (a comment in the report) or "external" (the waiver file)
    origin: str  # the file the waiver is written in
    line: int | None = None
    column: int | None = None
    file_glob: str | None = None  # external: which reports, relative to ``root``
    root: str | None = None
    pointer: str | None = None
    approved_by: str | None = None
    expires: str | None = None
    lines: tuple[int, ...] | None = None  # inSource: finding lines it covers; None: the whole file
    used: set[str] = field(default_factory=set)  # codes that waived something
    refused: set[str] = field(default_factory=set)
    judged: set[str] = field(default_factory=set)  # codes of rules that ran where it applies
    files: int = 0  # external: checked files its glob matched

    def where(self) -> str:
        return f"{self.origin}:{self.line}" if self.line else self.origin

    def suppression(self) -> dict:
        out = {"kind": self.kind, "reason": self.reason, "approved_by": self.approved_by, "expires": self.expires,
               "source": self.where()}
        return {k: v for k, v in out.items() if v is not None}

    def expired(self, today: str) -> bool:
        return self.expires is not None and self.expires < today

    def covers(self, finding: Finding, path: Path) -> str | None:
        """The code of this waiver that matches ``finding`` in ``path``, if any."""
        from ..engine.rules import matches

        code = next((c for c in self.codes if matches(finding.code, [c])), None)
        if code is None:
            return None
        if self.kind == "inSource":
            return code if self.lines is None or finding.line in self.lines else None
        if self.pointer is not None and not pointer_match(self.pointer, finding.pointer):
            return None
        return code

    def applies_to_file(self, path: Path) -> bool:
        return self.kind == "inSource" or glob_match(self.file_glob or "", relative_to(path, Path(self.root or ".")))


# --- the waiver file ---------------------------------------------------------------------


def load_waiver_file(path: Path, known_codes: list[str]) -> list[Waiver]:
    """Entries of a waiver file; a bad file stops the run (``ConfigError``, exit status 2)."""
    from .files import _validate, unknown_code
    from ..engine.rules import matches
    from ..readers.plain import LoadError, load_text, position

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"无法读取豁免文件 (cannot read the waiver file): {exc}") from None
    try:
        data, positions = load_text(text, str(path))
    except LoadError as exc:
        raise ConfigError(str(path), exc.bilingual, exc.line, exc.column) from None
    data = [] if data is None else data
    _validate(path, data, positions, "waivers.schema.json", "豁免文件")
    items, prefix = (data["waivers"], ("waivers",)) if isinstance(data, dict) else (data, ())
    out = []
    for i, item in enumerate(items):
        codes = (item["code"],) if isinstance(item["code"], str) else tuple(item["code"])
        for code in codes:
            if not any(matches(k, [code]) for k in known_codes):
                pos = position(positions, prefix + (i, "code"))
                raise ConfigError(str(path), unknown_code(code, known_codes), *(pos or (None, None)))
        line, column = position(positions, prefix + (i,)) or (None, None)
        out.append(Waiver(codes=codes, reason=item["reason"].strip(), kind="external", origin=str(path), line=line,
                          column=column, file_glob=item["file"], root=str(path.parent), pointer=item.get("pointer"),
                          approved_by=item["approved_by"], expires=item.get("expires")))
    return out


# --- inline comments ---------------------------------------------------------------------


def inline_waivers(path: Path, text: str, known_codes: list[str]) -> tuple[list[Waiver], list[Diagnostic]]:
    """The waiver comments of a YAML or Markdown report, and the problems of bad ones."""
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        pattern, own_line = _YAML_COMMENT, (lambda s: s.startswith("#"))
    elif suffix in MARKDOWN_SUFFIXES:
        pattern, own_line = _MD_COMMENT, (lambda s: s.startswith("<!--") and s.endswith("-->"))
    else:
        return [], []
    lines = text.splitlines()
    waivers: list[Waiver] = []
    problems: list[Diagnostic] = []
    at_top = True
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        match = pattern.search(line)
        alone = own_line(stripped)
        if match is None:
            if stripped and not alone and stripped not in ("---",) and not stripped.startswith("%"):
                at_top = False
            continue
        loc = Location(line=number, column=line.index("govinfo-lint", match.start()) + 1)
        waiver, problem = _parse(match.group("body"), str(path), loc, known_codes)
        if problem:
            problems.append(problem)
        elif waiver is not None:
            if waiver.lines is None and not at_top:
                problems.append(_invalid(loc, "disable-file= 只能写在文件开头的注释中", "disable-file= belongs in the "
                                         "comment block at the top of the file"))
                continue
            if waiver.lines is not None:
                waiver.lines = (number,) if not alone else _next_content(lines, number, own_line)
            waivers.append(waiver)
        if not alone:
            at_top = False
    return waivers, problems


def _next_content(lines: list[str], number: int, own_line) -> tuple[int, ...]:
    for later in range(number + 1, len(lines) + 1):
        stripped = lines[later - 1].strip()
        if stripped and not own_line(stripped):
            return (later,)
    return ()


def _invalid(loc: Location, zh: str, en: str) -> Diagnostic:
    return Diagnostic("waiver_invalid", f"第{loc.line}行：{zh}", f"line {loc.line}: {en}", "", loc)


def _parse(body: str, origin: str, loc: Location, known: list[str]) -> tuple[Waiver | None, Diagnostic | None]:
    from .files import unknown_code
    from ..engine.rules import matches

    directive = _DIRECTIVE.match(body)
    if directive is None:
        return None, _invalid(loc, "应写作 disable=代码 reason=理由", "write disable=CODE reason=WHY")
    codes = tuple(c.strip().upper() for c in directive.group("codes").split(",") if c.strip())
    params: dict[str, str] = {}
    rest = body[directive.end():]
    while rest.strip():
        param = _PARAM.match(rest)
        if param is None:
            return None, _invalid(loc, f"无法识别“{rest.strip()[:40]}”", f"cannot read '{rest.strip()[:40]}'")
        key, rest = param.group("key"), rest[param.end():]
        if key == "reason":
            params[key], rest = rest.strip(), ""
        else:
            value, _, rest = rest.partition(" ")
            params[key] = value.strip()
    if not codes:
        return None, _invalid(loc, "未写规则代码", "no rule code given")
    for code in codes:
        if not CODE.match(code) or not any(matches(k, [code]) for k in known):
            return None, _invalid(loc, unknown_code(code, known, "zh"), unknown_code(code, known, "en"))
    unknown = sorted(set(params) - {"reason", "expires", "approved_by"})
    if unknown:
        return None, _invalid(loc, f"未知的参数 {unknown[0]}=", f"unknown parameter {unknown[0]}=")
    if len(params.get("reason", "")) < 2:
        return None, _invalid(loc, "豁免须写明理由（reason=…）", "a waiver must give its reason (reason=…)")
    expires = params.get("expires")
    if expires is not None:
        try:
            datetime.date.fromisoformat(expires)
        except ValueError:
            return None, _invalid(loc, f"有效期 {expires} 应为 YYYY-MM-DD", f"expires {expires} must be YYYY-MM-DD")
    whole_file = directive.group("what") == "disable-file"
    return Waiver(codes=codes, reason=params["reason"], kind="inSource", origin=origin, line=loc.line,
                  column=loc.column, approved_by=params.get("approved_by"), expires=expires,
                  lines=None if whole_file else ()), None


# --- applying ----------------------------------------------------------------------------


def apply_waivers(findings: list[Finding], path: Path, waivers: list[Waiver], ran: set[str],
                  waivable: dict[str, bool], today: str) -> None:
    """Mark the findings the waivers cover; record on each waiver what it did."""
    from ..engine.rules import matches

    mine = [w for w in waivers if w.applies_to_file(path)]
    for waiver in mine:
        waiver.files += 1
        waiver.judged.update(c for c in waiver.codes if any(matches(r, [c]) for r in ran))
    live = [w for w in mine if not w.expired(today)]
    for finding in findings:
        if finding.code.startswith("WVR-"):
            continue
        for waiver in live:
            code = waiver.covers(finding, path)
            if code is None:
                continue
            if not waivable.get(finding.code, True):
                waiver.refused.add(finding.code)
                continue
            finding.suppressed = True
            finding.suppression = waiver.suppression()
            waiver.used.add(code)
            break


def waiver_diagnostics(waivers: list[Waiver], today: str) -> list[Diagnostic]:
    """What the waivers did wrong, once every file they apply to has been checked."""
    out = []
    for waiver in waivers:
        if waiver.kind == "external" and not waiver.files:
            continue  # its report was not among the checked files: nothing to say
        loc = Location(line=waiver.line, column=waiver.column) if waiver.line else None
        what = f"{waiver.where()}（{','.join(waiver.codes)}" + (f"，{waiver.pointer}" if waiver.pointer else "") + "）"
        what_en = f"{waiver.where()} ({','.join(waiver.codes)}" + (f", {waiver.pointer}" if waiver.pointer else "") + ")"
        if waiver.expired(today):
            out.append(Diagnostic("waiver_expired", f"豁免{what}已于{waiver.expires}到期",
                                  f"the waiver {what_en} expired on {waiver.expires}", "", loc))
            continue
        for code in sorted(waiver.refused):
            out.append(Diagnostic("waiver_refused", f"豁免{what}针对的 {code} 不允许豁免",
                                  f"the waiver {what_en} aims at {code}, which cannot be waived", "", loc))
        unused = [c for c in waiver.codes if c in waiver.judged and c not in waiver.used and not waiver.refused]
        if unused:
            out.append(Diagnostic("waiver_unused", f"豁免{what}中的 {','.join(unused)} 未匹配任何问题",
                                  f"{','.join(unused)} of the waiver {what_en} matched no finding", "", loc))
    return out


def today() -> str:
    return datetime.date.today().isoformat()
