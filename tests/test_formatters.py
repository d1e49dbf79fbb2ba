"""Output formats: golden outputs, SARIF against the official schema, escaping, the CLI's -f FORMAT:PATH.

Golden files live in tests/golden/. After an intended change to a formatter, regenerate
them with ``GOVINFO_UPDATE_GOLDEN=1 pytest tests/test_formatters.py`` and read the diff.
"""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from formatter_fixtures import CELL, DOCX_PATH, FAR_CELL, GOLDEN, ROW, RULES, golden_results, waive
from govinfo_lint import __version__
from govinfo_lint.cli import main
from govinfo_lint.formatters import FORMATS, render
from govinfo_lint.formatters.github import escape_data, escape_property
from govinfo_lint.formatters.html_assets import CSS, JS, csp_hash
from govinfo_lint.formatters.sarif import fingerprint

ROOT = Path(__file__).resolve().parents[1]
# The SARIF 2.1.0 JSON schema as Microsoft's SARIF SDK ships it (file sarif-2.1.0.json of the npm
# package @microsoft/sarif-multitool-linux 5.7.0, byte for byte; sha256 1c49a0f2…ed798c): the OASIS
# schema's definitions, declared as JSON Schema 2020-12.
SCHEMA = ROOT / "tests" / "fixtures" / "sarif-schema-2.1.0.json"
GOLDEN_NAMES = {"text": "report.txt", "json": "report.json", "jsonl": "report.jsonl", "concise": "report.concise.txt",
                "sarif": "report.sarif", "github": "report.github.txt", "junit": "report.junit.xml",
                "markdown": "report.md", "html": "report.html"}


@pytest.fixture
def results():
    return golden_results()


@pytest.fixture(autouse=True)
def _plain_console(monkeypatch):
    for name in ("FORCE_COLOR", "COLUMNS", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)


def normalise(text: str) -> str:
    """Volatile parts: the tool version and the working directory."""
    text = text.replace(Path.cwd().as_uri() + "/", "file:///CWD/")
    return text.replace(f"govinfo-lint {__version__}", "govinfo-lint VERSION").replace(
        f'"version": "{__version__}"', '"version": "VERSION"').replace(
        f'"semanticVersion": "{__version__}"', '"semanticVersion": "VERSION"')


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden_output(fmt, results):
    actual = normalise(render(fmt, results, "zh", "error", RULES))
    path = GOLDEN / GOLDEN_NAMES[fmt]
    if os.environ.get("GOVINFO_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden file {path.name}: run with GOVINFO_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8"), f"{fmt} output changed: diff against {path.name}"


def test_every_format_has_a_golden_file():
    assert set(GOLDEN_NAMES) == set(FORMATS)


# --- SARIF -----------------------------------------------------------------------------------------

def _sarif(results, rules=RULES) -> dict:
    return json.loads(render("sarif", results, rules=rules))


def _validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_sarif_is_valid_against_the_official_schema(results):
    validator = _validator()
    log = _sarif(results)
    assert [e.message for e in validator.iter_errors(log)] == []
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    del broken["runs"][0]["tool"]["driver"]["name"]
    assert len(list(validator.iter_errors(broken))) >= 2  # the schema really is checking


