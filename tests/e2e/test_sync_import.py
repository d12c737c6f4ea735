"""Shared registry sync and import with a merge preview, in the real window.

Sync runs against a throwaway PostgreSQL 15 cluster started here (initdb + pg_ctl on a free
port, a Unix socket in a temp dir under /tmp, as relata-testkit's `PgCluster` does), with the
registry DDL of registries/ddl loaded and the bundled example pushed by the CLI. In the app:
pull, edit, push; a conflicting change made with psql makes the next push list both versions
field by field; keeping the workspace's version and pushing settles it. Import: a DBML file
with one new table is previewed, applied, seen in the list, and Ctrl+Z removes it."""

import contextlib
import os
import pathlib
import shutil
import subprocess
import tempfile

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.file_detector import UselessFileDetector
from selenium.webdriver.support.ui import WebDriverWait

from test_window import (  # noqa: F401  (driver_url is a fixture)
    EXAMPLE, ROOT, TARGET, chord, driver_url, error_text, free_port, replace_text, screenshot, wait_until_settled, window,
)

CLI = TARGET / "debug" / "relata"
DOCS = ROOT / "docs" / "screenshots"
# A table of the bundled example, and the one the conflict is about.
TABLE = "core_metadata.ref_compute_method_latest"
PASSWORD = "e2e-typed-secret"


def bindir() -> pathlib.Path:
    """Where initdb, pg_ctl and postgres are: `pg_config --bindir`, else the Debian path."""
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        found = pathlib.Path(subprocess.run(["pg_config", "--bindir"], check=True, capture_output=True, text=True).stdout.strip())
        if (found / "initdb").is_file():
            return found
    return pathlib.Path("/usr/lib/postgresql/15/bin")


class Cluster:
    """A running throwaway cluster: `psql(db, sql)` and `url(db)`."""

    def __init__(self, directory: pathlib.Path, port: int):
        self.dir, self.port = directory, port

    def psql(self, db: str, sql: str) -> str:
        out = subprocess.run(["psql", "-X", "-v", "ON_ERROR_STOP=1", "-q", "-At", "-h", str(self.dir), "-p", str(self.port),
                              "-U", "postgres", "-d", db, "-f", "-"], input=sql, capture_output=True, text=True)
        assert out.returncode == 0, f"psql failed: {out.stderr}"
        return out.stdout

    def url(self, db: str) -> str:
        return f"postgres://postgres@localhost:{self.port}/{db}?host={self.dir}"


@pytest.fixture
def cluster():
    """initdb + pg_ctl start on a free port, the socket in a fresh dir; stopped and deleted after.
    As root (CI), the server programs run as `postgres`, which PostgreSQL requires."""
    binaries = bindir()
    assert (binaries / "initdb").is_file(), f"no PostgreSQL server binaries in {binaries}: install postgresql-15"
    as_postgres = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_postgres else []
    directory = pathlib.Path(tempfile.mkdtemp(prefix="relata-pg-", dir="/tmp"))
    directory.chmod(0o755)
    if as_postgres:
        shutil.chown(directory, "postgres", "postgres")
    data, port = directory / "data", free_port()
    subprocess.run(prefix + [str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8",
                             "--locale=C"], check=True, capture_output=True)
    with open(data / "postgresql.conf", "a", encoding="utf-8") as conf:
        conf.write(f"\nport = {port}\nlisten_addresses = ''\nunix_socket_directories = '{directory}'\nfsync = off\n"
                   "synchronous_commit = off\ntimezone = 'UTC'\nmax_connections = 20\nshared_buffers = 16MB\n")
    started = False
    try:
        subprocess.run(prefix + [str(binaries / "pg_ctl"), "-D", str(data), "-l", str(directory / "server.log"), "-w", "-t", "60",
                                 "start"], check=True, capture_output=True)
        started = True
        yield Cluster(directory, port)
    finally:
        if started:
            subprocess.run(prefix + [str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "-t", "30", "stop"],
                           capture_output=True)
        shutil.rmtree(directory, ignore_errors=True)


