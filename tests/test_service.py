"""``govinfo-lint serve``: the same JSON as the CLI, the annotated DOCX, and refusals that are
never a 500. Skips cleanly without the ``serve`` extra."""

from __future__ import annotations

import json
import os
import socket
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytest.importorskip("multipart")
pytest.importorskip("httpx")

from service_support import Server, cli_json, normalised, rss_kib, samples  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from govinfo_lint.service.app import Config, create_app  # noqa: E402

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return samples(tmp_path_factory.mktemp("uploads"))


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(Config(workers=2)), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def small():
    """Limits small enough to pass in a test: 200 kB a file."""
    with TestClient(create_app(Config(workers=1, max_bytes=200_000)), raise_server_exceptions=False) as c:
        yield c


def upload(path: Path, name: str | None = None, field: str = "file"):
    return (field, (name or path.name, path.read_bytes(), "application/octet-stream"))


def test_healthz_and_page(client):
    answer = client.get("/healthz")
    assert answer.status_code == 200 and answer.json()["status"] == "ok"
    page = client.get("/")
    assert page.status_code == 200 and "把年报文件拖到这里" in page.text
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    assert "http://" not in page.text and "https://" not in page.text  # nothing from elsewhere


@pytest.mark.parametrize("kind", ["docx", "html", "pdf", "yaml", "zip-bomb.docx", "alias-bomb.yaml"])
def test_check_answers_what_the_cli_answers(client, files, kind):
    answer = client.post("/api/check", files=[upload(files[kind])])
    assert answer.status_code == 200, answer.text
    data = answer.json()
    assert data["files"][0]["path"] == files[kind].name
    assert normalised(data) == normalised(cli_json(files[kind]))


def test_zip_bomb_is_a_finding_not_an_error(client, files):
    data = client.post("/api/check", files=[upload(files["zip-bomb.docx"])]).json()
    assert [f["code"] for f in data["files"][0]["findings"]][:1] == ["RDR-01"] or any(
        "压缩炸弹" in f["message"] for f in data["files"][0]["findings"])


def test_several_files_and_the_previous_report(client, files, tmp_path):
    answer = client.post("/api/check", files=[upload(files["docx"]), upload(files["yaml"]),
                                               upload(files["yaml"], "上年.yaml", field="previous")])
    assert answer.status_code == 200, answer.text
    previous = tmp_path / "上年.yaml"
    previous.write_bytes(files["yaml"].read_bytes())
    expected = json.loads(json.dumps(cli_json(files["docx"], files["yaml"], previous=previous), ensure_ascii=False)
                          .replace(str(previous), "上年.yaml"))
    assert "上年.yaml" in json.dumps(expected, ensure_ascii=False)  # XYR-10 names it: as uploaded, not where it was kept
    assert normalised(answer.json()) == normalised(expected)


def test_review_gives_the_page_the_json_and_the_memo(client, files):
    data = client.post("/api/review", files=[upload(files["docx"])]).json()
    assert normalised(data["json"]) == normalised(cli_json(files["docx"]))
    assert 'data-target="' in data["html"] and "sev-error" in data["html"]
    assert "SUM-03" in data["markdown"]


def test_annotate_returns_the_commented_copy(client, files, tmp_path):
    import docx

    answer = client.post("/api/annotate", files=[upload(files["docx"])])
    assert answer.status_code == 200 and answer.headers["content-type"] == DOCX_TYPE
    assert "filename*=UTF-8''%E5%B9%B4%E6%8A%A5.%E5%AE%A1%E6%A0%B8.docx" in answer.headers["content-disposition"]
    out = tmp_path / "a.docx"
    out.write_bytes(answer.content)
    texts = [c.text for c in docx.Document(str(out)).comments]
    assert any(t.startswith("错误 SUM-03：") and "填报 34，按勾稽关系应为 33" in t for t in texts)
    findings = cli_json(files["docx"])["files"][0]["findings"]
    assert len(texts) == len(findings)
    refused = client.post("/api/annotate", files=[upload(files["yaml"])])
    assert refused.status_code == 422 and ".docx" in refused.json()["error"]


def test_a_name_with_a_path_writes_nothing_outside_the_private_folder(client, files, tmp_path, monkeypatch):
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    answer = client.post("/api/check", files=[upload(files["docx"], "../../x.docx"),
                                               upload(files["yaml"], "..\\..\\evil/../y.yaml")])
    assert answer.status_code == 200, answer.text
    assert [f["path"] for f in answer.json()["files"]] == ["x.docx", "y.yaml"]
    assert list(root.iterdir()) == [], "the private folder outlived the request"
    assert not any(p.name in ("x.docx", "y.yaml") for p in tmp_path.rglob("*"))
    assert not (tmp_path.parent / "x.docx").exists()


def test_limits_are_refused_clearly(small, files):
    big = ("file", ("big.docx", b"PK" + os.urandom(300_000), DOCX_TYPE))
    answer = small.post("/api/check", files=[big])
    assert answer.status_code == 413 and answer.json()["error"].startswith("big.docx：文件超过")
    huge = small.post("/api/check", content=b"x" * 2_000_000,
                      headers={"content-type": "multipart/form-data; boundary=zz"})
    assert huge.status_code == 413 and "上限" in huge.json()["error"]
    many = small.post("/api/check", files=[upload(files["yaml"], f"r{i}.yaml") for i in range(21)])
    assert many.status_code == 422 and "最多" in many.json()["error"]


