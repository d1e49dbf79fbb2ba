"""Peak memory of a folder run against its size: 100 to 10,000 generated reports (docs/benchmarks.md, "Memory").

    python benchmarks/memory.py                      # 100, 1,000 and 10,000 reports, --jobs 1 and 2
    python benchmarks/memory.py --files 100 --files 5000 --jobs 1
    python benchmarks/memory.py --dir /tmp/folders    # generate once, reuse the folders later

The issue's bar: max RSS at 10,000 reports within 1.5x of that at 100, with --jobs 1 and 2
(the ratio to the first size is printed). Generating a report takes about 20 ms, so the
10,000 take a few minutes before the runs start.

Each report is a complete structured report (``samples.sample_report``, every table filled),
organs over three years so that years pair and the cross-year rules run; a few values
changed so that some findings are reported. Each run is a fresh ``govinfo-lint check DIR -f
json --no-cache --jobs J`` process, started from a small wrapper process so that its
getrusage(RUSAGE_CHILDREN) covers that run alone: the largest resident set among the run's
processes (the parent or a worker). A measurement, not a test: nothing here is asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from many_files import run  # the same measured run: a fresh check process under a getrusage wrapper


def make_folder(folder: Path, n: int) -> None:
    from govinfo_lint.samples import apply_patch, sample_report
    from govinfo_lint.yaml_out import dump_yaml

    folder.mkdir(parents=True)
    for i in range(n):
        organ, year = i // 3, 2021 + i % 3
        data = sample_report("2021", year=year, agency=f"示例县第{organ}局")
        if i % 5 == 0:
            data = apply_patch(data, {"/tables/requests/granted/total": 40 + i % 7})
        (folder / f"r{i:05d}.yaml").write_text(dump_yaml(data), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, action="append")
    parser.add_argument("--jobs", type=int, action="append")
    parser.add_argument("--dir", type=Path, help="keep the generated folders here and reuse them on the next run")
    args = parser.parse_args()
    sizes = args.files or [100, 1000, 10_000]
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print("| reports | --jobs | max RSS (MB) | x first size | seconds |\n| ---: | ---: | ---: | ---: | ---: |")
    first: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="govinfo-memory-") as tmp:
        for n in sizes:
            folder = (args.dir or Path(tmp)) / f"r{n}"
            if not (folder / f"r{n - 1:05d}.yaml").is_file():
                shutil.rmtree(folder, ignore_errors=True)  # an earlier generation cut short
                make_folder(folder, n)
            for jobs in args.jobs or [1, 2]:
                seconds, peak, _code = run(folder, jobs)
                ratio = peak / first.setdefault(jobs, peak)
                print(f"| {n:,} | {jobs} | {peak:.1f} | {ratio:.2f} | {seconds:.1f} |", flush=True)


if __name__ == "__main__":
    main()
