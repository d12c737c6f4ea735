//! The whole workspace content: the three registries plus Relata's own data.

use serde::{Deserialize, Serialize};

use crate::dbml::DbmlExtras;
use crate::ids::TableRef;
use crate::kept::KeptObject;
use crate::mermaid::MermaidExtras;
use crate::relationship::Relationship;
use crate::signal::Signal;
use crate::table::Table;

/// A module: the owner of tables and relationships, drawn as a table group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Module {
    /// The `module_name` tables and relationships use.
    pub name: String,
    /// Group frame colour, `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// Free text shown with the group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A module no source declared: the registry DDL needs a `module_name` on every table, so
    /// an importer names one (after the schema) for tables the source put in no group. No
    /// export writes it as a group (a DBML `TableGroup`), and the diagram draws its tables
    /// without a group frame.
    #[serde(default, skip_serializing_if = "is_false")]
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub implicit: bool,
}

impl Module {
    /// A module the user declared, with no colour and no note.
    pub fn named(name: impl Into<String>) -> Self {
        Self { name: name.into(), color: None, note: None, implicit: false }
    }
}

/// Whether `value` is `false` (serde's test for leaving a flag out).
fn is_false(value: &bool) -> bool {
    !*value
}

/// A user-defined enum type (`CREATE TYPE … AS ENUM`) that columns may use as `data_type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct EnumType {
    /// Schema of the type.
    pub schema: String,
    /// Type name.
    pub name: String,
    /// Values in declaration order.
    pub values: Vec<EnumValue>,
}

/// One value of an [`EnumType`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct EnumValue {
    /// The label.
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A table the user placed by hand; layout keeps it there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pin {
    /// The pinned table.
    #[serde(flatten)]
    pub table: TableRef,
    /// Left edge in diagram units.
    pub x: f64,
    /// Top edge in diagram units.
    pub y: f64,
}

/// Everything a workspace holds. Row order is kept as loaded, so saves are stable.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Registry {
    /// `table_overview` rows.
    pub tables: Vec<Table>,
    /// `signal_registry` rows.
    pub signals: Vec<Signal>,
    /// `relationship_registry` rows.
    pub relationships: Vec<Relationship>,
    /// Modules with their colours and notes.
    pub modules: Vec<Module>,
    /// User-defined enum types.
    pub enums: Vec<EnumType>,
    /// Hand-placed tables.
    pub pins: Vec<Pin>,
    /// Statements of the source schema Relata keeps verbatim, in source order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<KeptObject>,
    /// What a DBML source said that the registries have no place for, kept for the DBML export.
    #[serde(default, skip_serializing_if = "DbmlExtras::is_empty")]
    pub dbml: DbmlExtras,
    /// What a Mermaid erDiagram said that the registries have no column for.
    #[serde(default, skip_serializing_if = "MermaidExtras::is_empty")]
    pub mermaid: MermaidExtras,
}

impl Registry {
    /// The table with this schema-qualified name.
    pub fn table(&self, table: &TableRef) -> Option<&Table> {
        self.tables.iter().find(|t| t.schema == table.schema && t.name == table.table)
    }

    /// The column signals of `table`, in ordinal order.
    pub fn columns_of(&self, table: &TableRef) -> Vec<&Signal> {
        let mut columns: Vec<&Signal> = self.signals.iter().filter(|s| s.is_column_of(table)).collect();
        columns.sort_by_key(|s| s.ordinal.unwrap_or(u32::MAX));
        columns
    }

    /// The column signals of every table, each list in ordinal order, in one pass over the
    /// signals: what to use instead of [`Self::columns_of`] in a loop over many tables.
    pub fn columns_by_table(&self) -> std::collections::HashMap<&TableRef, Vec<&Signal>> {
        let mut map: std::collections::HashMap<&TableRef, Vec<&Signal>> = std::collections::HashMap::new();
        for s in &self.signals {
            if let (Some(table), crate::RowType::Binding) = (s.table.as_ref(), s.row_type) {
                map.entry(table).or_default().push(s);
            }
        }
        for columns in map.values_mut() {
            columns.sort_by_key(|s| s.ordinal.unwrap_or(u32::MAX));
        }
        map
    }

    /// The module named `name`.
    pub fn module(&self, name: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.name == name)
    }

    /// Module names in first-use order: declared modules, then any only tables use.
    pub fn module_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.modules.iter().map(|m| m.name.as_str()).collect();
        for t in &self.tables {
            if !names.contains(&t.module.as_str()) {
                names.push(&t.module);
            }
        }
        names
    }
}
