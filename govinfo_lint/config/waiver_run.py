"""Applying waivers to a checked batch and reporting the waivers' own problems (WVR rules).

Separate from ``waivers.py`` (what a waiver is) and ``batch.py`` (how files are checked):
this is the step between checking and output, and it is never cached.
"""

from __future__ import annotations

from pathlib import Path

from ..findings import Finding
from ..model import Diagnostic, Report
from .settings import all_rules, build_rules
from .waivers import Waiver, apply_waivers, inline_waivers, load_waiver_file, today, waiver_diagnostics

WAIVER_KINDS = frozenset({"waiver_unused", "waiver_expired", "waiver_invalid", "waiver_refused"})


def wvr_findings(diagnostics: list[Diagnostic], rules, lang: str) -> list[Finding]:
    """The WVR rules (those selected for the file) run over the waivers' diagnostics."""
    from ..engine.runner import run_rule

    if not diagnostics:
        return []
    stub = Report(diagnostics=diagnostics)
    out: list[Finding] = []
    for rule in rules:
        if rule.kind == "diagnostic" and WAIVER_KINDS & set(rule.options.get("kinds", ())):
            out.extend(run_rule(rule, stub, lang))
    return out


def load_all(settings) -> dict[str, list[Waiver]]:
    """Every waiver file the settings name, read (and validated) before any file is checked."""
    external: dict[str, list[Waiver]] = {}
    for s in settings:
        if s.waivers and s.waivers not in external:
            external[s.waivers] = load_waiver_file(Path(s.waivers), [r.code for r in all_rules(s.rules)])
    return external


def apply_all(batch, results, lang: str, external: dict[str, list[Waiver]]) -> list:
    """Mark waived findings in ``results`` (in place); add WVR findings; return the results
    plus one result per waiver file that has a problem to report."""
    day, external_rules = today(), {}
    for f, result in zip(batch, results):
        apply_file(f, result, lang, external, day, external_rules)
    return results + waiver_file_results(external, external_rules, day, lang)


def apply_file(f, result, lang: str, external: dict[str, list[Waiver]], day, external_rules: dict) -> None:
    """``apply_all`` for one file, as a streamed run takes its results: ``external_rules``
    gathers, file by file, what ``waiver_file_results`` needs at the end."""
    dirs = f.settings.rules
    codes = [r.code for r in all_rules(dirs)]
    waivers: list[Waiver] = []
    problems: list[Diagnostic] = []
    if f.text is not None:
        waivers, problems = inline_waivers(Path(f.path), f.text, codes)  # the batch keeps paths as strings
    inline = list(waivers)
    if f.settings.waivers:
        external_rules.setdefault(f.settings.waivers, f.settings.rule_key)
        waivers += external[f.settings.waivers]
    if not waivers and not problems:
        return
    rules = build_rules(f.settings.rule_key)
    ran = {r.code for r in rules}
    waivable = {r.code: r.waivable for r in all_rules(dirs)}
    apply_waivers(result.findings, Path(f.path), waivers, ran, waivable, day)
    result.findings.extend(wvr_findings(problems + waiver_diagnostics(inline, day), rules, lang))
    result.findings.sort(key=Finding.sort_key)


def waiver_file_results(external: dict[str, list[Waiver]], external_rules: dict, day, lang: str) -> list:
    """One result per waiver file with a problem (unused, expired…), once every file is through."""
    from ..findings import WAIVER_FILE, FileResult

    extra = []
    for path, waivers in external.items():
        if path not in external_rules:
            continue  # named by a configuration, but none of its files was checked
        found = wvr_findings(waiver_diagnostics(waivers, day), build_rules(external_rules[path]), lang)
        if found:
            found.sort(key=Finding.sort_key)
            extra.append(FileResult(path, Report(source=path, input_kind=WAIVER_FILE), found))
    return extra
