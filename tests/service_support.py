"""What the service tests and benchmarks/service_bench.py share: sample uploads, the CLI's
JSON for the same file, and a real ``govinfo-lint serve`` on a free loopback port."""

from __future__ import annotations

import copy
import io
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def defective_docx(path: Path) -> Path:
    """A 2021-format DOCX with 表三（一）予以公开 总计 34 where the row sums to 33."""
    from docx_factory import PINGTAN_2025, make_report_docx

    data = copy.deepcopy(PINGTAN_2025)
    data["tables"]["requests"]["granted"]["total"] = 34
    return make_report_docx(path, agency=data["agency"], year=data["year"], tables=data["tables"])


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def samples(folder: Path) -> dict[str, Path]:
    """Files of every form, and a few hostile ones, written into ``folder``."""
    from pdf_factory import report_pdf

    folder.mkdir(parents=True, exist_ok=True)
    out = {"docx": defective_docx(folder / "年报.docx")}
    out["html"] = folder / "site_page.html"
    out["html"].write_bytes((HERE / "fixtures" / "html" / "site_page.html").read_bytes())
    out["pdf"] = folder / "report.pdf"
    out["pdf"].write_bytes(report_pdf())
    out["yaml"] = folder / "clean-2021.yaml"
    out["yaml"].write_bytes((ROOT / "examples" / "clean-2021.yaml").read_bytes())
    hostile = {
        "zip-bomb.docx": _zip({"word/document.xml": b"<" + b" " * (3 * 1024 * 1024) + b"/>"}),
        "junk.pdf": b"%PDF-1.7\n" + b"\x00garbage" * 500,
        "truncated.docx": out["docx"].read_bytes()[:5000],
        "alias-bomb.yaml": ("a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                            + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)},"
                                      f" *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9))).encode(),
    }
    for name, data in hostile.items():
        path = folder / name
        path.write_bytes(data)
        out[name] = path
    return out


def normalised(data: dict) -> dict:
    """The JSON without what differs between two runs on the same content: the path it was given as."""
    data = copy.deepcopy(data)
    for entry in data.get("files", []):
        entry.pop("path", None)
    return data


def cli_json(*paths: Path, previous: Path | None = None) -> dict:
    """``govinfo-lint check --format json`` in a fresh process, with the service's settings."""
    argv = [sys.executable, "-m", "govinfo_lint", "check", "--isolated", "--no-cache", "-f", "json", *map(str, paths)]
    if previous is not None:
        argv += ["--previous", str(previous)]
    done = subprocess.run(argv, capture_output=True, timeout=300, cwd=paths[0].parent)
    assert done.returncode in (0, 1), done.stderr.decode(errors="replace")
    return json.loads(done.stdout)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid: int) -> int:
    """Resident memory of a process and its children (the workers), in KiB (Linux)."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


class Server:
    """``govinfo-lint serve`` on a free loopback port, in its own process, until ``stop``."""

    def __init__(self, *args: str, workers: int = 2) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        import tempfile

        # A file, not a pipe: a pipe would fill with the log, and stay open in any orphaned worker.
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "govinfo_lint", "serve", "--port", str(self.port), "--workers", str(workers), *args],
            stdout=self.log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.output())
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the service did not answer /healthz within 60 s")

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        return self.output()

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")
