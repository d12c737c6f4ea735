"""End-to-end story of partitions and views in the real window, on a workspace imported from
relata-formats' `pg15_features.sql` with the CLI (`relata import … --from sql`): the diagram
draws `orders` once with its three partitions listed inside its box, a real click on a
partition row opens that partition (which names its parent and bound), the parent's form lists
its partitions, and a view is drawn dashed with its kind in the header while its form keeps
its name, columns and keys read-only (the registry's own fields stay editable).

Run with `scripts/e2e -k views_partitions`. The helpers and the tauri-driver fixture are
test_window's and test_diagram's.
"""

import os
import subprocess
import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_diagram import diagram_window, open_diagram
from test_window import ROOT, TARGET, click_at, driver_url, error_text, hit_point, screenshot  # noqa: F401

pytestmark = pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning")

FIXTURE = ROOT / "src-tauri/relata-formats/tests/data/sql/pg15_features.sql"


def imported(tmp_path):
    """`pg15_features.sql` imported as a registry folder by `relata import --from sql`."""
    path = tmp_path / "pg15-features"
    env = dict(os.environ, CARGO_TARGET_DIR=str(TARGET))
    subprocess.run(["cargo", "run", "-q", "--locked", "-p", "relata-cli", "--bin", "relata", "--", "import", str(FIXTURE), "--from", "sql",
                    "-o", str(path)], cwd=ROOT, env=env, check=True, capture_output=True)
    return path


def boxes(driver) -> list[str]:
    """`schema.table` of every table box drawn in the SVG."""
    return driver.execute_script("return [...document.querySelectorAll('#diagram g.table')].map(g => g.dataset.table)")


def inspector_table(driver) -> str | None:
    found = driver.find_elements(By.ID, "inspector")
    return found[0].get_attribute("data-table") if found else None


def type_keys(driver, text: str):
    """Types `text` with the real keyboard into whatever has focus."""
    ActionChains(driver).send_keys(text).perform()


