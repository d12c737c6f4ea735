//! PostgreSQL DDL import: SQL text → [`Registry`] plus diagnostics, never a panic. Reads what
//! `pg_dump --schema-only` (PostgreSQL 15) writes and hand-written DDL; the inverse of the
//! [`Ddl`](super::Ddl) printer.
//!
//! The shape of every format: [`parse`] splits the text into statements (at top-level `;`,
//! past strings, quoted names, dollar quotes and comments) and reads each with sqlparser's
//! PostgreSQL dialect into the statements of [`ast`]; [`import`] lowers them into the model.
//! A statement sqlparser cannot read gives one error (code `S100`/`S101`, see
//! [`crate::codes`]) at sqlparser's line and column, and the import goes on with the next.
//!
//! What is modelled: `CREATE TYPE … AS ENUM` (enum types), `CREATE TABLE` (columns with their
//! types, `NOT NULL`, defaults, identity, generation and collation, inline keys, CHECKs and
//! references; table constraints, EXCLUDE included; `PARTITION BY` and `PARTITION OF`),
//! `ALTER TABLE [ONLY] … ADD CONSTRAINT` (primary keys with their names, unique constraints
//! with `NULLS NOT DISTINCT`, `INCLUDE` and deferral, CHECKs with `NOT VALID`, foreign keys
//! with their actions, `MATCH FULL` and deferral), `ALTER TABLE … ALTER COLUMN` (defaults,
//! `NOT NULL`, types, identity, `SET STATISTICS|STORAGE`), `ADD COLUMN`, `ATTACH PARTITION`,
//! `CREATE [UNIQUE] INDEX` (method, parts with collation, operator class and order, `INCLUDE`,
//! `NULLS NOT DISTINCT`, `WITH`, partial `WHERE`), `COMMENT ON TABLE / COLUMN`, and `SET
//! search_path`, which every following unqualified name follows. Every other statement
//! PostgreSQL takes (schemas, extensions, domains, types, sequences, functions, views,
//! triggers, policies, rules, comments on other objects, owners, grants) is kept as written
//! ([`relata_model::KeptObject`], an `S102` info), and the SQL export writes it back in its
//! place; an `ALTER TABLE`, `CREATE INDEX` or `COMMENT` sqlparser cannot read is kept too, with
//! an `S109` warning. Session settings are skipped silently; `DROP … IF EXISTS` (what `pg_dump
//! --clean` writes before the objects exist) and transactions are infos (S103); data is a
//! warning (S102). Nothing is dropped without a diagnostic.
//!
//! Where SQL is silent, the import chooses (as the DBML import, sharing [`ImportOptions`]):
//! - unqualified names are in [`ImportOptions::default_schema`]; unquoted names fold to lower
//!   case, as PostgreSQL folds them;
//! - types and defaults are spelled the registry's way (`varchar(255)`, `timestamptz`), and
//!   names in the default schema lose their qualifier (`public.tenant_plan` is `tenant_plan`);
//! - every table is `draft`, in a module named after its schema; ids derive from names;
//! - a foreign key is a `foreign_key` relationship enforced as `db_fk`, keeping its constraint
//!   name, actions (none written is `no_action`, PostgreSQL's default), match and deferral; it
//!   is required when every child column is `NOT NULL`, `1:1` when the child columns are
//!   unique; its child index is the index on exactly its columns (named) or a key or B-tree
//!   index they lead, and when there is none, `create_child_index` is false, so the exporter
//!   prints back what the text had;
//! - a signal is a `key` when it is in the primary key or a foreign key, else an `attribute`.

pub mod ast;
mod classify;
mod comment_on;
pub mod kept;
mod lower;
mod plain_tokens;
mod spell;
mod split;
mod statements;
mod view;

use relata_model::{Diagnostic, Location, Registry, Severity};
use relata_rules::RuleSet;

pub use crate::import::options::ImportOptions;

use self::ast::Pos;
use crate::codes;

