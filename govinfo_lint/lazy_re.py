"""Regular expressions compiled when first used rather than when their module is imported.

Compiling is not free: ``re``'s charset optimiser maps, in Python, every character a class
or the first characters of an alternation can match, about 0.2 ms for a few CJK characters
and 1–3 ms for a range such as ``[\\u4e00-\\u9fff]``. The check modules and the modules
every run imports hold about 150 patterns; one report uses about half of them, so compiling
all at import cost every ``govinfo-lint check`` some 10–15 ms for patterns it never ran.
"""

from __future__ import annotations

import re


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
            compiled = state["_compiled"] = re.compile(*state["_source"])
        value = state[name] = getattr(compiled, name)
        return value

    def __repr__(self) -> str:
        pattern, flags = self.__dict__["_source"]
        return f"lazy_re.compile({pattern!r}, {flags})"


def compile(pattern: str, flags: int = 0) -> LazyPattern:  # noqa: A001 - reads like re.compile
    return LazyPattern(pattern, flags)
