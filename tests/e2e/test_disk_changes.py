"""End-to-end tests of changes made on disk while a workspace is open, with real input only
(WebDriver Actions: the pointer and the keyboard). The files are changed by this script, as
`git pull` or a spreadsheet would change them:

- a workspace with no unsaved edits reloads the change by itself;
- with an unsaved edit in the window, a banner says the files changed, and Ctrl+S writes both
  the window's edit and the change on disk;
- when the same field was changed in both places, Ctrl+S writes nothing and the merge view shows
  both values; the file is written only once a version is chosen.

Run with `scripts/e2e -k disk`.
"""

import csv
import io
import shutil
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from test_window import (  # noqa: F401  (driver_url is a fixture)
    ROOT, chord, click_at, driver_url, error_text, replace_text, screenshot, wait_until_settled, window,
)

pytestmark = pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning")


def edit_csv(path, match: dict[str, str], field: str, value: str) -> None:
    """Sets `field` to `value` in the one row of the CSV file `path` matching `match`, as a
    script (or a pull) writes the file: the whole file rewritten."""
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames
        rows = list(reader)
    hits = [r for r in rows if all(r[k] == v for k, v in match.items())]
    assert len(hits) == 1, (match, len(hits))
    hits[0][field] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    with open(path, "w", newline="", encoding="utf-8") as f:
        f.write(out.getvalue())


def cell(path, match: dict[str, str], field: str) -> str:
    with open(path, newline="", encoding="utf-8") as f:
        return next(r for r in csv.DictReader(f) if all(r[k] == v for k, v in match.items()))[field]


def open_table(driver, wait, table: str) -> None:
    driver.find_element(By.CSS_SELECTOR, f'.table-row[data-table="{table}"] .table-name').click()
    wait.until(lambda d: d.find_element(By.ID, "inspector").get_attribute("data-table") == table)


def test_a_clean_workspace_reloads_a_change_made_on_disk(driver_url, tmp_path):
    folder = tmp_path / "metastore"
    shutil.copytree(ROOT / "registries" / "metastore", folder)
    with window(driver_url, str(folder)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 10)
        open_table(driver, wait, "public.tenants")
        time.sleep(0.5)
        changed_at = time.monotonic()
        edit_csv(folder / "table_overview.csv", {"table_name": "tenants"}, "purpose", "Pulled while the window was clean.")
        wait.until(lambda d: d.find_element(By.ID, "table-purpose").get_attribute("value") == "Pulled while the window was clean.")
        reloaded = time.monotonic() - changed_at
        print(f"reloaded {reloaded:.2f} s after the change on disk")
        assert driver.find_element(By.ID, "save-button").text == "Saved", "a reload leaves the workspace clean"
        assert driver.find_element(By.ID, "inspector").get_attribute("data-table") == "public.tenants", "the selection is kept"
        # One undo takes the reload back in the window (the disk keeps the change).
        chord(driver, "z")
        wait.until(lambda d: d.find_element(By.ID, "table-purpose").get_attribute("value") != "Pulled while the window was clean.")


def test_save_merges_a_pull_and_asks_when_both_changed_one_field(driver_url, tmp_path):
    folder = tmp_path / "metastore"
    shutil.copytree(ROOT / "registries" / "metastore", folder)
    signals, tables = folder / "signal_registry.csv", folder / "table_overview.csv"
    with window(driver_url, str(folder)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 10)

        # 1. Edit a column in the window.
        open_table(driver, wait, "public.users")
        field = driver.find_element(By.CSS_SELECTOR, '#inspector .column-row[data-column="name"] .column-type')
        replace_text(field, "varchar(400)")
        field.send_keys(Keys.TAB)
        wait.until(lambda d: "●" in d.find_element(By.ID, "save-button").text)

        # 2. A pull changes another column of the same table and another table's purpose.
        time.sleep(0.5)
        edit_csv(signals, {"table_name": "users", "column_name": "email"}, "semantic_description", "Pulled: the sign-in address.")
        edit_csv(tables, {"table_name": "tenants"}, "purpose", "Pulled: a customer organisation.")
        banner = wait.until(lambda d: d.find_element(By.ID, "disk-banner"))
        assert "Changed on disk" in banner.text, banner.text
        screenshot(driver, "disk-changed-banner.png")

        # 3. Ctrl+S writes both.
        chord(driver, "s")
        wait.until(lambda d: d.find_element(By.ID, "save-button").text == "Saved")
        assert cell(signals, {"table_name": "users", "column_name": "name"}, "data_type") == "varchar(400)"
        assert cell(signals, {"table_name": "users", "column_name": "email"}, "semantic_description") == "Pulled: the sign-in address."
        assert cell(tables, {"table_name": "tenants"}, "purpose") == "Pulled: a customer organisation."

        # 4. The same field changed here and there: nothing is written until a version is chosen.
        purpose = driver.find_element(By.ID, "table-purpose")
        replace_text(purpose, "Changed here.")
        purpose.send_keys(Keys.TAB)
        wait.until(lambda d: "●" in d.find_element(By.ID, "save-button").text)
        time.sleep(0.5)
        edit_csv(tables, {"table_name": "users"}, "purpose", "Changed on disk.")
        wait.until(lambda d: d.find_elements(By.ID, "disk-banner"))
        on_disk = tables.read_bytes()
        chord(driver, "s")
        merge = wait.until(lambda d: d.find_element(By.ID, "disk-merge"))
        # The view asks the shell for the conflicts when it opens: wait for them.
        row = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, '#disk-merge article[data-name="public.users"] tr[data-field="purpose"]'))
        assert "Changed here." in row.text and "Changed on disk." in row.text, row.text
        assert merge.find_element(By.ID, "disk-merge-apply").get_attribute("disabled") is not None, "no version chosen yet"
        screenshot(driver, "disk-merge-view.png")
        assert tables.read_bytes() == on_disk, "nothing is written while the choice is open"

        click_at(driver, 'article[data-name="public.users"] tr[data-field="purpose"] input[value="disk"]')
        wait.until(lambda d: d.find_element(By.ID, "disk-merge-apply").get_attribute("disabled") is None)
        click_at(driver, "#disk-merge-apply")
        wait.until(lambda d: not d.find_elements(By.ID, "disk-merge"))
        wait.until(lambda d: d.find_element(By.ID, "save-button").text == "Saved")
        assert cell(tables, {"table_name": "users"}, "purpose") == "Changed on disk."
        assert cell(signals, {"table_name": "users", "column_name": "name"}, "data_type") == "varchar(400)", "the earlier edit stays"
