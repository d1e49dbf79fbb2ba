"""Regular expressions compiled when first used rather than when their module is imported.

Compiling is not free: ``re``'s charset optimiser maps, in Python, every character a class
or the first characters of an alternation can match, about 0.2 ms for a few CJK characters
and 1–3 ms for a range such as ``[\\u4e00-\\u9fff]``. The check modules and the modules
every run imports hold about 150 patterns; one report uses about half of them, so compiling
all at import cost every ``govinfo-lint check`` some 10–15 ms for patterns it never ran.

The patterns a run does use are compiled from a table kept in the cache folder: for each
pattern, the program ``re`` compiles it to (plain integers), handed straight to ``_sre``,
which checks a program before it runs one, so a damaged table is refused, not obeyed. That
turns some 8 ms of a one-file run into well under one. The table is keyed on the exact
Python build, as ``.pyc`` files are, and used only on the versions whose ``re`` internals
it was written for; anywhere else, or when anything about it is off, ``re.compile`` runs.
"""

from __future__ import annotations

import re
import sys

# re._compiler.compile's last step, unchanged from 3.11 through 3.13.
_CACHED = (3, 11) <= sys.version_info[:2] <= (3, 13)
_table: dict | None = None  # "flags:pattern" -> [flags, code, groups, groupindex, indexgroup]
_new: dict = {}


def _entry_name() -> str:
    import _sre

    from .run import cache

    return cache.key("regex", [sys.version.encode(), str(_sre.MAGIC).encode()])


def _load() -> dict:
    global _table
    if _table is None:
        from .run import cache

        found = cache.get(_entry_name())
        _table = found if isinstance(found, dict) else {}
    return _table


def _program(pattern: str, flags: int) -> list:
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return [flags | parsed.state.flags, _compiler._code(parsed, flags), parsed.state.groups - 1, groupindex, indexgroup]


def compile_now(pattern: str, flags: int = 0) -> re.Pattern:
    """What ``re.compile(pattern, flags)`` gives, from the table where it can."""
    if not _CACHED or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    import _sre

    key = f"{flags}:{pattern}"
    saved = _load().get(key)
    if saved is not None:
        try:
            return _sre.compile(pattern, saved[0], saved[1], saved[2], saved[3], tuple(saved[4]))
        except Exception:  # noqa: BLE001 - a damaged or foreign entry: compile afresh
            pass
    try:
        program = _program(pattern, flags)
        compiled = _sre.compile(pattern, program[0], program[1], program[2], program[3], tuple(program[4]))
    except Exception:  # noqa: BLE001 - let re say what is wrong with the pattern
        return re.compile(pattern, flags)
    try:
        key.encode("utf-8")  # a lone surrogate in a pattern (``[\ud800-\udfff]``) cannot go in a JSON file
    except UnicodeEncodeError:
        return compiled
    _new[key] = program
    return compiled


def save() -> None:
    """Add this process's newly compiled patterns to the table (at the end of a run)."""
    global _table
    if not _new:
        return
    from .run import cache

    try:
        name = _entry_name()
    except Exception:  # noqa: BLE001 - a cache is an optimisation: never the reason a run fails
        return
    stored = cache.get(name)  # read again: a child or worker may have added to it meanwhile
    table = {**(stored if isinstance(stored, dict) else {}), **_new}
    _new.clear()
    cache.put(name, table)
    _table = table


class LazyPattern:
    """Stands for ``re.compile(pattern, flags)`` wherever only its attributes are used
    (``.search``, ``.finditer``, ``.pattern``…); not for ``re.sub(PATTERN, …)`` or
    ``isinstance(…, re.Pattern)``.

    The first attribute looked up compiles the pattern; each attribute is then kept on the
    instance, so a later ``PATTERN.search`` costs what the compiled pattern's does.
    """

    def __init__(self, pattern: str, flags: int = 0):
        self.__dict__["_source"] = (pattern, flags)

    def __getattr__(self, name: str):  # called only for names not yet on the instance
        if name.startswith("__"):
            raise AttributeError(name)  # copy, pickle and friends probe for these
        state = self.__dict__
        compiled = state.get("_compiled")
        if compiled is None:
            compiled = state["_compiled"] = compile_now(*state["_source"])
        value = state[name] = getattr(compiled, name)
        return value

    def __repr__(self) -> str:
        pattern, flags = self.__dict__["_source"]
        return f"lazy_re.compile({pattern!r}, {flags})"


def compile(pattern: str, flags: int = 0) -> LazyPattern:  # noqa: A001 - reads like re.compile
    return LazyPattern(pattern, flags)
