"""``check --fix`` / ``--diff``: write the official wording over what a report wrote.

Only wording is ever fixed (其它→其他, a label's or heading's official text, full-width
brackets, ``一、`` numbering), and only in structured and Markdown reports, whose text is
the report itself. A rule says whether its findings can be fixed (``fix: safe`` or
``unsafe``); a finding is fixable when its evidence holds the ``written`` and ``expected``
wording and it has a line and column, near which the written text is found.

Every candidate text is read back before it is kept: the table figures (value and text
of every cell) must be the same, the fixed finding must be gone, and no finding may
appear that was not there. A fix that fails this is dropped, so a figure is never
touched and nothing new goes wrong. DOCX, HTML and PDF are never fixed in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

FIXABLE_KINDS = ("structured", "yaml", "json", "markdown")
# How far after a finding's place the written text may start: a section's finding points at
# its entry (``- id: overview``), the heading follows on the next lines.
_WINDOW_LINES = 4


@dataclass
class FileFix:
    path: Path
    original: str
    fixed: str
    applied: list = field(default_factory=list)  # the findings fixed

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


_NUMERALS = "一二三四五六七八九十"


def _ordinal(numbering: str) -> int | None:
    """1 for ``1、``, ``一、``, ``（一）``, ``1.``; None for text that is not a section number."""
    core = numbering.strip().strip("（()）、.．")
    if core.isdigit():
        return int(core)
    if core and all(ch in _NUMERALS for ch in core):
        if core == "十":
            return 10
        tens, _, units = core.rpartition("十")
        return (_NUMERALS.index(tens) + 1 if tens else 1 if "十" in core else 0) * 10 + (
            _NUMERALS.index(units) + 1 if units else 0)
    return None


def safety(finding, rules_by_code: dict) -> str:
    """``safe``, ``unsafe`` or "" (cannot be fixed). Renumbering a section to another number
    (a local outline's 一、 as the format's 二、) moves it, which is not a wording fix."""
    rule = rules_by_code.get(finding.code)
    ev = finding.evidence or {}
    written, expected = ev.get("written"), ev.get("expected")
    if (rule is None or not rule.fix or finding.suppressed or not isinstance(written, str)
            or not isinstance(expected, str) or not written or written == expected or "\n" in written
            or finding.location is None or finding.location.line is None):
        return ""
    a, b = _ordinal(written), _ordinal(expected)
    if a is not None and b is not None and a != b:
        return "unsafe"
    return rule.fix


def fixable(finding, rules_by_code: dict, unsafe: bool) -> bool:
    return safety(finding, rules_by_code) in (("safe", "unsafe") if unsafe else ("safe",))


def _offset(lines: list[str], line: int, column: int) -> int:
    return sum(len(x) for x in lines[:line - 1]) + max(0, column - 1)


def _replace_near(text: str, finding) -> str | None:
    """``text`` with the written wording at the finding's place replaced, or None."""
    lines = text.splitlines(keepends=True)
    loc = finding.location
    if loc.line > len(lines):
        return None
    start = _offset(lines, loc.line, loc.column or 1)
    end = _offset(lines, min(len(lines), loc.line + _WINDOW_LINES) + 1, 1)
    written, expected = finding.evidence["written"], finding.evidence["expected"]
    at = text.find(written, start, end)
    if at < 0:
        return None
    return text[:at] + expected + text[at + len(written):]


def _read_text(text: str, suffix: str, settings):
    """The report a text would be, read by the same reader as the file (from a private copy)."""
    import tempfile

    from .run.workers import read_report

    folder = tempfile.mkdtemp(prefix="govinfo-lint-fix-")
    try:
        path = Path(folder) / ("report" + suffix)
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        return read_report(str(path), settings, None)
    finally:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


def _figures(report) -> list:
    return sorted((t, r, c, str(cell.value), cell.raw) for t, r, c, cell in report.iter_cells())


def _keys(findings) -> set:
    return {(f.code, f.pointer, str((f.evidence or {}).get("written"))) for f in findings if not f.suppressed}


def plan(path: Path, settings, rules, findings, unsafe: bool = False) -> FileFix | None:
    """The fixes for one file, each read back and kept only if it changes wording alone."""
    from .engine.runner import lint_report

    try:
        with open(path, encoding="utf-8", newline="") as fh:  # CRLF stays CRLF when written back
            original = fh.read()
    except (OSError, UnicodeDecodeError):
        return None
    by_code = {r.code: r for r in rules}
    candidates = [f for f in findings if fixable(f, by_code, unsafe)]
    if not candidates:
        return None
    before = _read_text(original, path.suffix, settings)
    if before.input_kind not in FIXABLE_KINDS:
        return None
    figures, known = _figures(before), _keys(lint_report(before, rules))
    # Fixes are applied from the end of the file backwards, so each one's place stays valid.
    candidates.sort(key=lambda f: (f.location.line, f.location.column or 1), reverse=True)
    text, applied = original, []
    for finding in candidates:
        trial = _replace_near(text, finding)
        if trial is None:
            continue
        after = _read_text(trial, path.suffix, settings)
        now = _keys(lint_report(after, rules))
        gone = (finding.code, finding.pointer, finding.evidence["written"])
        if _figures(after) == figures and gone not in now and now <= known:
            text, known, applied = trial, now, applied + [finding]
    return FileFix(path, original, text, applied)


def unified_diff(fix: FileFix) -> str:
    import difflib

    name = str(fix.path)
    return "".join(difflib.unified_diff(fix.original.splitlines(keepends=True), fix.fixed.splitlines(keepends=True),
                                        f"{name}（修复前）", f"{name}（修复后）"))


def write(fix: FileFix) -> None:
    """Atomically, keeping the file's mode: a crash mid-write must not lose the report."""
    from .safe_write import write_atomic

    write_atomic(fix.path, fix.fixed)
