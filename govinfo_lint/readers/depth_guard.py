"""Refuse deep nesting before a recursive parser or composer sees it.

ruamel.yaml's C composer (and our own tree builder) recurse once per level; at about
50,000 levels (100 KB of ``[``) the C stack runs out and the process dies with SIGSEGV,
before any limit written in Python can apply. The guard counts depth on libyaml's event
stream (YAML, and JSON, which YAML reads), stopping at the first level over the limit. Its
parser keeps its own heap stack, so it cannot overflow, and events come one at a time, so a
50,000-level file costs 65 events, not 50,000. It is exact (no report is refused for
brackets inside a string or a comment) and costs about a tenth of a normal load. JSON read
with the ``json`` module (the result cache) needs no guard: its C decoder counts its own
recursion and raises RecursionError.
"""

from __future__ import annotations

# Whatever a configuration allows (``structured-depth``), nothing deeper than this is
# composed: ruamel.yaml's C composer has handled 20,000 levels here, so this leaves a
# wide margin on a smaller thread stack.
HARD_DEPTH = 1000


class TooDeep(Exception):
    def __init__(self, limit: int, line: int | None = None, column: int | None = None):
        super().__init__(f"nested deeper than {limit} levels")
        self.limit = limit
        self.line = line
        self.column = column


def check_yaml(yaml, text: str, max_depth: int) -> None:
    """Raise TooDeep at the first collection nested deeper than ``max_depth``.

    ``yaml`` is the ruamel ``YAML`` instance that will compose the text (same parser, so a
    syntax error is raised here exactly as compose would raise it).
    """
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    limit = min(max_depth, HARD_DEPTH)
    depth = 0
    for event in yaml.parse(text):
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > limit:
                mark = event.start_mark
                raise TooDeep(limit, mark.line + 1 if mark else None, mark.column + 1 if mark else None)
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