@pytest.mark.parametrize("body, ctype, words", [
    (b"--zz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.docx\"\r\n\r\nPK\x03\x04abc",
     "multipart/form-data; boundary=zz", "上传不完整"),  # cut off midway: no closing boundary
    (b"this is not multipart at all", "multipart/form-data; boundary=zz", None),
    (b"\x00\xff" * 100, "multipart/form-data", "格式有误"),  # no boundary
    (b"{}", "application/json", "multipart"),
    (b"--zz\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--zz--\r\n",
     "multipart/form-data; boundary=zz", "没有收到文件"),
])
def test_malformed_uploads_are_422_in_chinese(client, body, ctype, words):
    answer = client.post("/api/check", content=body, headers={"content-type": ctype})
    assert answer.status_code == 422, answer.text
    message = answer.json()["error"]
    assert words is None or words in message
    assert "Traceback" not in answer.text


def test_unknown_type_and_missing_routes(client, files, tmp_path):
    odd = tmp_path / "a.exe"
    odd.write_bytes(b"MZ")
    answer = client.post("/api/check", files=[upload(odd)])
    assert answer.status_code == 422 and "不支持的文件类型" in answer.json()["error"]
    assert client.get("/nowhere").json()["error"].startswith("没有这个地址")
    assert client.get("/api/check").status_code == 405


def test_token_is_required_when_set(files):
    with TestClient(create_app(Config(workers=1, token="s3cret")), raise_server_exceptions=False) as c:
        assert c.get("/healthz").status_code == 200
        assert c.get("/").status_code == 401
        assert c.post("/api/check", files=[upload(files["yaml"])]).status_code == 401
        assert c.post("/api/check", files=[upload(files["yaml"])], headers={"x-token": "wrong"}).status_code == 401
        assert c.post("/api/check", files=[upload(files["yaml"])], headers={"x-token": "s3cret"}).status_code == 200
        assert c.post("/api/check?token=s3cret", files=[upload(files["yaml"])]).status_code == 200
        assert c.post("/api/check", files=[upload(files["yaml"])],
                      headers={"authorization": "Bearer s3cret"}).status_code == 200
        assert c.get("/?token=s3cret").status_code == 200


def test_serve_without_the_extra_says_how_to_install(monkeypatch, capsys):
    from govinfo_lint import service
    from govinfo_lint.cli import main

    monkeypatch.setattr(service, "missing", lambda: ["uvicorn"])
    assert main(["serve"]) == 2
    assert 'pip install "govinfo-lint[serve]"' in capsys.readouterr().err


# --- a real server --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server():
    running = Server(workers=2)
    yield running
    log = running.stop()
    assert "Traceback" not in log, log


def _raw(server, head: bytes, body: bytes = b"", close_early: bool = False) -> bytes:
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as s:
        s.sendall(head + body)
        if close_early:
            return b""
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
        return answer


def test_real_server_refuses_200_mb_at_once_and_survives_a_cut_off_upload(server, files):
    import httpx

    head = (b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            b"Content-Type: multipart/form-data; boundary=zz\r\nContent-Length: %d\r\n\r\n" % (200 * 1024 * 1024))
    started = time.monotonic()
    answer = _raw(server, head, b"--zz\r\n")
    assert answer.startswith(b"HTTP/1.1 413") and "上限".encode() in answer and time.monotonic() - started < 10
    cut = (b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=zz\r\n"
           b"Content-Length: 100000\r\n\r\n")
    _raw(server, cut, b"--zz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.docx\"\r\n\r\nPK", True)
    ok = httpx.post(server.url + "/api/check", files=[upload(files["docx"])], timeout=60)
    assert ok.status_code == 200 and normalised(ok.json()) == normalised(cli_json(files["docx"]))


def test_a_worker_killed_is_a_500_in_chinese_and_the_next_request_is_served(server, files):
    import signal

    import httpx

    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
    if not children.exists():
        pytest.skip("needs Linux /proc")
    workers = [int(c) for c in children.read_text().split()]
    workers = [w for w in workers if "spawn_main" in Path(f"/proc/{w}/cmdline").read_bytes().decode(errors="replace")]
    assert workers
    killed = 0
    for pid in workers:
        try:
            os.kill(pid, signal.SIGKILL)
            killed += 1
        except ProcessLookupError:  # a worker that ended by itself meanwhile
            pass
    assert killed
    time.sleep(0.5)
    # The death was no request's: the first one after it is served by new workers.
    first = httpx.post(server.url + "/api/check", files=[upload(files["yaml"])], timeout=60)
    assert first.status_code == 200 and normalised(first.json()) == normalised(cli_json(files["yaml"]))
    again = httpx.post(server.url + "/api/check", files=[upload(files["docx"])], timeout=60)
    assert again.status_code == 200 and normalised(again.json()) == normalised(cli_json(files["docx"]))


def test_load_on_loopback(server, files):
    """40 uploads from 4 clients, mixed forms and hostile files: no 5xx, every answer the CLI's."""
    import httpx

    kinds = ["docx", "html", "yaml", "pdf", "zip-bomb.docx", "truncated.docx", "junk.pdf", "alias-bomb.yaml"]
    expected = {k: normalised(cli_json(files[k])) for k in kinds}
    before = rss_kib(server.process.pid)

    def one(i: int):
        kind = kinds[i % len(kinds)]
        answer = httpx.post(server.url + "/api/check", files=[upload(files[kind])], timeout=120)
        return kind, answer.status_code, answer.json()

    started = time.monotonic()
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(one, range(40)))
    assert time.monotonic() - started < 120
    for kind, status, data in answers:
        assert status == 200, (kind, status, data)
        assert normalised(data) == expected[kind], kind
    after = rss_kib(server.process.pid)
    print(json.dumps({"rss_before_kib": before, "rss_after_kib": after}))
    assert after < before * 2 + 200_000  # no upload kept: memory does not grow with the count
