//! The store's error type: what went wrong, and with which path.

use std::path::PathBuf;

/// What kind of failure a [`StoreError`] is; the app switches on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The path does not exist.
    NotFound,
    /// The path exists but is neither a registry folder nor a `.relata` file.
    NotAWorkspace,
    /// A new workspace was asked for where something already is (a file, or a folder that is
    /// not empty); nothing was written.
    AlreadyExists,
    /// A `.relata` file written by a newer Relata, or not a Relata workspace.
    UnsupportedFormat,
    /// Reading or writing failed at the operating-system level.
    Io,
    /// SQLite or PostgreSQL refused an operation.
    Database,
    /// A PostgreSQL server could not be reached or refused the connection.
    Connect,
    /// A PostgreSQL server refused the login's password (SQLSTATE 28P01): a wrong or missing
    /// one. Asking for it (a prompt) and trying again can help; nothing else can.
    Authentication,
    /// What a shared database holds is not what Relata expects (a registry row that does not
    /// decode, a workspace with load errors to push from).
    Invalid,
    /// The workspace changed on disk since it was loaded and the change cannot be merged now
    /// (it no longer loads cleanly, or it changed again during the merge); nothing was written.
    ChangedOnDisk,
}

/// A workspace could not be loaded or saved. Nothing on disk was changed by the failed call.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}", path = path.display())]
pub struct StoreError {
    /// What kind of failure this is.
    pub kind: ErrorKind,
    /// The workspace or file concerned, or a database as a URL without its password.
    pub path: PathBuf,
    /// A sentence saying what went wrong.
    pub message: String,
    /// The underlying error, when there is one.
    #[source]
    pub source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl StoreError {
    pub(crate) fn new(kind: ErrorKind, path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self { kind, path: path.into(), message: message.into(), source: None }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, doing: &str, err: std::io::Error) -> Self {
        let kind = if err.kind() == std::io::ErrorKind::NotFound { ErrorKind::NotFound } else { ErrorKind::Io };
        Self { kind, path: path.into(), message: format!("cannot {doing}: {err}"), source: Some(Box::new(err)) }
    }

    pub(crate) fn db(path: impl Into<PathBuf>, doing: &str, err: sqlx::Error) -> Self {
        Self { kind: ErrorKind::Database, path: path.into(), message: format!("cannot {doing}: {err}"), source: Some(Box::new(err)) }
    }
}
