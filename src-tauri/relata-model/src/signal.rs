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
    /// Relata-only: what PostgreSQL knows of the column besides its type, nullability and
    /// default (identity, generation, collation, storage).
    #[serde(default, skip_serializing_if = "ColumnSpec::is_plain")]
    #[cfg_attr(test, ts(as = "Option<ColumnSpec>", optional))]
    pub spec: ColumnSpec,
}

/// Relata-only facts of a physical column that the signal registry has no column for.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ColumnSpec {
    /// `GENERATED ALWAYS|BY DEFAULT AS IDENTITY [(options)]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    /// `GENERATED ALWAYS AS (expression) STORED`: the expression.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<String>,
    /// `COLLATE name`, as written (`"C"`, `"de-x-icu"`, `public.nocase`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    /// `SET STORAGE plain|external|extended|main`, where it differs from the type's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<String>,
    /// `SET STATISTICS n`, where set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statistics: Option<i32>,
}

impl ColumnSpec {
    /// Whether nothing is set: a column that is its type, nullability and default.
    pub fn is_plain(&self) -> bool {
        *self == Self::default()
    }
}

/// An identity column's kind and sequence options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Identity {
    /// `ALWAYS` (true) or `BY DEFAULT` (false).
    pub always: bool,
    /// The sequence options inside the parentheses, as written (`START WITH 100 INCREMENT BY
    /// 10`); `None` when there are none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<String>,
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
            spec: ColumnSpec::default(),
        }
    }

    /// Whether this row describes a physical column of `table`.
    pub fn is_column_of(&self, table: &TableRef) -> bool {
        self.row_type == RowType::Binding && self.table.as_ref() == Some(table)
    }
}
