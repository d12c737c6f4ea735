//! The lowering's shared state ([`Lowering`]: tables being built, names to look up, what goes
//! to the DBML extras) and the diagnostics every lowering step reports, in a module of their
//! own so the table lowering (`lower`) and the ref lowering (`refs`) both use them without
//! importing each other.

use rustc_hash::FxHashMap;

use relata_model::dbml::{DbmlExtras, DbmlTable};
use relata_model::{Table, TableRef};
use relata_rules::RuleSet;

use super::ast::{Pos, QualifiedName, Setting, Value};
use super::{ImportOptions, Reporter};
use crate::codes;
use crate::import::draft::ColumnDraft;

/// A table being built, with its columns and where things were written.
pub(crate) struct TableDraft {
    pub table: Table,
    pub columns: Vec<ColumnDraft>,
    pub pos: Pos,
}

/// What lowering shares between its steps. Names borrow from the syntax tree (`'a`), so
/// looking a table up allocates nothing.
pub(crate) struct Lowering<'a> {
    pub options: &'a ImportOptions,
    pub rules: &'a RuleSet,
    pub report: &'a mut Reporter,
    pub db_engine: String,
    pub db_name: Option<String>,
    pub tables: Vec<TableDraft>,
    /// The rule set's known prefixes, collected once rather than per table.
    pub known_prefixes: Vec<String>,
    /// Every table by (schema, name).
    pub by_name: FxHashMap<(&'a str, &'a str), usize>,
    /// Every table by its alias.
    pub aliases: FxHashMap<&'a str, usize>,
    /// The values of every enum by (schema, name), for defaults naming one (`status.active`).
    pub enum_values: FxHashMap<(&'a str, &'a str), Vec<&'a str>>,
    /// What the file says that the registries have no place for, kept for the export.
    pub dbml: DbmlExtras,
}

impl Lowering<'_> {
    /// The table `name` stands for (an alias, or a name in the default schema when written
    /// without one), or a D108 error.
    pub fn resolve(&mut self, name: &QualifiedName) -> Option<usize> {
        let found = match &name.schema {
            Some(schema) => self.by_name.get(&(&*schema.text, &*name.name.text)).copied(),
            None => self
                .aliases
                .get(&*name.name.text)
                .or_else(|| self.by_name.get(&(self.options.default_schema.as_str(), &*name.name.text)))
                .copied(),
        };
        if found.is_none() {
            self.report.error(codes::D108, name.pos(), format!("no table `{name}` is defined"));
        }
        found
    }

    /// The DBML-only entry of `table`, made when first asked for.
    pub fn dbml_table(&mut self, table: TableRef) -> &mut DbmlTable {
        let at = match self.dbml.tables.iter().position(|t| t.table == table) {
            Some(at) => at,
            None => {
                self.dbml.tables.push(DbmlTable::new(table));
                self.dbml.tables.len() - 1
            }
        };
        &mut self.dbml.tables[at]
    }
}

/// Reports D105: `setting` has `value` where `wanted` was needed.
pub(crate) fn bad_value(cx: &mut Lowering<'_>, setting: &Setting, value: Option<&Value>, wanted: &str) {
    let message = match value {
        Some(v) => format!("`{}: {}` is not valid: `{}` takes {wanted}", setting.name, v.describe(), setting.name),
        None => format!("`{}` needs a value: {wanted}", setting.name),
    };
    cx.report.error(codes::D105, setting.pos, message);
}

/// Reports D104: `setting` is not one `what` takes.
pub(crate) fn unknown_setting(cx: &mut Lowering<'_>, setting: &Setting, what: &str, known: &str) {
    cx.report.error(codes::D104, setting.pos, format!("unknown {what} setting `{}`; {what}s take {known}", setting.name));
}
