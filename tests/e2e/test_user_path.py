"""The user's path through the real window, as one story: open the bundled ZAYAZ registry, add
a fact table with three columns and a composite relationship through the forms, see it in the
diagram, see a house rule complain and stop complaining, undo and redo the lot, export DBML,
save, quit, reopen.

Along the way it photographs the main views in the light and the dark theme. The pictures go to
target/e2e/docs; with RELATA_UPDATE_SCREENSHOTS=1 they are also copied to docs/screenshots (the
README shows those), so an ordinary run never dirties the tree.
"""

import csv
import os
import re
import shutil

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_window import (  # noqa: F401  (driver_url is a fixture)
    EXAMPLE, ROOT, SCREENSHOTS, chord, driver_url, error_text, registry_columns, replace_text, screenshot,
    wait_until_settled, window,
)

MODULE = "Compute Method Registry"
PARENT = "core_metadata.ref_compute_method_registry"
TABLE = "fact_example_runs"
# seed 000: "fact_* belongs in core_data or core_engine" (relata-rules R102,
# prefix_schema_mismatch). core_metadata is ref_'s schema, so a fact_ table there is flagged.
WRONG_SCHEMA, RIGHT_SCHEMA = "core_metadata", "core_engine"
COLUMNS = [("run_id", "uuid"), ("method_id", "varchar"), ("version", "varchar")]
DOCS = ROOT / "docs" / "screenshots"


def photograph(driver, name: str, show=None, hide=None) -> None:
    """`name`-light.png and `name`-dark.png of the window, through the header's theme control.
    A modal view (the export dialog) covers that control: `show` opens it after the theme is
    set and `hide` closes it again."""
    theme = Select(driver.find_element(By.ID, "theme-select"))
    before = theme.first_selected_option.get_attribute("value")
    for mode in ("light", "dark"):
        Select(driver.find_element(By.ID, "theme-select")).select_by_value(mode)
        WebDriverWait(driver, 5).until(
            lambda d: d.execute_script("return document.documentElement.dataset.theme") == mode)
        if show:
            show()
        path = screenshot(driver, f"docs/{name}-{mode}.png")
        if hide:
            hide()
        if os.environ.get("RELATA_UPDATE_SCREENSHOTS") == "1":
            DOCS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, DOCS / path.name)
    Select(driver.find_element(By.ID, "theme-select")).select_by_value(before)


def inspector_table(driver) -> str | None:
    found = driver.find_elements(By.ID, "inspector")
    return found[0].get_attribute("data-table") if found else None


def codes(driver, css: str) -> set[str]:
    try:
        return {e.get_attribute("data-code") for e in driver.find_elements(By.CSS_SELECTOR, css)}
    except StaleElementReferenceException:
        return set()


def undo_steps(driver) -> int:
    """Presses Ctrl+Z until nothing is left to undo; returns how many steps that took."""
    steps = 0
    while driver.find_element(By.ID, "undo-button").is_enabled():
        before = driver.find_element(By.ID, "undo-button").get_attribute("title")
        chord(driver, "z")
        steps += 1
        WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "undo-button").get_attribute("title") != before)
        assert steps < 100, "undo never ends"
    return steps


def redo_steps(driver) -> int:
    steps = 0
    while driver.find_element(By.ID, "redo-button").is_enabled():
        before = driver.find_element(By.ID, "redo-button").get_attribute("title")
        chord(driver, Keys.SHIFT, "z")
        steps += 1
        WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "redo-button").get_attribute("title") != before)
        assert steps < 100, "redo never ends"
    return steps


