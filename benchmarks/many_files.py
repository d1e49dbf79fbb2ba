"""A folder of many tiny reports, end to end: time and peak memory (docs/benchmarks.md, "Hardening").

    python benchmarks/many_files.py                 # 20,000 files, --jobs 1 and 2, cold (no cache)
    python benchmarks/many_files.py --files 1000 --jobs 2

Each file is a minimal structured report (an organ and a year, nothing else: every content
rule fires, so the output is large); organs repeat over three years, so pairing has work.
The run is a fresh ``govinfo-lint check DIR -f json --no-cache`` process; peak memory is the
largest resident set of the run's processes (the parent or a worker, from getrusage of the
children). A measurement, not a test: nothing here is asserted.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make_folder(folder: Path, n: int) -> None:
    for i in range(n):
        organ, year = i // 3, 2022 + i % 3
        (folder / f"r{i:05d}.yaml").write_text(f"agency: 测试{organ}县人民政府\nyear: {year}\n", encoding="utf-8")


# Run through a small wrapper process, so that getrusage(RUSAGE_CHILDREN) there covers this run
# alone (the run and its workers: the largest resident set among them, in KB on Linux).
_WRAPPER = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)"
            ".returncode; print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def run(folder: Path, jobs: int) -> tuple[float, float, int]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _WRAPPER, sys.executable, "-m", "govinfo_lint", "check", str(folder),
                           "-f", "json", "--no-cache", "--jobs", str(jobs)], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    code, peak_kb = map(int, proc.stdout.split())
    if code not in (0, 1):
        sys.exit(f"exit {code}: {proc.stderr[-2000:]}")
    return seconds, peak_kb / 1024, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--jobs", type=int, action="append")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="govinfo-many-") as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        make_folder(folder, args.files)
        print(f"{args.files} files, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        for jobs in args.jobs or [1, 2]:
            seconds, peak_mb, code = run(folder, jobs)
            print(f"--jobs {jobs}: {seconds:.1f} s, peak RSS {peak_mb:.0f} MB, {args.files / seconds:.0f} files/s, exit {code}")


if __name__ == "__main__":
    main()
