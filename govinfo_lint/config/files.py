"""Configuration files: ``.govinfo-lint.yaml`` or ``[tool.govinfo-lint]`` in pyproject.toml.

As in ruff, each checked file takes the nearest configuration found from its folder
upward (no merging); the search stops after a folder holding ``.git`` and at the
filesystem root. A file is validated by ``schemas/config.schema.json``; a bad one stops
the run with ``ConfigError`` (``file:line:col: message``, exit status 2). Validated
contents are cached as JSON keyed on the file's bytes, so a warm run does not import
the schema validator.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

CONFIG_NAMES = (".govinfo-lint.yaml", ".govinfo-lint.yml", "govinfo-lint.yaml")
PYPROJECT = "pyproject.toml"
TOOL = "govinfo-lint"


class ConfigError(Exception):
    """A configuration or waiver file that cannot be used. ``str()`` is ``file:line:col: message``."""

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None):
        self.path, self.message, self.line, self.column = path, message, line, column
        super().__init__(f"{path}{f':{line}:{column or 1}' if line else ''}: {message}")


@dataclass
class Config:
    path: Path | None  # None: no file, the defaults
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        """Relative paths and globs in the file are relative to its folder."""
        return self.path.parent if self.path else Path(os.getcwd())

    def resolve(self, value: str) -> Path:
        path = Path(value).expanduser()
        return Path(os.path.normpath(path if path.is_absolute() else self.root / path))

    def error(self, key_path: tuple, message: str) -> ConfigError:
        """An error placed at a key of this file (positions are re-read: errors are rare)."""
        where = self.position(key_path)
        return ConfigError(str(self.path or "<command line>"), message, *(where or (None, None)))

    def position(self, key_path: tuple) -> tuple[int, int] | None:
        if self.path is None:
            return None
        from ..readers.plain import position

        try:
            _data, positions = _parse(self.path, self.path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, ConfigError):
            return None
        return position(positions, key_path, key=True)


# --- discovery ---------------------------------------------------------------------------


def find_config(folder: Path) -> Path | None:
    """The configuration that applies to files in ``folder`` (an absolute path), if any."""
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
        if (candidate / ".git").exists():
            return None
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*[\"']?govinfo-lint[\"']?\s*[\].]", text, re.M) is not None


# --- loading -----------------------------------------------------------------------------


def load_config(path: Path) -> Config:
    from ..run import cache

    path = Path(os.path.abspath(path))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(str(path), f"无法读取配置文件 (cannot read the configuration): {exc.strerror}") from None
    name = cache.key("config", [os.fsencode(path), raw])
    cached = cache.get(name)
    if isinstance(cached, dict):
        return Config(path, cached)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), f"配置文件不是 UTF-8 编码 (not UTF-8, byte {exc.start})") from None
    data, positions = _parse(path, text)
    _validate(path, data, positions, "config.schema.json", "配置")
    cache.put(name, data)
    return Config(path, data)


def _parse(path: Path, text: str) -> tuple[dict, dict]:
    from ..readers.plain import LoadError, load_text

    if path.name == PYPROJECT:
        return _parse_pyproject(path, text)
    try:
        data, positions = load_text(text, str(path))
    except LoadError as exc:
        raise ConfigError(str(path), exc.bilingual, exc.line, exc.column) from None
    if data is None:
        return {}, positions
    if not isinstance(data, dict):
        raise ConfigError(str(path), "a configuration file must be a mapping (key: value)", 1, 1)
    return data, positions


def _parse_pyproject(path: Path, text: str) -> tuple[dict, dict]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ModuleNotFoundError:
            raise ConfigError(str(path), "reading pyproject.toml needs Python 3.11+ or the tomli package; "
                              "use .govinfo-lint.yaml instead") from None
    try:
        doc = tomllib.loads(text)
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise ConfigError(str(path), "配置嵌套层次过深，未解析 (nesting too deep to parse)") from None
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+), column (\d+)", str(exc))
        raise ConfigError(str(path), f"TOML syntax error: {exc}", *(map(int, match.groups()) if match else ())) from None
    data = doc.get("tool", {}).get(TOOL, {})
    if not isinstance(data, dict):
        raise ConfigError(str(path), "[tool.govinfo-lint] must be a table")
    return data, _toml_positions(text)


def _toml_positions(text: str) -> dict:
    """Where the keys of [tool.govinfo-lint] are written (tomllib keeps no positions)."""
    positions: dict = {}
    table: tuple | None = None
    header = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$")
    assign = re.compile(r"""^(\s*)("[^"]*"|'[^']*'|[A-Za-z0-9_\-.]+)\s*=""")
    for number, line in enumerate(text.splitlines(), 1):
        m = header.match(line)
        if m:
            parts = [p.strip().strip("\"'") for p in m.group(1).split(".")]
            table = tuple(parts[2:]) if parts[:2] == ["tool", TOOL] else None
            if table:
                positions.setdefault(table + ("__key__",), (number, line.index("[") + 1))
                positions.setdefault(table, (number, line.index("[") + 1))
            continue
        m = assign.match(line)
        if m and table is not None:
            key = table + (m.group(2).strip("\"'"),)
            positions.setdefault(key + ("__key__",), (number, len(m.group(1)) + 1))
            positions.setdefault(key, (number, len(m.group(1)) + 1))
    return positions


