"""The Starlette application: the page, ``/api/check``, ``/api/review``, ``/api/annotate``, ``/healthz``.

Checks run in a pool of worker processes (``work.py``) started and warmed once, so the
event loop only moves bytes: a slow PDF keeps one worker busy, not the page, and not the
other workers. Every refusal is JSON with a Chinese message and the right status; an
unexpected error is a JSON 500 in Chinese without a traceback (the traceback goes to
nobody: it may quote a document).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import os
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from dataclasses import dataclass

from .uploads import MAX_FILES, Limited, Refused, save

log = logging.getLogger("govinfo_lint.service")
FORM_OVERHEAD = 1024 * 1024  # multipart headers and the small fields, beyond the files' own bytes


@dataclass
class Config:
    token: str | None = None
    workers: int | None = None  # None: one per core
    max_bytes: int | None = None  # per file; None: the CLI's default (readers.DEFAULT_MAX_BYTES)
    timeout: float | None = None  # per file; None: the CLI's default (limits.DEFAULT_TIMEOUT)


def create_app(config: Config | None = None):
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.requests import ClientDisconnect, Request
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Route

    from ..limits import DEFAULT_TIMEOUT
    from ..readers import DEFAULT_MAX_BYTES, SUPPORTED
    from . import page, work

    config = config or Config()
    max_bytes = config.max_bytes or DEFAULT_MAX_BYTES
    timeout = config.timeout or DEFAULT_TIMEOUT
    state: dict = {"pool": None, "ready": False}

    @asynccontextmanager
    async def lifespan(_app):
        import multiprocessing

        def new_pool() -> ProcessPoolExecutor:
            # spawn: the server runs threads (the event loop's executor); forking it could copy a held lock.
            return ProcessPoolExecutor(config.workers or os.cpu_count() or 1, multiprocessing.get_context("spawn"),
                                       initializer=work.start)

        state["new_pool"] = new_pool
        pool = state["pool"] = new_pool()
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(pool, work.warm) for _ in range(pool._max_workers)))
        state["ready"] = True
        try:
            yield
        finally:
            state["ready"] = False
            pool = state["pool"]
            workers = list(getattr(pool, "_processes", {}).values())  # a check still running would hold the exit
            pool.shutdown(wait=False, cancel_futures=True)
            for process in workers:
                process.terminate()

    def refuse(status: int, message: str) -> JSONResponse:
        return JSONResponse({"error": message, "status": status}, status_code=status)

    def authorised(request: Request) -> bool:
        if not config.token:
            return True
        given = request.headers.get("x-token") or request.query_params.get("token") or ""
        bearer = request.headers.get("authorization", "")
        if bearer.lower().startswith("bearer "):
            given = given or bearer[7:].strip()
        return hmac.compare_digest(given.encode(), config.token.encode())

    async def run_check(request: Request, outputs: tuple[str, ...], docx_only: bool = False):
        if not authorised(request):
            return refuse(401, "需要访问令牌：请在请求头 X-Token 或 Authorization: Bearer 中提供，或在网址后加 ?token= "
                               "(an access token is required)")
        if not state["ready"]:
            return refuse(503, "服务正在启动，请稍后再试 (starting, try again shortly)")
        limit = max_bytes * (1 if docx_only else 2) + FORM_OVERHEAD
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            return refuse(413, f"上传的内容超过 {limit / 1024 / 1024:.0f} MiB 上限，未检查 (the upload is too large)")
        if not request.headers.get("content-type", "").startswith("multipart/form-data"):
            return refuse(422, "请以 multipart/form-data 表单上传文件（字段 file） (send a multipart form)")
        started = time.monotonic()
        receive = Limited(request.receive, limit)
        body = Request(request.scope, receive)
        upload = None
        try:
            try:
                async with body.form(max_files=MAX_FILES + 2, max_fields=20, max_part_size=64 * 1024) as form:
                    if not receive.finished(request.headers["content-type"]):
                        raise Refused(422, "上传不完整（表单没有结束标记，可能传输中断），未检查，请重新上传 "
                                           "(the upload was cut off; send it again)")
                    upload = await save(form, max_bytes, SUPPORTED, docx_only)
            except (Refused, ClientDisconnect):
                raise
            except HTTPException as exc:  # the parser's own refusals (malformed multipart, too many parts)
                raise Refused(422, f"上传的表单格式有误，无法读取：{exc.detail} (malformed multipart form)") from None
            except Exception as exc:
                raise Refused(422, f"上传的表单格式有误，无法读取 (malformed multipart form): {type(exc).__name__}") from None
            paths = [p for p, _n, _s in upload.reports]
            names = [n for _p, n, _s in upload.reports]
            lang = "en" if request.query_params.get("lang") == "en" else "zh"
            # A worker killed (out of memory, a crash in a C library) breaks the whole pool: every
            # check in it fails, and so would every later one. A new pool is started and the check
            # run once more there, so a request that merely shared the pool with the death, or came
            # after it, is served; a file that kills its worker again is a 500.
            for attempt in (1, 2):
                pool = state["pool"]
                try:
                    job = asyncio.get_running_loop().run_in_executor(
                        pool, work.check, paths, names, upload.previous[0] if upload.previous else None, lang,
                        outputs, upload.previous[1] if upload.previous else None)
                    # Each file is held to ``timeout`` inside the worker; this only guards a worker that hangs.
                    result = await asyncio.wait_for(job, timeout * (len(paths) + 1) + 30)
                    break
                except asyncio.TimeoutError:
                    return refuse(504, "检查超时，未完成 (the check took too long)")
                except BrokenProcessPool:
                    if state["pool"] is pool:  # not already replaced by another request that saw it break
                        log.error("a worker process died; starting new workers")
                        pool.shutdown(wait=False, cancel_futures=True)
                        state["pool"] = state["new_pool"]()
                    if attempt == 2:
                        return refuse(500, "检查进程意外退出，未完成检查；请重试，或把文件交给管理员用命令行检查 "
                                           "(a worker died)")
            log.info("%s %s %.2fs files=%d findings=%d", request.url.path,
                     " ".join(f"{n}({s}B)" for _p, n, s in upload.reports), time.monotonic() - started,
                     result["counts"]["files"], result["counts"]["findings"])
            result["names"] = names
            return result
        except ClientDisconnect:
            return Response(status_code=400)  # nobody is listening
        except Refused as exc:
            return refuse(exc.status, exc.message)
        finally:
            if upload is not None:
                upload.close()

    async def check(request: Request):
        result = await run_check(request, ("json",))
        return result if isinstance(result, Response) else JSONResponse(result["json"])

    async def review(request: Request):
        result = await run_check(request, ("json", "html", "markdown"))
        if isinstance(result, Response):
            return result
        return JSONResponse({k: result[k] for k in ("json", "html", "markdown")})

    async def annotate(request: Request):
        result = await run_check(request, ("docx",), docx_only=True)
        if isinstance(result, Response):
            return result
        if "docx_error" in result:
            return refuse(422, result["docx_error"])
        return Response(result["docx"], media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        headers={"Content-Disposition": "attachment; filename=annotated.docx; filename*=UTF-8''"
                                                        + _annotated_name(result["names"][0])})

    async def healthz(_request: Request):
        if not state["ready"]:
            return refuse(503, "服务正在启动 (starting)")
        return JSONResponse({"status": "ok", "workers": state["pool"]._max_workers})

    async def index(request: Request):
        if not authorised(request):
            return HTMLResponse(page.locked(), status_code=401, headers=page.headers())
        return HTMLResponse(page.index(max_bytes, MAX_FILES, SUPPORTED), headers=page.headers())

    async def http_error(_request, exc: HTTPException):
        messages = {404: "没有这个地址 (not found)", 405: "不支持此请求方法 (method not allowed)"}
        return refuse(exc.status_code, messages.get(exc.status_code, f"请求有误 (bad request): {exc.detail}"))

    async def server_error(_request, exc: Exception):
        log.error("internal error: %s", type(exc).__name__)  # the type only: a message may quote a document
        return refuse(500, "服务内部错误，未能完成检查；请把文件交给管理员用命令行检查 (internal error)")

    routes = [Route("/", index), Route("/healthz", healthz), Route("/api/check", check, methods=["POST"]),
              Route("/api/review", review, methods=["POST"]), Route("/api/annotate", annotate, methods=["POST"])]
    return Starlette(routes=routes, lifespan=lifespan,
                     exception_handlers={HTTPException: http_error, Exception: server_error})


def _annotated_name(name: str) -> str:
    """年报.docx -> 年报.审核.docx, quoted for ``filename*`` (RFC 6266)."""
    from urllib.parse import quote

    stem = name[:-5] if name.lower().endswith(".docx") else name
    return quote(f"{stem}.审核.docx")
