//! Crash recovery: while a workspace has unsaved changes, a copy of its registry is written
//! every few seconds to a recovery file in the app's data folder (one per workspace path,
//! replaced atomically). A clean save, or discarding, deletes it; opening a workspace that has
//! one offers it back.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use relata_model::Registry;
use serde::{Deserialize, Serialize};

use crate::error::{ErrorCode, IpcError};

/// How long the registry must rest after an edit before it is written: typing is not a
/// reason to write ten megabytes per key.
pub const QUIET: Duration = Duration::from_millis(1500);

/// What a recovery file holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recovered {
    /// The workspace the changes belong to.
    pub path: PathBuf,
    /// When they were written, seconds since the Unix epoch.
    pub written_at: u64,
    /// The registry with the unsaved changes.
    pub registry: Registry,
}

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
        // FNV-1a: stable across runs and Rust versions, unlike std's hasher.
        let hash = relata_model::hash::fnv1a_64(path.as_os_str().as_encoded_bytes());
        let stem = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let stem: String = stem.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).take(40).collect();
        self.dir.join(format!("{stem}-{hash:016x}.json"))
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
        let recovered = Recovered { path: path.to_owned(), written_at: now(), registry: registry.clone() };
        let bytes = serde_json::to_vec(&recovered).map_err(|e| IpcError::new(ErrorCode::Io, e.to_string()))?;
        relata_store::write_file(&self.file_of(path), &bytes)?;
        self.lock().written = Some((path.to_owned(), revision));
        Ok(())
    }

    /// The recovery file of `path`, if there is one that belongs to it and can be read.
    pub fn read(&self, path: &Path) -> Option<Recovered> {
        let bytes = std::fs::read(self.file_of(path)).ok()?;
        let recovered: Recovered = serde_json::from_slice(&bytes).ok()?;
        (recovered.path == path).then_some(recovered)
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
