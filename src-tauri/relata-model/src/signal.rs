//! `signal_registry` entries: one row per column ("signal"), or per canonical concept.

use serde::{Deserialize, Serialize};

use crate::ids::{SignalId, TableRef};
use crate::time::Timestamp;
use crate::vocab::{ConnectionType, RowType, SignalRole};

/// One `signal_registry` row, validated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Signal {
    /// `signal_id`.
    pub id: SignalId,
    /// `schema_name` + `table_name`; `None` only for a concept defined outside any table.
    pub table: Option<TableRef>,
    /// `column_name` (for a concept: the concept's name).
    pub column: String,
    /// `ordinal_position`, 1-based order of the column in its table.
    pub ordinal: Option<u32>,
    /// `data_type` as PostgreSQL spells it, e.g. `varchar(255)` or a user enum's name.
    pub data_type: String,
    /// `is_nullable`.
    pub nullable: bool,
    /// `column_default`: an SQL expression, e.g. `now()` or `'free'`.
    pub default: Option<String>,
    /// `signal_role`.
    pub role: SignalRole,
    /// `row_type`.
    pub row_type: RowType,
    /// `concept_name`: for a binding, the concept it stores.
    pub concept: Option<String>,
    /// `connection_type`.
    pub connection: ConnectionType,
    /// `semantic_description`.
    pub description: Option<String>,
    /// `created_at`.
    pub created_at: Timestamp,
    /// `updated_at`.
    pub updated_at: Timestamp,
}

impl Signal {
    /// A column of `table` (a binding) at 1-based `ordinal`, with the registry's defaults for
    /// the rest: nullable, no default, role attribute, no concept, read-write, no description.
    /// Importers and generators set what their source says on top.
    pub fn column(
        id: SignalId,
        table: TableRef,
        column: impl Into<String>,
        ordinal: u32,
        data_type: impl Into<String>,
        now: Timestamp,
    ) -> Self {
        Self {
            id,
            table: Some(table),
            column: column.into(),
            ordinal: Some(ordinal),
            data_type: data_type.into(),
            nullable: true,
            default: None,
            role: SignalRole::Attribute,
            row_type: RowType::Binding,
            concept: None,
            connection: ConnectionType::ReadWrite,
            description: None,
            created_at: now.clone(),
            updated_at: now,
        }
    }

    /// Whether this row describes a physical column of `table`.
    pub fn is_column_of(&self, table: &TableRef) -> bool {
        self.row_type == RowType::Binding && self.table.as_ref() == Some(table)
    }
}
