"""End-to-end stories of designing on the canvas (issue 16), with the real pointer and keyboard:
a relationship drawn by dragging from a column row's port onto another table's header or column
row, the targets lit while dragging, the finding a mismatched drop would cause shown before the
drop, Escape cancelling, one undo taking a drop back.

Run with `scripts/e2e -k canvas`. The helpers and the tauri-driver fixture are test_window's and
test_diagram's.
"""

import contextlib
import shutil
import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from test_diagram import diagram_window, open_diagram
from test_window import EXAMPLE, SECOND, chord, driver_url, error_text, replace_text, screenshot, wait_until_settled  # noqa: F401

pytestmark = pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning")


CHILD, PARENT = "public.table_overview", "core_metadata.ref_compute_method_registry"


def status(driver, what: str) -> str:
    """A count of the status bar (`errors`, `relationships`, …), as the window shows it."""
    return driver.find_element(By.ID, "status-bar").get_attribute(f"data-{what}")


def centre(driver, selector: str) -> tuple[int, int]:
    """The centre (viewport CSS px) of the element `selector`, which must be on screen."""
    point = driver.execute_script(
        "const el = document.querySelector(arguments[0]);"
        "if (!el) return null;"
        "const r = el.getBoundingClientRect();"
        "return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];", selector)
    assert point is not None, f"{selector} is not drawn"
    return point[0], point[1]


def port(table: str, column: str, side: str) -> str:
    return f'#diagram g.table[data-table="{table}"] g.row[data-column="{column}"] circle.port[data-side="{side}"]'


def header(table: str) -> str:
    return f'#diagram g.table[data-table="{table}"] g.table-header rect'


def row(table: str, column: str) -> str:
    return f'#diagram g.table[data-table="{table}"] g.row[data-column="{column}"] text.col'


def press_and_drag(driver, start: tuple[int, int], end: tuple[int, int], steps: int = 8) -> None:
    """Presses the real pointer at `start` and moves it to `end` in `steps`, not releasing it."""
    chain = ActionChains(driver)
    chain.w3c_actions.pointer_action.move_to_location(*start).pointer_down()
    for k in range(1, steps + 1):
        chain.w3c_actions.pointer_action.move_to_location(round(start[0] + (end[0] - start[0]) * k / steps),
                                                         round(start[1] + (end[1] - start[1]) * k / steps))
    chain.perform()


def release(driver) -> None:
    chain = ActionChains(driver)
    chain.w3c_actions.pointer_action.pointer_up()
    chain.perform()


def relationships_between(driver, child: str, parent: str) -> list[dict]:
    """The relationships from `child` to `parent` as the shell holds them (the palette's index)."""
    driver.set_script_timeout(30)
    index = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "window.__TAURI_INTERNALS__.invoke('search_index').then(done, (e) => done({error: e}));")
    assert "error" not in index, index
    return [r for r in index["relationships"]
            if f"{r['child']['schema']}.{r['child']['table']}" == child and f"{r['parent']['schema']}.{r['parent']['table']}" == parent]


def test_canvas_drag_from_a_column_to_a_header_relates_on_the_key_with_no_error_and_undo_removes_it(driver_url, tmp_path):
    """Issue 16, story 1's step 2 on the bundled example: a drag from a column row's port of
    table_overview lights every table it can be dropped on; over ref_compute_method_registry's
    header the tooltip names the relationship on its composite key (method_id, version) and the
    columns it adds; the drop makes one relationship with zero error findings; one Ctrl+Z takes
    it and its columns back."""
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    key = "table_overview__method_id_version__ref_compute_method_registry"
    with diagram_window(driver_url, str(folder)) as driver:
        viewport = open_diagram(driver, fit=False)
        wait = WebDriverWait(driver, 20)
        wait.until(lambda d: status(d, "errors") == "0")
        before = int(status(driver, "relationships"))
        assert relationships_between(driver, CHILD, PARENT) == []
        # Each table has an accessible name: what it is, its columns and its module.
        named = driver.find_element(By.CSS_SELECTOR, f'#diagram g.table[data-table="{PARENT}"]').get_attribute("aria-label")
        assert named == f"table {PARENT}, 13 columns, module Compute Method Registry", named

        press_and_drag(driver, centre(driver, port(CHILD, "table_name", "left")), centre(driver, header(PARENT)))
        assert "relating" in viewport.get_attribute("class")
        lit = {g.get_attribute("data-table") for g in driver.find_elements(By.CSS_SELECTOR, "#diagram g.table.drop-target")}
        assert PARENT in lit and len(lit) == 6, lit
        over = driver.find_elements(By.CSS_SELECTOR, "#diagram g.table.drop-over")
        assert [g.get_attribute("data-table") for g in over] == [PARENT]
        tip = wait.until(lambda d: d.find_element(By.ID, "relate-tip"))
        wait.until(lambda d: key in tip.text)
        assert "method_id varchar" in tip.text and "version varchar" in tip.text, tip.text
        assert "problem" not in tip.get_attribute("class")
        screenshot(driver, "canvas-relate-drag.png")
        release(driver)

        wait.until(lambda d: "Added relationship " + key in d.find_element(By.ID, "status-message").text)
        wait.until(lambda d: status(d, "relationships") == str(before + 1))
        made = relationships_between(driver, CHILD, PARENT)
        assert [r["key"] for r in made] == [key], made
        assert status(driver, "errors") == "0", "the drop leaves no error finding"
        assert not driver.find_elements(By.CSS_SELECTOR, "#diagram g.table.drop-target, #relate-tip")

        chord(driver, "z")
        wait.until(lambda d: status(d, "relationships") == str(before))
        assert relationships_between(driver, CHILD, PARENT) == []
        wait.until(lambda d: status(d, "errors") == "0")


