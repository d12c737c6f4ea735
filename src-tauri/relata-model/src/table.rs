//! `table_overview` entries: the catalogue of tables, plus what diagrams and DDL need.

use serde::{Deserialize, Serialize};

use crate::ids::{TableId, TableRef};
use crate::time::Timestamp;
use crate::vocab::{IndexMethod, TableStatus, Vocabulary};

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
    /// Relata-only: the primary key constraint's name; `None` is PostgreSQL's own
    /// `{table}_pkey`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_key_name: Option<String>,
    /// Relata-only: CHECK constraints, in declaration order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(as = "Option<Vec<CheckConstraint>>", optional))]
    pub checks: Vec<CheckConstraint>,
    /// Relata-only: EXCLUDE constraints, in declaration order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(as = "Option<Vec<ExclusionConstraint>>", optional))]
    pub exclusions: Vec<ExclusionConstraint>,
    /// Relata-only: how the table is partitioned (`PARTITION BY …`), when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_by: Option<PartitionKey>,
    /// Relata-only: the partitioned table this table is a partition of, with its bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_of: Option<PartitionOf>,
    /// Relata-only: this "table" is a view or a materialized view: read-only, its columns are
    /// those of its query, and the SQL export writes its statement back as the source had it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<ViewDefinition>,
}

impl Table {
    /// Whether this is a view or a materialized view rather than a table.
    pub fn is_view(&self) -> bool {
        self.view.is_some()
    }

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
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct UniqueConstraint {
    /// Constraint name; generated when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Ordered columns.
    pub columns: Vec<String>,
    /// `NULLS NOT DISTINCT`: two NULLs count as equal (PostgreSQL 15).
    #[serde(default, skip_serializing_if = "is_false")]
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub nulls_not_distinct: bool,
    /// `INCLUDE (…)`: non-key columns stored in the constraint's index.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(as = "Option<Vec<String>>", optional))]
    pub include: Vec<String>,
    /// `DEFERRABLE` and, when deferrable, whether `INITIALLY DEFERRED`.
    #[serde(default, skip_serializing_if = "Deferral::is_immediate")]
    #[cfg_attr(test, ts(as = "Option<Deferral>", optional))]
    pub deferral: Deferral,
}

impl UniqueConstraint {
    /// A plain UNIQUE constraint on `columns`, named `name` or generated.
    pub fn new(name: Option<String>, columns: Vec<String>) -> Self {
        Self { name, columns, ..Self::default() }
    }
}

/// When a constraint is checked: `NOT DEFERRABLE` (the default), `DEFERRABLE [INITIALLY
/// IMMEDIATE]` or `DEFERRABLE INITIALLY DEFERRED`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Deferral {
    /// Checked after every statement, and cannot be deferred.
    #[default]
    Immediate,
    /// `DEFERRABLE INITIALLY IMMEDIATE`: may be deferred by `SET CONSTRAINTS`.
    Deferrable,
    /// `DEFERRABLE INITIALLY DEFERRED`: checked at commit.
    Deferred,
}

impl Deferral {
    /// Whether this is the default, `NOT DEFERRABLE`.
    pub fn is_immediate(&self) -> bool {
        *self == Self::Immediate
    }

    /// The clause PostgreSQL writes after the constraint, empty for the default.
    pub fn sql(self) -> &'static str {
        match self {
            Self::Immediate => "",
            Self::Deferrable => " DEFERRABLE",
            Self::Deferred => " DEFERRABLE INITIALLY DEFERRED",
        }
    }
}

/// A CHECK constraint: a boolean expression every row satisfies.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CheckConstraint {
    /// Constraint name; PostgreSQL's `{table}_{column}_check` or `{table}_check` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The expression inside `CHECK (…)`, as written.
    pub expression: String,
    /// The column the constraint was written on (a column constraint); `None` for a table
    /// constraint. Only where it is written; PostgreSQL treats both alike.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// `NOT VALID`: existing rows were not checked.
    #[serde(default, skip_serializing_if = "is_false")]
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub not_valid: bool,
    /// `NO INHERIT`: does not apply to child tables.
    #[serde(default, skip_serializing_if = "is_false")]
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub no_inherit: bool,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An EXCLUDE constraint, kept as PostgreSQL's own text of it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ExclusionConstraint {
    /// Constraint name; generated by PostgreSQL when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Everything after `EXCLUDE`: `USING gist (room WITH =, during WITH &&) WHERE (…)`.
    pub definition: String,
}

/// `PARTITION BY RANGE|LIST|HASH (…)` of a partitioned table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PartitionKey {
    /// The strategy.
    pub strategy: PartitionStrategy,
    /// The key inside the parentheses, as written: `created_at`, `lower(code)`, `a, b`.
    pub key: String,
}

/// How a partitioned table splits its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PartitionStrategy {
    /// `RANGE`.
    Range,
    /// `LIST`.
    List,
    /// `HASH`.
    Hash,
}

