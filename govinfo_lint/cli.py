"""Command line: ``check``, ``extract``, ``init``, ``rules``, ``rule CODE``.

Exit status (spec/model.md): 0 when no finding reaches the failure threshold, 1 when
one does, 2 for a usage error, a path that does not exist, a bad rule, configuration
or waiver file. Settings come from the nearest configuration file (docs/configuration.md);
options given here override it.
Imports are lazy so that ``--version`` and a pre-commit hook start fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from . import __version__, cli_args

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def entry() -> None:
    """The console script and ``python -m govinfo_lint``: ``main()``, then a quick exit.

    An interpreter's own teardown frees every module and object one by one; for a one-file
    run, as a pre-commit hook makes, that is about a seventh of the whole run (benchmarks/
    startup.py). We skip it: exit handlers still run (pool workers are joined, temporary
    folders removed, logs flushed) and the standard streams are flushed, then the process
    ends with ``os._exit``. Not while another thread runs, which ``os._exit`` would cut off.
    ``main`` itself returns, for callers in the same process.

    The cyclic garbage collector is paused while the modules and rules load (they make
    many objects and next to no garbage) and resumed before any document is read
    (``_resume_gc``).
    """
    import gc

    gc.disable()
    global _GC_PAUSED
    _GC_PAUSED = True
    try:
        code = main()
    except SystemExit as exc:  # argparse's usage errors and --help
        code = exc.code
    import threading

    if not isinstance(code, int) or threading.active_count() > 1:
        sys.exit(code)
    import atexit

    from . import lazy_re

    lazy_re.save()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away (`| head`), a closed stream
            pass
    os._exit(code)


_GC_PAUSED = False


def _resume_gc() -> None:
    global _GC_PAUSED
    if _GC_PAUSED:
        import gc

        gc.enable()
        _GC_PAUSED = False


def main(argv: list[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else argv
    if given == ["--version"]:  # a hook manager's probe: answer before building the parser
        print(f"govinfo-lint {__version__}")
        return EXIT_OK
    parser = cli_args.parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if args.command != "check":  # only check's start-up is worth the care; serve runs for days
        _resume_gc()
    from .config.files import ConfigError
    from .engine.rules import RuleError

    try:
        if args.command == "check":
            return _check(args)
        if args.command == "series":
            from .series.command import run as run_series

            return run_series(args)
        if args.command == "extract":
            return _extract(args)
        if args.command == "init":
            from .init import run_init

            return run_init(args)
        if args.command == "clean":
            return _clean()
        if args.command == "crawl":
            from .crawl_cli import run as crawl

            return crawl(args)
        if args.command == "serve":
            from .service import main as serve

            return serve(args)
        if args.command == "completion":
            from .completion import script

            sys.stdout.write(script(args.shell, parser))
            return EXIT_OK
        if args.command == "rules":
            from .explain import list_rules

            return list_rules(_rules(args), args.output_format, sys.stdout)
        from .explain import explain_rule

        return explain_rule(_rules(args), args.code, args.lang, sys.stdout)
    except RuleError as exc:
        print(f"govinfo-lint: 规则文件有误 (bad rule file): {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ConfigError as exc:
        print(f"govinfo-lint: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _clean() -> int:
    from .run.cache import clean

    folder, removed, freed = clean()
    if folder is None:
        print("缓存已停用（GOVINFO_LINT_NO_CACHE） / the cache is off (GOVINFO_LINT_NO_CACHE)")
    else:
        print(f"已从 {folder} 删除 {removed} 个缓存文件（{freed / 1024 / 1024:.1f} MiB）"
              f" / removed {removed} cache files ({freed / 1024 / 1024:.1f} MiB) from {folder}")
    return EXIT_OK


def _rules(args):
    from .api import load_rules

    return load_rules(args.rules or None, getattr(args, "select", None) or None, getattr(args, "ignore", None) or None)


def _check(args) -> int:
    specs = _output_specs(args.output_format, args.output_file)
    if specs is None:
        return EXIT_USAGE
    if any(fmt == "docx" for fmt, _ in specs):
        from .formatters.docx_comments import usage_problem

        problem = usage_problem(args.paths)
        if problem:
            print(f"govinfo-lint: {problem}", file=sys.stderr)
            return EXIT_USAGE
    if args.exit_zero:
        args.fail_on = "never"
    _set_color(args.color)
    if "-" in args.paths:
        if args.fix or args.diff:
            print("govinfo-lint: 标准输入不能 --fix/--diff (--fix and --diff need files)", file=sys.stderr)
            return EXIT_USAGE
        return _check_stdin(args)
    return _check_paths(args, specs)


def _set_color(choice: str) -> None:
    """``--color``: rich and the text formatter read these (no-color.org, FORCE_COLOR)."""
    if choice == "always":
        os.environ["FORCE_COLOR"] = "1"
        os.environ.pop("NO_COLOR", None)
    elif choice == "never":
        os.environ["NO_COLOR"] = "1"
        os.environ.pop("FORCE_COLOR", None)


def _check_stdin(args) -> int:
    if args.paths != ["-"] or args.previous == "-":
        print("govinfo-lint: 标准输入（-）只能单独检查，不能与其他路径同用 "
              "(- reads one report from standard input and cannot be combined with other paths)", file=sys.stderr)
        return EXIT_USAGE
    from .readers import DEFAULT_MAX_BYTES
    from .stdin import read_stdin

    given = read_stdin(args.stdin_filename, args.max_bytes or DEFAULT_MAX_BYTES)
    if isinstance(given, str):
        print(f"govinfo-lint: {given}", file=sys.stderr)
        return EXIT_USAGE
    try:
        args.paths = [str(given.path)]
        args.no_cache = True  # the temporary name is new every run: a cache entry would never be found again
        return _check_paths(args, _output_specs(args.output_format, args.output_file), stdin=given)
    finally:
        given.close()


def _check_paths(args, specs, stdin=None) -> int:
    from .run.batch import BatchOptions, iter_results
    from .formatters import NEED_REPORTS
    from .config.settings import Overrides, Resolver, build_rules

    if args.published and not _iso_date(args.published):
        print(f"govinfo-lint: --published {args.published}: 日期格式应为 YYYY-MM-DD", file=sys.stderr)
        return EXIT_USAGE
    for given in (args.previous, args.config, args.waivers):
        if given and not Path(given).is_file():
            print(f"govinfo-lint: {given}: 文件不存在 (no such file)", file=sys.stderr)
            return EXIT_USAGE
    limits = cli_args.reading_limits(args)
    if limits is None:
        return EXIT_USAGE
    overrides = Overrides(select=tuple(args.select) or None, ignore=tuple(args.ignore), rules=tuple(args.rules),
                          fail_on=args.fail_on, lang=args.lang, max_bytes=args.max_bytes, jobs=args.jobs,
                          waivers=args.waivers, limits=limits)
    resolver = Resolver(overrides, args.config, args.isolated)
    if args.show_settings:
        return _show_settings(resolver, args.paths)
    from .files import expand_paths

    files, missing = expand_paths(args.paths, resolver.excluded)
    files = [path for path in files if not resolver.is_settings_file(path)]
    for raw in missing:
        print(f"govinfo-lint: {raw}: 文件或目录不存在 (no such file or directory)", file=sys.stderr)
    if missing:
        return EXIT_USAGE
    if not files:
        return _nothing_checked(args, resolver)
    # stdin is checked with the settings its given name would have, as Ruff does.
    named = Path(args.stdin_filename) if stdin is not None and args.stdin_filename else None
    run = resolver.run_settings(named or Path(args.paths[0]))
    shared: dict = {}  # equal settings as one object: a folder's files mostly share theirs
    settings = [shared.setdefault(s, s) for s in (resolver.settings_for(named or path) for path in files)]
    options = BatchOptions(lang=run.lang, published=args.published, jobs=run.jobs, cache=not args.no_cache,
                           progress=args.progress, audit=args.audit,
                           full_reports=any(fmt in NEED_REPORTS for fmt, _ in specs),
                           previous=Path(args.previous) if args.previous else None,
                           previous_settings=resolver.settings_for(Path(args.previous)) if args.previous else None)
    _resume_gc()
    if args.fix or args.diff:
        from .fix_run import run_fixes

        changed = run_fixes(files, settings, options, diff_only=args.diff, unsafe=args.unsafe_fixes,
                            quiet=args.quiet >= 1)
        if args.diff:
            return EXIT_FINDINGS if changed else EXIT_OK
    # One result at a time, written as it comes (run/output.py): memory stays flat over a folder.
    # The paths as strings from here: a Path object kept for the whole run is 270 bytes more a file.
    files = [os.fspath(path) for path in files]
    results = iter_results(files, settings, options)
    if stdin is not None:
        results = _named_stdin(results, stdin)
    results = _skip_walked_non_reports(results, {os.path.normpath(p) for p in args.paths}, args.quiet >= 1)
    rules = sorted({r.code: r for s in dict.fromkeys(x.rule_key for x in settings) for r in build_rules(s)}.values(),
                   key=lambda r: r.code)
    # Settings files are inputs too: a report written over the waiver file would lose every waiver.
    inputs = files + ([Path(args.previous)] if args.previous else []) + [
        Path(p) for p in dict.fromkeys(x for s in settings for x in (s.config, s.waivers)) if p]
    if args.quiet >= 2:  # -qq: the exit status says it all; files asked for are still written
        specs = [(fmt, target) for fmt, target in specs if target is not None]
    from .run.output import write_run

    status, tally = write_run(results, specs, rules, inputs, run, quiet=args.quiet >= 1, summary=args.summary,
                              statistics=args.statistics)
    if tally is None:
        return _nothing_checked(args, resolver)
    if status is not None:
        return status
    return EXIT_FINDINGS if tally.failed(run.fail_on) else EXIT_OK


def _named_stdin(results, stdin):
    for result in results:
        if result.path == str(stdin.path):
            result.path = result.report.source = stdin.name
        yield result


def _skip_walked_non_reports(results, named: set[str], quiet: bool):
    """A file found by walking a folder that is not an annual report (RDR-13 alone: a
    README, a config file, a data export beside the reports) is skipped with a note;
    one named on the command line keeps its finding."""
    for result in results:
        codes = {f.code for f in result.findings}
        if codes == {"RDR-13"} and os.path.normpath(result.path) not in named and result.is_report:
            if not quiet:
                print(f"govinfo-lint: {result.path}: 不是政府信息公开工作年度报告，已跳过 (not an annual report; skipped)",
                      file=sys.stderr)
            continue
        yield result


def _nothing_checked(args, resolver) -> int:
    """An empty folder (or one whose files are all excluded) is not a clean result: a CI job
    pointed at the wrong folder must not pass. ``--exit-zero``/``--fail-on never`` accept it."""
    from .readers import SUPPORTED

    if args.quiet < 2:
        print(f"govinfo-lint: {'、'.join(args.paths)}: 没有找到可检查的年报文件（{' '.join(SUPPORTED)}），未检查任何文件 "
              "(no report files found; nothing was checked)", file=sys.stderr)
    fail_on = args.fail_on or resolver.run_settings(Path(args.paths[0])).fail_on
    return EXIT_OK if fail_on == "never" else EXIT_FINDINGS


def _show_settings(resolver, paths: list[str]) -> int:
    from .yaml_out import dump_yaml

    for raw in paths:
        path = Path(raw)
        if not path.exists():
            print(f"govinfo-lint: {raw}: 文件或目录不存在 (no such file or directory)", file=sys.stderr)
            return EXIT_USAGE
        run = resolver.run_settings(path)
        data = {"path": raw, **resolver.settings_for(path).to_dict(), "fail-on": run.fail_on, "lang": run.lang,
                "jobs": run.jobs}
        sys.stdout.write(dump_yaml(data) + ("\n" if len(paths) > 1 else ""))
    return EXIT_OK


def _output_specs(given: list[tuple[str, str | None]] | None,
                  output_file: str | None = None) -> list[tuple[str, str | None]] | None:
    """The ``-f`` list, defaulted, with ``--output-file`` as the path of the one format that has
    none; None (after saying why) when two go to stdout or one file twice."""
    specs = given or [("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text", None)]
    if output_file:
        bare = [i for i, (_f, target) in enumerate(specs) if target is None]
        if len(bare) != 1:
            print("govinfo-lint: --output-file 需要恰好一个未指定路径的 --format "
                  "(--output-file needs exactly one --format without a path)", file=sys.stderr)
            return None
        specs = [(fmt, output_file if i == bare[0] else target) for i, (fmt, target) in enumerate(specs)]
    targets = [p for _, p in specs if p]
    if len(specs) - len(targets) > 1 or len(set(targets)) < len(targets):
        print("govinfo-lint: 只能有一个 --format 输出到标准输出，每个文件只能写一次 "
              "(only one --format may go to standard output, and each file only once)", file=sys.stderr)
        return None
    return specs


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

    if args.to:
        from .tidy import run_tidy

        return run_tidy(args)
    if len(args.paths) > 1 or Path(args.paths[0]).is_dir():
        print("govinfo-lint: extract 一次只转换一个文件；多个文件或目录请用 --to csv|jsonl "
              "(one file at a time; use --to csv|jsonl for many)", file=sys.stderr)
        return EXIT_USAGE
    path = Path(args.paths[0])
    if not path.exists():
        print(f"govinfo-lint: {args.paths[0]}: 文件不存在 (no such file)", file=sys.stderr)
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
        except OSError as exc:
            print(f"govinfo-lint: {exc}", file=sys.stderr)
            return EXIT_USAGE
    else:
        sys.stdout.write(text)
    from .engine.runner import UNREAD

    failed = any(d.kind in UNREAD for d in report.diagnostics)
    return EXIT_FINDINGS if failed else EXIT_OK
