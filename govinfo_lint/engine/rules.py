"""Rules are data: YAML files validated by ``schemas/rule.schema.json`` when loaded.

Nothing in a rule file is ever executed: a rule names one of a closed set of check
kinds (``govinfo_lint/checks``) and gives it options. A bad rule file stops the run
with ``RuleError`` carrying file:line:column.
"""

from __future__ import annotations

import errno
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import Any

from .. import lazy_re



class RuleError(Exception):
    """A rule file that cannot be used. ``str()`` is ``file:line:column: message``."""

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None):
        self.path, self.message, self.line, self.column = path, message, line, column
        where = path + (f":{line}:{column or 1}" if line else "")
        super().__init__(f"{where}: {message}")


@dataclass
class Rule:
    code: str
    name: str
    severity: str
    formats: tuple[str, ...]
    kind: str
    options: dict[str, Any]
    message: dict[str, str]
    variants: dict[str, dict[str, str]] = field(default_factory=dict)
    title: dict[str, str] = field(default_factory=dict)
    levels: tuple[str, ...] = ()
    basis: str = ""
    description: str = ""
    relax_in_2019: bool = False
    severity_by_format: dict[str, str] = field(default_factory=dict)
    examples: list[dict[str, Any]] = field(default_factory=list)
    path: str = ""
    waivable: bool = True  # false: no waiver (inline or waiver file) can hide its findings
    fix: str = ""  # "safe" or "unsafe": --fix may write the evidence's expected wording over the written

    @property
    def family(self) -> str:
        return self.code.split("-")[0]

    def severity_for(self, fmt: str | None, year: int | None) -> str:
        severity = self.severity_by_format.get(fmt or "", self.severity)
        if self.relax_in_2019 and year == 2019 and severity == "error":
            return "warning"
        return severity

    def applies_to(self, fmt: str | None, level: str | None) -> bool:
        if fmt is not None and fmt not in self.formats:
            return False
        if fmt is None and len(self.formats) < 2:
            return False
        return not self.levels or level in self.levels


CODE = lazy_re.compile(r"^[A-Z]{2,5}-\d{2,3}$")


def load_rule_file(path: Path) -> Rule:
    from ..checks import KINDS, validate_options
    from ..readers.plain import LoadError, load_text, position
    from ..resources import validator

    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(source, f"cannot read rule file: {exc}") from None
    try:
        data, positions = load_text(text, source)
    except LoadError as exc:
        raise RuleError(source, exc.bilingual, exc.line, exc.column) from None

    def fail(path_: tuple, message: str) -> RuleError:
        pos = position(positions, path_)
        return RuleError(source, message, *(pos or (None, None)))

    if not isinstance(data, dict):
        raise fail((), "a rule file must be a mapping")
    errors = sorted(validator("rule.schema.json").iter_errors(data), key=lambda e: len(list(e.absolute_path)), reverse=True)
    if errors:
        best = errors[0]
        raise fail(tuple(best.absolute_path), f"invalid rule: {best.message}")
    check = data["check"]
    if check["kind"] not in KINDS:
        raise fail(("check", "kind"), f"unknown check kind {check['kind']!r}; known: {', '.join(sorted(KINDS))}")
    options = {k: v for k, v in check.items() if k != "kind"}
    for opt_path, problem in validate_options(check["kind"], options):
        raise fail(("check",) + tuple(opt_path), problem)
    return Rule(
        code=data["code"],
        name=data["name"],
        severity=data["severity"],
        formats=tuple(str(f) for f in data.get("formats", ["2019", "2021"])),
        kind=check["kind"],
        options=options,
        message=data["message"],
        variants=data.get("variants", {}),
        title=data.get("title", {}),
        levels=tuple(data.get("levels", ())),
        basis=data.get("basis", ""),
        description=data.get("description", ""),
        relax_in_2019=bool(data.get("relax_in_2019", False)),
        severity_by_format={str(k): v for k, v in data.get("severity_by_format", {}).items()},
        examples=data.get("examples", []),
        path=source,
        waivable=bool(data.get("waivable", True)),
        fix=data.get("fix", ""),
    )


