"""End-to-end tests of the Diagram view in the real window: drag to pin (with undo, re-layout,
save and reopen), hover, focus, collapsed groups, the dark scheme, and the figures of a
1,000-table workspace (recorded in target/e2e/perf.json; only sanity is asserted).

Run with `scripts/e2e -k diagram`. The helpers and the tauri-driver fixture are test_window's.
"""

import contextlib
import csv
import json
import math
import os
import pathlib
import shutil
import subprocess
import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from test_window import (  # noqa: F401  (driver_url is a fixture)
    EXAMPLE, ROOT, SCREENSHOTS, SECOND, TARGET, click_at, driver_url, error_text, hit_point, registry_tables, replace_text, screenshot,
    wait_until_settled, wheel_at, window,
)

pytestmark = pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning")


@contextlib.contextmanager
def diagram_window(driver_url: str, *args: str):
    """test_window's `window`, left in the List view: the app remembers the view (localStorage,
    shared by every session of one run), and test_window's tests expect the list."""
    with window(driver_url, *args) as driver:
        try:
            yield driver
        finally:
            with contextlib.suppress(Exception):
                driver.find_element(By.ID, "view-list").click()
                WebDriverWait(driver, 10).until(
                    lambda d: d.execute_script("return localStorage.getItem('relata.view')") == "list")


def relationships(folder: pathlib.Path) -> list[tuple[str, str]]:
    """(child `schema.table`, parent `schema.table`) of every relationship of the folder."""
    with open(folder / "relationship_registry.csv", newline="", encoding="utf-8") as f:
        return [(f"{r['child_schema']}.{r['child_table']}", f"{r['parent_schema']}.{r['parent_table']}") for r in csv.DictReader(f)]


def neighbours(folder: pathlib.Path, table: str, depth: int) -> set[str]:
    """The tables at most `depth` relationships from `table`, computed from the CSV (the oracle)."""
    edges = relationships(folder)
    seen, frontier = {table}, {table}
    for _ in range(depth):
        frontier = {b if a in frontier else a for a, b in edges if a in frontier or b in frontier} - seen
        seen |= frontier
    return seen


def open_diagram(driver, fit: bool = True):
    """Switches to the Diagram view; with `fit`, zooms out to the whole drawing (0), as the
    diagram opens at a legible zoom that may leave part of it off screen (and out of the DOM)."""
    assert wait_until_settled(driver) == "ready", error_text(driver)
    driver.find_element(By.ID, "view-diagram").click()
    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#diagram g.table"))
    viewport = driver.find_element(By.ID, "diagram")
    if fit:
        viewport.send_keys("0")
        # The culled SVG follows the new view in a frame or two.
        time.sleep(0.3)
    return viewport


def drawn(driver) -> set[str]:
    return set(driver.execute_script(
        "return [...document.querySelectorAll('#diagram g.table')].map(g => g.dataset.table)"))


def box(driver, table: str) -> dict:
    """The drawn box of `schema.table` in diagram units, and whether it is pinned."""
    return driver.execute_script(
        "const g = document.querySelector(`#diagram g.table[data-table=\"${arguments[0]}\"]`);"
        "if (!g) return null;"
        "const r = g.querySelector('rect.body');"
        "return {x: +r.getAttribute('x'), y: +r.getAttribute('y'), pinned: g.classList.contains('pinned'),"
        "        index: +g.dataset.index};", table)


def hover(driver, selector: str):
    """Moves the real pointer onto the element `selector` (where `hit_point` finds it uncovered)."""
    point = hit_point(driver, selector)
    assert point is not None, f"{selector} is not on screen, or covered"
    actions = ActionChains(driver)
    actions.w3c_actions.pointer_action.move_to_location(*point)
    actions.perform()


def leave(driver):
    """Moves the real pointer off the diagram, onto the toolbar."""
    hover(driver, "#toolbar")


def keys(driver, *sequence):
    chain = ActionChains(driver)
    for k in sequence:
        chain = chain.send_keys(k)
    chain.perform()


def ctrl(driver, key: str, shift: bool = False):
    chain = ActionChains(driver).key_down(Keys.CONTROL)
    if shift:
        chain = chain.key_down(Keys.SHIFT)
    chain = chain.send_keys(key)
    if shift:
        chain = chain.key_up(Keys.SHIFT)
    chain.key_up(Keys.CONTROL).perform()


def scale_of(driver) -> float:
    return float(driver.find_element(By.ID, "diagram").get_attribute("data-scale"))


def selected_in_inspector(driver, name: str) -> bool:
    """Whether `name` is open in the inspector, outlined in the drawing, with Focus enabled."""
    inspector = driver.find_elements(By.ID, "inspector")
    return (bool(inspector) and inspector[0].get_attribute("data-table") == name
            and bool(d_selected := driver.find_elements(By.CSS_SELECTOR, "#diagram g.table.selected"))
            and d_selected[0].get_attribute("data-table") == name
            and driver.find_element(By.ID, "diagram-focus").is_enabled())


