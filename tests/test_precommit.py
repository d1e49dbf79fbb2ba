"""The pre-commit hooks, run by the real pre-commit in a throwaway git repository.

The hooks of ``.pre-commit-hooks.yaml`` are used as written (id, entry, files, exclude)
except ``language: system``, so that no virtualenv has to be built from the network: the
``govinfo-lint`` of this test environment is on PATH. ``GOVINFO_LINT_TRY_REPO=1`` also runs
``pre-commit try-repo`` on the checkout, which builds that virtualenv (network, minutes).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from govinfo_lint.samples import apply_patch, sample_report
from govinfo_lint.yaml_out import dump_yaml

ROOT = Path(__file__).resolve().parents[1]

pytest.importorskip("pre_commit")
if shutil.which("git") is None:
    pytest.skip("git is not installed", allow_module_level=True)


def manifest() -> list[dict]:
    import yaml  # pre-commit depends on PyYAML

    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_manifest_is_valid_for_pre_commit():
    from pre_commit.clientlib import load_manifest

    hooks = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert {h["id"] for h in hooks} == {"govinfo-lint", "govinfo-lint-markdown", "govinfo-lint-docx"}
    assert all(h["entry"] == "govinfo-lint check" and h["language"] == "python" for h in hooks)


@pytest.fixture
def repo(tmp_path) -> tuple[Path, dict]:
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
           "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "GOVINFO_LINT_CACHE_DIR": str(tmp_path / "cache"),
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    env.pop("GITHUB_ACTIONS", None)
    git(repo, env, "init", "-q")
    git(repo, env, "config", "user.email", "test@example.invalid")
    git(repo, env, "config", "user.name", "test")
    git(repo, env, "config", "commit.gpgsign", "false")
    hooks = [{**h, "language": "system"} for h in manifest()]
    config = {"repos": [{"repo": "local", "hooks": hooks}]}
    (repo / ".pre-commit-config.yaml").write_text(dump_yaml(config), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env, check=True,
                   capture_output=True, timeout=120)
    return repo, env


def git(repo: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=300)


def commit(repo: Path, env: dict, message: str) -> subprocess.CompletedProcess:
    git(repo, env, "add", "-A")
    return git(repo, env, "commit", "-q", "-m", message)


def commits(repo: Path, env: dict) -> int:
    result = git(repo, env, "rev-list", "--count", "HEAD")
    return int(result.stdout.strip()) if result.returncode == 0 else 0


def test_clean_report_commits_and_arithmetic_error_is_refused(repo):
    repo, env = repo
    reports = repo / "reports"
    reports.mkdir()
    (reports / "2024.yaml").write_text(dump_yaml(sample_report()), encoding="utf-8")
    (repo / "README.md").write_text("# 年报仓库\n\n说明文字，不是年报。\n", encoding="utf-8")  # excluded by the hook
    result = commit(repo, env, "clean report")
    assert result.returncode == 0, result.stdout + result.stderr
    assert commits(repo, env) == 1

    bad = apply_patch(sample_report(agency="示例县水务局"), {"/tables/requests/granted/total": 99})
    (reports / "水务局-2024.yaml").write_text(dump_yaml(bad), encoding="utf-8")
    result = commit(repo, env, "report with a wrong sum")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "SUM-03" in output and "水务局-2024.yaml" in output
    assert commits(repo, env) == 1  # refused

    # Waived (the wrong total breaks SUM-02 and SUM-03), with a reason: the commit goes through.
    path = reports / "水务局-2024.yaml"
    path.write_text("# govinfo-lint: disable-file=SUM reason=与原件一致，已报备\n" + path.read_text(encoding="utf-8"),
                    encoding="utf-8")
    result = commit(repo, env, "waived")
    assert result.returncode == 0, result.stdout + result.stderr
    assert commits(repo, env) == 2


def test_markdown_hook(repo):
    repo, env = repo
    data = sample_report()
    text = [f"# {data['title']}", "", data["intro"], ""]
    for section in data["sections"]:
        text += [f"## {section['heading']}", "", section["text"] if section["id"] != "other" else "无。", ""]
    (repo / "年报.md").write_text("\n".join(text), encoding="utf-8")
    result = commit(repo, env, "markdown report")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "govinfo-lint (Markdown reports)" in output and "SEC-07" in output


@pytest.mark.skipif(os.environ.get("GOVINFO_LINT_TRY_REPO") != "1", reason="builds a virtualenv from PyPI")
def test_try_repo_installs_the_hooks_from_the_checkout(repo):
    repo, env = repo
    (repo / "r.yaml").write_text(dump_yaml(apply_patch(sample_report(), {"/tables/requests/granted/total": 99})),
                                 encoding="utf-8")
    git(repo, env, "add", "-A")
    # try-repo takes committed and modified files only: commit a copy of the working tree.
    checkout = repo.parent / "checkout"
    listed = git(ROOT, env, "ls-files", "--cached", "--others", "--exclude-standard", "-z").stdout.split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (checkout / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, checkout / name)
    git(checkout, env, "init", "-q")
    git(checkout, env, "add", "-A")
    git(checkout, env, "-c", "user.email=t@example.invalid", "-c", "user.name=t", "commit", "-q", "-m", "copy")
    result = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(checkout), "govinfo-lint",
                             "--files", "r.yaml"], cwd=repo, env=env, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 1 and "SUM-03" in result.stdout, result.stdout + result.stderr
