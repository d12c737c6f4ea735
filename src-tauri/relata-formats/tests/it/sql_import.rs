//! The SQL import without a database: seed 002's SQL against the bundled `schema-template`
//! registry, broken SQL with exact places (and the statements after a broken one still
//! imported), and a never-panic property over mutated DDL.

use proptest::prelude::*;
use relata_formats::sql::parse::{import, ImportOptions};
use relata_model::{Diagnostic, Location, Registry, Severity, Signal, Timestamp};
use relata_rules::RuleSet;

use crate::mutate::{apply, mutation};

fn rules() -> RuleSet {
    RuleSet::preset("zayaz").expect("the zayaz preset")
}

fn options() -> ImportOptions {
    ImportOptions::new(Timestamp::parse("2026-01-31 09:30:00+00").expect("a timestamp"))
}

fn data(name: &str) -> String {
    let path = format!("{}/tests/data/sql/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn run(text: &str, path: &str) -> (Registry, Vec<Diagnostic>) {
    import(text, path, &options(), &rules())
}

/// `line:column code` of each diagnostic of `severity`.
fn places(diagnostics: &[Diagnostic], severity: Severity) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .map(|d| match &d.location {
            Location::File { line, column, .. } => format!("{line}:{column} {}", d.code),
            other => format!("{other} {}", d.code),
        })
        .collect()
}

fn columns_of<'r>(registry: &'r Registry, table: &str) -> Vec<&'r Signal> {
    registry.columns_of(&relata_model::TableRef::new("public", table))
}

