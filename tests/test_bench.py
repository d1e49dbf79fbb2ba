"""benchmarks/bench.py keeps working. Benchmarks measure speed; this only runs the smoke mode
(a handful of generated reports, one run each) and asserts nothing about time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_smoke_run_prints_every_section_and_budget():
    env = {**os.environ, "GOVINFO_LINT_CACHE_DIR": "/nonexistent/never-used"}  # the script sets its own
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--smoke", "--reports", "4"],
                          capture_output=True, text=True, env=env, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for heading in ("## One file, end to end", "## Full lint against a bare parse", "## A folder of 4 structured reports",
                    "## Other tools on the same YAML report", "## Budgets"):
        assert heading in out
    assert "CPU:" in out and "Python " in out
    for kind in ("yaml", "json", "docx", "html", "pdf"):
        assert f"| {kind} |" in out
    budgets = out.split("## Budgets", 1)[1]
    for name in ("`--version`", "one structured report", "full lint / bare parse, PDF, end to end",
                 "full lint / bare parse, PDF, one warm process", "speed-up", "scaling"):
        line = next(l for l in budgets.splitlines() if name in l)
        assert line.rstrip().endswith(("PASS |", "FAIL |")), line