def photograph(driver, name: str) -> None:
    """`name`.png of the window into target/e2e/docs, and docs/screenshots with RELATA_UPDATE_SCREENSHOTS=1."""
    path = screenshot(driver, f"docs/{name}.png")
    if os.environ.get("RELATA_UPDATE_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS / path.name)


def sync_dialog(driver, url: str | None = None, password: str | None = None):
    """Opens the sync dialog from the header, filling in the connection when given."""
    driver.find_element(By.ID, "sync-button").click()
    field = WebDriverWait(driver, 5).until(lambda d: d.find_element(By.ID, "sync-url"))
    if url is not None:
        replace_text(field, url)
    if password is not None:
        driver.find_element(By.ID, "sync-password").send_keys(password)
    return driver.find_element(By.ID, "sync-dialog")


def run_sync(driver, button: str) -> str:
    """Clicks a sync button and waits for the outcome; returns the dialog's state."""
    driver.find_element(By.ID, button).click()
    wait = WebDriverWait(driver, 30)
    wait.until(lambda d: d.find_element(By.ID, "sync-dialog").get_attribute("data-state") in ("done", "conflicts", "error"))
    state = driver.find_element(By.ID, "sync-dialog").get_attribute("data-state")
    if state == "error":
        pytest.fail(driver.find_element(By.ID, "sync-error").text)
    return state


def close_dialog(driver, dialog_id: str) -> None:
    driver.find_element(By.ID, dialog_id).send_keys(Keys.ESCAPE)
    WebDriverWait(driver, 5).until(lambda d: not d.find_elements(By.ID, dialog_id))


def set_purpose(driver, text: str) -> None:
    """Opens TABLE in the inspector and types `text` as its purpose."""
    driver.find_element(By.CSS_SELECTOR, f'.table-row[data-table="{TABLE}"] .table-name').click()
    wait = WebDriverWait(driver, 10)
    wait.until(lambda d: d.find_element(By.ID, "inspector").get_attribute("data-table") == TABLE)
    field = driver.find_element(By.ID, "table-purpose")
    replace_text(field, text)
    field.send_keys(Keys.TAB)
    wait.until(lambda d: d.find_element(By.ID, "save-button").text == "● Save")


def test_sync_pull_edit_push_then_a_conflict_listed_with_both_versions_and_resolved(driver_url, cluster, tmp_path):
    cluster.psql("postgres", "CREATE DATABASE shared TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C';")
    for t in ("table_overview", "signal_registry", "relationship_registry"):
        cluster.psql("shared", (ROOT / "registries" / "ddl" / f"{t}.sql").read_text(encoding="utf-8"))
    url = cluster.url("shared")
    origin, mine = tmp_path / "origin", tmp_path / "mine"
    shutil.copytree(EXAMPLE, origin)
    shutil.copytree(EXAMPLE, mine)
    pushed = subprocess.run([str(CLI), "push", str(origin), "--url", url], capture_output=True, text=True)
    assert pushed.returncode == 0, pushed.stderr + pushed.stdout

    with window(driver_url, str(mine)) as driver:
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 15)

        # First pull: the same rows as the database, so nothing moves and the base is recorded.
        sync_dialog(driver, url, PASSWORD)
        assert run_sync(driver, "sync-pull") == "done"
        summary = driver.find_element(By.ID, "sync-summary").text
        assert summary.startswith(f"Pulled from postgres://postgres@localhost:{cluster.port}/shared"), summary
        assert "0 conflicts" in summary, summary
        close_dialog(driver, "sync-dialog")

        # Edit, then push: the dialog saves first ("Save and push").
        set_purpose(driver, "Edited in the app")
        sync_dialog(driver)
        assert driver.find_element(By.ID, "sync-push").text == "Save and push"
        # The database last synced with is filled in (without password).
        assert driver.find_element(By.ID, "sync-url").get_attribute("value").startswith(f"postgres://postgres@localhost:{cluster.port}/shared")
        assert run_sync(driver, "sync-push") == "done"
        summary = driver.find_element(By.ID, "sync-summary").text
        assert "1 updated" in summary and "0 conflicts not written" in summary, summary
        assert driver.find_element(By.ID, "save-button").text == "Saved"
        close_dialog(driver, "sync-dialog")
        assert cluster.psql("shared", "SELECT purpose FROM table_overview WHERE table_name = 'ref_compute_method_latest'").strip() == "Edited in the app"

        # Someone changes the same entry in the database; this workspace changes it too.
        cluster.psql("shared", "UPDATE table_overview SET purpose = 'Changed in the database', updated_at = now() "
                               "WHERE table_name = 'ref_compute_method_latest'")
        set_purpose(driver, "Changed in the app again")
        sync_dialog(driver)
        assert run_sync(driver, "sync-push") == "conflicts"
        conflict = driver.find_element(By.CSS_SELECTOR, f'#sync-conflicts .conflict[data-name="{TABLE}"]')
        assert conflict.get_attribute("data-registry") == "table_overview"
        row = conflict.find_element(By.CSS_SELECTOR, 'tr[data-column="purpose"]')
        assert row.find_element(By.CSS_SELECTOR, ".conflict-workspace").text == "Changed in the app again"
        assert row.find_element(By.CSS_SELECTOR, ".conflict-database").text == "Changed in the database"
        # The version (updated_at) says when each side changed it; it is not a field row.
        assert not conflict.find_elements(By.CSS_SELECTOR, 'tr[data-column="updated_at"]')
        assert "workspace 20" in conflict.find_element(By.CSS_SELECTOR, ".conflict-when").text
        assert "1 conflict not written" in driver.find_element(By.ID, "sync-summary").text
        photograph(driver, "sync-conflict-light")
        assert cluster.psql("shared", "SELECT purpose FROM table_overview WHERE table_name = 'ref_compute_method_latest'").strip() == "Changed in the database", \
            "a conflicting row is not overwritten"

        # Keep the workspace's version, then push it over the database's.
        assert run_sync(driver, "resolve-workspace") == "done"
        assert "1 resolved" in driver.find_element(By.ID, "sync-summary").text
        assert run_sync(driver, "sync-push") == "done"
        assert "1 updated" in driver.find_element(By.ID, "sync-summary").text
        close_dialog(driver, "sync-dialog")
        assert driver.find_element(By.ID, "table-purpose").get_attribute("value") == "Changed in the app again"
        # Escape returned the focus to where it was before the dialog.
        assert driver.switch_to.active_element.get_attribute("id") == "sync-button"

    assert cluster.psql("shared", "SELECT purpose FROM table_overview WHERE table_name = 'ref_compute_method_latest'").strip() == "Changed in the app again"
    # The typed password went to the connection only: no file of the workspace holds it.
    for path in mine.rglob("*"):
        if path.is_file():
            assert PASSWORD not in path.read_text(encoding="utf-8", errors="replace"), path


