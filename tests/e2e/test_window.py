"""End-to-end tests of the real Relata window: the debug app driven through tauri-driver and
WebKitWebDriver, under Xvfb.

Run them with `scripts/e2e` (or `scripts/test`), which builds the app, starts Xvfb and a
tauri-driver whose HOME and XDG dirs are a fresh temp dir, so the bundled example's first start
runs every time. Run directly (`xvfb-run -a .venv/bin/python -m pytest tests/e2e`), the tests
start their own tauri-driver the same way.
"""

import contextlib
import csv
import os
import pathlib
import shutil
import socket
import subprocess
import tempfile
import time

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support.ui import WebDriverWait

# Selenium 4.51 warns about its own use of a deprecated argument inside webdriver.Remote.
pytestmark = pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning")

ROOT = pathlib.Path(__file__).resolve().parents[2]
TARGET = ROOT / os.environ.get("CARGO_TARGET_DIR", "target")
APP = TARGET / "debug" / "relata-app"
SCREENSHOTS = TARGET / "e2e"
EXAMPLE = ROOT / "registries" / "zayaz-compute-methods"
SECOND = ROOT / "registries" / "system-data-model"
APP_IDENTIFIER = "app.relata.desktop"  # tauri.conf.json "identifier": names the app data dir


def registry_tables(folder: pathlib.Path) -> list[tuple[str, str]]:
    """(`schema.table`, module) for every row of the folder's table_overview.csv."""
    with open(folder / "table_overview.csv", newline="", encoding="utf-8") as f:
        return [(f"{row['schema_name']}.{row['table_name']}", row["module_name"]) for row in csv.DictReader(f)]


def registry_columns(folder: pathlib.Path, qualified: str) -> list[str]:
    """The column names of table `schema.table` in signal_registry.csv, in ordinal order."""
    with open(folder / "signal_registry.csv", newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f)
                if r["row_type"] == "binding" and f"{r['schema_name']}.{r['table_name']}" == qualified]
    return [r["column_name"] for r in sorted(rows, key=lambda r: int(r["ordinal_position"]))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.1)
    raise RuntimeError(f"tauri-driver did not listen on port {port} within {seconds} s")


@pytest.fixture(scope="session")
def driver_url():
    """The tauri-driver to talk to: the one scripts/e2e started, or one started here."""
    if "TAURI_DRIVER_URL" in os.environ:
        yield os.environ["TAURI_DRIVER_URL"]
        return
    driver = shutil.which("tauri-driver") or str(pathlib.Path.home() / ".cargo" / "bin" / "tauri-driver")
    port, native_port = free_port(), free_port()
    with tempfile.TemporaryDirectory(prefix="relata-e2e-") as home:
        env = dict(os.environ, HOME=home, XDG_DATA_HOME=f"{home}/data", XDG_CONFIG_HOME=f"{home}/config",
                   XDG_CACHE_HOME=f"{home}/cache", RELATA_E2E_DATA_HOME=f"{home}/data")
        os.environ["RELATA_E2E_DATA_HOME"] = env["RELATA_E2E_DATA_HOME"]
        process = subprocess.Popen([driver, "--port", str(port), "--native-port", str(native_port)], env=env)
        try:
            wait_for_port(port, 15)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=10)


@contextlib.contextmanager
def window(driver_url: str, *args: str):
    """A session on a fresh app process started as `relata-app ARGS`."""
    assert APP.is_file(), f"{APP} is missing: run `cargo build -p relata-app` first"
    options = ArgOptions()
    options.set_capability("browserName", "wry")
    options.set_capability("tauri:options", {"application": str(APP), "args": list(args)})
    driver = webdriver.Remote(command_executor=driver_url, options=options)
    try:
        yield driver
    finally:
        driver.quit()


