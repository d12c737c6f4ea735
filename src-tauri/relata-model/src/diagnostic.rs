//! Diagnostics: what loaders and rules report about broken or doubtful input. Broken input is
//! not an error condition; it is a value plus diagnostics.

use std::fmt;

use serde::Serialize;

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
        /// The entry's key: `schema.table`, `schema.table.column` or the relationship_key.
        key: String,
        /// The field (registry column name) concerned.
        #[serde(skip_serializing_if = "Option::is_none")]
        // Left out of the JSON when absent (there is no `default`, which ts-rs needs to see it).
        #[cfg_attr(test, ts(optional))]
        field: Option<String>,
    },
    /// The workspace as a whole.
    Workspace,
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

    /// An entry location, with an optional field.
    pub fn entry(registry: RegistryKind, key: impl Into<String>, field: Option<&str>) -> Self {
        Self::Entry { registry, key: key.into(), field: field.map(str::to_owned) }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::File { path, line, column } => write!(f, "{path}:{line}:{column}"),
            Self::Entry { registry, key, field: Some(field) } => write!(f, "{}[{key}].{field}", registry.as_str()),
            Self::Entry { registry, key, field: None } => write!(f, "{}[{key}]", registry.as_str()),
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
