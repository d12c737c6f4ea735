"""The table form's Indexes and Unique constraints sections, "Open recent" and the theme
override, in the real window."""

import json
import shutil

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_window import (  # noqa: F401  (driver_url is a fixture)
    ROOT, chord, driver_url, error_text, replace_text, screenshot, wait_until_settled, window,
)

LONG_NAME = "ix_" + "x" * 70  # past PostgreSQL's 63-byte identifier limit: R109


def index_cards(driver):
    return driver.find_elements(By.CSS_SELECTOR, "#indexes .index-card")


def test_indexes_and_unique_constraints_are_edited_in_the_table_form(driver_url, tmp_path):
    """Add an index, name it, order its columns, make it unique and partial; a name past the
    identifier limit shows R109 under the section until shortened; add and delete a unique
    constraint; undo the delete; the saved relata.json holds exactly that."""
    folder = tmp_path / "metastore"
    shutil.copytree(ROOT / "registries" / "metastore", folder)
    table = "public.users"
    with window(driver_url, str(folder)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 10)
        driver.find_element(By.CSS_SELECTOR, f'.table-row[data-table="{table}"] .table-name').click()
        wait.until(lambda d: d.find_element(By.ID, "inspector").get_attribute("data-table") == table)
        before = len(index_cards(driver))

        driver.find_element(By.ID, "add-index").click()
        wait.until(lambda d: len(index_cards(d)) == before + 1)
        card = lambda: index_cards(driver)[before]  # noqa: E731
        parts = lambda: [c.get_attribute("data-column") for c in card().find_elements(By.CSS_SELECTOR, ".chip")]  # noqa: E731
        first = parts()
        assert len(first) == 1
        Select(card().find_element(By.CSS_SELECTOR, ".index-add-column")).select_by_index(1)
        wait.until(lambda d: len(parts()) == 2)
        second = parts()[1]
        card().find_element(By.CSS_SELECTOR, f'.chip[data-column="{second}"] [aria-label^="Move {second} earlier"]').click()
        wait.until(lambda d: parts() == [second, first[0]])
        card().find_element(By.CSS_SELECTOR, ".index-unique").click()
        wait.until(lambda d: card().find_element(By.CSS_SELECTOR, ".index-unique").is_selected())
        Select(card().find_element(By.CSS_SELECTOR, ".index-method")).select_by_value("hash")
        where = card().find_element(By.CSS_SELECTOR, ".index-where")
        replace_text(where, "deleted_at IS NULL")
        where.send_keys(Keys.TAB)

        name = card().find_element(By.CSS_SELECTOR, ".index-name")
        replace_text(name, LONG_NAME)
        name.send_keys(Keys.TAB)
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#indexes .field-finding[data-code="R109"]'))
        driver.execute_script("document.getElementById('indexes').scrollIntoView({block: 'start'})")
        screenshot(driver, "window-indexes.png")
        name = card().find_element(By.CSS_SELECTOR, ".index-name")
        replace_text(name, "ix_users_login")
        name.send_keys(Keys.TAB)
        wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, '#indexes .field-finding[data-code="R109"]'))

        uniques = lambda: driver.find_elements(By.CSS_SELECTOR, "#unique-constraints .unique-card")  # noqa: E731
        count = len(uniques())
        driver.find_element(By.ID, "add-unique").click()
        wait.until(lambda d: len(uniques()) == count + 1)
        uniques()[count].find_element(By.CSS_SELECTOR, ".delete-unique").click()
        wait.until(lambda d: len(uniques()) == count)
        chord(driver, "z")
        wait.until(lambda d: len(uniques()) == count + 1)

        chord(driver, "s")
        wait.until(lambda d: d.find_element(By.ID, "save-button").text == "Saved")

    saved = json.loads((folder / "relata.json").read_text(encoding="utf-8"))
    entry = next(t for t in saved.get("tables", []) if (t["schema"], t["table"]) == ("public", "users"))
    index = entry["indexes"][before]
    assert index == {"name": "ix_users_login", "parts": [{"column": second}, {"column": first[0]}], "method": "hash",
                     "unique": True, "where": "deleted_at IS NULL"}, index
    assert len(entry["unique_constraints"]) == count + 1


