"""``govinfo-lint series DIR``: read (through the result cache), group, signal, write.

The options are ``check``'s where they mean the same (cli_args builds both): settings come
from the nearest configuration file or ``--config``, ``--select``/``--ignore`` choose the
SER rules, each series runs the rules of its latest report's settings.
"""

from __future__ import annotations

import sys
from pathlib import Path

EXIT_OK, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2


def _say(text: str) -> None:
    print(f"govinfo-lint: {text}", file=sys.stderr)


def run(args) -> int:
    from ..cli_args import reading_limits
    from ..config.settings import Overrides, Resolver, build_rules
    from ..files import expand_paths

    profile = None
    if args.profile:  # a bad profile stops the run before any report is read
        from .profile import ProfileError, load_profile

        try:
            profile = load_profile(args.profile)
        except ProfileError as exc:
            _say(str(exc))
            return EXIT_USAGE
    if args.config and not Path(args.config).is_file():
        _say(f"{args.config}: 文件不存在 (no such file)")
        return EXIT_USAGE
    limits = reading_limits(args)
    if limits is None:
        return EXIT_USAGE
    resolver = Resolver(Overrides(select=tuple(args.select) or None, ignore=tuple(args.ignore),
                                  rules=tuple(args.rules), lang=args.lang, max_bytes=args.max_bytes,
                                  jobs=args.jobs, limits=limits), args.config, args.isolated)
    files, missing = expand_paths(args.paths, resolver.excluded)
    files = [p for p in files if not resolver.is_settings_file(p)]
    for raw in missing:
        _say(f"{raw}: 文件或目录不存在 (no such file or directory)")
    if missing:
        return EXIT_USAGE
    if not files:
        from ..readers import SUPPORTED

        # A job pointed at the wrong folder must not pass as "no signals".
        _say(f"{'、'.join(args.paths)}: 没有找到年报文件（{' '.join(SUPPORTED)}），无法组成系列 "
             "(no report files found; no series)")
        return EXIT_NOTHING
    settings = [resolver.settings_for(p) for p in files]
    run_settings = resolver.run_settings(Path(args.paths[0]))
    reports = _read(files, settings, run_settings.jobs, args)
    rules_of = {str(p): build_rules(s.rule_key) for p, s in zip(files, settings)}
    return _write(args, files, reports, lambda series: rules_of[series.reports[-1].source], run_settings.lang,
                  profile)


def _read(files, settings, jobs, args):
    from ..run.batch import BatchOptions, show_progress
    from .build import read_reports

    shown = show_progress(BatchOptions(progress=args.progress), len(files))
    return read_reports(files, settings, jobs, use_cache=not args.no_cache, progress=shown)


def _write(args, files, reports, rules_for, lang: str, profile) -> int:
    from .build import build_series, unplaced
    from .output import render, view
    from .signals import series_rules

    all_series = build_series(reports)
    if all_series and not any(series_rules(rules_for(s)) for s in all_series):
        _say("所选规则中没有 SER 系列规则，只列出逐年数据 (no SER rule selected: figures only)")
    data = view(all_series, rules_for, lang, profile)
    data["unplaced"] = unplaced(reports, all_series)
    if not all_series:
        _say("没有可组成系列的年报：未识别出机关名称和年度 (no report with an organ and a year)")
    text = render(data, args.output_format)
    if args.output_file:
        from ..safe_write import write_atomic

        write_atomic(Path(args.output_file), text, protect=files)  # never over a report read
    else:
        sys.stdout.write(text)
    return EXIT_OK if all_series else EXIT_NOTHING