# Reads the drawing the Diagram view shows: table boxes, group frames, row centres (a row's
# text baseline sits 4 units under its centre, relata-layout's svg.rs), the ends of every line
# and the joined-row marks.
GEOMETRY = r"""
const svg = document.querySelector('#diagram svg');
const num = (e, a) => parseFloat(e.getAttribute(a));
const tables = {};
for (const g of svg.querySelectorAll('g.tables > g.table')) {
  const rect = g.querySelector('rect.body');
  const rows = {};
  // A row's text sits on its baseline, 4 units below the row's middle.
  for (const t of g.querySelectorAll('g.row text.col')) rows[t.textContent] = num(t, 'y') - 4;
  tables[g.querySelector('text.name').textContent] = {x: num(rect, 'x'), y: num(rect, 'y'), w: num(rect, 'width'), h: num(rect, 'height'), rows};
}
const frameRects = [...svg.querySelectorAll('g.frames > rect.frame')];
const frames = {};
[...svg.querySelectorAll('g.frame-titles > g.frame-title > text')].forEach((t, i) => {
  const r = frameRects[i];
  frames[t.textContent] = {x: num(r, 'x'), y: num(r, 'y'), w: num(r, 'width'), h: num(r, 'height')};
});
const lines = [...svg.querySelectorAll('g.lines > g.line > path.stroke')].map((p) => {
  const n = p.getAttribute('d').match(/-?\d+(\.\d+)?/g).map(Number);
  return {first: [n[0], n[1]], last: [n[n.length - 2], n[n.length - 1]]};
});
const marks = [...svg.querySelectorAll('g.joined-rows > circle')].map((c) => [num(c, 'cx'), num(c, 'cy')]);
return {tables, frames, lines, marks};
"""


def close(a: float, b: float) -> bool:
    return abs(a - b) < 0.15  # the SVG prints one decimal


def check_diagram(driver, schema: str) -> None:
    """The new table sits inside its module's frame; a line runs from one of its key rows to one
    of the parent's, and both key rows of both tables carry the joined-row mark."""
    wait = WebDriverWait(driver, 20)
    driver.find_element(By.ID, "view-diagram").click()
    wait.until(lambda d: d.execute_script(
        "return [...document.querySelectorAll('#diagram g.table text.name')].some((t) => t.textContent === arguments[0])", TABLE))
    drawing = driver.execute_script(GEOMETRY)
    child, parent = drawing["tables"][TABLE], drawing["tables"][PARENT.split(".")[1]]
    frame = drawing["frames"][MODULE]
    assert frame["x"] <= child["x"] and child["x"] + child["w"] <= frame["x"] + frame["w"], (child, frame)
    assert frame["y"] <= child["y"] and child["y"] + child["h"] <= frame["y"] + frame["h"], (child, frame)

    keys = ["method_id", "version"]
    child_rows = [child["rows"][k] for k in keys]
    parent_rows = [parent["rows"][k] for k in keys]
    sides = lambda t: (t["x"], t["x"] + t["w"])  # noqa: E731
    attached = [
        line for line in drawing["lines"]
        if any(close(line["first"][0], x) for x in sides(child)) and any(close(line["first"][1], y) for y in child_rows)
        and any(close(line["last"][0], x) for x in sides(parent)) and any(close(line["last"][1], y) for y in parent_rows)
    ]
    assert len(attached) == 1, (drawing["lines"], child, parent)
    for table, rows in ((child, child_rows), (parent, parent_rows)):
        for y in rows:
            assert any(any(close(cx, x) for x in sides(table)) and close(cy, y) for cx, cy in drawing["marks"]), (y, table)
    assert inspector_table(driver) == f"{schema}.{TABLE}"
    photograph(driver, "diagram")
    driver.find_element(By.ID, "view-list").click()


