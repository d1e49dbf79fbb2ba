"""Waivers: inline comments (YAML, Markdown), the waiver file (any format), and their own findings."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from govinfo_lint.cli import main
from govinfo_lint.samples import apply_patch, sample_report
from govinfo_lint.yaml_out import dump_yaml

TODAY = datetime.date.today()
FUTURE = (TODAY + datetime.timedelta(days=30)).isoformat()
PAST = (TODAY - datetime.timedelta(days=1)).isoformat()


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVINFO_LINT_CACHE_DIR", str(tmp_path / "_cache"))
    (tmp_path / ".git").mkdir()
    yield


def bad_report(path: Path, value: int = 99) -> Path:
    """A report whose 表三 予以公开 total is wrong (SUM-03 at the line of ``granted``)."""
    path.write_text(dump_yaml(apply_patch(sample_report(), {"/tables/requests/granted/total": value})), encoding="utf-8")
    return path


def add_comment(path: Path, comment: str, where: str = "trailing", key: str = "    granted:") -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    i = next(n for n, line in enumerate(lines) if line.startswith(key))
    if where == "trailing":
        lines[i] += "  " + comment
    elif where == "above":
        lines.insert(i, "    " + comment)
    else:  # top of the file
        lines.insert(0, comment)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def check(capsys, *argv) -> tuple[int, dict, str]:
    code = main(["check", *map(str, argv), "-f", "json"])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return code, json.loads(out), err


def findings(doc: dict, code: str | None = None) -> list[dict]:
    return [f for file in doc["files"] for f in file["findings"] if code is None or f["code"] == code]


@pytest.mark.parametrize("where", ["trailing", "above"])
def test_inline_yaml_waiver(tmp_path, capsys, where):
    path = bad_report(tmp_path / "r.yaml")
    assert check(capsys, path, "--select", "SUM-03,WVR")[0] == 1
    add_comment(path, "# govinfo-lint: disable=SUM-03 reason=原件如此，已报上级备案", where)
    code, doc, _ = check(capsys, path, "--select", "SUM-03,WVR")
    assert code == 0
    (finding,) = findings(doc)
    assert finding["code"] == "SUM-03" and finding["suppressed"] is True
    assert finding["suppression"]["kind"] == "inSource"
    assert finding["suppression"]["reason"] == "原件如此，已报上级备案"
    assert doc["summary"]["error"] == 0 and doc["summary"]["failed"] is False


def test_a_waiver_covers_only_its_line(tmp_path, capsys):
    path = bad_report(tmp_path / "r.yaml")
    add_comment(path, "# govinfo-lint: disable=SUM-03 reason=不是这一行", "trailing", key="    new_received:")
    code, doc, _ = check(capsys, path, "--select", "SUM-03,WVR")
    assert code == 1
    assert not findings(doc, "SUM-03")[0].get("suppressed")
    assert len(findings(doc, "WVR-01")) == 1  # and the waiver is unused


def test_file_level_waiver_at_the_top_only(tmp_path, capsys):
    path = bad_report(tmp_path / "r.yaml")
    add_comment(path, "# govinfo-lint: disable-file=SUM reason=试填数据", "top")
    code, doc, _ = check(capsys, path, "--select", "SUM,WVR")
    assert code == 0 and findings(doc) and all(f.get("suppressed") for f in findings(doc))
    path = bad_report(tmp_path / "r2.yaml")
    add_comment(path, "# govinfo-lint: disable-file=SUM reason=试填数据", "above")
    code, doc, _ = check(capsys, path, "--select", "SUM,WVR")
    assert code == 1 and len(findings(doc, "WVR-03")) == 1


@pytest.mark.parametrize(("comment", "words"), [
    ("# govinfo-lint: disable=SUM-03", "reason"),
    ("# govinfo-lint: disable=SUMM-03 reason=打错了代码", "SUMM-03"),
    ("# govinfo-lint: disable=SUM-03 expires=2025-13-01 reason=日期不对", "2025-13-01"),
    ("# govinfo-lint: disable=SUM-03 until=2025-01-01 reason=参数不对", "until"),
    ("# govinfo-lint: ignore SUM-03", "disable="),
])
def test_invalid_inline_waivers_are_reported_and_do_nothing(tmp_path, capsys, comment, words):
    path = bad_report(tmp_path / "r.yaml")
    add_comment(path, comment)
    code, doc, _ = check(capsys, path, "--select", "SUM-03,WVR", "--lang", "en")
    assert code == 1 and not findings(doc, "SUM-03")[0].get("suppressed")
    (wvr,) = findings(doc, "WVR-03")
    assert words in wvr["message"] and wvr["line"] == findings(doc, "SUM-03")[0]["line"]


def test_unused_waiver_is_judged_only_when_its_rule_ran(tmp_path, capsys):
    path = bad_report(tmp_path / "r.yaml", value=8)  # the sum is right now
    add_comment(path, "# govinfo-lint: disable=SUM-03 reason=曾经不平")
    _, doc, _ = check(capsys, path, "--select", "SUM,WVR")
    (wvr,) = findings(doc, "WVR-01")
    assert wvr["severity"] == "warning" and wvr["line"] is not None
    _, doc, _ = check(capsys, path, "--select", "VAL,WVR")
    assert findings(doc, "WVR-01") == []


def test_expired_waiver_no_longer_applies(tmp_path, capsys):
    path = bad_report(tmp_path / "r.yaml")
    add_comment(path, f"# govinfo-lint: disable=SUM-03 expires={PAST} reason=临时")
    code, doc, _ = check(capsys, path, "--select", "SUM-03,WVR")
    assert code == 1 and not findings(doc, "SUM-03")[0].get("suppressed")
    assert PAST in findings(doc, "WVR-02")[0]["message"]
    add_comment(tmp_path / "r.yaml", "", "trailing")  # no-op edit keeps the file valid
    path2 = bad_report(tmp_path / "r2.yaml")
    add_comment(path2, f"# govinfo-lint: disable=SUM-03 expires={FUTURE} approved_by=张三 reason=临时")
    code, doc, _ = check(capsys, path2, "--select", "SUM-03,WVR")
    assert code == 0 and findings(doc, "SUM-03")[0]["suppression"]["expires"] == FUTURE
    assert findings(doc, "SUM-03")[0]["suppression"]["approved_by"] == "张三"


def test_markdown_comment(tmp_path, capsys):
    data = sample_report()
    lines = [f"# {data['title']}", "", data["intro"], ""]
    for s in data["sections"]:
        heading = s["heading"].replace("五、存在的主要问题及改进情况", "五、存在的主要问题和改进情况")
        if s["id"] == "problems":
            lines.append("<!-- govinfo-lint: disable=SEC-02 reason=本地惯用标题 -->")
        lines += [f"## {heading}", "", s["text"], ""]
    path = tmp_path / "r.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    code, doc, _ = check(capsys, path, "--select", "SEC-02,WVR")
    (sec,) = findings(doc, "SEC-02")
    assert sec["suppressed"] is True and findings(doc, "WVR-01") == []


def waiver_file(tmp_path: Path, entries: list[dict], name: str = "waivers.yaml") -> Path:
    """Block style, one key a line: entry i starts on line 1 + (lines of the entries before it)."""
    lines = []
    for entry in entries:
        for j, (key, value) in enumerate(entry.items()):
            lines.append(("- " if j == 0 else "  ") + f"{key}: {json.dumps(value, ensure_ascii=False)}")
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_waiver_file_for_a_docx_report(tmp_path, capsys):
    pytest.importorskip("docx")
    from docx_factory import PINGTAN_2025, make_report_docx

    tables = json.loads(json.dumps(PINGTAN_2025["tables"], default=float))
    tables["requests"]["granted"]["total"] = 40  # 33 in the applicant columns
    docx_path = make_report_docx(tmp_path / "年报.docx", fmt="2021", agency="平潭综合实验区", year=2025, tables=tables)
    code, doc, _ = check(capsys, docx_path, "--select", "SUM-03,WVR")
    assert code == 1
    (tmp_path / ".govinfo-lint.yaml").write_text("waivers: waivers.yaml\n", encoding="utf-8")
    waiver_file(tmp_path, [{"code": "SUM-03", "file": "*.docx", "pointer": "/tables/requests/granted/total",
                            "reason": "原件如此，已向上级说明", "approved_by": "政务公开办 李四", "expires": FUTURE}])
    code, doc, _ = check(capsys, docx_path, "--select", "SUM-03,WVR")
    assert code == 0
    (finding,) = findings(doc, "SUM-03")
    assert finding["suppressed"] and finding["suppression"]["kind"] == "external"
    assert finding["suppression"]["approved_by"] == "政务公开办 李四"
    # --audit: every waiver ignored
    code, doc, _ = check(capsys, docx_path, "--select", "SUM-03,WVR", "--audit")
    assert code == 1 and not any(f.get("suppressed") for f in findings(doc))


def test_waiver_file_pointer_must_match(tmp_path, capsys):
    path = bad_report(tmp_path / "r.yaml")
    wf = waiver_file(tmp_path, [{"code": "SUM-03", "file": "r.yaml", "pointer": "/tables/requests/denied_*/total",
                                 "reason": "别处", "approved_by": "张三"}])
    code, doc, _ = check(capsys, path, "--select", "SUM-03,WVR", "--waivers", wf)
    assert code == 1
    assert not findings(doc, "SUM-03")[0].get("suppressed")
    (unused,) = findings(doc, "WVR-01")
    waiver_result = doc["files"][-1]
    assert waiver_result["path"] == str(wf) and unused["line"] == 1


def test_waiver_file_for_files_not_checked_says_nothing(tmp_path, capsys):
    path = bad_report(tmp_path / "r.yaml", value=8)
    wf = waiver_file(tmp_path, [{"code": "SUM-03", "file": "其他/*.pdf", "reason": "别的文件", "approved_by": "张三",
                                 "expires": PAST}])
    code, doc, _ = check(capsys, path, "--select", "SUM,WVR", "--waivers", wf)
    assert code == 0 and findings(doc) == [] and len(doc["files"]) == 1


def test_expired_entry_of_the_waiver_file(tmp_path, capsys):
    path = bad_report(tmp_path / "r.yaml")
    wf = waiver_file(tmp_path, [{"code": ["SUM-03"], "file": "*.yaml", "reason": "过期了", "approved_by": "张三",
                                 "expires": PAST}])
    code, doc, _ = check(capsys, path, "--select", "SUM-03,WVR", "--waivers", wf)
    assert code == 1
    (expired,) = findings(doc, "WVR-02")
    assert doc["files"][-1]["path"] == str(wf) and expired["line"] == 1


def test_rules_that_cannot_be_waived(tmp_path, capsys):
    path = tmp_path / "broken.yaml"
    path.write_text("agency: [unclosed\n", encoding="utf-8")
    wf = waiver_file(tmp_path, [{"code": "RDR-01", "file": "broken.yaml", "reason": "想跳过", "approved_by": "张三"}])
    code, doc, _ = check(capsys, path, "--waivers", wf)
    assert code == 1
    assert not findings(doc, "RDR-01")[0].get("suppressed")
    assert len(findings(doc, "WVR-04")) == 1


@pytest.mark.parametrize(("entries", "where", "words"), [
    ([{"code": "SUM-03", "file": "r.yaml", "reason": "无人批准"}], "1:3", "approved_by"),
    ([{"code": "SUMM-03", "file": "r.yaml", "reason": "x理由", "approved_by": "张三"}], "1:9", "did you mean 'SUM-03'"),
    ([{"code": "SUM-03", "file": "r.yaml", "reason": "x理由", "approved_by": "张三", "expires": "明年"}], "5:12",
     "YYYY-MM-DD"),
    ([{"code": "SUM-03", "file": "r.yaml", "reason": "x理由", "approved_by": "张三", "pointr": "/x"}], "5:3",
     "did you mean 'pointer'"),
    ([{"code": "sum-03", "file": "r.yaml", "reason": "x理由", "approved_by": "张三"}], "1:9", "rule code"),
])
def test_bad_waiver_file_stops_the_run_with_a_place(tmp_path, capsys, entries, where, words):
    path = bad_report(tmp_path / "r.yaml")
    wf = waiver_file(tmp_path, entries)
    code = main(["check", str(path), "--waivers", str(wf)])
    _out, err = capsys.readouterr()
    assert code == 2 and f"{wf}:{where}:" in err and words in err, err


def test_waiver_file_may_be_a_mapping(tmp_path, capsys):
    path = bad_report(tmp_path / "r.yaml")
    wf = tmp_path / "w.yaml"
    wf.write_text(dump_yaml({"waivers": [{"code": "SUM", "file": "r.yaml", "reason": "整族豁免", "approved_by": "张三"}]}),
                  encoding="utf-8")
    code, doc, _ = check(capsys, path, "--select", "SUM-03,WVR", "--waivers", wf)
    assert code == 0 and findings(doc, "SUM-03")[0]["suppressed"]


def test_text_output_counts_waived_findings(tmp_path, capsys):
    path = bad_report(tmp_path / "r.yaml")
    add_comment(path, "# govinfo-lint: disable=SUM-03 reason=原件如此")
    code = main(["check", str(path), "--select", "SUM-03"])
    out, _ = capsys.readouterr()
    assert code == 0 and "0 个错误" in out and "1 个已豁免" in out


def test_wvr_rules_are_explained(capsys):
    assert main(["rule", "WVR-01"]) == 0
    assert "豁免" in capsys.readouterr().out


def test_the_waiver_file_example_in_the_docs_is_valid(tmp_path):
    from govinfo_lint.api import load_rules
    from govinfo_lint.config.waivers import load_waiver_file

    text = (Path(__file__).resolve().parents[1] / "docs" / "waivers.md").read_text(encoding="utf-8")
    block = next(b.split("```", 1)[0] for b in text.split("```yaml\n")[1:] if b.startswith("- code:"))
    path = tmp_path / "w.yaml"
    path.write_text(block, encoding="utf-8")
    waivers = load_waiver_file(path, [r.code for r in load_rules()])
    assert [w.codes for w in waivers] == [("SUM-03",), ("SEC-02", "SEC-03")]
    assert waivers[0].expires == "2025-12-31" and waivers[0].pointer == "/tables/requests/granted/total"


def test_the_inline_examples_in_the_docs_parse(tmp_path):
    from govinfo_lint.api import load_rules
    from govinfo_lint.config.waivers import inline_waivers

    text = (Path(__file__).resolve().parents[1] / "docs" / "waivers.md").read_text(encoding="utf-8")
    known = [r.code for r in load_rules()]
    for lang, suffix in (("yaml", ".yaml"), ("markdown", ".md")):
        for block in text.split(f"```{lang}\n")[1:]:
            block = block.split("```", 1)[0]
            if "govinfo-lint:" not in block:
                continue
            waivers, problems = inline_waivers(tmp_path / f"r{suffix}", block, known)
            assert waivers and not problems, block


def test_the_waiver_file_and_the_configuration_are_not_reports(tmp_path, capsys):
    bad_report(tmp_path / "r.yaml", value=8)
    (tmp_path / "govinfo-lint.yaml").write_text("waivers: 豁免.yaml\n", encoding="utf-8")
    waiver_file(tmp_path, [{"code": "SUM-03", "file": "*.pdf", "reason": "别的文件", "approved_by": "张三"}], "豁免.yaml")
    code, doc, _ = check(capsys, tmp_path)
    assert [Path(f["path"]).name for f in doc["files"]] == ["r.yaml"]
    code, doc, _ = check(capsys, tmp_path / "r.yaml", tmp_path / "豁免.yaml", tmp_path / "govinfo-lint.yaml")
    assert [Path(f["path"]).name for f in doc["files"]] == ["r.yaml"]


def unused_waiver_file(tmp_path: Path) -> tuple[Path, Path]:
    """A report with one error, and a waiver file whose one entry waives nothing (WVR-01 on the waiver file)."""
    path = bad_report(tmp_path / "r.yaml")
    wf = waiver_file(tmp_path, [{"code": "SUM-03", "file": "r.yaml", "pointer": "/tables/requests/denied_*/total",
                                 "reason": "别处", "approved_by": "张三"}])
    return path, wf


@pytest.mark.parametrize("fmt", ["text", "json", "concise", "sarif", "github", "junit", "markdown", "html"])
def test_a_waiver_file_is_not_counted_as_a_checked_report(tmp_path, capsys, fmt):
    from xml.etree import ElementTree as ET

    path, wf = unused_waiver_file(tmp_path)
    code = main(["check", str(path), "--select", "SUM-03,WVR", "--waivers", str(wf), "-f", fmt])
    out, err = capsys.readouterr()
    assert code == 1, err
    assert "WVR-01" in out  # its findings still show
    if fmt in ("text", "markdown", "html"):
        assert "共检查 1 个文件：1 个错误，1 个警告" in out
    elif fmt == "json":
        doc = json.loads(out)
        assert doc["summary"]["files"] == 1 and len(doc["files"]) == 2
    elif fmt == "junit":
        (suite,) = [s for s in ET.fromstring(out) if s.get("name").endswith(wf.name)]
        assert [c.get("name") for c in suite.iter("testcase")] == ["WVR-01 waiver-unused"]  # no rules ran on it


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_summary_counts_a_waiver_file_as_no_report_but_shows_its_findings(tmp_path, capsys, fmt):
    path, wf = unused_waiver_file(tmp_path)
    code = main(["check", str(path), "--select", "SUM-03,WVR", "--waivers", str(wf), "--summary", "-f", fmt])
    out, err = capsys.readouterr()
    assert code == 1, err
    if fmt == "json":
        doc = json.loads(out)
        assert doc["files"] == 1
        assert sum(row["files"] for row in doc["agencies"]) == 1
        assert sum(row["warning"] for row in doc["agencies"]) == 1
        assert {"code": "WVR-01", "count": 1} in [r for row in doc["agencies"] for r in row["top_rules"]]
    else:
        total = next(line for line in out.splitlines() if "合计" in line)
        assert total.split("│")[3:6] == ["    1 ", "    1 ", "    1 "]  # files, errors, warnings
        assert "WVR-01×1" in out
