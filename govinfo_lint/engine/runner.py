"""Run rules over a report and turn check hits into findings with messages and places."""

from __future__ import annotations

from typing import Any

from ..findings import Finding
from ..model import Report
from ..one_line import one_line
from .rules import Rule


class _Params(dict):
    """Message placeholders: bilingual values pick the language; unknown ones stay visible;
    quoted text is shown on one line."""

    def __init__(self, params: dict[str, Any], lang: str):
        super().__init__()
        for key, value in params.items():
            if isinstance(value, dict) and "zh" in value:
                value = value.get(lang) or value["zh"]
            if isinstance(value, str) and ("\n" in value or "\r" in value):
                value = one_line(value)
            self[key] = value

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template_text: str, params: dict[str, Any], lang: str) -> str:
    # str.format_map is string.Formatter's vformat in C (the same fields, specs, conversions
    # and ``__missing__``), several times faster: each finding renders two messages.
    try:
        return template_text.format_map(_Params(params, lang))
    except (ValueError, IndexError, AttributeError, KeyError, TypeError):
        return template_text


def _messages(rule: Rule, variant: str | None, fmt: str | None) -> dict[str, str]:
    # A rule whose wording depends on the template (a requirement of 30号 is only a hint for a
    # 2019-format report) names its variant "format-2019"; the check kind knows nothing of this.
    if variant:
        return rule.variants.get(variant, rule.message)
    return rule.variants.get(f"format-{fmt}", rule.message)


def run_rule(rule: Rule, report: Report, lang: str = "zh", context=None) -> list[Finding]:
    """``context``: the analysis of ``report`` shared by the rules of one run (``checks.context``)."""
    from ..checks import run

    return [finding_of(rule, hit, report, lang) for hit in run(rule.kind, report, rule.options, context)]


def finding_of(rule: Rule, hit, report: Report | None, lang: str = "zh", year: int | None = None) -> Finding:
    """A check's hit as a finding: the rule's messages rendered for the report it is about
    (None: no one report, as for a series signal of a missing year, then of ``year``), placed
    where the hit says or at its pointer in that report."""
    fmt, year = (report.format, report.year) if report is not None else (None, year)
    messages = _messages(rule, hit.variant, fmt)
    zh = render(messages["zh"], hit.params, "zh")
    en = render(messages.get("en", messages["zh"]), hit.params, "en")
    severity, evidence = hit.severity or rule.severity_for(fmt, year), hit.evidence
    # A reader's diagnostic about the file itself (unreadable, too large, too many pages) no
    # misread figure makes less sure; one about the content (a table not found) a scan's may.
    if report is not None and severity == "error" and (rule.kind != "diagnostic" or _about_content(rule)):
        from .doubt import downgrade

        severity, zh, en, evidence = downgrade(report, severity, hit.pointer, evidence, zh, en)
    return Finding(
        code=rule.code,
        severity=severity,
        message=en if lang == "en" else zh,
        pointer=hit.pointer,
        location=hit.loc or (report.locate(hit.pointer) if report is not None else None),
        evidence=evidence,
        name=rule.name,
        message_zh=zh,
        message_en=en,
    )


def _about_content(rule: Rule) -> bool:
    from ..checks.diagnostic import about_content

    return about_content(rule.options)


# A file that could not be read at all yields an empty report: only its diagnostic is
# news, every content rule would just report everything as missing.
UNREAD = frozenset({"unreadable", "unsupported_format", "too_large", "reader_stopped"})


def lint_report(report: Report, rules: list[Rule], lang: str = "zh", previous_only: bool = False) -> list[Finding]:
    """The findings of ``rules`` on ``report``, in place order. ``previous_only``: only those of
    the rules that read last year's report (``checks.reads_previous``): with the findings of a
    lint of the same report without ``report.previous``, they make the findings of a full lint
    with it, at a fraction of the cost (``merge_findings``)."""
    from ..checks import SERIES_KINDS, reads_previous, run
    from ..checks.context import Context

    # Series rules speak of several years of an organ: ``govinfo-lint series`` runs them.
    rules = [r for r in rules if r.kind not in SERIES_KINDS]
    unread = any(d.kind in UNREAD for d in report.diagnostics)
    context = Context(report)
    findings: list[Finding] = []
    if not unread:
        # A file judged not to be an annual report (RDR-13) draws that one finding only:
        # every content rule would report its missing sections and tables one by one.
        findings = [finding_of(rule, hit, report, lang) for rule in rules if rule.kind == "not_a_report"
                    for hit in run(rule.kind, report, rule.options, context)]
        if findings and previous_only:
            return []  # the first lint has that finding already, and it stands alone
    if not findings:
        # As run_rule, without its import and list for each of a hundred rules most of which find nothing.
        fmt, level = report.format, report.level
        for rule in rules:
            kind = rule.kind
            if kind == "not_a_report" or (kind != "diagnostic" and (unread or not rule.applies_to(fmt, level))):
                continue
            if previous_only and not reads_previous(kind, rule.options):
                continue
            for hit in run(kind, report, rule.options, context):
                findings.append(finding_of(rule, hit, report, lang))
    findings.sort(key=Finding.sort_key)
    return findings