def test_canvas_a_mismatched_drop_shows_r303_first_and_escape_cancels_a_drag(driver_url, tmp_path):
    """Issue 16: over a column whose type does not match the dragged one's, the tooltip shows the
    R303 finding the relationship would have before the drop, and the drop still makes it (the
    rule is a finding, not a refusal); Escape in the middle of a drag cancels it."""
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    with diagram_window(driver_url, str(folder)) as driver:
        viewport = open_diagram(driver, fit=False)
        wait = WebDriverWait(driver, 20)
        wait.until(lambda d: status(d, "errors") == "0")
        before = int(status(driver, "relationships"))

        # Escape cancels: nothing is made, nothing stays lit.
        press_and_drag(driver, centre(driver, port(CHILD, "table_id", "left")), centre(driver, row(PARENT, "status")))
        wait.until(lambda d: d.find_elements(By.ID, "relate-tip"))
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()
        wait.until(lambda d: "relating" not in viewport.get_attribute("class"))
        release(driver)
        time.sleep(1)
        assert status(driver, "relationships") == str(before)
        assert not driver.find_elements(By.CSS_SELECTOR, "#diagram g.table.drop-target, #relate-tip")

        # table_id is uuid, method_id varchar: R303 shows while the pointer is still down.
        press_and_drag(driver, centre(driver, port(CHILD, "table_id", "left")), centre(driver, row(PARENT, "method_id")))
        tip = wait.until(lambda d: d.find_element(By.ID, "relate-tip"))
        wait.until(lambda d: "R303" in (tip.get_attribute("data-codes") or ""))
        assert "problem" in tip.get_attribute("class") and "R303" in tip.text and "uuid" in tip.text, tip.text
        assert driver.find_elements(By.CSS_SELECTOR, f'#diagram g.table.drop-mismatch[data-table="{PARENT}"] g.row.drop-row[data-column="method_id"]')
        screenshot(driver, "canvas-relate-mismatch.png")
        release(driver)
        wait.until(lambda d: status(d, "relationships") == str(before + 1))
        made = relationships_between(driver, CHILD, PARENT)
        assert [r["key"] for r in made] == ["table_overview__table_id__ref_compute_method_registry"], made
        wait.until(lambda d: int(status(d, "errors")) >= 1)
        chord(driver, "z")
        wait.until(lambda d: status(d, "relationships") == str(before) and status(d, "errors") == "0")


def frame_spot(driver, module: str) -> tuple[int, int]:
    """A point (viewport CSS px) on the empty part of `module`'s group frame: the first of a grid
    over the frame where the pointer would land on the frame itself."""
    point = driver.execute_script(
        "const f = document.querySelector(`#diagram rect.frame[data-name=\"${arguments[0]}\"]`);"
        "if (!f) return null;"
        "const r = f.getBoundingClientRect();"
        "for (let fy = 0.9; fy > 0.1; fy -= 0.05) for (let fx = 0.1; fx < 0.9; fx += 0.05) {"
        "  const x = Math.round(r.left + r.width * fx), y = Math.round(r.top + r.height * fy);"
        "  if (document.elementFromPoint(x, y) === f) return [x, y];"
        "}"
        "return null;", module)
    assert point is not None, f"no empty spot in {module}'s frame"
    return point[0], point[1]


def double_click(driver, point: tuple[int, int]) -> None:
    chain = ActionChains(driver)
    chain.w3c_actions.pointer_action.move_to_location(*point).double_click()
    chain.perform()


def double_click_until(driver, point: tuple[int, int], what):
    """Double-clicks at `point` until `what(driver)` holds (three tries): on a loaded machine the
    two clicks can arrive further apart than the double-click time, and WebKit then sees two
    single clicks, as a person clicking too slowly would, who clicks again."""
    from selenium.common.exceptions import TimeoutException
    for _ in range(3):
        double_click(driver, point)
        try:
            return WebDriverWait(driver, 4).until(what)
        except TimeoutException:
            continue
    raise AssertionError(f"a double-click at {point} did not take")


def undo_title(driver) -> str:
    return driver.find_element(By.ID, "undo-button").get_attribute("title")


def test_canvas_double_click_creates_a_table_pinned_there_and_renames_in_place(driver_url, tmp_path):
    """Issue 16, "create where you point": a double-click on the empty part of a group's frame
    opens the New table dialog with that group as the module, and the table comes pinned where
    the pointer was (one undo step takes it away); N asks the same where the pointer is. A
    double-click on a column or a table's name renames it in place: Enter commits one edit
    (undone by one Ctrl+Z), Escape leaves it as it was."""
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    module = "Compute Method Registry"
    with diagram_window(driver_url, str(folder)) as driver:
        viewport = open_diagram(driver, fit=False)
        wait = WebDriverWait(driver, 20)
        wait.until(lambda d: status(d, "errors") == "0" and viewport.get_attribute("data-drawn-at"))
        # The opening view settles (the first frames place it) before a spot is picked on screen.
        time.sleep(1)
        tables = int(status(driver, "tables"))

        spot = frame_spot(driver, module)
        dialog = double_click_until(driver, spot, lambda d: d.find_element(By.ID, "new-table-dialog"))
        assert dialog.find_element(By.ID, "new-table-module").get_attribute("value") == module
        dialog.find_element(By.ID, "new-table-name").send_keys("fact_runs")
        dialog.find_element(By.ID, "new-table-create").click()
        wait.until(lambda d: status(d, "tables") == str(tables + 1))
        made = '#diagram g.table[data-table="core_metadata.fact_runs"]'
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, made))
        assert "pinned" in driver.find_element(By.CSS_SELECTOR, made).get_attribute("class")
        corner = driver.execute_script(
            "const r = document.querySelector(arguments[0] + ' rect.body').getBoundingClientRect(); return [r.left, r.top];", made)
        assert abs(corner[0] - spot[0]) <= 2 and abs(corner[1] - spot[1]) <= 2, (corner, spot)
        assert "here" in undo_title(driver), undo_title(driver)
        chord(driver, "z")
        wait.until(lambda d: status(d, "tables") == str(tables) and not d.find_elements(By.CSS_SELECTOR, made))

        # N: the same dialog, for the group under the pointer.
        other = frame_spot(driver, "Registry")
        chain = ActionChains(driver)
        chain.w3c_actions.pointer_action.move_to_location(*other)
        chain.perform()
        driver.find_element(By.ID, "diagram").send_keys("n")
        dialog = wait.until(lambda d: d.find_element(By.ID, "new-table-dialog"))
        assert dialog.find_element(By.ID, "new-table-module").get_attribute("value") == "Registry"
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()
        wait.until(lambda d: not d.find_elements(By.ID, "new-table-dialog"))

        # A column renamed in place: Enter commits one edit, one Ctrl+Z undoes it.
        latest = "core_metadata.ref_compute_method_latest"
        editor = double_click_until(driver, centre(driver, row(latest, "note")), lambda d: d.find_element(By.ID, "rename-in-place"))
        assert editor.get_attribute("value") == "note"
        ActionChains(driver).send_keys("remark").send_keys(Keys.ENTER).perform()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f'#diagram g.table[data-table="{latest}"] g.row[data-column="remark"]'))
        assert not driver.find_elements(By.ID, "rename-in-place")
        assert "remark" in undo_title(driver), undo_title(driver)
        screenshot(driver, "canvas-renamed.png")
        chord(driver, "z")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f'#diagram g.table[data-table="{latest}"] g.row[data-column="note"]'))

        # The table's name: Escape changes nothing; Enter renames it.
        before = undo_title(driver)
        editor = double_click_until(driver, centre(driver, f'#diagram g.table[data-table="{latest}"] g.table-header text.name'), lambda d: d.find_element(By.ID, "rename-in-place"))
        assert editor.get_attribute("value") == "ref_compute_method_latest"
        ActionChains(driver).send_keys("ref_compute_method_current").perform()
        screenshot(driver, "canvas-rename-in-place.png")
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()
        wait.until(lambda d: not d.find_elements(By.ID, "rename-in-place"))
        time.sleep(0.5)
        assert undo_title(driver) == before and driver.find_elements(By.CSS_SELECTOR, f'#diagram g.table[data-table="{latest}"]')
        double_click_until(driver, centre(driver, f'#diagram g.table[data-table="{latest}"] g.table-header text.name'), lambda d: d.find_element(By.ID, "rename-in-place"))
        ActionChains(driver).send_keys("ref_compute_method_current").send_keys(Keys.ENTER).perform()
        renamed = '#diagram g.table[data-table="core_metadata.ref_compute_method_current"]'
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, renamed))
        chord(driver, "z")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f'#diagram g.table[data-table="{latest}"]') and not d.find_elements(By.CSS_SELECTOR, renamed))


