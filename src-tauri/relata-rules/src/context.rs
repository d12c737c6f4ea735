//! What every check needs: the registry indexed by table, the rule set, and the diagnostics
//! found so far, each given its severity from the rule set.

use std::collections::BTreeMap;

use relata_model::{Diagnostic, Location, Registry, RegistryKind, Relationship, RowType, Signal, Table, TableRef};

use crate::ruleset::RuleSet;

pub(crate) struct Context<'a> {
    pub registry: &'a Registry,
    pub rules: &'a RuleSet,
    /// The first `table_overview` row of each schema-qualified name.
    pub tables: BTreeMap<TableRef, &'a Table>,
    /// The binding columns of each table by name (the first row of a duplicated column).
    pub columns: BTreeMap<TableRef, BTreeMap<&'a str, &'a Signal>>,
    found: Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    pub fn new(registry: &'a Registry, rules: &'a RuleSet) -> Self {
        let mut tables = BTreeMap::new();
        for t in &registry.tables {
            tables.entry(t.table_ref()).or_insert(t);
        }
        let mut columns: BTreeMap<TableRef, BTreeMap<&str, &Signal>> = BTreeMap::new();
        for s in &registry.signals {
            if let (RowType::Binding, Some(table)) = (s.row_type, &s.table) {
                columns.entry(table.clone()).or_default().entry(s.column.as_str()).or_insert(s);
            }
        }
        Self { registry, rules, tables, columns, found: Vec::new() }
    }

    /// Whether `table` is a view: read-only, its columns and types are its query's, and it has
    /// no keys of its own, so the rules about a table's structure leave it alone.
    pub fn is_view(&self, table: &TableRef) -> bool {
        self.tables.get(table).is_some_and(|t| t.is_view())
    }

    /// Records a finding of `code` at an entry, with the rule set's severity; does nothing
    /// when the check is off.
    pub fn report(
        &mut self,
        code: &'static str,
        registry: RegistryKind,
        key: &str,
        field: Option<&str>,
        message: String,
    ) {
        if let Some(severity) = self.rules.severity(code) {
            self.found.push(Diagnostic { code, severity, location: Location::entry(registry, key, field), message });
        }
    }

    /// The registered columns of `table` (empty when it has none).
    pub fn columns_of(&self, table: &TableRef) -> Option<&BTreeMap<&'a str, &'a Signal>> {
        self.columns.get(table).filter(|c| !c.is_empty())
    }

    /// The column `name` of `table`, if registered.
    pub fn column(&self, table: &TableRef, name: &str) -> Option<&'a Signal> {
        self.columns.get(table).and_then(|c| c.get(name)).copied()
    }

    pub fn finish(mut self) -> Vec<Diagnostic> {
        self.found.sort_by(|a, b| {
            (&a.location, a.code, &a.message, a.severity).cmp(&(&b.location, b.code, &b.message, b.severity))
        });
        self.found.dedup();
        self.found
    }
}

/// A table's entry key: `schema.table`.
pub fn table_key(table: &TableRef) -> String {
    table.to_string()
}

/// A signal's entry key: `schema.table.column`, or `concept:name` for a table-less concept.
pub fn signal_key(signal: &Signal) -> String {
    match &signal.table {
        Some(t) => format!("{t}.{}", signal.column),
        None => format!("concept:{}", signal.column),
    }
}

/// A relationship's entry key: its `relationship_key`, or its id when the key is empty.
pub fn relationship_key(r: &Relationship) -> String {
    if r.key.is_empty() {
        r.id.to_string()
    } else {
        r.key.clone()
    }
}

/// A module's entry key in Relata's own data: `module:name`.
pub(crate) fn module_key(name: &str) -> String {
    format!("module:{name}")
}

/// `a, b, c` with each item in backticks.
pub(crate) fn list<S: AsRef<str>>(items: &[S]) -> String {
    items.iter().map(|i| format!("`{}`", i.as_ref())).collect::<Vec<_>>().join(", ")
}