#[test]
fn seed_002_sql_imports_its_tables_enums_and_partial_unique_indexes() {
    let (registry, diagnostics) = run(&data("seed_002.sql"), "seed_002.sql");
    // The template's placeholders are not SQL: each such statement is one error at the `{`,
    // and the statements after it still import. The second enum fence repeats two types.
    assert_eq!(
        places(&diagnostics, Severity::Error),
        ["53:13 S105", "54:13 S105", "55:13 S100", "56:13 S100"],
        "{diagnostics:#?}"
    );
    // Functions and triggers are kept as written (an info each); views and an index statement
    // that cannot be read (placeholders for names) are kept with a warning; data is reported,
    // not imported.
    assert_eq!(
        places(&diagnostics, Severity::Warning),
        ["59:20 S109", "64:26 S109", "74:24 S109", "95:1 S102", "100:1 S102"],
        "{diagnostics:#?}"
    );
    let kept: Vec<&str> = registry.kept.iter().map(|k| k.kind.as_str()).collect();
    assert_eq!(kept, ["view", "materialized_view", "index", "function", "trigger"]);
    assert!(registry.kept[3].sql.starts_with("CREATE OR REPLACE FUNCTION updated_at_trigger()"));
    assert!(registry.kept[3].sql.ends_with("$$ LANGUAGE plpgsql"), "{}", registry.kept[3].sql);
    // The partitioning example is modelled: the parent's key, the partition's parent, bound
    // and (inherited) columns.
    let audit = registry.tables.iter().find(|t| t.name == "audit_logs").expect("audit_logs");
    let key = audit.partition_by.as_ref().expect("partitioned");
    assert_eq!((key.strategy, key.key.as_str()), (relata_model::PartitionStrategy::Range, "created_at"));
    let partition = registry.tables.iter().find(|t| t.name == "audit_logs_2024_01").expect("the partition");
    let of = partition.partition_of.as_ref().expect("a partition");
    assert_eq!((of.parent.table.as_str(), of.bound.as_str()), ("audit_logs", "FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')"));
    assert_eq!(columns_of(&registry, "audit_logs_2024_01").len(), 3);
    assert!(diagnostics.iter().any(|d| d.message.starts_with("`INSERT INTO` is not imported")));

    // Compared with the bundled registry of the same document. Its differences, by design:
    // - it has projects, project_items and project_types, which the seed gives only as
    //   placeholders ({{ENTITY_1}}, …) that are not SQL; and the enum types of those;
    // - its audit_logs has the ER diagram's ten columns; the seed's SQL has only the
    //   three-column partitioning example (and the partition audit_logs_2024_01);
    // - its enum and jsonb defaults carry the cast PostgreSQL adds (`'free'::tenant_plan`);
    //   the seed writes `'free'`, and the import keeps what is written;
    // - its modules are the document's domains; the import puts tables in their schema's.
    let (bundled, _) =
        relata_codec::folder::parse(&crate::read_folder(&crate::registries_dir().join("schema-template")));
    let names: Vec<&str> = registry.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["tenants", "users", "audit_logs", "audit_logs_2024_01"]);
    let without_cast = |d: &str| d.split("::").next().expect("a default").to_owned();
    for table in ["tenants", "users"] {
        let ours: Vec<(String, String, bool, Option<String>)> = columns_of(&registry, table)
            .iter()
            .map(|s| (s.column.clone(), s.data_type.clone(), s.nullable, s.default.clone()))
            .collect();
        let theirs: Vec<(String, String, bool, Option<String>)> = columns_of(&bundled, table)
            .iter()
            .map(|s| (s.column.clone(), s.data_type.clone(), s.nullable, s.default.as_deref().map(without_cast)))
            .collect();
        assert_eq!(ours, theirs, "{table}: columns, types, nullability and defaults");
        let t = |r: &Registry| r.tables.iter().find(|x| x.name == table).cloned().expect("the table");
        let (ours, theirs) = (t(&registry), t(&bundled));
        assert_eq!(ours.primary_key, theirs.primary_key, "{table}");
        let indexes = |t: &relata_model::Table| {
            t.indexes
                .iter()
                .map(|i| (i.name.clone(), i.parts.clone(), i.unique, i.predicate.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(indexes(&ours), indexes(&theirs), "{table}: indexes, partial unique ones included");
    }
    let tenants = registry.tables.iter().find(|t| t.name == "tenants").expect("tenants");
    assert!(tenants.indexes[0].unique && tenants.indexes[0].predicate.as_deref() == Some("deleted_at IS NULL"));
    let enums = |r: &Registry| {
        let mut e: Vec<_> =
            r.enums.iter().filter(|e| e.name == "tenant_plan" || e.name == "user_role").cloned().collect();
        e.sort_by(|a, b| a.name.cmp(&b.name));
        e.iter()
            .map(|e| (e.name.clone(), e.values.iter().map(|v| v.name.clone()).collect::<Vec<_>>()))
            .collect::<Vec<_>>()
    };
    assert_eq!(registry.enums.len(), 2, "the repeated CREATE TYPEs are not imported twice");
    assert_eq!(enums(&registry), enums(&bundled));
    // The one foreign key of the seed's SQL, as the bundled registry has it.
    assert_eq!(registry.relationships.len(), 1);
    let ours = &registry.relationships[0];
    let theirs = bundled.relationships.iter().find(|r| r.key == ours.key).expect("users__tenant_id__tenants");
    // Ends compared without the database engine and name (the bundled registry says
    // `postgres`/`schema_template`, the import its defaults).
    let end = |e: &relata_model::RelationshipEnd| (e.schema.clone(), e.table.clone(), e.columns.clone());
    assert_eq!((end(&ours.child), end(&ours.parent)), (end(&theirs.child), end(&theirs.parent)));
    assert_eq!((ours.on_delete, ours.on_update), (theirs.on_delete, relata_model::ReferentialAction::NoAction));
    assert!(ours.is_required && !ours.create_child_index, "its only index is partial, so no child index");
}

/// Every broken fixture: its file, the place and code of its error, and a piece of the message.
const BROKEN: &[(&str, &str, &str)] = &[
    ("unterminated_string.sql", "4:20 S101", "Unterminated string literal"),
    ("unclosed_comment.sql", "3:3 S101", "a /* comment that never closes"),
    ("unterminated_dollar_quote.sql", "3:40 S101", "Unterminated dollar-quoted"),
    ("missing_paren.sql", "2:34 S100", "cannot read this CREATE TABLE statement: expected ',' or ')' after column definition, but the statement ends there"),
    ("table_without_name.sql", "2:14 S100", "cannot read this CREATE TABLE statement: expected a name, found `(`"),
    ("unknown_column_clause.sql", "4:36 S100", "found `SPARKLING`"),
    ("unknown_parent_table.sql", "4:32 S106", "no table `public.users` is created"),
    ("unknown_index_column.sql", "3:30 S106", "table `public.t` has no column `nmae`"),
    ("duplicate_table.sql", "3:14 S105", "table `public.t` is created twice"),
    ("duplicate_column.sql", "4:5 S105", "column `id` is defined twice"),
    ("fk_column_count.sql", "4:16 S107", "has 2 column(s) but references 1"),
    ("two_primary_keys.sql", "4:20 S108", "already has a primary key (id)"),
    ("alter_unknown_table.sql", "3:18 S106", "no table `public.missing`"),
    ("comment_unknown_column.sql", "3:21 S106", "has no column `idd`"),
    ("duplicate_enum_value.sql", "2:13 S105", "lists 'ok' twice"),
    // What PostgreSQL 15 rejects among the constructs the import models (partitions, identity,
    // CHECK and EXCLUDE constraints, INCLUDE, the search path, DROP): one located error each.
    ("generated_not_stored.sql", "5:1 S100", "expected `STORED`, found `)`"),
    ("duplicate_constraint_name.sql", "5:16 S105", "already has a constraint named `positive`"),
    ("unique_include_unknown_column.sql", "4:44 S106", "table `public.t` has no column `nope`"),
    ("index_include_unknown_column.sql", "3:36 S106", "table `public.t` has no column `c`"),
    ("identity_twice.sql", "3:33 S105", "`public.t.id` is already an identity column"),
    ("partition_of_unknown_parent.sql", "3:34 S106", "no table `public.events` is created"),
    ("attach_unknown_partition.sql", "3:42 S106", "no table `public.events_2025` is created"),
    ("statistics_unknown_column.sql", "3:33 S106", "table `public.t` has no column `b`"),
    ("identity_unknown_column.sql", "3:33 S106", "table `public.t` has no column `id`"),
    ("drop_unknown_table.sql", "3:12 S106", "PostgreSQL drops only what exists"),
    ("check_without_parentheses.sql", "2:33 S100", "expected `(`, found `a`"),
    ("unterminated_quoted_name.sql", "3:14 S101", "a quoted name (\"…\") never closes"),
    ("search_path_hides_table.sql", "5:49 S106", "no table `app.users` is created"),
    ("exclude_unclosed.sql", "2:57 S100", "but the statement ends there"),
    ("partition_by_without_strategy.sql", "2:14 S110", "PARTITION BY takes RANGE, LIST or HASH"),
    ("comment_unknown_table.sql", "3:18 S106", "no table `public.nowhere` is created"),
    ("like_unknown_option.sql", "3:38 S100", "a LIKE option is one of COMMENTS"),
    ("like_unknown_table.sql", "3:37 S106", "no table `public.missing` is created"),
    ("like_duplicate_column.sql", "3:36 S105", "column `name` is defined twice in table `public.copy`: LIKE `public.ok` copies it too"),
];

#[test]
fn broken_sql_gives_one_located_error_and_the_rest_still_imports() {
    let dir = format!("{}/tests/data/sql/broken", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("the folder")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut listed: Vec<String> = BROKEN.iter().map(|(f, ..)| (*f).to_owned()).collect();
    listed.sort();
    assert_eq!(files, listed, "every fixture is checked");
    for (file, place, fragment) in BROKEN {
        let (registry, diagnostics) = run(&data(&format!("broken/{file}")), file);
        let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
        assert_eq!(places(&diagnostics, Severity::Error), [*place], "{file}: {diagnostics:#?}");
        assert!(errors[0].message.contains(fragment), "{file}: {}", errors[0].message);
        // A fixture's `ok` table comes after, or before, the broken statement: it is there.
        let text = data(&format!("broken/{file}"));
        if text.contains("CREATE TABLE ok") {
            assert!(registry.tables.iter().any(|t| t.name == "ok"), "{file}: the good statement is imported");
        }
    }
}

#[test]
fn pg_dump_session_settings_are_silent_and_other_statements_are_kept() {
    let text = "SET statement_timeout = 0;\nSELECT pg_catalog.set_config('search_path', '', false);\n\
                CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;\n\
                CREATE TABLE public.t (id integer NOT NULL, c text COLLATE pg_catalog.\"C\", CHECK (id > 0));\n\
                ALTER TABLE public.t OWNER TO app;\nGRANT SELECT ON public.t TO reader;\n\\connect other\n";
    let (registry, diagnostics) = run(text, "d.sql");
    assert_eq!(registry.tables.len(), 1);
    let seen: Vec<String> =
        diagnostics.iter().map(|d| format!("{} {} {}", d.location, d.severity.as_str(), d.code)).collect();
    // The extension, the owner and the grant are kept as written (an info each); the
    // collation and the CHECK are modelled; the psql command is reported.
    assert_eq!(
        seen,
        ["d.sql:3:1 info S102", "d.sql:5:1 info S102", "d.sql:6:1 info S102", "d.sql:7:1 info S103"],
        "{diagnostics:#?}"
    );
    let kept: Vec<(&str, Option<String>)> =
        registry.kept.iter().map(|k| (k.kind.as_str(), k.on.as_ref().map(ToString::to_string))).collect();
    assert_eq!(kept, [("extension", None), ("owner", Some("public.t".into())), ("grant", Some("public.t".into()))]);
    assert_eq!(registry.kept[0].sql, "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public");
    assert_eq!(registry.tables[0].checks[0].expression, "id > 0");
    let c = registry.signals.iter().find(|s| s.column == "c").expect("column c");
    assert_eq!(c.spec.collation.as_deref(), Some("pg_catalog.\"C\""));
}

const SIGNIFICANT: &[char] =
    &['(', ')', ';', ',', '\'', '"', '$', '-', '/', '*', '.', ':', '\n', ' ', 'a', '1', 'é', '\\', '['];

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Up to five random mutations of a valid schema: the import returns (no panic), and every
    /// diagnostic points inside the text.
    #[test]
    fn mutated_sql_never_panics(
        features in any::<bool>(),
        mutations in proptest::collection::vec(mutation(SIGNIFICANT), 1..6),
    ) {
        // Either schema: the second has every construct of PostgreSQL 15 the import models or
        // keeps (partitions, identity options, kept statements, search paths).
        let mut text = data(if features { "pg15_features.sql" } else { "rich.sql" });
        for m in &mutations {
            text = apply(&text, m);
        }
        let (_, diagnostics) = run(&text, "m.sql");
        let lines = text.split('\n').count() as u32;
        for d in &diagnostics {
            match &d.location {
                Location::File { line, column, .. } => {
                    prop_assert!(*line >= 1 && *line <= lines && *column >= 1, "{d} outside the text");
                }
                other => prop_assert!(false, "{d}: not a file location: {other:?}"),
            }
        }
    }
}

#[test]
fn deeply_nested_input_is_an_error_not_a_stack_overflow() {
    let text = format!("CREATE TABLE t (a integer DEFAULT {}1{});", "(".repeat(5000), ")".repeat(5000));
    let (_, diagnostics) = run(&text, "deep.sql");
    assert_eq!(places(&diagnostics, Severity::Error).len(), 1, "{diagnostics:#?}");
}

#[test]
fn statements_postgresql_takes_but_sqlparser_cannot_read_are_kept_with_a_warning_and_exported() {
    // PostgreSQL 15 takes each of these; sqlparser reads none of them. None stops the import.
    let text = "CREATE TABLE t (a integer PRIMARY KEY, b text);\n\
                ALTER TABLE t SET (fillfactor = 70);\n\
                CREATE INDEX t_b ON t USING btree (b) TABLESPACE pg_default;\n\
                COMMENT ON TABLE t IS $$Dollar-quoted$$;\n\
                CREATE TABLE ok (id integer);\n";
    let (registry, diagnostics) = run(text, "k.sql");
    assert!(places(&diagnostics, Severity::Error).is_empty(), "{diagnostics:#?}");
    // The ALTER TABLE sqlparser reads but Relata does not model is kept with an info; the two
    // it cannot read, with a warning quoting them, at the place it stopped.
    assert_eq!(places(&diagnostics, Severity::Warning), ["3:39 S109", "4:23 S109"], "{diagnostics:#?}");
    assert!(diagnostics.iter().any(|d| d.code == "S109" && d.message.contains("`CREATE INDEX t_b ON t USING btree (b) TABLESPACE pg_default`")));
    let kept: Vec<&str> = registry.kept.iter().map(|k| k.sql.as_str()).collect();
    assert_eq!(
        kept,
        ["ALTER TABLE t SET (fillfactor = 70)", "CREATE INDEX t_b ON t USING btree (b) TABLESPACE pg_default", "COMMENT ON TABLE t IS $$Dollar-quoted$$"]
    );
    assert!(registry.tables.iter().any(|t| t.name == "ok"));
    let export = relata_formats::sql::Ddl::new(&registry, &relata_formats::sql::Postgres, &relata_rules::RuleSet::preset("zayaz").unwrap()).to_string();
    for statement in kept {
        assert!(export.contains(&format!("{statement};")), "{statement} is written back:\n{export}");
    }
}

#[test]
fn owners_and_privileges_are_written_back_unless_the_export_leaves_them_out() {
    // PostgreSQL 15's pg_dump of pg15_features.sql: every table has an owner, two grants.
    let (registry, diagnostics) = run(&data("pg15_features.dump.sql"), "dump.sql");
    assert!(places(&diagnostics, Severity::Error).is_empty(), "{diagnostics:#?}");
    let rules = relata_rules::RuleSet::preset("zayaz").unwrap();
    let export = |options: &relata_formats::export::ExportOptions| {
        relata_formats::export::export(&registry, relata_formats::export::ExportFormat::Sql, options, &rules)
    };
    let all = relata_formats::export::ExportOptions { include_inactive: true, ..Default::default() };
    let full = export(&all);
    assert!(full.contains("ALTER TABLE app.customers OWNER TO postgres;"), "{full}");
    assert!(full.contains("GRANT SELECT ON TABLE app.customers TO relata_reader;"), "{full}");
    let bare = export(&relata_formats::export::ExportOptions { no_owner: true, no_privileges: true, ..all.clone() });
    assert!(!bare.contains(" OWNER TO ") && !bare.contains("GRANT "), "{bare}");
    // Everything else is still there: the functions, triggers, policies and comments.
    assert!(bare.contains("CREATE FUNCTION app.touch()") && bare.contains("CREATE POLICY customers_own"), "{bare}");
    let owners_only = export(&relata_formats::export::ExportOptions { no_owner: true, ..all });
    assert!(!owners_only.contains(" OWNER TO ") && owners_only.contains("GRANT SELECT ON TABLE app.customers"), "{owners_only}");
}

/// Views are read-only tables: the SQL export writes each one's statement once, as the source
/// had it (not as a kept statement, not as a table), and DBML and Mermaid, which have no
/// views, leave them out with a comment their own parsers accept.
#[test]
fn views_are_tables_that_sql_writes_as_views_and_dbml_and_mermaid_name_in_a_comment() {
    use relata_formats::export::{export, ExportFormat, ExportOptions};
    let (registry, diagnostics) = run(&data("pg15_features.sql"), "pg15_features.sql");
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:#?}");
    let views: Vec<String> = registry.tables.iter().filter(|t| t.is_view()).map(|t| t.table_ref().to_string()).collect();
    assert_eq!(views, ["app.active_customers", "audit.daily_totals"]);
    let options = ExportOptions::default();
    let sql = export(&registry, ExportFormat::Sql, &options, &rules());
    assert_eq!(sql.matches("CREATE VIEW app.active_customers").count(), 1, "{sql}");
    assert_eq!(sql.matches("CREATE MATERIALIZED VIEW audit.daily_totals").count(), 1);
    assert!(!sql.contains("CREATE TABLE app.active_customers") && !sql.contains("CREATE TABLE audit.daily_totals"));
    // Before what uses it: the matview's index and the view's comment.
    let at = |text: &str| sql.find(text).unwrap_or_else(|| panic!("{text} in {sql}"));
    assert!(at("CREATE MATERIALIZED VIEW audit.daily_totals") < at("CREATE UNIQUE INDEX daily_totals_day"));
    assert!(at("CREATE VIEW app.active_customers") < at("COMMENT ON VIEW app.active_customers"));

    let note = "Not written, as this language has no views: app.active_customers, audit.daily_totals.";
    let dbml = export(&registry, ExportFormat::Dbml, &options, &rules());
    let mermaid = export(&registry, ExportFormat::Mermaid, &options, &rules());
    assert!(dbml.contains(&format!("// {note}")) && mermaid.contains(&format!("%% {note}")), "{dbml}\n{mermaid}");
    for (script, text) in [("dbml-check.mjs", dbml), ("mermaid-check.mjs", mermaid)] {
        let result = &crate::consumers::check(script, &[("features".to_owned(), text.clone())])[0];
        assert_eq!(result["ok"], serde_json::json!(true), "{script}: {}\n{text}", result["error"]);
        assert!(!text.contains("active_customers {") && !text.contains("daily_totals {"), "{text}");
    }
}