def boxes(driver, names: list[str]) -> dict:
    """The drawn boxes (diagram units) of `names`, with whether each is pinned and selected."""
    return driver.execute_script(
        "const out = {};"
        "for (const name of arguments[0]) {"
        "  const g = document.querySelector(`#diagram g.table[data-table=\"${name}\"]`);"
        "  if (!g) continue;"
        "  const r = g.querySelector('rect.body');"
        "  out[name] = {x: +r.getAttribute('x'), y: +r.getAttribute('y'), pinned: g.classList.contains('pinned'), selected: g.classList.contains('selected')};"
        "}"
        "return out;", names)


def groups_of(driver) -> dict:
    """Each table's group (`schema.table` → module) as the shell lays the workspace out."""
    driver.set_script_timeout(30)
    d = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "window.__TAURI_INTERNALS__.invoke('diagram', {modules: [], only: null, fresh: false}).then(done, (e) => done({error: e}));")
    assert "error" not in d, d
    return {f"{t['schema']}.{t['table']}": d["groups"][t["group"]]["name"] for t in d["tables"] if t["group"] is not None}


def test_canvas_rubber_band_selects_three_tables_that_move_align_nudge_and_regroup_as_one_undo_step_each(driver_url, tmp_path):
    """Issue 16, "many at once" (story 2): Shift+drag over a group's frame selects its three
    tables; dragging one of their headers moves all three, pinned, as one undo step; Shift-click
    takes one out, Alt+Shift+T aligns the other two's tops and an arrow key nudges them, each one
    undo step; undo takes back each step, redo puts it back; the two dragged into another
    group's frame move to that module, one undo step too."""
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    module = "Compute Method Registry"
    three = ["core_metadata.ref_compute_method_registry", "core_metadata.ref_compute_method_latest", "core_engine.fact_compute_executions"]
    with diagram_window(driver_url, str(folder)) as driver:
        viewport = open_diagram(driver, fit=False)
        wait = WebDriverWait(driver, 20)
        wait.until(lambda d: status(d, "errors") == "0" and viewport.get_attribute("data-drawn-at"))
        time.sleep(1)
        scale = float(viewport.get_attribute("data-scale"))
        start = frame_spot(driver, module)
        corner = driver.execute_script(
            "const r = document.querySelector(`#diagram rect.frame[data-name=\"${arguments[0]}\"]`).getBoundingClientRect();"
            "return [Math.round(r.right - 4), Math.round(r.top + 4)];", module)
        chain = ActionChains(driver).key_down(Keys.SHIFT)
        chain.w3c_actions.pointer_action.move_to_location(*start).pointer_down()
        for k in range(1, 9):
            chain.w3c_actions.pointer_action.move_to_location(round(start[0] + (corner[0] - start[0]) * k / 8),
                                                             round(start[1] + (corner[1] - start[1]) * k / 8))
        chain.perform()
        assert driver.find_elements(By.ID, "rubber-band"), "the band is drawn while the pointer is down"
        screenshot(driver, "canvas-rubber-band.png")
        chain = ActionChains(driver)
        chain.w3c_actions.pointer_action.pointer_up()
        chain.key_up(Keys.SHIFT).perform()
        wait.until(lambda d: all(b["selected"] for b in boxes(d, three).values()) and len(boxes(d, three)) == 3)
        original = boxes(driver, three)
        assert not any(b["pinned"] for b in original.values())
        screenshot(driver, "canvas-multi-selection.png")

        # Drag one selected header: all three move by the pointer's travel, pinned, one undo step.
        dx, dy = 40, 60
        grab = centre(driver, header("core_metadata.ref_compute_method_latest"))
        press_and_drag(driver, grab, (grab[0] + dx, grab[1] + dy), steps=6)
        release(driver)
        wait.until(lambda d: all(b["pinned"] for b in boxes(d, three).values()))
        moved = boxes(driver, three)
        for name in three:
            assert abs(moved[name]["x"] - (original[name]["x"] + dx / scale)) <= 1, (name, original[name], moved[name])
            assert abs(moved[name]["y"] - (original[name]["y"] + dy / scale)) <= 1, (name, original[name], moved[name])
        assert "move the selection (3 tables)" in undo_title(driver).lower(), undo_title(driver)

        # Shift-click takes one of the two stacked tables out of the selection (aligned with the
        # other, they would overlap, and the layout keeps pinned tables apart); Alt+Shift+T aligns
        # the two left's tops on the topmost, as one edit.
        primary = driver.find_element(By.ID, "inspector").get_attribute("data-table")
        out = three[1] if primary != three[1] else three[2]
        two = [n for n in three if n != out]
        # (Shift held in its own action: in one chain, its release would share the move's tick.)
        ActionChains(driver).key_down(Keys.SHIFT).perform()
        chain = ActionChains(driver)
        chain.w3c_actions.pointer_action.move_to_location(*centre(driver, row(out, "method_id" if out == three[1] else "exec_id"))).click()
        chain.perform()
        ActionChains(driver).key_up(Keys.SHIFT).perform()
        wait.until(lambda d: not boxes(d, [out])[out]["selected"] and all(b["selected"] for b in boxes(d, two).values()))
        ActionChains(driver).key_down(Keys.ALT).key_down(Keys.SHIFT).send_keys("t").key_up(Keys.SHIFT).key_up(Keys.ALT).perform()
        wait.until(lambda d: len({b["y"] for b in boxes(d, two).values()}) == 1)
        aligned = boxes(driver, three)
        assert aligned[two[0]]["y"] == min(moved[n]["y"] for n in two) and aligned[out] == {**moved[out], "selected": False}
        assert "align the selection's tops" in undo_title(driver).lower(), undo_title(driver)

        # An arrow key nudges the selection: one edit.
        ActionChains(driver).send_keys(Keys.ARROW_RIGHT).perform()
        wait.until(lambda d: all(b["x"] == aligned[n]["x"] + 10 for n, b in boxes(d, two).items()))
        assert boxes(driver, [out])[out]["x"] == aligned[out]["x"]

        # Undo takes back each step, redo puts it back.
        chord(driver, "z")
        wait.until(lambda d: boxes(d, three) == aligned)
        chord(driver, "z")
        wait.until(lambda d: boxes(d, two) == {n: moved[n] for n in two})
        chord(driver, "z")
        wait.until(lambda d: all(b["x"] == original[n]["x"] and b["y"] == original[n]["y"] and not b["pinned"] for n, b in boxes(d, three).items()))
        chord(driver, Keys.SHIFT, "z")
        wait.until(lambda d: all(b["x"] == moved[n]["x"] and b["y"] == moved[n]["y"] and b["pinned"] for n, b in boxes(d, three).items()))
        chord(driver, Keys.SHIFT, "z")
        wait.until(lambda d: boxes(d, three) == aligned)

        # The two still selected, dragged into the Registry group's frame, move to that module:
        # one edit, undone and redone.
        frame = driver.execute_script(
            "const r = document.querySelector('#diagram rect.frame[data-name=\"Registry\"]').getBoundingClientRect();"
            "return [Math.round(r.left), Math.round(r.top)];")
        grab = centre(driver, header(two[0]))
        press_and_drag(driver, grab, (frame[0] + 30, frame[1] + 60), steps=8)
        release(driver)
        wait.until(lambda d: all(groups_of(d)[n] == "Registry" for n in two))
        assert groups_of(driver)[out] == module
        assert "move 2 tables to registry" in undo_title(driver).lower(), undo_title(driver)
        chord(driver, "z")
        wait.until(lambda d: all(groups_of(d)[n] == module for n in two))
        chord(driver, Keys.SHIFT, "z")
        wait.until(lambda d: all(groups_of(d)[n] == "Registry" for n in two))