def wait_until_settled(driver) -> str:
    """Waits until the window has shown a workspace or an error; returns `ready` or `error`."""
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return document.body.dataset.state") in ("ready", "error")
    )
    return driver.execute_script("return document.body.dataset.state")


def error_text(driver) -> str:
    return driver.find_element(By.ID, "error").text


def screenshot(driver, name: str) -> pathlib.Path:
    # A screenshot taken right after the DOM changed can show the previous frame (notes, §5).
    time.sleep(1)
    path = SCREENSHOTS / name
    path.parent.mkdir(parents=True, exist_ok=True)
    assert driver.save_screenshot(str(path)), f"could not save {path}"
    return path


def chord(driver, *keys: str) -> None:
    """Ctrl plus `keys` (modifiers first, the key last), e.g. `chord(d, Keys.SHIFT, "z")`."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    actions = ActionChains(driver).key_down(Keys.CONTROL)
    for k in keys[:-1]:
        actions = actions.key_down(k)
    actions = actions.send_keys(keys[-1])
    for k in reversed(keys[:-1]):
        actions = actions.key_up(k)
    actions.key_up(Keys.CONTROL).perform()


def hit_point(driver, selector: str) -> tuple[int, int] | None:
    """A point (viewport CSS px) where the pointer would land on the element `selector` or
    inside it: its centre when nothing covers it there, else the first point of a grid over
    its on-screen part that hits it; None when no part of it can be hit."""
    return driver.execute_script(
        "const el = document.querySelector(arguments[0]);"
        "if (!el) return null;"
        "const r = el.getBoundingClientRect();"
        "const x0 = Math.max(r.left, 0), x1 = Math.min(r.right, innerWidth), y0 = Math.max(r.top, 0), y1 = Math.min(r.bottom, innerHeight);"
        "if (x1 - x0 < 2 || y1 - y0 < 2) return null;"
        "const hits = (x, y) => { const at = document.elementFromPoint(x, y); return at !== null && (at === el || el.contains(at)); };"
        "const fractions = [0.5, 0.3, 0.7, 0.15, 0.85, 0.05, 0.95];"
        # A line: points along it, as its box is mostly empty.
        "if (el instanceof SVGPathElement && el.getTotalLength() > 0) {"
        "  const m = el.getScreenCTM(), length = el.getTotalLength();"
        "  for (const f of fractions) {"
        "    const p = el.getPointAtLength(length * f).matrixTransform(m);"
        "    const x = Math.round(p.x), y = Math.round(p.y);"
        "    if (x >= 0 && y >= 0 && x < innerWidth && y < innerHeight && hits(x, y)) return [x, y];"
        "  }"
        "}"
        "for (const fy of fractions) for (const fx of fractions) {"
        "  const x = Math.round(x0 + (x1 - x0) * fx), y = Math.round(y0 + (y1 - y0) * fy);"
        "  if (hits(x, y)) return [x, y];"
        "}"
        "return null;", selector)


def click_at(driver, selector: str) -> tuple[int, int]:
    """Clicks the element `selector` with the real pointer (WebDriver Actions: move, press,
    release, as a mouse does), where `hit_point` finds it uncovered; returns that point."""
    from selenium.webdriver.common.action_chains import ActionChains
    point = hit_point(driver, selector)
    assert point is not None, f"{selector} is not on screen, or covered"
    actions = ActionChains(driver)
    actions.w3c_actions.pointer_action.move_to_location(*point)
    actions.w3c_actions.pointer_action.click()
    actions.perform()
    return point


def wheel_at(driver, x: float, y: float, clicks: int, *, up: bool, ctrl: bool = False, delay_ms: int = 16) -> None:
    """Turns the real mouse wheel (xdotool on the X display the window is on) over the page
    point (`x`, `y`): `clicks` notches up or down, with Control held for a zoom. WebDriver's
    own wheel actions do not reach WebKitGTK's page, and no test fires DOM events itself."""
    import subprocess
    import time
    rect = driver.get_window_rect()
    sx, sy = int(rect["x"] + x), int(rect["y"] + y)
    subprocess.run(["xdotool", "mousemove", str(sx), str(sy)], check=True)
    if ctrl:
        # GTK reads the modifier from the server: let the key press land before the wheel.
        subprocess.run(["xdotool", "keydown", "Control_L", "sleep", "0.2"], check=True)
    try:
        subprocess.run(["xdotool", "click", "--repeat", str(clicks), "--delay", str(delay_ms), "4" if up else "5"], check=True)
    finally:
        if ctrl:
            subprocess.run(["xdotool", "sleep", "0.1", "keyup", "Control_L"], check=True)
    time.sleep(0.05)


