"""Benchmarks: start-up, one report end to end, throughput on N structured reports,
and each document reader on the real corpus (when ../shared is beside the checkout).

    python benchmarks/bench.py [--reports 500] [--repeat 5]

Prints a Markdown table; docs/benchmarks.md records a run and the machine it ran on.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "govinfo_lint", *args]


def timed_runs(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def throughput(n: int) -> tuple[float, float]:
    """Reports per second for read + lint in one process, and seconds per report."""
    from govinfo_lint.api import load_rules
    from govinfo_lint.engine.runner import lint_report
    from govinfo_lint.readers import read
    from govinfo_lint.samples import apply_patch, sample_report
    from govinfo_lint.yaml_out import dump_yaml

    rules = load_rules()
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(n):
            fmt = "2019" if i % 3 == 0 else "2021"
            data = apply_patch(sample_report(fmt), {"/tables/requests/granted/total": i % 7 + 8})
            path = Path(tmp) / f"r{i:04d}.yaml"
            path.write_text(dump_yaml(data), encoding="utf-8")
            paths.append(path)
        start = time.perf_counter()
        for path in paths:
            lint_report(read(path), rules)
        elapsed = time.perf_counter() - start
    return n / elapsed, elapsed / n


def batch_runs(n: int) -> list[tuple[str, float]]:
    """``govinfo-lint check DIR`` on ``n`` generated reports: cold, with the result cache
    warm, and in worker processes (docs/workflows.md)."""
    from govinfo_lint.samples import apply_patch, sample_report
    from govinfo_lint.yaml_out import dump_yaml

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        for i in range(n):
            fmt = "2019" if i % 3 == 0 else "2021"
            data = apply_patch(sample_report(fmt, agency=f"示例县第{i}局"), {"/tables/requests/granted/total": i % 7 + 8})
            (folder / f"r{i:04d}.yaml").write_text(dump_yaml(data), encoding="utf-8")
        env = {**os.environ, "GOVINFO_LINT_CACHE_DIR": str(Path(tmp) / "cache")}
        for label, extra in (("cold, 1 process (cache filled)", ["--jobs", "1"]),
                             ("cache warm, nothing changed", ["--jobs", "1"]),
                             ("no cache, 1 process", ["--no-cache", "--jobs", "1"]),
                             ("no cache, --jobs 2", ["--no-cache", "--jobs", "2"])):
            start = time.perf_counter()
            subprocess.run(_cli("check", str(folder), "-f", "json", *extra), stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, env=env, check=False)
            rows.append((label, time.perf_counter() - start))
    return rows


def per_reader(repeat: int) -> list[tuple[str, int, float, float, float, float]]:
    """For each document kind in the corpus: files, and mean ms to read, to map, to lint."""
    from importlib import import_module

    from govinfo_lint.api import load_rules
    from govinfo_lint.engine.runner import lint_report
    from govinfo_lint.readers import DOCUMENTS
    from govinfo_lint.readers.assemble import build_report

    if not (SHARED / "corpus").is_dir():
        return []
    rules = load_rules()
    groups: dict[str, list[Path]] = {}
    for path in sorted((SHARED / "corpus").rglob("*")):
        kind = DOCUMENTS.get(path.suffix.lower())
        if kind and path.is_file() and "_labelled" not in path.parts:
            groups.setdefault(kind, []).append(path)
    seed = SHARED / "seed"
    groups.setdefault("text", []).extend(sorted(seed.glob("*.txt")))
    rows = []
    for kind, paths in sorted(groups.items()):
        reader = import_module(f"govinfo_lint.readers.{kind}")
        read_t = map_t = lint_t = 0.0
        for _ in range(repeat):
            for path in paths:
                start = time.perf_counter()
                document = reader.read_document(path)
                read_end = time.perf_counter()
                report = build_report(document)
                map_end = time.perf_counter()
                lint_report(report, rules)
                read_t += read_end - start
                map_t += map_end - read_end
                lint_t += time.perf_counter() - map_end
        count = len(paths) * repeat
        rows.append((kind, len(paths), 1000 * read_t / count, 1000 * map_t / count, 1000 * lint_t / count,
                     count / (read_t + map_t + lint_t)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    example = str(ROOT / "examples" / "clean-2021.yaml")
    startup = timed_runs(_cli("--version"), args.repeat * 2)
    one = timed_runs(_cli("check", example), args.repeat)
    rps, per = throughput(args.reports)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}")
    print()
    print("| measure | result |")
    print("|---|---|")
    print(f"| `govinfo-lint --version` (median of {args.repeat * 2}) | {startup * 1000:.0f} ms |")
    print(f"| `govinfo-lint check` one structured report, end to end (median of {args.repeat}) | {one * 1000:.0f} ms |")
    print(f"| read + lint {args.reports} structured reports in one process | {rps:.0f} reports/s ({per * 1000:.1f} ms each) |")
    print()
    print(f"| `govinfo-lint check DIR -f json`, {args.reports} structured reports | seconds |")
    print("|---|---|")
    for label, seconds in batch_runs(args.reports):
        print(f"| {label} | {seconds:.1f} |")
    rows = per_reader(max(1, args.repeat // 2))
    if rows:
        print()
        print("| reader | corpus files | read (ms/doc) | map (ms/doc) | lint (ms/doc) | docs/s |")
        print("|---|---|---|---|---|---|")
        for kind, files, read_ms, map_ms, lint_ms, dps in rows:
            print(f"| {kind} | {files} | {read_ms:.1f} | {map_ms:.1f} | {lint_ms:.1f} | {dps:.1f} |")


if __name__ == "__main__":
    main()