def click_some_table(driver, names: list[str], but: str | None) -> str:
    """Clicks, with the real pointer, the first table of `names` (other than `but`) that is on
    screen and uncovered; returns its name."""
    for name in names:
        selector = f'#diagram g.table[data-table="{name}"]'
        if name != but and hit_point(driver, selector):
            click_at(driver, selector)
            return name
    raise AssertionError(f"no table but {but} can be clicked at {scale_of(driver):.2f}")


def zoom_to(driver, viewport, at_least: float, towards: str):
    """Zooms in with the + key until the scale reaches `at_least`, panning with the arrow keys
    so that `towards`'s box stays in the middle of the screen. The arrow keys move a selection
    (issue 16), so the inspector's table is let go first (Escape) for them to pan."""
    if driver.find_elements(By.ID, "inspector"):
        viewport.send_keys(Keys.ESCAPE)
        WebDriverWait(driver, 10).until(lambda d: not d.find_elements(By.ID, "inspector"))

    def centre_on(name):
        offset = driver.execute_script(
            "const v = document.getElementById('diagram').getBoundingClientRect();"
            "const r = document.querySelector(`#diagram g.table[data-table=\"${arguments[0]}\"] rect.body`).getBoundingClientRect();"
            "return [r.x + r.width / 2 - (v.x + v.width / 2), r.y + r.height / 2 - (v.y + v.height / 2)];", name)
        steps = [Keys.ARROW_RIGHT if offset[0] > 0 else Keys.ARROW_LEFT] * int(abs(offset[0]) // 60)
        steps += [Keys.ARROW_DOWN if offset[1] > 0 else Keys.ARROW_UP] * int(abs(offset[1]) // 60)
        if steps:
            viewport.send_keys(*steps)
    while scale_of(driver) < at_least:
        centre_on(towards)
        before = scale_of(driver)
        viewport.send_keys("+")
        WebDriverWait(driver, 10).until(lambda d: scale_of(d) > before)
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, f'#diagram g.table[data-table="{towards}"]'))
    centre_on(towards)


def test_a_real_click_on_a_table_or_a_line_opens_it_at_every_zoom_and_in_focus(driver_url):
    """Regression: a click with the real mouse on a table did nothing (the viewport captures the
    pointer at the press, so the release's target was the viewport, never the table), while
    tests that dispatched events straight at the table passed. Real pointer input here only."""
    names = [t for t, _ in registry_tables(EXAMPLE)]
    with diagram_window(driver_url, str(EXAMPLE)) as driver:
        viewport = open_diagram(driver, fit=False)
        wait = WebDriverWait(driver, 15)
        assert not driver.find_element(By.ID, "diagram-pin").is_enabled()
        assert not driver.find_element(By.ID, "diagram-focus").is_enabled()

        # The zoom the example opens at: legible, every table name on screen at least 9 px high
        # (it opened at 49 %, names 6 px high).
        opened = scale_of(driver)
        assert opened >= 0.75, opened
        # A name's size on screen: its font size times the zoom (the CSS transform's scale).
        heights = driver.execute_script(
            "const v = document.getElementById('diagram').getBoundingClientRect();"
            "return [...document.querySelectorAll('#diagram g.table text.name')]"
            "  .filter(t => { const r = t.getBoundingClientRect(); return r.right > v.left && r.left < v.right && r.bottom > v.top && r.top < v.bottom; })"
            "  .map(t => parseFloat(getComputedStyle(t).fontSize) * arguments[0]);", opened)
        assert heights and min(heights) >= 9, heights
        screenshot(driver, "diagram-example-opening.png")
        chosen = click_some_table(driver, names, but=None)
        wait.until(lambda d: selected_in_inspector(d, chosen))
        assert driver.find_element(By.ID, "diagram-pin").is_enabled()
        assert scale_of(driver) == opened, "a click neither zooms nor pans"
        screenshot(driver, "diagram-select.png")

        # Fit (the inspector narrowed the viewport), 100 % and 250 %: each click opens another table.
        viewport.send_keys("0")
        chosen = click_some_table(driver, names, but=chosen)
        wait.until(lambda d: selected_in_inspector(d, chosen))
        for zoom in (1.0, 2.5):
            target = next(n for n in names if n != chosen)
            zoom_to(driver, viewport, zoom, target)
            chosen = click_some_table(driver, [target] + names, but=chosen)
            wait.until(lambda d: selected_in_inspector(d, chosen))
            assert driver.find_element(By.ID, "diagram-pin").is_enabled()
        screenshot(driver, "diagram-select-250.png")

        # A press that moves past the drag threshold pans and selects nothing.
        point = hit_point(driver, f'#diagram g.table[data-table="{chosen}"] rect.body')
        other = next(n for n in names if n != chosen)
        view = viewport.get_attribute("data-view")
        actions = ActionChains(driver)
        actions.w3c_actions.pointer_action.move_to_location(*point).pointer_down().move_by(40, 25).move_by(20, 10).pointer_up()
        actions.perform()
        wait.until(lambda d: d.find_element(By.ID, "diagram").get_attribute("data-view") != view)
        assert selected_in_inspector(driver, chosen)

        # Focus mode: the selected table and its neighbours; a click opens a neighbour.
        viewport.send_keys("0")
        viewport.send_keys("f")
        wait.until(lambda d: d.find_element(By.ID, "diagram").get_attribute("data-focus") == chosen)
        wait.until(lambda d: len(drawn(d)) > 1)
        shown = sorted(drawn(driver))
        other = click_some_table(driver, shown, but=chosen)
        wait.until(lambda d: selected_in_inspector(d, other))
        assert driver.find_element(By.ID, "diagram").get_attribute("data-focus") == chosen, "a click keeps the focus"
        screenshot(driver, "diagram-select-focus.png")
        viewport.send_keys(Keys.ESCAPE)
        wait.until(lambda d: not d.find_elements(By.ID, "focus-bar"))

        # A click on a relationship's line opens that relationship's form (line i draws row i
        # of relationship_registry.csv, as every table is drawn).
        with open(EXAMPLE / "relationship_registry.csv", newline="", encoding="utf-8") as f:
            keys_of = [r["relationship_key"] for r in csv.DictReader(f)]
        viewport.send_keys("0")
        time.sleep(0.3)
        line = next(i for i in range(len(keys_of)) if hit_point(driver, f'#diagram g.line[data-edges="{i}"] path.hit'))
        click_at(driver, f'#diagram g.line[data-edges="{line}"] path.hit')
        wait.until(lambda d: d.find_elements(By.ID, "relationship-form")
                   and d.find_element(By.ID, "relationship-form").get_attribute("data-key") == keys_of[line])
        screenshot(driver, "diagram-select-line.png")


