"""Configuration files: discovery, validation with places, every key, command-line precedence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_run import run
from govinfo_lint.config.files import find_config, glob_match, pointer_match
from govinfo_lint.samples import apply_patch, sample_report
from govinfo_lint.yaml_out import dump_yaml

BAD_SUM = {"/tables/requests/granted/total": 99}


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVINFO_LINT_CACHE_DIR", str(tmp_path / "_cache"))
    (tmp_path / ".git").mkdir()  # the search for configuration stops here
    yield


def report(path: Path, patch: dict | None = None, **kwargs) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_yaml(apply_patch(sample_report(**kwargs), patch or {})), encoding="utf-8")
    return path


def codes(capsys, *argv) -> tuple[int, list[tuple[str, str]]]:
    code, out, err = run(capsys, "check", *argv, "-f", "json")
    assert code in (0, 1), err
    doc = json.loads(out)
    return code, [(f["code"], f["severity"]) for file in doc["files"] for f in file["findings"]]


def test_nearest_configuration_wins_and_search_stops_at_git(tmp_path, capsys):
    (tmp_path / ".govinfo-lint.yaml").write_text("ignore: [SUM-03]\n", encoding="utf-8")
    sub = tmp_path / "乡镇"
    (sub).mkdir()
    (sub / ".govinfo-lint.yaml").write_text("select: [SUM-03]\n", encoding="utf-8")
    top = report(tmp_path / "top.yaml", BAD_SUM)
    low = report(sub / "low.yaml", BAD_SUM)
    assert codes(capsys, top)[1] and "SUM-03" not in {c for c, _ in codes(capsys, top)[1]}
    assert {c for c, _ in codes(capsys, low)[1]} == {"SUM-03"}
    # A configuration above the repository root is not used.
    inner = tmp_path / "repo"
    (inner / ".git").mkdir(parents=True)
    assert find_config(inner) is None
    assert find_config(tmp_path / "乡镇" / "deeper") == sub / ".govinfo-lint.yaml"


def test_pyproject_tool_table(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.govinfo-lint]\nselect = ["SUM"]\n'
                                             'fail-on = "never"\n', encoding="utf-8")
    path = report(tmp_path / "r.yaml", BAD_SUM)
    code, found = codes(capsys, path)
    assert code == 0 and found and all(c.startswith("SUM-") for c, _ in found)


def test_pyproject_without_the_table_is_not_a_configuration(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(tmp_path) is None


def test_unknown_key_is_an_error_with_its_place_and_a_suggestion(tmp_path, capsys):
    config = tmp_path / ".govinfo-lint.yaml"
    config.write_text("select: [SUM]\nfail_on: warning\n", encoding="utf-8")
    code, _out, err = run(capsys, "check", report(tmp_path / "r.yaml"))
    assert code == 2
    assert f"{config}:2:1:" in err and "fail_on" in err and "did you mean 'fail-on'" in err


def test_pyproject_errors_have_places_too(tmp_path, capsys):
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.govinfo-lint]\nselect = ["SUM"]\nlangauge = "en"\n', encoding="utf-8")
    code, _out, err = run(capsys, "check", report(tmp_path / "r.yaml"))
    assert code == 2 and f"{config}:3:1:" in err and "did you mean 'lang'" in err


@pytest.mark.parametrize(("text", "where", "words"), [
    ("fail-on: warnings\n", "1:10", "did you mean 'warning'"),
    ("level: twonship\n", "1:8", "did you mean 'township'"),
    ("select: [SUMM]\n", "1:10", "did you mean 'SUM'"),
    ("severity:\n  SUM-03: critical\n", "2:11", "one of"),
    ("per-file-ignores:\n  '*.yaml': [sum-03]\n", "2:14", "rule code or prefix"),
    ("select: SUM\n", "1:9", "is not of type 'array'"),
    ("jobs: -1\n", "1:7", "minimum"),
    ("select: [SUM\n", "2:1", "syntax"),
])
def test_invalid_values_are_errors_with_places(tmp_path, capsys, text, where, words):
    config = tmp_path / ".govinfo-lint.yaml"
    config.write_text(text, encoding="utf-8")
    code, _out, err = run(capsys, "check", report(tmp_path / "r.yaml"))
    assert code == 2, err
    assert f"{config}:{where}:" in err and words in err, err


def test_select_ignore_per_file_ignores_and_severity(tmp_path, capsys):
    (tmp_path / ".govinfo-lint.yaml").write_text(
        "select: [SUM, VAL]\nignore: [SUM-01]\nper-file-ignores:\n  '草稿/**': [SUM-03]\n"
        "severity:\n  SUM: warning\n  SUM-02: off\n", encoding="utf-8")
    main_file = report(tmp_path / "r.yaml", BAD_SUM)
    draft = report(tmp_path / "草稿" / "d.yaml", BAD_SUM)
    _, found = codes(capsys, main_file)
    assert ("SUM-03", "warning") in found
    assert not {c for c, _ in found} & {"SUM-01", "SUM-02"}
    assert all(c.startswith(("SUM", "VAL")) for c, _ in found)
    _, found = codes(capsys, draft)
    assert "SUM-03" not in {c for c, _ in found}


def test_command_line_overrides_the_configuration(tmp_path, capsys):
    (tmp_path / ".govinfo-lint.yaml").write_text("ignore: [SUM-03]\nfail-on: never\nlang: en\n", encoding="utf-8")
    path = report(tmp_path / "r.yaml", BAD_SUM)
    code, found = codes(capsys, path)
    assert code == 0 and "SUM-03" not in {c for c, _ in found}
    code, found = codes(capsys, path, "--select", "SUM-03", "--fail-on", "error")
    assert code == 1 and found == [("SUM-03", "error")]
    code, out, _ = run(capsys, "check", path, "--select", "SUM-03", "-f", "json")
    assert json.loads(out)["files"][0]["findings"][0]["message"].startswith("table 3")  # lang: en
    code, out, _ = run(capsys, "check", path, "--select", "SUM-03", "--lang", "zh", "-f", "json")
    assert json.loads(out)["files"][0]["findings"][0]["message"].startswith("表三")


def test_isolated_and_explicit_config(tmp_path, capsys):
    (tmp_path / ".govinfo-lint.yaml").write_text("select: [SUM-03]\n", encoding="utf-8")
    other = tmp_path / "elsewhere" / "strict.yaml"
    other.parent.mkdir()
    other.write_text("select: [VAL]\n", encoding="utf-8")
    path = report(tmp_path / "r.yaml", BAD_SUM)
    assert {c for c, _ in codes(capsys, path)[1]} == {"SUM-03"}
    assert len({c for c, _ in codes(capsys, path, "--isolated")[1]}) > 1
    assert all(c.startswith("VAL") for c, _ in codes(capsys, path, "--config", other)[1])


def test_show_settings(tmp_path, capsys):
    config = tmp_path / ".govinfo-lint.yaml"
    config.write_text("select: [SUM]\nper-file-ignores:\n  '*.yaml': [SUM-05]\nlevel: township\njobs: 2\n"
                      "waivers: waivers.yaml\n", encoding="utf-8")
    path = report(tmp_path / "r.yaml")
    code, out, _ = run(capsys, "check", path, "--show-settings", "--fail-on", "warning")
    assert code == 0
    assert f"config: {config}" in out and "- SUM-05" in out and "level: township" in out
    assert "fail-on: warning" in out and "jobs: 2" in out and str(tmp_path / "waivers.yaml") in out


def test_level_when_the_name_does_not_settle_it(tmp_path, capsys):
    (tmp_path / ".govinfo-lint.yaml").write_text("level: township\nper-file-level:\n  '县*.yaml': county_government\n",
                                                 encoding="utf-8")
    patch = {"/tables/proactive/regulations": {"issued": 2, "repealed": 0, "in_force": 2}}
    unnamed = report(tmp_path / "a.yaml", patch, agency="某某管理委员会", level=None)
    _, found = codes(capsys, unnamed, "--select", "LVL-01")
    assert found, "a township cannot make 规章: the configured level must apply"
    county = report(tmp_path / "县.yaml", patch, agency="某某管理委员会", level=None)
    code, out, _ = run(capsys, "check", county, "--select", "LVL-01", "-f", "json")
    assert json.loads(out)["files"][0]["level"] == "county_government"
    declared = report(tmp_path / "b.yaml", patch, agency="某某管理委员会", level="provincial_government")
    code, out, _ = run(capsys, "check", declared, "--select", "LVL-01", "-f", "json")
    assert json.loads(out)["files"][0]["level"] == "provincial_government"  # what a file states wins


def _outline_report(path: Path) -> Path:
    data = sample_report()
    sections = [s for s in data["sections"] if s["id"] != "problems"]
    renumber = dict(zip(["overview", "proactive", "requests", "review", "other"], "一二三四五"))
    for s in sections:
        s["heading"] = renumber[s["id"]] + "、" + s["heading"].split("、", 1)[1]
    sections[3]["heading"] = "四、政府信息公开行政复议和行政诉讼情况"
    sections.insert(1, {"heading": "二、工作机制保障", "text": "设立政务公开工作协调小组。"})
    data["sections"] = sections
    path.write_text(dump_yaml(data), encoding="utf-8")
    return path


def test_local_outline_is_accepted_by_the_section_rules(tmp_path, capsys):
    path = _outline_report(tmp_path / "上海.yaml")
    _, found = codes(capsys, path, "--select", "SEC-01,SEC-02,SEC-03")
    assert {"SEC-01", "SEC-02", "SEC-03"} <= {c for c, _ in found}
    (tmp_path / ".govinfo-lint.yaml").write_text(
        "local-outline:\n  name: 上海市\n  sections: [工作机制保障]\n  headings:\n    review: [政府信息公开行政复议和行政诉讼情况]\n"
        "  optional: [problems]\n  numbering: outline\n", encoding="utf-8")
    _, found = codes(capsys, path, "--select", "SEC-01,SEC-02,SEC-03")
    assert found == []


def test_local_outline_on_the_shanghai_report(tmp_path, capsys, corpus_dir):
    source = corpus_dir / "KIROGOVCOMPARE" / "kewei-2024-source.md"
    config = tmp_path / "outline.yaml"
    config.write_text("local-outline:\n  sections: [工作机制保障, 主动公开工作情况, 政府信息公开申请情况, 政府信息管理,"
                      " 政府信息公开平台建设]\n  optional: [problems]\n  numbering: outline\n", encoding="utf-8")
    _, before = codes(capsys, source, "--isolated", "--select", "SEC-01,SEC-03")
    _, after = codes(capsys, source, "--config", config, "--select", "SEC-01,SEC-03")
    assert [c for c, _ in before].count("SEC-03") >= 3 and "SEC-01" in {c for c, _ in before}
    assert after == []


def test_exclude_max_bytes_and_fail_on(tmp_path, capsys):
    (tmp_path / ".govinfo-lint.yaml").write_text("exclude: ['归档']\nmax-bytes: 100\nfail-on: never\n", encoding="utf-8")
    report(tmp_path / "归档" / "old.yaml")
    path = report(tmp_path / "r.yaml")
    code, out, _ = run(capsys, "check", tmp_path, "-f", "json")
    doc = json.loads(out)
    assert code == 0 and [Path(f["path"]).name for f in doc["files"]] == ["r.yaml"]
    assert [f["code"] for f in doc["files"][0]["findings"]] == ["RDR-03"]
    # A file named on the command line is checked even when excluded.
    code, out, _ = run(capsys, "check", tmp_path / "归档" / "old.yaml", "-f", "json")
    assert len(json.loads(out)["files"]) == 1


def test_unknown_code_on_the_command_line(tmp_path, capsys):
    code, _out, err = run(capsys, "check", report(tmp_path / "r.yaml"), "--select", "SUMM-03")
    assert code == 2 and "SUMM-03" in err


@pytest.mark.parametrize(("pattern", "path", "expected"), [
    ("*.yaml", "a/b/r.yaml", True),
    ("草稿", "草稿/r.yaml", True),
    ("草稿/**", "草稿/x/r.yaml", True),
    ("草稿/*.yaml", "草稿/x/r.yaml", False),
    ("**/县*.docx", "a/县局.docx", True),
    ("**/县*.docx", "县局.docx", True),
    ("!草稿/**", "正式/r.yaml", True),
    ("reports/", "reports/2024/a.pdf", True),
    ("r[0-9].yaml", "r7.yaml", True),
])
def test_glob_match(pattern, path, expected):
    assert glob_match(pattern, path) is expected


@pytest.mark.parametrize(("pattern", "pointer", "expected"), [
    ("/tables/requests/granted/total", "/tables/requests/granted/total", True),
    ("/tables/requests/*/total", "/tables/requests/granted/total", True),
    ("/tables/*/total", "/tables/requests/granted/total", False),  # '*' stays within one key
    ("/tables/**/total", "/tables/requests/granted/total", True),
    ("/tables/**", "/tables/requests/granted/total", True),
    ("/tables/requests/denied_*", "/tables/requests/denied_state_secret/total", False),
    # '?' and '[…]' are literal in a pointer (its keys can be row labels as written), not in a path
    ("/tables/requests/行?/total", "/tables/requests/行?/total", True),
    ("/tables/requests/行?/*", "/tables/requests/行?/total", True),
    ("/tables/requests/行?/*", "/tables/requests/行甲/total", False),
    ("/tables/requests/[1]*/total", "/tables/requests/[1]其他/total", True),
    ("/tables/requests/[1]*/total", "/tables/requests/1其他/total", False),
])
def test_pointer_match(pattern, pointer, expected):
    assert pointer_match(pattern, pointer) is expected
    # the same glob as a path: '?' and '[…]' are wildcards there
    if pattern.endswith("行?/*"):
        assert glob_match(pattern.lstrip("/"), "tables/requests/行甲/total")


def _blocks(name: str, lang: str) -> list[str]:
    text = (Path(__file__).resolve().parents[1] / "docs" / name).read_text(encoding="utf-8")
    return [block.split("```", 1)[0] for block in text.split(f"```{lang}\n")[1:]]


def test_the_examples_in_the_configuration_docs_are_valid(tmp_path, capsys):
    yaml_blocks = _blocks("configuration.md", "yaml")
    toml_blocks = _blocks("configuration.md", "toml")
    assert len(yaml_blocks) >= 2 and toml_blocks
    path = report(tmp_path / "r.yaml")
    (tmp_path / "govinfo-lint-waivers.yaml").write_text("[]\n", encoding="utf-8")
    for i, block in enumerate(yaml_blocks):
        config = tmp_path / f"c{i}.yaml"
        config.write_text(block, encoding="utf-8")
        code, _out, err = run(capsys, "check", path, "--config", config, "--show-settings")
        assert code == 0, (block, err)
    config = tmp_path / "pyproject.toml"
    config.write_text(toml_blocks[0], encoding="utf-8")
    code, out, err = run(capsys, "check", path, "--show-settings")
    assert code == 0 and "fail-on: warning" in out, err


def test_extra_rule_folder_from_the_configuration(tmp_path, capsys):
    shipped = (Path(__file__).resolve().parents[1] / "rules" / "sum" / "SUM-03.yaml").read_text(encoding="utf-8")
    (tmp_path / "本地规则").mkdir()
    (tmp_path / "本地规则" / "LOC-01.yaml").write_text(
        shipped.replace("code: SUM-03", "code: LOC-01").replace("name: requests-row-total", "name: local-row-total"),
        encoding="utf-8")
    (tmp_path / ".govinfo-lint.yaml").write_text("rules: [本地规则]\nselect: [LOC]\n", encoding="utf-8")
    _, found = codes(capsys, report(tmp_path / "r.yaml", BAD_SUM))
    assert found == [("LOC-01", "error")]
