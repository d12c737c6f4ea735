//! Import into the open workspace with a merge preview: a DBML, Mermaid or SQL file is read by
//! its importer and merged into the workspace's registry by `relata_formats::merge` (what
//! `relata import --into` shows); the window lists the additions and changes, and applying
//! them is ONE edit of the workspace's history ([`merge_edit`]), so a single undo takes the
//! whole import back. No I/O here: the command reads the file.

use relata_formats::import::{self, Format, ImportOptions};
use relata_formats::merge::{merge, ChangeKind};
use relata_model::edit::{Change, Edit, Splice, Swap};
use relata_model::{Diagnostic, Location, Registry, Severity, Timestamp};
use relata_rules::RuleSet;
use serde::{Deserialize, Serialize};

/// The formats the import dialog reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum ImportFormat {
    /// DBML (dbdiagram.io, @dbml/core's dbmlv2).
    Dbml,
    /// A Mermaid erDiagram.
    Mermaid,
    /// PostgreSQL DDL (`pg_dump --schema-only`, Relata's SQL export).
    Sql,
}

impl ImportFormat {
    /// The format a file name says (`.dbml`, `.mmd`/`.mermaid`, `.sql`), as `relata import`
    /// guesses it.
    pub fn of_file(name: &str) -> Option<Self> {
        Format::of_file(name).map(Self::from)
    }
}

impl From<Format> for ImportFormat {
    fn from(format: Format) -> Self {
        match format {
            Format::Dbml => Self::Dbml,
            Format::Mermaid => Self::Mermaid,
            Format::Sql => Self::Sql,
        }
    }
}

impl From<ImportFormat> for Format {
    fn from(format: ImportFormat) -> Self {
        match format {
            ImportFormat::Dbml => Self::Dbml,
            ImportFormat::Mermaid => Self::Mermaid,
            ImportFormat::Sql => Self::Sql,
        }
    }
}

/// What applying an import would do, for the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ImportPreview {
    /// The file read.
    pub file: String,
    /// Its format.
    pub format: ImportFormat,
    /// What the importer reported, located in the file. With an error, nothing can be applied.
    pub diagnostics: Vec<ImportDiagnostic>,
    /// Additions and changes, in registry order (entries only the workspace has are counted
    /// in `kept`, not listed).
    pub changes: Vec<EntryChange>,
    /// Entries only the workspace has; they are kept.
    #[cfg_attr(test, ts(type = "number"))]
    pub kept: usize,
    /// Whether Apply would change the workspace: no errors and something to add or change.
    pub applicable: bool,
}

/// One diagnostic of the importer, with its place in the file when it has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ImportDiagnostic {
    /// Stable code (`D1xx` DBML, `M1xx` Mermaid, `S1xx` SQL).
    pub code: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// What is wrong.
    pub message: String,
    /// The file, line and column (1-based), when the diagnostic points into the file.
    pub file: Option<String>,
    /// 1-based line.
    pub line: Option<u32>,
    /// 1-based column.
    pub column: Option<u32>,
}

/// One entry the import adds or changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct EntryChange {
    /// `table`, `column`, `relationship`, `module` or `enum`.
    pub kind: String,
    /// `schema.table`, `schema.table.column`, a relationship's key, a module's name.
    pub name: String,
    /// True for a new entry; false for one whose `fields` change.
    pub added: bool,
    /// The fields that change, with the workspace's and the import's values.
    pub fields: Vec<FieldChange>,
}

/// One field an import changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct FieldChange {
    /// The registry column (`data_type`), or `indexes` / `unique_constraints` / `values`.
    pub field: String,
    /// The workspace's value (`null`: none).
    pub from: Option<String>,
    /// The import's value.
    pub to: Option<String>,
}

/// A preview and, when it can be applied, the registry it gives.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// What the window shows.
    pub preview: ImportPreview,
    /// The merged registry, when the preview is applicable.
    pub merged: Option<Registry>,
}

