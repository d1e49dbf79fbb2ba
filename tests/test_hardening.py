"""Issue 19: nothing a file holds can kill a run.

Each class of attack gets a named test that runs the real command line (in a fresh
process where a crash would otherwise take pytest down with it) and asserts the run ends
with an exit status, not a signal, and says in Chinese what it refused.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govinfo_lint.readers.plain import MAX_DEPTH, LoadError, load_text

ROOT = Path(__file__).resolve().parents[1]
CLEAN = ROOT / "examples" / "clean-2021.yaml"
ENV = {**os.environ, "GOVINFO_LINT_NO_CACHE": "1", "PYTHONIOENCODING": "utf-8"}


def cli(*argv, cwd=None, timeout=120, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govinfo_lint", *map(str, argv)], capture_output=True,
                          timeout=timeout, cwd=cwd, env=env or ENV)


def no_signal(proc: subprocess.CompletedProcess) -> None:
    assert proc.returncode >= 0, f"killed by signal {-proc.returncode}: {proc.stderr[-2000:]!r}"
    assert proc.returncode in (0, 1, 2), proc.stderr[-2000:]
    assert b"Traceback" not in proc.stderr, proc.stderr[-2000:]


# --- 1. deep nesting -----------------------------------------------------------------

LEVELS = [10 * MAX_DEPTH, 50_000]


def _flow(levels: int) -> str:
    return "[" * levels + "]" * levels


def _mapping(levels: int) -> str:
    return "a: " + "{a: " * levels + "1" + "}" * levels + "\n"


@pytest.mark.parametrize("levels", LEVELS)
@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_deep_nesting_check_and_extract(tmp_path, levels, suffix):
    path = tmp_path / f"deep{suffix}"
    path.write_text(_flow(levels) if suffix == ".json" else _mapping(levels), encoding="utf-8")
    for command in ("check", "extract"):
        proc = cli(command, path)
        no_signal(proc)
        out = proc.stdout.decode("utf-8")
        assert "嵌套超过" in out, out
    proc = cli("check", "--format", "json", path)
    assert proc.returncode == 1
    found = json.loads(proc.stdout)
    assert any("嵌套超过" in f["message"] for r in found["files"] for f in r["findings"]), found


@pytest.mark.parametrize("levels", LEVELS)
def test_deep_nesting_library_lint(tmp_path, levels):
    path = tmp_path / "deep.yaml"
    path.write_text(_flow(levels), encoding="utf-8")
    code = ("import sys, govinfo_lint.api as a\n"
            f"fs = a.lint({str(path)!r})\n"
            "print('\\n'.join(f.message for f in fs))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120, env=ENV)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "嵌套超过" in proc.stdout.decode("utf-8")


@pytest.mark.parametrize("levels", LEVELS)
def test_deep_nesting_rule_pack(tmp_path, levels):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "ZZ-01.yaml").write_text(_mapping(levels), encoding="utf-8")
    proc = cli("check", "--rules", pack, CLEAN)
    no_signal(proc)
    assert proc.returncode == 2
    assert "嵌套超过" in proc.stderr.decode("utf-8")


@pytest.mark.parametrize("levels", LEVELS)
@pytest.mark.parametrize("name", [".govinfo-lint.yaml", "pyproject.toml"])
def test_deep_nesting_config_found_in_folder(tmp_path, levels, name):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.yaml").write_bytes(CLEAN.read_bytes())
    if name == "pyproject.toml":
        text = "[tool.govinfo-lint]\nignore = " + "[" * levels + "]" * levels + "\n"
    else:
        text = _mapping(levels)
    (folder / name).write_text(text, encoding="utf-8")
    proc = cli("check", folder)
    no_signal(proc)
    assert proc.returncode == 2
    assert "嵌套" in proc.stderr.decode("utf-8")


def test_deep_nesting_waiver_file(tmp_path):
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(_flow(50_000), encoding="utf-8")
    proc = cli("check", "--waivers", waivers, CLEAN)
    no_signal(proc)
    assert proc.returncode == 2
    assert "嵌套超过" in proc.stderr.decode("utf-8")


def test_deep_nesting_planted_cache_entry_is_a_miss(tmp_path, monkeypatch):
    from govinfo_lint import cache

    monkeypatch.delenv("GOVINFO_LINT_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "cache_dir", lambda: tmp_path)
    (tmp_path / "result-0123.json").write_text(_flow(200_000), encoding="utf-8")
    assert cache.get("result-0123") is None


def test_depth_limit_is_exact_not_fooled_by_strings():
    # The guard counts collections, not bracket characters: text full of brackets is data.
    data, _ = load_text('a: "' + "[" * 500 + '"\nb: ' + "'{{{{'  # [[[[\n")
    assert data["a"].startswith("[[[") and data["b"] == "{{{{"
    nested = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    load_text(nested)
    with pytest.raises(LoadError, match="nested deeper"):
        load_text("[" + nested + "]")
