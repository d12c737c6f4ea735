//! The Relata desktop app: a thin Tauri shell over the Relata crates. It opens a workspace
//! through `relata_store`, keeps it in [`state::AppState`] and answers the window's commands.
//! Only this crate knows IPC exists.

pub mod blocking;
pub mod changes;
pub mod clipboard;
pub mod commands;
pub mod detail;
pub mod diagram;
pub mod error;
pub mod export;
pub mod gpu;
pub mod import;
pub mod overview;
pub mod recovery;
pub mod relate;
pub mod settings;
pub mod startup;
pub mod state;
pub mod sync;
pub mod watch;

use tauri::{Builder, Manager, Runtime};

use crate::state::AppState;

/// Starts the app: opens the startup workspace, then shows the window.
pub fn run() {
    log_to_stderr();
    builder(tauri::Builder::default())
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            // Opened before the event loop runs, so the window's first command already finds
            // the workspace (or the reason it could not be opened).
            let session = startup::session(app);
            let settings = app.state::<settings::SettingsFile>();
            if let Ok(dir) = app.path().app_config_dir() {
                settings.load_from(dir.join("settings.json"));
            }
            // The workspace opened at startup (the argument, or the example) is a recent one too.
            if let state::Session::Open(workspace) = &session {
                if let Err(error) = settings.update(|s| s.remember(workspace.path())) {
                    tracing::warn!("could not write the settings file: {error}");
                }
            }
            app.state::<AppState>().set(session);
            watch::start(app.handle().clone());
            if let Ok(dir) = app.path().app_data_dir() {
                app.state::<AppState>().enable_recovery(dir.join("recovery"));
                let handle = app.handle().clone();
                std::thread::spawn(move || loop {
                    std::thread::sleep(std::time::Duration::from_millis(500));
                    if let Err(error) = handle.state::<AppState>().autosave() {
                        tracing::warn!("could not write the recovery file: {error}");
                    }
                });
            }
            Ok(())
        })
        .on_window_event(guard_unsaved_changes)
        .run(tauri::generate_context!())
        .expect("error while running Relata");
}

/// Closing the window with unsaved changes asks first (a native dialog), as desktop editors do.
fn guard_unsaved_changes(window: &tauri::Window, event: &tauri::WindowEvent) {
    use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};
    let tauri::WindowEvent::CloseRequested { api, .. } = event else { return };
    let app = window.app_handle().clone();
    if !app.state::<AppState>().is_dirty() {
        return;
    }
    api.prevent_close();
    app.dialog()
        .message("The workspace has changes that are not saved. Close Relata and lose them?")
        .title("Unsaved changes")
        .kind(MessageDialogKind::Warning)
        .buttons(MessageDialogButtons::OkCancelCustom("Close without saving".into(), "Cancel".into()))
        .show(move |close| {
            if close {
                app.exit(0);
            }
        });
}

/// Registers the state and the commands on `builder`; shared by [`run`] and the IPC tests,
/// which use Tauri's mock runtime.
pub fn builder<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .manage(AppState::default())
        .manage(settings::SettingsFile::default())
        .manage(changes::Jobs::default())
        .invoke_handler(tauri::generate_handler![
            commands::open_workspace,
            commands::new_workspace,
            commands::workspace_overview,
            commands::workspace_diagnostics,
            commands::table_detail,
            commands::search_index,
            commands::apply_edit,
            commands::partial_edit,
            commands::propose_relationship,
            commands::propose_drop,
            commands::repoint_relationship,
            commands::copy_tables,
            commands::paste_tables,
            commands::undo,
            commands::redo,
            commands::edit_state,
            commands::save_workspace,
            commands::save_workspace_as,
            commands::disk_merge,
            commands::resolve_disk_merge,
            commands::review_disk_changes,
            commands::recovery_offer,
            commands::restore_recovery,
            commands::discard_recovery,
            commands::vocabularies,
            commands::export_text,
            commands::export_breaking,
            commands::export_to_file,
            commands::diagram,
            commands::rule_presets,
            commands::set_rule_preset,
            commands::settings,
            commands::set_theme,
            commands::forget_recent,
            commands::sync_target,
            commands::sync_pull,
            commands::sync_push,
            commands::import_preview,
            commands::import_apply,
            commands::compare_changes,
            commands::save_migration,
            commands::write_docs,
            commands::job_progress,
            commands::cancel_job
        ])
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_changes;

/// Logs to standard error at the level `RELATA_LOG` names (`warn` when unset or unreadable), e.g.
/// `RELATA_LOG=debug` for the workspace's load and layout times, or `RELATA_LOG=relata_workspace=debug`.
fn log_to_stderr() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("RELATA_LOG").unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    // A second start in one process (tests) keeps the first subscriber.
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}
