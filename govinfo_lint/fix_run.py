"""The ``--fix`` / ``--diff`` pass of ``check``: lint, fix what is safe, then lint again."""

from __future__ import annotations

import sys
from dataclasses import replace


def run_fixes(files, settings, options, diff_only: bool, unsafe: bool, quiet: bool = False) -> int:
    """Fix (or, with ``diff_only``, show the fixes of) every fixable file; the number of files
    that change. Said on stderr, so that standard output stays the findings (or the diff)."""
    from . import fix
    from .run.batch import check_files
    from .readers import kind_of
    from .config.settings import build_rules

    # Only structured and Markdown reports are fixed: the others are not read for it at all.
    chosen = [(path, s) for path, s in zip(files, settings) if kind_of(path) in fix.FIXABLE_KINDS]
    results = check_files([p for p, _s in chosen], [s for _p, s in chosen],
                          replace(options, cache=False, jobs=1, progress=False))
    changed = count = 0
    for (path, s), result in zip(chosen, results):
        planned = fix.plan(path, s, list(build_rules(s.rule_key)), result.findings, unsafe)
        if planned is None or not planned.changed:
            continue
        if diff_only:
            sys.stdout.write(fix.unified_diff(planned))
        else:
            try:
                fix.write(planned)
            except OSError as exc:  # a read-only report: said, and the other files are still fixed
                print(f"govinfo-lint: {exc}", file=sys.stderr)
                continue
        changed += 1
        count += len(planned.applied)
    if not quiet and (changed or not diff_only):
        done = "可修复" if diff_only else "已修复"
        print(f"govinfo-lint: {done} {count} 处，涉及 {changed} 个文件 "
              f"({'would fix' if diff_only else 'fixed'} {count} in {changed} files)", file=sys.stderr)
    return changed