def test_an_error_shows_in_the_diagram_view_until_dismissed(driver_url, tmp_path):
    """Regression: opening a path that does not exist from the Diagram view showed nothing (the
    error panel sat under the diagram, which covers its area); it appeared only in the List."""
    missing = tmp_path / "no-such-workspace"
    with diagram_window(driver_url, str(EXAMPLE)) as driver:
        open_diagram(driver)
        wait = WebDriverWait(driver, 15)
        banner = driver.find_element(By.ID, "error")
        assert not banner.is_displayed()

        def open_missing():
            replace_text(driver.find_element(By.ID, "open-path"), str(missing))
            driver.find_element(By.ID, "open-button").click()
            wait.until(lambda d: d.find_element(By.ID, "error").is_displayed())

        def seen() -> bool:
            """The banner's title is on screen and nothing covers it."""
            return driver.execute_script(
                "const t = document.getElementById('error-title').getBoundingClientRect();"
                "const x = t.x + Math.min(t.width, 40) / 2, y = t.y + t.height / 2;"
                "return t.width > 0 && y > 0 && y < innerHeight && document.getElementById('error').contains(document.elementFromPoint(x, y));")

        open_missing()
        assert banner.get_attribute("data-code") == "NotFound"
        assert driver.find_element(By.ID, "error-title").text == "Workspace not found"
        assert str(missing) in driver.find_element(By.ID, "error-message").text
        assert seen(), "the banner is visible, not under the diagram"
        # Legible: the message is at least 12 px, the title larger.
        assert float(driver.execute_script("return parseFloat(getComputedStyle(document.getElementById('error-message')).fontSize)")) >= 12
        # The diagram stays, with the workspace that was open.
        assert driver.find_elements(By.CSS_SELECTOR, "#diagram g.table")
        screenshot(driver, "diagram-error-banner.png")

        # It lasts: still there after a while and after the List and back.
        time.sleep(2)
        driver.find_element(By.ID, "view-list").click()
        assert seen()
        driver.find_element(By.ID, "view-diagram").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#diagram g.table"))
        assert seen()

        # Escape dismisses it (the focus is still in the path field).
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()
        wait.until(lambda d: not d.find_element(By.ID, "error").is_displayed())

        # So does its × button, reached with the keyboard.
        open_missing()
        driver.find_element(By.ID, "error-dismiss").send_keys(Keys.ENTER)
        wait.until(lambda d: not d.find_element(By.ID, "error").is_displayed())


