"""Coverage-guided fuzzing of the readers, the checks and the rule loader with atheris.

    pip install atheris                      # wheels for CPython 3.8-3.12 on Linux and macOS
    python fuzz/fuzz_readers.py --seeds fuzz/corpus          # valid documents to start from
    python fuzz/fuzz_readers.py fuzz/corpus -max_len=200000 -max_total_time=3600
    python fuzz/fuzz_readers.py -runs=10     # a smoke run (tests/test_fuzz.py does this)

The first input byte picks a target (yaml, json, html, docx, pdf, txt, md, or a rule
file); the rest is the file. An input that makes ``read`` or ``lint`` raise, or that takes
longer than ``SLOW`` seconds, stops the run with the input saved as ``crash-*`` or
``slow-*`` (libFuzzer's usual artefacts); replay one with
``python fuzz/fuzz_readers.py crash-…``. Seed the corpus folder with real reports to start
from deep inside the readers. See fuzz/README.md.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

try:
    import atheris
except ImportError:  # the harness is for people who chose to install it, never a dependency
    atheris = None

TARGETS = ("yaml", "json", "html", "docx", "pdf", "txt", "md", "rule")
FIXED: str | None = None  # --target=NAME: fuzz one reader only (CI gives each a bounded time)
SLOW = 20.0  # seconds; the readers' own limits (docs/security.md) should end any file well before

os.environ.setdefault("GOVINFO_LINT_NO_CACHE", "1")  # millions of inputs must not fill the cache

# The package imports its readers lazily; importing them here, inside the block, is what
# gets them instrumented (coverage feedback) rather than only the dispatcher.
_MODULES = ("govinfo_lint.readers.structured", "govinfo_lint.readers.html.read", "govinfo_lint.readers.docx.read",
            "govinfo_lint.readers.pdf.read", "govinfo_lint.readers.text.read", "govinfo_lint.readers.text.markdown",
            "govinfo_lint.readers.mapping.assemble", "govinfo_lint.engine.runner", "govinfo_lint.checks")


def _imports() -> None:
    import importlib

    for name in _MODULES:
        importlib.import_module(name)


if atheris is not None:
    with atheris.instrument_imports():
        from govinfo_lint.api import lint, load_rules
        from govinfo_lint.engine.rules import RuleError
        from govinfo_lint.readers import read

        _imports()
else:
    from govinfo_lint.api import lint, load_rules
    from govinfo_lint.engine.rules import RuleError
    from govinfo_lint.readers import read

_FOLDER = Path(tempfile.mkdtemp(prefix="govinfo-fuzz-"))
_RULES = _FOLDER / "rules"
_RULES.mkdir()


class TooSlow(Exception):
    pass


def test_one_input(data: bytes) -> None:
    if not data:
        return
    # With --target the first byte is still skipped, so one seed corpus serves every run.
    target, body = FIXED or TARGETS[data[0] % len(TARGETS)], data[1:]
    start = time.monotonic()
    if target == "rule":
        path = _RULES / "fuzzed.yaml"
        path.write_bytes(body)
        try:
            rules = load_rules([_RULES])
        except RuleError:
            return  # a refused rule file is the right answer
        lint({"agency": "某县人民政府", "year": 2024}, rules)
    else:
        path = _FOLDER / f"fuzzed.{target}"
        path.write_bytes(body)
        lint(read(path))
    if time.monotonic() - start > SLOW:
        raise TooSlow(f"{target}: {time.monotonic() - start:.1f} s")


def write_seeds(folder: Path) -> int:
    """Valid documents of every target, from the examples and the test factories, to start from."""
    import json

    sys.path.insert(0, str(ROOT / "tests"))
    from govinfo_lint.samples import sample_report
    from govinfo_lint.yaml_out import dump_yaml

    seeds = {"yaml": dump_yaml(sample_report("2021")).encode(), "json": json.dumps(sample_report("2019")).encode(),
             "rule": (ROOT / "rules" / "sum" / "SUM-01.yaml").read_bytes(),
             "txt": "一、总体情况\n\t规章\n\t1\n\t0\n\t11\n".encode(),
             "md": "| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 1 |\n".encode()}
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        seeds[f"yaml-{example.stem}"] = example.read_bytes()
    try:
        import pdf_factory
        from docx_factory import PINGTAN_2025, make_report_docx
        from test_html_reader import FIG_2025, report_html
    except ImportError as exc:  # a wheel install without the tests folder
        print(f"not writing HTML, DOCX and PDF seeds: {exc}", file=sys.stderr)
    else:
        seeds["html"] = report_html(FIG_2025).encode()
        seeds["pdf"] = pdf_factory.report_pdf()
        path = make_report_docx(_FOLDER / "seed.docx", fmt="2021", agency=PINGTAN_2025["agency"], year=2025,
                                tables=PINGTAN_2025["tables"])
        seeds["docx"] = path.read_bytes()
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in seeds.items():
        (folder / f"seed-{name}").write_bytes(bytes([TARGETS.index(name.split("-")[0])]) + body)
    return len(seeds)


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--seeds":
        print(f"{write_seeds(Path(sys.argv[2]))} seeds written to {sys.argv[2]}")
        return
    global FIXED
    for arg in list(sys.argv[1:]):
        if arg.startswith("--target="):
            FIXED = arg.split("=", 1)[1]
            if FIXED not in TARGETS:
                sys.exit(f"--target: one of {', '.join(TARGETS)}")
            sys.argv.remove(arg)
    if atheris is None:
        sys.exit("atheris is not installed: pip install atheris (see fuzz/README.md)")
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
