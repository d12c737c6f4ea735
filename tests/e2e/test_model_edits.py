"""End-to-end tests of modelling edits in the real window, with real input only (WebDriver
Actions: the pointer and the keyboard): deleting a table or a relationship after one
confirmation, undone by one Ctrl+Z; editing the primary key; "+ Relationship to…"; the export
warning.

Run with `scripts/e2e -k model_edits`. The helpers and the tauri-driver fixture are test_window's.
"""

import csv
import pathlib
import shutil
import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_diagram import diagram_window, drawn, open_diagram
from test_window import (  # noqa: F401  (driver_url is a fixture)
    EXAMPLE, ROOT, chord, click_at, driver_url, error_text, hit_point, screenshot, wait_until_settled, window,
)

pytestmark = pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning")


def relationship_rows(folder: pathlib.Path) -> list[dict[str, str]]:
    with open(folder / "relationship_registry.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def press(driver, *keys: str) -> None:
    """Presses keys on whatever has focus, through the driver's keyboard (WebDriver Actions)."""
    chain = ActionChains(driver)
    for k in keys:
        chain = chain.send_keys(k)
    chain.perform()


def line_count(driver) -> int:
    """The relationships the diagram draws: every line, by the relationships it stands for."""
    return driver.execute_script(
        "return [...document.querySelectorAll('#diagram g.line[data-edges]')]"
        "  .reduce((n, g) => n + g.dataset.edges.split(' ').length, 0)")


def listed(driver) -> set[str]:
    return set(driver.execute_script(
        "return [...document.querySelectorAll('#groups .table-row[data-table]')].map(r => r.dataset.table)"))


def test_delete_a_table_and_a_relationship_with_one_confirmation_and_undo(driver_url, tmp_path):
    """Delete (the key, in the diagram) removes the selected table with its relationships after
    one confirmation that lists them; one Ctrl+Z brings it all back. The same from the list view
    and the palette; a relationship from its form's button."""
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    table = "public.table_overview"
    rows = relationship_rows(folder)
    # The oracle: the relationships with the table at either end, from the CSV.
    going = sorted(r["relationship_key"] for r in rows
                   if table in (f"{r['child_schema']}.{r['child_table']}", f"{r['parent_schema']}.{r['parent_table']}"))
    assert len(going) == 3

    with diagram_window(driver_url, str(folder)) as driver:
        wait = WebDriverWait(driver, 15)
        open_diagram(driver)
        all_tables = drawn(driver)
        assert table in all_tables and line_count(driver) == len(rows)

        # Select with a real click, then the Delete key.
        click_at(driver, f'#diagram g.table[data-table="{table}"]')
        wait.until(lambda d: d.find_elements(By.ID, "inspector") and d.find_element(By.ID, "inspector").get_attribute("data-table") == table)
        press(driver, Keys.DELETE)
        dialog = wait.until(lambda d: d.find_element(By.ID, "delete-dialog"))
        assert table in dialog.find_element(By.ID, "delete-title").text
        assert "3 relationships" in dialog.find_element(By.ID, "delete-summary").text
        items = [li.text for li in dialog.find_elements(By.CSS_SELECTOR, "#delete-items li")]
        assert sorted(i.split(" ")[0] for i in items) == going
        screenshot(driver, "delete-confirmation.png")

        # Escape cancels: nothing goes.
        press(driver, Keys.ESCAPE)
        wait.until(lambda d: not d.find_elements(By.ID, "delete-dialog"))
        assert drawn(driver) == all_tables and line_count(driver) == len(rows)

        # The inspector's button opens the same confirmation; its button deletes.
        click_at(driver, "#delete-table")
        wait.until(lambda d: d.find_elements(By.ID, "delete-dialog"))
        click_at(driver, "#delete-confirm")
        wait.until(lambda d: not d.find_elements(By.ID, "delete-dialog"))
        wait.until(lambda d: table not in drawn(d))
        wait.until(lambda d: line_count(d) == len(rows) - len(going))
        assert drawn(driver) == all_tables - {table}
        assert not driver.find_elements(By.ID, "inspector")
        driver.find_element(By.ID, "view-list").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#groups .table-row"))
        # The list follows the overview the window fetches after the edit, which a loaded machine
        # may answer after the diagram has redrawn.
        wait.until(lambda d: listed(d) == all_tables - {table})

        # One Ctrl+Z: the table and every relationship are back, in the list and the diagram.
        chord(driver, "z")
        wait.until(lambda d: listed(d) == all_tables)
        driver.find_element(By.ID, "view-diagram").click()
        wait.until(lambda d: drawn(d) == all_tables and line_count(d) == len(rows))

        # A relationship: click its line, Delete, confirm; its tables stay; Ctrl+Z brings it back.
        driver.find_element(By.ID, "diagram").send_keys("0")
        time.sleep(0.3)
        line = next(i for i in range(len(rows)) if hit_point(driver, f'#diagram g.line[data-edges="{i}"] path.hit'))
        click_at(driver, f'#diagram g.line[data-edges="{line}"] path.hit')
        key = rows[line]["relationship_key"]
        wait.until(lambda d: d.find_elements(By.ID, "relationship-form")
                   and d.find_element(By.ID, "relationship-form").get_attribute("data-key") == key)
        click_at(driver, "#delete-relationship")
        dialog = wait.until(lambda d: d.find_element(By.ID, "delete-dialog"))
        assert key in dialog.find_element(By.ID, "delete-title").text
        click_at(driver, "#delete-confirm")
        wait.until(lambda d: line_count(d) == len(rows) - 1)
        assert drawn(driver) == all_tables
        assert not driver.find_elements(By.ID, "relationship-form")
        chord(driver, "z")
        wait.until(lambda d: line_count(d) == len(rows))

        # The list view and the palette: select a row, Ctrl+K, "delete", Enter, confirm with Enter
        # on the focused button after Tab (focus starts on Cancel).
        driver.find_element(By.ID, "view-list").click()
        other = "core_metadata.ref_compute_method_latest"
        click_at(driver, f'.table-row[data-table="{other}"] .table-name')
        wait.until(lambda d: d.find_element(By.ID, "inspector").get_attribute("data-table") == other)
        chord(driver, "k")
        field = wait.until(lambda d: d.find_element(By.ID, "palette-input"))
        field.send_keys("Delete table")
        first = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#palette-results .palette-item.active"))
        assert other in first.text, first.text
        field.send_keys(Keys.ENTER)
        dialog = wait.until(lambda d: d.find_element(By.ID, "delete-dialog"))
        assert "1 relationship:" in dialog.find_element(By.ID, "delete-summary").text
        press(driver, Keys.TAB, Keys.ENTER)
        wait.until(lambda d: other not in listed(d))
        # Delete in the list view, on a selected row, with the key.
        click_at(driver, f'.table-row[data-table="{table}"] .table-name')
        wait.until(lambda d: d.find_element(By.ID, "inspector").get_attribute("data-table") == table)
        press(driver, Keys.DELETE)
        wait.until(lambda d: d.find_elements(By.ID, "delete-dialog"))
        click_at(driver, "#delete-confirm")
        wait.until(lambda d: table not in listed(d))
        # Two deletes, two undo steps.
        chord(driver, "z")
        wait.until(lambda d: table in listed(d) and other not in listed(d))
        chord(driver, "z")
        wait.until(lambda d: listed(d) == all_tables)
        assert not driver.find_elements(By.ID, "error") or not driver.find_element(By.ID, "error").text


def key_in_form(driver) -> list[str]:
    """The primary key the table form shows, in key order."""
    return [li.get_attribute("data-column") for li in driver.find_elements(By.CSS_SELECTOR, "#primary-key .key-column")]


def key_badges(driver) -> list[str]:
    """The columns the column grid marks PK, in column order."""
    return [r.get_attribute("data-column") for r in driver.find_elements(By.CSS_SELECTOR, "#inspector .column-row")
            if r.find_elements(By.CSS_SELECTOR, ".badge-pk")]


def table_row(folder: pathlib.Path, qualified: str) -> dict[str, str]:
    with open(folder / "table_overview.csv", newline="", encoding="utf-8") as f:
        return next(r for r in csv.DictReader(f) if f"{r['schema_name']}.{r['table_name']}" == qualified)


def test_primary_key_is_picked_ordered_and_cleared_in_the_table_form(driver_url, tmp_path):
    """A table without a key gets a composite one, column by column, reordered; each change is
    one undo step; "None" clears it; the saved folder holds the key in its order."""
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    table = "core_metadata.ref_compute_method_latest"
    assert table_row(folder, table)["primary_key_columns"] == "{}"

    with window(driver_url, str(folder)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 10)
        click_at(driver, f'.table-row[data-table="{table}"] .table-name')
        wait.until(lambda d: d.find_element(By.ID, "inspector").get_attribute("data-table") == table)
        assert key_in_form(driver) == [] and driver.find_element(By.ID, "primary-key-none-text").text == "None"
        assert not driver.find_element(By.ID, "primary-key-none").is_enabled()

        add = lambda: Select(driver.find_element(By.ID, "primary-key-add"))  # noqa: E731
        assert [o.get_attribute("value") for o in add().options][1:] == ["method_id", "version", "updated_at", "note"]
        add().select_by_value("version")
        wait.until(lambda d: key_in_form(d) == ["version"])
        add().select_by_value("method_id")
        wait.until(lambda d: key_in_form(d) == ["version", "method_id"])
        # What is in the key is no longer offered.
        assert [o.get_attribute("value") for o in add().options][1:] == ["updated_at", "note"]
        click_at(driver, '#primary-key .key-column[data-column="method_id"] .key-up')
        wait.until(lambda d: key_in_form(d) == ["method_id", "version"])
        wait.until(lambda d: key_badges(d) == ["method_id", "version"])
        screenshot(driver, "primary-key-composite.png")

        # Each change was one step: undo the reorder, redo it.
        chord(driver, "z")
        wait.until(lambda d: key_in_form(d) == ["version", "method_id"])
        chord(driver, Keys.SHIFT, "z")
        wait.until(lambda d: key_in_form(d) == ["method_id", "version"])
        chord(driver, "s")
        wait.until(lambda d: d.find_element(By.ID, "save-button").text == "Saved")
        assert table_row(folder, table)["primary_key_columns"] == "{method_id,version}"

        # Remove one column, then "None"; undo brings the last key back.
        click_at(driver, '#primary-key .key-column[data-column="version"] .key-remove')
        wait.until(lambda d: key_in_form(d) == ["method_id"])
        click_at(driver, "#primary-key-none")
        wait.until(lambda d: key_in_form(d) == [] and d.find_elements(By.ID, "primary-key-none-text"))
        wait.until(lambda d: key_badges(d) == [])
        chord(driver, "z")
        wait.until(lambda d: key_in_form(d) == ["method_id"])


def inspector_columns(driver) -> list[str]:
    """The inspector's columns in order, read in one script (the grid re-renders after edits)."""
    return driver.execute_script(
        "return [...document.querySelectorAll('#inspector .column-row')].map(r => r.dataset.column)")


def test_new_relationship_proposes_child_columns_and_has_no_error_finding(driver_url, tmp_path):
    """Regression (issue 14): "+ Relationship to…" left the child columns empty (R310) and keyed
    the relationship `…__columns__…` (R307). Now it adds the parent key's columns with their
    types and the rules' key: the workspace still has no error; one Ctrl+Z takes it all back."""
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    child, parent = "public.table_overview", "core_metadata.ref_compute_method_registry"
    key = "table_overview__method_id_version__ref_compute_method_registry"

    with window(driver_url, str(folder)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 10)
        errors = lambda: driver.find_element(By.ID, "status-bar").get_attribute("data-errors")  # noqa: E731
        wait.until(lambda d: errors() == "0")
        click_at(driver, f'.table-row[data-table="{child}"] .table-name')
        wait.until(lambda d: d.find_element(By.ID, "inspector").get_attribute("data-table") == child)
        columns_before = inspector_columns(driver)

        Select(driver.find_element(By.ID, "add-relationship")).select_by_value(parent)
        form = wait.until(lambda d: d.find_element(By.ID, "relationship-form"))
        chips = lambda side: [c.get_attribute("data-column") for c in  # noqa: E731
                              driver.find_elements(By.CSS_SELECTOR, f"#rel-{side}-columns .chip")]
        wait.until(lambda d: chips("child") == ["method_id", "version"] and chips("parent") == ["method_id", "version"])
        assert form.get_attribute("data-key") == key
        # The status bar says which columns were added; the findings have come in by then.
        wait.until(lambda d: "method_id" in d.find_element(By.ID, "status-message").text)
        time.sleep(0.5)
        assert not driver.find_elements(By.CSS_SELECTOR, "#relationship-form .field-finding.finding-error")
        assert errors() == "0"
        screenshot(driver, "new-relationship.png")

        driver.find_element(By.CSS_SELECTOR, '#relationship-form [aria-label^="Back to the table"]').click()
        wait.until(lambda d: inspector_columns(d)
                   == columns_before + ["method_id", "version"])
        types = [driver.find_element(By.CSS_SELECTOR, f'#inspector .column-row[data-column="{c}"] .column-type').get_attribute("value")
                 for c in ("method_id", "version")]
        with open(folder / "signal_registry.csv", newline="", encoding="utf-8") as f:
            parent_types = {r["column_name"]: r["data_type"] for r in csv.DictReader(f)
                            if f"{r['schema_name']}.{r['table_name']}" == parent}
        assert types == [parent_types["method_id"], parent_types["version"]]

        # One undo: the relationship and both columns go.
        chord(driver, "z")
        wait.until(lambda d: inspector_columns(d)
                   == columns_before)
        assert not driver.find_elements(By.CSS_SELECTOR, f'#inspector .relationship[data-key="{key}"]')


def mistype_column(folder: pathlib.Path, qualified: str, data_type: str) -> None:
    """Gives the column `schema.table.column` of the registry folder another type, as a person
    editing signal_registry.csv in a spreadsheet would."""
    path = folder / "signal_registry.csv"
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields = reader.fieldnames
        rows = list(reader)
    hits = [r for r in rows if f"{r['schema_name']}.{r['table_name']}.{r['column_name']}" == qualified]
    assert len(hits) == 1, qualified
    hits[0]["data_type"] = data_type
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_export_dialog_names_the_findings_postgresql_would_refuse(driver_url, tmp_path):
    """With a foreign key PostgreSQL cannot build (bigint → varchar, R303), the export dialog
    lists that finding (code, entry and message) under the SQL preview and offers "Export
    anyway…" instead of "Save as…"; DBML, which @dbml/core reads all the same, warns of nothing."""
    folder = tmp_path / "mistyped"
    shutil.copytree(EXAMPLE, folder)
    # fact_compute_executions.(method_id, version) references the registry's (method_id, version
    # varchar): a bigint version makes the composite FK one PostgreSQL refuses.
    mistype_column(folder, "core_engine.fact_compute_executions.version", "bigint")
    key = "fact_compute_executions__method_id_version__ref_compute_method_registry"
    assert key in {r["relationship_key"] for r in relationship_rows(folder)}

    with window(driver_url, str(folder)) as driver:
        wait = WebDriverWait(driver, 15)
        assert wait_until_settled(driver) == "ready", error_text(driver)
        chord(driver, "e")
        dialog = wait.until(lambda d: d.find_element(By.ID, "export-dialog"))
        preview = lambda: driver.find_element(By.ID, "export-preview").get_attribute("value")  # noqa: E731
        wait.until(lambda d: "TableGroup" in preview())
        assert not driver.find_elements(By.ID, "export-warning"), "DBML breaks on nothing"
        assert dialog.find_element(By.ID, "export-save").text == "Save as…"

        dialog.find_element(By.CSS_SELECTOR, 'input[data-format="sql"]').click()
        wait.until(lambda d: "CREATE TABLE" in preview())
        warning = wait.until(lambda d: d.find_element(By.ID, "export-warning"))
        assert "PostgreSQL will reject this export" in warning.text, warning.text
        items = warning.find_elements(By.CSS_SELECTOR, "#export-breaking li")
        assert [i.get_attribute("data-code") for i in items] == ["R303"], [i.text for i in items]
        assert f"relationship_registry[{key}]" in items[0].text, items[0].text
        assert "version" in items[0].find_element(By.CSS_SELECTOR, ".export-message").text
        assert not dialog.find_elements(By.ID, "export-save")
        anyway = dialog.find_element(By.ID, "export-anyway")
        assert anyway.text == "Export anyway…" and anyway.is_enabled()
        screenshot(driver, "export-warning.png")

        # Back to DBML: the warning goes, and saving is plain again.
        dialog.find_element(By.CSS_SELECTOR, 'input[data-format="dbml"]').click()
        wait.until(lambda d: not d.find_elements(By.ID, "export-warning"))
        assert dialog.find_element(By.ID, "export-save").text == "Save as…"
        press(driver, Keys.ESCAPE)
        wait.until(lambda d: not d.find_elements(By.ID, "export-dialog"))


def test_a_relationship_finding_opens_its_form_at_its_field(driver_url, tmp_path):
    """A real click on a relationship's finding in the findings panel opens that relationship's
    form (the one with the finding's relationship id), with the field the finding concerns
    marked, in view and focused; a table's finding opens its table."""
    folder = tmp_path / "mistyped"
    shutil.copytree(EXAMPLE, folder)
    mistype_column(folder, "core_engine.fact_compute_executions.version", "bigint")
    key = "fact_compute_executions__method_id_version__ref_compute_method_registry"
    relationship_id = next(r["relationship_id"] for r in relationship_rows(folder) if r["relationship_key"] == key)

    with window(driver_url, str(folder)) as driver:
        wait = WebDriverWait(driver, 15)
        assert wait_until_settled(driver) == "ready", error_text(driver)
        chord(driver, Keys.SHIFT, "m")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#rules-panel li.rule-finding[data-code="R303"]'))
        click_at(driver, '#rules-panel li.rule-finding[data-code="R303"] button')
        form = wait.until(lambda d: d.find_element(By.ID, "relationship-form"))
        assert form.get_attribute("data-id") == relationship_id
        assert form.get_attribute("data-key") == key
        marked = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#relationship-form .field-focus"))
        assert marked.get_attribute("data-field") == "child_columns"
        assert "R303" in marked.text, marked.text
        assert driver.execute_script(
            "const f = document.querySelector('#relationship-form .field-focus');"
            "return f.contains(document.activeElement)"), "the field has the focus"
        assert driver.execute_script(
            "const r = document.querySelector('#relationship-form .field-focus').getBoundingClientRect();"
            "const p = document.querySelector('#relationship-form').getBoundingClientRect();"
            "return r.top >= p.top && r.bottom <= Math.min(p.bottom, innerHeight)"), "the field is in view"
        screenshot(driver, "finding-opens-relationship.png")

        # A table's finding (R101: no prefix) opens its table, not a relationship.
        click_at(driver, '#rules-panel li.rule-finding[data-code="R101"] button')
        wait.until(lambda d: not d.find_elements(By.ID, "relationship-form"))
        assert wait.until(lambda d: d.find_element(By.ID, "inspector")).get_attribute("data-table").startswith("public.")


def relata_json(folder: pathlib.Path) -> dict:
    import json
    return json.loads((folder / "relata.json").read_text(encoding="utf-8"))


def extras_of(folder: pathlib.Path, schema: str, table: str) -> dict:
    return next((t for t in relata_json(folder).get("tables", []) if (t["schema"], t["table"]) == (schema, table)), {})


def into_view(driver, selector: str) -> None:
    """Scrolls the inspector so `selector` is on screen (no input event: what a wheel would do)."""
    driver.execute_script("document.querySelector(arguments[0]).scrollIntoView({block: 'center'})", selector)
    time.sleep(0.2)


def type_into(driver, selector: str, text: str) -> None:
    """Clicks the field `selector`, replaces its text by typing, and leaves it with Tab."""
    into_view(driver, selector)
    click_at(driver, selector)
    chord(driver, "a")
    press(driver, text, Keys.TAB)


def test_checks_and_column_identity_are_edited_in_the_table_form_and_saved(driver_url, tmp_path):
    """A CHECK is added, written and named, marked NOT VALID, undone and redone in the table
    form; a column becomes an identity; the saved relata.json holds both (format version 2)."""
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    schema, name = "core_metadata", "ref_compute_method_latest"
    table = f"{schema}.{name}"
    assert extras_of(folder, schema, name).get("checks") is None

    with window(driver_url, str(folder)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 10)
        click_at(driver, f'.table-row[data-table="{table}"] .table-name')
        wait.until(lambda d: d.find_element(By.ID, "inspector").get_attribute("data-table") == table)
        cards = lambda d: d.find_elements(By.CSS_SELECTOR, "#constraints .check-card")  # noqa: E731

        into_view(driver, "#add-check")
        click_at(driver, "#add-check")
        wait.until(lambda d: len(cards(d)) == 1)
        type_into(driver, '#constraints .check-card[data-position="0"] .check-expression', "version > 0")
        wait.until(lambda d: "CHECK (version > 0)" in cards(d)[0].get_attribute("title"))
        type_into(driver, '#constraints .check-card[data-position="0"] .check-name', "version_positive")
        wait.until(lambda d: cards(d)[0].get_attribute("data-name") == "version_positive")
        into_view(driver, '#constraints .check-not-valid')
        click_at(driver, '#constraints .check-not-valid')
        wait.until(lambda d: "NOT VALID" in cards(d)[0].get_attribute("title"))
        screenshot(driver, "table-form-checks.png")

        # Each change is one undo step: NOT VALID goes and comes back.
        chord(driver, "z")
        wait.until(lambda d: "NOT VALID" not in cards(d)[0].get_attribute("title"))
        chord(driver, Keys.SHIFT, "z")
        wait.until(lambda d: "NOT VALID" in cards(d)[0].get_attribute("title"))

        # The column `version` becomes an identity (by default), through its disclosure.
        row = '.column-row[data-column="version"] + .column-extra'
        into_view(driver, f"{row} .column-spec-details summary")
        click_at(driver, f"{row} .column-spec-details summary")
        into_view(driver, f"{row} .column-identity")
        Select(driver.find_element(By.CSS_SELECTOR, f"{row} .column-identity")).select_by_value("by_default")
        wait.until(lambda d: "identity by default" in d.find_element(By.CSS_SELECTOR, f"{row} .column-spec-details summary").text)

        chord(driver, "s")
        wait.until(lambda d: d.find_element(By.ID, "save-button").text == "Saved")

    saved = relata_json(folder)
    assert saved["version"] == 2, saved
    extras = extras_of(folder, schema, name)
    assert extras["checks"] == [{"name": "version_positive", "expression": "version > 0", "not_valid": True}], extras
    assert extras["columns"] == [{"column": "version", "identity": {"always": False}}], extras