def replace_text(element, text: str) -> None:
    """Selects all of a field's text and types `text` over it."""
    from selenium.webdriver.common.keys import Keys
    element.click()
    element.send_keys(Keys.CONTROL, "a")
    element.send_keys(text)


def listed_modules(driver) -> dict[str, str]:
    """`schema.table` → the data-module of the group each listed table sits in."""
    placement = {}
    for group in driver.find_elements(By.CSS_SELECTOR, "#groups .group[data-module]"):
        module = group.get_attribute("data-module")
        for name in group.find_elements(By.CSS_SELECTOR, ".table-name"):
            assert name.text not in placement, f"{name.text} is listed twice"
            placement[name.text] = module
    return placement


def test_no_test_fires_dom_events_itself():
    """Every input in these tests comes the way a person's does: WebDriver Actions (pointer,
    keys) or the X server's own mouse (xdotool). A script that fires events, or clicks an
    element for the page, would pass where a real hand fails: none does. (This test reads the
    files; it needs no window.)"""
    import re
    synthetic = re.compile(r"dispatchEvent|new\s+(Pointer|Mouse|Wheel|Keyboard|Touch|Input|Drag|Focus|Clipboard)Event\b|\.click\(\)\s*[\"';]")
    found = []
    for path in sorted(pathlib.Path(__file__).parent.glob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if synthetic.search(line) and "synthetic = re.compile" not in line:
                found.append(f"{path.name}:{n}: {line.strip()}")
    assert not found, "synthetic input in the e2e tests:\n" + "\n".join(found)


def test_bundled_example_lists_every_table_under_its_module(driver_url):
    expected = registry_tables(EXAMPLE)
    assert expected, f"{EXAMPLE}/table_overview.csv has no tables"

    with window(driver_url) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)

        names = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".table-name")]
        assert sorted(names) == sorted(name for name, _ in expected)
        assert listed_modules(driver) == dict(expected)

        status = driver.find_element(By.ID, "status-bar")
        assert status.get_attribute("data-tables") == str(len(expected))
        assert f"{len(expected)} tables" in status.text
        assert driver.find_element(By.ID, "workspace-path").text.endswith("example.relata")
        screenshot(driver, "window.png")

    # The default app runs on the embedded SQLite workspace written at first start.
    data_home = os.environ.get("RELATA_E2E_DATA_HOME")
    if data_home:
        assert (pathlib.Path(data_home) / APP_IDENTIFIER / "example.relata").is_file()


def test_workspace_folder_on_the_command_line_is_opened(driver_url):
    expected = registry_tables(SECOND)
    assert expected, f"{SECOND}/table_overview.csv has no tables"

    with window(driver_url, str(SECOND)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)

        assert len(driver.find_elements(By.CSS_SELECTOR, ".table-name")) == len(expected)
        assert driver.find_element(By.ID, "status-bar").get_attribute("data-tables") == str(len(expected))
        assert driver.find_element(By.ID, "workspace-path").text == str(SECOND)
        assert listed_modules(driver) == dict(expected)
        screenshot(driver, "window-system-data-model.png")

        # A schema facet leaves exactly that schema's tables on screen.
        from selenium.webdriver.support.ui import Select
        Select(driver.find_element(By.ID, "facet-schema")).select_by_value("auth_service")
        visible = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".table-name") if e.is_displayed()]
        assert sorted(visible) == sorted(name for name, _ in expected if name.startswith("auth_service."))
        screenshot(driver, "window-facet.png")


