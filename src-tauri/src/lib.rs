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

// `with_commands!`, written by build.rs from `src-tauri/commands.txt` (the one list of commands).
include!(concat!(env!("OUT_DIR"), "/commands.rs"));

/// `tauri::generate_handler!` over the functions of `commands` that `commands.txt` names.
macro_rules! handler {
    ($($name:ident),* $(,)?) => {
        tauri::generate_handler![$(commands::$name),*]
    };
}

/// Registers the state and the commands on `builder`; shared by [`run`] and the IPC tests,
/// which use Tauri's mock runtime.
pub fn builder<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .manage(AppState::default())
        .manage(settings::SettingsFile::default())
        .manage(changes::Jobs::default())
        .invoke_handler(with_commands!(handler))
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
