//! What the shell keeps between commands: the open workspace, or why none is open.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use relata_model::{Diagnostic, Registry};

use crate::error::IpcError;
use crate::overview::{overview, WorkspaceOverview};

/// A workspace loaded into memory.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// Where it was loaded from: a registry folder or a `.relata` file.
    pub path: PathBuf,
    /// Its content.
    pub registry: Registry,
    /// What loading reported, then what the default rule preset finds.
    pub diagnostics: Vec<Diagnostic>,
}

impl Workspace {
    /// Loads the workspace at `path` through the store.
    pub async fn open(path: &Path) -> Result<Self, IpcError> {
        // Absolute, so the window and the store's messages show where the workspace really is.
        let path = std::path::absolute(path).map_err(|e| IpcError::io("resolve", path, &e))?;
        let loaded = relata_store::load(&path).await?;
        let mut diagnostics = loaded.diagnostics;
        let rules = relata_rules::RuleSet::preset("zayaz").expect("the default preset is built in");
        diagnostics.extend(relata_rules::check(&loaded.registry, &rules));
        Ok(Self { path, registry: loaded.registry, diagnostics })
    }

    /// The overview the window lists.
    pub fn overview(&self) -> WorkspaceOverview {
        overview(&self.path, &self.registry, &self.diagnostics)
    }
}

/// Whether a workspace is open.
#[derive(Debug, Clone)]
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
}

impl Default for AppState {
    fn default() -> Self {
        Self::new(Session::Empty)
    }
}

impl AppState {
    /// State starting with `session`.
    pub fn new(session: Session) -> Self {
        Self { session: Mutex::new(session) }
    }

    /// Replaces the session, e.g. after an open.
    pub fn set(&self, session: Session) {
        *self.lock() = session;
    }

    /// The overview of the open workspace, or why there is none.
    pub fn overview(&self) -> Result<WorkspaceOverview, IpcError> {
        self.with_workspace(Workspace::overview)
    }

    /// Runs `f` on the open workspace, or says why there is none.
    pub fn with_workspace<T>(&self, f: impl FnOnce(&Workspace) -> T) -> Result<T, IpcError> {
        match &*self.lock() {
            Session::Open(workspace) => Ok(f(workspace)),
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
