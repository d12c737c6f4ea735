//! `table_overview` entries: the catalogue of tables, plus what diagrams and DDL need.

use serde::{Deserialize, Serialize};

use crate::ids::{TableId, TableRef};
use crate::time::Timestamp;
use crate::vocab::{IndexMethod, TableStatus};

/// One `table_overview` row, validated, with Relata's own extras (keys, indexes, colour).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Table {
    /// `table_id`.
    pub id: TableId,
    /// `table_name`.
    pub name: String,
    /// `table_prefix` as registered (e.g. `ref_`); the rules compare it with the name.
    pub prefix: Option<String>,
    /// `schema_name`.
    pub schema: String,
    /// `module_name`: the owning module, which is also the table's diagram group.
    pub module: String,
    /// `status`.
    pub status: TableStatus,
    /// `purpose`.
    pub purpose: Option<String>,
    /// `primary_key_columns`, in key order; empty when the table has no primary key.
    pub primary_key: Vec<String>,
    /// `db_engine`, e.g. `aurora_postgres`.
    pub db_engine: String,
    /// `db_name`: logical database or cluster.
    pub db_name: Option<String>,
    /// `owner_team`.
    pub owner_team: Option<String>,
    /// `notes`.
    pub notes: Option<String>,
    /// `created_at`.
    pub created_at: Timestamp,
    /// `updated_at`.
    pub updated_at: Timestamp,
    /// Relata-only: unique constraints besides the primary key.
    pub unique_constraints: Vec<UniqueConstraint>,
    /// Relata-only: indexes.
    pub indexes: Vec<Index>,
    /// Relata-only: header colour overriding the group colour, `#rrggbb`.
    pub color: Option<String>,
}

impl Table {
    /// The table's schema-qualified name.
    pub fn table_ref(&self) -> TableRef {
        TableRef::new(&self.schema, &self.name)
    }

    /// The prefix the name carries among `known` prefixes (each ending in `_`), longest first.
    pub fn derived_prefix<'a>(&self, known: &'a [String]) -> Option<&'a str> {
        known
            .iter()
            .filter(|p| self.name.starts_with(p.as_str()) && self.name.len() > p.len())
            .max_by_key(|p| p.len())
            .map(String::as_str)
    }
}

/// A UNIQUE constraint on ordered columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct UniqueConstraint {
    /// Constraint name; generated when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Ordered columns.
    pub columns: Vec<String>,
}

/// One part of an index key: a column or an expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum IndexPart {
    /// A plain column.
    Column(String),
    /// An SQL expression, e.g. `lower(email)`.
    Expression(String),
}

/// An index on a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Index {
    /// Index name; generated when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Key parts in order.
    pub parts: Vec<IndexPart>,
    /// Access method.
    #[serde(default = "default_method")]
    pub method: IndexMethod,
    /// UNIQUE index.
    #[serde(default)]
    pub unique: bool,
    /// Partial index predicate (the text after `WHERE`).
    #[serde(default, rename = "where", skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn default_method() -> IndexMethod {
    IndexMethod::Btree
}

impl Index {
    /// The plain columns of the key, skipping expressions.
    pub fn columns(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            IndexPart::Column(c) => Some(c.as_str()),
            IndexPart::Expression(_) => None,
        })
    }
}
