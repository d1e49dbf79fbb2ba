"""``govinfo-lint serve``: the review service for people who work in a browser (docs/service.md).

Needs the ``serve`` extra (Starlette, uvicorn, python-multipart); without it, ``serve``
says which pip command installs it.
"""

from __future__ import annotations

import sys

NEEDED = {"starlette": "starlette", "uvicorn": "uvicorn", "multipart": "python-multipart"}
INSTALL = 'pip install "govinfo-lint[serve]"'


def missing() -> list[str]:
    from importlib.util import find_spec

    return [package for module, package in NEEDED.items() if find_spec(module) is None]


def main(args) -> int:
    absent = missing()
    if absent:
        print(f"govinfo-lint: serve 需要安装可选组件（缺少 {', '.join(absent)}），请运行：{INSTALL}"
              f"（在源码目录中：pip install -e \".[serve]\"） (serve needs the serve extra: {INSTALL})",
              file=sys.stderr)
        return 2
    import logging

    import uvicorn

    from .app import Config, create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = create_app(Config(token=args.token, workers=args.workers or None, max_bytes=args.max_bytes,
                            timeout=args.timeout))
    where = f"http://{'localhost' if args.host in ('127.0.0.1', '::1') else args.host}:{args.port}/"
    if args.token:
        where += f"?token={args.token}"
    print(f"govinfo-lint: 审核服务已启动，请在浏览器中打开 {where} （Ctrl+C 停止） (serving on {where})",
          file=sys.stderr, flush=True)
    # No access log: a request line is all it would add, and the service logs its own (name, size, time, counts).
    uvicorn.run(app, host=args.host, port=args.port, access_log=False, log_level="warning",
                timeout_graceful_shutdown=5)
    return 0
