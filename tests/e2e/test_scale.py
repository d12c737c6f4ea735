"""The window at 10,000 tables, measured with real keys: the time from the app's start to a
workspace shown, and from each keystroke in the list's filter and in the command palette to the
frame that shows its result. Recorded in target/e2e/perf-10000.json; only sanity is asserted
(this is a measurement, not a timed test).

Run with `scripts/e2e -k ten_thousand`. The helpers and the tauri-driver fixture are test_window's.
"""

import json
import os
import pathlib
import subprocess
import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from test_window import ROOT, SCREENSHOTS, TARGET, click_at, driver_url, error_text, window  # noqa: F401

pytestmark = pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning")

# Notes the press of every key (capture, before the page handles it) and the moment after the
# next frame is rendered (a task queued from that frame's requestAnimationFrame runs once the
# frame's style, layout and paint are done): the keystroke's latency, whatever the key changed.
WATCH = """
    window.__latencies = [];
    if (!window.__watching) {
      window.__watching = true;
      document.addEventListener('keydown', () => {
        const pressed = performance.now();
        requestAnimationFrame(() => setTimeout(() => window.__latencies.push(+(performance.now() - pressed).toFixed(1)), 0));
      }, {capture: true});
    }
"""


def type_and_measure(driver, text: str) -> list[float]:
    """Types `text` one real key at a time into the focused field, each after the last one's
    result was drawn; returns each key's latency in ms."""
    driver.execute_script(WATCH)
    for n, key in enumerate(text, start=1):
        ActionChains(driver).send_keys(key).perform()
        WebDriverWait(driver, 120, poll_frequency=0.02).until(
            lambda d: d.execute_script("return window.__latencies.length") >= n)
    return driver.execute_script("return window.__latencies")


def summary(latencies: list[float]) -> dict:
    ordered = sorted(latencies)
    return {"median": ordered[len(ordered) // 2], "max": ordered[-1], "each": latencies}


def test_ten_thousand_tables_start_filter_and_palette_figures(driver_url, tmp_path):
    big = tmp_path / "big.relata"
    env = dict(os.environ, CARGO_TARGET_DIR=str(TARGET))
    subprocess.run(["cargo", "run", "-q", "--locked", "-p", "relata-cli", "--bin", "relata", "--", "generate", "10000", "-o", str(big)],
                   cwd=ROOT, env=env, check=True)
    figures: dict = {"tables": 10000, "load": pathlib.Path("/proc/loadavg").read_text().split()[:3]}
    out = SCREENSHOTS / "perf-10000.json"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with window(driver_url, str(big)) as driver:
        WebDriverWait(driver, 180).until(
            lambda d: d.execute_script("return document.body.dataset.state") in ("ready", "error"))
        assert driver.execute_script("return document.body.dataset.state") == "ready", error_text(driver)
        figures["app_start_to_ready_s"] = round(time.monotonic() - started, 3)
        # The list, whatever view an earlier session left remembered.
        click_at(driver, "#view-list")
        WebDriverWait(driver, 60).until(lambda d: not d.find_elements(By.ID, "diagram"))
        rows = driver.execute_script("return document.querySelectorAll('#groups .table-row[data-table]').length")
        figures["list_rows_in_dom"] = rows

        click_at(driver, "#filter")
        figures["filter_keystroke_ms"] = summary(type_and_measure(driver, "meter_004"))
        shown = driver.find_element(By.ID, "filter-count").text
        figures["filter_shows"] = shown
        assert shown.endswith("of 10,000 tables") or shown.endswith("of 10000 tables"), shown
        out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        driver.find_element(By.ID, "clear-filter").click()

        ActionChains(driver).key_down(Keys.CONTROL).send_keys("k").key_up(Keys.CONTROL).perform()
        WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".palette input"))
        figures["palette_keystroke_ms"] = summary(type_and_measure(driver, "reading_01"))
        assert driver.find_elements(By.CSS_SELECTOR, ".palette [role=option]"), "the palette found nothing"
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures))
