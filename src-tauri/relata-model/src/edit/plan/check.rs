//! The checks an edit makes of the entries it puts: what the loader would refuse in a row of
//! `table_overview`, `signal_registry` or `relationship_registry`.

use crate::edit::error::EditErrorKind;
use crate::relationship::{Relationship, RelationshipEnd};
use crate::signal::Signal;
use crate::table::Table;
use crate::vocab::{LineageKind, RowType};

use super::names::{describe_table, signal_entry};
use super::Result;

/// The table's own checks: what the loader would refuse in a `table_overview` row.
pub(super) fn check_table(table: &Table) -> Result<()> {
    let entry = || describe_table(table);
    required(entry, "table_name", &table.name)?;
    required(entry, "schema_name", &table.schema)?;
    required(entry, "module_name", &table.module)?;
    required(entry, "db_engine", &table.db_engine)?;
    for (field, value) in [
        ("table_prefix", &table.prefix),
        ("purpose", &table.purpose),
        ("db_name", &table.db_name),
        ("owner_team", &table.owner_team),
        ("notes", &table.notes),
        ("color", &table.color),
    ] {
        optional(entry, field, value.as_deref())?;
    }
    if let Some(prefix) = &table.prefix {
        // to_prefix_format_chk: `^[a-z][a-z0-9]*_$`.
        let body = prefix.strip_suffix('_').unwrap_or("");
        let ok = body.starts_with(|c: char| c.is_ascii_lowercase()) && body.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        if !ok {
            return Err(EditErrorKind::InvalidValue {
                entry: entry(),
                field: "table_prefix",
                reason: format!("must be lower-case letters and digits ending in `_`, like `ref_`, not `{prefix}`"),
            });
        }
    }
    Ok(())
}

/// The signal's own checks: what the loader would refuse in a `signal_registry` row.
pub(super) fn check_signal(signal: &Signal) -> Result<()> {
    let entry = || if signal.column.is_empty() { format!("signal with id {}", signal.id) } else { signal_entry(signal) };
    required(entry, "column_name", &signal.column)?;
    required(entry, "data_type", &signal.data_type)?;
    if let Some(table) = &signal.table {
        required(entry, "schema_name", &table.schema)?;
        required(entry, "table_name", &table.table)?;
    }
    optional(entry, "column_default", signal.default.as_deref())?;
    optional(entry, "concept_name", signal.concept.as_deref())?;
    optional(entry, "semantic_description", signal.description.as_deref())?;
    let invalid = |field, reason: &str| Err(EditErrorKind::InvalidValue { entry: entry(), field, reason: reason.into() });
    if signal.ordinal == Some(0) {
        return invalid("ordinal_position", "must be 1 or more");
    }
    if signal.row_type == RowType::Binding {
        if signal.table.is_none() {
            return invalid("table_name", "is required: a binding is a column of a table (sr_binding_location_chk)");
        }
        if signal.ordinal.is_none() {
            return invalid("ordinal_position", "is required: a binding is a column of a table (sr_binding_location_chk)");
        }
    } else if signal.concept.is_some() {
        return invalid("concept_name", "must be unset on a concept row; only a binding names a concept (sr_concept_ref_chk)");
    }
    Ok(())
}

/// The relationship's own checks: what the loader would refuse in a `relationship_registry` row.
pub(super) fn check_relationship(relationship: &Relationship) -> Result<()> {
    let entry = || if relationship.key.is_empty() { format!("relationship with id {}", relationship.id) } else { format!("relationship {}", relationship.key) };
    required(entry, "relationship_key", &relationship.key)?;
    required(entry, "module_name", &relationship.module)?;
    check_end(&relationship.child, ["child_db_engine", "child_schema", "child_table", "child_db_name"], entry)?;
    check_end(&relationship.parent, ["parent_db_engine", "parent_schema", "parent_table", "parent_db_name"], entry)?;
    for (field, value) in [
        ("constraint_name", &relationship.constraint_name),
        ("change_reason", &relationship.change_reason),
        ("owner_team", &relationship.owner_team),
        ("created_by", &relationship.created_by),
        ("approved_by", &relationship.approved_by),
        ("child_index_name", &relationship.child_index_name),
        ("tenant_scope_column", &relationship.tenant_scope_column),
        ("notes", &relationship.notes),
    ] {
        optional(entry, field, value.as_deref())?;
    }
    if relationship.generator_flags.contains_key(LineageKind::FLAG) {
        return Err(EditErrorKind::InvalidValue {
            entry: entry(),
            field: "generator_flags",
            reason: format!("must not hold `{}`; the lineage field carries it", LineageKind::FLAG),
        });
    }
    Ok(())
}

pub(super) fn check_end(end: &RelationshipEnd, [engine, schema, table, db_name]: [&'static str; 4], entry: impl Fn() -> String) -> Result<()> {
    required(&entry, engine, &end.db_engine)?;
    required(&entry, schema, &end.schema)?;
    required(&entry, table, &end.table)?;
    optional(&entry, db_name, end.db_name.as_deref())
}

/// A NOT NULL text (or a key) must not be empty.
pub(super) fn required(entry: impl Fn() -> String, field: &'static str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(EditErrorKind::Required { entry: entry(), field });
    }
    Ok(())
}

/// An optional text is unset or non-empty: the stores write "not set" and "" the same way.
pub(super) fn optional(entry: impl Fn() -> String, field: &'static str, value: Option<&str>) -> Result<()> {
    if value == Some("") {
        return Err(EditErrorKind::EmptyText { entry: entry(), field });
    }
    Ok(())
}
