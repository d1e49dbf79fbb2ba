"""What a check kind is: the function a rule runs, the options a rule may give it, and
what of those options the JSON Schema cannot see.

A kind module ends with ``KINDS = {"name": Kind(...)}``; ``generate.py`` builds the
registry and the kind branches of ``schemas/rule.schema.json`` from those, so a kind's
contract is written once, beside its code (as yamllint keeps a rule's ``CONF`` beside
its ``check``, and Spectral a function's options schema beside the function).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator

Check = Callable[..., Iterator[Any]]
Validate = Callable[[dict[str, Any]], Iterator[tuple[tuple, str]]]


@dataclass(frozen=True)
class Kind:
    check: Check
    # a JSON Schema object for the rule's ``check`` mapping without ``kind``: ``properties``,
    # ``required`` and the like; ``additionalProperties: false`` is added when generated
    options: dict[str, Any] | None = None
    # the checks of ids and patterns the schema cannot express (unknown row or column ids)
    validate: Validate | None = None
    # True: ``check(report, options, context)``, sharing the run's analysis (``context.py``)
    uses_context: bool = False
    # Whether the check reads last year's report (``report.previous``): True, or a function of
    # the rule's options. A check that does must be silent without it, and one that does not
    # must give the same hits with or without it: a report paired with last year's after its
    # first lint is then linted again with these rules only (engine.runner.lint_report).
    reads_previous: bool | Callable[[dict[str, Any]], bool] = False