def test_views_partitions_one_box_per_partitioned_table_and_read_only_views(driver_url, tmp_path):
    folder = imported(tmp_path)
    with diagram_window(driver_url, str(folder)) as driver:
        open_diagram(driver)
        drawn = boxes(driver)
        # One box for orders; none for its partitions (nor any other partition of the fixture).
        assert drawn.count("app.orders") == 1, drawn
        assert not [t for t in drawn if t.split(".")[1].startswith(("orders_", "invoices_", "payments_"))], drawn
        listed = driver.execute_script(
            "const g = document.querySelector('#diagram g.table[data-table=\"app.orders\"] g.partitions');"
            "return g ? [g.dataset.count, [...g.querySelectorAll('g.partition-row')].map(r => [r.dataset.partition,"
            "  r.querySelector('.partition-bound').textContent])] : null;")
        assert listed == ["3", [["app.orders_2025", "FROM ('2025-01-01') TO ('2026-01-01')"],
                                ["app.orders_2026", "FROM ('2026-01-01') TO ('2027-01-01')"], ["app.orders_other", "DEFAULT"]]], listed
        # The sub-partition is listed under its partition, indented.
        indents = driver.execute_script(
            "return Object.fromEntries([...document.querySelectorAll('#diagram g.partition-row')].map(r =>"
            "  [r.dataset.name, +r.querySelector('.partition-name').getAttribute('x')]));")
        assert indents["invoices_eu_2025"] > indents["invoices_eu"] == indents["invoices_us"], indents

        # A real click on a partition's row opens the partition, which names its parent and bound.
        selector = '#diagram g.partition-row[data-partition="app.orders_2026"]'
        click_at(driver, selector)
        WebDriverWait(driver, 10).until(lambda d: inspector_table(d) == "app.orders_2026")
        of = driver.find_element(By.ID, "partition-of").text
        assert "Partition of" in of and "app.orders" in of and "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')" in of, of
        assert driver.find_elements(By.CSS_SELECTOR, f"{selector}.selected"), "the open partition's row is outlined"
        screenshot(driver, "views-partitions/partition-open.png")
        # Its parent, from the form: the partitioned table lists its partitions, each clickable.
        driver.find_element(By.ID, "partition-parent").click()
        WebDriverWait(driver, 10).until(lambda d: inspector_table(d) == "app.orders")
        rows = [li.get_attribute("data-partition") for li in driver.find_elements(By.CSS_SELECTOR, "#partitions li.partition")]
        assert rows == ["app.orders_2025", "app.orders_2026", "app.orders_other"], rows
        assert "PARTITION BY RANGE (placed_on)" in driver.find_element(By.ID, "partition-key").text
        click_at(driver, '#partitions li.partition[data-partition="app.orders_other"] button')
        WebDriverWait(driver, 10).until(lambda d: inspector_table(d) == "app.orders_other")
        assert "DEFAULT" in driver.find_element(By.ID, "partition-of").text

        # A view: dashed, labelled, read-only in its form.
        view = '#diagram g.table[data-table="app.active_customers"]'
        style = driver.execute_script(
            "const g = document.querySelector(arguments[0]);"
            "return [g.dataset.kind, getComputedStyle(g.querySelector('rect.body')).strokeDasharray, g.querySelector('.kind-label')?.textContent];",
            view)
        assert style[0] == "view" and style[1] not in ("", "none") and style[2] == "view", style
        materialized = driver.execute_script(
            "return document.querySelector('#diagram g.table[data-table=\"audit.daily_totals\"] .kind-label')?.textContent")
        assert materialized == "materialized view"
        click_at(driver, f"{view} rect.body")
        WebDriverWait(driver, 10).until(lambda d: inspector_table(d) == "app.active_customers")
        assert driver.find_element(By.ID, "view-kind").text == "view"
        assert "Defined by its statement; change the view in the database and import again" in driver.find_element(By.ID, "read-only-note").text
        assert driver.find_element(By.ID, "view-statement").text.startswith("CREATE VIEW app.active_customers")
        for field in ["#table-name", "#table-schema", "#add-column", "#primary-key-add", ".column-name", ".column-type", ".column-nullable",
                      ".column-default", ".delete-column", "#add-index", "#add-check"]:
            elements = driver.find_elements(By.CSS_SELECTOR, f"#inspector {field}")
            assert elements and all(not e.is_enabled() for e in elements), f"{field} is editable on a view"
        name = driver.find_element(By.CSS_SELECTOR, '#inspector .column-name[aria-label="Name of column email"]')
        # A real click and typing on a disabled column name changes nothing.
        click_at(driver, '#inspector .column-name[aria-label="Name of column email"]')
        type_keys(driver, "x")
        assert name.get_attribute("value") == "email"
        # The registry's fields stay editable: a column's description, typed for real.
        description = '#inspector .column-description[aria-label="Description of column email"]'
        assert driver.find_element(By.CSS_SELECTOR, description).is_enabled()
        assert driver.find_element(By.ID, "table-status").is_enabled() and driver.find_element(By.ID, "table-purpose").is_enabled()
        assert all(e.is_enabled() for e in driver.find_elements(By.CSS_SELECTOR, "#inspector .column-role"))
        click_at(driver, description)
        type_keys(driver, "Where we write to them")
        WebDriverWait(driver, 10).until(
            lambda d: d.find_element(By.CSS_SELECTOR, description).get_attribute("value") == "Where we write to them")
        time.sleep(0.5)
        assert not driver.find_element(By.ID, "error").is_displayed(), error_text(driver)
        assert "dirty" in driver.find_element(By.ID, "save-button").get_attribute("class"), "the description edit was applied"
        screenshot(driver, "views-partitions/view-open.png")

        # The legend explains dashed views and partition lists.
        click_at(driver, "#diagram-legend summary")
        WebDriverWait(driver, 5).until(lambda d: d.find_element(By.ID, "legend-view").is_displayed())
        assert "view or materialized view" in driver.find_element(By.ID, "legend-view").text
        assert "partitions are listed" in driver.find_element(By.ID, "legend-partitions").text
        screenshot(driver, "views-partitions/legend.png")
