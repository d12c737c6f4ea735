"""End-to-end stories of the everyday diagram, with the real pointer and keyboard: a table
added to a 1,000-table workspace moves no other table and the view does not jump; a pin moves
only its table and its lines; names stay legible at every zoom; the legend; Shift-click
selections, group frames and their Delete; moving a table between groups by dragging it.

Run with `scripts/e2e -k everyday`. The helpers and the tauri-driver fixture are test_window's
and test_diagram's.
"""

import json
import os
import pathlib
import shutil
import subprocess
import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_diagram import box, ctrl, diagram_window, keys, open_diagram
from test_window import ROOT, SCREENSHOTS, TARGET, click_at, driver_url, error_text, hit_point, screenshot, wait_until_settled  # noqa: F401

pytestmark = pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning")


def generated(tmp_path, tables: int):
    """A generated workspace of `tables` tables (`relata generate`), as the figures test makes it."""
    path = tmp_path / f"generated-{tables}.relata"
    env = dict(os.environ, CARGO_TARGET_DIR=str(TARGET))
    subprocess.run(["cargo", "run", "-q", "--locked", "-p", "relata-cli", "--bin", "relata", "--", "generate", str(tables), "-o", str(path)],
                   cwd=ROOT, env=env, check=True)
    return path


def geometry(driver) -> dict:
    """The whole diagram as the shell keeps it for the window (the SVG holds only the tables on
    screen): table boxes by `schema.table`, lines by relationship id. Asking again without
    `fresh` returns the kept layout unchanged, so reading it moves nothing."""
    driver.set_script_timeout(60)
    d = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "window.__TAURI_INTERNALS__.invoke('diagram', {modules: [], only: null, fresh: false}).then(done, (e) => done({error: e}));")
    assert "error" not in d, d
    tables = {f"{t['schema']}.{t['table']}": t["rect"] for t in d["tables"]}
    groups = {f"{t['schema']}.{t['table']}": d["groups"][t["group"]]["name"] for t in d["tables"] if t["group"] is not None}
    lines = {e["relationship"]: (f"{d['tables'][e['child']]['schema']}.{d['tables'][e['child']]['table']}",
                                 f"{d['tables'][e['parent']]['schema']}.{d['tables'][e['parent']]['table']}", e["points"]) for e in d["edges"]}
    return {"tables": tables, "lines": lines, "groups": {g["name"]: g["frame"] for g in d["groups"]}, "group_of": groups,
            "metrics": d["metrics"]}


def stays_inside(geo: dict, name: str, dx: float, dy: float) -> bool:
    """Whether `name` moved by (dx, dy) diagram units stays within its frame's padding, so the
    frame need not grow (a frame that grows pushes the blocks that follow it)."""
    group = geo["group_of"].get(name)
    if group is None:
        return False
    f, r, m = geo["groups"][group], geo["tables"][name], geo["metrics"]
    pad, title = m["frame_padding"], m["frame_title_height"]
    return (f["x"] + pad <= r["x"] + dx and r["x"] + dx + r["width"] <= f["x"] + f["width"] - pad
            and f["y"] + pad + title <= r["y"] + dy and r["y"] + dy + r["height"] <= f["y"] + f["height"] - pad)


def mark_press(driver, selector: str, event: str = "pointerdown") -> None:
    """Notes in the page when the next real `event` reaches `selector` (capture, once): the
    start of an edit's time from press to drawn."""
    driver.execute_script(
        "window.__editAt = null;"
        "document.querySelector(arguments[0]).addEventListener(arguments[1],"
        "  () => { window.__editAt = performance.now(); }, {once: true, capture: true});", selector, event)


def press_to_drawn_ms(driver) -> float:
    """From the press `mark_press` noted to the frame after the last diagram the shell sent
    was rendered (`data-diagram-drawn-at`); read once the edit shows, so a later redraw can
    only make it longer (an upper bound)."""
    return driver.execute_script(
        "const at = +(document.getElementById('diagram').dataset.diagramDrawnAt || 0);"
        "return window.__editAt && at > window.__editAt ? +(at - window.__editAt).toFixed(1) : -1;")


