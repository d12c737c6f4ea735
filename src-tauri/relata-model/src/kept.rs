//! Kept objects: the statements of a PostgreSQL schema that Relata does not model (functions,
//! triggers, extensions, grants, …), kept verbatim, in order, so an export writes them back
//! where they belong.

use serde::{Deserialize, Serialize};

use crate::ids::TableRef;

/// One statement Relata keeps as written: its kind, the object it makes or changes, and its
/// text. A registry keeps them in source order; [`KeptKind::phase`] says where an export
/// puts each, relative to the tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct KeptObject {
    /// What the statement makes or changes.
    pub kind: KeptKind,
    /// The object's schema, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The object's name as a person reads it (`lower_email(text)`, `orders_audit ON
    /// orders`); empty where a statement names none.
    pub name: String,
    /// The table (or view) the statement belongs to, where it belongs to one (a trigger, a
    /// policy, a grant on a table): an export of part of a registry keeps it only with that
    /// table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<TableRef>,
    /// The statement's text, verbatim, without its final `;`.
    pub sql: String,
    /// The `search_path` the source had set when the statement ran, which its unqualified
    /// names mean; empty for the database's default. An export sets it again around it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(as = "Option<Vec<String>>", optional))]
    pub search_path: Vec<String>,
}

/// Where an export writes a kept statement, relative to the tables Relata models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum KeptPhase {
    /// Before the tables: what tables, defaults and indexes may use (extensions, schemas,
    /// types, domains, collations, functions, sequences).
    BeforeTables,
    /// After the tables, keys and indexes: what uses them (views, triggers, policies, rules,
    /// comments, owners and grants).
    AfterTables,
}

macro_rules! kept_kinds {
    ($( $(#[$doc:meta])* $variant:ident = $word:literal => $phase:ident ),* $(,)?) => {
        /// The kind of a [`KeptObject`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(test, derive(ts_rs::TS))]
        #[serde(rename_all = "snake_case")]
        pub enum KeptKind {
            $( $(#[$doc])* $variant, )*
        }

        impl KeptKind {
            /// Every kind, in the order of this list.
            pub const ALL: &'static [KeptKind] = &[$(KeptKind::$variant),*];

            /// The kind in words, as diagnostics and the registry folder write it.
            pub fn as_str(self) -> &'static str {
                match self { $(KeptKind::$variant => $word,)* }
            }

            /// Where an export writes statements of this kind.
            pub fn phase(self) -> KeptPhase {
                match self { $(KeptKind::$variant => KeptPhase::$phase,)* }
            }
        }
    };
}

kept_kinds! {
    /// `SET` and `set_config` lines that matter to what follows (`search_path` aside).
    Setting = "setting" => BeforeTables,
    /// `CREATE EXTENSION`.
    Extension = "extension" => BeforeTables,
    /// `CREATE SCHEMA` with more than a name (an owner, `AUTHORIZATION`).
    Schema = "schema" => BeforeTables,
    /// `CREATE TYPE` other than an enum (composite, range, base, shell).
    Type = "type" => BeforeTables,
    /// `CREATE DOMAIN`.
    Domain = "domain" => BeforeTables,
    /// `CREATE COLLATION`.
    Collation = "collation" => BeforeTables,
    /// `CREATE FUNCTION`.
    Function = "function" => BeforeTables,
    /// `CREATE PROCEDURE`.
    Procedure = "procedure" => BeforeTables,
    /// `CREATE AGGREGATE`.
    Aggregate = "aggregate" => BeforeTables,
    /// `CREATE OPERATOR` (and operator classes and families).
    Operator = "operator" => BeforeTables,
    /// `CREATE CAST`.
    Cast = "cast" => BeforeTables,
    /// Text search configurations, dictionaries, parsers and templates.
    TextSearch = "text_search" => BeforeTables,
    /// A sequence no column owns, or its options.
    Sequence = "sequence" => BeforeTables,
    /// Foreign data wrappers, servers and user mappings.
    ForeignData = "foreign_data" => BeforeTables,
    /// `ALTER SEQUENCE … OWNED BY table.column`: the sequence goes when the column goes.
    SequenceOwnership = "sequence_ownership" => AfterTables,
    /// `CREATE VIEW`.
    View = "view" => AfterTables,
    /// `CREATE MATERIALIZED VIEW`.
    MaterializedView = "materialized_view" => AfterTables,
    /// An index on something Relata keeps rather than models (a materialized view).
    Index = "index" => AfterTables,
    /// `CREATE TRIGGER`.
    Trigger = "trigger" => AfterTables,
    /// `CREATE EVENT TRIGGER`.
    EventTrigger = "event_trigger" => AfterTables,
    /// `CREATE POLICY` and `ALTER TABLE … ENABLE ROW LEVEL SECURITY`.
    Policy = "policy" => AfterTables,
    /// `CREATE RULE`.
    Rule = "rule" => AfterTables,
    /// `CREATE STATISTICS`.
    Statistics = "statistics" => AfterTables,
    /// Publications and subscriptions.
    Publication = "publication" => AfterTables,
    /// `COMMENT ON` an object Relata keeps rather than models.
    Comment = "comment" => AfterTables,
    /// `ALTER … OWNER TO`.
    Owner = "owner" => AfterTables,
    /// `GRANT`, `REVOKE` and default privileges.
    Grant = "grant" => AfterTables,
    /// Any other statement PostgreSQL accepts that Relata does not model.
    Other = "other" => AfterTables,
}
