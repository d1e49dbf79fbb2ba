"""One run's shared analysis of one report, handed to the checks that want it.

Several narrative rules read the same sentences and the same figure mentions; the
engine makes one ``Context`` per report and run, and each analysis is computed the
first time a check asks for it (as Ruff's checker builds its semantic model once for
all rules). Nothing outlives the run, so no cache is keyed on a report's identity.
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar

T = TypeVar("T")


class Context:
    __slots__ = ("report", "_done")

    def __init__(self, report) -> None:
        self.report = report
        self._done: dict[Callable, Any] = {}

    def once(self, compute: Callable[["Context"], T]) -> T:
        """``compute(self)``, computed on the first call for this report and kept for the others."""
        try:
            return self._done[compute]
        except KeyError:
            value = self._done[compute] = compute(self)
            return value
