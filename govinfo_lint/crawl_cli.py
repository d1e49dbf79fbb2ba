"""``govinfo-lint crawl``: runs ``crawl.crawl`` on what ``cli_args`` parsed (docs/crawl.md)."""

from __future__ import annotations

import sys

MISSING = ("govinfo-lint crawl 需要 dask 附加依赖：pip install \"govinfo-lint[dask]\" "
           "(the crawl needs the dask extra: pip install \"govinfo-lint[dask]\")")


def run(args) -> int:
    try:
        import fsspec  # noqa: F401
        import pyarrow  # noqa: F401

        if args.dask:
            import distributed  # noqa: F401
    except ImportError:
        print(f"govinfo-lint: {MISSING}", file=sys.stderr)
        return 2
    from .crawl import BATCH, crawl

    try:
        stats = crawl(args.paths, args.output, dask=args.dask, jobs=args.jobs, lang=args.lang,
                      batch_size=args.batch_size or BATCH, config=args.config)
    except FileNotFoundError as exc:
        print(f"govinfo-lint: {exc}: 文件或目录不存在 (no such file or directory)", file=sys.stderr)
        return 2
    print(f"{stats['files']} 个文件：检查 {stats['checked']}，跳过（已写出）{stats['skipped']}，失败 {stats['failed']}，"
          f"问题 {stats['findings']} 条 -> {args.output} "
          f"({stats['files']} files: {stats['checked']} checked, {stats['skipped']} skipped, "
          f"{stats['failed']} failed, {stats['findings']} finding rows)")
    return 0
