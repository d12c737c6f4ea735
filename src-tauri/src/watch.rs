//! Watching the open workspace's files, so a change made behind the window's back (`git
//! pull`, a spreadsheet's save, another window, the CLI) is noticed when it happens rather
//! than at the next save. The watcher waits for quiet (a checkout or a spreadsheet writes
//! several times), then [`AppState::check_disk`] decides, and the window is told with a
//! `disk-changed` event carrying [`crate::state::DiskNews`].
//!
//! A registry folder is watched as a directory (its CSV files and `relata.json`; temporary and
//! lock files are ignored); a `.relata` file through its directory, since a save renames a new
//! file over it.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{new_debouncer, DebounceEventResult};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::state::AppState;

/// How long the files must rest before they are looked at.
const QUIET: Duration = Duration::from_millis(250);

/// The event the window listens to.
pub const EVENT: &str = "disk-changed";

/// Starts the watcher thread for the app's open workspace, following it when another opens.
pub fn start<R: Runtime>(app: AppHandle<R>) {
    std::thread::spawn(move || {
        if let Err(error) = run(&app) {
            tracing::warn!("cannot watch the workspace for changes on disk: {error}");
        }
    });
}

fn run<R: Runtime>(app: &AppHandle<R>) -> Result<(), notify_debouncer_mini::notify::Error> {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(QUIET, tx)?;
    let mut watched: Option<(PathBuf, PathBuf)> = None;
    loop {
        // Follow the open workspace: the session can change with every open.
        let open = app.state::<AppState>().with_workspace(|w| w.path().to_owned()).ok();
        if open.as_ref() != watched.as_ref().map(|(p, _)| p) {
            if let Some((_, dir)) = watched.take() {
                let _ = debouncer.watcher().unwatch(&dir);
            }
            if let Some(path) = open {
                let dir = if path.is_dir() { path.clone() } else { path.parent().map(Path::to_owned).unwrap_or_default() };
                if debouncer.watcher().watch(&dir, RecursiveMode::NonRecursive).is_ok() {
                    watched = Some((path, dir));
                }
            }
        }
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(Ok(events)) => {
                let Some((path, _)) = &watched else { continue };
                if events.iter().any(|e| concerns(path, &e.path)) {
                    if let Some(news) = app.state::<AppState>().check_disk() {
                        let _ = app.emit(EVENT, news);
                    }
                }
            }
            Ok(Err(error)) => tracing::warn!("watching the workspace: {error}"),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
        }
    }
}

/// Whether a change to `changed` can change the workspace at `workspace`: one of a folder's
/// registry files, or the `.relata` file itself (not a save's temporary files, which the
/// rename into place reports again as the file).
fn concerns(workspace: &Path, changed: &Path) -> bool {
    if workspace.is_dir() {
        changed.parent() == Some(workspace)
            && changed.file_name().and_then(|n| n.to_str()).is_some_and(|n| relata_codec::folder::FILES.contains(&n))
    } else {
        changed == workspace
    }
}

#[cfg(test)]
mod tests {
    use super::concerns;
    use std::path::Path;

    #[test]
    fn only_the_workspace_files_concern_it() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path();
        assert!(concerns(folder, &folder.join("table_overview.csv")));
        assert!(concerns(folder, &folder.join("relata.json")));
        assert!(!concerns(folder, &folder.join("table_overview.csv.relata-new")));
        assert!(!concerns(folder, &folder.join(".~lock.table_overview.csv#")));
        assert!(!concerns(folder, &folder.join("notes.md")));
        let file = Path::new("/somewhere/shop.relata");
        assert!(concerns(file, file));
        assert!(!concerns(file, Path::new("/somewhere/.shop.relata.tmp")));
    }
}
