"""``govinfo-lint crawl``: the command line of ``crawl.crawl`` (docs/crawl.md)."""

from __future__ import annotations

import sys

MISSING = ("govinfo-lint crawl 需要 dask 附加依赖：pip install \"govinfo-lint[dask]\" "
           "(the crawl needs the dask extra: pip install \"govinfo-lint[dask]\")")


def add_parser(sub) -> None:
    crawl = sub.add_parser("crawl", help="批量检查到 Parquet 数据集 / check an archive into Parquet (Dask)",
                           description="检查文件、目录、通配符或 fsspec URL 下的全部年报，写出 Parquet 数据集 "
                                       "DIR/findings/ 和 DIR/cells/；重跑时跳过已写出的文件 "
                                       "(check every report under the paths into a Parquet data set; a rerun "
                                       "skips what is written)")
    crawl.add_argument("paths", nargs="+", metavar="PATH", help="文件、目录、通配符或 URL (files, folders, globs, URLs)")
    crawl.add_argument("--output", "-o", required=True, metavar="DIR", help="Parquet 数据集目录 (the data set folder)")
    crawl.add_argument("--dask", metavar="ADDRESS", help="Dask 调度器地址，或 local:N 在本机启动 N 个工作进程 "
                                                         "(a scheduler address, or local:N for N local workers)")
    crawl.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                       help="不用 Dask 时的进程数，默认每核一个 (processes without --dask)")
    crawl.add_argument("--lang", choices=["zh", "en"], default="zh")
    crawl.add_argument("--config", metavar="FILE", help="配置文件 (a configuration file, as for check)")
    crawl.add_argument("--batch-size", type=int, default=None, metavar="N", help="每个分区的文件数 (files per partition)")


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
