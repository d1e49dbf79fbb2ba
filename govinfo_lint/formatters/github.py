"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

``::error file=年报.yaml,line=31,col=120,title=SUM-03::message``; warnings and infos become
``::warning`` and ``::notice``. Escaping follows @actions/core: ``%``, CR and LF in the
message; also ``:`` and ``,`` in property values. Inputs without lines (DOCX, PDF) are
annotated on the file, with the place named in the message. Waived findings are not
annotated: they are not news on a pull request.
"""

from __future__ import annotations

from .common import location_text, place_label, relative_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(path: str, finding, fmt: str | None, lang: str = "zh") -> str:
    props = [f"file={escape_property(path)}"]
    loc = finding.location
    message = finding.message
    if loc is not None and loc.line is not None:
        from .concise import page_note

        props += [f"line={loc.line}", f"col={loc.column or 1}"]
        message += page_note(finding, lang)  # an annotation has no page field
    else:
        where = "，".join(p for p in (location_text(finding, lang), place_label(finding.pointer, fmt, lang)
                                       if finding.pointer else "") if p)
        if where:
            message = f"{message}（{where}）" if lang == "zh" else f"{message} ({where})"
    props.append(f"title={escape_property(finding.code)}")
    return f"::{COMMANDS.get(finding.severity, 'warning')} {','.join(props)}::{escape_data(message)}"


def write_github(results, stream, lang: str = "zh") -> None:
    for result in results:
        path = relative_path(result.path)
        for finding in result.findings:
            if not finding.suppressed:
                stream.write(annotation(path, finding, result.report.format, lang) + "\n")
