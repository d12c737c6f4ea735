//! Copy and paste of tables as the window receives them: `relata_workspace::copy`'s clipboard
//! content (the Relata payload and the DBML text) and `relata_workspace::paste`'s edit with what
//! it did, names as `schema.table` text.

use relata_model::edit::Edit;
use serde::Serialize;

/// What the window puts on the system clipboard for a copy of tables.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TablesCopy {
    /// The Relata payload (JSON), under the clipboard's Relata type.
    pub payload: String,
    /// The tables as DBML, the clipboard's plain text.
    pub dbml: String,
    /// How many tables were copied.
    pub tables: usize,
    /// How many relationships among them came along.
    pub relationships: usize,
    /// How many relationships to tables not copied were left behind.
    pub left_behind: usize,
}

impl From<relata_workspace::ClipboardCopy> for TablesCopy {
    fn from(c: relata_workspace::ClipboardCopy) -> Self {
        Self { payload: c.payload, dbml: c.dbml, tables: c.tables, relationships: c.relationships, left_behind: c.left_behind }
    }
}

/// A paste: the one edit the window applies, and what it does.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TablesPaste {
    /// One batch: modules missing, tables, columns, relationships, pins.
    #[cfg_attr(test, ts(type = "Edit"))]
    pub edit: Edit,
    /// The new tables, `schema.table`, in the copy's order.
    pub tables: Vec<String>,
    /// The tables renamed on a clash: `[copied, pasted]`, each `schema.table`.
    pub renamed: Vec<(String, String)>,
    /// How many relationships came along.
    pub relationships: usize,
    /// How many relationships to tables not copied the copy left behind.
    pub left_behind: usize,
}

impl From<relata_workspace::Paste> for TablesPaste {
    fn from(p: relata_workspace::Paste) -> Self {
        Self {
            edit: p.edit,
            tables: p.tables.iter().map(ToString::to_string).collect(),
            renamed: p.renamed.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect(),
            relationships: p.relationships,
            left_behind: p.left_behind,
        }
    }
}