def test_drag_pins_a_table_through_relayout_undo_redo_and_reopen(driver_url, tmp_path):
    """Dragging a header moves the table live; the drop is one undoable SetPin; the pin survives
    re-layout and save/reopen, and shows a pin marker."""
    folder = tmp_path / "sdm"
    shutil.copytree(SECOND, folder)
    name = registry_tables(folder)[0][0]
    header = f'#diagram g.table[data-table="{name}"] g.table-header rect'
    with diagram_window(driver_url, str(folder)) as driver:
        viewport = open_diagram(driver)
        wait = WebDriverWait(driver, 20)
        before = box(driver, name)
        assert before and not before["pinned"]
        scale = float(viewport.get_attribute("data-scale"))
        # Up and left of everything: free space, so nothing else has to move for the pin.
        dx, dy = -120.0, -90.0
        # Pressed on the header and moved in five steps with the real pointer, not yet released.
        start = hit_point(driver, header)
        assert start is not None, "the header is on screen"
        press = ActionChains(driver)
        press.w3c_actions.pointer_action.move_to_location(*start).pointer_down()
        for k in range(1, 6):
            press.w3c_actions.pointer_action.move_to_location(round(start[0] + dx * k / 5), round(start[1] + dy * k / 5))
        press.perform()
        live = box(driver, name)
        assert abs(live["x"] - (before["x"] + dx / scale)) <= 1 and abs(live["y"] - (before["y"] + dy / scale)) <= 1, (before, live, scale)
        screenshot(driver, "diagram-drag.png")
        release = ActionChains(driver)
        release.w3c_actions.pointer_action.pointer_up()
        release.perform()
        expected = (round(before["x"] + dx / scale), round(before["y"] + dy / scale))
        wait.until(lambda d: (box(d, name) or {}).get("pinned"))
        pinned = box(driver, name)
        assert (pinned["x"], pinned["y"]) == expected
        assert driver.find_elements(By.CSS_SELECTOR, f'#diagram g.table[data-table="{name}"] g.pin')
        assert "pin table" in driver.find_element(By.ID, "undo-button").get_attribute("title").lower()

        driver.find_element(By.ID, "diagram-relayout").click()
        time.sleep(1)
        assert (box(driver, name)["x"], box(driver, name)["y"]) == expected, "re-layout keeps the pin"

        ctrl(driver, "z")
        wait.until(lambda d: not box(d, name)["pinned"])
        assert (box(driver, name)["x"], box(driver, name)["y"]) == (before["x"], before["y"]), "undo puts it back"
        ctrl(driver, "z", shift=True)
        wait.until(lambda d: box(d, name)["pinned"])
        assert (box(driver, name)["x"], box(driver, name)["y"]) == expected, "redo pins it again"
        screenshot(driver, "diagram-pinned.png")

        ctrl(driver, "s")
        wait.until(lambda d: d.find_element(By.ID, "save-button").text == "Saved")
    saved = json.loads((folder / "relata.json").read_text(encoding="utf-8"))
    schema, table = name.split(".")
    assert {"schema": schema, "table": table, "x": expected[0], "y": expected[1]} in [
        {k: p[k] for k in ("schema", "table", "x", "y")} for p in saved.get("pins", [])], saved.get("pins")

    with diagram_window(driver_url, str(folder)) as driver:
        open_diagram(driver)
        reopened = box(driver, name)
        assert reopened["pinned"] and (reopened["x"], reopened["y"]) == expected, "the pin is in the workspace"
        # P on the selected table unpins it (one more undoable edit).
        click_at(driver, f'#diagram g.table[data-table="{name}"] rect.body')
        WebDriverWait(driver, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#diagram g.table.selected"))
        keys(driver, "p")
        WebDriverWait(driver, 15).until(lambda d: not box(d, name)["pinned"])


def test_hover_lights_neighbours_and_dims_the_rest(driver_url):
    folder = SECOND
    edges = relationships(folder)
    # A table with at least two relationships, so there is something to light.
    name = max({a for a, _ in edges} | {b for _, b in edges}, key=lambda t: sum(t in e for e in edges))
    with diagram_window(driver_url, str(folder)) as driver:
        viewport = open_diagram(driver)
        hover(driver, f'#diagram g.table[data-table="{name}"] rect.body')
        WebDriverWait(driver, 10).until(lambda d: "hovering" in d.find_element(By.ID, "diagram").get_attribute("class"))
        lit = set(driver.execute_script(
            "return [...document.querySelectorAll('#diagram g.table.hl')].map(g => g.dataset.table)"))
        assert lit == neighbours(folder, name, 1)
        lit_lines = driver.execute_script("return document.querySelectorAll('#diagram g.line.hl').length")
        assert lit_lines == sum(name in e for e in edges)
        other = next(t for t, _ in registry_tables(folder) if t not in lit)
        opacity = driver.execute_script(
            "return getComputedStyle(document.querySelector(`#diagram g.table[data-table=\"${arguments[0]}\"]`)).opacity", other)
        assert float(opacity) < 0.5, opacity
        screenshot(driver, "diagram-hover-table.png")

        # A relationship lights its two tables and the rows it joins (rows are drawn from 40 %).
        leave(driver)
        driver.execute_script("document.getElementById('diagram').focus()")
        for _ in range(12):
            if float(viewport.get_attribute("data-scale")) >= 0.5:
                break
            keys(driver, "+")
        shown = drawn(driver)
        index = next(i for i, (a, b) in enumerate(edges) if a in shown and b in shown and a != b
                     and driver.find_elements(By.CSS_SELECTOR, f'#diagram g.line[data-edges="{i}"]'))
        child, parent = edges[index]
        hover(driver, f'#diagram g.line[data-edges="{index}"] path.hit')
        WebDriverWait(driver, 10).until(lambda d: set(d.execute_script(
            "return [...document.querySelectorAll('#diagram g.table.hl')].map(g => g.dataset.table)")) == {child, parent})
        assert driver.execute_script("return document.querySelectorAll('#diagram g.row.joined').length") >= 2
        screenshot(driver, "diagram-hover-line.png")
        leave(driver)
        WebDriverWait(driver, 10).until(lambda d: "hovering" not in viewport.get_attribute("class"))


def test_focus_shows_exactly_the_neighbourhood(driver_url):
    folder = SECOND
    everything = {t for t, _ in registry_tables(folder)}
    edges = relationships(folder)
    name = max(everything, key=lambda t: sum(t in e for e in edges))
    with diagram_window(driver_url, str(folder)) as driver:
        open_diagram(driver)
        wait = WebDriverWait(driver, 20)
        click_at(driver, f'#diagram g.table[data-table="{name}"] rect.body')
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#diagram g.table.selected"))
        keys(driver, "f")
        wait.until(lambda d: drawn(d) == neighbours(folder, name, 1))
        assert driver.find_element(By.ID, "diagram").get_attribute("data-focus") == name
        screenshot(driver, "diagram-focus-1.png")
        keys(driver, "]")
        wait.until(lambda d: drawn(d) == neighbours(folder, name, 2))
        assert driver.find_element(By.ID, "focus-depth").text == "2 steps"
        driver.find_element(By.ID, "focus-less").click()
        wait.until(lambda d: drawn(d) == neighbours(folder, name, 1))
        driver.execute_script("document.getElementById('diagram').focus()")
        keys(driver, Keys.ESCAPE)
        wait.until(lambda d: drawn(d) == everything)
        assert not driver.find_elements(By.ID, "focus-bar")


def test_collapsed_group_is_one_box_with_folded_lines(driver_url):
    folder = SECOND
    tables = registry_tables(folder)
    edges = relationships(folder)
    module_of = dict(tables)
    # The module with the most relationships leaving it.
    module = max({m for _, m in tables}, key=lambda m: sum((module_of[a] == m) != (module_of[b] == m) for a, b in edges))
    members = {t for t, m in tables if m == module}
    with diagram_window(driver_url, str(folder)) as driver:
        open_diagram(driver)
        wait = WebDriverWait(driver, 15)
        click_at(driver, f'#diagram [data-toggle-group="{module}"] rect')
        group = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'#diagram g.group-box[data-name="{module}"]'))
        assert int(group.get_attribute("data-count")) == len(members)
        assert drawn(driver) == {t for t, _ in tables} - members
        # Lines to the box: one per other end, standing for every relationship crossing the frame.
        folded = driver.execute_script(
            "const g = arguments[0];"
            "return [...document.querySelectorAll('#diagram g.line')].map(l => l.dataset.edges.split(' ').map(Number))", group)
        crossing = [i for i, (a, b) in enumerate(edges) if (a in members) != (b in members)]
        others = {b if a in members else a for a, b in edges if (a in members) != (b in members)}
        listed = sorted(i for line in folded for i in line if i in crossing)
        assert listed == crossing
        assert sum(1 for line in folded if set(line) <= set(crossing)) == len(others)
        screenshot(driver, "diagram-collapsed.png")
        click_at(driver, f'#diagram g.group-box [data-toggle-group="{module}"] rect')
        wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "#diagram g.group-box"))
        assert drawn(driver) == {t for t, _ in tables}

        # The palette runs the diagram's actions: collapse every group, then expand them, which
        # goes back to the view from before the boxes were packed and fitted.
        before = (scale_of(driver), driver.find_element(By.ID, "diagram").get_attribute("data-view"))
        for label, boxes in (("collapse every group", len({m for _, m in tables})), ("expand every group", 0)):
            ctrl(driver, "k")
            field = wait.until(lambda d: d.find_element(By.ID, "palette-input"))
            field.send_keys(label)
            wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#palette-results li[data-kind="command"]'))
            field.send_keys(Keys.ENTER)
            wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#diagram g.group-box")) == boxes)
            if boxes:
                assert drawn(driver) == set()
                # Collapse all lays the boxes out again: a compact grid fitted to the screen,
                # each box whole on screen, apart from the others, its name legible.
                time.sleep(0.3)
                boxes_on_screen = driver.execute_script(
                    "const v = document.getElementById('diagram').getBoundingClientRect();"
                    "return [...document.querySelectorAll('#diagram g.group-box')].map(g => {"
                    "  const r = g.querySelector('rect.group-box-body').getBoundingClientRect();"
                    "  const n = g.querySelector('text.group-box-name').getBoundingClientRect();"
                    "  return [r.left - v.left, r.top - v.top, r.right - v.left, r.bottom - v.top, n.height, v.width, v.height]; })")
                for left, top, right, bottom, name_height, width, height in boxes_on_screen:
                    assert 0 <= left and right <= width and 0 <= top and bottom <= height, boxes_on_screen
                    assert name_height >= 9, boxes_on_screen
                for i, a in enumerate(boxes_on_screen):
                    for b in boxes_on_screen[i + 1:]:
                        assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
                screenshot(driver, "diagram-all-collapsed.png")
                assert (scale_of(driver), driver.find_element(By.ID, "diagram").get_attribute("data-view")) != before
        wait.until(lambda d: (scale_of(d), d.find_element(By.ID, "diagram").get_attribute("data-view")) == before)

        # With nothing focused (a dialog or the palette just closed), the diagram's keys work.
        driver.execute_script("document.activeElement?.blur()")
        assert driver.execute_script("return document.activeElement === document.body")
        ActionChains(driver).send_keys("C").perform()
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#diagram g.group-box")) == len({m for _, m in tables}))
        ActionChains(driver).send_keys("E").perform()
        wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "#diagram g.group-box"))

        # Collapsed groups are remembered per workspace for the next start.
        click_at(driver, f'#diagram [data-toggle-group="{module}"] rect')
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f'#diagram g.group-box[data-name="{module}"]'))
    with diagram_window(driver_url, str(folder)) as driver:
        open_diagram(driver)
        wait = WebDriverWait(driver, 15)
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f'#diagram g.group-box[data-name="{module}"]'))
        assert drawn(driver) == {t for t, _ in tables} - members
        # Expanded again, so the next tests (same window storage) see every table.
        click_at(driver, f'#diagram g.group-box [data-toggle-group="{module}"] rect')
        wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "#diagram g.group-box"))


