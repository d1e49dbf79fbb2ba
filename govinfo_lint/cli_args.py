"""The command line's grammar: argument types, the help formatter and one parser per
subcommand (``cli.py`` runs what they parse). Kept apart so that the grammar reads as one
list and shell completion and the docs can walk it without running anything."""

from __future__ import annotations

import argparse
import os
import sys

from . import __version__


def _codes(value: str) -> list[str]:
    return [v.strip().upper() for v in value.split(",") if v.strip()]


def _output_formats() -> tuple[str, ...]:
    from .formatters import OUTPUT_FORMATS

    return OUTPUT_FORMATS


def _format_spec(value: str) -> tuple[str, str | None]:
    """``sarif:out.sarif`` -> ("sarif", "out.sarif"); ``text`` -> ("text", None)."""
    name, sep, path = value.partition(":")
    if name not in _output_formats():
        raise argparse.ArgumentTypeError(f"invalid choice: {name!r} (choose from {', '.join(_output_formats())})")
    if (sep or name == "docx") and not path:
        raise argparse.ArgumentTypeError(f"{value!r}: 需要在 ':' 后给出路径 (a path is needed after ':')")
    return name, path or None


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per core) or more")
    return jobs


def _limit(value: str) -> tuple[str, float]:
    from .limits import parse_option

    try:
        return parse_option(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _seconds(value: str) -> float:
    return _limit(f"timeout={value}")[1]


def _columns() -> int:
    """``shutil.get_terminal_size().columns``, without importing shutil."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's own, at the same width. argparse builds a formatter for every
    ``add_argument`` (to check its metavar), and the stock one imports shutil for the
    terminal width, which brings bz2, lzma and zlib: 5-8 ms of every run, help or not."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    """Every parser, the subcommands' too (argparse makes them of the top parser's class),
    formats its help with ``_HelpFormatter``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)


def parser() -> argparse.ArgumentParser:
    """The command line: one builder per subcommand below."""
    parser = _Parser(
        prog="govinfo-lint",
        description="政府信息公开工作年度报告合规检查工具 (compliance linter for government information disclosure annual reports)",
    )
    parser.add_argument("--version", action="version", version=f"govinfo-lint {__version__}")
    sub = parser.add_subparsers(dest="command")
    _check_command(sub)
    _extract_command(sub)
    _init_command(sub)
    _crawl_command(sub)
    _rules_command(sub)
    _clean_command(sub)
    _completion_command(sub)
    _serve_command(sub)
    _series_command(sub)
    _rule_command(sub)
    return parser


def _check_command(sub) -> None:
    check = sub.add_parser("check", help="检查年报 / lint reports (files or folders)",
                           description="检查年报（文件或目录；- 表示标准输入） / lint reports (files, folders, - for stdin)")
    check.add_argument("paths", nargs="+", metavar="PATH", help="年报文件或目录；- 读标准输入 (a file, a folder, or -)")
    check.add_argument("--format", "-f", action="append", type=_format_spec, default=None, dest="output_format",
                       metavar="FORMAT[:PATH]",
                       help=f"输出格式 {', '.join(_output_formats())}；加 :PATH 写入文件，可重复 "
                            "(output format; repeat with :PATH for files; default text, github under GitHub Actions)")
    check.add_argument("--output-file", "-o", metavar="PATH",
                       help="把输出写入文件，等同 -f FORMAT:PATH (write the output to PATH)")
    check.add_argument("--fail-on", default=None, choices=["error", "warning", "info", "never"],
                       help="达到此级别即以状态 1 退出，默认 error (lowest severity that makes the exit status 1)")
    check.add_argument("--exit-zero", action="store_true",
                       help="有问题也以状态 0 退出，等同 --fail-on never (exit 0 whatever is found)")
    _rule_options(check, "SUM,TBL-06")
    _reading_options(check)
    check.add_argument("--previous", metavar="FILE",
                       help="同一机关上一年度的年报，用于跨年度规则 (the same organ's report of the year before)")
    check.add_argument("--published", metavar="YYYY-MM-DD", help="发布日期，用于时限规则 (publication date)")
    check.add_argument("--stdin-filename", metavar="NAME",
                       help="标准输入的文件名，决定读取方式和适用的配置 (the name, form and settings of stdin)")
    fixing = check.add_argument_group("修复 / fixes (structured and Markdown reports)")
    fixing.add_argument("--fix", action="store_true",
                        help="把可安全修复的措辞改为格式规定的写法（其它→其他、标签和标题的规定写法、全角括号、一、编号），"
                             "不改动任何数字 (apply the safe fixes; never a figure)")
    fixing.add_argument("--diff", action="store_true",
                        help="只显示 --fix 会做的修改，不写文件 (show the fixes as a diff, write nothing)")
    fixing.add_argument("--unsafe-fixes", action="store_true",
                        help="也做不那么确定的修复，如机关名称、另一版本格式的标签 (also the less certain fixes)")
    shown = check.add_argument_group("输出 / output")
    shown.add_argument("--quiet", "-q", action="count", default=0,
                       help="只输出有问题的文件；-qq 什么都不输出，只看退出状态 (only findings; -qq: nothing)")
    shown.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                       help="文本输出是否着色，默认 auto；也认 NO_COLOR 环境变量 (colour the text output)")
    conf = check.add_argument_group("配置 / configuration (docs/configuration.md)")
    _config_options(conf)
    conf.add_argument("--show-settings", action="store_true",
                      help="显示每个 PATH 适用的设置后退出 (print the settings of each PATH and exit)")
    conf.add_argument("--waivers", metavar="FILE", help="改用此豁免文件，见 docs/waivers.md (the waiver file to use)")
    conf.add_argument("--audit", action="store_true", help="不理会任何豁免，报告全部问题 (ignore every waiver)")
    many = check.add_argument_group("多个文件 / many files (docs/workflows.md)")
    _parallel_options(many)
    many.add_argument("--summary", action="store_true", help="按机关汇总成表，不列问题 (a table per agency)")
    many.add_argument("--statistics", action="store_true", help="按规则统计问题数 (the count of findings per rule)")
    many.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                      help="在 stderr 显示进度，默认在终端且超过 20 个文件时显示 (progress on stderr)")


