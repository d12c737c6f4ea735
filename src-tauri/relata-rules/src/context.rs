//! What every check needs: the registry indexed by table, the rule set, and the diagnostics
//! found so far, each given its severity from the rule set.

use std::collections::BTreeMap;

use relata_model::{Diagnostic, Location, Named, Registry, RegistryKind, RowType, Signal, Table, TableRef};

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

    /// Records a finding of `code` at `entry` (of `registry`), with the rule set's severity;
    /// does nothing when the check is off.
    pub fn report(
        &mut self,
        code: &'static str,
        registry: RegistryKind,
        entry: &Named,
        field: Option<&str>,
        message: String,
    ) {
        if let Some(severity) = self.rules.severity(code) {
            self.found.push(Diagnostic { code, severity, location: Location::entry(registry, entry, field), message });
        }
    }

    /// A table by name: its registered entry (the first row of the name), or the name alone
    /// when no table has it.
    pub fn table_entry(&self, table: &TableRef) -> Named {
        match self.tables.get(table) {
            Some(t) => Named::table(t.id, table),
            None => Named::unregistered_table(table),
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

    /// The findings sorted by place, code and message. Findings that read the same (the same
    /// code and message at the same label and field) are one: the rows of a duplicated name
    /// would repeat each finding word for word, so only the first row's is kept (the sort is
    /// stable and the checks run in registry order).
    pub fn finish(mut self) -> Vec<Diagnostic> {
        self.found.sort_by(|a, b| {
            (place(&a.location), a.code, &a.message, a.severity).cmp(&(place(&b.location), b.code, &b.message, b.severity))
        });
        self.found.dedup_by(|a, b| {
            place(&a.location) == place(&b.location) && a.code == b.code && a.message == b.message && a.severity == b.severity
        });
        self.found
    }
}


/// Where a finding reads as being, for sorting: a registry entry by its label and field (not
/// its id), anything else whole.
fn place(location: &Location) -> (Option<(RegistryKind, &str, Option<&str>)>, Option<&Location>) {
    match location {
        Location::Entry { registry, label, field, .. } => (Some((*registry, label.as_str(), field.as_deref())), None),
        other => (None, Some(other)),
    }
}

/// `a, b, c` with each item in backticks.
pub(crate) fn list<S: AsRef<str>>(items: &[S]) -> String {
    items.iter().map(|i| format!("`{}`", i.as_ref())).collect::<Vec<_>>().join(", ")
}
