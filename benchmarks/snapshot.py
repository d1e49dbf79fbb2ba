"""Write the model, reader diagnostics and findings of many reports to a folder, to diff two versions.

A refactoring or a reader change is checked by running this before and after and diffing
the two folders (``diff -r before after``): every document gives one JSON file holding
what the reader made of it and what the rules found, so a changed cell, a lost
diagnostic or a moved pointer shows as a line of the diff.

    python benchmarks/snapshot.py OUT_DIR [PATH ...]

Without paths it takes the shipped examples and, when ``../shared`` is beside the
checkout, every report of its corpus and the seed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SUFFIXES = {".yaml", ".yml", ".json", ".html", ".htm", ".docx", ".pdf", ".txt", ".md"}


def default_inputs() -> list[Path]:
    paths = sorted((ROOT / "examples").glob("*.yaml"))
    if (SHARED / "corpus").is_dir():
        paths += sorted(p for p in (SHARED / "corpus").rglob("*") if p.suffix.lower() in SUFFIXES
                        and p.name != "INDEX.tsv")
        paths += sorted((SHARED / "seed").glob("*.txt"))
    return paths


def snapshot(path: Path) -> dict:
    from govinfo_lint.api import load_rules
    from govinfo_lint.engine.runner import lint_report
    from govinfo_lint.readers import read
    from govinfo_lint.serialize import report_to_dict

    try:
        report = read(path)
    except Exception as exc:  # a snapshot records a failure instead of stopping the run
        return {"error": f"{type(exc).__name__}: {exc}"}
    findings = lint_report(report, load_rules())
    return {
        "model": report_to_dict(report, with_locations=True),
        "diagnostics": [repr(d) for d in getattr(report, "diagnostics", [])],
        "findings": [f.to_dict() for f in findings],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.paths or default_inputs()
    args.out.mkdir(parents=True, exist_ok=True)
    for path in paths:
        name = str(path.resolve()).replace("/", "__").strip("_") + ".json"
        data = snapshot(path)
        (args.out / name).write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=str),
                                     encoding="utf-8")
    print(f"{len(paths)} reports written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