impl PartitionStrategy {
    /// The SQL keyword.
    pub fn sql(self) -> &'static str {
        match self {
            Self::Range => "RANGE",
            Self::List => "LIST",
            Self::Hash => "HASH",
        }
    }
}

/// The place of a partition: its parent and its bound.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PartitionOf {
    /// The partitioned table.
    pub parent: TableRef,
    /// The bound as PostgreSQL writes it: `FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`,
    /// `FOR VALUES IN ('a')`, `FOR VALUES WITH (modulus 4, remainder 0)` or `DEFAULT`.
    pub bound: String,
}

/// What makes a view: the statement as the source wrote it (Relata reads its columns from it
/// but never rewrites it), with the `search_path` it ran under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ViewDefinition {
    /// `CREATE MATERIALIZED VIEW` rather than `CREATE VIEW`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub materialized: bool,
    /// The `CREATE [OR REPLACE] [MATERIALIZED] VIEW …` statement, verbatim, without its `;`.
    pub sql: String,
    /// The `search_path` the source had set when the statement ran (empty: the default); the
    /// export sets it again around it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(as = "Option<Vec<String>>", optional))]
    pub search_path: Vec<String>,
}

/// One part of an index key: a column or an expression, with its collation, operator class
/// and order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct IndexPart {
    /// The column or expression.
    #[serde(flatten)]
    pub key: IndexKey,
    /// `COLLATE name`, as written (`"C"`, `"de-x-icu"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    /// The operator class (`gin_trgm_ops`, `text_pattern_ops`), with its parameters if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opclass: Option<String>,
    /// `DESC`.
    #[serde(default, skip_serializing_if = "is_false")]
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub descending: bool,
    /// `NULLS FIRST` (`Some(true)`) or `NULLS LAST` (`Some(false)`); `None` is the default
    /// of the order (last for ASC, first for DESC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nulls_first: Option<bool>,
}

/// What an index part indexes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum IndexKey {
    /// A plain column.
    Column(String),
    /// An SQL expression, e.g. `lower(email)`.
    Expression(String),
}

impl IndexPart {
    /// A plain column, ascending, with its type's default collation and operator class.
    pub fn column(name: impl Into<String>) -> Self {
        Self::plain(IndexKey::Column(name.into()))
    }

    /// An expression, ascending, with the defaults.
    pub fn expression(text: impl Into<String>) -> Self {
        Self::plain(IndexKey::Expression(text.into()))
    }

    /// `key` with no collation, operator class or order of its own.
    pub fn plain(key: IndexKey) -> Self {
        Self { key, collation: None, opclass: None, descending: false, nulls_first: None }
    }

    /// The column, when the part is a plain column.
    pub fn as_column(&self) -> Option<&str> {
        match &self.key {
            IndexKey::Column(c) => Some(c),
            IndexKey::Expression(_) => None,
        }
    }

    /// Whether the part is a bare column with nothing of its own: what a key or a foreign
    /// key's child index can be.
    pub fn plain_column(&self) -> Option<&str> {
        self.is_plain().then(|| self.as_column()).flatten()
    }

    /// Whether the part has no collation, operator class or order of its own.
    pub fn is_plain(&self) -> bool {
        self.collation.is_none() && self.opclass.is_none() && !self.descending && self.nulls_first.is_none()
    }
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
    /// An access method outside the registry's vocabulary (`spgist`, or an extension's such
    /// as `bloom`), as PostgreSQL spells it. When set it is the method; `method` then says
    /// `btree` and means nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_method: Option<String>,
    /// `INCLUDE (…)`: non-key columns stored in the index.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(as = "Option<Vec<String>>", optional))]
    pub include: Vec<String>,
    /// `NULLS NOT DISTINCT` of a unique index (PostgreSQL 15).
    #[serde(default, skip_serializing_if = "is_false")]
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub nulls_not_distinct: bool,
    /// The storage parameters inside `WITH (…)`, as written: `fillfactor = 70`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with: Option<String>,
}

impl Default for Index {
    fn default() -> Self {
        Self {
            name: None,
            parts: Vec::new(),
            method: IndexMethod::Btree,
            unique: false,
            predicate: None,
            note: None,
            other_method: None,
            include: Vec::new(),
            nulls_not_distinct: false,
            with: None,
        }
    }
}

/// Whether `value` is `false` (serde's test for leaving a flag out).
fn is_false(value: &bool) -> bool {
    !*value
}

fn default_method() -> IndexMethod {
    IndexMethod::Btree
}

impl Index {
    /// The plain columns of the key, skipping expressions.
    pub fn columns(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(IndexPart::as_column)
    }

    /// The access method as PostgreSQL spells it.
    pub fn method_name(&self) -> &str {
        self.other_method.as_deref().unwrap_or(self.method.as_str())
    }
}
