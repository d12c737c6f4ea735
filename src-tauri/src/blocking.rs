//! Store futures run to completion on a blocking thread: sqlx's futures are not provably
//! `Send` (a higher-ranked lifetime in its `Acquire` impl), so they cannot be awaited inside a
//! command's future. Every command that saves, creates or syncs a workspace goes through here.

use std::future::Future;

use crate::error::{ErrorCode, IpcError};

/// Runs the future `make` builds on a blocking thread and gives back its output; an error only
/// when the thread itself failed (a panic in the store).
pub async fn run<F, Fut, T>(make: F) -> Result<T, IpcError>
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future<Output = T>,
    T: Send + 'static,
{
    tauri::async_runtime::spawn_blocking(move || tauri::async_runtime::block_on(make()))
        .await
        .map_err(|e| IpcError::new(ErrorCode::Io, format!("the store call did not finish: {e}")))
}