def on_screen(driver) -> dict:
    """Where each table mounted in the SVG is on the screen (client pixels)."""
    return driver.execute_script(
        "const v = document.getElementById('diagram').getBoundingClientRect();"
        "const out = {};"
        "for (const g of document.querySelectorAll('#diagram g.table')) {"
        "  const r = g.querySelector('rect.body').getBoundingClientRect();"
        "  if (r.right > v.left && r.left < v.right && r.bottom > v.top && r.top < v.bottom) out[g.dataset.table] = [r.left, r.top];"
        "}"
        "return out;")


def test_everyday_adding_a_table_or_a_pin_moves_only_what_it_must(driver_url, tmp_path):
    """Story 5 of issue 14 on a generated 1,000-table workspace: a table made in the New table
    dialog joins its module's frame while every other table keeps its box and the tables on
    screen keep their place (the view does not jump, neither when the inspector closes);
    dragging a table pins it, and only that table and its lines move; deleting a table moves no
    other, and its undo puts everything back."""
    big = generated(tmp_path, 1000)
    with diagram_window(driver_url, str(big)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 60)
        driver.find_element(By.ID, "view-diagram").click()
        viewport = wait.until(lambda d: d.find_element(By.ID, "diagram"))
        wait.until(lambda d: viewport.get_attribute("data-tables") == "1000" and viewport.get_attribute("data-mounting") == "false")
        before = geometry(driver)
        screen_before = on_screen(driver)
        assert len(before["tables"]) == 1000 and screen_before, "the opening view shows tables"

        # A new table through the dialog, in the second module (real clicks and typing).
        module = sorted(before["groups"])[1]
        driver.find_element(By.ID, "new-table").click()
        dialog = wait.until(lambda d: d.find_element(By.ID, "new-table-dialog"))
        dialog.find_element(By.ID, "new-table-name").send_keys("fact_added_runs")
        Select(dialog.find_element(By.ID, "new-table-module")).select_by_value(module)
        mark_press(driver, "#new-table-create")
        click_at(driver, "#new-table-create")
        wait.until(lambda d: not d.find_elements(By.ID, "new-table-dialog"))
        wait.until(lambda d: viewport.get_attribute("data-tables") == "1001")
        wait.until(lambda d: press_to_drawn_ms(d) > 0)
        figures = {"tables": 1000, "load": pathlib.Path("/proc/loadavg").read_text().split()[:3],
                   "add_table_press_to_drawn_ms": press_to_drawn_ms(driver)}
        wait.until(lambda d: d.find_elements(By.ID, "inspector"))
        after = geometry(driver)
        added = [name for name in after["tables"] if name not in before["tables"]]
        assert len(added) == 1 and added[0].endswith(".fact_added_runs"), added
        moved = [name for name, rect in before["tables"].items() if after["tables"][name] != rect]
        assert moved == [], f"adding one table moved {len(moved)} others: {moved[:5]}"
        frame, new = after["groups"][module], after["tables"][added[0]]
        assert (frame["x"] <= new["x"] and frame["y"] <= new["y"] and new["x"] + new["width"] <= frame["x"] + frame["width"]
                and new["y"] + new["height"] <= frame["y"] + frame["height"]), (frame, new)
        # What was on screen stayed where it was on screen, and stays when the inspector closes.
        time.sleep(0.5)
        still = on_screen(driver)
        for name, place in screen_before.items():
            if name in still:
                assert abs(still[name][0] - place[0]) < 1 and abs(still[name][1] - place[1]) < 1, (name, place, still[name])
        driver.find_element(By.CSS_SELECTOR, "#inspector button[aria-label^='Close inspector']").click()
        wait.until(lambda d: not d.find_elements(By.ID, "inspector"))
        time.sleep(0.5)
        closed = on_screen(driver)
        common = [name for name in screen_before if name in closed]
        assert common, "the tables on screen before are on screen after the inspector closed"
        for name in common:
            assert abs(closed[name][0] - screen_before[name][0]) < 1 and abs(closed[name][1] - screen_before[name][1]) < 1, name
        screenshot(driver, "diagram-1000-added.png")

        # A pin: the real pointer nudges a table on screen by its header, within its group's
        # frame (a pin past the frame grows it, and the blocks after it make room).
        scale = float(viewport.get_attribute("data-scale"))
        step = (-3, -2)
        name = next(n for n in common if stays_inside(after, n, 4 * step[0] / scale, 4 * step[1] / scale)
                    and hit_point(driver, f'#diagram g.table[data-table="{n}"] g.table-header rect'))
        start = hit_point(driver, f'#diagram g.table[data-table="{name}"] g.table-header rect')
        mark_press(driver, "#diagram", "pointerup")
        drag = ActionChains(driver)
        drag.w3c_actions.pointer_action.move_to_location(*start).pointer_down()
        for k in range(1, 5):
            drag.w3c_actions.pointer_action.move_to_location(start[0] + step[0] * k, start[1] + step[1] * k)
        drag.w3c_actions.pointer_action.pointer_up()
        drag.perform()
        wait.until(lambda d: (box(d, name) or {}).get("pinned"))
        wait.until(lambda d: press_to_drawn_ms(d) > 0)
        figures["pin_release_to_drawn_ms"] = press_to_drawn_ms(driver)
        # Of that, the kept diagram's trip over IPC alone (serialised, sent and parsed), median of 3.
        figures["diagram_ipc_ms"] = sorted(driver.execute_async_script(
            "const done = arguments[arguments.length - 1]; const out = [];"
            "const once = () => { const t = performance.now();"
            "  window.__TAURI_INTERNALS__.invoke('diagram', {modules: [], only: null, fresh: false})"
            "    .then(() => { out.push(+(performance.now() - t).toFixed(1)); out.length < 3 ? once() : done(out); }); };"
            "once();"))[1]
        # Recorded, not asserted: a measurement of the machine, kept beside the other figures.
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / "perf-edit.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(figures))
        pinned = geometry(driver)
        assert pinned["tables"][name] != after["tables"][name], "the dragged table moved"
        others = [n for n, rect in after["tables"].items() if n != name and pinned["tables"][n] != rect]
        assert others == [], f"a pin moved other tables: {others[:5]}"
        lines = [rid for rid, (child, parent, points) in after["lines"].items()
                 if name not in (child, parent) and pinned["lines"][rid][2] != points]
        assert lines == [], f"a pin moved {len(lines)} lines of other tables"
        assert any(name in (c, p) for c, p, _ in pinned["lines"].values()), "the pinned table has lines"

        # Undo takes the pin back: the table returns to its box, nothing else moves.
        ctrl(driver, "z")
        wait.until(lambda d: not (box(d, name) or {"pinned": True}).get("pinned"))
        undone = geometry(driver)
        assert undone["tables"] == after["tables"]

        # Delete a table (clicked, Delete, confirmed): no other table moves; undo puts it back
        # where it was, and still nothing else moves.
        click_at(driver, f'#diagram g.table[data-table="{name}"] rect.body')
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f'#inspector[data-table="{name}"]'))
        keys(driver, Keys.DELETE)
        wait.until(lambda d: d.find_element(By.ID, "delete-dialog")).find_element(By.ID, "delete-confirm").click()
        wait.until(lambda d: viewport.get_attribute("data-tables") == "1000")
        deleted = geometry(driver)
        assert name not in deleted["tables"]
        moved = [n for n, rect in deleted["tables"].items() if after["tables"][n] != rect]
        assert moved == [], f"deleting a table moved {len(moved)} others: {moved[:5]}"
        ctrl(driver, "z")
        wait.until(lambda d: viewport.get_attribute("data-tables") == "1001")
        assert geometry(driver)["tables"] == after["tables"], "undoing the delete changed the layout"


