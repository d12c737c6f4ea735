//! Mermaid erDiagram import: text → [`Registry`] plus diagnostics, never a panic. The inverse
//! of the [`Mermaid`](super::Mermaid) printer, for the erDiagram language of Mermaid 11.
//!
//! Same shape as the DBML importer ([`crate::dbml::parse`], whose [`ImportOptions`], id
//! derivation and relationship keys this one shares): [`parse`] gives the syntax tree of
//! [`ast`], close to the text; [`import`] lowers it into the model. Broken input is a value
//! plus diagnostics (codes `M1xx`, see [`crate::codes`]) with file, line and column; after an
//! error the parser reads on from the next line.
//!
//! What the text holds — the whole `erDiagram` grammar of Mermaid 11 (`erDiagram.jison`), read
//! by its lexer as Mermaid's lexer reads it (rules in order, first match wins) and by the parser
//! as its productions say: YAML front matter (kept as written; `title:` read), `%%` comment
//! lines and `%%{…}%%` directives, `erDiagram`, then statements, several on a line if need be:
//! entities (a word — letters, digits, `_`, `-`, `*`, `.`, any non-ASCII — a `"quoted"` name, or
//! a number), each with an optional `[label]` (Mermaid's alias), `:::class,…` and `{ … }` block
//! of attributes `type name PK, FK, UK "comment"` (types may be `string?`, `List~T~` or
//! backquoted words); relationship lines in every notation (`|o` `||` `}o` `}|` `u` and their
//! mirrors; the words `only one`, `one`, `1`, `zero or one`, `one or zero`, `one or more`,
//! `one or many`, `many(1)`, `1+`, `zero or more`, `zero or many`, `many(0)`, `many`, `0+`;
//! lines `--`/`to` identifying and `..`/`.-`/`-.`/`optionally to` non-identifying) with a
//! required label (quoted, or one word); `classDef`, `class`, `style`, `direction`,
//! `accTitle`, `accDescr` and `subgraph id [title]` … `end`. What Mermaid rejects is an error.
//!
//! Where Mermaid is silent, the import chooses:
//! - an entity is a table, named as written, in [`ImportOptions::default_schema`]; only the
//!   shape Relata's printer writes, `schema__table["schema.table"]`, names a schema. Entities
//!   named only in lines (or `class`/`style`) are tables without columns, as Mermaid draws them.
//! - attributes are columns in order: the type as written, `PK` → primary key (and NOT NULL;
//!   every other column is nullable), `UK` → a single-column unique constraint, the comment →
//!   description. A signal is a `key` when it is in the primary key or a child column.
//! - a line is a relationship only where the diagram says its join columns: (1) a label that
//!   is Relata's key `{child}__{columns}__{parent}` naming FK-marked columns; (2) FK-marked
//!   attributes whose names refer to the other entity in any spelling (`user_id`, `userId`,
//!   `UserID`, `user`, or `user_email` for the parent key `email`; compared without case or
//!   punctuation, singular or plural); (3) the one FK-marked attribute whose comment names the
//!   other entity. The parent's columns are its primary key (or its `id` column). The child is
//!   the "many" side; on a 1:1 or many:many line, the side whose FK names the other.
//!   Cardinality from the two ends, `is_required` from the parent's end. Otherwise — and for a
//!   second line on the same columns — the line is kept as a diagram line only (M109): no
//!   column is made up, and no foreign key the diagram did not state.
//! - `..` is non-identifying, which is not "not enforced": the relationship stays a
//!   `foreign_key` (only Relata's own `(depends_on)` label suffix on a dashed line reads back
//!   as `logical`).
//! - everything else the diagram says goes into [`relata_model::MermaidExtras`]: entity names,
//!   labels and classes, key markers in order, each line's two ends (minimum and maximum),
//!   identification and label, `classDef`/`style`, `direction`, `accTitle`/`accDescr`,
//!   subgraphs and the front matter, so the export writes it back.
//! - every table is `draft`, its module its schema; timestamps are [`ImportOptions::now`];
//!   ids derive from names, so the same text always imports to the same registry.

pub mod ast;
pub(crate) mod lexer;
mod lower;
mod parser;

use relata_model::{Diagnostic, Location, Registry};
use relata_rules::RuleSet;

pub use crate::import::options::ImportOptions;

use self::ast::Pos;

/// Parses erDiagram `text` into its syntax tree; `path` names the file in diagnostics.
pub fn parse(text: &str, path: &str) -> (ast::File, Vec<Diagnostic>) {
    let mut report = Reporter { path: path.to_owned(), diagnostics: Vec::new() };
    let file = parser::file(text, &mut report);
    (file, report.finish())
}

/// Imports erDiagram `text` as a registry; `path` names the file in diagnostics.
/// Relationship keys come from `rules`.
///
/// ```
/// # use relata_formats::mermaid::parse::{import, ImportOptions};
/// let text = "erDiagram\n  users {\n    uuid id PK\n  }\n  orders {\n    uuid id PK\n    uuid user_id FK\n  }\n  users ||--o{ orders : \"places\"\n";
/// let now = relata_model::Timestamp::parse("2026-01-31 09:30:00+00").unwrap();
/// let rules = relata_rules::RuleSet::named("zayaz").unwrap();
/// let (registry, diagnostics) = import(text, "shop.mmd", &ImportOptions::new(now), &rules);
/// assert!(diagnostics.is_empty(), "{diagnostics:?}");
/// assert_eq!(registry.relationships[0].key, "orders__user_id__users");
/// ```
pub fn import(text: &str, path: &str, options: &ImportOptions, rules: &RuleSet) -> (Registry, Vec<Diagnostic>) {
    let mut report = Reporter { path: path.to_owned(), diagnostics: Vec::new() };
    let file = parser::file(text, &mut report);
    let registry = lower::lower(&file, options, rules, &mut report);
    (registry, report.finish())
}

/// Collects diagnostics for one file.
pub(crate) struct Reporter {
    path: String,
    diagnostics: Vec<Diagnostic>,
}

impl Reporter {
    fn at(&self, pos: Pos) -> Location {
        Location::file(&self.path, pos.line, pos.column)
    }

    /// An error with `code` at `pos`.
    pub fn error(&mut self, code: &'static str, pos: Pos, message: impl Into<String>) {
        let at = self.at(pos);
        self.diagnostics.push(Diagnostic::error(code, at, message));
    }

    /// A warning with `code` at `pos`.
    pub fn warning(&mut self, code: &'static str, pos: Pos, message: impl Into<String>) {
        let at = self.at(pos);
        self.diagnostics.push(Diagnostic::warning(code, at, message));
    }

    fn finish(mut self) -> Vec<Diagnostic> {
        self.diagnostics.sort_by(|a, b| a.location.cmp(&b.location));
        self.diagnostics
    }
}