/// Imports `text` (read from `file`) and merges it into `registry`: the preview, and the
/// merged registry unless the file has errors or nothing would change. `now` stamps what the
/// import creates or changes.
pub fn prepare(registry: &Registry, rules: &RuleSet, text: &str, file: &str, format: ImportFormat, now: Timestamp) -> Prepared {
    let options = ImportOptions::new(now.clone());
    // A DBML `use` names files relative to `file`, read from the disk here (the shell's job).
    let disk = |p: &str| std::fs::read_to_string(p).map_err(|e| e.to_string());
    let (incoming, diagnostics) = import::import_with(format.into(), text, file, &options, rules, &disk);
    let errors = diagnostics.iter().any(Diagnostic::is_error);
    let diagnostics = diagnostics.iter().map(ImportDiagnostic::from).collect();
    if errors {
        let preview = ImportPreview { file: file.to_owned(), format, diagnostics, changes: Vec::new(), kept: 0, applicable: false };
        return Prepared { preview, merged: None };
    }
    let merged = merge(registry, &incoming, rules, &now);
    let (_, _, kept) = merged.counts();
    let changes = merged
        .changes
        .iter()
        .filter_map(|c| {
            let fields = match &c.change {
                ChangeKind::Added => Vec::new(),
                ChangeKind::Changed(fields) => {
                    fields.iter().map(|f| FieldChange { field: f.field.clone(), from: f.from.clone(), to: f.to.clone() }).collect()
                }
                ChangeKind::OnlyInWorkspace => return None,
            };
            Some(EntryChange { kind: c.kind.as_str().to_owned(), name: c.name.clone(), added: c.change == ChangeKind::Added, fields })
        })
        .collect();
    let applicable = !merged.is_empty();
    let preview = ImportPreview { file: file.to_owned(), format, diagnostics, changes, kept, applicable };
    Prepared { preview, merged: applicable.then_some(merged.registry) }
}

/// The one edit that turns `current` into `merged`: per entry list, one splice of the part
/// between the common start and end, so undo restores every entry at its place; the DBML and
/// Mermaid extras as one swap each.
pub fn merge_edit(label: String, current: &Registry, merged: &Registry) -> Edit {
    let mut changes = Vec::new();
    if let Some(s) = splice(&current.tables, &merged.tables) {
        changes.push(Change::Tables(s));
    }
    if let Some(s) = splice(&current.signals, &merged.signals) {
        changes.push(Change::Signals(s));
    }
    if let Some(s) = splice(&current.relationships, &merged.relationships) {
        changes.push(Change::Relationships(s));
    }
    if let Some(s) = splice(&current.modules, &merged.modules) {
        changes.push(Change::Modules(s));
    }
    if let Some(s) = splice(&current.enums, &merged.enums) {
        changes.push(Change::Enums(s));
    }
    if let Some(s) = splice(&current.pins, &merged.pins) {
        changes.push(Change::Pins(s));
    }
    if let Some(s) = splice(&current.kept, &merged.kept) {
        changes.push(Change::Kept(s));
    }
    // The format extras are replaced whole: an import merges them as one value.
    if current.dbml != merged.dbml {
        changes.push(Change::Dbml(Box::new(Swap { old: current.dbml.clone(), new: merged.dbml.clone() })));
    }
    if current.mermaid != merged.mermaid {
        changes.push(Change::Mermaid(Box::new(Swap { old: current.mermaid.clone(), new: merged.mermaid.clone() })));
    }
    Edit::Restore { label, changes }
}

/// The splice turning `old` into `new`, trimming what both start and end with; `None` when
/// they are equal.
fn splice<T: Clone + PartialEq>(old: &[T], new: &[T]) -> Option<Splice<T>> {
    if old == new {
        return None;
    }
    let start = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let end = old[start..].iter().rev().zip(new[start..].iter().rev()).take_while(|(a, b)| a == b).count();
    Some(Splice { at: start, old: old[start..old.len() - end].to_vec(), new: new[start..new.len() - end].to_vec() })
}

impl From<&Diagnostic> for ImportDiagnostic {
    fn from(d: &Diagnostic) -> Self {
        let (file, line, column) = match &d.location {
            Location::File { path, line, column } => (Some(path.clone()), Some(*line), Some(*column)),
            _ => (None, None, None),
        };
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        Self { code: d.code.to_owned(), severity: severity.to_owned(), message: d.message.clone(), file, line, column }
    }
}

/// The current time as a registry timestamp (UTC, whole seconds): the libraries have no
/// clock.
pub fn now() -> Timestamp {
    Timestamp::from_unix_seconds(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()))
}
