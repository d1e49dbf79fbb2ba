"""The settings of each checked file: its configuration, overridden by the command line.

An option given on the command line wins over the configuration: ``--select`` replaces
the configuration's ``select`` and ``ignore`` (the user asked for exactly these rules),
``--ignore`` and ``--rules`` add to them, every other option replaces its key.
``per-file-ignores`` always apply.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from .files import Config, ConfigError, find_config, glob_match, load_config, relative_to
from ..limits import Limits, from_mapping


@dataclass(frozen=True)
class Overrides:
    """What the command line said (None: not given)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    fail_on: str | None = None
    lang: str | None = None
    max_bytes: int | None = None
    jobs: int | None = None
    waivers: str | None = None
    limits: Limits = Limits()  # --limit NAME=VALUE and --timeout


@dataclass(frozen=True)
class FileSettings:
    """Everything that decides one file's findings; hashable, picklable, JSON-able."""

    config: str | None
    rules: tuple[str, ...]
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    severity: tuple[tuple[str, str], ...]
    level: str | None
    level_forced: bool  # per-file-level: also replaces a level guessed from the name
    outline_json: str
    max_bytes: int
    waivers: str | None
    limits: Limits = Limits()

    @property
    def rule_key(self) -> tuple:
        return (self.rules, self.select, self.ignore, self.severity)

    @property
    def outline(self) -> dict[str, Any]:
        return json.loads(self.outline_json)

    def to_dict(self) -> dict[str, Any]:
        from ..limits import effective

        return {"config": self.config, "select": list(self.select) or ["ALL"], "ignore": list(self.ignore),
                "severity": dict(self.severity), "rules": list(self.rules), "level": self.level,
                "level_overrides_inferred": self.level_forced, "local-outline": self.outline,
                "max-bytes": self.max_bytes, "waivers": self.waivers,
                "limits": {k: v for k, v in effective(self.limits, self.max_bytes).items() if k != "max-bytes"}}


@dataclass(frozen=True)
class RunSettings:
    """Settings of the run as a whole, from the configuration of the first path."""

    config: str | None
    fail_on: str
    lang: str
    jobs: int | None


def _severity_for(code: str, overrides: tuple[tuple[str, str], ...]) -> str | None:
    from ..engine.rules import matches

    hits = [(len(p) if p != "ALL" else 0, s) for p, s in overrides if matches(code, [p])]
    return max(hits)[1] if hits else None


@lru_cache(maxsize=64)
def build_rules(rule_key: tuple) -> tuple:
    """The rules one file runs: selected, ignored, with severity overrides (``off`` drops)."""
    from ..engine.rules import select as chosen

    dirs, select, ignore, severity = rule_key
    # Filtered from the folders' rules loaded once, not loaded again for every selection.
    rules = chosen(list(all_rules(dirs)), list(select) or None, list(ignore) or None)
    out = []
    for rule in rules:
        level = _severity_for(rule.code, severity)
        if level == "off":
            continue
        if level:
            rule = replace(rule, severity=level, severity_by_format={}, relax_in_2019=False)
        out.append(rule)
    return tuple(out)


@lru_cache(maxsize=16)
def all_rules(dirs: tuple[str, ...]) -> tuple:
    from ..api import load_rules

    return tuple(load_rules(list(dirs) or None))