def test_canvas_story_one_new_table_a_column_named_in_place_and_a_drag_to_a_composite_key_undo_to_the_same_bytes(driver_url, tmp_path):
    """Issue 16, story 1 on the bundled example: a double-click in the Compute Method Registry
    frame makes fact_runs there; Insert adds a column, named method_id in place and typed
    varchar; a drag from it onto ref_compute_method_registry's header makes one relationship on
    (method_id, version) with the missing version column created as varchar and zero error
    findings; undoing every step and saving gives the registry files back byte for byte."""
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    files = sorted(p.name for p in folder.iterdir())
    original = {name: (folder / name).read_bytes() for name in files}
    module = "Compute Method Registry"
    runs = "core_engine.fact_runs"
    with diagram_window(driver_url, str(folder)) as driver:
        viewport = open_diagram(driver, fit=False)
        wait = WebDriverWait(driver, 20)
        wait.until(lambda d: status(d, "errors") == "0" and viewport.get_attribute("data-drawn-at"))
        time.sleep(1)

        # 1. A double-click in the group's frame: fact_runs in that module, pinned there.
        dialog = double_click_until(driver, frame_spot(driver, module), lambda d: d.find_element(By.ID, "new-table-dialog"))
        assert dialog.find_element(By.ID, "new-table-module").get_attribute("value") == module
        dialog.find_element(By.ID, "new-table-name").send_keys("fact_runs")
        replace_text(dialog.find_element(By.ID, "new-table-schema"), "core_engine")
        dialog.find_element(By.ID, "new-table-create").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f'#diagram g.table[data-table="{runs}"]'))
        wait.until(lambda d: (d.find_elements(By.ID, "inspector") or [None])[0] is not None
                   and d.find_element(By.ID, "inspector").get_attribute("data-table") == runs)

        # Insert adds a column whose name opens in place: method_id, then typed varchar.
        ActionChains(driver).send_keys(Keys.INSERT).perform()
        editor = wait.until(lambda d: d.find_element(By.ID, "rename-in-place"))
        ActionChains(driver).send_keys("method_id").send_keys(Keys.ENTER).perform()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, row(runs, "method_id")))
        assert not driver.find_elements(By.ID, "rename-in-place")
        type_field = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, '#inspector .column-row[data-column="method_id"] .column-type'))
        replace_text(type_field, "varchar")
        type_field.send_keys(Keys.TAB)
        wait.until(lambda d: "varchar" in d.find_element(By.CSS_SELECTOR, f'#diagram g.table[data-table="{runs}"] g.row[data-column="method_id"] text.type').text)
        wait.until(lambda d: status(d, "errors") == "0")

        # 2. The drag onto the parent's header: one relationship on (method_id, version).
        key = "fact_runs__method_id_version__ref_compute_method_registry"
        press_and_drag(driver, centre(driver, port(runs, "method_id", "right")), centre(driver, header(PARENT)))
        tip = wait.until(lambda d: d.find_element(By.ID, "relate-tip"))
        wait.until(lambda d: key in tip.text)
        assert "version varchar" in tip.text and "method_id varchar" not in tip.text, tip.text
        release(driver)
        wait.until(lambda d: [r["key"] for r in relationships_between(d, runs, PARENT)] == [key])
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, row(runs, "version")))
        time.sleep(0.5)
        assert status(driver, "errors") == "0", "the drop leaves no error finding"
        version_type = driver.find_element(By.CSS_SELECTOR, f'#diagram g.table[data-table="{runs}"] g.row[data-column="version"] text.type').text
        assert version_type.startswith("varchar"), version_type
        # Saved now, so the files on disk hold the story and the last save must write them back.
        chord(driver, "s")
        wait.until(lambda d: d.find_element(By.ID, "save-button").text == "Saved")
        assert (folder / "relationship_registry.csv").read_bytes() != original["relationship_registry.csv"]

        # 3. Undo every step (the drop, the type, the name, the column, the table), then save.
        undone = 0
        while driver.find_element(By.ID, "undo-button").is_enabled():
            title = undo_title(driver)
            chord(driver, "z")
            wait.until(lambda d: undo_title(d) != title)
            undone += 1
            assert undone <= 8, "more undo steps than the story made"
        assert undone == 5, f"one step each for the table, the column, its name, its type and the drop: {undone}"
        assert not driver.find_elements(By.CSS_SELECTOR, f'#diagram g.table[data-table="{runs}"]')
        chord(driver, "s")
        wait.until(lambda d: d.find_element(By.ID, "save-button").text == "Saved")
    for name in files:
        assert (folder / name).read_bytes() == original[name], f"{name} differs after undoing the whole story"