def test_missing_workspace_shows_an_error_in_the_window(driver_url):
    """An open failure at startup is reported in the window; the app must not panic."""
    missing = ROOT / "registries" / "no-such-workspace"
    with window(driver_url, str(missing)) as driver:
        assert wait_until_settled(driver) == "error"

        panel = driver.find_element(By.ID, "error")
        assert panel.get_attribute("data-code") == "NotFound"
        assert str(missing) in panel.text
        assert driver.find_elements(By.CSS_SELECTOR, ".table-name") == []
        screenshot(driver, "window-error.png")


def test_inspector_and_findings_panel_follow_clicks_and_keys(driver_url):
    """Clicking a table opens its columns; Ctrl+Shift+M lists the findings; a relationship's
    finding opens its form, Escape its table; Escape closes the inspector."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    with window(driver_url, str(SECOND)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 10)

        target = "workflow_orchestrator_service.workflow_instances"
        driver.find_element(By.CSS_SELECTOR, f'.table-row[data-table="{target}"] .table-name').click()
        inspector = wait.until(lambda d: d.find_element(By.ID, "inspector"))
        wait.until(lambda d: d.find_element(By.ID, "inspector").get_attribute("data-table") == target)
        columns = [r.get_attribute("data-column") for r in inspector.find_elements(By.CSS_SELECTOR, ".column-row")]
        assert columns == registry_columns(SECOND, target)
        assert inspector.find_elements(By.CSS_SELECTOR, ".relationship"), "the table takes part in relationships"

        ActionChains(driver).key_down(Keys.CONTROL).key_down(Keys.SHIFT).send_keys("m") \
            .key_up(Keys.SHIFT).key_up(Keys.CONTROL).perform()
        panel = wait.until(lambda d: d.find_element(By.ID, "rules-panel"))
        status = driver.find_element(By.ID, "status-bar")
        errors = panel.find_elements(By.CSS_SELECTOR, ".rule-finding.finding-error")
        warnings = panel.find_elements(By.CSS_SELECTOR, ".rule-finding.finding-warning")
        assert len(errors) == int(status.get_attribute("data-errors")) > 0
        assert len(warnings) == int(status.get_attribute("data-warnings")) > 0
        codes = {f.get_attribute("data-code") for f in panel.find_elements(By.CSS_SELECTOR, ".rule-finding")}
        assert {"R303", "R304"} <= codes, codes

        # A relationship's finding opens that relationship's form, the finding under its field.
        finding = panel.find_element(By.CSS_SELECTOR, '.rule-finding[data-code="R303"] .finding-button')
        finding.click()
        form = wait.until(lambda d: d.find_element(By.ID, "relationship-form"))
        assert form.find_elements(By.CSS_SELECTOR, '.field-focus .field-finding[data-code="R303"]')
        # Escape goes back to its child table, whose inspector lists the finding too.
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()
        opened = wait.until(lambda d: d.find_element(By.ID, "inspector"))
        assert opened.get_attribute("data-table") != target
        assert "R303" in {f.get_attribute("data-code") for f in opened.find_elements(By.CSS_SELECTOR, ".finding")}
        screenshot(driver, "window-inspector-findings.png")

        # Another preset: the findings are those `relata check --preset conventional` reports.
        from selenium.webdriver.support.ui import Select
        Select(driver.find_element(By.ID, "rule-preset")).select_by_value("conventional")
        codes_now = lambda d: {f.get_attribute("data-code") for f in d.find_elements(By.CSS_SELECTOR, "#rules-panel .rule-finding")}  # noqa: E731
        from selenium.common.exceptions import StaleElementReferenceException
        WebDriverWait(driver, 10, ignored_exceptions=(StaleElementReferenceException,)).until(
            lambda d: codes_now(d) == {"R303", "R304", "R401", "R405"})

        ActionChains(driver).send_keys(Keys.ESCAPE).perform()
        wait.until(lambda d: not d.find_elements(By.ID, "inspector"))


def test_command_palette_jumps_to_a_column(driver_url):
    """Ctrl+K, part of a column's qualified name, Enter: the inspector opens on its table with
    the column marked."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    table = "observability_service.observability_traces"
    column = registry_columns(SECOND, table)[-1]
    with window(driver_url, str(SECOND)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 10)
        ActionChains(driver).key_down(Keys.CONTROL).send_keys("k").key_up(Keys.CONTROL).perform()
        field = wait.until(lambda d: d.find_element(By.ID, "palette-input"))
        field.send_keys(f"traces.{column}")
        first = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#palette-results .palette-item.active"))
        assert first.get_attribute("data-label") == f"{table}.{column}"
        assert first.get_attribute("data-kind") == "column"
        screenshot(driver, "window-palette.png")
        field.send_keys(Keys.ENTER)

        wait.until(lambda d: not d.find_elements(By.ID, "palette"))
        wait.until(lambda d: d.find_element(By.ID, "inspector").get_attribute("data-table") == table)
        marked = driver.find_elements(By.CSS_SELECTOR, "#inspector .column-row.highlight")
        assert [m.get_attribute("data-column") for m in marked] == [column]


