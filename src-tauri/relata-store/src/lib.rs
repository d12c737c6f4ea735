//! Where Relata workspaces live: registry folders (three CSV files plus `relata.json`) and
//! single-file SQLite workspaces (`.relata`). Saves are atomic; loads never write.
//!
//! Architecture invariant: this is the only crate that touches the file system or a
//! database for workspaces; it knows nothing of Tauri or the CLI.

pub mod disk;
pub mod error;
pub mod folder;
pub mod postgres;
pub mod recovery;
pub mod sqlite;

use std::path::Path;

use relata_codec::folder::SourceMap;
use relata_sync::SyncBase;
use relata_model::{Diagnostic, Registry};

pub use error::{ErrorKind, StoreError};

/// A loaded workspace: the registry plus every problem the loader found in it.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The registry, without the rows that could not be read.
    pub registry: Registry,
    /// Problems found while reading, each with its file and place.
    pub diagnostics: Vec<Diagnostic>,
    /// Where each entry was read from (empty for SQLite workspaces, whose entries are
    /// addressed by key).
    pub sources: SourceMap,
}

/// The two kinds of workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkspaceKind {
    /// A registry folder.
    Folder,
    /// A single-file SQLite workspace.
    Sqlite,
}

impl WorkspaceKind {
    /// The kind of workspace at `path`: a directory is a folder, a `.relata` file is SQLite;
    /// a path that does not exist yet is SQLite when it ends in `.relata`.
    pub fn of(path: &Path) -> WorkspaceKind {
        if path.is_dir() {
            WorkspaceKind::Folder
        } else if path.extension().is_some_and(|e| e == sqlite::EXTENSION) {
            WorkspaceKind::Sqlite
        } else if path.exists() {
            // An existing file with another extension: try SQLite, which says if it is not one.
            WorkspaceKind::Sqlite
        } else {
            WorkspaceKind::Folder
        }
    }
}

/// Opens a workspace: a registry folder or a `.relata` SQLite file.
pub async fn load(path: &Path) -> Result<Loaded, StoreError> {
    match WorkspaceKind::of(path) {
        WorkspaceKind::Folder => {
            let path = path.to_owned();
            tokio::task::spawn_blocking(move || folder::load(&path)).await.expect("folder load does not panic")
        }
        WorkspaceKind::Sqlite => sqlite::load(path).await,
    }
}

/// Writes `bytes` to the file `path` atomically: into a temporary file beside it, flushed to
/// disk, then renamed over `path`, so a reader (or a crash) sees the old file or the new one,
/// never half of one. For exports; a failed write removes its temporary file.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path.file_name().ok_or_else(|| StoreError::io(path, "write", std::io::Error::other("not a file path")))?;
    let temp = dir.join(format!(".{}.relata-tmp-{}", name.to_string_lossy(), std::process::id()));
    let result = folder::write_synced(&temp, bytes).and_then(|()| {
        std::fs::rename(&temp, path).map_err(|e| StoreError::io(path, &format!("move {} into place", temp.display()), e))
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    } else {
        folder::sync_dir(dir)?;
    }
    result
}

/// Saves atomically to a folder or a `.relata` file (chosen by the path, see
/// [`WorkspaceKind::of`]).
pub async fn save(path: &Path, registry: &Registry) -> Result<(), StoreError> {
    match WorkspaceKind::of(path) {
        WorkspaceKind::Folder => {
            let (path, registry) = (path.to_owned(), registry.clone());
            tokio::task::spawn_blocking(move || folder::save(&path, &registry)).await.expect("folder save does not panic")
        }
        WorkspaceKind::Sqlite => sqlite::save(path, registry).await,
    }
}

/// Creates a new workspace holding `registry` at `path` — a registry folder, or a `.relata`
/// file — refusing ([`ErrorKind::AlreadyExists`]) a path that already holds a file or a
/// folder with anything in it, so that "New" never replaces someone's work.
pub async fn create(path: &Path, registry: &Registry) -> Result<(), StoreError> {
    let taken = match std::fs::read_dir(path) {
        Ok(mut entries) => entries.next().is_some(),
        Err(_) => path.exists(),
    };
    if taken {
        return Err(StoreError::new(
            ErrorKind::AlreadyExists,
            path,
            "something is already there; a new workspace needs a new name or an empty folder",
        ));
    }
    save(path, registry).await
}

/// The file in a registry folder that holds its sync base (see docs/sync.md).
pub const SYNC_FILE: &str = "relata-sync.json";

/// The sync base of a workspace: `relata-sync.json` in a folder, the `sync_base` table in a
/// `.relata` file. Empty when the workspace was never pulled or pushed.
pub async fn load_base(path: &Path) -> Result<SyncBase, StoreError> {
    if !path.exists() {
        return Ok(SyncBase::default());
    }
    match WorkspaceKind::of(path) {
        WorkspaceKind::Folder => {
            let file = path.join(SYNC_FILE);
            match std::fs::read_to_string(&file) {
                Ok(text) => SyncBase::from_json(&text).map_err(|e| StoreError::new(ErrorKind::UnsupportedFormat, &file, e)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(SyncBase::default()),
                Err(e) => Err(StoreError::io(&file, "read", e)),
            }
        }
        WorkspaceKind::Sqlite => sqlite::load_base(path).await,
    }
}

/// Saves a workspace together with its sync base. A `.relata` file takes both in one atomic
/// replacement; a folder is saved first and `relata-sync.json` replaced after it, so a crash
/// in between leaves the new rows with the old base, which the next sync reads as rows both
/// sides agree on (see docs/sync.md).
pub async fn save_with_base(path: &Path, registry: &Registry, base: &SyncBase) -> Result<(), StoreError> {
    match WorkspaceKind::of(path) {
        WorkspaceKind::Folder => {
            save(path, registry).await?;
            write_file(&path.join(SYNC_FILE), base.to_json().as_bytes())
        }
        WorkspaceKind::Sqlite => sqlite::save_with_base(path, registry, base).await,
    }
}
