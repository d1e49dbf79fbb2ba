"""Command line: ``check``, ``extract``, ``rules``, ``rule CODE``.

Exit status (spec/model.md): 0 when no finding reaches the failure threshold, 1 when
one does, 2 for a usage error, a path that does not exist, or a bad rule file.
Imports are lazy so that ``--version`` and a pre-commit hook start fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _codes(value: str) -> list[str]:
    return [v.strip().upper() for v in value.split(",") if v.strip()]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govinfo-lint",
        description="政府信息公开工作年度报告合规检查工具 (compliance linter for government information disclosure annual reports)",
    )
    parser.add_argument("--version", action="version", version=f"govinfo-lint {__version__}")
    sub = parser.add_subparsers(dest="command")

    check = sub.add_parser("check", help="检查年报 / lint reports (files or folders)")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument("--format", "-f", default="text", choices=["text", "json", "concise"], dest="output_format")
    check.add_argument("--fail-on", default="error", choices=["error", "warning", "info", "never"],
                       help="lowest severity that makes the exit status 1 (default: error)")
    check.add_argument("--select", type=_codes, action="extend", default=[], help="codes or prefixes, e.g. SUM,TBL-06")
    check.add_argument("--ignore", type=_codes, action="extend", default=[], help="codes or prefixes to skip")
    check.add_argument("--lang", default="zh", choices=["zh", "en"], help="message language (default zh)")
    check.add_argument("--rules", action="append", default=[], metavar="DIR", help="an extra folder of rule files")
    check.add_argument("--max-bytes", type=int, default=None, help="skip files larger than this (default 64 MiB)")
    check.add_argument("--previous", metavar="FILE", help="the same organ's report of the year before (cross-year rules)")
    check.add_argument("--published", metavar="YYYY-MM-DD", help="publication date, for the deadline rules")

    extract = sub.add_parser("extract", help="把年报转换为结构化 YAML/JSON / turn a report into the structured form")
    extract.add_argument("path", metavar="FILE")
    extract.add_argument("--format", "-f", default="yaml", choices=["yaml", "json"], dest="output_format")
    extract.add_argument("--locations", action="store_true", help="include where each value was found")
    extract.add_argument("-o", "--output", help="write to this file (never over the input)")

    rules = sub.add_parser("rules", help="列出规则 / list the rules")
    rules.add_argument("--format", "-f", default="text", choices=["text", "json", "markdown"], dest="output_format")
    rules.add_argument("--rules", action="append", default=[], metavar="DIR")

    rule = sub.add_parser("rule", help="解释一条规则 / explain one rule")
    rule.add_argument("code")
    rule.add_argument("--lang", default="zh", choices=["zh", "en"])
    rule.add_argument("--rules", action="append", default=[], metavar="DIR")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    from .engine.rules import RuleError

    try:
        if args.command == "check":
            return _check(args)
        if args.command == "extract":
            return _extract(args)
        if args.command == "rules":
            from .explain import list_rules

            return list_rules(_rules(args), args.output_format, sys.stdout)
        from .explain import explain_rule

        return explain_rule(_rules(args), args.code, args.lang, sys.stdout)
    except RuleError as exc:
        print(f"govinfo-lint: bad rule file: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _rules(args):
    from .api import load_rules

    return load_rules(args.rules or None, getattr(args, "select", None) or None, getattr(args, "ignore", None) or None)


def expand_paths(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Files to check (folders walked for supported files) and paths that do not exist."""
    from .readers import SUPPORTED

    files: list[Path] = []
    missing: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, names in os.walk(path):  # followlinks=False: symlink loops cannot trap us
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                files.extend(Path(root) / n for n in sorted(names)
                             if Path(n).suffix.lower() in SUPPORTED and not n.startswith((".", "~$")))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            missing.append(raw)
    return files, missing


def _check(args) -> int:
    files, missing = expand_paths(args.paths)
    for raw in missing:
        print(f"govinfo-lint: {raw}: 文件或目录不存在 (no such file or directory)", file=sys.stderr)
    if missing:
        return EXIT_USAGE
    from .engine.runner import lint_report
    from .findings import reaches
    from .formatters import FileResult, write
    from .readers import DEFAULT_MAX_BYTES, read

    from .pairing import pair_reports

    if args.published and not _iso_date(args.published):
        print(f"govinfo-lint: --published {args.published}: 日期格式应为 YYYY-MM-DD", file=sys.stderr)
        return EXIT_USAGE
    if args.previous and not Path(args.previous).exists():
        print(f"govinfo-lint: {args.previous}: 文件不存在 (no such file)", file=sys.stderr)
        return EXIT_USAGE
    rules = _rules(args)
    limit = args.max_bytes or DEFAULT_MAX_BYTES
    reports = [read(path, limit) for path in files]
    previous = read(Path(args.previous), limit) if args.previous else None
    for report in reports:
        if previous is not None:
            report.previous = previous
        if args.published:
            report.published = args.published
    pair_reports(reports)
    results = [FileResult(str(path), report, lint_report(report, rules, args.lang))
               for path, report in zip(files, reports)]
    write(args.output_format, results, sys.stdout, args.lang, args.fail_on)
    failed = any(reaches(f.severity, args.fail_on) for r in results for f in r.findings)
    return EXIT_FINDINGS if failed else EXIT_OK


def _iso_date(text: str) -> bool:
    import datetime

    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _extract(args) -> int:
    from .readers import read
    from .serialize import report_to_dict

    path = Path(args.path)
    if not path.exists():
        print(f"govinfo-lint: {args.path}: 文件不存在 (no such file)", file=sys.stderr)
        return EXIT_USAGE
    report = read(path)
    data = report_to_dict(report, args.locations)
    if args.output_format == "json":
        import json

        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        from .yaml_out import dump_yaml

        text = dump_yaml(data)
    if args.output:
        from .safe_write import write_atomic

        try:
            write_atomic(Path(args.output), text, protect=[path])
        except ValueError as exc:
            print(f"govinfo-lint: {exc}", file=sys.stderr)
            return EXIT_USAGE
    else:
        sys.stdout.write(text)
    failed = any(d.kind in ("unreadable", "unsupported_format", "too_large") for d in report.diagnostics)
    return EXIT_FINDINGS if failed else EXIT_OK
