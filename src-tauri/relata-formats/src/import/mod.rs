//! The import kit every importer shares, and the one entry point the CLI and the app call:
//! [`import`] reads a file of any [`Format`] into a registry plus diagnostics. What each
//! format reads is in its own module (`dbml::parse`, `mermaid::parse`, `sql::parse`); here are
//! the options where a source is silent ([`ImportOptions`], in `options`, which every reader
//! uses without knowing this dispatcher) and the column drafts lowered into
//! signals (`draft`; their ids derived from names by [`relata_model::derived_ids`]). Merging
//! an import into a workspace is [`merge`].

pub(crate) mod draft;
pub mod merge;
pub mod options;

use relata_model::{Diagnostic, Registry};
use relata_rules::RuleSet;

pub use options::{ImportOptions, DEFAULT_SCHEMA};

use crate::{dbml, mermaid, sql};

/// A language Relata imports from a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// DBML, the language of dbdiagram.io, as @dbml/core 10 (`dbmlv2`) reads it.
    Dbml,
    /// A Mermaid 11 `erDiagram`.
    Mermaid,
    /// PostgreSQL DDL: what `pg_dump --schema-only` writes, or written by hand.
    Sql,
}

impl Format {
    /// Every format, in the order the CLI and the app list them.
    pub const ALL: [Format; 3] = [Format::Dbml, Format::Mermaid, Format::Sql];

    /// The format's name as the CLI's `--from` and the app spell it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Dbml => "dbml",
            Format::Mermaid => "mermaid",
            Format::Sql => "sql",
        }
    }

    /// The format named `name` (any case).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name().eq_ignore_ascii_case(name))
    }

    /// The format a file's name says: `.dbml`, `.mmd` or `.mermaid`, `.sql` (any case).
    pub fn of_file(name: &str) -> Option<Self> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".dbml") {
            Some(Format::Dbml)
        } else if lower.ends_with(".mmd") || lower.ends_with(".mermaid") {
            Some(Format::Mermaid)
        } else if lower.ends_with(".sql") {
            Some(Format::Sql)
        } else {
            None
        }
    }
}

/// Imports `text`, written in `format`, as a registry; `path` names the file in diagnostics
/// and relationship keys come from `rules`. Returns everything that could be read, plus a
/// diagnostic for everything that could not (errors) or that Relata keeps or cannot keep
/// (warnings and infos). Never panics, never refuses what the format's own tool accepts.
///
/// ```
/// # use relata_formats::import::{import, Format, ImportOptions};
/// let now = relata_model::Timestamp::parse("2026-01-31 09:30:00+00").unwrap();
/// let rules = relata_rules::RuleSet::named("zayaz").unwrap();
/// let text = "CREATE TABLE users (id uuid PRIMARY KEY);";
/// let format = Format::of_file("schema.sql").unwrap();
/// let (registry, diagnostics) = import(format, text, "schema.sql", &ImportOptions::new(now), &rules);
/// assert!(diagnostics.is_empty());
/// assert_eq!(registry.tables[0].name, "users");
/// ```
pub fn import(format: Format, text: &str, path: &str, options: &ImportOptions, rules: &RuleSet) -> (Registry, Vec<Diagnostic>) {
    import_with(format, text, path, options, rules, &dbml::parse::NoFiles)
}

/// [`import`], reading the other files a DBML file names in its `use`s through `files` (the
/// crate does no I/O: the CLI and the app give a reader of the disk, relative to `path`).
pub fn import_with(
    format: Format,
    text: &str,
    path: &str,
    options: &ImportOptions,
    rules: &RuleSet,
    files: &dyn dbml::parse::Resolver,
) -> (Registry, Vec<Diagnostic>) {
    match format {
        Format::Dbml => dbml::parse::import_with(text, path, options, rules, files),
        Format::Mermaid => mermaid::parse::import(text, path, options, rules),
        Format::Sql => sql::parse::import(text, path, options, rules),
    }
}

#[cfg(test)]
mod tests {
    use super::Format;

    #[test]
    fn a_file_name_or_a_name_says_the_format() {
        assert_eq!(Format::of_file("Model.DBML"), Some(Format::Dbml));
        assert_eq!(Format::of_file("erd.mermaid"), Some(Format::Mermaid));
        assert_eq!(Format::of_file("dump.sql"), Some(Format::Sql));
        assert_eq!(Format::of_file("notes.txt"), None);
        for format in Format::ALL {
            assert_eq!(Format::from_name(&format.name().to_uppercase()), Some(format));
        }
    }
}