def test_canvas_a_double_click_on_the_legend_makes_no_table(driver_url, tmp_path):
    """Regression: a double-click on the legend (laid over the drawing, inside the viewport)
    opened the New table dialog, as if it had landed on empty canvas. Only the drawing itself
    takes a double-click; one on an empty spot of a frame still opens the dialog, so the
    double-clicks do arrive."""
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    with diagram_window(driver_url, str(folder)) as driver:
        viewport = open_diagram(driver, fit=False)
        wait = WebDriverWait(driver, 20)
        wait.until(lambda d: status(d, "errors") == "0" and viewport.get_attribute("data-drawn-at"))
        time.sleep(1)
        for _ in range(2):
            double_click(driver, centre(driver, "#diagram-legend summary"))
            time.sleep(1.5)
            assert not driver.find_elements(By.ID, "new-table-dialog"), "a double-click on the legend opened the New table dialog"
        dialog = double_click_until(driver, frame_spot(driver, "Registry"), lambda d: d.find_element(By.ID, "new-table-dialog"))
        assert dialog.find_element(By.ID, "new-table-module").get_attribute("value") == "Registry"


def search_index(driver) -> dict:
    driver.set_script_timeout(30)
    index = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "window.__TAURI_INTERNALS__.invoke('search_index').then(done, (e) => done({error: e}));")
    assert "error" not in index, index
    return index


def clipboard(*args: str) -> bytes:
    """The X clipboard through xclip (Debian's; scripts/setup installs it): `-t TARGETS` lists
    the types its owner offers, `-t TYPE` reads one."""
    import subprocess
    return subprocess.run(["xclip", "-selection", "clipboard", "-o", *args], check=True, capture_output=True, timeout=10).stdout


@contextlib.contextmanager
def second_driver():
    """A second tauri-driver (with its own HOME), so a second Relata window runs beside the
    first: two app processes, as a person with two windows open has."""
    import os
    import subprocess
    import tempfile
    from test_window import free_port, wait_for_port
    driver = shutil.which("tauri-driver") or os.path.expanduser("~/.cargo/bin/tauri-driver")
    port, native_port = free_port(), free_port()
    home = tempfile.mkdtemp(prefix="relata-e2e-second-")
    env = dict(os.environ, HOME=home, XDG_DATA_HOME=f"{home}/data", XDG_CONFIG_HOME=f"{home}/config", XDG_CACHE_HOME=f"{home}/cache")
    process = subprocess.Popen([driver, "--port", str(port), "--native-port", str(native_port)], env=env)
    try:
        wait_for_port(port, 15)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        # The app's web processes may still write their shader cache for a moment after the
        # driver has gone (as scripts/e2e says of its own home): removing it must not race them.
        for _ in range(10):
            shutil.rmtree(home, ignore_errors=True)
            if not os.path.exists(home):
                break
            time.sleep(0.5)


