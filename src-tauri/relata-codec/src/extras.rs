//! Relata's own data about columns, as both `relata.json` and the shared database's
//! `relata_extras` rows hold it: a column's `ColumnSpec` under the column's name.

use std::collections::HashMap;

use relata_model::{ColumnSpec, Identity, Registry, TableRef};
use serde::{Deserialize, Serialize};

/// The Relata-only part of one column: its name and the fields of its `ColumnSpec`, spelled
/// out (serde cannot deny unknown fields through a flattened struct, and a misspelt key, or one
/// a newer Relata wrote, must be an error, not a silent loss).
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnExtras {
    /// The column's name.
    pub column: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    identity: Option<Identity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    generated: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    collation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    storage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    statistics: Option<i32>,
}

impl ColumnExtras {
    /// Column `column` with `spec`.
    pub fn new(column: &str, spec: &ColumnSpec) -> Self {
        let ColumnSpec { identity, generated, collation, storage, statistics } = spec.clone();
        Self { column: column.to_owned(), identity, generated, collation, storage, statistics }
    }

    /// The column's spec.
    pub fn spec(self) -> ColumnSpec {
        let Self { column: _, identity, generated, collation, storage, statistics } = self;
        ColumnSpec { identity, generated, collation, storage, statistics }
    }

    /// The extras of every column with a spec, by table, in signal order.
    pub fn by_table(registry: &Registry) -> HashMap<&TableRef, Vec<ColumnExtras>> {
        let mut columns: HashMap<&TableRef, Vec<ColumnExtras>> = HashMap::new();
        for signal in &registry.signals {
            if let (Some(table), false) = (signal.table.as_ref(), signal.spec.is_plain()) {
                columns.entry(table).or_default().push(ColumnExtras::new(&signal.column, &signal.spec));
            }
        }
        columns
    }
}
