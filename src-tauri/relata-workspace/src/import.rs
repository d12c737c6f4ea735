//! Importing a DBML, Mermaid or SQL file into a workspace: read by its importer, merged into
//! the registry by `relata_formats::import::merge` and previewed; applying the preview is ONE edit of
//! the history ([`merge_edit`]), so a single undo takes the whole import back.

use std::path::Path;

use relata_formats::import::merge::{merge, ChangeKind, EntryChange, Merge};
use relata_model::edit::{Change, Edit, Splice, Swap};
use relata_model::{Diagnostic, Registry, Timestamp};
use relata_rules::RuleSet;

use crate::{Error, ErrorKind, Workspace};

/// The languages Relata imports from a file (`relata_formats::import::Format`): DBML,
/// Mermaid erDiagram, PostgreSQL DDL.
pub use relata_formats::import::Format as ImportFormat;

/// What `format` reads, in a sentence for a menu or `--help`.
pub fn import_description(format: ImportFormat) -> &'static str {
    match format {
        ImportFormat::Dbml => "DBML as dbdiagram.io writes it (@dbml/core's dbmlv2)",
        ImportFormat::Mermaid => "A Mermaid erDiagram (Mermaid 11), as Relata's Mermaid export writes it or by hand",
        ImportFormat::Sql => "PostgreSQL DDL: what `pg_dump --schema-only` writes, Relata's SQL export, or by hand",
    }
}

/// What applying an import would do.
#[derive(Debug, Clone)]
pub struct ImportPreview {
    /// The file read, as it was named.
    pub file: String,
    /// Its format; `None` for a registry read some other way (a live database).
    pub format: Option<ImportFormat>,
    /// What the importer reported, located in the file. With an error, nothing can be applied.
    pub diagnostics: Vec<Diagnostic>,
    /// The merge into the workspace; `None` when the file has errors.
    pub merge: Option<Merge>,
}

impl ImportPreview {
    /// The additions and changes, in registry order (entries only the workspace has are not
    /// listed: they are kept).
    pub fn changes(&self) -> impl Iterator<Item = &EntryChange> {
        self.merge.iter().flat_map(|m| &m.changes).filter(|c| c.change != ChangeKind::OnlyInWorkspace)
    }

    /// How many entries only the workspace has (they are kept).
    pub fn kept(&self) -> usize {
        self.merge.as_ref().map_or(0, |m| m.counts().2)
    }

    /// Whether applying would change the workspace: no errors and something to add or change.
    pub fn applicable(&self) -> bool {
        self.merge.as_ref().is_some_and(|m| !m.is_empty())
    }
}

/// A previewed import, valid while the history stays at `revision`.
#[derive(Debug, Clone)]
pub(crate) struct PendingImport {
    revision: u64,
    label: String,
    preview: ImportPreview,
}

/// Imports the file `file` (text `text`) as `format` and merges it into `registry`: the
/// registry's timestamps for what changes are now, relationship keys from `rules`. A DBML
/// `use` reads the files it names from the disk, relative to `file`.
pub(crate) fn preview(registry: &Registry, rules: &RuleSet, text: &str, file: &str, format: ImportFormat) -> ImportPreview {
    // One clock reading stamps both what the import creates and what the merge changes.
    let now = crate::now();
    let (incoming, diagnostics) = import_at(format, text, file, rules, &now);
    let merge = (!diagnostics.iter().any(Diagnostic::is_error)).then(|| merge(registry, &incoming, rules, &now));
    ImportPreview { file: file.to_owned(), format: Some(format), diagnostics, merge }
}

/// Reads `text` (the file `file`) as `format` into a registry of its own, stamped now, with
/// the importer's diagnostics; a DBML `use` reads the files it names from the disk, relative
/// to `file`. The one import of a file every front end calls.
pub fn import_text(format: ImportFormat, text: &str, file: &str, rules: &RuleSet) -> (Registry, Vec<Diagnostic>) {
    import_at(format, text, file, rules, &crate::now())
}