/// Reads SQL `text` into its statements; `path` names the file in diagnostics. Only syntax is
/// checked here (names are resolved by [`import`]).
pub fn parse(text: &str, path: &str) -> (ast::File, Vec<Diagnostic>) {
    let mut report = Reporter { path: path.to_owned(), diagnostics: Vec::new() };
    let file = parse_with(text, &mut report);
    (file, report.finish())
}

/// Imports PostgreSQL DDL `text` as a registry; `path` names the file in diagnostics.
/// Relationship keys come from `rules`. Returns everything that could be read, plus a
/// diagnostic for everything that could not (errors) or that the registries cannot hold
/// (warnings and infos).
///
/// ```
/// # use relata_formats::sql::parse::{import, ImportOptions};
/// let text = "CREATE TABLE users (id uuid PRIMARY KEY);\n\
///             CREATE TABLE orders (id uuid PRIMARY KEY, user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE);\n";
/// let now = relata_model::Timestamp::parse("2026-01-31 09:30:00+00").unwrap();
/// let rules = relata_rules::RuleSet::named("zayaz").unwrap();
/// let (registry, diagnostics) = import(text, "shop.sql", &ImportOptions::new(now), &rules);
/// assert!(diagnostics.is_empty());
/// assert_eq!(registry.tables.len(), 2);
/// assert_eq!(registry.relationships[0].key, "orders__user_id__users");
/// ```
pub fn import(text: &str, path: &str, options: &ImportOptions, rules: &RuleSet) -> (Registry, Vec<Diagnostic>) {
    let mut report = Reporter { path: path.to_owned(), diagnostics: Vec::new() };
    // Each statement is lowered as soon as it is read (the same order, so the same registry
    // and diagnostics as lowering the whole file), and its syntax tree dropped at once.
    let (chunks, unclosed) = split::split(text);
    let mut cx = lower::Lowering::new(options, rules, &mut report, text);
    for chunk in &chunks {
        if let Some(statement) = statements::statement(text, chunk, cx.report()) {
            cx.item(&statement);
        }
    }
    report_unclosed(unclosed, cx.report());
    let registry = cx.finish();
    (registry, report.finish())
}

fn parse_with(text: &str, report: &mut Reporter) -> ast::File {
    let (chunks, unclosed) = split::split(text);
    let mut file = ast::File { statements: Vec::with_capacity(chunks.len()) };
    for chunk in &chunks {
        if let Some(statement) = statements::statement(text, chunk, report) {
            file.statements.push(statement);
        }
    }
    report_unclosed(unclosed, report);
    file
}

/// The error for a comment that never closes outside any statement.
fn report_unclosed(unclosed: Option<split::Unclosed>, report: &mut Reporter) {
    if let Some(unclosed) = unclosed {
        report.error(codes::S101, unclosed.pos, format!("{} that never closes", unclosed.what));
    }
}

/// Collects diagnostics for one file.
pub(crate) struct Reporter {
    path: String,
    diagnostics: Vec<Diagnostic>,
}

impl Reporter {
    /// A diagnostic of `severity` with `code` at `pos`.
    pub fn push_with(&mut self, severity: Severity, code: &'static str, pos: Pos, message: String) {
        let location = Location::file(&self.path, pos.line, pos.column);
        self.diagnostics.push(Diagnostic { code, severity, location, message });
    }

    /// An error with `code` at `pos`.
    pub fn error(&mut self, code: &'static str, pos: Pos, message: impl Into<String>) {
        self.push_with(Severity::Error, code, pos, message.into());
    }

    /// A warning with `code` at `pos`.
    pub fn warning(&mut self, code: &'static str, pos: Pos, message: impl Into<String>) {
        self.push_with(Severity::Warning, code, pos, message.into());
    }

    /// The diagnostics in file order (stable: two at one place keep their order).
    fn finish(mut self) -> Vec<Diagnostic> {
        self.diagnostics.sort_by(|a, b| a.location.cmp(&b.location));
        self.diagnostics
    }
}
