"""The review service against the command line, and a bounded load test, all on loopback.

    pip install -e ".[test,serve]"
    python benchmarks/service_bench.py            # latency (15 runs a form) and 200 uploads from 8 clients
    python benchmarks/service_bench.py --quick    # 5 runs a form, 40 uploads from 4 clients

1. Latency: p50/p95 of ``POST /api/check`` for one HTML, one DOCX and one PDF report (the files
   the tests generate), against ``govinfo-lint check --format json`` in a fresh process on the
   same file, as a user runs it. Goal: HTML and DOCX through the service at most 0.5x the CLI.
2. Load: N uploads from C concurrent clients, mixed forms and hostile files of the test suite;
   no 5xx, every answer identical to the CLI's JSON for the same file (apart from the path),
   RSS of the server and its workers before and after. Stops by itself after N uploads or
   ``--seconds`` (default 60), whichever comes first. Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from service_support import Server, cli_json, normalised, rss_kib, samples  # noqa: E402


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def latency(server: Server, files: dict[str, Path], runs: int) -> list[dict]:
    import httpx

    rows = []
    with httpx.Client(timeout=120) as client:
        for kind in ("html", "docx", "pdf"):
            path = files[kind]
            service, cli = [], []
            for _ in range(runs):
                started = time.perf_counter()
                answer = client.post(server.url + "/api/check", files=[("file", (path.name, path.read_bytes()))])
                service.append(time.perf_counter() - started)
                assert answer.status_code == 200, answer.text
                started = time.perf_counter()
                done = subprocess.run(["govinfo-lint", "check", "--isolated", "--no-cache", "-f", "json", str(path)],
                                      capture_output=True, cwd=path.parent)
                cli.append(time.perf_counter() - started)
                assert done.returncode in (0, 1), done.stderr
            row = {"form": kind, "bytes": path.stat().st_size,
                   "service_p50_ms": 1000 * statistics.median(service), "service_p95_ms": 1000 * pct(service, 0.95),
                   "cli_p50_ms": 1000 * statistics.median(cli), "cli_p95_ms": 1000 * pct(cli, 0.95)}
            row["ratio_p50"] = row["service_p50_ms"] / row["cli_p50_ms"]
            rows.append(row)
    return rows


def load(server: Server, files: dict[str, Path], uploads: int, clients: int, seconds: float) -> dict:
    import httpx

    kinds = ["docx", "html", "yaml", "pdf", "zip-bomb.docx", "truncated.docx", "junk.pdf", "alias-bomb.yaml"]
    expected = {k: normalised(cli_json(files[k])) for k in kinds}
    before = rss_kib(server.process.pid)
    deadline = time.monotonic() + seconds

    def one(i: int):
        if time.monotonic() > deadline:
            return None
        kind = kinds[i % len(kinds)]
        started = time.perf_counter()
        answer = httpx.post(server.url + "/api/check", files=[("file", (files[kind].name, files[kind].read_bytes()))],
                            timeout=120)
        took = time.perf_counter() - started
        same = answer.status_code == 200 and normalised(answer.json()) == expected[kind]
        return kind, answer.status_code, same, took

    started = time.monotonic()
    with ThreadPoolExecutor(clients) as pool:
        done = [r for r in pool.map(one, range(uploads)) if r is not None]
    wall = time.monotonic() - started
    after = rss_kib(server.process.pid)
    times = [r[3] for r in done]
    return {"uploads": len(done), "clients": clients, "seconds": wall, "server_errors": sum(r[1] >= 500 for r in done),
            "not_200": sum(r[1] != 200 for r in done), "differing": [r[0] for r in done if not r[2]],
            "p50_ms": 1000 * statistics.median(times), "p95_ms": 1000 * pct(times, 0.95),
            "rss_before_kib": before, "rss_after_kib": after}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    runs, uploads, clients = (5, 40, 4) if args.quick else (15, 200, 8)
    files = samples(Path(tempfile.mkdtemp(prefix="service-bench-")))
    extra = ["--workers", str(args.workers)] if args.workers else []
    server = Server(*extra, workers=args.workers or 2)
    try:
        rows = latency(server, files, runs)
        print("form  bytes    service p50/p95 ms   CLI p50/p95 ms   service/CLI (p50)")
        for r in rows:
            print(f"{r['form']:<5} {r['bytes']:>7}  {r['service_p50_ms']:7.0f} /{r['service_p95_ms']:5.0f}"
                  f"      {r['cli_p50_ms']:6.0f} /{r['cli_p95_ms']:5.0f}     {r['ratio_p50']:.2f}x")
        result = load(server, files, uploads, clients, args.seconds)
        print(json.dumps(result, ensure_ascii=False))
    finally:
        log = server.stop()
    goal = all(r["ratio_p50"] <= 0.5 for r in rows if r["form"] in ("html", "docx"))
    clean = result["server_errors"] == 0 and not result["differing"] and "Traceback" not in log
    print(f"{'PASS' if goal else 'FAIL'} HTML and DOCX through the service at most 0.5x the CLI")
    print(f"{'PASS' if clean else 'FAIL'} no 5xx, every answer the CLI's")
    return 0 if goal and clean else 1


if __name__ == "__main__":
    sys.exit(main())
