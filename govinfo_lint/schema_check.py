"""A quick yes-or-don't-know answer to "is this instance valid against that JSON Schema?".

Importing jsonschema costs about 100 ms, more than reading and linting a structured report,
and almost every report checked is valid. ``certainly_valid`` decides validity itself for
the few Draft 2020-12 keywords our own schemas use, with jsonschema's semantics (``integer``
includes 2.0, ``bool`` is not a number, ``pattern`` is ``re.search``). It answers True only
when the instance is valid; anything it is unsure of (an unknown keyword, an unusual Python
type, an enum it cannot compare exactly) makes it answer False, and the caller then runs
jsonschema, which finds the errors and words them. Every file is still checked every time:
this is a faster validator for the common case, never a cache.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from . import lazy_re

# Keywords that only annotate: they never make an instance invalid.
_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "examples", "default",
                          "deprecated", "readOnly", "writeOnly"})
_SUPPORTED = frozenset({"type", "enum", "pattern", "minimum", "maximum", "properties", "additionalProperties",
                        "required", "items", "propertyNames", "if", "then", "else", "$ref", "$defs"}) | _ANNOTATIONS
_EXACT_SCALARS = (str, int, float, bool, type(None))


class _Unsure(Exception):
    """The instance or schema has something this checker does not decide: ask jsonschema."""


def certainly_valid(schema: dict[str, Any], instance: Any) -> bool:
    """True only if ``instance`` is valid against ``schema`` (Draft 2020-12); False means
    "invalid, or not decided here": validate with jsonschema for the verdict and the errors."""
    if not supported(schema):
        return False
    try:
        return _valid(schema, instance, schema)
    except (_Unsure, RecursionError):
        return False


def supported(schema: Any, top: bool = True) -> bool:
    """Every keyword of the schema is one implemented here, and every ``$ref`` names a ``$defs``
    entry of the root (no nested ``$id`` could move what ``#`` means)."""
    if isinstance(schema, bool):
        return True
    if not isinstance(schema, dict):
        return False
    for word, value in schema.items():
        if word not in _SUPPORTED or (word == "$id" and not top):
            return False
        if word in _ANNOTATIONS or word in ("type", "enum", "pattern", "minimum", "maximum", "required"):
            continue
        if word == "$ref":
            if not (isinstance(value, str) and _LOCAL_REF.match(value)):
                return False
        elif word in ("properties", "$defs"):
            if not isinstance(value, dict) or not all(supported(v, False) for v in value.values()):
                return False
        elif not supported(value, False):
            return False
    return True


_LOCAL_REF = lazy_re.compile(r"#/\$defs/[A-Za-z0-9_]+\Z")


def _is_type(instance: Any, name: str) -> bool:
    if name == "object":
        return isinstance(instance, dict)
    if name == "array":
        return isinstance(instance, list)
    if name == "string":
        return isinstance(instance, str)
    if name == "null":
        return instance is None
    if name == "boolean":
        return isinstance(instance, bool)
    if name == "integer":
        if isinstance(instance, bool):
            return False
        return isinstance(instance, int) or (isinstance(instance, float) and instance.is_integer())
    if name == "number":
        return isinstance(instance, (int, float)) and not isinstance(instance, bool)
    raise _Unsure(name)


def _in_enum(instance: Any, options: list[Any]) -> bool:
    # jsonschema compares with bool kept apart from 0/1; we only decide the plain cases.
    for option in options:
        if option is None or isinstance(option, (bool, str)):
            if instance is option or (type(instance) is type(option) and instance == option):
                return True
        elif type(option) is int and type(instance) is int and instance == option:
            return True
    return False


@lru_cache(maxsize=None)
def _pattern(pattern: str) -> re.Pattern:
    return re.compile(pattern)


class _Plan:
    """One schema object's keywords, looked up once: a report has hundreds of values and
    the same few dozen schema objects check them all."""

    __slots__ = ("schema", "ref", "types", "enum", "pattern", "minimum", "maximum", "required", "properties",
                 "additional", "names", "items", "has_items", "cond", "then", "otherwise")

    def __init__(self, schema: dict[str, Any]):
        self.schema = schema  # kept alive, so its id is not reused while the plan is cached
        self.ref = schema.get("$ref")
        kind = schema.get("type")
        self.types = None if kind is None else tuple(kind if isinstance(kind, list) else [kind])
        self.enum = schema["enum"] if "enum" in schema else None
        self.pattern = _pattern(schema["pattern"]) if "pattern" in schema else None
        self.minimum = schema.get("minimum")
        self.maximum = schema.get("maximum")
        self.required = tuple(schema.get("required", ()))
        self.properties = schema.get("properties", {})
        self.additional = schema.get("additionalProperties")
        self.names = schema.get("propertyNames")
        self.has_items = "items" in schema
        self.items = schema.get("items")
        self.cond = schema["if"] if "if" in schema else None
        self.then = schema.get("then")
        self.otherwise = schema.get("else")


_PLANS: dict[int, _Plan] = {}


def _plan(schema: dict[str, Any]) -> _Plan:
    plan = _PLANS.get(id(schema))
    if plan is None or plan.schema is not schema:
        plan = _PLANS[id(schema)] = _Plan(schema)
    return plan


def _valid(schema: Any, instance: Any, root: dict[str, Any]) -> bool:
    if schema is True:
        return True
    if schema is False:
        return False
    if not isinstance(instance, (dict, list)) and type(instance) not in _EXACT_SCALARS:
        raise _Unsure(type(instance).__name__)  # Decimal, tuple, a str subclass ...: jsonschema decides
    plan = _plan(schema)
    if plan.ref is not None:
        target = root.get("$defs", {}).get(plan.ref[len("#/$defs/"):])
        if target is None:
            raise _Unsure(plan.ref)
        if not _valid(target, instance, root):
            return False
    if plan.types is not None and not any(_is_type(instance, name) for name in plan.types):
        return False
    if plan.enum is not None and not _in_enum(instance, plan.enum):
        return False
    if plan.pattern is not None and isinstance(instance, str) and not plan.pattern.search(instance):
        return False
    if isinstance(instance, (int, float)) and not isinstance(instance, bool):
        if plan.minimum is not None and instance < plan.minimum:
            return False
        if plan.maximum is not None and instance > plan.maximum:
            return False
    if isinstance(instance, dict):
        if not _valid_object(plan, instance, root):
            return False
    elif isinstance(instance, list) and plan.has_items:
        items = plan.items
        if not all(_valid(items, item, root) for item in instance):
            return False
    if plan.cond is not None:
        branch = plan.then if _valid(plan.cond, instance, root) else plan.otherwise
        if branch is not None and not _valid(branch, instance, root):
            return False
    return True


def _valid_object(plan: _Plan, instance: dict, root: dict[str, Any]) -> bool:
    for name in plan.required:
        if name not in instance:
            return False
    properties, additional, names = plan.properties, plan.additional, plan.names
    for key, value in instance.items():
        if names is not None and not _valid(names, key, root):
            return False
        if key in properties:
            if not _valid(properties[key], value, root):
                return False
        elif additional is not None and not _valid(additional, value, root):
            return False
    return True