def test_forms_edit_undo_and_save_the_workspace(driver_url, tmp_path):
    """Type in the table form and the column grid, add and rename a column, undo with Ctrl+Z,
    save with Ctrl+S: the registry folder on disk holds exactly the kept edits."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    folder = tmp_path / "metastore"
    shutil.copytree(ROOT / "registries" / "metastore", folder)
    table = "public.users"
    columns_before = registry_columns(folder, table)

    with window(driver_url, str(folder)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 10)
        driver.find_element(By.CSS_SELECTOR, f'.table-row[data-table="{table}"] .table-name').click()
        wait.until(lambda d: d.find_element(By.ID, "inspector").get_attribute("data-table") == table)

        replace_text(driver.find_element(By.ID, "table-purpose"), "Edited in the window.")
        wait.until(lambda d: "●" in d.find_element(By.ID, "save-button").text)

        driver.find_element(By.ID, "add-column").click()
        row = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, '#inspector .column-row[data-column="new_column"]'))
        name = row.find_element(By.CSS_SELECTOR, ".column-name")
        replace_text(name, "nickname")
        name.send_keys(Keys.TAB)
        row = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, '#inspector .column-row[data-column="nickname"]'))

        # Typing a type is one undo step however many keys it took.
        type_field = row.find_element(By.CSS_SELECTOR, ".column-type")
        replace_text(type_field, "varchar(40)")
        wait.until(lambda d: "varchar(40)" in (d.find_element(By.ID, "undo-button").get_attribute("title") or "")
                   or d.find_element(By.ID, "undo-button").is_enabled())
        time.sleep(0.5)
        chord(driver, "z")
        wait.until(lambda d: d.find_element(
            By.CSS_SELECTOR, '#inspector .column-row[data-column="nickname"] .column-type').get_attribute("value") == "text")
        screenshot(driver, "window-editing.png")

        chord(driver, "s")
        wait.until(lambda d: d.find_element(By.ID, "save-button").text == "Saved")

    assert registry_columns(folder, table) == columns_before + ["nickname"]
    with open(folder / "signal_registry.csv", newline="", encoding="utf-8") as f:
        nickname = next(r for r in csv.DictReader(f) if r["table_name"] == "users" and r["column_name"] == "nickname")
    assert nickname["data_type"] == "text", "the undone type change is not saved"
    assert "Edited in the window." in (folder / "table_overview.csv").read_text(encoding="utf-8")


def test_a_relationship_finding_opens_the_relationship_its_id_names(driver_url, tmp_path):
    """Issue 15: findings point at entries by id. A column retyped in the spreadsheet
    (`audits.user_id` becomes varchar, its parent `users.id` stays uuid) breaks one of the two
    foreign keys of `audits`; a real click on its R303 in the rules panel opens the form of that
    relationship, named by its relationship_id, not the other one of the same child table."""
    from selenium.webdriver.common.keys import Keys

    folder = tmp_path / "metastore"
    shutil.copytree(ROOT / "registries" / "metastore", folder)
    with open(folder / "signal_registry.csv", newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields, signals = reader.fieldnames, list(reader)
    retyped = [s for s in signals if (s["table_name"], s["column_name"]) == ("audits", "user_id")]
    assert len(retyped) == 1 and retyped[0]["data_type"] == "uuid"
    retyped[0]["data_type"] = "varchar(64)"
    with open(folder / "signal_registry.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(signals)
    with open(folder / "relationship_registry.csv", newline="", encoding="utf-8") as f:
        of_audits = {r["relationship_key"]: r["relationship_id"] for r in csv.DictReader(f) if r["child_table"] == "audits"}
    assert len(of_audits) == 2, of_audits
    broken = of_audits["audits__user_id__users"]

    with window(driver_url, str(folder)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 10)
        chord(driver, Keys.SHIFT, "m")
        panel = wait.until(lambda d: d.find_element(By.ID, "rules-panel"))
        findings = panel.find_elements(By.CSS_SELECTOR, ".rules-list > li")
        r303 = [i for i, f in enumerate(findings) if f.get_attribute("data-code") == "R303"]
        assert len(r303) == 1, [f.text for f in findings]
        assert "audits__user_id__users" in findings[r303[0]].find_element(By.CSS_SELECTOR, ".finding-where").get_attribute("textContent")
        click_at(driver, f"#rules-panel .rules-list > li:nth-child({r303[0] + 1}) .finding-button")
        form = wait.until(lambda d: d.find_element(By.ID, "relationship-form"))
        assert form.get_attribute("data-id") == broken
        assert form.get_attribute("data-key") == "audits__user_id__users"
        assert form.find_elements(By.CSS_SELECTOR, '.field-finding[data-code="R303"]'), "the finding shows in the form"
        screenshot(driver, "window-finding-opens-relationship.png")
        # The form opened over its child table's inspector: Escape goes back to it.
        from selenium.webdriver.common.action_chains import ActionChains
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()
        wait.until(lambda d: d.find_element(By.ID, "inspector").get_attribute("data-table") == "public.audits")


def test_relationship_form_edits_every_group_and_shows_findings_inline(driver_url, tmp_path):
    """The relationship form: a select, a checkbox and the ordered child columns; a broken
    edit (one child column too many) shows its finding in the form, Ctrl+Z takes it back, and
    the saved relationship_registry.csv holds the kept edits."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    folder = tmp_path / "metastore"
    shutil.copytree(ROOT / "registries" / "metastore", folder)
    with open(folder / "relationship_registry.csv", newline="", encoding="utf-8") as f:
        rel = next(r for r in csv.DictReader(f) if r["child_table"] == "users")
    key = rel["relationship_key"]
    assert rel["on_delete"] != "cascade" and rel["deferrable"] == "false"

    with window(driver_url, str(folder)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 10)
        driver.find_element(By.CSS_SELECTOR, '.table-row[data-table="public.users"] .table-name').click()
        wait.until(lambda d: d.find_element(By.ID, "inspector").get_attribute("data-table") == "public.users")
        driver.find_element(By.CSS_SELECTOR, f'.relationship[data-key="{key}"] .edit-relationship').click()
        form = wait.until(lambda d: d.find_element(By.ID, "relationship-form"))
        assert form.get_attribute("data-key") == key
        chips = [c.get_attribute("data-column") for c in form.find_elements(By.CSS_SELECTOR, "#rel-child-columns .chip")]
        assert chips == rel["child_columns"].strip("{}").split(",")

        Select(driver.find_element(By.ID, "rel-on_delete")).select_by_value("cascade")
        wait.until(lambda d: d.find_element(By.ID, "undo-button").is_enabled())
        driver.find_element(By.ID, "rel-deferrable").click()
        wait.until(lambda d: "●" in d.find_element(By.ID, "save-button").text)

        # One child column too many: the rules say so in the form; Ctrl+Z takes it back.
        Select(driver.find_element(By.CSS_SELECTOR, "#rel-child-columns .chip-add")).select_by_value("email")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#relationship-form .field-finding[data-code="R311"]'))
        screenshot(driver, "window-relationship-form.png")
        ActionChains(driver).key_down(Keys.CONTROL).send_keys("z").key_up(Keys.CONTROL).perform()
        wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, '#relationship-form .field-finding[data-code="R311"]'))

        ActionChains(driver).key_down(Keys.CONTROL).send_keys("s").key_up(Keys.CONTROL).perform()
        wait.until(lambda d: d.find_element(By.ID, "save-button").text == "Saved")

    with open(folder / "relationship_registry.csv", newline="", encoding="utf-8") as f:
        saved = next(r for r in csv.DictReader(f) if r["relationship_key"] == key)
    assert (saved["on_delete"], saved["deferrable"], saved["child_columns"]) == ("cascade", "true", rel["child_columns"])


