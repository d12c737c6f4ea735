//! Crash recovery: while a workspace has unsaved changes, a copy of its registry is written
//! every few seconds to a recovery file in the app's data folder (one per workspace path,
//! written by relata-store as a `.relata` file of its own and replaced atomically). A clean
//! save, or discarding, deletes it; opening a workspace that has one offers it back. This
//! module only decides when to write.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use relata_model::Registry;
use relata_store::recovery::Recovered;
use serde::Serialize;

use crate::error::IpcError;

/// How long the registry must rest after an edit before it is written: typing is not a
/// reason to write ten megabytes per key.
pub const QUIET: Duration = Duration::from_millis(1500);

/// Offered to the window when an opened workspace has a recovery file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RecoveryOffer {
    /// When the changes were written, seconds since the Unix epoch.
    #[cfg_attr(test, ts(type = "number"))]
    pub written_at: u64,
}

/// Where recovery files live and what was last written.
#[derive(Debug)]
pub struct Recovery {
    dir: PathBuf,
    state: Mutex<Progress>,
}

#[derive(Debug, Default)]
struct Progress {
    /// The revision last written, per workspace path.
    written: Option<(PathBuf, u64)>,
    /// When the latest change was seen and at which revision.
    changed: Option<(Instant, u64)>,
}

impl Recovery {
    /// Recovery files in `dir` (created when first needed).
    pub fn new(dir: PathBuf) -> Self {
        Self { dir, state: Mutex::new(Progress::default()) }
    }

    /// The recovery file of the workspace at `path`: a stable name from the path's bytes.
    pub fn file_of(&self, path: &Path) -> PathBuf {
        relata_store::recovery::file_in(&self.dir, path)
    }

    /// Notes that the workspace changed to `revision`; the writer waits for a quiet moment.
    pub fn changed(&self, revision: u64) {
        self.lock().changed = Some((Instant::now(), revision));
    }

    /// The revision to write now, if the registry has rested since its last change and that
    /// revision is not written yet.
    pub fn due(&self, path: &Path, dirty: bool, revision: u64) -> bool {
        let progress = self.lock();
        let rested = progress.changed.is_none_or(|(at, r)| r != revision || at.elapsed() >= QUIET);
        let written = progress.written.as_ref().is_some_and(|(p, r)| p == path && *r == revision);
        dirty && rested && !written
    }

    /// Writes the recovery file of `path` holding `registry` at `revision`.
    pub fn write(&self, path: &Path, revision: u64, registry: &Registry) -> Result<(), IpcError> {
        std::fs::create_dir_all(&self.dir).map_err(|e| IpcError::io("create", &self.dir, &e))?;
        tauri::async_runtime::block_on(relata_store::recovery::write(&self.file_of(path), path, now(), registry))?;
        self.lock().written = Some((path.to_owned(), revision));
        Ok(())
    }

    /// The recovery file of `path`, if there is one that belongs to it. One that cannot be read
    /// is left where it is (for the user to find) and logged, and nothing is offered.
    pub fn read(&self, path: &Path) -> Option<Recovered> {
        let file = self.file_of(path);
        if !file.exists() {
            return None;
        }
        match tauri::async_runtime::block_on(relata_store::recovery::read(&file)) {
            Ok(recovered) => (recovered.workspace == relata_store::recovery::name_of(path)).then_some(recovered),
            Err(error) => {
                tracing::warn!(file = %file.display(), %error, "the recovery file cannot be read; nothing is offered");
                None
            }
        }
    }

    /// Deletes the recovery file of `path` (after a save, or when the user discards it).
    pub fn discard(&self, path: &Path) {
        let _ = std::fs::remove_file(self.file_of(path));
        let mut progress = self.lock();
        if progress.written.as_ref().is_some_and(|(p, _)| p == path) {
            progress.written = None;
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Progress> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}
