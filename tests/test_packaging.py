"""The wheel carries rules/ and schemas/ and works outside the checkout."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is needed to copy the source tree")
    out = tmp_path_factory.mktemp("dist")
    try:
        subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
                       check=True, capture_output=True, text=True, timeout=300)
    except subprocess.CalledProcessError as exc:
        pytest.fail(exc.stdout + exc.stderr)
    (whl,) = out.glob("*.whl")
    return whl


def test_wheel_contains_rules_and_schemas(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "govinfo_lint/rules/sum/SUM-01.yaml" in names
    assert "govinfo_lint/schemas/rule.schema.json" in names
    assert "govinfo_lint/schemas/report.schema.json" in names


def test_installed_wheel_lints_an_example_outside_the_checkout(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    # Dependencies come from the test environment (a plain path, so its editable-install hook
    # does not run); the package itself only from the wheel.
    target = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                            capture_output=True, text=True, check=True).stdout.strip()
    Path(target, "test-deps.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True, timeout=300)
    example = tmp_path / "clean.yaml"
    shutil.copy(ROOT / "examples" / "clean-2021.yaml", example)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([str(env_dir / "bin" / "govinfo-lint"), "check", str(example)], cwd=tmp_path,
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    where = subprocess.run([str(python), "-c", "import govinfo_lint; print(govinfo_lint.__file__)"], cwd=tmp_path,
                           capture_output=True, text=True, env=env, check=True).stdout
    assert str(ROOT) not in where



def test_project_metadata_names_files_that_exist():
    """The sdist lists CHANGELOG.md and the metadata says MIT: both files must be there,
    and no placeholder URL may reach the package index page."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert (ROOT / "CHANGELOG.md").is_file() and (ROOT / "LICENSE").is_file()
    assert 'license = "MIT"' in text and "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert ".invalid" not in text
    assert "Programming Language :: Python :: 3.10" in text


def test_docs_do_not_install_from_a_registry_that_lacks_the_package():
    import re

    # The bare name (with or without a version) asks the registry; extras of an installed
    # copy (``"govinfo-lint[ocr]"``) and ``govinfo-lint @ URL`` do not.
    by_name = re.compile(r"pip install ['\"]?govinfo-lint([=<>~!][^'\"\s]*)?['\"]?(?![\w\[-]|\s*@)")
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for line in doc.read_text(encoding="utf-8").splitlines():
            assert not by_name.search(line), (doc.name, line)


def test_package_root_exports_the_public_api():
    import govinfo_lint

    for name in ("lint", "load", "load_rules", "Finding", "Report", "Rule", "ConfigError"):
        assert name in dir(govinfo_lint) and getattr(govinfo_lint, name) is not None
    assert (ROOT / "govinfo_lint" / "py.typed").is_file()


def test_wheel_is_typed(wheel):
    assert "govinfo_lint/py.typed" in zipfile.ZipFile(wheel).namelist()


def test_load_rules_refuses_a_selector_that_selects_nothing():
    import govinfo_lint

    with pytest.raises(govinfo_lint.ConfigError, match="SUMM.*SUM"):
        govinfo_lint.load_rules(select=["SUMM"])
    with pytest.raises(govinfo_lint.ConfigError, match="XYZ-99"):
        govinfo_lint.load_rules(ignore=["XYZ-99"])
    assert {r.family for r in govinfo_lint.load_rules(select=["SUM"])} == {"SUM"}
