//! What a workspace looked like on disk when it was loaded or last saved, so that a save never
//! overwrites a change made behind its back (`git pull`, a spreadsheet, another window, the
//! CLI): [`DiskState`] names the files by size, modification time and content hash, and
//! [`save_merging`] writes only when the disk still holds what was loaded, or else merges three
//! ways ([`relata_sync::three_way`]) and writes the merge, or, when both sides changed
//! the same field, writes nothing and says so.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use relata_codec::folder::FILES;
use relata_sync::bytes_hash;
use relata_sync::three_way::{self, FileMerge};
use relata_model::{Diagnostic, Registry, Severity};

use crate::error::{ErrorKind, StoreError};
use crate::{Loaded, WorkspaceKind};

/// One file of a workspace as it was on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileState {
    path: PathBuf,
    /// `None`: the file was not there.
    seen: Option<Seen>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    len: u64,
    modified: Option<SystemTime>,
    /// [`bytes_hash`] of the bytes: what decides, since a checkout can restore a file's time and
    /// an editor can rewrite the same bytes.
    hash: String,
}

/// The identity of a workspace's files at one moment: the three CSV files and `relata.json`
/// of a registry folder, or the `.relata` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskState {
    files: Vec<FileState>,
}

impl DiskState {
    /// The files of the workspace at `path` as they are now.
    pub fn of(path: &Path) -> Result<DiskState, StoreError> {
        let paths: Vec<PathBuf> = match WorkspaceKind::of(path) {
            WorkspaceKind::Folder => FILES.iter().map(|f| path.join(f)).collect(),
            WorkspaceKind::Sqlite => vec![path.to_owned()],
        };
        let files = paths
            .into_iter()
            .map(|path| {
                let seen = match std::fs::read(&path) {
                    Ok(bytes) => {
                        let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
                        Some(Seen { len: bytes.len() as u64, modified, hash: bytes_hash(&bytes) })
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                    Err(e) => return Err(StoreError::io(&path, "read", e)),
                };
                Ok(FileState { path, seen })
            })
            .collect::<Result<_, _>>()?;
        Ok(DiskState { files })
    }

    /// Whether the content of any file differs from `other`'s (times alone do not count).
    pub fn content_differs(&self, other: &DiskState) -> bool {
        self.files.len() != other.files.len()
            || self.files.iter().zip(&other.files).any(|(a, b)| a.path != b.path || a.seen.as_ref().map(|s| &s.hash) != b.seen.as_ref().map(|s| &s.hash))
    }

    /// Whether size or modification time of any file differs from `other`'s: the cheap first
    /// look of a watcher, which then compares contents.
    pub fn touched_since(&self, other: &DiskState) -> bool {
        self.files.iter().zip(&other.files).any(|(a, b)| {
            a.seen.as_ref().map(|s| (s.len, s.modified)) != b.seen.as_ref().map(|s| (s.len, s.modified))
        })
    }

    /// The files whose content differs from `other`'s, by path.
    pub fn changed_files(&self, other: &DiskState) -> Vec<PathBuf> {
        self.files
            .iter()
            .zip(&other.files)
            .filter(|(a, b)| a.seen.as_ref().map(|s| &s.hash) != b.seen.as_ref().map(|s| &s.hash))
            .map(|(a, _)| a.path.clone())
            .collect()
    }
}

/// What [`save_merging`] did.
#[derive(Debug)]
pub enum SaveOutcome {
    /// The disk held what was loaded: the window's registry is written.
    Saved {
        /// The files as this save left them.
        state: DiskState,
    },
    /// The workspace changed on disk, the changes merged without conflict, and the merge is
    /// written.
    Merged {
        /// The merge: the registry written and what was taken from disk.
        merge: FileMerge,
        /// The files as this save left them.
        state: DiskState,
    },
    /// The workspace changed on disk and both sides changed some field differently: nothing is
    /// written. Once the user has chosen, the window's registry becomes
    /// [`three_way::merge`]`(base, ours, theirs, choices)`'s, its base `theirs` and its files
    /// `state`; the next save writes it (or merges again, if the disk changed once more).
    Conflicts {
        /// The merge with the window's version of each conflicting field.
        merge: FileMerge,
        /// The registry on disk now.
        theirs: Registry,
        /// The files as they are now.
        state: DiskState,
    },
}

/// Saves `ours` to the workspace at `path`, which was loaded (or last saved) as `base` when its
/// files were `loaded`. If the files still hold that, `ours` is written. If they changed, the
/// registry on disk now is read and merged three ways with `ours` against `base`; a merge with
/// no conflict is written, one with conflicts is not. Every write is atomic, as [`crate::save`]'s.
///
/// A workspace on disk that no longer loads cleanly (a merge conflict marker in a CSV file, say)
/// is an [`ErrorKind::ChangedOnDisk`] error naming its first problems, and nothing is written:
/// the window keeps its registry and the disk its files.
pub async fn save_merging(
    path: &Path,
    base: &Registry,
    ours: &Registry,
    loaded: &DiskState,
) -> Result<SaveOutcome, StoreError> {
    let now = DiskState::of(path)?;
    if !now.content_differs(loaded) {
        crate::save(path, ours).await?;
        return Ok(SaveOutcome::Saved { state: DiskState::of(path)? });
    }
    let theirs = load_clean(path).await?;
    let merge = three_way::merge(base, ours, &theirs, &[]);
    if !merge.conflicts.is_empty() {
        return Ok(SaveOutcome::Conflicts { merge, theirs, state: now });
    }
    // The disk may have changed again while this merged: merge with the newest, never over it.
    if DiskState::of(path)?.content_differs(&now) {
        return Err(StoreError::new(
            ErrorKind::ChangedOnDisk,
            path,
            "the workspace changed on disk again while Relata merged it; nothing was written, save again",
        ));
    }
    crate::save(path, &merge.registry).await?;
    Ok(SaveOutcome::Merged { merge, state: DiskState::of(path)? })
}

/// Loads the workspace at `path`, as its state on disk says, refusing one whose load finds
/// errors: a merge would drop the rows that did not read.
pub async fn load_clean(path: &Path) -> Result<Registry, StoreError> {
    let Loaded { registry, diagnostics, .. } = crate::load(path).await?;
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    if errors.is_empty() {
        return Ok(registry);
    }
    let shown: Vec<String> = errors.iter().take(3).map(|d| d.to_string()).collect();
    let more = if errors.len() > 3 { format!(" (and {} more)", errors.len() - 3) } else { String::new() };
    Err(StoreError::new(
        ErrorKind::ChangedOnDisk,
        path,
        format!("the workspace changed on disk and no longer loads cleanly; nothing was written: {}{more}", shown.join("; ")),
    ))
}