NEW_TABLE = "core_metadata.ref_import_source"
DBML = """Table core_metadata.ref_import_source {
  source_id uuid [pk]
  label text [not null, note: 'What people call the source']
}
"""


def test_import_previews_a_dbml_file_applies_it_as_one_edit_and_undo_removes_it(driver_url, tmp_path):
    workspace = tmp_path / "example"
    shutil.copytree(EXAMPLE, workspace)
    good, broken = tmp_path / "more.dbml", tmp_path / "broken.dbml"
    good.write_text(DBML, encoding="utf-8")
    broken.write_text("Table core.a {\n  id uuid [pk\n}\n", encoding="utf-8")

    with window(driver_url, str(workspace)) as driver:
        # Typed file paths are text for the field, not files to upload (WebKitWebDriver has no upload).
        driver.file_detector = UselessFileDetector()
        assert wait_until_settled(driver) == "ready", error_text(driver)
        wait = WebDriverWait(driver, 15)
        chord(driver, "i")
        field = wait.until(lambda d: d.find_element(By.ID, "import-path"))
        assert driver.switch_to.active_element == field, "the dialog focuses its first field"

        # A file with errors: located diagnostics, nothing to apply.
        replace_text(field, str(broken))
        field.send_keys(Keys.ENTER)
        wait.until(lambda d: d.find_element(By.ID, "import-dialog").get_attribute("data-state") == "blocked")
        first = driver.find_element(By.CSS_SELECTOR, "#import-diagnostics li.diagnostic-error")
        assert first.text.startswith(f"{broken}:{first.get_attribute('data-line')}:{first.get_attribute('data-column')}: error D"), first.text
        assert not driver.find_element(By.ID, "import-apply").is_enabled()

        replace_text(field, str(good))
        field.send_keys(Keys.ENTER)
        wait.until(lambda d: d.find_element(By.ID, "import-dialog").get_attribute("data-state") == "ready")
        added = driver.find_element(By.CSS_SELECTOR, f'.import-group[data-kind="table"] .import-line[data-name="{NEW_TABLE}"]')
        assert added.get_attribute("data-mark") == "+"
        assert driver.find_elements(By.CSS_SELECTOR, f'.import-group[data-kind="column"] .import-line[data-name="{NEW_TABLE}.label"]')
        assert driver.find_element(By.ID, "import-summary").text.startswith("3 to add, 0 to change"), driver.find_element(By.ID, "import-summary").text
        assert not driver.find_elements(By.CSS_SELECTOR, f'.table-row[data-table="{NEW_TABLE}"]'), "a preview changes nothing"
        photograph(driver, "import-preview-light")

        # Typing another path without previewing it disables Apply: it would import a file the
        # field no longer names. The previewed path enables it again.
        replace_text(field, str(broken))
        wait.until(lambda d: not d.find_element(By.ID, "import-apply").is_enabled())
        replace_text(field, str(good))
        wait.until(lambda d: d.find_element(By.ID, "import-apply").is_enabled())

        driver.find_element(By.ID, "import-apply").click()
        wait.until(lambda d: not d.find_elements(By.ID, "import-dialog"))
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f'.table-row[data-table="{NEW_TABLE}"]'))
        assert driver.find_element(By.ID, "undo-button").get_attribute("title").startswith("Undo import more.dbml"), \
            driver.find_element(By.ID, "undo-button").get_attribute("title")

        chord(driver, "z")
        wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, f'.table-row[data-table="{NEW_TABLE}"]'))
        wait.until(lambda d: d.find_element(By.ID, "save-button").text == "Saved")

        # Cancel changes nothing. (The palette offers the dialog too.)
        chord(driver, "k")
        search = wait.until(lambda d: d.find_element(By.ID, "palette-input"))
        search.send_keys("import into")
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#palette-results .palette-item.active").get_attribute("data-label")
                   == "Import into the workspace…")
        search.send_keys(Keys.ENTER)
        field = wait.until(lambda d: d.find_element(By.ID, "import-path"))
        replace_text(field, str(good))
        field.send_keys(Keys.ENTER)
        wait.until(lambda d: d.find_element(By.ID, "import-dialog").get_attribute("data-state") == "ready")
        driver.find_element(By.ID, "import-cancel").click()
        wait.until(lambda d: not d.find_elements(By.ID, "import-dialog"))
        assert not driver.find_elements(By.CSS_SELECTOR, f'.table-row[data-table="{NEW_TABLE}"]')
        assert driver.find_element(By.ID, "save-button").text == "Saved"
        # And the toolbar's button, closed with Escape.
        driver.find_element(By.ID, "import-button").click()
        wait.until(lambda d: d.find_element(By.ID, "import-path"))
        close_dialog(driver, "import-dialog")
