//! The IPC commands. Each converts its input, calls one function, converts back. Every name
//! here is listed in `src-tauri/build.rs` (COMMANDS), granted in `src-tauri/capabilities/` and
//! wrapped in `ui/src/ipc/index.ts`; change all four together.

use std::path::PathBuf;

use tauri::State;

use crate::error::IpcError;
use crate::overview::WorkspaceOverview;
use crate::state::{AppState, Session, Workspace};

/// Opens the registry folder or `.relata` file at `path`, makes it the open workspace and
/// returns its overview. On failure the previously open workspace stays open.
#[tauri::command]
pub async fn open_workspace(path: PathBuf, state: State<'_, AppState>) -> Result<WorkspaceOverview, IpcError> {
    let workspace = Workspace::open(&path).await?;
    let overview = workspace.overview();
    state.set(Session::Open(workspace));
    Ok(overview)
}

/// The overview of the open workspace; the startup error when the first open failed.
#[tauri::command]
pub fn workspace_overview(state: State<'_, AppState>) -> Result<WorkspaceOverview, IpcError> {
    state.overview()
}
