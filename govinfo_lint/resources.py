"""Where the shipped rule files and schemas are: inside the wheel, or beside the checkout."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """``rules`` or ``schemas``: packaged copy first (wheel), then the source tree."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"govinfo-lint data folder '{name}' is missing from the installation")


@lru_cache(maxsize=None)
def schema(name: str) -> dict[str, Any]:
    with (data_dir("schemas") / name).open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=None)
def validator(name: str):
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(name))
