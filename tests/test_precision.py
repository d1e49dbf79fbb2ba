"""benchmarks/precision.py keeps working and docs/readers.md keeps its markers (not the numbers)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readers_doc_has_the_precision_markers():
    text = (ROOT / "docs" / "readers.md").read_text(encoding="utf-8")
    start, end = text.index("<!-- precision:start -->"), text.index("<!-- precision:end -->")
    assert start < end and "| form | cells right |" in text[start:end]


def test_precision_script_runs_on_a_subset(tmp_path):
    doc = tmp_path / "readers.md"
    doc.write_text("before\n<!-- precision:start -->\nold\n<!-- precision:end -->\nafter\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "precision.py"), "--cases", "2", "--no-corpus",
                           "--write", "--doc", str(doc)], capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("before\n<!-- precision:start -->\n| form | cells right |") and text.endswith("after\n")
    assert "old" not in text
    for form in ("| yaml |", "| docx |", "| html |", "| text dump |", "| flattened text |", "| markdown |"):
        assert form in text