def _validate(path: Path, data: Any, positions: dict, schema: str, what: str) -> None:
    from ..readers.plain import position
    from ..resources import validator

    errors = sorted((_leaf(e) for e in validator(schema).iter_errors(data)),
                    key=lambda e: (-len(list(e.absolute_path)), str(e.path)))
    if not errors:
        return
    error = errors[0]
    where = tuple(error.absolute_path)
    message = error.message
    if error.validator == "additionalProperties":
        allowed = sorted((error.schema.get("properties") or {}).keys())
        extra = sorted(set(error.instance) - set(allowed))
        if extra:
            where = where + (extra[0],)
            guess = suggest(extra[0], allowed)
            message = f"未知配置项 (unknown key) '{extra[0]}'" + (f"; did you mean '{guess}'?" if guess else
                                                                 f"; known keys: {', '.join(allowed)}")
    elif error.validator == "enum":
        choices = [str(v) for v in error.validator_value]
        guess = suggest(str(error.instance), choices)
        message = f"'{error.instance}' is not allowed; " + (f"did you mean '{guess}'?" if guess else
                                                           f"one of: {', '.join(choices)}")
    elif error.validator == "pattern" and isinstance(error.instance, str):
        message = (f"'{error.instance}' is not a rule code or prefix (e.g. SUM, SUM-03, ALL)"
                   if "[A-Z]{2,5}" in error.validator_value else
                   f"'{error.instance}' has the wrong form: {error.schema.get('description') or error.validator_value}")
    pos = position(positions, where, key=error.validator in ("additionalProperties", "propertyNames"))
    label = "/".join(str(p) for p in where) or "(top level)"
    raise ConfigError(str(path), f"{what}无效 (invalid {'configuration' if what == '配置' else 'waiver file'}) at "
                      f"{label}: {message}", *(pos or (None, None)))


def suggest(word: str, choices: list[str]) -> str | None:
    """The likeliest intended choice for a mistyped key, value or code."""
    import difflib

    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.6) or difflib.get_close_matches(
        word.upper(), choices, n=1, cutoff=0.6)
    return found[0] if found else None


def unknown_code(code: str, known: list[str], lang: str | None = None, prefixes: bool = True) -> str:
    """What to say of a rule code that names no rule (with ``prefixes``, nor a family), with
    the likeliest intended one: in ``lang``, or Chinese then English when None. The one
    wording of the command line, the configuration, waivers and ``govinfo-lint rule``."""
    choices = sorted({c.split("-")[0] for c in known}) if prefixes and "-" not in code else known
    guess = suggest(code, choices)
    zh = f"未知的规则代码{'或前缀' if prefixes else ''} {code}" + (f"，是否应为 {guess}？" if guess else "")
    en = f"unknown rule code{' or prefix' if prefixes else ''} '{code}'" + (f"; did you mean '{guess}'?" if guess else "")
    return zh if lang == "zh" else en if lang == "en" else f"{zh} ({en})"


def unknown_selectors(codes, known: list[str]):
    """(index, message) for each selector in ``codes`` that selects none of ``known``: Ruff
    refuses those, since a typo would silently disable a check."""
    from ..engine.rules import matches

    for i, code in enumerate(codes):
        if not any(matches(c, [code]) for c in known):
            yield i, unknown_code(code, known)


def _leaf(error):
    """The most telling sub-error of a oneOf: the deepest, a wrong value before a wrong type."""
    while error.context:
        error = max(error.context, key=lambda e: (len(list(e.absolute_path)), e.validator != "type"))
    return error


# --- globs -------------------------------------------------------------------------------


@lru_cache(maxsize=1024)
def _glob_regex(pattern: str, stars_only: bool = False) -> re.Pattern[str]:
    """``*`` within one '/'-part, ``**`` across parts; with ``stars_only`` (JSON pointers),
    ``?`` and ``[…]`` are literal, for a pointer's keys can be row labels as written."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif stars_only:
            out.append(re.escape(pattern[i]))
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 1:]:
            end = pattern.index("]", i + 1)
            body = pattern[i + 1:end].replace("\\", "\\\\")
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def glob_match(pattern: str, relative: str) -> bool:
    """Whether a file (its path relative to the configuration's folder, with '/') matches.

    A pattern with '/' matches the whole relative path (``乡镇/**``, ``reports/*.yaml``);
    one without matches any file or folder name on the path (``*.md``, ``草稿``);
    a leading '!' negates.
    """
    if pattern.startswith("!"):
        return not glob_match(pattern[1:], relative)
    pattern = pattern.removeprefix("./")
    if pattern.endswith("/"):
        pattern += "**"
    regex = _glob_regex(pattern)
    if "/" in pattern:
        return regex.match(relative) is not None
    return any(regex.match(part) for part in relative.split("/"))


def pointer_match(pattern: str, pointer: str) -> bool:
    """Whether a model pointer matches a waiver's pointer or pointer glob
    (``/tables/requests/*/total``; ``**`` also crosses '/')."""
    return pattern == pointer or _glob_regex(pattern, stars_only=True).match(pointer) is not None


def relative_to(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with '/', or its absolute path when outside it."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return absolute.as_posix()
