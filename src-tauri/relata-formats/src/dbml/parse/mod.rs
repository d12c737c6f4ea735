//! DBML import: text → [`Registry`] plus diagnostics, never a panic. The inverse of the
//! [`Dbml`](super::Dbml) printer, for the dbmlv2 language of @dbml/core.
//!
//! The shape of every format: [`parse`] (lexer → parser) gives the syntax tree of [`ast`],
//! close to the text; [`import`] lowers it into the model, resolving names and checking
//! settings. Broken input is a value plus diagnostics (codes `D1xx`, see [`crate::codes`]),
//! each with the file, line and column; after an error the parser skips to the next line or
//! top-level element, so one typo gives one diagnostic.
//!
//! Where DBML is silent, the import chooses (and [`ImportOptions`] can change):
//! - the schema of an unqualified table or enum is `public`;
//! - every table is `draft`; timestamps are [`ImportOptions::now`] (no clock here);
//! - ids are derived from names (`table:schema.name`, `signal:schema.table.column`,
//!   `relationship:key`), so the same text always imports to the same registry;
//! - a table in no `TableGroup` belongs to a module named after its schema;
//! - `db_engine` comes from the project's `database_type` (`PostgreSQL` → `postgres`),
//!   else the DDL's default `aurora_postgres`; `db_name` from the project's name;
//! - a relationship's key is the rule set's `relationship_key`; a `Ref`'s name becomes its
//!   `constraint_name` unless it is that key; it belongs to its child table's module; it is
//!   required when every child column is `not null`; `inactive` makes it `draft`;
//! - a ref colour Relata gives a lineage kind (see the printer) reads back as that kind;
//! - a signal is a `key` when it is part of the primary key or a child column of a ref,
//!   otherwise an `attribute`;
//! - `<>` is a `many:many` relationship between the two tables, not an `rl_` join table:
//!   the import keeps what the text says, and the rules (R304) ask for the join table.
//!   It is reported (D112) so nobody misses it;
//! - a `Ref` that names no `delete` or `update` action has `no_action` (PostgreSQL's
//!   default), not the registry's `restrict` default;
//! - a default naming an enum value (`status.active`, `core.status.active`) is the value's
//!   name as an SQL string (`'active'`), as @dbml/core reads it; the enum and value must exist.
//!
//! Strings: `'…'`, `"…"` and `'''…'''` stand wherever a string may, their escapes decoded as
//! @dbml/parse decodes them, text otherwise exactly as written. A note (of a project, table,
//! column, index, enum value, group or sticky note) is then read as @dbml/core reads every
//! note ([`crate::dbml::text::note_as_read`]): leading blank lines and the indentation common
//! to its lines dropped. Unquoted words are no string (`note: Order created`, `default:
//! hello` are errors, as in @dbml/core). Numbers take any signs (`+1`, `- 2`, `--3`), a
//! fraction and an exponent; column types take array sizes (`int[3]`, `int[2][3]`).
//!
//! Layout: a top-level element's `{` (or a `Ref`'s `:`) may stand on a later line, and a
//! `Ref`'s parts may spread over lines; the blocks inside a table (`indexes`, `Note`) keep
//! their `{` on their keyword's line and a header's `[settings]` stay on its name's line,
//! since @dbml/core reads nothing else. Comments (`//`, `/* */`) may stand anywhere.
//!
//! Kept or reported, never silently dropped: `TablePartial`s are injected into the tables
//! that use them (`~name`); `Records`, sticky notes (`Note name [color: …] { }`), the project
//! note, `checks`, `increment`, ref colours that are not lineage colours, `DiagramView`s and
//! custom settings (`[owner: 'finance']` on a table, column or table group: any other setting
//! name with a string or colour value) have no place in the registries and are reported
//! (D114). `use` (DBML's multi-file
//! import) is not read yet: it is an unknown element (D103).

pub mod ast;
mod items;
mod lexer;
pub(crate) mod lower;
mod parser;
mod refs;

use relata_model::{Diagnostic, Location, Registry};
use relata_rules::RuleSet;

use self::ast::Pos;

pub use crate::import::ImportOptions;

/// Parses DBML `text` into its syntax tree; `path` names the file in diagnostics. Only
/// syntax is checked here (names are resolved by [`import`]).
pub fn parse<'s>(text: &'s str, path: &str) -> (ast::File<'s>, Vec<Diagnostic>) {
    let mut report = Reporter { path: path.to_owned(), diagnostics: Vec::new() };
    let file = parse_with(text, &mut report);
    (file, report.finish())
}

/// Imports DBML `text` as a registry; `path` names the file in diagnostics. Relationship keys
/// come from `rules`. Returns everything that could be read, plus a diagnostic for
/// everything that could not (errors) or that the registries cannot hold (warnings).
///
/// ```
/// # use relata_formats::dbml::parse::{import, ImportOptions};
/// let text = "Table users {\n  id uuid [pk]\n}\nTable orders {\n  id uuid [pk]\n  user_id uuid [ref: > users.id]\n}\n";
/// let now = relata_model::Timestamp::parse("2026-01-31 09:30:00+00").unwrap();
/// let rules = relata_rules::RuleSet::named("zayaz").unwrap();
/// let (registry, diagnostics) = import(text, "shop.dbml", &ImportOptions::new(now), &rules);
/// assert!(diagnostics.is_empty());
/// assert_eq!(registry.tables.len(), 2);
/// assert_eq!(registry.relationships[0].key, "orders__user_id__users");
/// ```
pub fn import(text: &str, path: &str, options: &ImportOptions, rules: &RuleSet) -> (Registry, Vec<Diagnostic>) {
    let mut report = Reporter { path: path.to_owned(), diagnostics: Vec::new() };
    let file = parse_with(text, &mut report);
    let registry = lower::lower(&file, options, rules, &mut report);
    (registry, report.finish())
}

fn parse_with<'s>(text: &'s str, report: &mut Reporter) -> ast::File<'s> {
    let tokens = lexer::tokenize(text, report);
    let mut parser = parser::Parser { tokens: &tokens, source: text, at: 0, report };
    items::file(&mut parser)
}

/// Collects diagnostics for one file.
pub(crate) struct Reporter {
    path: String,
    diagnostics: Vec<Diagnostic>,
}

impl Reporter {
    /// The location of `pos` in this file.
    pub fn at(&self, pos: Pos) -> Location {
        Location::file(&self.path, pos.line, pos.column)
    }

    /// How many diagnostics so far.
    pub fn count(&self) -> usize {
        self.diagnostics.len()
    }

    /// Adds a diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// An error with `code` at `pos`.
    pub fn error(&mut self, code: &'static str, pos: Pos, message: impl Into<String>) {
        let at = self.at(pos);
        self.push(Diagnostic::error(code, at, message));
    }

    /// A warning with `code` at `pos`.
    pub fn warning(&mut self, code: &'static str, pos: Pos, message: impl Into<String>) {
        let at = self.at(pos);
        self.push(Diagnostic::warning(code, at, message));
    }

    /// The diagnostics in file order (stable: two at one place keep their order).
    fn finish(mut self) -> Vec<Diagnostic> {
        self.diagnostics.sort_by(|a, b| a.location.cmp(&b.location));
        self.diagnostics
    }
}
