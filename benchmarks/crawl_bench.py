"""Documents per second of ``crawl`` on 1 and 2 Dask workers against ``check --jobs 2`` (docs/benchmarks.md, "Crawl").

    python benchmarks/crawl_bench.py                 # 2,000 generated reports, mixed forms
    python benchmarks/crawl_bench.py --files 500 --forms yaml
    python benchmarks/crawl_bench.py --names hashed  # files named as a crawler names them

The reports are those of benchmarks/memory.py (complete reports, organs over three years,
one in five with a sum that does not add up), written in turn as YAML, JSON, DOCX, HTML,
plain text, Markdown and a text PDF (a seventh of each: the issue's mix), by the renderers
of tests/forms; ``--forms yaml`` gives all of them as YAML. ``--names hashed`` names each file
by a hash of its number, as an archive crawled from the web often is, so that an organ's years
are not neighbours in the folder (and seldom in one batch). Each measure is wall time from
the start of the call to the last partition written
(for check, a fresh ``check DIR -f json --no-cache --jobs 2`` process); the LocalCluster is
started before the clock starts, as a real cluster would already be running; it is the cluster
``--dask local:N`` starts (``crawl.local_cluster``), and ``dask2-default`` one with Dask's
default configuration. Cold: no cache,
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the PDF form draws with tests/pdf_factory.py

FORMS = ("yaml", "json", "docx", "html", "text-dump", "markdown", "pdf")


def make_folder(folder: Path, n: int, forms: tuple[str, ...] = FORMS, hashed: bool = False) -> dict[str, int]:
    """n reports in ``folder``, the i-th in form ``forms[i % len(forms)]``; the count of each."""
    import hashlib
    import json

    from govinfo_lint.samples import apply_patch, sample_report
    from govinfo_lint.yaml_out import dump_yaml
    from tests.forms import twin

    rendered = twin.forms()
    folder.mkdir(parents=True)
    counts: dict[str, int] = {}
    for i in range(n):
        organ, year = i // 3, 2021 + i % 3
        data = sample_report("2021", year=year, agency=f"示例县第{organ}局")
        if i % 5 == 0:
            data = apply_patch(data, {"/tables/requests/granted/total": 40 + i % 7})
        form = forms[i % len(forms)]
        counts[form] = counts.get(form, 0) + 1
        name = hashlib.sha1(f"r{i:05d}".encode()).hexdigest()[:12] if hashed else f"r{i:05d}"
        if form == "yaml":
            (folder / f"{name}.yaml").write_text(dump_yaml(data), encoding="utf-8")
        elif form == "json":
            (folder / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        else:
            ext, render = rendered[form]
            out = render(data)
            (folder / f"{name}{ext}").write_bytes(out if isinstance(out, bytes) else out.encode("utf-8"))
    return counts


def _row(run: str, files: int, seconds: float) -> None:
    print(f"| {run} | {seconds:.1f} | {files / seconds:.0f} | {60 * files / seconds:,.0f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--forms", default=",".join(FORMS), help="comma-separated forms, taken in turn")
    parser.add_argument("--dir", type=Path, help="generate the reports here (kept and reused)")
    parser.add_argument("--names", choices=("ordered", "hashed"), default="ordered",
                        help="files named by number (an organ's years side by side) or by a hash of it")
    parser.add_argument("--runs", default="check,dask1,dask2,pool",
                        help="comma-separated runs of check,dask1,dask2,pool (to alternate two versions' runs); "
                             "dask2-default: 2 workers of a LocalCluster with Dask's default configuration")
    args = parser.parse_args()
    runs = set(args.runs.split(","))
    from distributed import Client, LocalCluster

    from govinfo_lint.crawl import crawl, local_cluster

    forms = tuple(args.forms.split(","))
    print(f"{args.files} reports ({', '.join(forms)}; names {args.names}), {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"load {os.getloadavg()[0]:.2f}")
    print("| run | seconds | documents/s | a minute |\n| --- | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory(prefix="govinfo-crawl-") as tmp:
        hashed = args.names == "hashed"
        folder = (args.dir or Path(tmp)) / f"reports-{args.files}-{'-'.join(forms)}{'-hashed' * hashed}"
        if not folder.is_dir():
            make_folder(folder, args.files, forms, hashed)
        if "check" in runs:
            _check(folder, args.files)
        for run in ("dask1", "dask2", "dask2-default"):
            if run not in runs:
                continue
            workers = int(run[4])
            # crawl's own cluster (--dask local:N), or one with Dask's defaults, for comparison
            cluster = (LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
                       if run.endswith("default") else local_cluster(workers))
            with cluster, Client(cluster) as client:
                start = time.perf_counter()
                stats = crawl([str(folder)], str(Path(tmp) / f"out-{run}"), dask=client)
                seconds = time.perf_counter() - start
                assert stats["checked"] == args.files and not stats["failed"], stats
                _row(f"crawl, Dask, {workers} worker{'s' if workers > 1 else ''}{', defaults' * run.endswith('default')}",
                     args.files, seconds)
        if "pool" in runs:
            start = time.perf_counter()
            crawl([str(folder)], str(Path(tmp) / "out-pool"), jobs=2)
            _row("crawl, local pool, 2 processes", args.files, time.perf_counter() - start)


def _check(folder: Path, files: int) -> None:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "govinfo_lint", "check", str(folder), "-f", "json", "--no-cache",
                           "--jobs", "2"], stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    assert proc.returncode in (0, 1)
    _row("check --jobs 2", files, seconds)


if __name__ == "__main__":
    main()