def test_export_dialog_previews_every_format_and_scopes_by_module(driver_url):
    """Ctrl+E opens the export dialog; the preview is the real export (DBML TableGroups,
    Mermaid's erDiagram), and choosing a module scopes it."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    tables = registry_tables(SECOND)
    module = tables[0][1]
    in_module = [name for name, m in tables if m == module]
    with window(driver_url, str(SECOND)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 10)
        ActionChains(driver).key_down(Keys.CONTROL).send_keys("e").key_up(Keys.CONTROL).perform()
        dialog = wait.until(lambda d: d.find_element(By.ID, "export-dialog"))
        preview = lambda: driver.find_element(By.ID, "export-preview").get_attribute("value")  # noqa: E731
        wait.until(lambda d: "TableGroup" in preview())
        assert sum(1 for line in preview().splitlines() if line.startswith("Table ")) == len(tables)

        dialog.find_element(By.CSS_SELECTOR, 'input[data-format="mermaid"]').click()
        wait.until(lambda d: preview().startswith("erDiagram"))
        dialog.find_element(By.XPATH, f'//label[normalize-space()="{module}"]/input').click()
        wait.until(lambda d: sum(1 for line in preview().splitlines() if line.rstrip().endswith("{")) == len(in_module))
        screenshot(driver, "window-export.png")

        # The pictures: the diagram of the chosen module, previewed as the drawing itself
        # (loaded and laid out by WebKit: a real image, not just markup).
        dialog.find_element(By.CSS_SELECTOR, 'input[data-format="svg"]').click()
        picture = wait.until(lambda d: d.find_element(By.ID, "export-picture"))
        wait.until(lambda d: d.execute_script("const i = arguments[0]; return i.complete && i.naturalWidth > 100", picture))
        svg = driver.execute_script("return decodeURIComponent(arguments[0].src.split(',')[1])", picture)
        assert svg.startswith("<svg"), svg[:80]
        assert all(f">{name.split('.')[-1]}<" in svg for name in in_module), (in_module, svg[:400])
        outside = [name.split(".")[-1] for name, m in tables if m != module]
        assert outside and f">{outside[0]}<" not in svg, "scoped to the module"
        dialog.find_element(By.CSS_SELECTOR, 'input[data-format="png"]').click()
        wait.until(lambda d: d.find_element(By.ID, "export-copy").get_attribute("disabled") is not None)
        assert "2×" in driver.find_element(By.ID, "export-size").text
        screenshot(driver, "window-export-picture.png")
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()
        wait.until(lambda d: not d.find_elements(By.ID, "export-dialog"))


def test_unsaved_changes_are_offered_back_after_the_app_dies(driver_url, tmp_path):
    """Edits not saved when the app process ends are written to a recovery file after a quiet
    moment; opening the workspace again offers them back, and restoring shows them, unsaved."""
    from selenium.webdriver.common.keys import Keys

    folder = tmp_path / "metastore"
    shutil.copytree(ROOT / "registries" / "metastore", folder)
    text = "Typed, never saved."
    with window(driver_url, str(folder)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 10)
        driver.find_element(By.CSS_SELECTOR, '.table-row[data-table="public.users"] .table-name').click()
        purpose = wait.until(lambda d: d.find_element(By.ID, "table-purpose"))
        purpose.click()
        purpose.send_keys(Keys.CONTROL, "a")
        purpose.send_keys(text)
        wait.until(lambda d: "●" in d.find_element(By.ID, "save-button").text)
        time.sleep(3)  # the recovery file is written once edits have rested 1.5 s
    assert text not in (folder / "table_overview.csv").read_text(encoding="utf-8")

    with window(driver_url, str(folder)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 10)
        wait.until(lambda d: d.find_element(By.ID, "recovery-banner"))
        screenshot(driver, "window-recovery.png")
        driver.find_element(By.ID, "recovery-restore").click()
        wait.until(lambda d: "●" in d.find_element(By.ID, "save-button").text)
        driver.find_element(By.CSS_SELECTOR, '.table-row[data-table="public.users"] .table-name').click()
        wait.until(lambda d: d.find_element(By.ID, "table-purpose").get_attribute("value") == text)
        driver.find_element(By.ID, "save-button").click()
        wait.until(lambda d: d.find_element(By.ID, "save-button").text == "Saved")
    assert text in (folder / "table_overview.csv").read_text(encoding="utf-8")


def test_diagram_view_draws_every_table_and_opens_one_on_click(driver_url):
    """The Diagram view opens legible, draws every table (relata-layout's SVG) when fitted with
    0, zooms with +; clicking a table's box opens it in the inspector."""
    expected = registry_tables(SECOND)
    with window(driver_url, str(SECOND)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 15)
        driver.find_element(By.ID, "view-diagram").click()
        viewport = wait.until(lambda d: d.find_element(By.ID, "diagram"))
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#diagram g.table"))
        # It opens at a legible zoom, 75 % or more (the whole of it may not be on screen then).
        assert float(viewport.get_attribute("data-scale")) >= 0.75
        viewport.send_keys("0")
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#diagram g.table")) == len(expected))
        assert len(expected) == int(viewport.get_attribute("data-tables"))
        screenshot(driver, "window-diagram.png")

        fitted = float(viewport.get_attribute("data-scale"))
        viewport.send_keys("+")
        wait.until(lambda d: float(d.find_element(By.ID, "diagram").get_attribute("data-scale")) > fitted)
        viewport.send_keys("0")
        wait.until(lambda d: float(d.find_element(By.ID, "diagram").get_attribute("data-scale")) == fitted)

        # The box with data-index i is table i; click its name with the real pointer.
        index = 0
        click_at(driver, '#diagram g.table[data-index="0"] text.name')
        inspector = wait.until(lambda d: d.find_element(By.ID, "inspector"))
        shown = inspector.get_attribute("data-table")
        assert shown in {name for name, _ in expected}, shown
        assert driver.find_elements(By.CSS_SELECTOR, f'#diagram g.table.selected[data-index="{index}"]')
        driver.find_element(By.ID, "view-list").click()