class Resolver:
    def __init__(self, overrides: Overrides = Overrides(), config_file: str | None = None, isolated: bool = False):
        self.overrides = overrides
        self.isolated = isolated
        self.fixed = load_config(Path(config_file)) if config_file else None
        self._checked: set[str | None] = set()
        self._found: dict[Path, Path | None] = {}  # folder -> its configuration, for this run
        self._loaded: dict[Path, Config] = {}  # configuration file -> loaded, for this run
        if overrides.select is not None or overrides.ignore:
            self._check_codes(Config(None), {("--select",): overrides.select or (), ("--ignore",): overrides.ignore},
                              tuple(str(Path(d).absolute()) for d in overrides.rules))

    def config_for(self, path: Path) -> Config:
        if self.fixed is not None:
            return self.fixed
        if self.isolated:
            return Config(None)
        folder = Path(os.path.abspath(path))
        folder = folder if folder.is_dir() else folder.parent
        if folder not in self._found:
            self._found[folder] = find_config(folder)
        found = self._found[folder]
        if not found:
            return Config(None)
        if found not in self._loaded:
            self._loaded[found] = load_config(found)
        return self._loaded[found]

    def settings_for(self, path: Path) -> FileSettings:
        from ..readers import DEFAULT_MAX_BYTES

        config = self.config_for(path)
        data, over = config.data, self.overrides
        relative = relative_to(path, config.root)
        rules = tuple(str(config.resolve(d)) for d in data.get("rules", [])) + tuple(
            str(Path(d).absolute()) for d in over.rules)
        if over.select is not None:
            select, ignore = tuple(over.select), ()
        else:
            select, ignore = tuple(data.get("select", ())), tuple(data.get("ignore", ()))
        for pattern, codes in data.get("per-file-ignores", {}).items():
            if glob_match(pattern, relative):
                ignore += tuple(codes)
        ignore += tuple(over.ignore)
        level, forced = data.get("level"), False
        for pattern, value in data.get("per-file-level", {}).items():
            if glob_match(pattern, relative):
                level, forced = value, True
                break
        waivers = over.waivers and str(Path(over.waivers).absolute()) or (
            str(config.resolve(data["waivers"])) if data.get("waivers") else None)
        settings = FileSettings(
            config=str(config.path) if config.path else None,
            rules=rules,
            select=tuple(dict.fromkeys(select)),
            ignore=tuple(dict.fromkeys(ignore)),
            severity=tuple(sorted(data.get("severity", {}).items())),
            level=level,
            level_forced=forced,
            outline_json=json.dumps(data.get("local-outline", {}), ensure_ascii=False, sort_keys=True),
            max_bytes=over.max_bytes or data.get("max-bytes") or DEFAULT_MAX_BYTES,
            waivers=waivers,
            limits=from_mapping(data.get("limits", {})).merged(over.limits),
        )
        if settings.config not in self._checked:
            self._checked.add(settings.config)
            self._check_config_codes(config, rules)
        return settings

    def run_settings(self, first: Path | None) -> RunSettings:
        config = self.config_for(first) if first is not None else (self.fixed or Config(None))
        data, over = config.data, self.overrides
        return RunSettings(config=str(config.path) if config.path else None,
                           fail_on=over.fail_on or data.get("fail-on", "error"),
                           lang=over.lang or data.get("lang", "zh"),
                           jobs=over.jobs if over.jobs is not None else data.get("jobs"))

    def excluded(self, path: Path) -> bool:
        """A file met while walking a folder that the configuration's ``exclude`` skips."""
        config = self.config_for(path)
        patterns = config.data.get("exclude", ())
        return bool(patterns) and any(glob_match(p, relative_to(path, config.root)) for p in patterns)

    def is_settings_file(self, path: Path) -> bool:
        """A configuration or the configured waiver file: never a report, even when named."""
        from .files import CONFIG_NAMES

        if path.name in CONFIG_NAMES:
            return True
        config = self.config_for(path)
        named = self.overrides.waivers or (config.data.get("waivers") and str(config.resolve(config.data["waivers"])))
        return bool(named) and os.path.abspath(named) == os.path.abspath(path)

    def _check_config_codes(self, config: Config, rules: tuple[str, ...]) -> None:
        data = config.data
        places: dict[tuple, tuple] = {("select",): data.get("select", ()), ("ignore",): data.get("ignore", ())}
        for pattern, codes in data.get("per-file-ignores", {}).items():
            places[("per-file-ignores", pattern)] = codes
        for code in data.get("severity", {}):
            places[("severity", code)] = (code,)
        self._check_codes(config, places, rules)

    @staticmethod
    def _check_codes(config: Config, places: dict[tuple, tuple], rules: tuple[str, ...]) -> None:
        """Ruff refuses a selector that selects nothing: a typo would silently disable a check."""
        from .files import unknown_selectors

        known = [r.code for r in all_rules(rules)]
        for where, codes in places.items():
            for i, message in unknown_selectors(codes, known):
                if config.path is None:
                    raise ConfigError(where[0], message)
                key = where if where[0] == "severity" else where + (i,)
                raise config.error(key, message)


def apply_to_report(report, settings: FileSettings) -> None:
    """What the configuration says about a report that the report itself may not."""
    if settings.level and (report.level is None or (settings.level_forced and report.level_inferred)):
        report.level = settings.level
        report.level_inferred = False
    outline = settings.outline
    if outline:
        report.outline = outline
