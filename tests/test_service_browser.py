"""The review page in a real headless Chromium against a real ``govinfo-lint serve``: upload a
DOCX with known defects, see its wrong cells marked, click a finding to its cell, download
the annotated DOCX. Needs Debian's chromium and chromium-driver, selenium and the serve extra."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytest.importorskip("multipart")

from service_support import Server, defective_docx  # noqa: E402
from test_html_browser import _in_viewport, start_chromium  # noqa: E402

from govinfo_lint.formatters.html_tables import Anchors  # noqa: E402

WRONG = "/tables/requests/granted/total"  # 34 where the row sums to 33
FAR = "/tables/requests/handled_total/total"  # 148 where the column sums to 149


@pytest.fixture(scope="module")
def server():
    running = Server(workers=1)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    downloads = tmp_path_factory.mktemp("downloads")
    driver = start_chromium(tmp_path_factory, "1366,800", {"download.default_directory": str(downloads),
                                                          "download.prompt_for_download": False})
    driver.downloads = downloads
    yield driver
    driver.quit()


def _wait(predicate, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_upload_review_click_and_download(server, browser, tmp_path):
    import docx
    from selenium.webdriver.common.by import By

    report = defective_docx(tmp_path / "年报.docx")
    browser.get(server.url + "/")
    browser.get_log("browser")
    assert "把年报文件拖到这里" in browser.find_element(By.ID, "drop").text
    browser.find_element(By.ID, "file").send_keys(str(report))
    assert "年报.docx" in browser.find_element(By.ID, "chosen").text
    browser.find_element(By.ID, "go").click()
    _wait(lambda: browser.find_element(By.ID, "result").is_displayed())
    assert browser.find_element(By.ID, "status").text.startswith("检查完成")
    assert browser.find_element(By.ID, "annotate").is_displayed()

    browser.switch_to.frame(browser.find_element(By.ID, "frame"))
    ids = Anchors("r1", {})
    for pointer in (WRONG, FAR):
        classes = browser.find_element(By.ID, ids.id(pointer)).get_attribute("class").split()
        assert "hit" in classes and "hit-error" in classes, pointer
    plain = browser.find_element(By.ID, ids.id("/tables/requests/granted/natural_person"))
    assert "hit" not in (plain.get_attribute("class") or "").split()
    browser.execute_script("window.scrollTo(0, 0)")
    cell = browser.find_element(By.ID, ids.id(FAR))
    assert not _in_viewport(browser, cell)
    item = browser.find_element(By.CSS_SELECTOR, f'li.finding[data-target="{ids.id(FAR)}"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", item)
    item.click()
    _wait(lambda: _in_viewport(browser, cell), 5)
    assert "flash" in cell.get_attribute("class").split()
    browser.switch_to.default_content()

    shot = os.environ.get("GOVINFO_LINT_SCREENSHOT")
    if shot:  # docs/service.png is made this way: GOVINFO_LINT_SCREENSHOT=docs/service.png pytest this file
        browser.execute_script("window.scrollTo(0, 0)")
        browser.save_screenshot(shot)
    browser.find_element(By.ID, "annotate").click()
    saved = _wait(lambda: [p for p in Path(browser.downloads).glob("*.docx")])
    _wait(lambda: not list(Path(browser.downloads).glob("*.crdownload")), 10)
    assert saved[0].name == "年报.审核.docx"
    texts = [c.text for c in docx.Document(str(saved[0])).comments]
    assert any(t.startswith("错误 SUM-03：") and "填报 34，按勾稽关系应为 33" in t for t in texts)
    assert any(t.startswith("错误 SUM-02：") for t in texts)
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