def test_everyday_names_are_legible_at_every_zoom_of_a_large_workspace(driver_url, tmp_path):
    """Story 6 and semantic zoom: the 1,000-table workspace opens with every table name on
    screen at 9 px or more; zoomed out to the whole drawing (the canvas), every table whose box
    is at least 60 px wide on screen has its name drawn at 9 px or more, and every group with a
    smaller box has its name drawn over its frame at 9 px or more — measured on the canvas's
    own drawing calls."""
    big = generated(tmp_path, 1000)
    with diagram_window(driver_url, str(big)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 60)
        driver.find_element(By.ID, "view-diagram").click()
        viewport = wait.until(lambda d: d.find_element(By.ID, "diagram"))
        wait.until(lambda d: viewport.get_attribute("data-tables") == "1000" and viewport.get_attribute("data-mounting") == "false")
        scale = float(viewport.get_attribute("data-scale"))
        names = driver.execute_script(
            "const v = document.getElementById('diagram').getBoundingClientRect();"
            "return [...document.querySelectorAll('#diagram g.table text.name')]"
            "  .filter(t => { const r = t.getBoundingClientRect(); return r.right > v.left && r.left < v.right && r.bottom > v.top && r.top < v.bottom; })"
            "  .map(t => t.getBoundingClientRect().height > 0 ? parseFloat(getComputedStyle(t).fontSize) * arguments[0] : 0);", scale)
        assert names and min(names) >= 9, (scale, sorted(names)[:5])
        geo = geometry(driver)
        # Every text the canvas draws from now on, with its size on screen: the font's size
        # times the canvas's own transform and the CSS transform that scales the bitmap.
        driver.execute_script(
            "window.__texts = [];"
            "const fill = CanvasRenderingContext2D.prototype.fillText;"
            "CanvasRenderingContext2D.prototype.fillText = function (text, x, y, w) {"
            "  const css = new DOMMatrix(getComputedStyle(this.canvas).transform).a;"
            "  const size = parseFloat(/([0-9.]+)px/.exec(this.font)[1]);"
            "  window.__texts.push([String(text), size * this.getTransform().a / (window.devicePixelRatio || 1), css]);"
            "  return w === undefined ? fill.call(this, text, x, y) : fill.call(this, text, x, y, w);"
            "};")
        viewport.send_keys("0")
        wait.until(lambda d: viewport.get_attribute("data-renderer") == "canvas")
        time.sleep(1.5)
        fit = float(viewport.get_attribute("data-scale"))
        texts = driver.execute_script(
            "const css = new DOMMatrix(getComputedStyle(document.querySelector('#diagram canvas')).transform).a;"
            "return window.__texts.map(([t, px]) => [t, px * css]);")
        assert texts, "the canvas drew text"
        drawn: dict[str, float] = {}
        for text, px in texts:
            drawn[text] = max(px, drawn.get(text, 0))
        short = {name.split(".", 1)[1]: rect for name, rect in geo["tables"].items()}
        wide = [n for n, r in short.items() if r["width"] * fit >= 60]
        small_groups = {geo["group_of"][n] for n, r in geo["tables"].items() if r["width"] * fit < 60 and n in geo["group_of"]}
        missing = [n for n in wide if drawn.get(n, 0) < 9]
        assert not missing, f"at {fit:.3f}, {len(missing)} boxes of 60 px or more lack a legible name: {missing[:5]}"
        unnamed = [g for g in small_groups if drawn.get(g, 0) < 9]
        assert not unnamed, f"at {fit:.3f}, groups with small boxes lack a legible name: {unnamed[:5]}"
        assert wide or small_groups
        screenshot(driver, "diagram-1000-fit-names.png")


