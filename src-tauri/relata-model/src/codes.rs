//! The one table of diagnostic codes: every code any Relata crate reports, with its name, the
//! layer that reports it and its long explanation (`relata check --explain CODE` prints it, as
//! `rustc --explain E0308` does).
//!
//! Each explanation is a Markdown file in `src/codes/`, one per code and named after it,
//! included at compile time, so the binary needs no file beside it. It opens with the code and
//! a one-line summary, says what the check finds and why it matters, shows the problem and
//! its fix, and for a house rule says how to change its severity or turn it off.
//!
//! Codes never change meaning and are never renumbered: a check that is no longer made keeps
//! its code and its page, which says so. Severities are not here: the loaders and importers
//! choose theirs where they report, and the rules' come from the rule set
//! (`relata_rules::codes::CODES` holds the defaults the presets give).

/// Which part of Relata reports a code; the code's letter says the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    /// The registry folder's CSV files and `relata.json` (`L1xx`, relata-formats' folder reader,
    /// also the stores that decode the same rows).
    Folder,
    /// The DBML import (`D1xx`).
    Dbml,
    /// The Mermaid erDiagram import (`M1xx`).
    Mermaid,
    /// The PostgreSQL DDL import, also the dump a live import reads (`S1xx`).
    Sql,
    /// The live PostgreSQL import through the catalog (`P1xx`, relata-store).
    Postgres,
    /// The house rules (`R1xx` tables, `R2xx` signals, `R3xx` relationships, `R4xx` the
    /// conventional naming style; relata-rules).
    Rules,
}

impl Layer {
    /// A short lower-case name, as `relata check --explain` prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Folder => "registry folder",
            Self::Dbml => "DBML import",
            Self::Mermaid => "Mermaid import",
            Self::Sql => "PostgreSQL DDL import",
            Self::Postgres => "live PostgreSQL import",
            Self::Rules => "house rules",
        }
    }
}

/// One diagnostic code and what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// The code itself, e.g. `R303`.
    pub code: &'static str,
    /// A stable snake_case name, e.g. `incompatible_column_types`.
    pub name: &'static str,
    /// Which part of Relata reports it.
    pub layer: Layer,
    /// The long explanation, Markdown, opening with `CODE: summary`.
    pub explanation: &'static str,
}

impl Code {
    /// The one-line summary: the explanation's first line after `CODE: `.
    pub fn summary(&self) -> &'static str {
        let first = self.explanation.lines().next().unwrap_or_default();
        first.strip_prefix(self.code).map_or(first, |rest| rest.trim_start_matches(':').trim())
    }
}

