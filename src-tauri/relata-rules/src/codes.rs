//! The stable diagnostic codes of the rules, one constant per check, and the [`CODES`] table
//! that tools and rule-set files refer to.
//!
//! Codes never change meaning: a retired check keeps its number unused. `R1xx` are about
//! tables, `R2xx` about signals (columns and concepts), `R3xx` about relationships and `R4xx`
//! about the "conventional" naming style (plural snake_case tables, `id uuid` keys,
//! `{singular}_id` foreign keys).

use relata_model::Severity;

/// `table_prefix` is missing (where the rule set requires prefixes) or not a known prefix.
pub const R101: &str = "R101";
/// The table's prefix belongs in another schema (e.g. `ref_` lives in `core_metadata`).
pub const R102: &str = "R102";
/// The registered `table_prefix` is not how the table name starts.
pub const R103: &str = "R103";
/// The table has no column registered in `signal_registry`.
pub const R104: &str = "R104";
/// The same `schema.table` is registered twice.
pub const R105: &str = "R105";
/// A primary-key column is not a registered column of the table.
pub const R106: &str = "R106";
/// An index or unique-constraint column is not a registered column of the table.
pub const R107: &str = "R107";
/// A module used by tables has no declared entry or no colour.
pub const R108: &str = "R108";
/// An explicit index or unique-constraint name is longer than the identifier limit
/// (PostgreSQL silently truncates names past 63 bytes). Generated ones are R317.
pub const R109: &str = "R109";
/// A table or schema name is longer than the identifier limit.
pub const R110: &str = "R110";
/// A signal belongs to a table that `table_overview` does not have.
pub const R201: &str = "R201";
/// The same column (or table-less concept) is registered twice.
pub const R202: &str = "R202";
/// Ordinal positions of a table's columns do not run 1..n without gaps or duplicates.
pub const R203: &str = "R203";
/// A binding names a concept that has no concept row.
pub const R204: &str = "R204";
/// A concept row that no binding stores.
pub const R205: &str = "R205";
/// `data_type` is neither a PostgreSQL type nor an enum type of the workspace.
pub const R206: &str = "R206";
/// A column name is longer than the identifier limit.
pub const R207: &str = "R207";
/// A relationship's child or parent table does not exist.
pub const R301: &str = "R301";
/// A relationship's child or parent column does not exist.
pub const R302: &str = "R302";
/// Child and parent column types cannot be compared by a foreign key.
pub const R303: &str = "R303";
/// A many-to-many relationship does not go through a join table.
pub const R304: &str = "R304";
/// A new dependency targets a table that is not stable, or an active one a retiring table.
pub const R305: &str = "R305";
/// The same `relationship_key` is used twice.
pub const R306: &str = "R306";
/// `relationship_key` is not the deterministic key of the relationship.
pub const R307: &str = "R307";
/// An explicit `constraint_name` or `child_index_name` is longer than the identifier limit.
/// (Before R317 existed this code also covered generated names.)
pub const R308: &str = "R308";
/// Required foreign keys form a cycle in which no constraint is deferrable.
pub const R309: &str = "R309";
/// `child_columns` or `parent_columns` is empty (`rr_columns_nonempty_chk`).
pub const R310: &str = "R310";
/// `child_columns` and `parent_columns` differ in length (`rr_composite_len_match_chk`).
pub const R311: &str = "R311";
/// `initially_deferred` without `deferrable` (`rr_deferrable_logic_chk`).
pub const R312: &str = "R312";
/// `on_delete` or `on_update` is `set_null` on a NOT NULL child column.
pub const R313: &str = "R313";
/// The parent columns are neither the parent's primary key nor a unique constraint or index.
pub const R314: &str = "R314";
/// A relationship's `module_name` is neither declared nor used by any table.
pub const R315: &str = "R315";
/// Child and parent column types differ in a way PostgreSQL accepts but that invites bugs
/// (`timestamp` against `timestamptz`, `integer` against `bigint`).
pub const R316: &str = "R316";
/// A generated name (no `constraint_name` / `child_index_name` / index or unique-constraint
/// name given) is longer than the identifier limit. Not an error: exporters shorten it
/// deterministically ([`crate::shorten_identifier`]); the message says to what.
pub const R317: &str = "R317";
/// Child and parent columns of a foreign key have different collations: equality may
/// disagree between them (a case-insensitive collation on one side).
pub const R318: &str = "R318";
/// A child column of a foreign key is an identity column: PostgreSQL makes up its values, so
/// a row cannot (ALWAYS) or need not (BY DEFAULT) name its parent.
pub const R319: &str = "R319";
/// A diagram line (from a Mermaid erDiagram) says no join columns: Relata keeps, draws and
/// exports it, but it is no foreign key until someone says which columns join the tables.
pub const R320: &str = "R320";
/// The table name is not plural snake_case.
pub const R401: &str = "R401";
/// The primary key is not the single `id` column of the configured type.
pub const R402: &str = "R402";
/// A foreign-key column is not named `{singular_parent}_id`.
pub const R403: &str = "R403";
/// An index name does not start with `idx_{table}_`, or a unique one with `uq_{table}_`.
pub const R404: &str = "R404";
/// A standard column (`created_at`, `updated_at`, …) is missing.
pub const R405: &str = "R405";