def shift_click(driver, selector: str) -> None:
    """Shift held on the real keyboard while the real pointer clicks `selector`."""
    point = hit_point(driver, selector)
    assert point is not None, f"{selector} is not on screen, or covered"
    # The key and the pointer as two sources of one W3C action sequence, so the press and the
    # release happen while Shift is down (WebKitWebDriver reports it in their shiftKey).
    actions = ActionChains(driver)
    actions.w3c_actions.key_action.key_down(Keys.SHIFT)
    actions.w3c_actions.pointer_action.move_to_location(*point)
    actions.w3c_actions.pointer_action.pointer_down()
    actions.w3c_actions.key_action.pause(0)
    actions.w3c_actions.pointer_action.pointer_up()
    actions.w3c_actions.key_action.key_up(Keys.SHIFT)
    actions.perform()


def selected_tables(driver) -> set[str]:
    return {e.get_attribute("data-table") for e in driver.find_elements(By.CSS_SELECTOR, "#diagram g.table.selected")}


def test_everyday_selection_groups_legend_and_moving_between_groups(driver_url, tmp_path):
    """Items 3 to 5 of issue 14 with the real pointer and keyboard on the metastore example:
    the legend explains lines, markers and "?"; Shift-click adds a table to the selection and
    Delete deletes both in one undoable edit; a click on a group's frame selects the group (Escape
    clears it), whose
    Delete offers "delete the group with its N tables" (listed) or "ungroup" them into another
    module, each one undoable edit; a table dragged into another group's frame changes module
    in one undoable edit, and the group it left keeps its other tables in place."""
    folder = tmp_path / "metastore"
    shutil.copytree(ROOT / "registries" / "metastore", folder)
    with diagram_window(driver_url, str(folder)) as driver:
        wait = WebDriverWait(driver, 20)
        viewport = open_diagram(driver)
        count = lambda: int(viewport.get_attribute("data-tables"))  # noqa: E731
        total = count()

        # The legend, opened and read.
        click_at(driver, "#diagram-legend summary")
        legend = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#diagram-legend[open] ul"))
        text = legend.text
        for words in ("foreign key", "logical or lineage", "exactly one", "zero or many", "allows NULL", "pinned"):
            assert words in text, (words, text)
        assert len(legend.find_elements(By.CSS_SELECTOR, "li[data-end]")) == 4
        screenshot(driver, "diagram-legend.png")
        click_at(driver, "#diagram-legend summary")
        wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "#diagram-legend[open]"))

        # Shift-click: two tables selected, one confirmation, one undo.
        geo = geometry(driver)
        by_group: dict[str, list[str]] = {}
        for name, group in geo["group_of"].items():
            by_group.setdefault(group, []).append(name)
        first, second = sorted(by_group["Catalog"])[:2]
        click_at(driver, f'#diagram g.table[data-table="{first}"] rect.body')
        wait.until(lambda d: selected_tables(d) == {first})
        shift_click(driver, f'#diagram g.table[data-table="{second}"] rect.body')
        wait.until(lambda d: selected_tables(d) == {first, second})
        screenshot(driver, "diagram-multi-select.png")
        keys(driver, Keys.DELETE)
        dialog = wait.until(lambda d: d.find_element(By.ID, "delete-dialog"))
        assert dialog.find_element(By.ID, "delete-title").text == "Delete 2 tables?"
        items = dialog.find_element(By.ID, "delete-items").text
        assert first in items and second in items, items
        dialog.find_element(By.ID, "delete-confirm").click()
        wait.until(lambda d: count() == total - 2)
        ctrl(driver, "z")
        wait.until(lambda d: count() == total)

        # A click on the Identity group's frame selects the group.
        identity = sorted(by_group["Identity"])
        click_at(driver, '#diagram rect.frame[data-name="Identity"]')
        wait.until(lambda d: d.find_elements(By.ID, "group-bar"))
        assert driver.find_elements(By.CSS_SELECTOR, '#diagram rect.frame.selected[data-name="Identity"]')
        # Escape clears the group selection, as it closes a table's inspector; a click selects it again.
        keys(driver, Keys.ESCAPE)
        wait.until(lambda d: not d.find_elements(By.ID, "group-bar"))
        assert not driver.find_elements(By.CSS_SELECTOR, "#diagram rect.frame.selected")
        # Two clicks on one spot within the double-click time are a double-click, which makes a
        # new table there (a CI run saw the New table dialog take the Delete key): a person
        # clicking again waits longer than GTK's 400 ms.
        time.sleep(0.8)
        click_at(driver, '#diagram rect.frame[data-name="Identity"]')
        wait.until(lambda d: d.find_elements(By.ID, "group-bar"))
        keys(driver, Keys.DELETE)
        dialog = wait.until(lambda d: d.find_element(By.ID, "delete-dialog"))
        assert dialog.find_element(By.ID, "delete-title").text == "Delete group Identity?"
        assert dialog.find_element(By.ID, "delete-confirm").text == f"Delete the group with its {len(identity)} tables"
        assert sorted(li.text for li in dialog.find_elements(By.CSS_SELECTOR, "#delete-items li")) == identity
        screenshot(driver, "diagram-group-delete.png")
        # Ungroup: the tables move to Operations, the Identity frame goes; one undo brings it back.
        Select(dialog.find_element(By.ID, "delete-regroup-module")).select_by_value("Operations")
        dialog.find_element(By.ID, "delete-regroup").click()
        wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, '#diagram rect.frame[data-name="Identity"]'))
        moved = geometry(driver)
        assert all(moved["group_of"][t] == "Operations" for t in identity) and count() == total
        ctrl(driver, "z")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#diagram rect.frame[data-name="Identity"]'))
        assert all(geometry(driver)["group_of"][t] == "Identity" for t in identity)
        # The group came back as a new one, after the others: fit (0) to have it on screen.
        viewport.send_keys("0")
        time.sleep(0.3)
        # Delete the group with its tables; one undo brings them back.
        click_at(driver, '#diagram rect.frame[data-name="Identity"]')
        wait.until(lambda d: d.find_elements(By.ID, "group-bar"))
        driver.find_element(By.ID, "group-delete").click()
        wait.until(lambda d: d.find_element(By.ID, "delete-dialog")).find_element(By.ID, "delete-confirm").click()
        wait.until(lambda d: count() == total - len(identity))
        ctrl(driver, "z")
        wait.until(lambda d: count() == total)

        # Drag an Operations table by its header into the Catalog frame: it changes module.
        before = geometry(driver)
        table = sorted(by_group["Operations"])[0]
        header = f'#diagram g.table[data-table="{table}"] g.table-header rect'
        start = hit_point(driver, header)
        assert start is not None
        aim = driver.execute_script(
            "const t = document.querySelector(`#diagram g.table[data-table=\"${arguments[0]}\"] rect.body`).getBoundingClientRect();"
            "const f = document.querySelector('#diagram rect.frame[data-name=\"Catalog\"]').getBoundingClientRect();"
            "return [f.left + f.width / 2 - (t.left + t.width / 2), f.top + f.height / 2 - (t.top + t.height / 2)];", table)
        drag = ActionChains(driver)
        drag.w3c_actions.pointer_action.move_to_location(*start).pointer_down()
        for k in range(1, 6):
            drag.w3c_actions.pointer_action.move_to_location(round(start[0] + aim[0] * k / 5), round(start[1] + aim[1] * k / 5))
        drag.w3c_actions.pointer_action.pointer_up()
        drag.perform()
        wait.until(lambda d: geometry(d)["group_of"].get(table) == "Catalog")
        after = geometry(driver)
        # The group it left is not laid out again: its other tables keep their places in it (a
        # group too full to take the table grows, and may push the groups after it).
        stayed = [n for n in by_group["Operations"] if n != table]
        shifts = {(round(after["tables"][n]["x"] - before["tables"][n]["x"]), round(after["tables"][n]["y"] - before["tables"][n]["y"])) for n in stayed}
        assert len(shifts) == 1, f"moving {table} rearranged its old group: {shifts}"
        frame, moved = after["groups"]["Catalog"], after["tables"][table]
        assert frame["x"] <= moved["x"] and moved["x"] + moved["width"] <= frame["x"] + frame["width"], (frame, moved)
        assert not (box(driver, table) or {}).get("pinned"), "a move between groups is not a pin"
        assert "undo" in driver.find_element(By.ID, "undo-button").get_attribute("title").lower()
        ctrl(driver, "z")
        wait.until(lambda d: geometry(d)["group_of"].get(table) == "Operations")