def test_recent_workspaces_and_the_theme_are_remembered(driver_url, tmp_path):
    """Opening workspaces lists them under Recent (most recent first, keyboard to open); a
    missing one is shown disabled with a message and can be removed; the theme chosen in the
    header survives a restart, as does the list."""
    first, second = tmp_path / "metastore", tmp_path / "system-data-model"
    shutil.copytree(ROOT / "registries" / "metastore", first)
    shutil.copytree(ROOT / "registries" / "system-data-model", second)
    gone = tmp_path / "gone"
    shutil.copytree(ROOT / "registries" / "metastore", gone)
    namesake = tmp_path / "copy" / "metastore"  # a second "metastore" in the list
    shutil.copytree(ROOT / "registries" / "metastore", namesake)

    def open_path(driver, path):
        field = driver.find_element(By.ID, "open-path")
        replace_text(field, str(path))
        field.send_keys(Keys.ENTER)
        WebDriverWait(driver, 15).until(lambda d: d.find_element(By.ID, "workspace-path").text == str(path))

    def recent(driver):
        driver.find_element(By.ID, "recent-button").click()
        menu = WebDriverWait(driver, 5).until(lambda d: d.find_element(By.ID, "recent-menu"))
        return [(i.get_attribute("data-path"), "missing" in i.get_attribute("class")) for i in menu.find_elements(By.CSS_SELECTOR, ".recent-item")]

    with window(driver_url, str(first)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        open_path(driver, namesake)
        open_path(driver, gone)
        open_path(driver, second)
        open_path(driver, first)
        listed = recent(driver)
        assert [p for p, _ in listed[:3]] == [str(first), str(second), str(gone)], listed

        # Keyboard: the menu focuses the first entry that can be opened (the open one cannot).
        focused = driver.switch_to.active_element
        assert focused.find_element(By.XPATH, "..").get_attribute("data-path") == str(second)
        focused.send_keys(Keys.ENTER)
        WebDriverWait(driver, 15).until(lambda d: d.find_element(By.ID, "workspace-path").text == str(second))

        Select(driver.find_element(By.ID, "theme-select")).select_by_value("dark")
        WebDriverWait(driver, 5).until(lambda d: d.execute_script("return document.documentElement.dataset.theme") == "dark")

    shutil.rmtree(gone)
    with window(driver_url, str(first)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 10)
        wait.until(lambda d: d.execute_script("return document.documentElement.dataset.theme") == "dark")
        assert Select(driver.find_element(By.ID, "theme-select")).first_selected_option.get_attribute("value") == "dark"
        listed = recent(driver)
        assert (str(gone), True) in listed, listed
        assert "no longer there" in driver.find_element(By.ID, "recent-message").text
        item = driver.find_element(By.CSS_SELECTOR, f'.recent-item[data-path="{gone}"]')
        assert not item.find_element(By.CSS_SELECTOR, ".recent-open").is_enabled()
        screenshot(driver, "window-recent.png")
        item.find_element(By.CSS_SELECTOR, ".recent-forget").click()
        wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, f'.recent-item[data-path="{gone}"]'))
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()
        wait.until(lambda d: not d.find_elements(By.ID, "recent-menu"))

        # The palette offers the same: "Open recent: …" and the theme.
        chord(driver, "k")
        # Two recent workspaces named alike (metastore, from two tests) once broke the palette:
        # their commands shared a key.
        field = wait.until(lambda d: d.find_element(By.ID, "palette-input"))
        field.send_keys("theme: system")
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#palette-results .palette-item.active").get_attribute("data-label") == "Theme: system")
        field.send_keys(Keys.ENTER)
        wait.until(lambda d: Select(d.find_element(By.ID, "theme-select")).first_selected_option.get_attribute("value") == "system")
        chord(driver, "k")
        field = wait.until(lambda d: d.find_element(By.ID, "palette-input"))
        field.send_keys("open recent: system-data")
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#palette-results .palette-item.active").get_attribute("data-label") == "Open recent: system-data-model")
        field.send_keys(Keys.ENTER)
        wait.until(lambda d: d.find_element(By.ID, "workspace-path").text == str(second))
