//! Mermaid erDiagram import: text → [`Registry`] plus diagnostics, never a panic. The inverse
//! of the [`Mermaid`](super::Mermaid) printer, for the erDiagram language of Mermaid 11.
//!
//! Same shape as the DBML importer ([`crate::dbml::parse`], whose [`ImportOptions`], id
//! derivation and relationship keys this one shares): [`parse`] gives the syntax tree of
//! [`ast`], close to the text; [`import`] lowers it into the model. Broken input is a value
//! plus diagnostics (codes `M1xx`, see [`crate::codes`]) with file, line and column; after an
//! error the parser skips to the next line.
//!
//! What the text holds: YAML front matter (`title:` is read, the rest ignored), `%%`
//! comments and directives, `erDiagram`, `title …`, `direction TB|BT|LR|RL`, entities (a word or
//! `"quoted"` name, an optional `[label]`, an optional `{ … }` block of attributes
//! `type name PK, FK, UK "comment"`), relationship lines in every notation Mermaid reads
//! (`|o` `||` `}o` `}|` and their mirrors `o|` `o{` `|{` on either side; the words `only
//! one`, `1`, `zero or one`, `one or zero`, `one or more`, `one or many`, `many(1)`, `1+`,
//! `zero or more`, `zero or many`, `many(0)`, `0+`; lines `--`/`to` identifying and
//! `..`/`.-`/`-.`/`optionally to` non-identifying), and `: label` (quoted, or one word).
//! Lenient where Mermaid is strict: `;` also ends a statement. Not read: Mermaid's `u` (parent) end and `%%{init}%%` settings (a comment here).
//!
//! Where Mermaid is silent, the import chooses:
//! - an entity is a table. Its label, when it reads `schema.table` (split at the first dot,
//!   as Relata's printer writes it), names the table; otherwise the entity name is the table
//!   in [`ImportOptions::default_schema`]. Entities named only in relationship lines are
//!   tables without columns (Mermaid draws them too). Two blocks of one entity add up.
//! - attributes are columns in order: the type as written (Relata's printer sanitises types
//!   into attribute words, see [`super::text::attribute_type`]), `PK` → primary key (and
//!   NOT NULL; every other column is nullable), `UK` → a single-column unique constraint,
//!   the comment → description. A signal is a `key` when it is in the primary key or a
//!   child column of a relationship (as in the DBML import); `FK` guides the inference below.
//! - a relationship line: the child is the "many" side; for 1:1 the entity on the right,
//!   for many:many too (reported, M111). Cardinality from the two ends; `is_required` from
//!   the parent's end (`||`/`}|` required, `|o`/`}o` optional); `..` is a `logical`
//!   relationship, `--` a `foreign_key` one. The label goes to `notes`, after Relata's
//!   printer's own suffix ` (kind, availability)` is read back as the lineage kind and
//!   availability; the key is the rule set's `relationship_key`.
//! - the join columns, which Mermaid does not say, are inferred on the child: (1) its
//!   columns named in the label (Relata's labels are keys like `orders__user_id__users`),
//!   FK-marked ones first; (2) FK-marked columns named `{parent}_id` or `{parent singular}_id`
//!   or whose comment names the parent; (3) FK-marked columns with the type of the parent's
//!   primary key; (4) any column named `{parent}_id` / `{parent singular}_id`. The parent's
//!   columns are its primary key (or `id`). When none of this finds columns, the relationship
//!   is still made, on the best guess `{parent singular}_id` → the parent's key, and a
//!   warning (M109) says so with the line: a diagram's lines are its point, so dropping them
//!   would lose more than a guess the rules (and the person) can correct.
//! - every table is `draft`, its module its schema; timestamps are [`ImportOptions::now`];
//!   ids derive from names, so the same text always imports to the same registry.
//!
//! Reported, not kept: `title` and `direction` have no place in the registries (they are in
//! the syntax tree); `style`, `classDef`, `class`, `:::class`, `accTitle`, `accDescr` (M110).

pub mod ast;
pub(crate) mod lexer;
mod lower;
mod parser;

use relata_model::{Diagnostic, Location, Registry};
use relata_rules::RuleSet;

pub use crate::import::ImportOptions;

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