def test_diagram_follows_the_dark_scheme(driver_url):
    with diagram_window(driver_url, str(SECOND)) as driver:
        open_diagram(driver)
        light = driver.execute_script("return getComputedStyle(document.querySelector('#diagram')).backgroundColor")
        driver.execute_script("document.documentElement.dataset.theme = 'dark'")
        dark = driver.execute_script("return getComputedStyle(document.querySelector('#diagram')).backgroundColor")
        body = driver.execute_script("return getComputedStyle(document.querySelector('#diagram g.table rect.body')).fill")
        assert light != dark and body != "rgb(255, 255, 255)", (light, dark, body)
        driver.execute_script("document.getElementById('diagram').focus()")
        keys(driver, "+", "+")
        screenshot(driver, "diagram-dark.png")


def test_thousand_tables_open_pan_and_zoom_figures(driver_url, tmp_path):
    """Generates a 1,000-table workspace, and records in target/e2e/perf.json (perf-software.json
    without compositing) the time from the
    Diagram button to the first frame with the diagram drawn, and pan and zoom frame times
    (requestAnimationFrame deltas). Asserts sanity only: this is a measurement, not a timed test."""
    big = tmp_path / "big.relata"
    env = dict(os.environ, CARGO_TARGET_DIR=str(TARGET))
    subprocess.run(["cargo", "run", "-q", "--locked", "-p", "relata-cli", "--bin", "relata", "--", "generate", "1000", "-o", str(big)],
                   cwd=ROOT, env=env, check=True)
    # scripts/test runs this twice: composited (as on a machine with a GPU) and without
    # compositing (what the app chooses without one); the figures go to one file each.
    software = os.environ.get("WEBKIT_DISABLE_COMPOSITING_MODE", "0") != "0"
    figures: dict = {"tables": 1000, "load": pathlib.Path("/proc/loadavg").read_text().split()[:3],
                     "painting": "software (compositing off)" if software else "composited"}
    out = SCREENSHOTS / ("perf-software.json" if software else "perf.json")
    # WebDriver screenshots never return when WebKitGTK 2.50 paints without compositing.
    shoot = (lambda driver, name: None) if software else screenshot
    # Plain `window`: this session leaves the Diagram view remembered for the next one.
    with window(driver_url, str(big)) as driver:
        started = time.monotonic()
        assert wait_until_settled(driver) == "ready", error_text(driver)
        figures["app_start_to_ready_s"] = round(time.monotonic() - started, 3)
        # Earlier tests may have left the Diagram view remembered: start from the list.
        driver.find_element(By.ID, "view-list").click()
        WebDriverWait(driver, 60).until(lambda d: not d.find_elements(By.ID, "diagram"))
        # The real click's press is the start: the page notes when it arrives.
        driver.execute_script(
            "document.getElementById('view-diagram').addEventListener('pointerdown',"
            "  () => { window.__clicked = performance.now(); }, {once: true, capture: true});")
        click_at(driver, "#view-diagram")
        WebDriverWait(driver, 120).until(lambda d: d.execute_script(
            "const v = document.getElementById('diagram'); return v && v.dataset.drawnAt"))
        figures["diagram_click_to_drawn_ms"] = round(driver.execute_script(
            "return +document.getElementById('diagram').dataset.drawnAt - window.__clicked"), 1)
        viewport = driver.find_element(By.ID, "diagram")
        figures["diagram_click_to_render_start_ms"] = round(float(viewport.get_attribute("data-created-at")) - driver.execute_script("return window.__clicked"), 1)
        figures["render_start_to_drawn_ms"] = round(float(viewport.get_attribute("data-drawn-at")) - float(viewport.get_attribute("data-created-at")), 1)
        assert int(viewport.get_attribute("data-tables")) == 1000
        # It opens legible (75 %, centred on the largest group), as SVG: every table name on
        # screen is drawn at 9 px or more once the tables on screen are mounted.
        figures["opening_scale"] = float(viewport.get_attribute("data-scale"))
        figures["renderer_at_opening"] = viewport.get_attribute("data-renderer")
        assert figures["opening_scale"] >= 0.75 and figures["renderer_at_opening"] == "svg", figures
        WebDriverWait(driver, 60).until(lambda d: viewport.get_attribute("data-mounting") == "false")
        names = driver.execute_script(
            "const v = document.getElementById('diagram').getBoundingClientRect();"
            "return [...document.querySelectorAll('#diagram g.table text.name')]"
            "  .filter(t => { const r = t.getBoundingClientRect(); return r.right > v.left && r.left < v.right && r.bottom > v.top && r.top < v.bottom; })"
            "  .map(t => parseFloat(getComputedStyle(t).fontSize) * arguments[0]);", figures["opening_scale"])
        assert names and min(names) >= 9, names
        figures["names_on_screen_at_opening"] = len(names)
        shoot(driver, "diagram-1000-opening.png")
        # The figures below are at fit (0), the whole drawing on the canvas.
        viewport.send_keys("0")
        WebDriverWait(driver, 30).until(lambda d: viewport.get_attribute("data-renderer") == "canvas")
        time.sleep(0.5)
        figures["drawn_tables_at_fit"] = int(viewport.get_attribute("data-drawn-tables"))
        figures["renderer_at_fit"] = viewport.get_attribute("data-renderer")
        figures["overview_paint_ms"] = float(viewport.get_attribute("data-paint-ms") or 0)
        shoot(driver, "diagram-1000.png")
        # Frames are timed by the page (requestAnimationFrame deltas) while the real wheel
        # turns (xdotool): 30 notches one way and 30 back, so the drawing stays on screen.
        record = """
            const v = document.getElementById('diagram');
            window.__frames = []; window.__stop = false; let last = null;
            function step(t) {
              if (last !== null) window.__frames.push([+(t - last).toFixed(1), +v.dataset.scale, v.dataset.renderer, +v.dataset.drawnTables]);
              last = t;
              if (!window.__stop) requestAnimationFrame(step);
            }
            requestAnimationFrame(step);
        """

        def measure(kind: str, notches: int = 30) -> dict:
            r = viewport.rect
            driver.execute_script(record)
            for up in (True, False):
                wheel_at(driver, r["x"] + r["width"] / 2, r["y"] + r["height"] / 2, notches,
                         up=up if kind == "zoom" else not up, ctrl=kind == "zoom")
            frames = driver.execute_script("window.__stop = true; return window.__frames;")
            deltas = sorted(f[0] for f in frames)
            q = lambda p: deltas[min(len(deltas) - 1, int(p * len(deltas)))]  # noqa: E731
            return {"median": q(0.5), "p95": q(0.95), "max": deltas[-1], "frames": len(deltas),
                    "drawn": int(viewport.get_attribute("data-drawn-tables") or 0),
                    "scale": float(viewport.get_attribute("data-scale")),
                    # The slowest frames with the zoom, renderer and tables drawn when each ended.
                    "worst": sorted((f for f in frames if f[0] > 33), key=lambda f: -f[0])[:8]}

        driver.set_script_timeout(120)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        figures["pan_at_fit_ms"] = measure("pan")
        out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        figures["zoom_ms"] = measure("zoom")
        out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        # Zoomed in to 100 % on the left edge, where the generated layout has tables (checked
        # below: some are drawn): rows drawn as SVG, culled to the screen.
        # The SVG comes when the zoom rests (a large diagram keeps its canvas while zooming):
        # recorded from the last wheel event to the frame where every table on screen is drawn.
        # One turn of the real wheel with Control, enough notches (about ×1.19 each) to pass
        # 100 %; the page notes when the last one arrives, and the time runs from there to the
        # frame where every table on screen is drawn as SVG.
        at = driver.execute_script(
            "const v = document.getElementById('diagram'); const r = v.getBoundingClientRect();"
            "v.addEventListener('wheel', () => { window.__lastWheel = performance.now(); }, {capture: true, passive: true});"
            "const [x, y] = v.dataset.view.split(' ').map(Number); const s = +v.dataset.scale;"
            "return [r.x + x + 250 * s, r.y + y + 2400 * s, s];")
        notches = max(1, math.ceil(math.log(1 / at[2]) / math.log(1.18)) + 1)
        wheel_at(driver, at[0], at[1], notches, up=True, ctrl=True)
        figures["zoom_rest_to_detail"] = driver.execute_async_script(
            "const done = arguments[arguments.length - 1]; const notches = arguments[0];"
            "const v = document.getElementById('diagram');"
            "const t0 = window.__lastWheel; const deltas = []; let last = performance.now();"
            "function step(t) {"
            "  deltas.push(t - last); last = t;"
            "  if ((v.dataset.renderer === 'svg' && v.dataset.mounting === 'false') || t - t0 > 20000) {"
            "    done({ms: +(t - t0).toFixed(1), frames: deltas.length, max_frame_ms: +Math.max(...deltas).toFixed(1),"
            "          renderer: v.dataset.renderer, notches}); return; }"
            "  requestAnimationFrame(step);"
            "}"
            "requestAnimationFrame(step);", notches)
        assert figures["zoom_rest_to_detail"]["renderer"] == "svg", figures["zoom_rest_to_detail"]
        WebDriverWait(driver, 30).until(lambda d: float(viewport.get_attribute("data-scale")) >= 1)
        time.sleep(1)
        figures["pan_at_100_percent_ms"] = measure("pan")
        assert figures["pan_at_100_percent_ms"]["drawn"] > 0, "zoomed in on tables"
        shoot(driver, "diagram-1000-zoomed.png")
    # The view is remembered: a second start opens straight into the diagram, so the page's
    # clock at "drawn" is open → fully drawn (workspace load, layout, IPC, first paint).
    with diagram_window(driver_url, str(big)) as driver:
        started = time.monotonic()
        WebDriverWait(driver, 120).until(lambda d: d.execute_script(
            "const v = document.getElementById('diagram'); return v && v.dataset.drawnAt"))
        figures["restart_in_diagram_view_wall_s"] = round(time.monotonic() - started, 3)
        viewport = driver.find_element(By.ID, "diagram")
        figures["page_start_to_drawn_ms"] = float(viewport.get_attribute("data-drawn-at"))
        figures["page_start_to_render_start_ms"] = float(viewport.get_attribute("data-created-at"))

        # A real click on a table painted on the canvas (at fit) opens it. The canvas has no
        # elements: where the table is comes from its box in the SVG at the opening zoom, in
        # drawing units through the view's transform, carried to the fitted view.
        WebDriverWait(driver, 60).until(lambda d: viewport.get_attribute("data-mounting") == "false")
        transform = ("const v = document.getElementById('diagram'); const vr = v.getBoundingClientRect();"
                     "const m = new DOMMatrix(getComputedStyle(v.querySelector('.diagram-canvas')).transform);")
        target = driver.execute_script(
            transform +
            "for (const g of v.querySelectorAll('g.table')) {"
            "  const r = g.querySelector('rect.body').getBoundingClientRect();"
            "  if (r.left > vr.left && r.right < vr.right && r.top > vr.top && r.bottom < vr.bottom)"
            "    return {name: g.dataset.table, x: (r.left + r.width / 2 - vr.left - m.e) / m.a, y: (r.top + r.height / 2 - vr.top - m.f) / m.d};"
            "}"
            "return null;")
        assert target, "a table is on screen at the opening zoom"
        viewport.send_keys("0")
        WebDriverWait(driver, 30).until(lambda d: viewport.get_attribute("data-renderer") == "canvas")
        point = driver.execute_script(
            transform + "return [Math.round(vr.left + m.e + arguments[0] * m.a), Math.round(vr.top + m.f + arguments[1] * m.d)];",
            target["x"], target["y"])
        actions = ActionChains(driver)
        actions.w3c_actions.pointer_action.move_to_location(*point).click()
        actions.perform()
        WebDriverWait(driver, 15).until(
            lambda d: (d.find_elements(By.ID, "inspector") or [None])[0] is not None
            and d.find_element(By.ID, "inspector").get_attribute("data-table") == target["name"])
        assert viewport.get_attribute("data-renderer") == "canvas"
        shoot(driver, "diagram-1000-canvas-select.png")
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))
    assert figures["diagram_click_to_drawn_ms"] > 0
    for key in ("pan_at_fit_ms", "zoom_ms", "pan_at_100_percent_ms"):
        assert figures[key]["frames"] >= 10 and figures[key]["median"] > 0, figures[key]