def test_canvas_copy_two_related_tables_and_paste_them_here_and_in_another_window(driver_url, tmp_path):
    """Issue 16, story 4: two related tables selected and copied with Ctrl+C put a Relata payload
    and their DBML on the system clipboard (a text editor gets the DBML); Ctrl+V over the diagram
    pastes them with new ids, renamed with `_copy`, the one relationship between them along, and
    the status bar names how many relationships were left behind; one Ctrl+Z takes the paste
    back. A second Relata window (another process, on another workspace) pastes the same
    clipboard with the names unchanged."""
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    other = tmp_path / "other"
    shutil.copytree(SECOND, other)
    latest = "core_metadata.ref_compute_method_latest"
    with diagram_window(driver_url, str(folder)) as driver:
        viewport = open_diagram(driver, fit=False)
        wait = WebDriverWait(driver, 20)
        wait.until(lambda d: status(d, "errors") == "0" and viewport.get_attribute("data-drawn-at"))
        time.sleep(1)
        tables = int(status(driver, "tables"))
        before = search_index(driver)
        ids = {f"{t['schema']}.{t['name']}": t["id"] for t in before["tables"]}
        touching = [r for r in before["relationships"] if {f"{r['child']['schema']}.{r['child']['table']}", f"{r['parent']['schema']}.{r['parent']['table']}"} & {PARENT, latest}]
        between = [r for r in touching if {f"{r['child']['schema']}.{r['child']['table']}", f"{r['parent']['schema']}.{r['parent']['table']}"} <= {PARENT, latest}]
        assert len(between) == 1, between

        # Select the two (a click, then a Shift-click), and copy.
        chain = ActionChains(driver)
        chain.w3c_actions.pointer_action.move_to_location(*centre(driver, header(PARENT))).click()
        chain.perform()
        ActionChains(driver).key_down(Keys.SHIFT).perform()
        chain = ActionChains(driver)
        chain.w3c_actions.pointer_action.move_to_location(*centre(driver, header(latest))).click()
        chain.perform()
        ActionChains(driver).key_up(Keys.SHIFT).perform()
        wait.until(lambda d: all(b["selected"] for b in boxes(d, [PARENT, latest]).values()))
        time.sleep(0.5)
        chord(driver, "c")
        left = len(touching) - len(between)
        behind = "1 relationship to a table not copied was left behind" if left == 1 else f"{left} relationships to tables not copied were left behind"
        wait.until(lambda d: "Copied 2 tables with 1 relationship" in d.find_element(By.ID, "status-message").text)
        said = driver.find_element(By.ID, "status-message").text
        assert behind in said, said
        targets = clipboard("-t", "TARGETS").decode().split()
        text = clipboard("-t", "text/plain").decode() if "text/plain" in targets else clipboard("-t", "UTF8_STRING").decode()
        assert f'Table {PARENT}' in text and f'Table {latest}' in text and "Ref" in text, text
        relata_types = [t for t in targets if "relata" in t.lower() or "custom" in t.lower() or "webkit" in t.lower()]
        assert relata_types, f"no Relata payload among the clipboard's types: {targets}"

        # Pasted over an empty spot of their group's frame: the copies, one undo step.
        spot = frame_spot(driver, "Compute Method Registry")
        chain = ActionChains(driver)
        chain.w3c_actions.pointer_action.move_to_location(*spot)
        chain.perform()
        chord(driver, "v")
        copies = [f"{PARENT}_copy", f"{latest}_copy"]
        wait.until(lambda d: status(d, "tables") == str(tables + 2))
        wait.until(lambda d: len(boxes(d, copies)) == 2)
        said = driver.find_element(By.ID, "status-message").text
        assert "with 1 relationship" in said and behind in said, said
        after = search_index(driver)
        new_ids = {f"{t['schema']}.{t['name']}": t["id"] for t in after["tables"]}
        assert all(new_ids[c] not in ids.values() for c in copies)
        made = [r for r in after["relationships"] if {f"{r['child']['schema']}.{r['child']['table']}", f"{r['parent']['schema']}.{r['parent']['table']}"} & set(copies)]
        assert len(made) == 1 and made[0]["id"] != between[0]["id"], made
        assert all(b["pinned"] for b in boxes(driver, copies).values()), "pasted where the pointer was, pinned"
        screenshot(driver, "canvas-pasted.png")
        assert status(driver, "errors") == "0", "the copies bring no error finding"
        payload = {t: clipboard("-t", t) for t in relata_types}
        chord(driver, "z")
        wait.until(lambda d: status(d, "tables") == str(tables) and not boxes(d, copies))

        # A second window, another process on another workspace, pastes the same clipboard.
        with second_driver() as second_url, diagram_window(second_url, str(other)) as second:
            viewport2 = open_diagram(second, fit=False)
            wait2 = WebDriverWait(second, 20)
            wait2.until(lambda d: viewport2.get_attribute("data-drawn-at"))
            time.sleep(1)
            others = int(status(second, "tables"))
            chain = ActionChains(second)
            chain.w3c_actions.pointer_action.move_to_location(*centre(second, "#diagram")).click()
            chain.perform()
            chord(second, "v")
            wait2.until(lambda d: status(d, "tables") == str(others + 2))
            got = {f"{t['schema']}.{t['name']}" for t in search_index(second)["tables"]}
            assert {PARENT, latest} <= got, "no clash in the other workspace: the names stay"
            assert "with 1 relationship" in second.find_element(By.ID, "status-message").text
        assert payload


def diagram_of(driver) -> dict:
    driver.set_script_timeout(30)
    d = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "window.__TAURI_INTERNALS__.invoke('diagram', {modules: [], only: null, fresh: false}).then(done, (e) => done({error: e}));")
    assert "error" not in d, d
    return d


def joined_columns(driver, key: str) -> tuple[list[str], list[str]]:
    """The child and parent columns the drawn line of relationship `key` joins, as the shell lays
    the workspace out (the rows each end's table marks as joined)."""
    rid = next(r["id"] for r in search_index(driver)["relationships"] if r["key"] == key)
    d = diagram_of(driver)
    e = next(e for e in d["edges"] if e["relationship"] == rid)
    cols = lambda t, rows: [d["tables"][t]["columns"][r]["name"] for r in rows]  # noqa: E731
    return cols(e["child"], e["child_rows"]), cols(e["parent"], e["parent_rows"])


def line_middle(driver, relationship_id: str) -> tuple[int, int]:
    """A point (viewport CSS px) halfway along the drawn line of `relationship_id`."""
    d = diagram_of(driver)
    edge = next(i for i, e in enumerate(d["edges"]) if e["relationship"] == relationship_id)
    point = driver.execute_script(
        "const p = document.querySelector(`#diagram g.line[data-edges=\"${arguments[0]}\"] path.hit`);"
        "if (!p) return null;"
        "const at = p.getPointAtLength(p.getTotalLength() / 2);"
        "const svg = p.ownerSVGElement, vb = svg.viewBox.baseVal, r = svg.getBoundingClientRect();"
        "return [Math.round(r.left + (at.x - vb.x) * r.width / vb.width), Math.round(r.top + (at.y - vb.y) * r.height / vb.height)];", edge)
    assert point is not None, "the line is not drawn"
    return point[0], point[1]


