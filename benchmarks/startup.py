"""The fixed cost of a one-file run against the tools a user would compare it with.

    python benchmarks/startup.py [--runs N] [--html FILE]

Each command runs N times (default 21), alternated with the others so that a change in the
machine's load falls on all of them alike, each in a fresh process with a warm bytecode and
rule cache (as an installed package runs), output to a pipe. Printed: the median CPU time of
the process and its children (user + system, from ``wait4``: what the process costs the
machine, and less disturbed by other processes than wall time) and the median wall time,
and each ratio to the tool it is judged against (issue 16's budgets):

- one structured report (``examples/clean-2021.yaml``) against ``yamllint`` on the same file
  (``pip install -e ".[bench]"``): at most 1.0x;
- one HTML report against a bare ``lxml.html.parse`` of the same file: at most 2.0x.

Beside each, the same run through ``main()`` with the interpreter's usual exit and the
garbage collector left on: what the run cost before ``cli.entry`` (a quick exit, the
collector paused while modules load). The HTML file is the corpus' Shanghai page when
``../shared`` is beside the checkout, else a generated report page.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
YAML = ROOT / "examples" / "clean-2021.yaml"
CORPUS_HTML = ROOT.parent / "shared" / "corpus" / "shanghai-office-2019" / "page.html"
USUAL_EXIT = "import sys; from govinfo_lint.cli import main; sys.exit(main(sys.argv[1:]))"


def _html(tmp: Path) -> Path:
    if CORPUS_HTML.is_file():
        return CORPUS_HTML
    import importlib.util

    # The tests' page generator (needs pytest, as the tests do), only when there is no corpus.
    spec = importlib.util.spec_from_file_location("_html_factory", ROOT / "tests" / "test_html_reader.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    target = tmp / "report.html"
    target.write_text(module.report_html(module.FIG_2025), encoding="utf-8")
    return target


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _pid, _status, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0  # reaped here; keeps Popen from waiting again
    return (usage.ru_utime + usage.ru_stime) * 1000, (time.perf_counter() - start) * 1000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--html", type=Path)
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="govinfo-startup-"))
    try:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "FORCE_COLOR")}
        env["GOVINFO_LINT_CACHE_DIR"] = str(tmp / "cache")
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        html = args.html or _html(tmp)
        script = Path(sys.executable).with_name("govinfo-lint")
        cli = [str(script)] if script.exists() else [sys.executable, "-m", "govinfo_lint"]
        usual = [sys.executable, "-c", USUAL_EXIT]
        commands = {
            "yaml": [*cli, "check", "--no-cache", str(YAML)],
            "yaml, usual exit": [*usual, "check", "--no-cache", str(YAML)],
            "html": [*cli, "check", "--no-cache", str(html)],
            "html, usual exit": [*usual, "check", "--no-cache", str(html)],
            "bare lxml parse": [sys.executable, "-c", "import sys, lxml.html; lxml.html.parse(sys.argv[1])", str(html)],
            "python -c pass": [sys.executable, "-c", "pass"],
        }
        yamllint = shutil.which("yamllint", path=str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""))
        if yamllint:
            commands["yamllint"] = [yamllint, str(YAML)]
        for cmd in commands.values():  # bytecode, rule cache, pattern table, OS file cache
            _run(cmd, env)
            _run(cmd, env)
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        wall: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                c, w = _run(cmd, env)
                cpu[name].append(c)
                wall[name].append(w)
        med = {name: statistics.median(v) for name, v in cpu.items()}
        print(f"{args.runs} alternated runs each; load average {os.getloadavg()[0]:.2f}; "
              f"Python {sys.version.split()[0]}; HTML file {html.name} ({html.stat().st_size // 1024} KB)")
        print("| run | CPU ms (median) | wall ms (median) | against | ratio (CPU) |")
        print("|---|---:|---:|---|---:|")
        against = {"yaml": "yamllint", "yaml, usual exit": "yamllint", "html": "bare lxml parse",
                   "html, usual exit": "bare lxml parse"}
        for name in commands:
            base = against.get(name)
            ratio = f"{med[name] / med[base]:.2f}x" if base in med else ""
            print(f"| {name} | {med[name]:.1f} | {statistics.median(wall[name]):.1f} | {base or ''} | {ratio} |")
        for name, base, limit in (("yaml", "yamllint", 1.0), ("html", "bare lxml parse", 2.0)):
            if base in med:
                ratio = med[name] / med[base]
                print(f"budget: {name} / {base} = {ratio:.2f}x (limit {limit:.1f}x): {'PASS' if ratio <= limit else 'FAIL'}")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
