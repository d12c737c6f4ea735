//! What can go wrong in a workspace: one concrete error with a kind a front end switches on
//! and a message a person reads, naming the path or entry concerned.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

/// A workspace operation that failed. Nothing changed when one is returned, except where the
/// operation's documentation says what it kept (a save meeting conflicts keeps them).
#[derive(Debug, Clone)]
pub struct Error {
    /// What kind of failure, for a front end to switch on.
    pub kind: ErrorKind,
    /// What happened, in Relata's words, naming the path or entry concerned.
    pub message: String,
    /// The name the error is about when it is about one a request gave (an unknown module,
    /// status or format), for a front end that words the message its own way.
    pub subject: Option<String>,
    /// The store's error this one comes from, whose own causes a front end may print.
    source: Option<Arc<relata_store::StoreError>>,
}

/// Errors are equal when they say the same; where they came from is not compared.
impl PartialEq for Error {
    fn eq(&self, other: &Self) -> bool {
        (self.kind, &self.message, &self.subject) == (other.kind, &other.message, &other.subject)
    }
}

impl Eq for Error {}

/// The kinds of [`Error`]. New kinds may come; a front end maps the ones it does not know to
/// a general failure and shows the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The path given does not exist.
    NotFound,
    /// The path exists but is not a registry folder or a `.relata` workspace Relata can read.
    NotAWorkspace,
    /// A new workspace was asked for where something already is; nothing was written.
    AlreadyExists,
    /// Reading or writing files failed (permissions, full disk, a PNG that could not be made).
    Io,
    /// SQLite refused an operation on a `.relata` file (locked, corrupt, …).
    Database,
    /// A PostgreSQL server could not be reached, or refused the login.
    Connect,
    /// What a database or the workspace holds cannot be used as a registry; the message says what.
    InvalidRegistry,
    /// The workspace changed on disk and a save could not merge it on its own; nothing was
    /// written. [`crate::Workspace::disk_conflicts`] lists the conflicts when there are some.
    ChangedOnDisk,
    /// An edit was refused (it would break the registry's integrity); nothing changed.
    EditRefused,
    /// No built-in rule preset has the name asked for.
    UnknownPreset,
    /// A request named something that does not exist: an export format, a status. The
    /// message says which, and [`Error::subject`] is the name.
    InvalidRequest,
    /// A request named a module the workspace does not have; [`Error::subject`] is the name.
    UnknownModule,
    /// A request named a table the workspace does not have (renamed or deleted meanwhile).
    UnknownTable,
    /// There is no previewed import to apply, or the workspace changed since the preview.
    NoPendingImport,
    /// There is no save waiting for choices, or a conflict of the waiting one has no choice.
    NoPendingMerge,
    /// A background job was cancelled; nothing of its work was kept.
    Cancelled,
}

impl Error {
    /// An error of `kind` saying `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self { kind, message: message.into(), subject: None, source: None }
    }

    /// An error of `kind` saying `message` about the name `subject` a request gave.
    pub fn about(kind: ErrorKind, message: impl Into<String>, subject: impl Into<String>) -> Self {
        Self { kind, message: message.into(), subject: Some(subject.into()), source: None }
    }

    /// The same error, its message led by what Relata was doing (`cannot open x: …`).
    pub fn context(mut self, doing: &str) -> Self {
        self.message = format!("{doing}: {}", self.message);
        self
    }

    /// A file system operation on `path` failed; `doing` says what Relata was trying to do.
    pub fn io(doing: &str, path: &Path, error: &std::io::Error) -> Self {
        Self::new(ErrorKind::Io, format!("could not {doing} {}: {error}", path.display()))
    }
}

/// The store's message names the path; its kind picks ours.
impl From<relata_store::StoreError> for Error {
    fn from(error: relata_store::StoreError) -> Self {
        use relata_store::ErrorKind as Store;
        let kind = match error.kind {
            Store::NotFound => ErrorKind::NotFound,
            Store::NotAWorkspace | Store::UnsupportedFormat => ErrorKind::NotAWorkspace,
            Store::AlreadyExists => ErrorKind::AlreadyExists,
            Store::Io => ErrorKind::Io,
            Store::Database => ErrorKind::Database,
            Store::Connect | Store::Authentication => ErrorKind::Connect,
            Store::Invalid => ErrorKind::InvalidRegistry,
            Store::ChangedOnDisk => ErrorKind::ChangedOnDisk,
            // A kind added to the store later: the message still says what happened.
            _ => ErrorKind::NotAWorkspace,
        };
        let message = error.to_string();
        Self { kind, message, subject: None, source: Some(Arc::new(error)) }
    }
}

/// The model's message names the entry and the reason.
impl From<relata_model::edit::EditError> for Error {
    fn from(error: relata_model::edit::EditError) -> Self {
        Self::new(ErrorKind::EditRefused, error.to_string())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}