def test_canvas_a_selected_lines_end_dragged_to_another_column_repoints_it_in_one_undo_step(driver_url, tmp_path):
    """Issue 16, story 3: a click on a relationship's line shows its two ends as handles; the
    child end dragged onto another column's row of its table names the re-pointed relationship
    while the pointer is down and, dropped, changes the registry's child columns (saved to the
    CSV) and redraws the line on the new row; one Ctrl+Z puts it back."""
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    executions = "core_engine.fact_compute_executions"
    key = "fact_compute_executions__method_id_version__ref_compute_method_registry"
    with diagram_window(driver_url, str(folder)) as driver:
        viewport = open_diagram(driver, fit=False)
        wait = WebDriverWait(driver, 20)
        wait.until(lambda d: status(d, "errors") == "0" and viewport.get_attribute("data-drawn-at"))
        time.sleep(1)
        rid = next(r["id"] for r in search_index(driver)["relationships"] if r["key"] == key)
        assert joined_columns(driver, key)[0] == ["method_id", "version"]
        assert not driver.find_elements(By.CSS_SELECTOR, "#diagram circle.end-handle")

        chain = ActionChains(driver)
        chain.w3c_actions.pointer_action.move_to_location(*line_middle(driver, rid)).click()
        chain.perform()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#diagram circle.end-handle[data-end="child"]'))
        assert len(driver.find_elements(By.CSS_SELECTOR, "#diagram circle.end-handle")) == 2
        assert driver.find_elements(By.CSS_SELECTOR, "#diagram g.line.selected")

        press_and_drag(driver, centre(driver, '#diagram circle.end-handle[data-end="child"]'), centre(driver, row(executions, "tenant_id")))
        tip = wait.until(lambda d: d.find_element(By.ID, "relate-tip"))
        wait.until(lambda d: "tenant_id" in tip.text)
        assert "Drop to move the end" in tip.text and "problem" not in tip.get_attribute("class"), tip.text
        screenshot(driver, "canvas-move-line-end.png")
        release(driver)

        moved = wait.until(lambda d: [r["key"] for r in search_index(d)["relationships"] if r["id"] == rid and r["key"] != key])
        child, parent = joined_columns(driver, moved[0])
        assert "tenant_id" in child and len(child) == 2 and set(child) - {"tenant_id"} <= {"method_id", "version"}, child
        assert parent == ["method_id", "version"]
        assert moved[0] == f"fact_compute_executions__{'_'.join(child)}__ref_compute_method_registry", moved
        assert "Moved an end of" in driver.find_element(By.ID, "status-message").text
        chord(driver, "s")
        wait.until(lambda d: d.find_element(By.ID, "save-button").text == "Saved")
        saved = (folder / "relationship_registry.csv").read_text()
        assert "{" + ",".join(child) + "}" in saved, "the registry's child_columns changed"

        chord(driver, "z")
        wait.until(lambda d: any(r["key"] == key for r in search_index(d)["relationships"]))
        assert joined_columns(driver, key)[0] == ["method_id", "version"]


def relationship_entry(driver, child: str, rid: str) -> dict:
    """The relationship `rid` as the shell holds it (its child table's detail)."""
    schema, name = child.split(".", 1)
    driver.set_script_timeout(30)
    d = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "window.__TAURI_INTERNALS__.invoke('table_detail', {schema: arguments[0], name: arguments[1]}).then(done, (e) => done({error: e}));", schema, name)
    assert "error" not in d, d
    return next(r["entry"] for r in d["relationships"] if r["entry"]["id"] == rid)


def right_click(driver, point: tuple[int, int]) -> None:
    """A real right-click (xdotool's button 3 on the X display) at page point `point`: WebDriver's
    context click left WebKitGTK holding the right button as pressed (its release arrived as a
    left button's), so the next press raised no pointerdown, which no person's mouse does."""
    import subprocess
    rect = driver.get_window_rect()
    subprocess.run(["xdotool", "mousemove", str(int(rect["x"] + point[0])), str(int(rect["y"] + point[1])), "click", "3"], check=True)


def test_canvas_a_lines_context_menu_sets_cardinality_required_actions_and_enforcement_one_edit_each(driver_url, tmp_path):
    """Issue 16, "relationship ends in place": a right-click on a relationship's line opens a
    small menu, not the full form, whose cardinality, Required, On delete, On update and
    Enforced by each change the relationship as one edit (one Ctrl+Z each); with the line
    selected, Shift+F10 opens the same menu from the keyboard, and Escape closes it."""
    from selenium.webdriver.support.ui import Select
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    executions = "core_engine.fact_compute_executions"
    key = "fact_compute_executions__method_id_version__ref_compute_method_registry"
    with diagram_window(driver_url, str(folder)) as driver:
        viewport = open_diagram(driver, fit=False)
        wait = WebDriverWait(driver, 20)
        wait.until(lambda d: status(d, "errors") == "0" and viewport.get_attribute("data-drawn-at"))
        time.sleep(1)
        rid = next(r["id"] for r in search_index(driver)["relationships"] if r["key"] == key)
        before = relationship_entry(driver, executions, rid)

        right_click(driver, line_middle(driver, rid))
        menu = wait.until(lambda d: d.find_element(By.ID, "line-menu"))
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#line-menu .line-menu-title").get_attribute("title") == key)
        screenshot(driver, "canvas-line-menu.png")
        cardinality = "1:1" if before["cardinality"] != "1:1" else "1:many"
        Select(menu.find_element(By.ID, "line-menu-cardinality")).select_by_value(cardinality)
        wait.until(lambda d: relationship_entry(d, executions, rid)["cardinality"] == cardinality)
        menu.find_element(By.ID, "line-menu-required").click()
        wait.until(lambda d: relationship_entry(d, executions, rid)["is_required"] != before["is_required"])
        on_delete = "cascade" if before["on_delete"] != "cascade" else "set_null"
        Select(menu.find_element(By.ID, "line-menu-on-delete")).select_by_value(on_delete)
        wait.until(lambda d: relationship_entry(d, executions, rid)["on_delete"] == on_delete)
        on_update = "cascade" if before["on_update"] != "cascade" else "no_action"
        Select(menu.find_element(By.ID, "line-menu-on-update")).select_by_value(on_update)
        wait.until(lambda d: relationship_entry(d, executions, rid)["on_update"] == on_update)
        enforcement = "doc_only" if before["enforcement"] != "doc_only" else "db_fk"
        Select(menu.find_element(By.ID, "line-menu-enforcement")).select_by_value(enforcement)
        wait.until(lambda d: relationship_entry(d, executions, rid)["enforcement"] == enforcement)
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()
        wait.until(lambda d: not d.find_elements(By.ID, "line-menu"))

        # Five edits, five undo steps, back to what it was.
        for _ in range(5):
            now = relationship_entry(driver, executions, rid)
            chord(driver, "z")
            wait.until(lambda d: relationship_entry(d, executions, rid) != now)
        assert relationship_entry(driver, executions, rid) == before

        # From the keyboard: the line selected by a click, then Shift+F10.
        chain = ActionChains(driver)
        chain.w3c_actions.pointer_action.move_to_location(*line_middle(driver, rid)).click()
        chain.perform()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#diagram g.line.selected"))
        viewport.send_keys(Keys.SHIFT + Keys.F10)
        menu = wait.until(lambda d: d.find_element(By.ID, "line-menu"))
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#line-menu .line-menu-title").get_attribute("title") == key)
        wait.until(lambda d: d.execute_script("return document.activeElement.id") == "line-menu-cardinality")
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()
        wait.until(lambda d: not d.find_elements(By.ID, "line-menu"))



