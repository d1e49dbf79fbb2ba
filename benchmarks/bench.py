"""Benchmarks and their budgets, side by side in one run (docs/benchmarks.md).

    python benchmarks/bench.py            # the full run (a few minutes on 2 cores)
    python benchmarks/bench.py --quick    # fewer reports and repeats (about a minute)
    python benchmarks/bench.py --check    # exit 1 when a budget is not met

Measures, end to end in a fresh process as a user runs it: start-up (``--version``), one
structured report, one DOCX, one HTML and one PDF; ``check DIR`` on a folder of generated
reports (cold, warm cache, ``--jobs 1`` against ``--jobs N``) and how its time grows with
the number of reports. In one warm process: a full read + lint of each document against a
bare parse of the same file with the same library. And ``yamllint`` / ``check-jsonschema``
on the same YAML report (``pip install -e ".[bench]"``; skipped with a note when missing).

Documents come from the corpus in ``../shared`` when it is beside the checkout, else they
are generated with the test factories (``--generated`` forces that). Every budget is
printed PASS/FAIL with its number; benchmarks measure speed, tests do not (tests/test_bench.py
only runs ``--smoke`` to keep this script working).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "clean-2021.yaml"


@dataclass
class Budget:
    name: str
    value: str
    limit: str
    ok: bool | None  # None: not measured in this run (a tool or a document kind missing)


@dataclass
class Timing:
    median: float
    best: float
    runs: int

    def ms(self) -> str:
        return f"{self.median * 1000:.0f} ms (best {self.best * 1000:.0f})"


class Bench:
    def __init__(self, args: argparse.Namespace, tmp: Path):
        self.args = args
        self.tmp = tmp
        self.env = _child_env(tmp)
        self.cli = _cli_command()
        self.budgets: list[Budget] = []
        self.notes: list[str] = []
        self.one: Timing | None = None  # the structured report end to end, also compared with other tools

    # --- running things ------------------------------------------------------------------

    def run(self, cmd: list[str], env: dict[str, str] | None = None) -> float:
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or self.env,
                       check=False, cwd=self.tmp)
        return time.perf_counter() - start

    def best(self, cmd: list[str], runs: int = 2) -> float:
        return min(self.run(cmd) for _ in range(runs))

    def timed(self, cmd: list[str], repeat: int, env: dict[str, str] | None = None) -> Timing:
        self.run(cmd, env)  # warm the OS file cache and the bytecode; not counted
        times = [self.run(cmd, env) for _ in range(repeat)]
        return Timing(statistics.median(times), min(times), repeat)

    def check(self, *args: str) -> list[str]:
        return [*self.cli, "check", *args]

    def budget(self, name: str, value: str, limit: str, ok: bool | None) -> None:
        self.budgets.append(Budget(name, value, limit, ok))


# --- environment ---------------------------------------------------------------------------


def _child_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FORCE_COLOR", "TTY_COMPATIBLE")}
    env["GOVINFO_LINT_CACHE_DIR"] = str(tmp / "cache")  # never the user's cache; "cold" means cold
    if env.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
        # An installed package has its bytecode compiled; without it every run would also
        # compile the package (about 150 ms). Kept out of the checkout.
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def _cli_command() -> list[str]:
    """The ``govinfo-lint`` script beside this Python when installed, as a user runs it."""
    script = Path(sys.executable).with_name("govinfo-lint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "govinfo_lint"]


def machine() -> list[str]:
    model = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = ""
    with contextlib.suppress(OSError, AttributeError):
        load = ", load average %.2f %.2f %.2f" % os.getloadavg()
    from govinfo_lint import __version__

    return [f"govinfo-lint {__version__}; {time.strftime('%Y-%m-%d')}",
            f"CPU: {model}, {os.cpu_count()} logical cores{load}",
            f"Python {platform.python_version()} ({platform.python_implementation()}), "
            f"{platform.system()} {platform.release()} ({platform.platform(terse=True)})"]


# --- documents -------------------------------------------------------------------------------


def documents(tmp: Path, generated: bool) -> tuple[dict[str, list[Path]], str]:
    """Files of each kind to measure, and where they came from."""
    out: dict[str, list[Path]] = {"yaml": [EXAMPLE, ROOT / "examples" / "xilian-2019.yaml"]}
    json_dir = tmp / "json"
    json_dir.mkdir()
    from govinfo_lint.readers.plain import load_text

    for path in out["yaml"]:
        data, _ = load_text(path.read_text(encoding="utf-8"))
        target = json_dir / (path.stem + ".json")
        target.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        out.setdefault("json", []).append(target)
    corpus = SHARED / "corpus"
    if not generated and corpus.is_dir():
        kinds = {".docx": "docx", ".html": "html", ".htm": "html", ".pdf": "pdf"}
        for path in sorted(corpus.rglob("*")):
            if path.suffix.lower() in kinds and path.is_file() and "_labelled" not in path.parts:
                out.setdefault(kinds[path.suffix.lower()], []).append(path)
        return out, f"corpus ({corpus})"
    out.update(_generated(tmp))
    return out, "generated by tests/docx_factory.py, tests/pdf_factory.py and tests/test_html_reader.py"


def _generated(tmp: Path) -> dict[str, list[Path]]:
    sys.path.insert(0, str(ROOT / "tests"))
    out: dict[str, list[Path]] = {}
    folder = tmp / "documents"
    folder.mkdir()
    import docx_factory
    import pdf_factory

    figures = docx_factory.PINGTAN_2025
    out["docx"] = [docx_factory.make_report_docx(folder / "report.docx", fmt=figures["fmt"], agency=figures["agency"],
                                                 year=figures["year"], tables=figures["tables"])]
    (folder / "report.pdf").write_bytes(pdf_factory.report_pdf())
    out["pdf"] = [folder / "report.pdf"]
    spec = importlib.util.spec_from_file_location("_html_factory", ROOT / "tests" / "test_html_reader.py")
    if spec and spec.loader:
        try:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)  # needs pytest, as the tests do
        except ImportError:
            return out
        (folder / "report.html").write_text(module.report_html(module.FIG_2025), encoding="utf-8")
        out["html"] = [folder / "report.html"]
    return out


def _middle(paths: list[Path]) -> Path:
    """The file of median size: one typical document for the end-to-end row."""
    ordered = sorted(paths, key=lambda p: (p.stat().st_size, str(p)))
    return ordered[(len(ordered) - 1) // 2]


def write_reports(folder: Path, n: int) -> None:
    from govinfo_lint.samples import apply_patch, sample_report
    from govinfo_lint.yaml_out import dump_yaml

    folder.mkdir(parents=True)
    for i in range(n):
        fmt = "2019" if i % 3 == 0 else "2021"
        data = apply_patch(sample_report(fmt, agency=f"示例县第{i}局"), {"/tables/requests/granted/total": i % 7 + 8})
        (folder / f"r{i:04d}.yaml").write_text(dump_yaml(data), encoding="utf-8")


# --- the measures ------------------------------------------------------------------------------


def end_to_end(b: Bench, docs: dict[str, list[Path]]) -> list[tuple[str, str]]:
    rows = []
    repeat = b.args.repeat
    version = b.timed([*b.cli, "--version"], repeat * 2)
    rows.append(("`govinfo-lint --version`", version.ms()))
    b.budget("`--version`", f"{version.median * 1000:.0f} ms", "< 150 ms", version.median < 0.150)
    one = b.one = b.timed(b.check("--no-cache", str(EXAMPLE)), repeat)
    rows.append((f"`check {EXAMPLE.name}` (structured, read and linted)", one.ms()))
    b.budget("one structured report, end to end", f"{one.median * 1000:.0f} ms", "< 300 ms", one.median < 0.300)
    hit = b.timed(b.check(str(EXAMPLE)), repeat)
    rows.append((f"`check {EXAMPLE.name}` again (result cache hit)", hit.ms()))
    for kind in ("docx", "html", "pdf"):
        if not docs.get(kind):
            rows.append((f"one {kind.upper()}", "skipped: no document of this kind"))
            continue
        path = _middle(docs[kind])
        runs = max(1, repeat // 2) if kind == "pdf" else repeat
        timing = b.timed(b.check("--no-cache", str(path)), runs)
        rows.append((f"`check` one {kind.upper()} ({path.name}, {path.stat().st_size // 1024} KB)", timing.ms()))
        # The same file merely parsed by the same library, in a fresh process too: what a
        # user would wait for a script that only opens the document.
        bare = b.timed([sys.executable, "-c", bare_script(kind), str(path)], runs)
        rows.append((f"bare parse of the same file, `python -c` ({BARE[kind]})", bare.ms()))
        ratio = timing.median / bare.median
        b.budget(f"full lint / bare parse, {kind.upper()}, end to end", f"{ratio:.2f}×", "≤ 1.5×", ratio <= 1.5)
    return rows


# Each bare parse, written once: run in this process by ``_bare_parsers`` (``path`` given) and
# as ``python -c`` in a fresh one (``path`` from the command line), so both compare with the same work.
BARE_CODE = {
    "yaml": "import pathlib\nfrom ruamel.yaml import YAML\nYAML(typ='safe').load(pathlib.Path(path).read_text(encoding='utf-8'))",
    "json": "import json, pathlib\njson.loads(pathlib.Path(path).read_text(encoding='utf-8'))",
    "docx": "import docx\ndocx.Document(path)",
    "html": "import lxml.html\nlxml.html.parse(path)",
    "pdf": "import pdfplumber\nwith pdfplumber.open(path) as pdf:\n"
           "    for page in pdf.pages:\n        page.extract_words(); page.extract_tables()",
}


def bare_script(kind: str) -> str:
    return "import sys\npath = sys.argv[1]\n" + BARE_CODE[kind]


def _bare_parsers() -> dict[str, Callable[[Path], object]]:
    def parser(code):
        def parse(path: Path) -> None:
            exec(code, {"path": str(path)})
        return parse

    return {kind: parser(compile(code, f"<bare {kind}>", "exec")) for kind, code in BARE_CODE.items()}


BARE = {"yaml": "ruamel.yaml `YAML(typ='safe').load`", "json": "`json.loads`", "docx": "python-docx `Document()`",
        "html": "`lxml.html.parse`", "pdf": "pdfplumber open + `extract_words` + `extract_tables`"}
DOCUMENT_KINDS = ("docx", "html", "pdf")  # the 1.5x budget is about documents; see docs/benchmarks.md


def parse_ratio(b: Bench, docs: dict[str, list[Path]]) -> list[tuple]:
    """Per kind, in this (warm) process: bare parse, our read, our lint, ratio of read + lint to parse."""
    from govinfo_lint.api import load_rules
    from govinfo_lint.engine.runner import lint_report
    from govinfo_lint.readers import read

    rules = load_rules()
    bare = _bare_parsers()
    repeat = max(1, b.args.repeat // 2)
    rows = []
    for kind in ("yaml", "json", "docx", "html", "pdf"):
        paths = docs.get(kind) or []
        if not paths:
            continue
        parse_t = read_t = lint_t = 0.0
        for path in paths:
            bare[kind](path)  # imports and the first-call costs are start-up, measured above
            lint_report(read(path), rules)
            parses, reads, lints = [], [], []
            for _ in range(repeat):
                start = time.perf_counter()
                bare[kind](path)
                parsed = time.perf_counter()
                report = read(path)
                done_read = time.perf_counter()
                lint_report(report, rules)
                parses.append(parsed - start)
                reads.append(done_read - parsed)
                lints.append(time.perf_counter() - done_read)
            parse_t += statistics.median(parses)
            read_t += statistics.median(reads)
            lint_t += statistics.median(lints)
        n = len(paths)
        ratio = (read_t + lint_t) / parse_t
        rows.append((kind, n, BARE[kind], parse_t / n, read_t / n, lint_t / n, ratio))
        if kind in DOCUMENT_KINDS:
            b.budget(f"full lint / bare parse, {kind.upper()}, one warm process", f"{ratio:.2f}×", "≤ 1.5×", ratio <= 1.5)
    return rows


def reader_phases(b: Bench, docs: dict[str, list[Path]]) -> list[tuple]:
    """Per document reader: files, mean ms to read the file, to map it onto the model, to lint
    it, and documents per second over the three (one warm process)."""
    from importlib import import_module

    from govinfo_lint.api import load_rules
    from govinfo_lint.engine.runner import lint_report
    from govinfo_lint.readers import DOCUMENTS, READERS
    from govinfo_lint.readers.mapping.assemble import build_report

    groups: dict[str, list[Path]] = {k: list(v) for k, v in docs.items() if k in ("docx", "html", "pdf")}
    corpus = SHARED / "corpus"
    if not b.args.generated and corpus.is_dir():
        for path in sorted(corpus.rglob("*")):
            kind = DOCUMENTS.get(path.suffix.lower())
            if kind in ("text", "markdown") and path.is_file() and "_labelled" not in path.parts:
                groups.setdefault(kind, []).append(path)
        groups.setdefault("text", []).extend(sorted((SHARED / "seed").glob("*.txt")))
    rules = load_rules()
    repeat = max(1, b.args.repeat // 2)
    rows = []
    for kind, paths in sorted(groups.items()):
        reader = import_module(f"govinfo_lint.readers.{READERS[kind]}")
        for path in paths:  # first calls pay for imports: start-up, measured above
            lint_report(build_report(reader.read_document(path)), rules)
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
        rows.append((kind, len(paths), f"{1000 * read_t / count:.1f}", f"{1000 * map_t / count:.1f}",
                     f"{1000 * lint_t / count:.1f}", f"{count / (read_t + map_t + lint_t):.1f}"))
    return rows


def folder_runs(b: Bench) -> tuple[list[tuple[str, float]], dict[int, float]]:
    """``check DIR -f json`` on generated reports: cache, workers, and time against size."""
    n = b.args.reports
    jobs = b.args.jobs or max(2, os.cpu_count() or 1)
    folder = b.tmp / "reports"
    write_reports(folder, n)
    rows = []
    shutil.rmtree(b.tmp / "cache", ignore_errors=True)
    b.run(b.check("--no-cache", str(EXAMPLE)))  # bytecode and the rule cache, as after an install
    cold = b.run(b.check(str(folder), "-f", "json", "--jobs", "1"))
    rows.append(("cold, `--jobs 1` (fills the result cache)", cold))
    warm = b.run(b.check(str(folder), "-f", "json", "--jobs", "1"))
    rows.append(("cache warm, nothing changed", warm))
    # Best of two from here on: one run of a few seconds on a shared machine can lose a
    # second to a neighbour, and the budgets below compare runs with each other.
    serial = b.best(b.check(str(folder), "-f", "json", "--no-cache", "--jobs", "1"))
    rows.append(("`--no-cache --jobs 1` (best of 2)", serial))
    parallel = b.best(b.check(str(folder), "-f", "json", "--no-cache", "--jobs", str(jobs)))
    rows.append((f"`--no-cache --jobs {jobs}` (best of 2)", parallel))
    speedup = serial / parallel
    usable = min(jobs, os.cpu_count() or 1)
    b.budget(f"`--jobs {jobs}` speed-up ({os.cpu_count()} cores)", f"{speedup:.2f}×",
             f"≥ {0.75 * usable:.2f}× (0.75 × {usable})", speedup >= 0.75 * usable)

    # Scaling: the fixed cost of a run (start-up, rules) is a one-report run; what is left,
    # per report, should not grow with the number of reports.
    sizes = sorted({max(2, n // 4), max(2, n // 2), n})
    totals = {n: serial}
    for size in sizes[:-1]:
        sub = b.tmp / f"reports-{size}"
        sub.mkdir()
        for path in sorted(folder.iterdir())[:size]:
            shutil.copy(path, sub / path.name)
        totals[size] = b.best(b.check(str(sub), "-f", "json", "--no-cache", "--jobs", "1"))
    one = b.tmp / "reports-1"
    one.mkdir()
    shutil.copy(sorted(folder.iterdir())[0], one)
    fixed = b.best(b.check(str(one), "-f", "json", "--no-cache", "--jobs", "1"), 3)
    per = {size: (totals[size] - fixed) / (size - 1) for size in sizes}
    spread = max(per.values()) / min(per.values())
    b.budget(f"scaling {'/'.join(map(str, sizes))} reports: slowest / fastest ms per report", f"{spread:.2f}",
             "≤ 1.25 (linear)", spread <= 1.25)
    return rows, {size: per[size] for size in sizes} | {0: fixed}


def other_tools(b: Bench) -> list[tuple[str, str, str]]:
    schema = ROOT / "schemas" / "report.schema.json"
    bindir = Path(sys.executable).parent
    tools = {"yamllint": [str(EXAMPLE)], "check-jsonschema": ["--schemafile", str(schema), str(EXAMPLE)]}
    ours = b.one or b.timed(b.check("--no-cache", str(EXAMPLE)), b.args.repeat)
    rows = [(f"`govinfo-lint check --no-cache {EXAMPLE.name}`", ours.ms(), "1.00")]
    for tool, args in tools.items():
        exe = bindir / tool if (bindir / tool).exists() else shutil.which(tool)
        if not exe:
            rows.append((f"`{tool}`", "not installed: `pip install -e \".[bench]\"`", "—"))
            b.notes.append(f"{tool} is not installed, so it was not compared (`pip install -e \".[bench]\"`).")
            continue
        timing = b.timed([str(exe), *args], b.args.repeat)
        rows.append((f"`{tool} {' '.join(Path(a).name if '/' in a else a for a in args)}`", timing.ms(),
                     f"{ours.median / timing.median:.2f}"))
    return rows


# --- output ------------------------------------------------------------------------------------


def table(head: tuple[str, ...], rows: list[tuple]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="100 reports, 3 repeats")
    parser.add_argument("--smoke", action="store_true", help="a tiny run that only shows the script works (tests)")
    parser.add_argument("--reports", type=int, help="reports in the generated folder (default 500)")
    parser.add_argument("--repeat", type=int, help="runs per end-to-end measure, median taken (default 7)")
    parser.add_argument("--jobs", type=int, help="worker processes for the parallel run (default: cores, at least 2)")
    parser.add_argument("--generated", action="store_true", help="generated documents even when ../shared is present")
    parser.add_argument("--check", action="store_true", help="exit 1 when a budget is not met")
    args = parser.parse_args(argv)
    default_reports, default_repeat = (8, 1) if args.smoke else (100, 3) if args.quick else (500, 7)
    args.reports = max(4, args.reports or default_reports)
    args.repeat = max(1, args.repeat or default_repeat)
    args.generated = args.generated or args.smoke

    print("# govinfo-lint benchmarks\n")
    print("\n".join(f"- {line}" for line in machine()))
    with tempfile.TemporaryDirectory(prefix="govinfo-bench-") as name:
        b = Bench(args, Path(name))
        docs, origin = documents(b.tmp, args.generated)
        env_note = "bytecode cached in a temporary folder (PYTHONDONTWRITEBYTECODE was set)" \
            if "PYTHONPYCACHEPREFIX" in b.env and "PYTHONPYCACHEPREFIX" not in os.environ else "bytecode as installed"
        print(f"- command: `{' '.join(Path(c).name for c in b.cli)}`; output to a pipe; {env_note}")
        print(f"- documents: {origin}; {args.reports} generated reports; median of {args.repeat} runs\n")

        print("## One file, end to end (a fresh process each run)\n")
        print(table(("measure", "median (best)"), end_to_end(b, docs)))

        print("\n## Full lint against a bare parse of the same file (one warm process)\n")
        rows = [(kind, n, lib, f"{p * 1000:.1f}", f"{r * 1000:.1f}", f"{l * 1000:.1f}", f"{ratio:.2f}×")
                for kind, n, lib, p, r, l, ratio in parse_ratio(b, docs)]
        print(table(("kind", "files", "bare parse with", "parse ms/file", "our read ms/file", "our lint ms/file",
                     "(read + lint) / parse"), rows))

        print("\n## Each document reader, by phase (one warm process)\n")
        print(table(("reader", "files", "read ms/doc", "map ms/doc", "lint ms/doc", "docs/s"), reader_phases(b, docs)))

        print(f"\n## A folder of {args.reports} structured reports: `govinfo-lint check DIR -f json`\n")
        runs, per = folder_runs(b)
        print(table(("run", "seconds"), [(label, f"{seconds:.2f}") for label, seconds in runs]))
        print(f"\nScaling (`--no-cache --jobs 1`; a one-report run, {per.pop(0) * 1000:.0f} ms, is the fixed cost):\n")
        print(table(("reports", "ms per report beyond the fixed cost"), [(n, f"{ms * 1000:.1f}") for n, ms in per.items()]))

        print("\n## Other tools on the same YAML report (end to end)\n")
        print(table(("command", "median (best)", "govinfo-lint / this"), other_tools(b)))

        print("\n## Budgets\n")
        print(table(("budget", "measured", "limit", "result"),
                    [(x.name, x.value, x.limit, "—" if x.ok is None else "PASS" if x.ok else "FAIL") for x in b.budgets]))
        for note in b.notes:
            print(f"\nNote: {note}")
    failed = [x.name for x in b.budgets if x.ok is False]
    if failed:
        print(f"\n{len(failed)} budget(s) not met: {'; '.join(failed)}")
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
