//! What the app opens when it starts: the workspace named on the command line, otherwise the
//! bundled example, which is written once as an embedded SQLite workspace in the app data dir.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use relata_codec::folder::{parse, FolderText};
use tauri::async_runtime::block_on;
use tauri::{App, Manager, Runtime};

use crate::error::{ErrorCode, IpcError};
use crate::state::{Session, Workspace};

/// File name of the bundled example inside the app data dir.
pub const EXAMPLE_FILE: &str = "example.relata";

/// The workspace path given on the command line (`relata-app <workspace>`): the first argument
/// that is not a flag. Flags are skipped so that launchers adding their own (`--foo`) do not
/// get mistaken for a workspace.
pub fn workspace_argument(args: impl IntoIterator<Item = OsString>) -> Option<PathBuf> {
    args.into_iter().skip(1).find(|arg| !arg.to_string_lossy().starts_with('-')).map(PathBuf::from)
}

/// Opens the startup workspace: the command line's workspace when given, otherwise the
/// bundled example. Never fails: a failure becomes the session the window reports.
pub fn session<R: Runtime>(app: &App<R>) -> Session {
    let opened = match workspace_argument(std::env::args_os()) {
        Some(path) => block_on(crate::state::open(&path)),
        None => match app.path().app_data_dir() {
            Ok(data_dir) => block_on(open_example(&data_dir)),
            Err(error) => Err(IpcError::new(ErrorCode::Io, format!("could not locate the app data folder: {error}"))),
        },
    };
    match opened {
        Ok(workspace) => Session::Open(workspace),
        Err(error) => Session::Failed(error),
    }
}

/// Opens `data_dir/example.relata`, creating it from the embedded registry folder on first
/// start. An existing file is kept: it is the user's copy and may hold their edits.
pub async fn open_example(data_dir: &Path) -> Result<Workspace, IpcError> {
    let path = data_dir.join(EXAMPLE_FILE);
    if !path.exists() {
        // The example is checked by the tests that ship it; what parsing reports here is
        // reported again when the saved workspace is loaded, so it is not kept twice.
        let (registry, _diagnostics) = parse(&example_folder());
        relata_store::save(&path, &registry).await?;
    }
    crate::state::open(&path).await
}

/// The bundled example registry folder, `registries/zayaz-compute-methods/`, compiled in.
pub fn example_folder() -> FolderText {
    FolderText {
        table_overview: include_str!("../../registries/zayaz-compute-methods/table_overview.csv").to_owned(),
        signal_registry: include_str!("../../registries/zayaz-compute-methods/signal_registry.csv").to_owned(),
        relationship_registry: include_str!("../../registries/zayaz-compute-methods/relationship_registry.csv")
            .to_owned(),
        relata_json: Some(include_str!("../../registries/zayaz-compute-methods/relata.json").to_owned()),
    }
}