def test_canvas_space_drag_pans_from_a_table_and_the_selection_is_announced(driver_url, tmp_path):
    """Issue 16, "gestures that do not fight" and accessibility: with Space held, a drag that
    starts on a table's header pans the view and neither moves nor pins the table; the diagram's
    aria-live region says what is selected (one table, then three by Shift-clicks)."""
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    latest = "core_metadata.ref_compute_method_latest"
    with diagram_window(driver_url, str(folder)) as driver:
        viewport = open_diagram(driver, fit=False)
        wait = WebDriverWait(driver, 20)
        wait.until(lambda d: status(d, "errors") == "0" and viewport.get_attribute("data-drawn-at"))
        time.sleep(1)
        announce = driver.find_element(By.ID, "diagram-announce")
        assert announce.get_attribute("aria-live") == "polite"
        assert announce.get_attribute("textContent") == "Nothing selected"

        before = boxes(driver, [latest])[latest]
        view = viewport.get_attribute("data-view")
        # The diagram takes the keys (a click on an empty spot of a frame focuses it).
        chain = ActionChains(driver)
        chain.w3c_actions.pointer_action.move_to_location(*frame_spot(driver, "Registry")).click()
        chain.perform()
        time.sleep(0.6)
        view = viewport.get_attribute("data-view")
        ActionChains(driver).key_down(" ").perform()
        start = centre(driver, header(latest))
        press_and_drag(driver, start, (start[0] - 120, start[1] + 80), steps=6)
        release(driver)
        ActionChains(driver).key_up(" ").perform()
        wait.until(lambda d: d.find_element(By.ID, "diagram").get_attribute("data-view") != view)
        x0, y0 = (int(v) for v in view.split())
        x1, y1 = (int(v) for v in viewport.get_attribute("data-view").split())
        assert abs((x1 - x0) - -120) <= 2 and abs((y1 - y0) - 80) <= 2, (view, viewport.get_attribute("data-view"))
        time.sleep(0.5)
        assert boxes(driver, [latest])[latest] == before, "the table neither moved nor was pinned"
        assert not driver.find_element(By.ID, "undo-button").is_enabled(), "no edit was made"

        # Without Space, a click selects: the region says so; Shift-clicks add two more.
        chain = ActionChains(driver)
        chain.w3c_actions.pointer_action.move_to_location(*centre(driver, header(latest))).click()
        chain.perform()
        wait.until(lambda d: d.find_element(By.ID, "diagram-announce").get_attribute("textContent") == f"Table {latest} selected")
        ActionChains(driver).key_down(Keys.SHIFT).perform()
        for other in (PARENT, "core_engine.fact_compute_executions"):
            chain = ActionChains(driver)
            chain.w3c_actions.pointer_action.move_to_location(*centre(driver, header(other))).click()
            chain.perform()
            time.sleep(0.3)
        ActionChains(driver).key_up(Keys.SHIFT).perform()
        wait.until(lambda d: d.find_element(By.ID, "diagram-announce").get_attribute("textContent").startswith("3 tables selected: "))


def test_canvas_plus_under_the_open_tables_last_row_adds_a_column_named_in_place(driver_url, tmp_path):
    """Issue 16, "create where you point": the open table shows a "+" under its last row; a click
    on it adds a column (as Insert) whose name opens in place; Enter names it; one Ctrl+Z takes
    the name back, another the column."""
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    latest = "core_metadata.ref_compute_method_latest"
    with diagram_window(driver_url, str(folder)) as driver:
        viewport = open_diagram(driver, fit=False)
        wait = WebDriverWait(driver, 20)
        wait.until(lambda d: status(d, "errors") == "0" and viewport.get_attribute("data-drawn-at"))
        time.sleep(1)
        assert not driver.find_elements(By.CSS_SELECTOR, "#diagram g.add-column")
        chain = ActionChains(driver)
        chain.w3c_actions.pointer_action.move_to_location(*centre(driver, header(latest))).click()
        chain.perform()
        plus = '#diagram g.add-column rect'
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, plus))
        columns = len(driver.find_elements(By.CSS_SELECTOR, f'#diagram g.table[data-table="{latest}"] g.row'))
        time.sleep(0.6)  # past the double-click time: the next click is a click of its own
        chain = ActionChains(driver)
        chain.w3c_actions.pointer_action.move_to_location(*centre(driver, plus)).click()
        chain.perform()
        editor = wait.until(lambda d: d.find_element(By.ID, "rename-in-place"))
        ActionChains(driver).send_keys("checked_at").send_keys(Keys.ENTER).perform()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, row(latest, "checked_at")))
        assert len(driver.find_elements(By.CSS_SELECTOR, f'#diagram g.table[data-table="{latest}"] g.row')) == columns + 1
        assert editor is not None and not driver.find_elements(By.ID, "rename-in-place")
        chord(driver, "z")
        wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, row(latest, "checked_at")))
        chord(driver, "z")
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, f'#diagram g.table[data-table="{latest}"] g.row')) == columns)
