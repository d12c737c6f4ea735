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
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from test_diagram import diagram_window, open_diagram
from test_window import ROOT, TARGET, click_at, driver_url, error_text, hit_point, screenshot  # noqa: F401

pytestmark = pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning")

FIXTURE = ROOT / "src-tauri/relata-formats/tests/data/sql/pg15_features.sql"


def imported(tmp_path):
    """`pg15_features.sql` imported as a registry folder by `relata import --from sql`."""
    path = tmp_path / "pg15-features"
    env = dict(os.environ, CARGO_TARGET_DIR=str(TARGET))
    done = subprocess.run(["cargo", "run", "-q", "--locked", "-p", "relata-cli", "--bin", "relata", "--", "import", str(FIXTURE), "--from", "sql",
                           "-o", str(path)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
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


def test_views_partitions_on_the_canvas_overview(driver_url, tmp_path):
    """Zoomed out, a large diagram is painted on a canvas: views keep their dashed border there
    and a partitioned table its partition band. A generated 200-table workspace with
    `pg15_features.sql` merged in (`relata import --into … --apply`), fitted with the real key."""
    path = tmp_path / "big.relata"
    env = dict(os.environ, CARGO_TARGET_DIR=str(TARGET))
    relata = ["cargo", "run", "-q", "--locked", "-p", "relata-cli", "--bin", "relata", "--"]
    for args in (["generate", "200", "-o", str(path)], ["import", str(FIXTURE), "--from", "sql", "--into", str(path), "--apply"]):
        done = subprocess.run(relata + args, cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    with diagram_window(driver_url, str(path)) as driver:
        viewport = open_diagram(driver, fit=False)
        # Every rectangle the canvas strokes, with whether a line dash was set, and every one it fills.
        driver.execute_script(
            "window.__stroked = []; window.__filled = [];"
            "const stroke = CanvasRenderingContext2D.prototype.strokeRect, fill = CanvasRenderingContext2D.prototype.fillRect;"
            "CanvasRenderingContext2D.prototype.strokeRect = function (x, y, w, h) {"
            "  window.__stroked.push([x, y, w, h, this.getLineDash().length > 0]); return stroke.call(this, x, y, w, h); };"
            "CanvasRenderingContext2D.prototype.fillRect = function (x, y, w, h) {"
            "  window.__filled.push([x, y, w, h]); return fill.call(this, x, y, w, h); };")
        viewport.send_keys("0")
        WebDriverWait(driver, 30).until(lambda d: viewport.get_attribute("data-renderer") == "canvas")
        time.sleep(1.5)
        driver.set_script_timeout(60)
        d = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "window.__TAURI_INTERNALS__.invoke('diagram', {modules: [], only: null, fresh: false}).then(done, (e) => done({error: e}));")
        assert "error" not in d, d
        rect = {f"{t['schema']}.{t['table']}": t["rect"] for t in d["tables"]}
        assert "app.orders_2025" not in rect and "app.orders" in rect
        stroked = {(round(x), round(y)): dashed for x, y, _, _, dashed in driver.execute_script("return window.__stroked")}
        at = lambda name: (round(rect[name]["x"]), round(rect[name]["y"]))  # noqa: E731
        assert stroked.get(at("app.active_customers")) is True, "the view's border is dashed on the canvas"
        assert stroked.get(at("audit.daily_totals")) is True, "the materialized view's border is dashed on the canvas"
        assert stroked.get(at("app.orders")) is False, "a table's border is solid"
        orders = next(t for t in d["tables"] if t["schema"] == "app" and t["table"] == "orders")
        m = d["metrics"]
        top = orders["rect"]["y"] + m["header_height"] + len(orders["columns"]) * m["row_height"]
        bands = [f for f in driver.execute_script("return window.__filled")
                 if abs(f[0] - orders["rect"]["x"]) < 0.5 and abs(f[1] - top) < 0.5]
        assert bands and abs(bands[0][3] - 4 * m["row_height"]) < 0.5, "the partition band under orders' columns: a title and 3 rows"
        screenshot(driver, "views-partitions/canvas.png")
        # Closer, still on the canvas (below the zoom where rows are drawn): the app group in the
        # middle of the screen, with the keys (+ zooms about the middle, arrows pan).
        frame = next(g["frame"] for g in d["groups"] if g["name"] == "app")

        def centre_on_app():
            offset = driver.execute_script(
                "const v = document.getElementById('diagram'), r = v.getBoundingClientRect();"
                "const [x, y] = v.dataset.view.split(' ').map(Number), k = +v.dataset.scale, f = arguments[0], b = arguments[1];"
                "return [x + (f.x + f.width / 2 - (b.x - 32)) * k - r.width / 2, y + (f.y + f.height / 2 - (b.y - 32)) * k - r.height / 2];",
                frame, d["bounds"])
            steps = [Keys.ARROW_RIGHT if offset[0] > 0 else Keys.ARROW_LEFT] * int(abs(offset[0]) // 60)
            steps += [Keys.ARROW_DOWN if offset[1] > 0 else Keys.ARROW_UP] * int(abs(offset[1]) // 60)
            if steps:
                viewport.send_keys(*steps)

        while float(viewport.get_attribute("data-scale")) < 0.4:
            centre_on_app()
            viewport.send_keys("+")
        centre_on_app()
        time.sleep(0.5)
        assert viewport.get_attribute("data-renderer") == "canvas"
        screenshot(driver, "views-partitions/canvas-app.png")
