//! What the shell keeps between commands: the open workspace, or why none is open.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;

use crate::error::IpcError;
use crate::overview::{overview, WorkspaceOverview};

/// The open workspace: the session every front end shares.
pub use relata_workspace::Workspace;

/// Loads the workspace at `path` (made absolute, so the window and the store's messages show
/// where it really is).
pub async fn open(path: &Path) -> Result<Workspace, IpcError> {
    Ok(Workspace::open(&absolute(path)?).await?)
}

/// What a look at the disk found, for the window to say (`relata_workspace::DiskNews`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DiskNews {
    /// The workspace had no unsaved edits and now shows what is on disk.
    Reloaded {
        /// What happened, for a toast.
        message: String,
    },
    /// The workspace has unsaved edits and the disk changed: a banner offers to review.
    Changed {
        /// What happened, for the banner.
        message: String,
    },
    /// The files changed and no longer load; the window keeps its registry.
    Broken {
        /// The loader's located problems.
        message: String,
    },
}

impl From<relata_workspace::DiskNews> for DiskNews {
    fn from(news: relata_workspace::DiskNews) -> Self {
        use relata_workspace::DiskNews as News;
        match news {
            News::Reloaded { message } => Self::Reloaded { message },
            News::Changed { message } => Self::Changed { message },
            News::Broken { message } => Self::Broken { message },
        }
    }
}

/// Where the edit history stands, sent after every edit, undo, redo and save so the window
/// can label its menus and show unsaved changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct EditState {
    /// What the command just did ("Rename table …"), when it did something.
    pub done: Option<String>,
    /// Increases with every change; the window refetches what it shows when it moves.
    #[cfg_attr(test, ts(type = "number"))]
    pub revision: u64,
    /// Changes since the last save (or load).
    pub dirty: bool,
    /// "Undo rename table …", when there is something to undo.
    pub undo: Option<String>,
    /// "Redo …", when there is something to redo.
    pub redo: Option<String>,
    /// Diagnostics of severity error now.
    #[cfg_attr(test, ts(type = "number"))]
    pub error_count: usize,
    /// Diagnostics of severity warning now.
    #[cfg_attr(test, ts(type = "number"))]
    pub warning_count: usize,
}

/// The window's views of the open workspace.
pub trait WorkspaceViews {
    /// Where the history stands, after `done`.
    fn state(&self, done: Option<String>) -> EditState;

    /// The overview the window lists.
    fn overview(&self) -> WorkspaceOverview;
}

impl WorkspaceViews for Workspace {
    fn state(&self, done: Option<String>) -> EditState {
        let status = self.status();
        EditState {
            done,
            revision: status.revision,
            dirty: status.dirty,
            undo: status.undo,
            redo: status.redo,
            error_count: status.errors,
            warning_count: status.warnings,
        }
    }

    fn overview(&self) -> WorkspaceOverview {
        overview(self.path(), self.registry(), self.findings())
    }
}

/// `path` made absolute, so the window and the store's messages show where a workspace
/// really is.
pub fn absolute(path: &Path) -> Result<PathBuf, IpcError> {
    std::path::absolute(path).map_err(|e| IpcError::io("resolve", path, &e))
}

/// Whether a workspace is open.
#[derive(Debug, Clone)]
// The app holds exactly one session, so the open workspace's size costs nothing unboxed.
#[allow(clippy::large_enum_variant)]
pub enum Session {
    /// Nothing was opened yet.
    Empty,
    /// A workspace is open.
    Open(Workspace),
    /// The last open failed; the window shows why.
    Failed(IpcError),
}

/// The app's managed state (`app.manage(AppState::default())`).
#[derive(Debug)]
pub struct AppState {
    session: Mutex<Session>,
    /// Crash recovery, once the app knows its data folder (not in IPC tests).
    recovery: std::sync::OnceLock<crate::recovery::Recovery>,
}

impl Default for AppState {
    fn default() -> Self {
        Self::new(Session::Empty)
    }
}

impl AppState {
    /// State starting with `session`.
    pub fn new(session: Session) -> Self {
        Self { session: Mutex::new(session), recovery: std::sync::OnceLock::new() }
    }

    /// Replaces the session, e.g. after an open.
    pub fn set(&self, session: Session) {
        *self.lock() = session;
    }

    /// The overview of the open workspace, or why there is none.
    pub fn overview(&self) -> Result<WorkspaceOverview, IpcError> {
        self.with_workspace(|w| w.overview())
    }

    /// Runs `f` on the open workspace, or says why there is none.
    pub fn with_workspace<T>(&self, f: impl FnOnce(&Workspace) -> T) -> Result<T, IpcError> {
        match &*self.lock() {
            Session::Open(workspace) => Ok(f(workspace)),
            Session::Failed(error) => Err(error.clone()),
            Session::Empty => Err(IpcError::no_workspace()),
        }
    }

    /// Turns crash recovery on, with recovery files in `dir`.
    pub fn enable_recovery(&self, dir: PathBuf) {
        let _ = self.recovery.set(crate::recovery::Recovery::new(dir));
    }

    /// Crash recovery, when enabled.
    pub fn recovery(&self) -> Option<&crate::recovery::Recovery> {
        self.recovery.get()
    }

    /// Writes the open workspace's recovery file when it has unsaved changes that rested
    /// since the last edit and are not written yet. Called every half second by a thread.
    pub fn autosave(&self) -> Result<(), IpcError> {
        let Some(recovery) = self.recovery() else { return Ok(()) };
        let due = match &*self.lock() {
            Session::Open(w) => {
                let revision = w.state(None).revision;
                recovery.due(w.path(), w.is_dirty(), revision).then(|| (w.path().to_owned(), revision, w.registry().clone()))
            }
            _ => None,
        };
        // The copy is written outside the lock, so edits are never kept waiting by the disk.
        match due {
            Some((path, revision, registry)) => recovery.write(&path, revision, &registry),
            None => Ok(()),
        }
    }

    /// Looks at the open workspace's files and takes a change made on disk into the window
    /// ([`Workspace::disk_changed`]). The files are read outside the lock. Called by the watcher
    /// when the files have rested after a change.
    pub fn check_disk(&self) -> Option<DiskNews> {
        let (path, known) = match &*self.lock() {
            Session::Open(w) => (w.path().to_owned(), w.on_disk().map(|d| d.files.clone())),
            _ => return None,
        };
        let (files, theirs) = tauri::async_runtime::block_on(relata_workspace::look_at_disk(&path, known.as_ref()))?;
        match &mut *self.lock() {
            // Only if the same workspace is still open.
            Session::Open(w) if w.path() == path => w.disk_changed(files, theirs).map(DiskNews::from),
            _ => None,
        }
    }

    /// Whether the open workspace has unsaved changes (false when none is open).
    pub fn is_dirty(&self) -> bool {
        matches!(&*self.lock(), Session::Open(w) if w.is_dirty())
    }

    /// Runs `f` on the open workspace to change it, or says why there is none.
    pub fn with_workspace_mut<T>(&self, f: impl FnOnce(&mut Workspace) -> Result<T, IpcError>) -> Result<T, IpcError> {
        match &mut *self.lock() {
            Session::Open(workspace) => f(workspace),
            Session::Failed(error) => Err(error.clone()),
            Session::Empty => Err(IpcError::no_workspace()),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Session> {
        // A panic while holding the lock cannot leave a half-written session: every writer
        // replaces it whole. So a poisoned lock is still consistent.
        self.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
