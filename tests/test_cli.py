"""The command line as users and scripts meet it: exit codes, JSON contract, selection."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli_run import run
from govinfo_lint.samples import apply_patch, sample_report
from govinfo_lint.yaml_out import dump_yaml

ROOT = Path(__file__).resolve().parents[1]


def write_report(tmp_path: Path, name: str = "r.yaml", **patch) -> Path:
    path = tmp_path / name
    path.write_text(dump_yaml(apply_patch(sample_report("2021"), patch)), encoding="utf-8")
    return path


def test_clean_report_exits_0(tmp_path, capsys):
    code, out, _ = run(capsys, "check", str(write_report(tmp_path)))
    assert code == 0
    assert "0 个错误" in out


def test_error_exits_1_and_json_follows_the_contract(tmp_path, capsys):
    path = write_report(tmp_path, **{"/tables/requests/granted/total": 99})
    code, out, _ = run(capsys, "check", str(path), "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert doc["version"] == 1
    (file,) = doc["files"]
    assert file["path"] == str(path) and file["format"] == "2021" and file["year"] == 2024
    finding = next(f for f in file["findings"] if f["code"] == "SUM-03")
    assert finding["severity"] == "error"
    assert finding["pointer"] == "/tables/requests/granted/total"
    assert isinstance(finding["line"], int) and isinstance(finding["column"], int)
    assert finding["evidence"]["reported"] == 99 and finding["evidence"]["computed"] == 8
    assert "予以公开" in finding["message"]
    assert doc["summary"]["error"] >= 1 and doc["summary"]["failed"] is True


def test_line_and_column_point_at_the_cell(tmp_path, capsys):
    path = write_report(tmp_path, **{"/tables/requests/granted/total": 99})
    _, out, _ = run(capsys, "check", str(path), "--format", "json", "--select", "SUM-03")
    finding = json.loads(out)["files"][0]["findings"][0]
    line = path.read_text(encoding="utf-8").splitlines()[finding["line"] - 1]
    assert line.lstrip().startswith("granted:")
    assert line[finding["column"] - 1:].startswith("99")


def test_fail_on_threshold(tmp_path, capsys):
    path = write_report(tmp_path, **{"/tables/proactive/normative_documents": {"issued": 30, "repealed": 1, "in_force": 25}})
    assert run(capsys, "check", str(path), "--select", "SUM")[0] == 0  # SUM-06 is a warning
    assert run(capsys, "check", str(path), "--select", "SUM", "--fail-on", "warning")[0] == 1
    assert run(capsys, "check", str(path), "--select", "SUM", "--fail-on", "never")[0] == 0


def test_select_and_ignore_by_prefix(tmp_path, capsys):
    path = write_report(tmp_path, **{"/tables/requests/granted/total": 99})
    _, out, _ = run(capsys, "check", str(path), "-f", "json", "--select", "SUM", "--ignore", "SUM-03")
    codes = {f["code"] for f in json.loads(out)["files"][0]["findings"]}
    assert "SUM-03" not in codes and codes and all(c.startswith("SUM-") for c in codes)


def test_english_messages(tmp_path, capsys):
    path = write_report(tmp_path, **{"/tables/requests/granted/total": 99})
    _, out, _ = run(capsys, "check", str(path), "-f", "json", "--lang", "en", "--select", "SUM-03")
    message = json.loads(out)["files"][0]["findings"][0]["message"]
    assert "applicant columns add up to 8" in message


def test_missing_path_is_a_usage_error(tmp_path, capsys):
    code, _, err = run(capsys, "check", str(tmp_path / "nope.yaml"))
    assert code == 2 and "nope.yaml" in err


def test_unreadable_file_is_a_finding_and_the_batch_goes_on(tmp_path, capsys):
    good = write_report(tmp_path, "good.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("agency: [unclosed\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(tmp_path), "-f", "json")
    doc = json.loads(out)
    assert code == 1
    by_path = {Path(f["path"]).name: f for f in doc["files"]}
    assert by_path["good.yaml"]["findings"] == []
    (finding,) = by_path["bad.yaml"]["findings"]
    assert finding["severity"] == "error" and finding["line"] == 2


def broken_rule(tmp_path: Path, name: str, code: str, old: str, new: str) -> Path:
    """A rules folder with one copy of SUM-01, renamed to ``code``, where ``old`` became ``new``."""
    rules = tmp_path / "rules"
    rules.mkdir(exist_ok=True)
    text = (ROOT / "rules" / "sum" / "SUM-01.yaml").read_text(encoding="utf-8")
    (rules / name).write_text(text.replace("code: SUM-01", f"code: {code}").replace(old, new), encoding="utf-8")
    return rules


def test_bad_rule_file_exits_2_with_its_place(tmp_path, capsys):
    rules = broken_rule(tmp_path, "X.yaml", "XYZ-01", "kind: identity", "kind: python_eval")
    code, _, err = run(capsys, "check", str(write_report(tmp_path)), "--rules", str(rules))
    assert code == 2
    assert "X.yaml:" in err and "python_eval" in err
    line = int(err.split("X.yaml:")[1].split(":")[0])
    assert "python_eval" in (rules / "X.yaml").read_text(encoding="utf-8").splitlines()[line - 1]


def test_unknown_row_in_rule_is_refused(tmp_path, capsys):
    rules = broken_rule(tmp_path, "Y.yaml", "XYZ-02", "carried_forward]", "carried_forwards]")
    code, _, err = run(capsys, "rules", "--rules", str(rules))
    assert code == 2 and "carried_forwards" in err


def test_rules_and_rule_explain(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "SUM-01" in out
    code, out, _ = run(capsys, "rule", "sum-01")
    assert code == 0 and "勾稽关系" in out and "示例" in out
    code, out, _ = run(capsys, "rule", "SUM-99")
    assert code == 2


def test_version_subprocess_is_fast_and_lazy():
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "govinfo_lint", "--version"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.startswith("govinfo-lint ")
    heavy = [m for m in ("jsonschema", "ruamel", "rich", "lxml", "pdfplumber", "docx") if f" {m}" in out.stderr]
    assert heavy == [], f"--version imported {heavy}"


def test_extract_round_trips(tmp_path, capsys):
    src = write_report(tmp_path)
    out_path = tmp_path / "out.yaml"
    assert run(capsys, "extract", str(src), "-o", str(out_path))[0] == 0
    assert run(capsys, "check", str(out_path))[0] == 0
    assert run(capsys, "extract", str(src), "-o", str(src))[0] == 2  # never over the input


@pytest.mark.parametrize("name", ["clean-2021.yaml"])
def test_shipped_clean_example_passes(name, capsys):
    code, out, _ = run(capsys, "check", str(ROOT / "examples" / name), "--fail-on", "info")
    assert code == 0, out


def test_an_unknown_rule_code_is_told_the_same_way_everywhere(tmp_path, capsys):
    path = write_report(tmp_path)
    told = ("未知的规则代码或前缀 SUMM-03，是否应为 SUM-03？ "
            "(unknown rule code or prefix 'SUMM-03'; did you mean 'SUM-03'?)")
    for option in ("--select", "--ignore"):
        code, _, err = run(capsys, "check", path, option, "SUMM-03")
        assert code == 2 and f"{option}: {told}" in err, err
    config = tmp_path / ".govinfo-lint.yaml"
    config.write_text("ignore: [SUMM-03]\n", encoding="utf-8")
    code, _, err = run(capsys, "check", path)
    assert code == 2 and f"{config}:1:10: {told}" in err, err
    config.unlink()
    waivers = tmp_path / "w.yaml"
    waivers.write_text("- code: SUMM-03\n  file: r.yaml\n  reason: 理由\n  approved_by: 张三\n", encoding="utf-8")
    code, _, err = run(capsys, "check", path, "--waivers", waivers)
    assert code == 2 and f"{waivers}:1:9: {told}" in err, err
    with path.open("a", encoding="utf-8") as f:
        f.write("# govinfo-lint: disable=SUMM-03 reason=打错了代码\n")
    for lang, words in (("zh", told.split(" (")[0]), ("en", told.split(" (", 1)[1][:-1])):
        _, out, _ = run(capsys, "check", path, "--select", "WVR", "--lang", lang, "-f", "json")
        (finding,) = json.loads(out)["files"][0]["findings"]
        assert finding["code"] == "WVR-03" and words in finding["message"]
    # `rule CODE` takes a code, not a prefix; a usage error like the others, on stderr
    code, out, err = run(capsys, "rule", "SUMM-03")
    assert code == 2 and out == ""
    assert err == ("govinfo-lint: 未知的规则代码 SUMM-03，是否应为 SUM-03？ "
                   "(unknown rule code 'SUMM-03'; did you mean 'SUM-03'?)\n")


def test_configured_language_and_threshold_reach_every_output(tmp_path, capsys):
    path = write_report(tmp_path, **{"/tables/proactive/normative_documents": {"issued": 30, "repealed": 1, "in_force": 25}})
    (tmp_path / ".govinfo-lint.yaml").write_text("lang: en\nfail-on: warning\nselect: [SUM]\n", encoding="utf-8")
    memo, data = tmp_path / "out" / "memo.md", tmp_path / "out" / "r.json"
    code, out, _ = run(capsys, "check", path, "--summary", "-f", f"markdown:{memo}", "-f", f"json:{data}")
    assert code == 1 and "Summary by agency" in out
    assert "Checked 1 file(s): 0 error(s), 1 warning(s)" in memo.read_text(encoding="utf-8")
    summary = json.loads(data.read_text(encoding="utf-8"))["summary"]
    assert summary["fail_on"] == "warning" and summary["failed"] is True