def test_the_users_path_from_a_new_table_to_a_reopened_workspace(driver_url, tmp_path):
    folder = tmp_path / "zayaz"
    shutil.copytree(EXAMPLE, folder)

    with window(driver_url, str(folder)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 10)

        driver.find_element(By.ID, "view-list").click()  # the view is remembered between runs

        # 1. A table through the "New table" dialog, in the wrong schema for its prefix.
        driver.find_element(By.ID, "new-table").click()
        dialog = wait.until(lambda d: d.find_element(By.ID, "new-table-dialog"))
        dialog.find_element(By.ID, "new-table-name").send_keys(TABLE)
        # A modal: Shift+Tab past its close button wraps to its last button, Tab comes back
        # (WebKitGTK reports Shift+Tab as key "Unidentified", code "Tab": lib/dialog.ts isTab).
        ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.TAB, Keys.TAB).key_up(Keys.SHIFT).perform()
        inside = "return document.getElementById('new-table-dialog').contains(document.activeElement)"
        assert driver.execute_script(inside), "Shift+Tab left the dialog"
        assert driver.execute_script("return document.activeElement.closest('.dialog-actions') !== null"), \
            driver.execute_script("return document.activeElement.outerHTML")
        ActionChains(driver).send_keys(Keys.TAB, Keys.TAB).perform()
        assert driver.execute_script("return document.activeElement.id") == "new-table-name"
        assert dialog.find_element(By.ID, "new-table-prefix").text == "fact_"
        replace_text(dialog.find_element(By.ID, "new-table-schema"), WRONG_SCHEMA)
        Select(dialog.find_element(By.ID, "new-table-module")).select_by_value(MODULE)
        dialog.find_element(By.ID, "new-table-create").click()
        wait.until(lambda d: not d.find_elements(By.ID, "new-table-dialog"))
        wait.until(lambda d: inspector_table(d) == f"{WRONG_SCHEMA}.{TABLE}")
        # The list catches up once the window refetches (bursts of edits refetch once).
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f'.group[data-module="{MODULE}"] .table-row[data-table="{WRONG_SCHEMA}.{TABLE}"]'))

        # 2. The rules say the prefix and the schema disagree, under the schema field.
        wait.until(lambda d: "R102" in codes(d, "#inspector .field-finding"))

        # 3. Three columns through the column grid: add, name, type.
        for name, data_type in COLUMNS:
            driver.find_element(By.ID, "add-column").click()
            row = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, '#inspector .column-row[data-column="new_column"]'))
            field = row.find_element(By.CSS_SELECTOR, ".column-name")
            replace_text(field, name)
            field.send_keys(Keys.TAB)
            row = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'#inspector .column-row[data-column="{name}"]'))
            if data_type != "text":
                replace_text(row.find_element(By.CSS_SELECTOR, ".column-type"), data_type)
                wait.until(lambda d: (d.find_element(By.ID, "undo-button").get_attribute("title") or "").startswith(f"Undo edit column {WRONG_SCHEMA}.{TABLE}.{name}"))
        wait.until(lambda d: [r.get_attribute("data-column") for r in d.find_elements(By.CSS_SELECTOR, "#inspector .column-row")]
                   == [c for c, _ in COLUMNS])
        photograph(driver, "table-form")

        # 4. The composite relationship: "+ Relationship to…" fills in the parent's key and the
        # child's columns of the same names; the form shows them in order.
        Select(driver.find_element(By.ID, "add-relationship")).select_by_value(PARENT)
        form = wait.until(lambda d: d.find_element(By.ID, "relationship-form"))
        chips = lambda side: [c.get_attribute("data-column") for c in  # noqa: E731
                              driver.find_elements(By.CSS_SELECTOR, f"#rel-{side}-columns .chip")]
        wait.until(lambda d: chips("child") == ["method_id", "version"] and chips("parent") == ["method_id", "version"])
        assert form.get_attribute("data-key") == f"{TABLE}__method_id_version__ref_compute_method_registry"
        on_delete = driver.find_element(By.ID, "rel-on_delete")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", on_delete)
        try:
            Select(on_delete).select_by_value("cascade")
        except Exception:
            screenshot(driver, "user-path-failure.png")
            raise
        wait.until(lambda d: (d.find_element(By.ID, "undo-button").get_attribute("title") or "").startswith("Undo edit relationship"))
        driver.execute_script("document.getElementById('rel-child-table').closest('fieldset').scrollIntoView({block: 'start'})")
        photograph(driver, "relationship-form")
        driver.find_element(By.CSS_SELECTOR, '#relationship-form [aria-label^="Back to the table"]').click()
        wait.until(lambda d: inspector_table(d) == f"{WRONG_SCHEMA}.{TABLE}")
        assert driver.find_elements(By.CSS_SELECTOR, '#inspector .relationship[data-key$="__ref_compute_method_registry"] .side-child')

        # 5. The findings panel lists R102 for the table; fixing the schema makes it go.
        chord(driver, Keys.SHIFT, "m")
        wait.until(lambda d: "R102" in codes(d, "#rules-panel .rule-finding"))
        photograph(driver, "findings")
        chord(driver, Keys.SHIFT, "m")
        wait.until(lambda d: not d.find_elements(By.ID, "rules-panel"))
        schema = driver.find_element(By.ID, "table-schema")
        replace_text(schema, RIGHT_SCHEMA)
        schema.send_keys(Keys.TAB)
        wait.until(lambda d: inspector_table(d) == f"{RIGHT_SCHEMA}.{TABLE}")
        wait.until(lambda d: "R102" not in codes(d, "#inspector .field-finding, #inspector .finding"))

        # 6. The diagram: inside its group frame, the line attached to both key rows.
        check_diagram(driver, RIGHT_SCHEMA)

        # 7. Undo the lot, counting the steps: the table; per column add, rename and type (typing
        # the type is one step however many keys); the relationship and its on_delete; the
        # schema fix. Then redo the same number.
        expected_steps = 1 + 3 * len(COLUMNS) + 2 + 1
        assert undo_steps(driver) == expected_steps
        wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, f'.table-row[data-table$=".{TABLE}"]'))
        assert redo_steps(driver) == expected_steps
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f'.table-row[data-table="{RIGHT_SCHEMA}.{TABLE}"]'))

        # 8. Export DBML: the new composite Ref is in it, with its actions: a database FK, as
        # the new table took its module's database (it once got "postgres" and lost them).
        preview = lambda: driver.find_element(By.ID, "export-preview").get_attribute("value")  # noqa: E731

        def show_export():
            chord(driver, "e")
            wait.until(lambda d: d.find_element(By.ID, "export-dialog"))
            wait.until(lambda d: "TableGroup" in preview())

        def hide_export():
            driver.find_element(By.ID, "export-dialog").send_keys(Keys.ESCAPE)
            wait.until(lambda d: not d.find_elements(By.ID, "export-dialog"))

        show_export()
        ref = re.compile(rf"^Ref: {RIGHT_SCHEMA}\.{TABLE}\.\(method_id, version\) > {PARENT}\.\(method_id, version\) "
                         r"\[delete: cascade, update: restrict\]$", re.M)
        assert ref.search(preview()), preview()
        hide_export()
        photograph(driver, "export", show_export, hide_export)

        # 9. Save.
        chord(driver, "s")
        wait.until(lambda d: d.find_element(By.ID, "save-button").text == "Saved")

    assert registry_columns(folder, f"{RIGHT_SCHEMA}.{TABLE}") == [c for c, _ in COLUMNS]
    with open(folder / "relationship_registry.csv", newline="", encoding="utf-8") as f:
        saved = [r for r in csv.DictReader(f) if r["child_table"] == TABLE]
    assert [(r["child_schema"], r["child_columns"], r["parent_table"], r["parent_columns"], r["on_delete"]) for r in saved] == [
        (RIGHT_SCHEMA, "{method_id,version}", "ref_compute_method_registry", "{method_id,version}", "cascade")]

    # 10. Quit and reopen: everything is there, and nothing is left to undo or save.
    with window(driver_url, str(folder)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 10)
        row = driver.find_element(By.CSS_SELECTOR, f'.group[data-module="{MODULE}"] .table-row[data-table="{RIGHT_SCHEMA}.{TABLE}"]')
        row.find_element(By.CSS_SELECTOR, ".table-name").click()
        wait.until(lambda d: inspector_table(d) == f"{RIGHT_SCHEMA}.{TABLE}")
        columns = {r.get_attribute("data-column"): r.find_element(By.CSS_SELECTOR, ".column-type").get_attribute("value")
                   for r in driver.find_elements(By.CSS_SELECTOR, "#inspector .column-row")}
        assert columns == dict(COLUMNS)
        assert driver.find_elements(By.CSS_SELECTOR, '#inspector .relationship[data-key$="__ref_compute_method_registry"]')
        assert "R102" not in codes(driver, "#inspector .finding")
        assert not driver.find_element(By.ID, "undo-button").is_enabled()
        assert driver.find_element(By.ID, "save-button").text == "Saved"
