//! The sync dialog's side of shared registry sync (`docs/sync.md`): which database to use
//! (typed, the workspace's last one, or the environment's; a password typed into the dialog
//! only ever reaches the connection), and what a pull or push did, as the window shows it —
//! every conflict field by field with both versions. The SQL and the merge are
//! `relata_store::postgres::sync` and `relata_sync`; this module only converts.

use std::path::Path;

use relata_sync::{Change, Conflict, Pulled, Resolve};
use relata_store::postgres::sync::Pushed;
use relata_store::postgres::Database;
use serde::{Deserialize, Serialize};

use crate::error::{ErrorCode, IpcError};

/// The connection the dialog asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Connection {
    /// A `postgres://user@host:port/db` URL; empty or absent: the workspace's last database,
    /// else the environment's (`DATABASE_URL`, `PG*`, `~/.pgpass`).
    pub url: Option<String>,
    /// A password typed into the dialog; empty or absent: the URL's, `PGPASSWORD` or
    /// `~/.pgpass`. Used to connect, never written anywhere.
    pub password: Option<String>,
}

/// What the dialog offers before anything runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SyncTarget {
    /// The database the workspace last synced with (without password), if any.
    pub last_url: Option<String>,
    /// The database the environment names (without password), used when nothing else is.
    pub environment_url: Option<String>,
    /// Whether the workspace has unsaved changes (sync reads and writes the saved workspace).
    pub dirty: bool,
}

/// Whose version a pull keeps for a conflict (`relata pull --resolve`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum ResolveChoice {
    /// Report conflicts and keep both as they are.
    #[default]
    Report,
    /// Keep the workspace's version; the next push writes it over the database's.
    Workspace,
    /// Take the database's version.
    Database,
}

impl From<ResolveChoice> for Resolve {
    fn from(choice: ResolveChoice) -> Self {
        match choice {
            ResolveChoice::Report => Resolve::Report,
            ResolveChoice::Workspace => Resolve::Workspace,
            ResolveChoice::Database => Resolve::Database,
        }
    }
}

/// Which way a sync went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Direction {
    /// From the database into the workspace.
    Pull,
    /// From the workspace into the database.
    Push,
}

/// What a pull or push did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SyncOutcome {
    /// Pull or push.
    pub direction: Direction,
    /// The database, without password.
    pub database: String,
    /// Entries added (pull: to the workspace; push: inserted into the database), by name.
    pub added: Vec<String>,
    /// Entries updated on the other side, by name.
    pub updated: Vec<String>,
    /// Entries removed (pull) or deleted in the database (push), by name.
    pub removed: Vec<String>,
    /// Push: entries the database already held as the workspace does.
    #[cfg_attr(test, ts(type = "number"))]
    pub agreed: usize,
    /// Pull: conflicts settled by the resolution asked for, by name.
    pub resolved: Vec<String>,
    /// Pull: rows edited only in the workspace, waiting for a push.
    #[cfg_attr(test, ts(type = "number"))]
    pub local_changes: usize,
    /// Rows changed differently on both sides: neither version was overwritten.
    pub conflicts: Vec<SyncConflict>,
}

/// One conflict, as the dialog lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SyncConflict {
    /// The table: `table_overview`, `signal_registry`, `relationship_registry` or `relata_extras`.
    pub registry: String,
    /// The entry: `schema.table`, `schema.table.column`, the relationship_key, or `table schema.table`, `module name`, … for Relata's own data.
    pub name: String,
    /// What the workspace did to it: `added`, `edited` or `deleted`.
    pub workspace: String,
    /// What the database did to it since the last sync.
    pub database: String,
    /// The fields that differ, both versions.
    pub fields: Vec<ConflictField>,
}

/// One field of a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ConflictField {
    /// The registry column.
    pub column: String,
    /// The workspace's value (`null`: NULL, or the row is deleted there).
    pub workspace: Option<String>,
    /// The database's value.
    pub database: Option<String>,
}

/// The database `connection` names: its URL, else the workspace's last one, else the
/// environment's; with the typed password when there is one.
pub async fn database(workspace: &Path, connection: &Connection) -> Result<Database, IpcError> {
    let typed = connection.url.as_deref().map(str::trim).filter(|u| !u.is_empty());
    let database = match typed {
        Some(url) => Database::from_url(url)?,
        None => match last_url(workspace).await? {
            Some(url) => Database::from_url(&url)?,
            None => Database::from_env()?,
        },
    };
    Ok(match connection.password.as_deref().filter(|p| !p.is_empty()) {
        Some(password) => database.with_password(password),
        None => database,
    })
}

/// The database the workspace at `workspace` last synced with.
pub async fn last_url(workspace: &Path) -> Result<Option<String>, IpcError> {
    let workspace = workspace.to_owned();
    let base = crate::blocking::run(move || async move { relata_store::load_base(&workspace).await }).await??;
    Ok(base.url)
}

/// The environment's database, without password (none when the environment's URL is broken).
pub fn environment_url() -> Option<String> {
    Database::from_env().ok().map(|d| d.url_without_password())
}

/// The refusal when the workspace has unsaved changes: sync reads the saved workspace.
pub fn unsaved() -> IpcError {
    IpcError::new(ErrorCode::UnsavedChanges, "the workspace has unsaved changes: save it before syncing (sync works on the saved workspace)")
}

impl SyncOutcome {
    /// What `pull` did.
    pub fn pulled(pulled: &Pulled, database: String) -> Self {
        Self {
            direction: Direction::Pull,
            database,
            added: pulled.added.clone(),
            updated: pulled.updated.clone(),
            removed: pulled.removed.clone(),
            agreed: 0,
            resolved: pulled.resolved.clone(),
            local_changes: pulled.local_changes,
            conflicts: pulled.conflicts.iter().map(SyncConflict::from).collect(),
        }
    }

    /// What `push` did.
    pub fn pushed(pushed: &Pushed, database: String) -> Self {
        Self {
            direction: Direction::Push,
            database,
            added: pushed.inserted.clone(),
            updated: pushed.updated.clone(),
            removed: pushed.deleted.clone(),
            agreed: pushed.agreed,
            resolved: Vec::new(),
            local_changes: 0,
            conflicts: pushed.conflicts.iter().map(SyncConflict::from).collect(),
        }
    }
}

/// The word for a side's change, as `relata pull` prints it.
fn change_word(change: Change) -> &'static str {
    match change {
        Change::Added => "added",
        Change::Deleted => "deleted",
        Change::Modified | Change::Unchanged => "edited",
    }
}

impl From<&Conflict> for SyncConflict {
    fn from(c: &Conflict) -> Self {
        Self {
            registry: c.key.table.as_str().to_owned(),
            name: c.name.clone(),
            workspace: change_word(c.local).to_owned(),
            database: change_word(c.remote).to_owned(),
            fields: c
                .fields
                .iter()
                .map(|f| ConflictField { column: f.column.to_owned(), workspace: f.local.clone(), database: f.remote.clone() })
                .collect(),
        }
    }
}
