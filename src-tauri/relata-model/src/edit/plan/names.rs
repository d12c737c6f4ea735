//! How an edit's labels and errors name the entries they are about: `table core.orders`,
//! `column core.orders.amount`, `index 2`.

use crate::ids::{RelationshipId, SignalId, TableId, TableRef};
use crate::registry::Registry;
use crate::signal::Signal;
use crate::table::Table;
use crate::vocab::RowType;

/// `core.orders`, or the id of a missing table.
pub(super) fn table_name(registry: &Registry, id: TableId) -> String {
    registry.tables.iter().find(|t| t.id == id).map_or_else(|| format!("table with id {id}"), |t| t.table_ref().to_string())
}

/// `index ix_orders_customer`, or `index 2` for an unnamed one (1-based, as people count).
pub(super) fn index_name(name: Option<&str>, position: usize) -> String {
    name.map_or_else(|| format!("index {}", position + 1), |n| format!("index {n}"))
}

/// `unique constraint uq_orders_no`, or `unique constraint 2` for an unnamed one.
pub(super) fn unique_name(name: Option<&str>, position: usize) -> String {
    name.map_or_else(|| format!("unique constraint {}", position + 1), |n| format!("unique constraint {n}"))
}

pub(super) fn table_by_id(registry: &Registry, id: TableId) -> String {
    match registry.tables.iter().find(|t| t.id == id) {
        Some(t) => format!("table {}", t.table_ref()),
        None => format!("table with id {id}"),
    }
}

pub(super) fn signal_by_id(registry: &Registry, id: SignalId) -> String {
    match registry.signals.iter().find(|s| s.id == id) {
        Some(s) => signal_entry(s),
        None => format!("signal with id {id}"),
    }
}

pub(super) fn relationship_by_id(registry: &Registry, id: RelationshipId) -> String {
    match registry.relationships.iter().find(|r| r.id == id) {
        Some(r) => format!("relationship {}", r.key),
        None => format!("relationship with id {id}"),
    }
}

pub(super) fn describe_table(table: &Table) -> String {
    if table.name.is_empty() || table.schema.is_empty() {
        format!("table with id {}", table.id)
    } else {
        format!("table {}", table.table_ref())
    }
}

/// How messages name a signal: `column core.orders.amount`, `concept revenue`.
pub(super) fn signal_entry(signal: &Signal) -> String {
    match (&signal.table, signal.row_type) {
        (Some(table), RowType::Binding) => format!("column {table}.{}", signal.column),
        (Some(table), RowType::Concept) => format!("concept {table}.{}", signal.column),
        (None, RowType::Binding) => format!("signal {}", signal.column),
        (None, RowType::Concept) => format!("concept {}", signal.column),
    }
}

/// How messages name a signal key that may not exist.
pub(super) fn key_entry(table: Option<&TableRef>, column: &str) -> String {
    match table {
        Some(table) => format!("column {table}.{column}"),
        None => format!("concept {column}"),
    }
}

pub(super) fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}
