from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The reference material beside the checkout; tests that need it skip without it."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def corpus_dir(shared_dir: Path) -> Path:
    return shared_dir / "corpus"


@pytest.fixture(autouse=True)
def _not_under_github_actions(monkeypatch):
    """Under GitHub Actions the default output format becomes ``github``; tests expect ``text``."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
