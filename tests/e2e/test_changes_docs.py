"""Changes… and Export → Documentation… in the real window, with real keys and clicks.

Changes: a column's type is changed in the inspector; Ctrl+K, "Changes…", Enter opens the dialog;
Compare (the last save) lists the change under its table and previews the migration; the SQL is
saved to a file whose text is the preview's. A side that does not load is named with its file
and line. A database that never answers is compared and the comparison cancelled. Documentation: Ctrl+E, then the export dialog's "Documentation…", a folder typed in,
Markdown, Write: the index and a page per module are there."""

import os
import shutil
import socket

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from test_window import (  # noqa: F401  (driver_url is a fixture)
    ROOT, chord, driver_url, error_text, replace_text, screenshot, wait_until_settled, window,
)

DOCS = ROOT / "docs" / "screenshots"
ZELLIJ = ROOT / "registries" / "zellij"


def photograph(driver, name: str) -> None:
    """`name`.png of the window into target/e2e/docs, and docs/screenshots with RELATA_UPDATE_SCREENSHOTS=1."""
    path = screenshot(driver, f"docs/{name}.png")
    if os.environ.get("RELATA_UPDATE_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS / path.name)


def palette(driver, text: str) -> None:
    """Ctrl+K, `text`, Enter: runs the command `text`, which must be the palette's first match."""
    ActionChains(driver).key_down(Keys.CONTROL).send_keys("k").key_up(Keys.CONTROL).perform()
    field = WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "palette-input"))
    field.send_keys(text)
    first = WebDriverWait(driver, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, "#palette-results .palette-item.active"))
    assert (first.get_attribute("data-kind"), first.get_attribute("data-label")) == ("command", text)
    field.send_keys(Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: not d.find_elements(By.ID, "palette"))


def compare(driver) -> str:
    """Clicks Compare and waits for the answer; returns the dialog's state (`done` or `error`)."""
    dialog = driver.find_element(By.ID, "changes-dialog")
    dialog.find_element(By.ID, "changes-compare").click()
    WebDriverWait(driver, 30).until(lambda d: d.find_element(By.ID, "changes-dialog").get_attribute("data-state") in ("done", "error"))
    return driver.find_element(By.ID, "changes-dialog").get_attribute("data-state")


