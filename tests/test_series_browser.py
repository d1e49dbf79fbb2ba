"""The series HTML page in a real headless Chromium: the inline SVG charts render, one per
charted figure; every signal's links reach an anchor on the page or a file on disk; the page
runs no script and fetches nothing. Skips cleanly without chromium, chromedriver or selenium."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from test_html_browser import _in_viewport, start_chromium
from test_series import _planted

from govinfo_lint.cli import main
from govinfo_lint.series.html import CHARTED


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = start_chromium(tmp_path_factory, "1200,800")
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def series_page(browser, tmp_path_factory):
    folder = _planted(tmp_path_factory.mktemp("series"))
    page = tmp_path_factory.mktemp("out") / "series.html"
    data = tmp_path_factory.mktemp("out") / "series.json"
    assert main(["series", str(folder), "--no-cache", "-f", "html", "-o", str(page)]) == 0
    assert main(["series", str(folder), "--no-cache", "-f", "json", "-o", str(data)]) == 0
    browser.get(page.as_uri())
    browser.get_log("browser")  # only what the page says from now on counts
    browser.refresh()
    return browser, json.loads(data.read_text(encoding="utf-8"))


def test_charts_render_one_per_figure(series_page):
    from selenium.webdriver.common.by import By

    driver, data = series_page
    expected = sum(1 for entry in data["series"] for pointer in CHARTED
                   if any(pointer in y["figures"] for y in entry["years"]))
    charts = driver.find_elements(By.CSS_SELECTOR, "div.chart svg")
    assert expected > 0 and len(charts) == expected
    for chart in charts:
        box = chart.rect
        assert box["width"] > 100 and box["height"] > 50
        # Drawn: a point per year with the figure, and a line where two years follow.
        assert chart.find_elements(By.TAG_NAME, "circle")
        dots = driver.execute_script("return Array.from(arguments[0].querySelectorAll('circle'))"
                                     ".map(c => c.getBoundingClientRect().width)", chart)
        assert all(w > 0 for w in dots)
    flagged = driver.find_elements(By.CSS_SELECTOR, "circle.flag")
    assert flagged  # the planted jump is marked on its chart


def test_signal_links_reach_their_cell_and_file(series_page):
    from selenium.webdriver.common.by import By

    driver, data = series_page
    signals = driver.find_elements(By.CSS_SELECTOR, "li[id*='-signal']")
    assert len(signals) == sum(len(e["signals"]) for e in data["series"]) > 0
    for signal in signals:
        for link in signal.find_elements(By.CSS_SELECTOR, "a.file"):
            href = link.get_attribute("href")
            assert href.startswith("file://") and Path(unquote(urlparse(href).path)).is_file(), href
    cells = driver.find_elements(By.CSS_SELECTOR, "li a.cell")
    assert cells  # the jump's signal links to its figure's cell
    for link in cells:
        target = link.get_attribute("href").split("#", 1)[1]
        assert driver.execute_script("return document.getElementById(arguments[0]) !== null", target), target
    link = cells[0]
    target = link.get_attribute("href").split("#", 1)[1]
    driver.execute_script("window.scrollTo(0, 0)")
    link.click()
    cell = driver.find_element(By.ID, target)
    assert _in_viewport(driver, cell)
    assert driver.execute_script("return document.querySelector(':target') === arguments[0]", cell)


def test_nothing_fetched_no_script(series_page):
    driver, _data = series_page
    driver.refresh()
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert driver.execute_script("return document.scripts.length") == 0
    severe = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert severe == []
