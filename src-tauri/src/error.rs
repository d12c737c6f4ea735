//! The error every command returns across IPC: a `code` the UI switches on and a `message` a
//! person reads. Commands never return `Result<_, String>`.

use std::fmt;
use std::path::Path;

use serde::Serialize;

/// What went wrong, as the UI tells cases apart. Serialized as the variant name, e.g.
/// `"NotFound"`; `ErrorCode` in `ui/src/ipc/types.ts` mirrors this list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum ErrorCode {
    /// The path given does not exist.
    NotFound,
    /// The path exists but is not a registry folder or a `.relata` workspace Relata can read.
    InvalidWorkspace,
    /// Reading or writing files failed (permissions, full disk, …).
    Io,
    /// SQLite refused an operation on a `.relata` file (locked, corrupt, …).
    Database,
    /// No workspace is open, so there is nothing to show.
    NoWorkspace,
    /// The open workspace has no such table or relationship (e.g. it was renamed meanwhile).
    UnknownEntry,
    /// An edit was refused (it would break the registry's integrity); nothing changed.
    EditRefused,
    /// The window asked for something that does not exist (an unknown format, module or
    /// status); the message says which.
    InvalidRequest,
}

/// An error as it crosses IPC: `{ "code": "NotFound", "message": "…" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IpcError {
    /// The case, for the UI to switch on.
    pub code: ErrorCode,
    /// What happened, naming the path concerned.
    pub message: String,
}

impl IpcError {
    /// An error with `code` and `message`.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into() }
    }

    /// Nothing is open yet.
    pub fn no_workspace() -> Self {
        Self::new(ErrorCode::NoWorkspace, "no workspace is open")
    }

    /// An edit the model refused; its message names the entry and the reason.
    pub fn edit_refused(error: relata_model::edit::EditError) -> Self {
        Self::new(ErrorCode::EditRefused, error.to_string())
    }

    /// The open workspace has no table `table`.
    pub fn unknown_table(table: &relata_model::TableRef) -> Self {
        Self::new(ErrorCode::UnknownEntry, format!("the workspace has no table `{}.{}`", table.schema, table.table))
    }

    /// A file system operation on `path` failed; `doing` says what Relata was trying to do.
    pub fn io(doing: &str, path: &Path, error: &std::io::Error) -> Self {
        Self::new(ErrorCode::Io, format!("could not {doing} {}: {error}", path.display()))
    }
}

/// The store's message names the path; its kind picks the code.
impl From<relata_store::StoreError> for IpcError {
    fn from(error: relata_store::StoreError) -> Self {
        use relata_store::ErrorKind;
        let code = match error.kind {
            ErrorKind::NotFound => ErrorCode::NotFound,
            ErrorKind::NotAWorkspace | ErrorKind::UnsupportedFormat => ErrorCode::InvalidWorkspace,
            ErrorKind::Io => ErrorCode::Io,
            ErrorKind::Database => ErrorCode::Database,
            // A kind added to the store later: the message still says what happened.
            _ => ErrorCode::InvalidWorkspace,
        };
        Self::new(code, error.to_string())
    }
}

impl fmt::Display for IpcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.code, self.message)
    }
}

impl std::error::Error for IpcError {}