# --- options check shares with other subcommands (series) ---------------------------------


def _rule_options(parser, example: str) -> None:
    parser.add_argument("--select", type=_codes, action="extend", default=[],
                        help=f"只检查这些规则代码或前缀，如 {example} (codes or prefixes to run)")
    parser.add_argument("--ignore", type=_codes, action="extend", default=[],
                        help="跳过这些规则代码或前缀 (codes or prefixes to skip)")
    parser.add_argument("--lang", default=None, choices=["zh", "en"], help="提示语言，默认 zh (message language)")
    parser.add_argument("--rules", action="append", default=[], metavar="DIR", help="另加一个规则目录 (an extra rule folder)")


def _reading_options(parser) -> None:
    parser.add_argument("--max-bytes", type=int, default=None,
                        help="跳过大于此字节数的文件，默认 64 MiB (skip larger files)")
    parser.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS",
                        help="每个文件的读取和检查时限，默认 300 秒，0 为不限 (time per file before it becomes a finding)")
    parser.add_argument("--limit", type=_limit, action="append", default=[], metavar="NAME=VALUE",
                        help="修改防护上限，如 pdf-pages=500，见 docs/security.md (change a limit for hostile files)")


def reading_limits(args):
    """What ``_reading_options`` parsed, as the run's ``Limits``; None (said on stderr) when
    it is wrong. ``check`` and ``series`` read with the same options."""
    from .limits import NAMES, Limits

    changed = {NAMES[name]: value for name, value in args.limit}
    if args.timeout is not None:
        changed["timeout"] = args.timeout
    if args.max_bytes is not None and args.max_bytes < 1:
        print("govinfo-lint: --max-bytes must be 1 or more", file=sys.stderr)
        return None
    return Limits(**changed)


def _config_options(group) -> None:
    group.add_argument("--config", metavar="FILE", help="所有文件都用这个配置文件，不再查找 (use this configuration)")
    group.add_argument("--isolated", action="store_true", help="忽略一切配置文件 (ignore all configuration files)")


def _parallel_options(group) -> None:
    group.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N",
                       help="并行进程数，0 为每核一个 (worker processes; 0: one per core)")
    group.add_argument("--no-cache", action="store_true", help="不使用也不写入结果缓存 (neither use nor fill the cache)")


