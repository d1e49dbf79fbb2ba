"""What users of Ruff and yamllint look for: stdin, -q, --color, --output-file, --exit-zero,
shell completion, and messages in Chinese first."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_run import run
from govinfo_lint.samples import apply_patch, sample_report
from govinfo_lint.yaml_out import dump_yaml

ROOT = Path(__file__).resolve().parents[1]
XILIAN = ROOT / "examples" / "xilian-2019.yaml"


def _cli(*argv, stdin: bytes = b"", env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "GOVINFO_LINT_NO_CACHE": "1", **(env or {})}
    full_env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "govinfo_lint", *map(str, argv)], input=stdin,
                          capture_output=True, env=full_env, timeout=120)


def _defective(tmp_path: Path) -> Path:
    path = tmp_path / "bad.yaml"
    data = apply_patch(sample_report("2021"), {"tables": {"requests": {"handled_total": {"total": 999}}}})
    path.write_text(dump_yaml(data), encoding="utf-8")
    return path


def test_stdin_gives_the_same_findings_as_the_file():
    from_file = _cli("check", XILIAN, "-f", "json", "--no-cache")
    from_stdin = _cli("check", "-", "--stdin-filename", "xilian-2019.yaml", "-f", "json", stdin=XILIAN.read_bytes())
    assert from_file.returncode == from_stdin.returncode == 0
    a, b = json.loads(from_file.stdout), json.loads(from_stdin.stdout)
    assert b["files"][0]["path"] == "xilian-2019.yaml"
    strip = [{k: v for k, v in f.items() if k != "path"} for f in a["files"][0]["findings"]]
    assert strip == [{k: v for k, v in f.items() if k != "path"} for f in b["files"][0]["findings"]]


def test_stdin_without_a_name_is_called_dash_and_its_form_is_guessed(tmp_path):
    result = _cli("check", "-", "-f", "concise", stdin=_defective(tmp_path).read_bytes())
    assert result.returncode == 1
    lines = result.stdout.decode().splitlines()
    assert lines and all(line.startswith("-:") for line in lines) and any("SUM-" in ln for ln in lines)


def test_stdin_text_report_is_read_as_text():
    seed = ROOT.parent / "shared" / "seed" / "000_420e94e8b51db23e.txt"
    if not seed.is_file():
        pytest.skip("../shared is not beside the checkout")
    result = _cli("check", "-", "-f", "json", stdin=seed.read_bytes())
    doc = json.loads(result.stdout)
    assert doc["files"][0]["path"] == "-" and doc["files"][0]["findings"]


def test_stdin_cannot_be_mixed_with_paths(capsys):
    code, _out, err = run(capsys, "check", "-", XILIAN)
    assert code == 2 and "标准输入" in err


def test_stdin_leaves_no_temporary_file():
    import tempfile

    before = set(Path(tempfile.gettempdir()).glob("govinfo-lint-stdin-*"))
    _cli("check", "-", stdin=XILIAN.read_bytes())
    assert set(Path(tempfile.gettempdir()).glob("govinfo-lint-stdin-*")) == before


def test_quiet_prints_findings_without_summary_and_qq_prints_nothing(tmp_path, capsys):
    clean = tmp_path / "clean.yaml"
    clean.write_text(dump_yaml(sample_report("2021")), encoding="utf-8")
    bad = _defective(tmp_path)
    code, out, _ = run(capsys, "check", "-q", clean, bad, "--no-cache")
    assert code == 1 and str(bad) in out and str(clean) not in out and "共检查" not in out
    code, out, _ = run(capsys, "check", "-qq", clean, bad, "--no-cache")
    assert code == 1 and out == ""


def test_qq_still_writes_the_files_asked_for(tmp_path, capsys):
    target = tmp_path / "out.json"
    code, out, _ = run(capsys, "check", "-qq", _defective(tmp_path), "-f", f"json:{target}", "--no-cache")
    assert code == 1 and out == "" and json.loads(target.read_text(encoding="utf-8"))["files"]


def test_output_file_is_an_alias_of_format_path(tmp_path, capsys):
    bad = _defective(tmp_path)
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    run(capsys, "check", bad, "-f", "json", "--output-file", a, "--no-cache")
    run(capsys, "check", bad, "-f", f"json:{b}", "--no-cache")
    assert a.read_text(encoding="utf-8") == b.read_text(encoding="utf-8")
    code, _out, err = run(capsys, "check", bad, "-f", f"json:{b}", "--output-file", a)
    assert code == 2 and "--output-file" in err


def test_exit_zero_is_fail_on_never(tmp_path, capsys):
    bad = _defective(tmp_path)
    assert run(capsys, "check", bad, "--no-cache")[0] == 1
    assert run(capsys, "check", bad, "--no-cache", "--exit-zero")[0] == 0


@pytest.mark.parametrize("choice, env, styled", [
    ("always", {}, True), ("never", {"FORCE_COLOR": "1"}, False), ("auto", {"NO_COLOR": "1"}, False),
    ("auto", {}, False),  # a pipe
])
def test_color(tmp_path, choice, env, styled):
    result = _cli("check", _defective(tmp_path), "--color", choice, env=env)
    assert (b"\x1b[" in result.stdout) is styled


def test_completion_scripts_name_every_subcommand_and_check_option():
    for shell in ("bash", "zsh", "fish"):
        result = _cli("completion", shell)
        assert result.returncode == 0
        text = result.stdout.decode()
        for word in ("check", "extract", "rules", "fail-on", "stdin-filename", "concise"):
            assert word in text, (shell, word)


def test_bash_completion_completes_subcommands_and_options():
    if shutil.which("bash") is None:
        pytest.skip("no bash")
    script = _cli("completion", "bash").stdout.decode()

    def complete(*words: str) -> list[str]:
        probe = (script + "\nCOMP_WORDS=(" + " ".join(f"'{w}'" for w in words) + f"); COMP_CWORD={len(words) - 1}"
                 "; _govinfo_lint; printf '%s\\n' \"${COMPREPLY[@]}\"\n")
        return subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=30).stdout.split()

    assert "check" in complete("govinfo-lint", "ch")
    assert "--fail-on" in complete("govinfo-lint", "check", "--fa")
    assert set(complete("govinfo-lint", "check", "--fail-on", "")) == {"error", "warning", "info", "never"}
    assert "sarif" in complete("govinfo-lint", "check", "-f", "")


@pytest.mark.parametrize("shell, check", [("zsh", ["zsh", "-n"]), ("fish", ["fish", "--no-execute"])])
def test_other_completion_scripts_parse(tmp_path, shell, check):
    if shutil.which(check[0]) is None:
        pytest.skip(f"{shell} is not installed")
    path = tmp_path / f"c.{shell}"
    path.write_bytes(_cli("completion", shell).stdout)
    assert subprocess.run([*check, str(path)], capture_output=True, timeout=30).returncode == 0


def test_check_help_is_chinese_first():
    text = _cli("check", "--help").stdout.decode()
    for phrase in ("输出格式", "达到此级别", "只检查这些规则", "标准输入"):
        assert phrase in text


def test_unwritable_output_names_the_output_in_chinese(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    target = blocker / "out.json"  # a path under a file: cannot be created, even as root
    code, _out, err = run(capsys, "check", _defective(tmp_path), "-f", f"json:{target}", "--no-cache")
    assert code == 2 and str(target) in err and "无法写入" in err and ".tmp" not in err and "Errno" not in err


def test_bad_rule_file_message_is_chinese_first(tmp_path, capsys):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "X-01.yaml").write_text("code: [", encoding="utf-8")
    code, _out, err = run(capsys, "check", _defective(tmp_path), "--rules", folder)
    assert code == 2 and "规则文件有误" in err


def test_an_empty_folder_says_nothing_was_checked_and_fails(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _out, err = run(capsys, "check", empty)
    assert code == 1 and "未检查任何文件" in err
    assert run(capsys, "check", empty, "--exit-zero")[0] == 0


@pytest.mark.parametrize("text, phrase", [
    ("agency: 某局\nyear: 2024\ntitle: 年报: 全文\n  bad: x\n", "此处不能出现"),
    ('agency: "某局\n', "文件意外结束"),
    ("agency: 某局\n\tyear: 1\n", "制表符"),
])
def test_yaml_syntax_errors_are_explained_in_chinese(tmp_path, capsys, text, phrase):
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    _code, out, _err = run(capsys, "check", path, "-f", "concise", "--no-cache")
    assert "RDR-01" in out and phrase in out and "语法错误" in out


def test_a_walked_folder_skips_files_that_are_not_reports_with_a_note(tmp_path, capsys):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "README.md").write_text("# 说明\n\n本目录存放各单位年报。\n", encoding="utf-8")
    (folder / "package.json").write_text('{"name": "x", "version": "1.0.0"}', encoding="utf-8")
    report = folder / "r.yaml"
    report.write_text(dump_yaml(sample_report("2021")), encoding="utf-8")
    code, out, err = run(capsys, "check", folder, "-f", "concise", "--no-cache")
    assert code == 0 and "README.md" not in out and "已跳过" in err and "package.json" in err
    # Named on the command line, the file keeps its one finding.
    code, out, _err = run(capsys, "check", folder / "README.md", "-f", "concise", "--no-cache")
    assert out.count("RDR-13") == 1 and len(out.splitlines()) == 1


def test_empty_files_are_not_reports_with_one_finding_each(tmp_path, capsys):
    for name in ("empty.yaml", "empty.txt"):
        path = tmp_path / name
        path.write_bytes(b"")
        _code, out, _err = run(capsys, "check", path, "-f", "concise", "--no-cache")
        assert len(out.splitlines()) == 1 and ("RDR-13" in out or "RDR-01" in out), out


def test_a_mistyped_key_is_named_with_the_right_one(tmp_path, capsys):
    text = (ROOT / "examples" / "clean-2021.yaml").read_text(encoding="utf-8").replace("\nyear:", "\nyaer:")
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    _code, out, _err = run(capsys, "check", path, "-f", "concise", "--no-cache")
    (line,) = [ln for ln in out.splitlines() if "RDR-04" in ln]
    assert "“yaer”" in line and "“year”" in line and ":4:1:" in line


def test_progress_off_a_terminal_is_plain_periodic_lines(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(12):
        (folder / f"r{i}.yaml").write_text(dump_yaml(sample_report("2021")), encoding="utf-8")
    result = _cli("check", folder, "--progress", "-q")
    lines = [ln for ln in result.stderr.decode().splitlines() if "已检查" in ln]
    assert lines and lines[-1].endswith("(checked 12/12)") and len(lines) <= 12
    assert "\x1b[" not in result.stderr.decode() and "\r" not in result.stderr.decode()
    assert "已检查" not in _cli("check", folder, "-q").stderr.decode()  # not asked, not a terminal: nothing