def load_rules(directories: list[Path] | None = None) -> list[Rule]:
    """All rules under the given folders (default: the shipped ``rules/``), sorted by code.

    Validated rules are cached as plain JSON keyed on the rule files' contents, so the
    schema validator is neither imported nor run while the rules are unchanged. A second
    entry is keyed on what ``stat`` says of each file (size, modification and change times
    in nanoseconds, inode), so that a run need not read and hash the hundred files either
    (3-5 ms): any write changes the change time. A file written in the last few seconds
    could be written again within the same clock tick, same size, and look unchanged, so
    while any is that recent only the content key is used (as git does for "racily clean"
    files).
    """
    from ..run import cache
    from ..resources import data_dir

    directories = directories or [data_dir("rules")]
    paths: list[Path] = []
    for directory in directories:
        if not directory.is_dir():
            raise RuleError(str(directory), "rules folder does not exist")
        paths.extend(sorted(directory.rglob("*.yaml")))
    stats = [_check_file(path) for path in paths]
    now = time.time_ns()
    settled = all(now - max(s.st_mtime_ns, s.st_ctime_ns) > _SETTLED_NS for s in stats)
    by_stat = cache.key("rulestat", [json.dumps([[str(p), s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_ino, s.st_dev]
                                                 for p, s in zip(paths, stats)]).encode()])
    if settled:
        rules = _from_cache(cache.get(by_stat))
        if rules is not None:
            return rules
    try:
        contents = [os.fsencode(p) + b"\0" + p.read_bytes() for p in paths]
    except OSError as exc:
        raise RuleError(str(exc.filename), f"cannot read rule file: {exc.strerror}") from None
    name = cache.key("rules", contents)
    ordered = _from_cache(cache.get(name))
    if ordered is None:
        found: dict[str, Rule] = {}
        for path in paths:
            rule = load_rule_file(path)
            if rule.code in found:
                raise RuleError(str(path), f"duplicate rule code {rule.code} (also in {found[rule.code].path})", 1, 1)
            found[rule.code] = rule
        ordered = [found[c] for c in sorted(found)]
        cache.put(name, [r.__dict__ for r in ordered])
    if settled:
        cache.put(by_stat, [r.__dict__ for r in ordered])
    return ordered


# How long after its last write a file's stat data is trusted to say it has not changed since.
_SETTLED_NS = 3_000_000_000


def _from_cache(cached) -> list[Rule] | None:
    if isinstance(cached, list):
        try:
            return [Rule(**{**r, "formats": tuple(r["formats"]), "levels": tuple(r["levels"])}) for r in cached]
        except (TypeError, KeyError):
            pass
    return None


def _check_file(path: Path) -> os.stat_result:
    """Rule packs come from third parties: a FIFO would block the read, a huge file fill memory.

    One ``stat`` (following links, as ``Path.is_file`` does), whose result also keys the cache."""
    from ..readers.plain import MAX_CHARS

    try:
        st = os.stat(path)
    except (OSError, ValueError) as exc:
        # What Path.is_file() takes for "no such file" (a dangling link, a loop) is not a regular file.
        if isinstance(exc, ValueError) or exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):
            raise RuleError(str(path), "not a regular file (a FIFO, device or folder named *.yaml); refused", 1, 1) \
                from None
        raise RuleError(str(path), f"cannot read rule file: {exc.strerror}") from None
    if not S_ISREG(st.st_mode):
        raise RuleError(str(path), "not a regular file (a FIFO, device or folder named *.yaml); refused", 1, 1)
    if st.st_size > MAX_CHARS:
        raise RuleError(str(path), f"rule file is {st.st_size} bytes, over the limit of {MAX_CHARS}; refused", 1, 1)
    return st


def matches(code: str, patterns: list[str]) -> bool:
    """Ruff-style selection: ``SUM`` or ``SUM-0`` selects SUM-01; ``ALL`` selects all."""
    return any(p == "ALL" or code == p or code.startswith(p if p.endswith("-") or "-" in p else p + "-") for p in patterns)


def select(rules: list[Rule], select_: list[str] | None = None, ignore: list[str] | None = None) -> list[Rule]:
    chosen = [r for r in rules if not select_ or matches(r.code, select_)]
    return [r for r in chosen if not ignore or not matches(r.code, ignore)]