/// Builds, from one list of `CODE name Layer;` lines, one constant per code
/// (`pub const R303: &str = "R303"`) and the [`CODES`] table, each entry with the explanation
/// file `codes/CODE.md`.
macro_rules! codes {
    ($($(#[doc = $doc:literal])* $code:ident $name:ident $layer:ident;)*) => {
        $(
            $(#[doc = $doc])*
            pub const $code: &str = stringify!($code);
        )*

        /// Every diagnostic code, by layer (loading, importing, then the rules) and in code
        /// order within a layer.
        pub const CODES: &[Code] = &[$(
            Code {
                code: $code,
                name: stringify!($name),
                layer: Layer::$layer,
                explanation: include_str!(concat!("codes/", stringify!($code), ".md")),
            },
        )*];
    };
}

/// The entry of [`CODES`] for `code`, in any case (`r303` finds `R303`).
pub fn lookup(code: &str) -> Option<&'static Code> {
    CODES.iter().find(|c| c.code.eq_ignore_ascii_case(code))
}

codes! {
    /// A required registry file is missing.
    L100 missing_file Folder;
    /// A file is not valid UTF-8.
    L101 not_utf8 Folder;
    /// The CSV text cannot be read (e.g. a quote that never closes).
    L102 unreadable_csv Folder;
    /// A column the registry needs is missing from the header.
    L103 missing_header_column Folder;
    /// The header names a column the registry does not have.
    L104 unknown_header_column Folder;
    /// The header's columns are in another order than the DDL's (`\copy` maps by position).
    L105 header_out_of_order Folder;
    /// A row has more or fewer fields than the header.
    L106 wrong_field_count Folder;
    /// A `NOT NULL` column is empty.
    L107 empty_not_null Folder;
    /// A value outside a controlled vocabulary (status, on_delete, …).
    L108 unknown_vocabulary_value Folder;
    /// Not a UUID.
    L109 invalid_uuid Folder;
    /// Not a boolean PostgreSQL reads (`true` / `false`, `TRUE` / `FALSE`, `t`, `yes`, `on`, `1`, …).
    L110 invalid_boolean Folder;
    /// Not an integer in range.
    L111 invalid_integer Folder;
    /// Not a UTC timestamp in PostgreSQL's form.
    L112 invalid_timestamp Folder;
    /// Not a one-dimensional array literal.
    L113 invalid_array Folder;
    /// Not a JSON object.
    L114 invalid_json_object Folder;
    /// The same id twice (the registry's primary key).
    L115 duplicate_id Folder;
    /// A row breaks one of the registry DDL's CHECK constraints.
    L116 check_constraint_broken Folder;
    /// The file is empty: not even a header.
    L117 empty_file Folder;
    /// `relata.json` is not valid JSON or not in the expected shape.
    L120 invalid_relata_json Folder;
    /// `relata.json` has an unknown format name or a newer version.
    L121 unsupported_relata_json Folder;
    /// `relata.json` describes a table that `table_overview.csv` does not have.
    L122 relata_json_unknown_table Folder;
    /// `relata.json` describes a column that `signal_registry.csv` does not register.
    L123 relata_json_unknown_column Folder;
    /// DBML syntax: a token where another was expected.
    D100 dbml_syntax Dbml;
    /// A string, quoted name, backtick expression or `/* */` comment that never closes.
    D101 dbml_unclosed_text Dbml;
    /// A `{`, `[` or `(` that never closes (the message says where it was opened).
    D102 dbml_unclosed_bracket Dbml;
    /// An unknown top-level element (not use, Project, Table, TablePartial, Enum, Ref,
    /// TableGroup, Note, Records or DiagramView).
    D103 dbml_unknown_element Dbml;
    /// A setting the element does not take (`[primary]` on a column, `[colour: …]` on a ref).
    D104 dbml_unknown_setting Dbml;
    /// A setting with a value it cannot take (`delete: explode`, `headercolor: blue`), or
    /// without the value it needs.
    D105 dbml_bad_setting_value Dbml;
    /// The same table, table partial, enum, table group or alias defined twice.
    D106 dbml_duplicate_element Dbml;
    /// The same column twice in one table.
    D107 dbml_duplicate_column Dbml;
    /// A ref, table group or `~partial` names a table (or partial) that is not defined, or an
    /// enum-value default (`status.active`) an enum that is not.
    D108 dbml_unknown_table Dbml;
    /// A ref, index or key names a column its table does not have, or an enum-value default a
    /// value its enum does not have.
    D109 dbml_unknown_column Dbml;
    /// A composite ref whose two ends have different numbers of columns.
    D110 dbml_ref_column_count Dbml;
    /// A table listed in two table groups (a table has one module).
    D111 dbml_table_in_two_groups Dbml;
    /// A many-to-many ref (`<>`), imported as a `many:many` relationship rather than an `rl_`
    /// join table (a warning: the house rules want join tables, see R304).
    D112 dbml_many_to_many Dbml;
    /// A ref whose ends are the same columns, or a second ref between the same columns.
    D113 dbml_redundant_ref Dbml;
    /// Something DBML holds that neither the registries nor the DBML extras keep (custom
    /// settings, the note of a key written in `indexes { }`): reported, not kept.
    D114 dbml_not_kept Dbml;
    /// A character DBML has no use for, or text DBML cannot read as a token: an escape that is
    /// no character (`\u0e`), a number that is none (`1.2.3`).
    D115 dbml_bad_token Dbml;
    /// A ref endpoint that is not `table.column`, `schema.table.column` or `table.(a, b)`.
    D116 dbml_bad_ref_endpoint Dbml;
    /// A `use` whose file cannot be read, or which names an element its file does not have.
    D117 dbml_use_unresolved Dbml;
    /// A `use` read from another file: its elements are imported, but the project's split into
    /// files is not kept; the DBML export writes one file (a warning).
    D118 dbml_use_flattened Dbml;
    /// erDiagram syntax: something where another thing was expected.
    M100 mermaid_syntax Mermaid;
    /// A `"` (name, label or comment) that never closes.
    M101 mermaid_unclosed_quote Mermaid;
    /// An attribute block `{` that never closes, or a `subgraph` without its `end`.
    M102 mermaid_unclosed_block Mermaid;
    /// The text does not start with `erDiagram` (after front matter and comments).
    M103 mermaid_not_er_diagram Mermaid;
    /// Front matter opened with `---` that never closes.
    M104 mermaid_unclosed_front_matter Mermaid;
    /// No longer reported: Mermaid reads `direction` without TB, BT, LR or RL as two entities.
    M105 mermaid_bad_direction Mermaid;
    /// Two entities whose labels name the same table, or one entity given two labels.
    M106 mermaid_duplicate_entity Mermaid;
    /// The same attribute twice in one entity.
    M107 mermaid_duplicate_attribute Mermaid;
    /// An attribute key marker that is not PK, FK or UK.
    M108 mermaid_unknown_key Mermaid;
    /// A line whose join columns the diagram does not say (no FK attribute named after the other
    /// entity): kept as a diagram line only, not a relationship, and reported so its columns can
    /// be given. No column is made up.
    M109 mermaid_line_without_columns Mermaid;
    /// No longer reported: styles, classes and accessibility text are kept (`MermaidExtras`).
    M110 mermaid_style_not_kept Mermaid;
    /// A many-to-many line, imported as a `many:many` relationship rather than an `rl_` join
    /// table (a warning: the house rules want join tables, see R304).
    M111 mermaid_many_to_many Mermaid;
    /// SQL syntax: a statement sqlparser (PostgreSQL dialect) cannot read, at the place it stops;
    /// the import goes on with the next statement.
    S100 sql_syntax Sql;
    /// A string, quoted name, dollar quote or comment that never closes (or another character the
    /// tokenizer cannot read).
    S101 sql_unclosed_token Sql;
    /// A statement the registries do not model (schemas, extensions, functions, triggers,
    /// grants, comments on other objects, a foreign key to a table the file does not create):
    /// kept as written (info); data and a `DROP` of a created table: not imported (warning).
    S102 sql_statement_kept Sql;
    /// Transaction control, psql commands, and a `DROP … IF EXISTS` or `ALTER TABLE IF EXISTS`
    /// of a table not created yet: not imported (info).
    S103 sql_statement_skipped Sql;
    /// A clause the registries have no place for (`AS`, `INHERITS`, `MATCH PARTIAL`, a column
    /// or `ALTER TABLE` option with no place): not kept, reported as a warning.
    S104 sql_clause_not_kept Sql;
    /// The same table, enum type, enum value or column created twice.
    S105 sql_created_twice Sql;
    /// A statement that names a table or column that does not exist (yet).
    S106 sql_unknown_object Sql;
    /// A foreign key whose two sides have different numbers of columns.
    S107 sql_fk_column_count Sql;
    /// A second primary key on one table.
    S108 sql_second_primary_key Sql;
    /// A statement of a kind the import reads (`ALTER TABLE`, `CREATE INDEX`, `COMMENT`) that it
    /// could not read: kept as written, so exports write it back (warning).
    S109 sql_statement_unread Sql;
    /// A clause PostgreSQL rejects (a generated column without `STORED`, a partitioning without
    /// its strategy and key).
    S110 sql_clause_rejected Sql;
    /// Catalog path: a primary key whose name is not `{table}_pkey` (no longer given: the
    /// registry keeps primary key names).
    P101 pg_primary_key_name Postgres;
    /// Catalog path: an index whose access method the registry has no word for (kept by
    /// name as `other_method` now; no longer given).
    P102 pg_unknown_index_method Postgres;
    /// Catalog path: a CHECK or EXCLUDE constraint the registry could not hold (no longer
    /// given: both are modelled).
    P103 pg_constraint_not_kept Postgres;
    /// Catalog path: an identity or generated column imported as a plain one (no longer
    /// given: both are modelled).
    P104 pg_column_kind_not_kept Postgres;
    /// The catalog path was taken because no usable `pg_dump` was found (none installed, or
    /// older than the server): a warning saying why, since that path keeps less. An info when
    /// `PgDump::Never` asked for it.
    P105 pg_catalog_path Postgres;
    /// Catalog path: an object the catalog path cannot keep (an aggregate, a statistics
    /// object, an owner other than the importing role, …), named with its kind; the export
    /// will not re-create it.
    P106 pg_object_not_kept Postgres;
    /// `table_prefix` is missing (where the rule set requires prefixes) or not a known prefix.
    R101 unknown_prefix Rules;
    /// The table's prefix belongs in another schema (e.g. `ref_` lives in `core_metadata`).
    R102 prefix_schema_mismatch Rules;
    /// The registered `table_prefix` is not how the table name starts.
    R103 prefix_name_mismatch Rules;
    /// The table has no column registered in `signal_registry`.
    R104 table_without_columns Rules;
    /// The same `schema.table` is registered twice.
    R105 duplicate_table Rules;
    /// A primary-key column is not a registered column of the table.
    R106 unregistered_primary_key_column Rules;
    /// An index or unique-constraint column is not a registered column of the table.
    R107 unregistered_index_column Rules;
    /// A module used by tables has no declared entry or no colour.
    R108 module_without_colour Rules;
    /// An explicit index or unique-constraint name is longer than the identifier limit
    /// (PostgreSQL silently truncates names past 63 bytes). Generated ones are R317.
    R109 index_name_too_long Rules;
    /// A table or schema name is longer than the identifier limit.
    R110 table_name_too_long Rules;
    /// A signal belongs to a table that `table_overview` does not have.
    R201 signal_of_unknown_table Rules;
    /// The same column (or table-less concept) is registered twice.
    R202 duplicate_signal Rules;
    /// Ordinal positions of a table's columns do not run 1..n without gaps or duplicates.
    R203 ordinal_gap Rules;
    /// A binding names a concept that has no concept row.
    R204 unknown_concept Rules;
    /// A concept row that no binding stores.
    R205 unused_concept Rules;
    /// `data_type` is neither a PostgreSQL type nor an enum type of the workspace.
    R206 unknown_data_type Rules;
    /// A column name is longer than the identifier limit.
    R207 column_name_too_long Rules;
    /// A relationship's child or parent table does not exist.
    R301 unknown_relationship_table Rules;
    /// A relationship's child or parent column does not exist.
    R302 unknown_relationship_column Rules;
    /// Child and parent column types cannot be compared by a foreign key.
    R303 incompatible_column_types Rules;
    /// A many-to-many relationship does not go through a join table.
    R304 many_to_many_without_join_table Rules;
    /// A new dependency targets a table that is not stable, or an active one a retiring table.
    R305 dependency_on_unstable_table Rules;
    /// The same `relationship_key` is used twice.
    R306 duplicate_relationship_key Rules;
    /// `relationship_key` is not the deterministic key of the relationship.
    R307 nondeterministic_relationship_key Rules;
    /// An explicit `constraint_name` or `child_index_name` is longer than the identifier limit.
    /// (Before R317 existed this code also covered generated names.)
    R308 constraint_name_too_long Rules;
    /// Required foreign keys form a cycle in which no constraint is deferrable.
    R309 required_cycle Rules;
    /// `child_columns` or `parent_columns` is empty (`rr_columns_nonempty_chk`).
    R310 empty_relationship_columns Rules;
    /// `child_columns` and `parent_columns` differ in length (`rr_composite_len_match_chk`).
    R311 column_count_mismatch Rules;
    /// `initially_deferred` without `deferrable` (`rr_deferrable_logic_chk`).
    R312 deferred_not_deferrable Rules;
    /// `on_delete` or `on_update` is `set_null` on a NOT NULL child column.
    R313 set_null_on_not_null Rules;
    /// The parent columns are neither the parent's primary key nor a unique constraint or index.
    R314 parent_not_unique Rules;
    /// A relationship's `module_name` is neither declared nor used by any table.
    R315 unknown_relationship_module Rules;
    /// Child and parent column types differ in a way PostgreSQL accepts but that invites bugs
    /// (`timestamp` against `timestamptz`, `integer` against `bigint`).
    R316 loose_type_match Rules;
    /// A generated name (no `constraint_name` / `child_index_name` / index or unique-constraint
    /// name given) is longer than the identifier limit. Not an error: exporters shorten it
    /// deterministically (`relata_rules::shorten_identifier`); the message says to what.
    R317 generated_constraint_name_too_long Rules;
    /// Child and parent columns of a foreign key have different collations: equality may
    /// disagree between them (a case-insensitive collation on one side).
    R318 collation_mismatch Rules;
    /// A child column of a foreign key is an identity column: PostgreSQL makes up its values, so
    /// a row cannot (ALWAYS) or need not (BY DEFAULT) name its parent.
    R319 identity_child_column Rules;
    /// A diagram line (from a Mermaid erDiagram) says no join columns: Relata keeps, draws and
    /// exports it, but it is no foreign key until someone says which columns join the tables.
    R320 diagram_line_without_columns Rules;
    /// The table name is not plural snake_case.
    R401 table_not_plural_snake_case Rules;
    /// The primary key is not the single `id` column of the configured type.
    R402 primary_key_not_id Rules;
    /// A foreign-key column is not named `{singular_parent}_id`.
    R403 foreign_key_column_name Rules;
    /// An index name does not start with `idx_{table}_`, or a unique one with `uq_{table}_`.
    R404 index_name_convention Rules;
    /// A standard column (`created_at`, `updated_at`, …) is missing.
    R405 missing_standard_column Rules;
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = BTreeSet::new();
        let mut names = BTreeSet::new();
        for c in CODES {
            assert!(codes.insert(c.code), "{} listed twice", c.code);
            assert!(names.insert(c.name), "name {} used twice", c.name);
            assert!(c.code.len() == 4 && c.code[1..].bytes().all(|b| b.is_ascii_digit()), "{}", c.code);
            assert!(c.name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'), "{}", c.name);
            let letter = match c.layer {
                Layer::Folder => 'L',
                Layer::Dbml => 'D',
                Layer::Mermaid => 'M',
                Layer::Sql => 'S',
                Layer::Postgres => 'P',
                Layer::Rules => 'R',
            };
            assert!(c.code.starts_with(letter), "{} is in layer {:?}", c.code, c.layer);
        }
    }

    #[test]
    fn every_explanation_opens_with_its_code_and_a_summary() {
        for c in CODES {
            assert!(c.explanation.starts_with(&format!("{}: ", c.code)), "{}.md must open with `{}: `", c.code, c.code);
            assert!(c.summary().len() > 10, "{}: {:?}", c.code, c.summary());
            // A page says more than its summary: what the check finds, why, and an example.
            assert!(c.explanation.lines().count() >= 8, "{}.md is too short", c.code);
            assert!(c.explanation.ends_with('\n') && !c.explanation.ends_with("\n\n"), "{}.md ends with one newline", c.code);
        }
    }

    #[test]
    fn every_rule_page_says_how_to_change_its_severity() {
        for c in CODES.iter().filter(|c| c.layer == Layer::Rules) {
            let says = c.explanation.contains(&format!("\"{}\": \"off\"", c.code)) || c.explanation.contains("Always an error, in every rule set");
            assert!(says, "{}.md does not say how to change its severity", c.code);
        }
    }

    #[test]
    fn lookup_finds_a_code_in_any_case_and_nothing_else() {
        assert_eq!(lookup("R303").map(|c| c.name), Some("incompatible_column_types"));
        assert_eq!(lookup("r303").map(|c| c.code), Some("R303"));
        // Spelt in two pieces so the source scan (tests/it/codes.rs) does not take it for a code.
        assert_eq!(lookup(concat!("R", "999")), None);
        assert_eq!(lookup(""), None);
        assert_eq!(lookup("R303").unwrap().summary(), "child and parent column types cannot be compared by a foreign key.");
    }
}