def test_palette_jump_selects_a_table_and_centres_it_legibly(driver_url):
    """Ctrl+K, a table's exact name, Enter: the table (ranked above the relationship keys that
    start with its name) is selected and the diagram pans and zooms so that it sits in the
    middle of the viewport at a legible zoom (at least 75 %)."""
    folder = ROOT / "registries" / "zellij"
    table = "public.commits"
    with diagram_window(driver_url, str(folder)) as driver:
        wait = WebDriverWait(driver, 15)
        viewport = open_diagram(driver)
        assert scale_of(driver) < 0.75, "fitted whole, the diagram is below the legible zoom"
        ctrl(driver, "k")
        field = wait.until(lambda d: d.find_element(By.ID, "palette-input"))
        field.send_keys("commits")
        first = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#palette-results .palette-item.active"))
        assert (first.get_attribute("data-kind"), first.get_attribute("data-label")) == ("table", table)
        kinds = [i.get_attribute("data-kind") for i in driver.find_elements(By.CSS_SELECTOR, "#palette-results .palette-item")]
        assert "relationship" in kinds, "relationship keys starting with the name are offered too, below it"
        field.send_keys(Keys.ENTER)

        wait.until(lambda d: not d.find_elements(By.ID, "palette"))
        wait.until(lambda d: d.find_element(By.ID, "inspector").get_attribute("data-table") == table)
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f'#diagram g.table.selected[data-table="{table}"]'))
        wait.until(lambda d: scale_of(d) >= 0.75)

        def offset() -> tuple[float, float]:
            return tuple(driver.execute_script(
                "const v = arguments[0].getBoundingClientRect();"
                "const t = document.querySelector(`#diagram g.table[data-table=\"${arguments[1]}\"]`).getBoundingClientRect();"
                "return [t.x + t.width / 2 - (v.x + v.width / 2), t.y + t.height / 2 - (v.y + v.height / 2)]", viewport, table))
        wait.until(lambda d: all(abs(o) <= 2 for o in offset()))
        screenshot(driver, "palette-jump.png")