def test_everyday_clipped_text_shows_all_of_itself_on_hover(driver_url):
    """Issue 14 item 9: a finding cut off with "…" shows its whole message as a tooltip when
    the real pointer rests on it (and not before: the title is set for clipped text only), and
    every table box in the diagram names its table in full on hover."""
    with diagram_window(driver_url) as driver:
        wait = WebDriverWait(driver, 20)
        open_diagram(driver)
        names = driver.execute_script(
            "return [...document.querySelectorAll('#diagram g.table')].map(g => [g.dataset.table, g.querySelector(':scope > title')?.textContent])")
        assert names and all(table == title for table, title in names), names

        ctrl(driver, "m", shift=True)
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".rules-list .finding-message"))
        # The first message the panel shows cut off (read, not changed, by the script).
        index = driver.execute_script(
            "return [...document.querySelectorAll('.rules-list .finding-message')].findIndex(m => m.scrollWidth > m.clientWidth + 1)")
        assert index >= 0, "the example has findings longer than the panel is wide"
        message = driver.find_elements(By.CSS_SELECTOR, ".rules-list .finding-message")[index]
        assert not message.get_attribute("title")
        fits = driver.execute_script(
            "return [...document.querySelectorAll('.rules-list .finding-message')].findIndex(m => m.scrollWidth <= m.clientWidth)")
        ActionChains(driver).move_to_element(message).perform()
        whole = driver.execute_script("return arguments[0].textContent.trim()", message)
        wait.until(lambda d: message.get_attribute("title") == whole)
        if fits >= 0:
            # Text that fits gets no tooltip.
            short = driver.find_elements(By.CSS_SELECTOR, ".rules-list .finding-message")[fits]
            ActionChains(driver).move_to_element(short).perform()
            time.sleep(0.3)
            assert not short.get_attribute("title")
