"""The text format prints without rich when rich would print the same: that shortcut must
never change a character (govinfo_lint/formatters/text.py)."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_lint.findings import Finding
from govinfo_lint.formatters import FileResult
from govinfo_lint.formatters import text
from govinfo_lint.model import Location, Report

# Characters rich treats specially (markup, escapes, control codes, tabs, emoji names) mixed
# with ordinary and wide ones.
_TEXT = st.lists(st.sampled_from(list("ab [/]\\:\t\r\n\x07\x1b表三“”：（）-_ 0123456789") + ["smile", ":+1:", "[bold]"]),
                 max_size=20).map("".join)


def _rich(results, lang: str) -> str:
    from rich.markup import escape

    stream = io.StringIO()
    text._write_rich(text._lines(results, lang, escape), stream)
    return stream.getvalue()


@settings(max_examples=300, deadline=None)
@given(path=_TEXT, agency=st.one_of(st.none(), _TEXT), message=_TEXT, pointer=_TEXT, reported=_TEXT,
       line=st.one_of(st.none(), st.integers(1, 99999)), severity=st.sampled_from(["error", "warning", "info"]),
       lang=st.sampled_from(["zh", "en"]), waived=st.booleans())
def test_plain_output_is_what_rich_prints(path, agency, message, pointer, reported, line, severity, lang, waived):
    finding = Finding(code="SUM-01", severity=severity, message=message, pointer=pointer,
                      location=Location(line=line, column=3) if line else None,
                      evidence={"reported": reported, "computed": 3})
    if waived:
        finding.suppressed, finding.suppression = True, {"reason": message}
    results = [FileResult(path, Report(source=path, agency=agency, year=2021, format="2021"), [finding]),
               FileResult(path + "2", Report(source=path), [])]
    stream = io.StringIO()
    text.write_text(results, stream, lang)
    assert stream.getvalue() == _rich(results, lang)


def test_rich_prints_to_a_terminal_or_when_colour_is_forced(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    assert not text._rich_renders(io.StringIO())
    assert text._rich_renders(Terminal())
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert text._rich_renders(io.StringIO())
    monkeypatch.delenv("FORCE_COLOR")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    assert text._rich_renders(io.StringIO())
