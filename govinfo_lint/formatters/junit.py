"""``--format junit``: JUnit XML for CI test reports (GitLab, Jenkins, Azure).

One ``testsuite`` per file. Each rule that ran on the file is a ``testcase`` that
passes when the rule found nothing; each finding is a ``testcase`` of its own named by
rule and model pointer (stable across runs, unlike line numbers), failed when it reaches
``--fail-on``, otherwise passed with the finding in ``system-out``; waived findings are
``skipped`` with the waiver's reason. Every file has at least one testcase.
"""

from __future__ import annotations


from .common import location_text, place_label, relative_path, severity_name
from .. import lazy_re

_XML_INVALID = lazy_re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text) -> str:
    """Text XML 1.0 can carry: control characters from a damaged report would make the file unreadable."""
    return _XML_INVALID.sub("\ufffd", "" if text is None else str(text))


def _rules_run(report, rules) -> list:
    from ..engine.runner import UNREAD

    unread = any(d.kind in UNREAD for d in report.diagnostics)
    return [r for r in rules if r.kind == "diagnostic" or (not unread and r.applies_to(report.format, report.level))]


def _details(finding, fmt, lang: str) -> str:
    lines = [f"[{severity_name(finding.severity, lang)}] {finding.code} {finding.message}"]
    named = place_label(finding.pointer, fmt, lang) if finding.pointer else ""
    where = ("；" if lang == "zh" else "; ").join(p for p in (location_text(finding, lang), named) if p)
    if where:
        lines.append(("位置：" if lang == "zh" else "Place: ") + where)
    if finding.pointer:
        lines.append(("指针：" if lang == "zh" else "Pointer: ") + finding.pointer)
    return "\n".join(lines)


def _suite(result, rules, lang: str, fail_on: str):
    from xml.etree import ElementTree as ET

    from ..findings import reaches

    path = relative_path(result.path)
    report = result.report
    suite = ET.Element("testsuite", name=clean(path))
    props = ET.SubElement(suite, "properties")
    for key in ("agency", "year", "format", "level", "input_kind"):
        value = getattr(report, key)
        if value is not None:
            ET.SubElement(props, "property", name=key, value=clean(value))
    cases: list = []
    flagged = {f.code for f in result.findings}
    # A waiver file ran no rules as a report: only its own findings are testcases.
    for rule in _rules_run(report, rules or []) if result.is_report else ():
        if rule.code not in flagged:
            cases.append(ET.Element("testcase", classname=clean(path), name=clean(f"{rule.code} {rule.name}")))
    for finding in result.findings:
        name = f"{finding.code} {finding.name}".strip() + (f" {finding.pointer}" if finding.pointer else "")
        case = ET.Element("testcase", classname=clean(path), name=clean(name))
        details = clean(_details(finding, report.format, lang))
        if finding.suppressed:
            reason = (finding.suppression or {}).get("reason") or ""
            ET.SubElement(case, "skipped", message=clean(("已豁免：" if lang == "zh" else "waived: ") + str(reason)))
        elif reaches(finding.severity, fail_on):
            failure = ET.SubElement(case, "failure", message=clean(finding.message), type=finding.severity)
            failure.text = details
        else:
            ET.SubElement(case, "system-out").text = details
        cases.append(case)
    if not cases:
        cases.append(ET.Element("testcase", classname=clean(path), name="govinfo-lint"))
    cases.sort(key=lambda c: c.get("name"))
    suite.extend(cases)
    failures = sum(1 for c in cases if c.find("failure") is not None)
    skipped = sum(1 for c in cases if c.find("skipped") is not None)
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    return suite


def write_junit(results, stream, rules=None, lang: str = "zh", fail_on: str = "error") -> None:
    from xml.etree import ElementTree as ET

    root = ET.Element("testsuites", name="govinfo-lint")
    for result in results:
        root.append(_suite(result, rules, lang, fail_on))
    for key in ("tests", "failures", "errors", "skipped"):
        root.set(key, str(sum(int(s.get(key)) for s in root)))
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
