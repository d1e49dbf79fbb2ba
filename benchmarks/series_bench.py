"""``govinfo-lint series DIR`` over folders of 100, 250 and 500 reports of 20, 50 and 100 organs:
cold (empty result cache), warm (the same cache again) and ``--no-cache`` (docs/benchmarks.md,
"The series view").

    python benchmarks/series_bench.py                     # 100/20, 250/50, 500/100; --jobs 2
    python benchmarks/series_bench.py --sizes 500:100 --jobs 1

Each organ has five consecutive years of the project's own consistent sample series
(``series/samples.py``: structured YAML, the cross-year identities hold) with one planted
jump per organ, so every signal rule has work. Each run is a fresh process writing JSON; the
warm run's cache statistics come from the cache folder (entries written by the cold run) and
the output is compared with the cold run's. A measurement, not a test: nothing is asserted
about time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

YEARS = 5
_DIGITS = "零一二三四五六七八九"


def _organ(i: int) -> str:
    # Names that no shortening joins: each organ its own county, spelled out in Chinese numerals.
    return "示例" + "".join(_DIGITS[int(d)] for d in f"{i:03d}") + "县交通运输局"


def make_folder(folder: Path, reports: int, organs: int) -> None:
    import yaml

    from govinfo_lint.series.samples import series_sample

    per = max(1, reports // organs)
    for i in range(organs):
        years = list(range(2025 - per + 1, 2026))
        sample = series_sample(years, _organ(i))
        sample[years[len(years) // 2]]["tables"]["proactive"]["licensing"]["decisions"] = 1500 + i
        for year, data in sample.items():
            (folder / f"{i:03d}-{year}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def run(folder: Path, cache: Path, jobs: int, *extra: str) -> tuple[float, str]:
    env = {**os.environ, "GOVINFO_LINT_CACHE_DIR": str(cache)}
    env.pop("GOVINFO_LINT_NO_CACHE", None)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "govinfo_lint", "series", str(folder), "-f", "json",
                           "--jobs", str(jobs), *extra], capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"exit {proc.returncode}: {proc.stderr[-2000:]}")
    return seconds, proc.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100:20,250:50,500:100", help="REPORTS:ORGANS,...")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    import json

    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, --jobs {args.jobs}")
    print("| reports | organs | cold s | ms/report | warm s | ms/report | --no-cache s | entries | signals |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes.split(","):
        reports, organs = map(int, size.split(":"))
        with tempfile.TemporaryDirectory(prefix="govinfo-series-") as tmp:
            folder, cache = Path(tmp) / "reports", Path(tmp) / "cache"
            folder.mkdir()
            make_folder(folder, reports, organs)
            n = len(list(folder.iterdir()))
            cold, out_cold = run(folder, cache, args.jobs)
            entries = len(list(cache.glob("report-*.json")))
            warm, out_warm = run(folder, cache, args.jobs)
            bare, _ = run(folder, cache, args.jobs, "--no-cache")
            data = json.loads(out_warm)
            if out_warm != out_cold or len(data["series"]) != organs:
                sys.exit("the warm run's output differs from the cold run's, or organs were merged")
            signals = sum(len(e["signals"]) for e in data["series"])
            print(f"| {n} | {organs} | {cold:.1f} | {cold / n * 1000:.0f} | {warm:.1f} | {warm / n * 1000:.0f} "
                  f"| {bare:.1f} | {entries} | {signals} |")


if __name__ == "__main__":
    main()
