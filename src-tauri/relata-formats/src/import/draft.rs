//! Drafts every importer builds before the model: columns read from a format, lowered into
//! binding signals once the tables and relationships are known.

use rustc_hash::FxHashSet;

use relata_model::{ColumnSpec, Relationship, Signal, SignalRole, Table, Timestamp};

use relata_model::derived_ids as ids;

/// A column being built (by the DBML importer, and the SQL one, which reads keys per table
/// and leaves `pk` and `unique` false).
#[derive(Debug, Clone)]
pub(crate) struct ColumnDraft {
    pub name: String,
    pub data_type: String,
    pub nullable: bool,
    pub default: Option<String>,
    pub description: Option<String>,
    /// `[pk]` on the column (DBML).
    pub pk: bool,
    /// `[unique]` on the column (DBML).
    pub unique: bool,
    /// Identity, generation, collation and storage (SQL).
    pub spec: ColumnSpec,
    /// `[check: `…`]` on the column (DBML): its CHECK expressions, which become the table's.
    pub checks: Vec<String>,
}

impl ColumnDraft {
    /// Column `name` of type `data_type`, nullable, with nothing else said of it yet.
    pub fn new(name: String, data_type: String) -> Self {
        Self {
            name,
            data_type,
            nullable: true,
            default: None,
            description: None,
            pk: false,
            unique: false,
            spec: ColumnSpec::default(),
            checks: Vec::new(),
        }
    }
}

/// The binding signals of imported tables, in table and column order, ids from names: a
/// column of the primary key or of a relationship's child side is a key. Shared by the DBML
/// and SQL importers, which draft columns alike. `columns[n]` are the columns of `tables[n]`;
/// they are consumed, so names, types, defaults and descriptions move into the signals
/// rather than being copied.
pub(crate) fn binding_signals(
    tables: &[Table],
    columns: Vec<Vec<ColumnDraft>>,
    relationships: &[Relationship],
    now: &Timestamp,
) -> Vec<Signal> {
    // By (schema, table, column), borrowed: asked once per column of every table.
    let fk_columns: FxHashSet<(&str, &str, &str)> = relationships
        .iter()
        .flat_map(|r| r.child.columns.iter().map(|c| (r.child.schema.as_str(), r.child.table.as_str(), c.as_str())))
        .collect();
    let mut signals = Vec::with_capacity(columns.iter().map(Vec::len).sum());
    for (table, columns) in tables.iter().zip(columns) {
        let table_ref = table.table_ref();
        for (n, column) in columns.into_iter().enumerate() {
            let key = table.primary_key.contains(&column.name)
                || fk_columns.contains(&(table.schema.as_str(), table.name.as_str(), column.name.as_str()));
            let id = ids::signal(&table.schema, &table.name, &column.name);
            signals.push(Signal {
                nullable: column.nullable,
                default: column.default,
                role: if key { SignalRole::Key } else { SignalRole::Attribute },
                description: column.description,
                spec: column.spec,
                ..Signal::column(id, table_ref.clone(), column.name, n as u32 + 1, column.data_type, now.clone())
            });
        }
    }
    signals
}
