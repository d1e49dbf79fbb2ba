"""What the worker processes of the service do: the same check as ``govinfo-lint check``.

Each worker loads the rules and the readers once (``warm``) and keeps them, so a request
pays only for reading and checking its files. A check here is the command line's with
``--isolated --no-cache``: the built-in settings (no configuration file of the server's
folder applies to a stranger's upload) and no result cache (an upload leaves nothing behind).
Everything here takes and returns plain values, to cross the process boundary.
"""

from __future__ import annotations

from pathlib import Path


def _resolver():
    from ..config.settings import Overrides, Resolver

    return Resolver(Overrides(), None, isolated=True)


def start() -> None:
    """A worker's first act: die with the server (Linux), so that a server killed without its
    shutdown leaves no process behind; then ``warm``."""
    import sys

    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    warm()


def warm() -> None:
    """Load what every check needs, before the first request waits for it."""
    from ..engine.runner import lint_report  # noqa: F401
    from ..formatters import html_page, json_format, markdown  # noqa: F401
    from ..readers.docx import read as docx
    from ..readers.html import read as html
    from ..readers.pdf import read as pdf
    from ..readers.text import read as text  # noqa: F401
    from ..config.settings import build_rules

    build_rules(_resolver().settings_for(Path("report.docx")).rule_key)


def _rename(finding, shown: dict[str, str]) -> None:
    """A finding that quotes a file (XYR-10 names last year's report) names it as uploaded,
    never by its place in the server's temporary folder."""
    def fix(value):
        if isinstance(value, str):
            for path, name in shown.items():
                value = value.replace(path, name)
            return value
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fix(v) for v in value]
        return value

    finding.message, finding.message_zh, finding.message_en = (fix(finding.message), fix(finding.message_zh),
                                                               fix(finding.message_en))
    finding.evidence = fix(finding.evidence)


def check(paths: list[str], names: list[str], previous: str | None, lang: str, outputs: tuple[str, ...],
          previous_name: str | None = None) -> dict:
    """Check ``paths`` (shown as ``names``) as one run; the ``outputs`` asked for
    (``json``, ``html``, ``markdown``, ``docx``) as strings (``docx``: bytes)."""
    from ..run.batch import BatchOptions, check_files
    from ..formatters import render
    from ..formatters.json_format import results_to_dict

    resolver = _resolver()
    files = [Path(p) for p in paths]
    settings = [resolver.settings_for(p) for p in files]
    run = resolver.run_settings(files[0])
    options = BatchOptions(lang=lang, jobs=1, cache=False, progress=False, full_reports="html" in outputs,
                           previous=Path(previous) if previous else None,
                           previous_settings=resolver.settings_for(Path(previous)) if previous else None)
    results = check_files(files, settings, options)
    shown = dict(zip(paths, names))
    if previous:
        shown[previous] = previous_name or Path(previous).name
    for result in results:
        if result.path in shown:
            result.path = result.report.source = shown[result.path]
        for finding in result.findings:
            _rename(finding, shown)
    out: dict = {"counts": {"files": len(results), "findings": sum(len(r.findings) for r in results)}}
    if "json" in outputs:
        from ..formatters.common import jsonable

        out["json"] = jsonable(results_to_dict(results, run.fail_on))
    if "html" in outputs:
        out["html"] = render("html", results, lang, run.fail_on)
    if "markdown" in outputs:
        out["markdown"] = render("markdown", results, lang, run.fail_on)
    if "docx" in outputs:
        from ..formatters.docx_comments import AnnotateError, annotate

        first = next(r for r in results if r.is_report)
        try:
            out["docx"] = annotate(Path(paths[0]), first.findings, lang)
        except AnnotateError as exc:
            out["docx_error"] = str(exc)
    return out
