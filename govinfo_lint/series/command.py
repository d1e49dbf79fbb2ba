"""``govinfo-lint series DIR``: read, group, signal, write."""

from __future__ import annotations

import sys
from pathlib import Path


def run(args) -> int:
    from ..files import expand_paths
    from ..config.settings import Overrides, Resolver
    from .build import build_series, read_reports, unplaced
    from .output import render, view

    profile = None
    if args.profile:  # a bad profile stops the run before any report is read
        from .profile import ProfileError, load_profile

        try:
            profile = load_profile(args.profile)
        except ProfileError as exc:
            print(f"govinfo-lint: {exc}", file=sys.stderr)
            return 2
    resolver = Resolver(Overrides(rules=tuple(args.rules), jobs=args.jobs))
    files, missing = expand_paths(args.paths, resolver.excluded)
    files = [p for p in files if not resolver.is_settings_file(p)]
    for raw in missing:
        print(f"govinfo-lint: {raw}: 文件或目录不存在 (no such file or directory)", file=sys.stderr)
    if missing:
        return 2
    settings = [resolver.settings_for(p) for p in files]
    run_settings = resolver.run_settings(Path(args.paths[0]))
    lang = args.lang or run_settings.lang
    reports = read_reports(files, settings, run_settings.jobs)
    from ..api import load_rules

    rules = load_rules(args.rules or None)
    data = view(build_series(reports), rules, lang, profile)
    data["unplaced"] = unplaced(reports)
    text = render(data, args.output_format)
    if args.output_file:
        from ..safe_write import write_atomic

        write_atomic(Path(args.output_file), text, protect=files)  # never over a report read
    else:
        sys.stdout.write(text)
    return 0
