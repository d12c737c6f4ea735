//! The import dialog's views: a merge preview of a DBML, Mermaid or SQL file
//! (`relata_workspace::Workspace::import_preview`, what `relata import --into` shows) as the
//! window lists it — additions and changes, located diagnostics, whether Apply may run.

use relata_workspace::ImportFormat as Format;
use relata_formats::import::merge::ChangeKind;
use relata_model::{Diagnostic, Location, Severity};
use serde::{Deserialize, Serialize};

/// The formats the import dialog reads (`relata_workspace::ImportFormat`), by the name
/// `relata import --from` takes: `dbml`, `mermaid` or `sql`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ImportFormat(#[cfg_attr(test, ts(type = "\"dbml\" | \"mermaid\" | \"sql\""))] pub Format);

impl From<ImportFormat> for &'static str {
    fn from(format: ImportFormat) -> Self {
        format.0.name()
    }
}

impl TryFrom<String> for ImportFormat {
    type Error = String;

    fn try_from(name: String) -> Result<Self, String> {
        Format::from_name(&name).map(ImportFormat).ok_or_else(|| format!("unknown import format `{name}`: say dbml, mermaid or sql"))
    }
}

impl ImportFormat {
    /// The format a file name says (`.dbml`, `.mmd`/`.mermaid`, `.sql`), as `relata import`
    /// guesses it.
    pub fn of_file(name: &str) -> Option<Self> {
        Format::of_file(name).map(ImportFormat)
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

impl ImportPreview {
    /// The window's view of the workspace's `preview` of a file in `format`.
    pub fn new(preview: &relata_workspace::ImportPreview, format: ImportFormat) -> Self {
        let changes = preview
            .changes()
            .map(|c| {
                let fields = match &c.change {
                    ChangeKind::Changed(fields) => {
                        fields.iter().map(|f| FieldChange { field: f.field.clone(), from: f.from.clone(), to: f.to.clone() }).collect()
                    }
                    _ => Vec::new(),
                };
                EntryChange { kind: c.kind.as_str().to_owned(), name: c.name.clone(), added: c.change == ChangeKind::Added, fields }
            })
            .collect();
        Self {
            file: preview.file.clone(),
            format,
            diagnostics: preview.diagnostics.iter().map(ImportDiagnostic::from).collect(),
            changes,
            kept: preview.kept(),
            applicable: preview.applicable(),
        }
    }
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
