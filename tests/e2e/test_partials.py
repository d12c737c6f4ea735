"""End-to-end test of DBML partials in the table form, with real input only (WebDriver Actions:
the pointer and the keyboard): a column a `TablePartial` brings is marked with the partial and
how many tables use it; changing its type edits the partial in every such table, as one undo
step; "Override here" makes one table define the column itself; the saved workspace's DBML
export says so.

Run with `scripts/e2e -k partials`. The helpers and the tauri-driver fixture are test_window's;
the workspace is imported from a DBML fixture by the `relata` CLI (built by `cargo build`).
"""

import subprocess

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from test_window import (  # noqa: F401  (driver_url is a fixture)
    ROOT, TARGET, chord, driver_url, error_text, replace_text, wait_until_settled, window,
)

pytestmark = pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning")

CLI = TARGET / "debug" / "relata"
SHOP = ROOT / "src-tauri" / "relata-formats" / "tests" / "data" / "dbml" / "edits" / "shop.dbml"


def open_table(driver, wait, table: str) -> None:
    driver.find_element(By.CSS_SELECTOR, f'.table-row[data-table="{table}"] .table-name').click()
    wait.until(lambda d: d.find_element(By.ID, "inspector").get_attribute("data-table") == table)


def column_type(driver, column: str) -> str:
    return driver.find_element(By.CSS_SELECTOR, f'#inspector .column-row[data-column="{column}"] .column-type').get_attribute("value")


def partial_notes(driver) -> list[str]:
    return [n.text for n in driver.find_elements(By.CSS_SELECTOR, "#inspector .partial-note")]


def test_a_partial_column_is_edited_in_every_table_using_it_or_overridden_here(driver_url, tmp_path):
    folder = tmp_path / "shop"
    subprocess.run([str(CLI), "import", str(SHOP), "-o", str(folder)], check=True, capture_output=True)

    with window(driver_url, str(folder)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 10)
        open_table(driver, wait, "public.customers")
        notes = partial_notes(driver)
        assert len(notes) == 2, notes
        assert all("from partial ~timestamps (used by 2 tables)" in n for n in notes), notes
        assert all("changes the 2 tables that use ~timestamps" in n for n in notes), notes

        # A new type, committed with Tab: both tables using the partial change, in one step.
        field = driver.find_element(By.CSS_SELECTOR, '#inspector .column-row[data-column="updated_at"] .column-type')
        replace_text(field, "timestamp")
        field.send_keys(Keys.TAB)
        wait.until(lambda d: "~timestamps" in (d.find_element(By.ID, "undo-button").get_attribute("title") or ""))
        open_table(driver, wait, "public.orders")
        wait.until(lambda d: column_type(d, "updated_at") == "timestamp")
        assert len(driver.find_elements(By.CSS_SELECTOR, "#inspector .partial-note")) == 2, "orders still takes updated_at from the partial"

        chord(driver, "z")
        wait.until(lambda d: column_type(d, "updated_at") == "timestamptz")

        # Override here: orders defines updated_at itself; created_at stays the partial's.
        driver.find_element(By.CSS_SELECTOR, '#inspector button[aria-label="Override updated_at here"]').click()
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#inspector .partial-note")) == 1)
        assert "Override created_at here" in driver.find_element(By.CSS_SELECTOR, "#inspector .partial-override").get_attribute("aria-label")

        chord(driver, "s")
        wait.until(lambda d: d.find_element(By.ID, "save-button").text == "Saved")

    exported = subprocess.run([str(CLI), "export", str(folder), "--to", "dbml"], check=True, capture_output=True, text=True).stdout
    assert exported.count("~timestamps") == 2, exported
    orders = exported[exported.index("Table public.orders"):]
    orders = orders[:orders.index("\n}\n")]
    assert "  updated_at timestamptz" in orders, orders
    assert "TablePartial timestamps" in exported and "updated_at timestamptz\n" in exported, exported