def _extract_command(sub) -> None:
    extract = sub.add_parser("extract", help="把年报转换为结构化 YAML/JSON，或把多份年报的表格汇成一张数据表 "
                                              "/ turn a report into the structured form, or many into one tidy table")
    extract.add_argument("paths", nargs="+", metavar="PATH")
    extract.add_argument("--format", "-f", default="yaml", choices=["yaml", "json"], dest="output_format")
    extract.add_argument("--locations", action="store_true", help="include where each value was found")
    extract.add_argument("--to", choices=["csv", "jsonl"], help="every table cell of every report as one tidy data set")
    extract.add_argument("--bom", action="store_true", help="--to csv: start with a UTF-8 BOM (for Excel)")
    extract.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N", help="--to: worker processes (0: one per core)")
    extract.add_argument("-o", "--output", help="write to this file (never over the input)")


def _init_command(sub) -> None:
    init = sub.add_parser("init", help="生成空白的结构化年报 / write a blank structured report to fill in")
    init.add_argument("--year", type=int, required=True, help="report year (2019 on)")
    init.add_argument("--agency", required=True, help="报告机关全称")
    init.add_argument("--level", choices=["state_council_department", "provincial_government", "provincial_department",
                                          "prefecture_government", "prefecture_department", "county_government",
                                          "county_department", "township", "other"])
    init.add_argument("-o", "--output", help="write to this file (default: standard output)")
    init.add_argument("--force", action="store_true", help="overwrite an existing file")


def _crawl_command(sub) -> None:
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


def _rules_command(sub) -> None:
    rules = sub.add_parser("rules", help="列出规则 / list the rules")
    rules.add_argument("--format", "-f", default="text", choices=["text", "json", "markdown"], dest="output_format")
    rules.add_argument("--rules", action="append", default=[], metavar="DIR")


def _clean_command(sub) -> None:
    sub.add_parser("clean", help="清除缓存 / remove the result and rule caches (docs/workflows.md)")


def _completion_command(sub) -> None:
    completion = sub.add_parser("completion", help="输出 shell 补全脚本 / print a shell completion script")
    completion.add_argument("shell", choices=["bash", "zsh", "fish"])


def _serve_command(sub) -> None:
    serve = sub.add_parser("serve", help="启动浏览器审核服务 / start the review service (docs/service.md)",
                           description="启动浏览器审核服务，默认只在本机 127.0.0.1 可访问；在办公网共享用 --host 0.0.0.0 "
                                       "并建议设置 --token (start the review service; docs/service.md)")
    serve.add_argument("--host", default="127.0.0.1", help="监听地址，默认 127.0.0.1；0.0.0.0 为办公网共享 (address to bind)")
    serve.add_argument("--port", type=int, default=8000, help="端口，默认 8000 (port)")
    serve.add_argument("--token", default=None, help="访问令牌：请求须带 X-Token 头或 ?token= (an access token)")
    serve.add_argument("--workers", type=_jobs, default=None, metavar="N", help="检查进程数，默认每核一个 (worker processes)")
    serve.add_argument("--max-bytes", type=int, default=None, help="每个文件的大小上限，默认 64 MiB (per file)")
    serve.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS",
                       help="每个文件的检查时限，默认 300 秒 (time per file)")


def _series_command(sub) -> None:
    series = sub.add_parser("series", help="同一机关逐年年报对比 / an organ's reports year on year",
                            description="把目录中的年报按机关组成逐年系列，列出关键数据与信号；读取结果与 check 共用缓存 "
                                        "(an organ's reports as a year-on-year view with signals; shares check's cache)")
    series.add_argument("paths", nargs="+", metavar="DIR", help="年报目录或文件 (folders or files)")
    series.add_argument("--format", "-f", dest="output_format", default="text",
                        choices=["text", "json", "csv", "markdown", "html"], help="输出格式，默认 text (output format)")
    series.add_argument("--output", "--output-file", "-o", dest="output_file", metavar="PATH",
                        help="把输出写入文件 (write the output to PATH)")
    series.add_argument("--profile", metavar="NAME|PATH",
                        help="按评估口径预览得分，如 example-assessment (score with an evaluation profile)")
    _rule_options(series, "SER-01,SER-03")
    _reading_options(series)
    _config_options(series.add_argument_group("配置 / configuration (docs/configuration.md)"))
    many = series.add_argument_group("多个文件 / many files (docs/workflows.md)")
    _parallel_options(many)
    many.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                      help="在 stderr 显示读取进度，默认在终端且超过 20 个文件时显示 (progress on stderr)")


def _rule_command(sub) -> None:
    rule = sub.add_parser("rule", help="解释一条规则 / explain one rule")
    rule.add_argument("code")
    rule.add_argument("--lang", default="zh", choices=["zh", "en"])
    rule.add_argument("--rules", action="append", default=[], metavar="DIR")