/// [`import_text`] stamped `now`.
fn import_at(format: ImportFormat, text: &str, file: &str, rules: &RuleSet, now: &Timestamp) -> (Registry, Vec<Diagnostic>) {
    let options = relata_formats::import::ImportOptions::new(now.clone());
    let disk = |p: &str| std::fs::read_to_string(p).map_err(|e| e.to_string());
    relata_formats::import::import_with(format, text, file, &options, rules, &disk)
}

/// How a live PostgreSQL import reads pg_dump's script: relata-formats' SQL import, with the
/// dump's engine and database on every table (relata-store runs pg_dump but parses no SQL, so
/// every caller of `relata_store::postgres::import::import` passes this as its `read_dump`).
pub fn read_dump(dump: &relata_store::postgres::import::Dump<'_>, rules: &RuleSet) -> (Registry, Vec<Diagnostic>) {
    let options = relata_formats::import::ImportOptions {
        now: dump.now.clone(),
        db_engine: Some(dump.db_engine.to_owned()),
        db_name: Some(dump.db_name.to_owned()),
        default_schema: relata_formats::import::DEFAULT_SCHEMA.to_owned(),
    };
    relata_formats::sql::parse::import(dump.text, dump.file, &options, rules)
}

impl Workspace {
    /// Reads the file at `path` as `format` and previews merging it into the workspace; the
    /// preview is kept for [`Self::import_apply`] while the workspace does not change.
    pub fn import_preview(&mut self, path: &Path, format: ImportFormat) -> Result<&ImportPreview, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io("read", path, &e))?;
        let file = path.to_string_lossy().into_owned();
        Ok(self.import_preview_text(&text, &file, format))
    }

    /// [`Self::import_preview`] of `text`, read from the file `file`.
    pub fn import_preview_text(&mut self, text: &str, file: &str, format: ImportFormat) -> &ImportPreview {
        let preview = preview(self.registry(), &self.rules, text, file, format);
        self.keep_preview(preview)
    }

    /// Previews merging `incoming`, a registry the caller read from `source` (a file it
    /// imported and reported on itself, a live database), into the workspace; kept for
    /// [`Self::import_apply`] as [`Self::import_preview`]'s.
    pub fn import_preview_registry(&mut self, source: &str, incoming: &Registry) -> &ImportPreview {
        let merge = merge(self.registry(), incoming, &self.rules, &crate::now());
        self.keep_preview(ImportPreview { file: source.to_owned(), format: None, diagnostics: Vec::new(), merge: Some(merge) })
    }

    /// Keeps `preview` as the import waiting for Apply.
    fn keep_preview(&mut self, preview: ImportPreview) -> &ImportPreview {
        let file = preview.file.as_str();
        let name = Path::new(file).file_name().map_or_else(|| file.to_owned(), |n| n.to_string_lossy().into_owned());
        let pending = PendingImport { revision: self.history.revision(), label: format!("Import {name}"), preview };
        &self.pending_import.insert(pending).preview
    }

    /// Applies the import last previewed as ONE edit (one undo step) and returns its label.
    /// Refused when there is none, when it changes nothing, or when the workspace changed
    /// since the preview.
    pub fn import_apply(&mut self) -> Result<String, Error> {
        let pending = self
            .pending_import
            .take()
            .filter(|p| p.preview.applicable())
            .ok_or_else(|| Error::new(ErrorKind::NoPendingImport, "there is no import to apply: preview one first"))?;
        if pending.revision != self.history.revision() {
            return Err(Error::new(ErrorKind::NoPendingImport, "the workspace changed since the preview: preview the import again"));
        }
        let merged = &pending.preview.merge.as_ref().expect("an applicable preview has a merge").registry;
        let edit = merge_edit(pending.label, self.registry(), merged);
        self.apply(edit, None)
    }
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
