//! The Relata desktop app: a thin Tauri shell over the Relata crates. It opens a workspace
//! through `relata_store`, keeps it in [`state::AppState`] and answers the window's commands.
//! Only this crate knows IPC exists.

pub mod commands;
pub mod detail;
pub mod error;
pub mod export;
pub mod overview;
pub mod startup;
pub mod state;

use tauri::{Builder, Manager, Runtime};

use crate::state::AppState;

/// Starts the app: opens the startup workspace, then shows the window.
pub fn run() {
    builder(tauri::Builder::default())
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            // Opened before the event loop runs, so the window's first command already finds
            // the workspace (or the reason it could not be opened).
            let session = startup::session(app);
            app.state::<AppState>().set(session);
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("error while running Relata");
}

/// Registers the state and the commands on `builder`; shared by [`run`] and the IPC tests,
/// which use Tauri's mock runtime.
pub fn builder<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .manage(AppState::default())
        .invoke_handler(tauri::generate_handler![
            commands::open_workspace,
            commands::workspace_overview,
            commands::workspace_diagnostics,
            commands::table_detail,
            commands::search_index,
            commands::apply_edit,
            commands::undo,
            commands::redo,
            commands::edit_state,
            commands::save_workspace,
            commands::vocabularies,
            commands::export_text,
            commands::export_to_file
        ])
}

#[cfg(test)]
mod tests;
