"""The HTML page in a real headless Chromium: no console errors, highlights, click to scroll, inert markup.

Needs Debian's ``chromium`` and ``chromium-driver`` (.ci/run installs them) and the
``selenium`` package; skips cleanly without them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from formatter_fixtures import CELL, FAR_CELL, ROW, golden_results
from govinfo_lint.formatters import render
from govinfo_lint.formatters.html_tables import Anchors

def _program(debian: str, name: str) -> str | None:
    return debian if Path(debian).exists() else shutil.which(name)


CHROMIUM = _program("/usr/bin/chromium", "chromium")
DRIVER = _program("/usr/bin/chromedriver", "chromedriver")


def start_chromium(tmp_path_factory, size: str, prefs: dict | None = None):
    """Headless Chromium for a page test (skips where it is missing or will not start); the
    review service's test adds download preferences."""
    if not CHROMIUM or not DRIVER:
        pytest.skip("chromium/chromedriver not installed")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.common.exceptions import WebDriverException

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                f"--window-size={size}", f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(arg)
    if prefs:
        options.add_experimental_option("prefs", prefs)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        return webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=DRIVER))
    except WebDriverException as exc:  # a broken install is an environment problem, not a page bug
        pytest.skip(f"chromium did not start: {exc.msg}")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = start_chromium(tmp_path_factory, "1000,700")
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def page(browser, tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render("html", golden_results()), encoding="utf-8")
    browser.get(path.as_uri())
    browser.get_log("browser")  # start the log afresh: only what the page itself says counts
    browser.refresh()
    return browser


def _id(pointer: str, n: int = 1) -> str:
    return Anchors(f"r{n}", {}).id(pointer)


def _in_viewport(driver, element) -> bool:
    return driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth;", element)


def test_no_console_errors_and_markup_is_inert(page):
    severe = [entry for entry in page.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    assert severe == []
    assert page.execute_script("return typeof window.__pwned") == "undefined"
    assert page.execute_script("return document.scripts.length") == 1
    assert "<script>window.__pwned=1</script>" in page.find_element("css selector", "section.report h2").text


def test_wrong_cells_and_rows_carry_the_highlight(page):
    from selenium.webdriver.common.by import By

    for n in (1, 2):
        classes = page.find_element(By.ID, _id(CELL, n)).get_attribute("class").split()
        assert "hit" in classes and "hit-error" in classes
    row = page.find_element(By.ID, _id(ROW))
    assert row.tag_name == "tr" and "hit-warning" in row.get_attribute("class").split()
    background = page.execute_script(
        "return getComputedStyle(arguments[0].querySelector('td')).backgroundColor", row)
    assert background not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
    plain = page.find_element(By.ID, _id("/tables/requests/granted/natural_person"))
    assert "hit" not in (plain.get_attribute("class") or "").split()


def test_clicking_a_finding_scrolls_its_cell_into_view(page):
    from selenium.webdriver.common.by import By

    page.execute_script("window.scrollTo(0, 0)")
    cell = page.find_element(By.ID, _id(FAR_CELL))
    assert not _in_viewport(page, cell)
    item = page.find_element(By.CSS_SELECTOR, f'li.finding[data-target="{_id(FAR_CELL)}"]')
    item.click()
    assert _in_viewport(page, cell)
    assert "flash" in cell.get_attribute("class").split()
    assert "selected" in item.get_attribute("class").split()


def test_keyboard_and_related_cells(page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    cell = page.find_element(By.ID, _id(CELL))
    assert not _in_viewport(page, cell)
    item = page.find_element(By.CSS_SELECTOR, f'#r1 li.finding[data-target="{_id(CELL)}"]')
    page.execute_script("arguments[0].focus()", item)
    item.send_keys(Keys.ENTER)
    assert _in_viewport(page, cell)
    related = page.find_element(By.ID, _id("/tables/requests/granted/natural_person"))
    assert "related" in related.get_attribute("class").split()
    assert [e for e in page.get_log("browser") if e["level"] == "SEVERE"] == []
