//! Diagnostics: what loaders and rules report about broken or doubtful input. Broken input is
//! not an error condition; it is a value plus diagnostics.

use std::fmt;

use serde::Serialize;

use crate::ids::{RelationshipId, SignalId, TableId, TableRef};
use crate::relationship::Relationship;
use crate::signal::Signal;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Must be fixed: the registry is wrong or cannot be stored.
    Error,
    /// Should be fixed: a house rule is broken.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// Lower-case name, as compilers print it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// The three registries plus Relata's own data, for locations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RegistryKind {
    /// `table_overview`.
    TableOverview,
    /// `signal_registry`.
    SignalRegistry,
    /// `relationship_registry`.
    RelationshipRegistry,
    /// Relata's own data: modules, enums, indexes, pins.
    Relata,
}

impl RegistryKind {
    /// The registry's table name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::TableOverview => "table_overview",
            Self::SignalRegistry => "signal_registry",
            Self::RelationshipRegistry => "relationship_registry",
            Self::Relata => "relata",
        }
    }
}

/// Where a diagnostic points.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Location {
    /// A place in a file; line and column are 1-based, column counts characters.
    File {
        /// Path as the user gave it.
        path: String,
        /// 1-based line.
        line: u32,
        /// 1-based column.
        column: u32,
    },
    /// A registry entry and, optionally, one of its fields.
    Entry {
        /// Which registry.
        registry: RegistryKind,
        /// The entry as a person reads it: `schema.table`, `schema.table.column`, the
        /// relationship_key (its id when the key is empty) or `module:name`; see [`Named`].
        label: String,
        /// The field (registry column name) concerned.
        #[serde(skip_serializing_if = "Option::is_none")]
        // Left out of the JSON when absent (there is no `default`, which ts-rs needs to see it).
        #[cfg_attr(test, ts(optional))]
        field: Option<String>,
        /// The entry itself, by id, which is how the window and other crates find it: the
        /// label is for people and is never parsed back.
        // Declared last so that findings still sort by registry, label and field, as before.
        entry: EntryRef,
    },
    /// The workspace as a whole.
    Workspace,
}

/// The entry a diagnostic points at, by id where the entry has one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EntryRef {
    /// A `table_overview` entry (or a table's data in `relata.json`).
    Table {
        /// `table_id`.
        #[cfg_attr(test, ts(type = "TableId"))]
        id: TableId,
    },
    /// A table named (by a diagram line) but not registered, so it has no id.
    UnregisteredTable {
        /// The name it is given.
        table: TableRef,
    },
    /// A `signal_registry` entry.
    Signal {
        /// `signal_id`.
        #[cfg_attr(test, ts(type = "SignalId"))]
        id: SignalId,
    },
    /// A `relationship_registry` entry.
    Relationship {
        /// `relationship_id`.
        #[cfg_attr(test, ts(type = "RelationshipId"))]
        id: RelationshipId,
    },
    /// A module in `relata.json`, which modules name.
    Module {
        /// The module's name.
        name: String,
    },
    /// A stored row that could not be decoded, so it has no id: named by the text of its
    /// first (id) column, which may be no valid id at all.
    Row {
        /// The text of the row's first column.
        first: String,
    },
}

/// An entry together with its label: what the rules report findings against. The label is
/// spelt here and only here, so every diagnostic names an entry the same way.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Named {
    /// The entry.
    pub entry: EntryRef,
    /// How diagnostics print it.
    pub label: String,
}

impl Named {
    /// A table by id, labelled `schema.table`.
    pub fn table(id: TableId, name: &TableRef) -> Self {
        Self { entry: EntryRef::Table { id }, label: name.to_string() }
    }

    /// A table named but not registered, labelled `schema.table`.
    pub fn unregistered_table(name: &TableRef) -> Self {
        Self { entry: EntryRef::UnregisteredTable { table: name.clone() }, label: name.to_string() }
    }

    /// A signal, labelled `schema.table.column`, or `concept:name` for a table-less concept.
    pub fn signal(signal: &Signal) -> Self {
        let label = match &signal.table {
            Some(t) => format!("{t}.{}", signal.column),
            None => format!("concept:{}", signal.column),
        };
        Self { entry: EntryRef::Signal { id: signal.id }, label }
    }

    /// A relationship, labelled by its `relationship_key`, or its id when the key is empty.
    pub fn relationship(r: &Relationship) -> Self {
        let label = if r.key.is_empty() { r.id.to_string() } else { r.key.clone() };
        Self { entry: EntryRef::Relationship { id: r.id }, label }
    }

    /// A module of `relata.json`, labelled `module:name`.
    pub fn module(name: &str) -> Self {
        Self { entry: EntryRef::Module { name: name.to_owned() }, label: format!("module:{name}") }
    }

    /// A row that could not be decoded, labelled by the text of its first column.
    pub fn row(first: &str) -> Self {
        Self { entry: EntryRef::Row { first: first.to_owned() }, label: first.to_owned() }
    }
}

/// Prints the label.
impl fmt::Display for Named {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

/// One finding: a stable code, a severity, a place and a message a person reads.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Diagnostic {
    /// Stable code, e.g. `L104` or `R101`; see each crate's `codes` module.
    pub code: &'static str,
    /// How bad it is.
    pub severity: Severity,
    /// Where it points.
    pub location: Location,
    /// What is wrong and, where possible, how to fix it.
    pub message: String,
}

impl Diagnostic {
    /// An error at `location`.
    pub fn error(code: &'static str, location: Location, message: impl Into<String>) -> Self {
        Self { code, severity: Severity::Error, location, message: message.into() }
    }

    /// A warning at `location`.
    pub fn warning(code: &'static str, location: Location, message: impl Into<String>) -> Self {
        Self { code, severity: Severity::Warning, location, message: message.into() }
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl Location {
    /// A file location.
    pub fn file(path: impl Into<String>, line: u32, column: u32) -> Self {
        Self::File { path: path.into(), line, column }
    }

    /// An entry location in `registry`, with an optional field.
    pub fn entry(registry: RegistryKind, named: &Named, field: Option<&str>) -> Self {
        Self::Entry { registry, label: named.label.clone(), field: field.map(str::to_owned), entry: named.entry.clone() }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::File { path, line, column } => write!(f, "{path}:{line}:{column}"),
            Self::Entry { registry, label, field: Some(field), .. } => write!(f, "{}[{label}].{field}", registry.as_str()),
            Self::Entry { registry, label, field: None, .. } => write!(f, "{}[{label}]", registry.as_str()),
            Self::Workspace => f.write_str("workspace"),
        }
    }
}

/// Prints `location: severity[CODE]: message`, the form editors and terminals link.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}[{}]: {}", self.location, self.severity.as_str(), self.code, self.message)
    }
}
