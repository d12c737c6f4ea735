//! Crash-recovery copies of a workspace's unsaved registry. Each is a `.relata` file of its
//! own, written atomically and versioned like any workspace (a copy from a newer Relata is
//! refused by name, never misread), which also says which workspace it belongs to and when it
//! was written.

use std::path::{Path, PathBuf};

use relata_sync::SyncBase;
use relata_model::{Registry, Severity};

use crate::error::{ErrorKind, StoreError};
use crate::sqlite;

/// `relata_meta` key: the workspace the copy belongs to, as text.
const OF: &str = "recovery_of";
/// `relata_meta` key: when the copy was written, seconds since the Unix epoch.
const WRITTEN_AT: &str = "recovery_written_at";

/// A workspace's unsaved registry, read back from its recovery copy.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    /// The workspace the changes belong to, as the copy names it.
    pub workspace: String,
    /// When they were written, seconds since the Unix epoch.
    pub written_at: u64,
    /// The registry with the unsaved changes.
    pub registry: Registry,
}

/// How a recovery copy names `workspace`: its path as text. A path that is not valid UTF-8 is
/// named lossily, and then only matches itself.
pub fn name_of(workspace: &Path) -> String {
    workspace.to_string_lossy().into_owned()
}

/// Writes `registry`, the unsaved state of `workspace` at `written_at`, as the recovery copy
/// `file`, replacing any older copy atomically.
pub async fn write(file: &Path, workspace: &Path, written_at: u64, registry: &Registry) -> Result<(), StoreError> {
    let extra = [(OF, name_of(workspace)), (WRITTEN_AT, written_at.to_string())];
    sqlite::save_with_meta(file, registry, &SyncBase::default(), &extra).await
}

/// Reads the recovery copy `file`. A file that is not a recovery copy, comes from a newer
/// Relata or holds an entry that cannot be read is an error naming the file: offering half of
/// the unsaved changes back would lose the rest when saved.
pub async fn read(file: &Path) -> Result<Recovered, StoreError> {
    let (loaded, meta) = sqlite::load_with_meta(file, &[OF, WRITTEN_AT]).await?;
    let [Some(workspace), Some(written_at)] = <[Option<String>; 2]>::try_from(meta).unwrap_or_default() else {
        return Err(StoreError::new(ErrorKind::NotAWorkspace, file, "a Relata workspace, but not a recovery copy (it names no workspace)"));
    };
    let written_at = written_at
        .parse()
        .map_err(|_| StoreError::new(ErrorKind::UnsupportedFormat, file, format!("recovery copy with an unreadable time {written_at:?}")))?;
    if let Some(problem) = loaded.diagnostics.iter().find(|d| d.severity == Severity::Error) {
        return Err(StoreError::new(ErrorKind::UnsupportedFormat, file, format!("recovery copy with an entry that cannot be read: {}", problem.message)));
    }
    Ok(Recovered { workspace, written_at, registry: loaded.registry })
}

/// The recovery copy's file name for `workspace` in `dir`: the workspace's name (cut to 40
/// characters, letters, digits, `-` and `_`) and a stable hash of its whole path.
pub fn file_in(dir: &Path, workspace: &Path) -> PathBuf {
    // FNV-1a: stable across runs and Rust versions, unlike std's hasher.
    let hash = relata_model::hash::fnv1a_64(workspace.as_os_str().as_encoded_bytes());
    let stem = workspace.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem: String = stem.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).take(40).collect();
    dir.join(format!("{stem}-{hash:016x}.{}", sqlite::EXTENSION))
}