def test_sarif_rules_and_results(results):
    run = _sarif(results)["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "govinfo-lint" and driver["version"] == __version__ and driver["informationUri"]
    rules = {r["id"]: r for r in driver["rules"]}
    assert rules["SUM-03"]["shortDescription"]["text"] == "表三各行总计"
    assert rules["SUM-03"]["defaultConfiguration"]["level"] == "error"
    assert rules["CNT-01"]["defaultConfiguration"]["level"] == "note"
    assert "国办公开办函〔2021〕30号" in rules["SUM-03"]["help"]["text"]
    for res in run["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
    first = run["results"][2]
    assert first["ruleId"] == "SUM-03" and first["level"] == "error"
    physical = first["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "input-2021.yaml", "uriBaseId": "%SRCROOT%"}
    assert physical["region"]["startLine"] == 31
    assert first["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == CELL
    assert first["properties"]["evidence"]["reported"] == 99


def test_sarif_docx_and_pdf_places_and_uri_escaping(results):
    run = _sarif(results)["runs"][0]
    docx = [r for r in run["results"] if "%" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]]
    assert len(docx) == 3
    uri = docx[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("docs/") and " " not in uri and all(ord(c) < 128 for c in uri)
    cell = docx[0]["locations"][0]
    assert "region" not in cell["physicalLocation"]
    assert cell["properties"] == {"table": 2, "row": 5, "cell": 8}
    assert cell["logicalLocations"][0]["name"] == "表三“（一）予以公开”行“总计”列"
    assert docx[1]["locations"][0]["properties"]["page"] == 3


def test_sarif_fingerprints_ignore_lines_but_not_places(results):
    before = _sarif(results)["runs"][0]["results"]
    for result in results:
        for finding in result.findings:
            if finding.location and finding.location.line:
                finding.location.line += 7  # text inserted above
    after = _sarif(results)["runs"][0]["results"]
    prints = [r["partialFingerprints"]["govinfoLint/v1"] for r in before]
    assert prints == [r["partialFingerprints"]["govinfoLint/v1"] for r in after]
    assert len(set(prints)) == len(prints)
    assert fingerprint("SUM-03", "a.yaml", CELL) != fingerprint("SUM-03", "a.yaml", FAR_CELL)


def test_sarif_suppressions(results):
    run = _sarif(results)["runs"][0]
    waived = [r for r in run["results"] if "suppressions" in r]
    assert [r["ruleId"] for r in waived] == ["CNT-01"]
    assert waived[0]["suppressions"] == [{"kind": "external", "status": "accepted",
                                          "justification": "已书面说明 | 经主管领导同意"}]
    waive(results[0].findings[0], "见第3页", kind="inline")
    again = [r for r in _sarif(results)["runs"][0]["results"] if r["ruleId"] == "META-02"][0]
    assert again["suppressions"][0]["kind"] == "inSource"


def test_sarif_from_the_command_line_with_all_rules(tmp_path, monkeypatch, capsys):
    validator = _validator()
    monkeypatch.chdir(ROOT)
    out = tmp_path / "lint.sarif"
    assert main(["check", "examples/xilian-2019.yaml", "-f", f"sarif:{out}"]) == 0
    log = json.loads(out.read_text(encoding="utf-8"))
    assert [e.message for e in validator.iter_errors(log)] == []
    run = log["runs"][0]
    assert len(run["tool"]["driver"]["rules"]) > 30 and run["results"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]} == {
        "examples/xilian-2019.yaml"}


# --- github ----------------------------------------------------------------------------------------

def test_github_annotations(results):
    lines = render("github", results).rstrip("\n").split("\n")
    assert lines[0] == ("::notice file=input-2021.yaml,line=7,col=8,title=META-02::"
                        "标题“示例县<script>window.__pwned=1</script>交通运输局…”含有标记")
    sec = next(line for line in lines if "SEC-05" in line and "yaml" in line)
    assert sec.startswith("::warning ") and "100%25%0A请补充" in sec and "\n" not in sec
    docx = [line for line in lines if "docx" in line]
    assert docx[0].startswith("::error file=docs/报告%2C2023%3A终版.docx,title=SUM-03::")
    assert "表格2 第5行 第8列" in docx[0] and "line=" not in docx[0]
    assert not any("CNT-01" in line for line in lines)  # waived: no annotation
    assert len(lines) == 9


def test_github_escaping_rules():
    assert escape_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"


def test_github_is_the_default_under_github_actions(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.chdir(ROOT)
    assert main(["check", "examples/xilian-2019.yaml"]) == 0
    assert capsys.readouterr().out.startswith("::warning file=examples/xilian-2019.yaml,line=")


# --- junit -----------------------------------------------------------------------------------------

def test_junit_is_valid_xml_with_a_suite_per_file(results):
    root = ET.fromstring(render("junit", results, rules=RULES).encode("utf-8"))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["input-2021.yaml", DOCX_PATH]
    first = suites[0]
    names = [c.get("name") for c in first.findall("testcase")]
    assert "SUM-01 requests-column-balance" in names  # ran, found nothing: passes
    assert not any(n.startswith("OLD-01") for n in names)  # 2019 only: did not run
    assert f"SUM-03 requests-row-total {CELL}" in names
    failures = [c for c in first.findall("testcase") if c.find("failure") is not None]
    assert {c.get("name").split()[0] for c in failures} == {"SUM-03", "SUM-05"}  # errors only at --fail-on error
    assert int(first.get("failures")) == 2 and int(first.get("tests")) == len(names)
    assert int(first.get("skipped")) == 1  # the waived finding
    assert "\x0b" not in ET.tostring(root, encoding="unicode")
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)


def test_junit_fail_on_warning_and_no_rules(results):
    root = ET.fromstring(render("junit", results, fail_on="warning").encode("utf-8"))
    first = root.find("testsuite")
    assert int(first.get("failures")) == 5
    empty = golden_results()[:1]
    empty[0].findings = []
    root = ET.fromstring(render("junit", empty).encode("utf-8"))
    assert [c.get("name") for c in root.iter("testcase")] == ["govinfo-lint"]


# --- markdown --------------------------------------------------------------------------------------

def test_markdown_memo(results):
    text = render("markdown", results)
    assert text.startswith("# 政府信息公开工作年度报告审核意见")
    assert "## 1. 示例县\\<script\\>window.\\_\\_pwned=1\\</script\\>交通运输局 · 2024年度 · 2021版格式" in text
    assert "<script>" not in text
    table_rows = [line for line in text.splitlines() if line.startswith("| ") and "LBL-01" in line]
    assert len(table_rows) == 1 and table_rows[0].count(" | ") == 5  # the | in the message is escaped
    assert "\\| \\*示例\\*" in table_rows[0]
    assert "表三“（一）予以公开”行“总计”列；第31行第116列" in text
    assert "已豁免的问题" in text and "已书面说明 \\| 经主管领导同意" in text
    assert "审核人：" in text and "日期：" in text
    assert "共检查 2 个文件：3 个错误，4 个警告，2 个提示，另有 1 个已豁免。" in text


@pytest.mark.parametrize(("lang", "sentence"), [
    ("zh", "共检查 2 个文件：3 个错误，4 个警告，2 个提示，另有 1 个已豁免。"),
    ("en", "Checked 2 file(s): 3 error(s), 4 warning(s), 2 info; 1 waived."),
])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_the_human_formats_close_with_the_same_summary(results, fmt, lang, sentence):
    assert sentence in render(fmt, results, lang, "error", RULES)  # the waived count too


# --- html ------------------------------------------------------------------------------------------

class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(page: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def test_html_is_self_contained_and_inert(results):
    page = render("html", results)
    tags = _tags(page)
    assert [t for t, _ in tags].count("script") == 1 and [t for t, _ in tags].count("style") == 1
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert not any(a.get("src") for _, a in tags)
    assert not re.search(r"https?://|@import|url\(|@font-face", page)
    csp = next(a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and csp_hash(CSS) in csp and csp_hash(JS) in csp
    assert f"<style>{CSS}</style>" in page and f"<script>{JS}</script>" in page


def test_html_highlights_what_findings_name(results):
    tags = _tags(render("html", results))
    by_pointer: dict[str, list[dict]] = {}
    for _, attrs in tags:
        if "data-pointer" in attrs:
            by_pointer.setdefault(attrs["data-pointer"], []).append(attrs)
    cell = by_pointer[CELL]
    assert len(cell) == 2 and all("hit" in a["class"].split() and "hit-error" in a["class"].split() for a in cell)
    assert "hit-warning" in by_pointer[ROW][0]["class"].split()
    assert "hit" not in by_pointer["/tables/requests/granted/natural_person"][0].get("class", "")
    # the waived finding does not highlight
    assert "hit" not in by_pointer["/sections/problems"][0].get("class", "")
    findings = [a for t, a in tags if t == "li" and "finding" in a.get("class", "")]
    sum03 = next(a for a in findings if a["data-code"] == "SUM-03")
    assert sum03["data-target"] == "r1-tables-requests-granted-total" == cell[0]["id"]
    assert "r1-tables-requests-granted-natural_person" in sum03["data-related"].split()
    label = next(a for a in findings if a["data-code"] == "LBL-04")
    assert label["data-target"] == "r1-labels-proactive-blocks-art20_5-caption"
    reader = next(a for a in findings if a["data-code"] == "RDR-02")
    assert "data-target" not in reader
    ids = [a["id"] for _, a in tags if "id" in a]
    assert len(ids) == len(set(ids))


def test_html_missing_table_and_unknown_pointer(results):
    del results[0].report.tables["review"]
    page = render("html", results[:1])
    assert "报告中未找到此表" in page
    sum05 = next(a for t, a in _tags(page) if t == "li" and a.get("data-code") == "SUM-05")
    assert sum05["data-target"] == "r1-tables-review"  # the nearest place still drawn


# --- json ------------------------------------------------------------------------------------------

def test_json_marks_waived_findings(results):
    doc = json.loads(render("json", results))
    waived = [f for f in doc["files"][0]["findings"] if f.get("suppressed")]
    assert [f["code"] for f in waived] == ["CNT-01"]
    assert waived[0]["suppression"] == {"kind": "external", "reason": "已书面说明 | 经主管领导同意"}
    assert doc["summary"]["suppressed"] == 1 and doc["summary"]["info"] == 2
    assert "suppressed" not in doc["files"][0]["findings"][0]


# --- command line ----------------------------------------------------------------------------------

def test_several_formats_to_files(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    targets = {fmt: tmp_path / "out" / f"r.{fmt}" for fmt in ("sarif", "html", "junit", "markdown", "json")}
    argv = ["check", "examples/xilian-2019.yaml", "-f", "concise"] + [
        a for fmt, p in targets.items() for a in ("-f", f"{fmt}:{p}")]
    assert main(argv) == 0
    assert capsys.readouterr().out.startswith("examples/xilian-2019.yaml:7:8: META-02")
    assert json.loads(targets["json"].read_text(encoding="utf-8"))["version"] == 1
    ET.fromstring(targets["junit"].read_bytes())
    assert targets["html"].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not list((tmp_path / "out").glob(".*.tmp"))


def test_output_never_over_an_input(tmp_path, capsys):
    source = (ROOT / "examples" / "clean-2021.yaml").read_text(encoding="utf-8")
    path = tmp_path / "r.yaml"
    path.write_text(source, encoding="utf-8")
    assert main(["check", str(path), "-f", f"html:{path}"]) == 2
    assert "拒绝覆盖输入文件" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == source


@pytest.mark.parametrize("argv", [["-f", "text", "-f", "json"], ["-f", "sarif:a.sarif", "-f", "json:a.sarif"],
                                  ["-f", "xml"], ["-f", "sarif:"]])
def test_bad_format_lists_are_usage_errors(argv, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exc:
        raise SystemExit(main(["check", str(ROOT / "examples" / "clean-2021.yaml")] + argv))
    assert exc.value.code == 2
    assert not list(tmp_path.iterdir())


def test_text_quoted_with_line_breaks_keeps_a_finding_on_one_line(tmp_path):
    # A row label wrapped in its PDF cell is quoted in TBL-11's message; the concise format
    # promises one line per finding, and the text format's layout needs the same.
    from govinfo_lint.cli import main
    from govinfo_lint.samples import sample_report
    from govinfo_lint.yaml_out import dump_yaml

    data = sample_report()
    data.setdefault("labels", {}).setdefault("requests", {})["extra_rows"] = [
        {"label": "2.没有现成信息需要另行制\n作", "cells": {"total": 0}}]
    path = tmp_path / "r.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    out = tmp_path / "out.txt"
    assert main(["check", str(path), "--no-cache", "-f", f"concise:{out}"]) == 1
    lines = out.read_text(encoding="utf-8").splitlines()
    assert all(line.startswith(str(path)) for line in lines)
    # Between two CJK characters a line break is nothing (issue 15: “信 息” was wrong).
    assert any("“2.没有现成信息需要另行制作”" in line and "TBL-11" in line for line in lines)


@pytest.mark.parametrize("quoted, shown", [
    ("逾期不补\n正", "逾期不补正"),
    ("《上海市政府\n信息公开规定》", "《上海市政府信息公开规定》"),
    ("Open\nGovernment 2024", "Open Government 2024"),
    ("共 12\n件", "共 12件"),
    ("“\n其它”", "“其它”"),
    ("a \r\n b", "a b"),
])
def test_one_line_joins_cjk_without_a_space(quoted, shown):
    from govinfo_lint.one_line import one_line

    assert one_line(quoted) == shown


def test_evidence_line_of_a_finding_is_one_line():
    from govinfo_lint.findings import Finding
    from govinfo_lint.formatters.common import evidence_text

    f = Finding("LBL-05", "info", "m", evidence={"written": "(四)\n无法提供", "expected": "（四）无法提供"})
    assert evidence_text(f) == "写作“(四)无法提供”，应为“（四）无法提供”"


def test_jsonl_is_a_line_a_finding_with_its_file(tmp_path, capsys):
    import json as _json

    from govinfo_lint.cli import main

    root = Path(__file__).resolve().parent.parent / "examples"
    code = main(["check", str(root), "-f", "json", "--no-cache", "--isolated"])
    whole = _json.loads(capsys.readouterr().out)
    main(["check", str(root), "-f", "jsonl", "--no-cache", "--isolated"])
    rows = [_json.loads(line) for line in capsys.readouterr().out.splitlines()]
    expected = [{**{k: v for k, v in f.items() if k != "findings"}, **finding}
                for f in whole["files"] for finding in f["findings"]]
    assert rows == expected and rows and code in (0, 1)
    assert {r["path"] for r in rows} < {f["path"] for f in whole["files"]}  # clean files have no line
