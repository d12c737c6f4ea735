//! Why an edit was refused: [`EditError`], the refused edit's label plus an [`EditErrorKind`].

use std::fmt;

/// A refused edit. The registry is exactly as it was before the edit was tried.
///
/// Displays as a sentence a person reads, naming the edit and the entry, e.g. "Cannot rename
/// table core.orders → core.customers: table core.customers already exists."
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError {
    edit: String,
    kind: EditErrorKind,
}

impl EditError {
    /// An error for the edit labelled `edit` (see [`Applied::label`](super::Applied::label)).
    pub fn new(edit: impl Into<String>, kind: EditErrorKind) -> Self {
        Self { edit: edit.into(), kind }
    }

    /// The label of the refused edit, e.g. "Rename table core.orders → core.customers".
    /// Inside a [`Batch`](super::Edit::Batch) it is the label of the edit that failed.
    pub fn edit(&self) -> &str {
        &self.edit
    }

    /// Why the edit was refused.
    pub fn kind(&self) -> &EditErrorKind {
        &self.kind
    }
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cannot {}: {}.", lower_first(&self.edit), self.kind)
    }
}

impl std::error::Error for EditError {}

/// Why an edit was refused. Messages are fragments that [`EditError`] puts in a sentence.
///
/// An edit is refused when its target is missing, when it would give a registry the folder
/// loader rejects (a duplicate key, an empty required text, a broken CHECK of the registry DDL),
/// or when it would leave an entry no form reaches (a column of a table that does not exist).
/// House rules are `relata-rules`' business and never refuse an edit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EditErrorKind {
    /// The entry the edit works on does not exist (a table, column, relationship, module,
    /// enum type or pin, by id or by name).
    #[error("there is no {entry}")]
    NotFound {
        /// The missing entry, e.g. `table with id 6f…` or `column core.orders.amount`.
        entry: String,
    },
    /// The entry would name a table that does not exist, so no form could reach it.
    #[error("{entry} would belong to table {table}, which does not exist")]
    UnknownTable {
        /// The entry being added or changed, e.g. `column core.orders.amount`.
        entry: String,
        /// The table it names.
        table: String,
    },
    /// The name or key is taken by another entry (the DDL's UNIQUE and PRIMARY KEY
    /// constraints: one table per schema and name, one signal per table and column, one
    /// relationship per key; one module, enum type and pin per name).
    #[error("{entry} already exists")]
    AlreadyExists {
        /// The entry that holds the name, e.g. `table core.customers`.
        entry: String,
    },
    /// A put would change the name an entry is keyed and referred to by; the rename edit does
    /// that and updates everything that refers to it.
    #[error("{entry} keeps its {field} in a put; use {instead}, which also updates what refers to it")]
    KeyChange {
        /// The entry, by its current name.
        entry: String,
        /// The fields that would change, e.g. `schema_name and table_name`.
        field: &'static str,
        /// The edit to use, e.g. `rename_table`.
        instead: &'static str,
    },
    /// A field the registry DDL declares NOT NULL (or a key) is empty.
    #[error("{field} of {entry} is required but empty")]
    Required {
        /// The entry, as far as it can be named.
        entry: String,
        /// The registry column, e.g. `table_name`.
        field: &'static str,
    },
    /// An optional text is set to the empty string; Relata stores "not set" as NULL, never as
    /// an empty text, so the value would not survive a save.
    #[error("{field} of {entry} is an empty text; leave it unset instead")]
    EmptyText {
        /// The entry.
        entry: String,
        /// The registry column, e.g. `purpose`.
        field: &'static str,
    },
    /// A value breaks a CHECK of the registry DDL or is otherwise unusable (a prefix that is not
    /// lower-case letters and digits ending in `_`, a binding without a table, a position
    /// outside the table's columns, a pin at an infinite position).
    #[error("{field} of {entry} {reason}")]
    InvalidValue {
        /// The entry.
        entry: String,
        /// The registry column or edit field, e.g. `table_prefix` or `to_ordinal`.
        field: &'static str,
        /// What is wrong, as the end of a sentence, e.g. "must end in `_`".
        reason: String,
    },
    /// The entry is still used, and deleting it would leave the users dangling.
    #[error("{entry} is still used by {users}")]
    InUse {
        /// The entry, e.g. `module Billing`.
        entry: String,
        /// Who uses it, e.g. `3 tables (core.orders, …) and 1 relationship`.
        users: String,
    },
    /// The edit would change what a view's statement decides (its name, columns, keys,
    /// indexes): Relata keeps that statement as written and never rewrites it.
    #[error("{entry} is a view: its {what} come from its statement, which Relata keeps as written; change the view in the database and import it again")]
    ReadOnly {
        /// The view, e.g. `table app.active_customers`.
        entry: String,
        /// What would change, e.g. `columns`.
        what: &'static str,
    },
    /// A [`Restore`](super::Edit::Restore) change does not match the registry: it was
    /// recorded on another state (an undo applied to the wrong document, or twice).
    #[error("the {entries} at position {at} are not what the change expects; it was recorded on another state of the registry")]
    StaleChange {
        /// The entry list, e.g. `signals`.
        entries: &'static str,
        /// The position in that list.
        at: usize,
    },
}

impl EditErrorKind {
    /// A stable snake_case code the UI switches on (the `code` of an IPC error).
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotFound { .. } => "not_found",
            Self::UnknownTable { .. } => "unknown_table",
            Self::AlreadyExists { .. } => "already_exists",
            Self::KeyChange { .. } => "key_change",
            Self::Required { .. } => "required",
            Self::EmptyText { .. } => "empty_text",
            Self::InvalidValue { .. } => "invalid_value",
            Self::InUse { .. } => "in_use",
            Self::ReadOnly { .. } => "read_only",
            Self::StaleChange { .. } => "stale_change",
        }
    }
}

/// `text` with its first character in lower case, so a label reads inside a sentence
/// ("Rename table …" → "Cannot rename table …", "Undo rename table …").
pub(crate) fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
