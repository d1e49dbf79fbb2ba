"""Documents per second of ``crawl`` on 1 and 2 Dask workers against ``check --jobs 2`` (docs/benchmarks.md, "Crawl").

    python benchmarks/crawl_bench.py                 # 2,000 generated reports
    python benchmarks/crawl_bench.py --files 500

The reports are those of benchmarks/memory.py (complete structured reports, organs over three
years). Each measure is wall time from the start of the call to the last partition written
(for check, a fresh ``check DIR -f json --no-cache --jobs 2`` process); the LocalCluster is
started before the clock starts, as a real cluster would already be running. Cold: no cache,
a new output folder each time. A measurement, not a test: nothing here is asserted.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from memory import make_folder  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    args = parser.parse_args()
    from distributed import Client, LocalCluster

    from govinfo_lint.crawl import crawl

    print(f"{args.files} reports, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print("| run | seconds | documents/s |\n| --- | ---: | ---: |")
    with tempfile.TemporaryDirectory(prefix="govinfo-crawl-") as tmp:
        folder = Path(tmp) / "reports"
        make_folder(folder, args.files)
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "govinfo_lint", "check", str(folder), "-f", "json", "--no-cache",
                               "--jobs", "2"], stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        assert proc.returncode in (0, 1)
        print(f"| check --jobs 2 | {seconds:.1f} | {args.files / seconds:.0f} |", flush=True)
        for workers in (1, 2):
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster, Client(cluster) as client:
                start = time.perf_counter()
                stats = crawl([str(folder)], str(Path(tmp) / f"out{workers}"), dask=client)
                seconds = time.perf_counter() - start
                assert stats["checked"] == args.files and not stats["failed"], stats
                print(f"| crawl, Dask, {workers} worker{'s' if workers > 1 else ''} | {seconds:.1f} | "
                      f"{args.files / seconds:.0f} |", flush=True)
        start = time.perf_counter()
        crawl([str(folder)], str(Path(tmp) / "out-pool"), jobs=2)
        seconds = time.perf_counter() - start
        print(f"| crawl, local pool, 2 processes | {seconds:.1f} | {args.files / seconds:.0f} |", flush=True)


if __name__ == "__main__":
    main()