def test_changes_after_an_edit_are_grouped_by_table_and_the_migration_is_saved(driver_url, tmp_path):
    folder = tmp_path / "zellij"
    shutil.copytree(ZELLIJ, folder)
    broken = tmp_path / "broken"
    shutil.copytree(ZELLIJ, broken)
    with open(broken / "signal_registry.csv", "a", encoding="utf-8") as f:
        f.write("<<<<<<< HEAD\n")
    broken_lines = len((broken / "signal_registry.csv").read_text(encoding="utf-8").splitlines())

    with window(driver_url, str(folder)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 10)
        driver.find_element(By.CSS_SELECTOR, '.table-row[data-table="public.projects"] .table-name').click()
        wait.until(lambda d: d.find_element(By.ID, "inspector").get_attribute("data-table") == "public.projects")
        type_field = driver.find_element(By.CSS_SELECTOR, '#inspector .column-row[data-column="name"] .column-type')
        replace_text(type_field, "text")
        type_field.send_keys(Keys.TAB)
        wait.until(lambda d: "●" in d.find_element(By.ID, "save-button").text)

        # zellij has a table named `changes`: the command is the one with the ellipsis.
        palette(driver, "Changes…")
        dialog = wait.until(lambda d: d.find_element(By.ID, "changes-dialog"))
        # The last save is the side offered first, and has the focus: Enter compares.
        active = driver.switch_to.active_element
        assert active.get_attribute("data-kind") == "last_save" and active.is_selected()
        active.send_keys(Keys.ENTER)
        wait.until(lambda d: d.find_element(By.ID, "changes-dialog").get_attribute("data-state") in ("done", "error"))
        assert dialog.get_attribute("data-state") == "done", dialog.text

        assert dialog.find_element(By.ID, "changes-summary").text == "1 change in 1 table from the last save to the workspace"
        groups = dialog.find_elements(By.CSS_SELECTOR, ".changes-group")
        assert [g.get_attribute("data-group") for g in groups] == ["public.projects"]
        line = groups[0].find_element(By.CSS_SELECTOR, 'li[data-name="public.projects.name"]')
        assert line.get_attribute("data-kind") == "changed"
        assert "data_type: varchar(255) → text" in line.text
        sql = dialog.find_element(By.ID, "changes-sql").get_attribute("value")
        assert "ALTER TABLE public.projects ALTER COLUMN name TYPE text" in sql, sql
        photograph(driver, "changes-light")

        target = tmp_path / "out" / "migration.sql"
        target.parent.mkdir()
        path_field = dialog.find_element(By.ID, "changes-sql-path")
        path_field.click()
        path_field.send_keys(str(target))
        dialog.find_element(By.ID, "changes-save").click()
        wait.until(lambda d: target.is_file())
        assert target.read_text(encoding="utf-8") == sql
        assert sorted(p.name for p in target.parent.iterdir()) == ["migration.sql"], "no temporary file left"

        # Another workspace whose files do not load: the error names the file and the line.
        dialog.find_element(By.CSS_SELECTOR, 'input[data-kind="file"]').click()
        field = wait.until(lambda d: d.find_element(By.ID, "changes-path"))
        field.send_keys(str(broken))
        assert compare(driver) == "error"
        said = driver.find_element(By.ID, "changes-error").text
        assert said.startswith("The registry cannot be used as it is:"), said
        assert "does not load cleanly" in said and f"signal_registry.csv:{broken_lines}:" in said, said
        assert not driver.find_elements(By.CSS_SELECTOR, ".changes-group"), "nothing is listed for a side that does not load"
        photograph(driver, "changes-load-error")

        # A database that takes the connection and never answers: the comparison runs, shows
        # where it is, and Cancel stops it at once; the window answers meanwhile.
        with socket.socket() as silent:
            silent.bind(("127.0.0.1", 0))
            silent.listen()
            port = silent.getsockname()[1]
            dialog.find_element(By.CSS_SELECTOR, 'input[data-kind="database"]').click()
            wait.until(lambda d: d.find_element(By.ID, "changes-url")).send_keys(f"postgres://relata@127.0.0.1:{port}/silent")
            dialog.find_element(By.ID, "changes-compare").click()
            wait.until(lambda d: d.find_element(By.ID, "changes-dialog").get_attribute("data-state") == "running")
            wait.until(lambda d: d.find_element(By.ID, "changes-progress").text.startswith(f"Reading postgres://relata@127.0.0.1:{port}/silent"))
            photograph(driver, "changes-running")
            assert not driver.find_elements(By.ID, "changes-error")
            dialog.find_element(By.ID, "changes-cancel").click()
            wait.until(lambda d: d.find_element(By.ID, "changes-dialog").get_attribute("data-state") == "idle")
            assert not driver.find_elements(By.ID, "changes-error"), "a cancel is no error"
            assert not driver.find_elements(By.ID, "changes-progress")

        # Escape closes the dialog; the edit is still unsaved and the folder untouched.
        driver.find_element(By.ID, "changes-dialog").send_keys(Keys.ESCAPE)
        wait.until(lambda d: not d.find_elements(By.ID, "changes-dialog"))
        assert "●" in driver.find_element(By.ID, "save-button").text
    assert (folder / "signal_registry.csv").read_text(encoding="utf-8") == (ZELLIJ / "signal_registry.csv").read_text(encoding="utf-8")


def test_documentation_is_written_to_a_folder_from_the_export_dialog(driver_url, tmp_path):
    out = tmp_path / "docs"
    with window(driver_url, str(ZELLIJ)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 10)
        modules = [g.get_attribute("data-module") for g in driver.find_elements(By.CSS_SELECTOR, "#groups .group[data-module]")]
        chord(driver, "e")
        wait.until(lambda d: d.find_element(By.ID, "export-dialog")).find_element(By.ID, "export-docs").click()
        dialog = wait.until(lambda d: d.find_element(By.ID, "docs-dialog"))
        assert not driver.find_elements(By.ID, "export-dialog")
        field = driver.switch_to.active_element
        assert field.get_attribute("id") == "docs-folder", "the folder field has the focus"
        field.send_keys(str(out))
        assert dialog.find_element(By.CSS_SELECTOR, 'input[data-format="markdown"]').is_selected()
        listed = [b.get_attribute("data-module") for b in dialog.find_elements(By.CSS_SELECTOR, "input[data-module]")]
        assert sorted(listed) == sorted(modules)
        photograph(driver, "docs-dialog-light")
        field.send_keys(Keys.ENTER)
        wait.until(lambda d: d.find_element(By.ID, "docs-dialog").get_attribute("data-state") in ("done", "error"))
        assert dialog.get_attribute("data-state") == "done", dialog.text
        assert dialog.find_element(By.ID, "docs-index").text == str(out / "README.md")

    index = (out / "README.md").read_text(encoding="utf-8")
    assert index.startswith("# zellij"), index[:200]
    pages = sorted(p.name for p in (out / "modules").glob("*.md"))
    assert len(pages) == len(modules), pages
    for page in pages:
        assert f"modules/{page}" in index, f"the index links {page}"