/// Every check: `(code, slug, default severity, one-line description)`, in code order.
///
/// The default severity is the one a preset gives the check when it turns it on; a rule set
/// may choose another (except for the [`FIXED`] codes).
pub const CODES: &[(&str, &str, Severity, &str)] = &[
    (R101, "unknown_prefix", Severity::Warning, "table_prefix is missing or not a known prefix"),
    (R102, "prefix_schema_mismatch", Severity::Warning, "the table's prefix belongs in another schema"),
    (R103, "prefix_name_mismatch", Severity::Error, "table_prefix is not how the table name starts"),
    (R104, "table_without_columns", Severity::Warning, "the table has no column in signal_registry"),
    (R105, "duplicate_table", Severity::Error, "the same schema.table is registered twice"),
    (R106, "unregistered_primary_key_column", Severity::Error, "a primary-key column is not registered"),
    (R107, "unregistered_index_column", Severity::Error, "an index or unique-constraint column is not registered"),
    (R108, "module_without_colour", Severity::Info, "a module has no declared entry or colour"),
    (R109, "index_name_too_long", Severity::Error, "an explicit index or unique-constraint name is over the identifier limit"),
    (R110, "table_name_too_long", Severity::Error, "a table or schema name is over the identifier limit"),
    (R201, "signal_of_unknown_table", Severity::Error, "a signal belongs to a table that is not registered"),
    (R202, "duplicate_signal", Severity::Error, "the same column or concept is registered twice"),
    (R203, "ordinal_gap", Severity::Warning, "ordinal positions do not run 1..n without gaps or duplicates"),
    (R204, "unknown_concept", Severity::Error, "a binding names a concept that has no concept row"),
    (R205, "unused_concept", Severity::Info, "a concept that no binding stores"),
    (R206, "unknown_data_type", Severity::Warning, "data_type is neither a PostgreSQL type nor a workspace enum"),
    (R207, "column_name_too_long", Severity::Error, "a column name is over the identifier limit"),
    (R301, "unknown_relationship_table", Severity::Error, "a relationship's child or parent table does not exist"),
    (R302, "unknown_relationship_column", Severity::Error, "a relationship's child or parent column does not exist"),
    (R303, "incompatible_column_types", Severity::Error, "child and parent column types are incompatible"),
    (
        R304,
        "many_to_many_without_join_table",
        Severity::Warning,
        "a many-to-many relationship does not go through a join table",
    ),
    (R305, "dependency_on_unstable_table", Severity::Warning, "a new dependency targets a table that is not stable"),
    (R306, "duplicate_relationship_key", Severity::Error, "the same relationship_key is used twice"),
    (R307, "nondeterministic_relationship_key", Severity::Warning, "relationship_key is not the deterministic key"),
    (
        R308,
        "constraint_name_too_long",
        Severity::Error,
        "an explicit constraint_name or child_index_name is over the identifier limit",
    ),
    (R309, "required_cycle", Severity::Error, "required foreign keys form a cycle with no deferrable constraint"),
    (R310, "empty_relationship_columns", Severity::Error, "child_columns or parent_columns is empty"),
    (R311, "column_count_mismatch", Severity::Error, "child_columns and parent_columns differ in length"),
    (R312, "deferred_not_deferrable", Severity::Error, "initially_deferred without deferrable"),
    (R313, "set_null_on_not_null", Severity::Error, "set_null on a NOT NULL child column"),
    (R314, "parent_not_unique", Severity::Error, "the parent columns are not a primary key or unique"),
    (
        R315,
        "unknown_relationship_module",
        Severity::Info,
        "a relationship's module is neither declared nor used by a table",
    ),
    (R316, "loose_type_match", Severity::Warning, "child and parent column types differ in a way PostgreSQL accepts"),
    (
        R317,
        "generated_constraint_name_too_long",
        Severity::Warning,
        "a generated foreign-key, index or unique-constraint name is over the identifier limit; exports shorten it",
    ),
    (R318, "collation_mismatch", Severity::Warning, "child and parent columns of a foreign key have different collations"),
    (R319, "identity_child_column", Severity::Warning, "a child column of a foreign key is an identity column"),
    (R320, "diagram_line_without_columns", Severity::Warning, "a diagram line says no join columns: it is not a foreign key"),
    (R401, "table_not_plural_snake_case", Severity::Warning, "the table name is not plural snake_case"),
    (
        R402,
        "primary_key_not_id",
        Severity::Warning,
        "the primary key is not the single id column of the configured type",
    ),
    (R403, "foreign_key_column_name", Severity::Warning, "a foreign-key column is not named {singular_parent}_id"),
    (R404, "index_name_convention", Severity::Warning, "an index name does not follow idx_{table}_ / uq_{table}_"),
    (R405, "missing_standard_column", Severity::Warning, "a standard column (created_at, updated_at, …) is missing"),
];

/// Codes that mirror a CHECK or UNIQUE constraint of the registry DDL (`to_schema_table_uq`,
/// `sr_signal_uq`, `relationship_key UNIQUE`, `rr_columns_nonempty_chk`,
/// `rr_composite_len_match_chk`, `rr_deferrable_logic_chk`). A registry that breaks them cannot
/// be stored, so they are always on as errors and a rule set cannot change that.
pub const FIXED: &[&str] = &[R105, R202, R306, R310, R311, R312];

/// The entry of [`CODES`] for `code`, if it is one.
pub fn lookup(code: &str) -> Option<&'static (&'static str, &'static str, Severity, &'static str)> {
    CODES.iter().find(|(c, ..)| *c == code)
}
