//! Integration tests of the `relata` binary: checks of the bundled registries, conversions
//! that refuse bad input, exports in every format, saves killed with SIGKILL that must
//! never corrupt a workspace, and live PostgreSQL import, pull and push.

mod check;
mod diff;
mod docs;
mod export;
mod import;
mod kill;
mod pg;
mod render;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A bundled registry folder.
pub fn registry(name: &str) -> PathBuf {
    repo().join("registries").join(name)
}

/// Runs `relata` with `args` and returns its output.
pub fn relata(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_relata")).args(args).current_dir(repo()).output().expect("relata runs")
}

/// A runtime for the store's async API.
pub fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(future)
}
