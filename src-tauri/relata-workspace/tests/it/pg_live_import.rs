//! Live import of a rich PostgreSQL 15 database (relata-formats' `pg15_features.sql`:
//! extensions, collations, domains, partitions of every kind, CHECKs, identity and generated
//! columns, rich indexes, views, functions, triggers, row security, rules, grants, comments),
//! by both paths: through `pg_dump` the export re-creates the same full catalog
//! (`PgCluster::schema_catalog`), also for `--schema` with one schema; through the catalog
//! alone, every fact of the source is re-created or its object is named in a warning.

use std::collections::BTreeSet;

use relata_formats::sql::{Ddl, Postgres};
use relata_model::{Diagnostic, Registry, Severity};
use relata_rules::RuleSet;
use relata_store::postgres::import::{PgDump, Stage, Via};
use relata_testkit::pg::PgCluster;

use crate::pg_import::import_db_with;

/// The fixture of relata-formats' SQL import tests.
fn features() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../relata-formats/tests/data/sql/pg15_features.sql");
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn ddl(registry: &Registry) -> String {
    let rules = RuleSet::preset("zayaz").expect("the zayaz preset");
    Ddl::new(registry, &Postgres, &rules).to_string()
}

/// Up to 20 lines on each side of two catalogs, or `None` when they are equal.
fn difference(a: &BTreeSet<String>, b: &BTreeSet<String>) -> Option<String> {
    let only_a: Vec<&String> = a.difference(b).take(20).collect();
    let only_b: Vec<&String> = b.difference(a).take(20).collect();
    (!only_a.is_empty() || !only_b.is_empty()).then(|| format!("only in the source: {only_a:#?}\nonly in the export: {only_b:#?}"))
}

fn warnings(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics.iter().filter(|d| d.severity != Severity::Info).map(ToString::to_string).collect()
}

/// A cluster with the fixture applied to database `source`.
fn source() -> (PgCluster, BTreeSet<String>) {
    let pg = PgCluster::start();
    pg.create_database("source");
    pg.psql_single_transaction("source", &features()).unwrap_or_else(|e| panic!("PostgreSQL rejects the fixture: {e}"));
    let catalog = pg.schema_catalog("source");
    assert!(catalog.len() > 150, "the fixture makes a rich catalog: {} facts", catalog.len());
    (pg, catalog)
}

#[test]
fn a_live_import_through_pg_dump_recreates_every_postgresql_15_feature() {
    let (pg, source) = source();
    let (imported, progress) = import_db_with(&pg, "source", &[], PgDump::Search);
    assert!(matches!(imported.via, Via::PgDump { major, .. } if major >= 15), "{:?}", imported.via);
    assert!(warnings(&imported.diagnostics).is_empty(), "{:#?}", warnings(&imported.diagnostics));
    let stages: Vec<Stage> = progress.iter().map(|p| p.stage).collect();
    assert_eq!(
        stages,
        [
            Stage::Connecting,
            Stage::Dumped,
            Stage::Schemas,
            Stage::Tables,
            Stage::Columns,
            Stage::Constraints,
            Stage::Indexes,
            Stage::Enums,
            Stage::Others,
            Stage::Done
        ]
    );
    let count = |stage: Stage| progress.iter().find(|p| p.stage == stage).map(|p| p.count);
    assert_eq!(count(Stage::Tables), Some(imported.registry.tables.len()));
    assert_eq!(count(Stage::Others), Some(imported.registry.kept.len()));
    assert!(count(Stage::Dumped).is_some_and(|lines| lines > 100), "{progress:?}");

    let again = ddl(&imported.registry);
    pg.create_database("from_dump");
    pg.psql_single_transaction("from_dump", &again).unwrap_or_else(|e| panic!("PostgreSQL rejects the export: {e}\n{again}"));
    if let Some(d) = difference(&source, &pg.schema_catalog("from_dump")) {
        panic!("the source and the export of its live import differ: {d}");
    }

    // Modelled is modelled, as in the SQL import; the database's name is the tables'.
    let r = &imported.registry;
    let table = |name: &str| r.tables.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("{name}"));
    assert_eq!(table("customers").checks.len(), 2);
    assert_eq!(table("customers").db_name.as_deref(), Some("source"));
    assert_eq!(table("customers").status, relata_model::TableStatus::Stable);
    assert_eq!(table("orders_2026").partition_of.as_ref().map(|p| p.parent.table.as_str()), Some("orders"));
    assert_eq!(table("rooms").exclusions.len(), 1);
    let sort = table("customers").indexes.iter().find(|i| i.name.as_deref() == Some("customers_sort")).expect("customers_sort");
    assert_eq!(sort.parts[0].opclass.as_deref(), Some("text_pattern_ops"));
    assert!(r.kept.iter().any(|k| k.kind == relata_model::KeptKind::Function && k.name.starts_with("normalized")), "{:#?}", r.kept);
    assert!(!r.kept.iter().any(|k| k.kind == relata_model::KeptKind::Extension && k.sql.contains("plpgsql")));
}

/// The lines of a schema catalog about schema `name`: its own objects, and the triggers and
/// policies on its tables.
fn of_schema(catalog: &BTreeSet<String>, name: &str) -> BTreeSet<String> {
    let quoted = format!("\"{name}\"");
    let qualified = format!(" {name}.");
    catalog
        .iter()
        .filter(|l| {
            l.split(' ').nth(1) == Some(quoted.as_str())
                || ((l.starts_with("trigger ") || l.starts_with("policy ")) && (l.contains(&qualified) || l.contains(&format!("\"{name}."))))
        })
        .cloned()
        .collect()
}

#[test]
fn a_live_import_of_one_schema_recreates_that_schema_by_either_path() {
    let (pg, source) = source();
    let want = of_schema(&source, "app");
    assert!(want.len() > 50, "{want:#?}");
    for (path, pg_dump) in [("dump", PgDump::Search), ("catalog", PgDump::Never)] {
        let (imported, _) = import_db_with(&pg, "source", &["app"], pg_dump);
        assert_eq!(matches!(imported.via, Via::PgDump { .. }), path == "dump", "{:?}", imported.via);
        assert!(warnings(&imported.diagnostics).is_empty(), "{path}: {:#?}", warnings(&imported.diagnostics));
        let schemas: BTreeSet<&str> = imported.registry.tables.iter().map(|t| t.schema.as_str()).collect();
        assert_eq!(schemas, BTreeSet::from(["app"]), "{path}");
        let kept = &imported.registry.kept;
        assert!(kept.iter().all(|k| k.schema.as_deref().is_none_or(|s| s == "app")), "{path}: {kept:#?}");
        assert!(!kept.iter().any(|k| k.kind == relata_model::KeptKind::Extension), "{path}: as pg_dump -n, no extension: {kept:#?}");
        // pg_dump -n writes no extension: they are created first, as a person restoring one
        // schema would.
        let db = format!("only_app_{path}");
        pg.create_database(&db);
        pg.psql(&db, "CREATE EXTENSION pg_trgm; CREATE EXTENSION btree_gist; CREATE EXTENSION citext; CREATE EXTENSION hstore;")
            .expect("the extensions");
        let again = ddl(&imported.registry);
        pg.psql_single_transaction(&db, &again).unwrap_or_else(|e| panic!("{path}: PostgreSQL rejects the export: {e}\n{again}"));
        if let Some(d) = difference(&want, &of_schema(&pg.schema_catalog(&db), "app")) {
            panic!("{path}: schema app of the source and of the export differ: {d}");
        }
    }
}

#[test]
fn a_pg_dump_that_fails_is_an_error_naming_it_and_never_the_password() {
    let pg = PgCluster::start();
    pg.create_database("shop");
    pg.psql("shop", "CREATE TABLE t (id int PRIMARY KEY);").expect("a table");
    // A program that says it is pg_dump 99 and then fails, as a broken installation would.
    let dir = tempfile::tempdir().expect("a temporary directory");
    let fake = dir.path().join("pg_dump");
    std::fs::write(&fake, "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'pg_dump (PostgreSQL) 99.0'; exit 0; fi\necho \"pg_dump: error: connection failed ($PGPASSWORD)\" >&2\nexit 1\n")
        .expect("the script");
    std::fs::set_permissions(&fake, std::os::unix::fs::PermissionsExt::from_mode(0o755)).expect("chmod");
    let rules = RuleSet::preset("zayaz").expect("the zayaz preset");
    let options = relata_store::postgres::import::ImportOptions {
        schemas: Vec::new(),
        now: relata_model::Timestamp::from_parts(2026, 11, 22, 12, 0, 0),
        rules: &rules,
        pg_dump: PgDump::Program(fake.clone()),
        read_dump: relata_workspace::read_dump,
    };
    let url = pg.url("shop").replace("postgres@", "postgres:hunter2secret@");
    let database = relata_store::postgres::Database::from_url(&url).expect("a URL");
    let err = crate::block_on(relata_store::postgres::import::import(&database, &options, &mut |_| {})).expect_err("pg_dump fails");
    let said = err.to_string();
    assert!(said.contains("pg_dump") && said.contains(&fake.display().to_string()) && said.contains("connection failed"), "{said}");
    assert!(!said.contains("hunter2secret"), "{said}");

    // A schema the database does not have is an error on either path, naming it.
    for pg_dump in [PgDump::Program(fake.clone()), PgDump::Never] {
        let options = relata_store::postgres::import::ImportOptions { schemas: vec!["shop".into(), "sales".into()], pg_dump, ..options.clone() };
        let err = crate::block_on(relata_store::postgres::import::import(&database, &options, &mut |_| {})).expect_err("no such schema");
        assert_eq!(err.kind, relata_store::ErrorKind::NotFound, "{err}");
        assert!(err.to_string().ends_with("the database has no schema `sales`, `shop`"), "{err}");
    }

    // A pg_dump older than the server is not run: the catalog path, with a warning saying why.
    std::fs::write(&fake, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n").expect("the script");
    let options = relata_store::postgres::import::ImportOptions { pg_dump: PgDump::Program(fake.clone()), ..options };
    let imported = crate::block_on(relata_store::postgres::import::import(&database, &options, &mut |_| {})).expect("the catalog path");
    assert_eq!(imported.via, Via::Catalog);
    let said: Vec<String> = imported.diagnostics.iter().map(ToString::to_string).collect();
    assert!(said.iter().any(|d| d.contains("warning[P105]") && d.contains("version 9")), "{said:#?}");
    assert_eq!(imported.registry.tables.len(), 1);
}

/// The JSON strings of a catalog line, in order (the names and texts of the fact).
fn strings(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut s = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\\' => s.extend(chars.next()),
                '"' => break,
                c => s.push(c),
            }
        }
        found.push(s);
    }
    found
}

/// The names under which a warning would name the object of a catalog `line`.
fn names_of(line: &str) -> Vec<String> {
    let kind = line.split(' ').next().unwrap_or("");
    let s = strings(line);
    let at = |n: usize| s.get(n).cloned().unwrap_or_default();
    match kind {
        "relation" | "column" | "constraint" | "domain" | "range" | "collation" | "enum" | "sequence" => vec![format!("{}.{}", at(0), at(1))],
        "index" => {
            // The table from the definition: `CREATE … INDEX name ON [ONLY] schema.table …`.
            let def = at(2);
            let table = def.split(" ON ").nth(1).map(|rest| rest.trim_start_matches("ONLY ").split(' ').next().unwrap_or("").to_owned());
            table.into_iter().collect()
        }
        "schema" => vec![format!("schema {}", at(0))],
        "extension" => vec![format!("extension {}", at(0))],
        "function" => vec![format!("{}.{}(", at(0), at(1))],
        "trigger" | "policy" | "rule" => vec![format!("{} on", at(0))],
        _ => Vec::new(),
    }
}

/// Whether `message` names `name` as a whole (not as the start of a longer name).
fn names(message: &str, name: &str) -> bool {
    message.match_indices(name).any(|(i, _)| {
        let before = message[..i].chars().next_back();
        let after = message[i + name.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_') && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[test]
fn a_live_import_through_the_catalog_keeps_or_names_every_object() {
    let (pg, source) = source();
    let (imported, progress) = import_db_with(&pg, "source", &[], PgDump::Never);
    assert_eq!(imported.via, Via::Catalog);
    assert_eq!(progress.first().map(|p| p.stage), Some(Stage::Connecting));
    assert!(!progress.iter().any(|p| p.stage == Stage::Dumped), "{progress:?}");
    let again = ddl(&imported.registry);
    pg.create_database("from_catalog");
    pg.psql_single_transaction("from_catalog", &again).unwrap_or_else(|e| panic!("PostgreSQL rejects the export: {e}\n{again}"));
    let recreated = pg.schema_catalog("from_catalog");
    // Everything the fixture makes the catalog path models or writes again: the same catalog.
    if let Some(d) = difference(&source, &recreated) {
        panic!("everything of the fixture has a deparse function or is plain enough to write, yet: {d}");
    }
    assert!(warnings(&imported.diagnostics).is_empty(), "{:#?}", warnings(&imported.diagnostics));

    // What it keeps: the model as the SQL import makes it, and the rest as statements.
    let r = &imported.registry;
    let table = |name: &str| r.tables.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("{name}"));
    let customers = table("customers");
    let checks: Vec<(&str, bool)> = customers.checks.iter().map(|c| (c.name.as_deref().unwrap_or(""), c.not_valid)).collect();
    assert_eq!(checks, [("customers_born_recent", true), ("customers_name_not_blank", false)]);
    assert!(customers.unique_constraints[0].nulls_not_distinct);
    let sort = customers.indexes.iter().find(|i| i.name.as_deref() == Some("customers_sort")).expect("customers_sort");
    assert_eq!(sort.parts[0].opclass.as_deref(), Some("text_pattern_ops"));
    assert_eq!(sort.parts[0].collation.as_deref(), Some("\"C\""));
    assert!(sort.parts[0].descending && sort.parts[0].nulls_first.is_none(), "DESC is NULLS FIRST already: {:?}", sort.parts[0]);
    assert_eq!((sort.include.as_slice(), sort.with.as_deref()), (&["email".to_owned()][..], Some("fillfactor=70")));
    let trgm = customers.indexes.iter().find(|i| i.name.as_deref() == Some("customers_name_trgm")).expect("customers_name_trgm");
    assert_eq!((trgm.method, trgm.parts[0].opclass.as_deref()), (relata_model::IndexMethod::Gin, Some("gin_trgm_ops")));
    let column = |table: &str, name: &str| {
        r.signals.iter().find(|s| s.table.as_ref().is_some_and(|t| t.table == table) && s.column == name).expect("a column")
    };
    let id = column("customers", "id").spec.identity.clone().expect("an identity");
    assert!(id.always && id.options.as_deref().is_some_and(|o| o.contains("START WITH 1000 INCREMENT BY 10")), "{id:?}");
    assert_eq!(column("customers", "name_upper").spec.generated.as_deref(), Some("upper(name)"));
    assert_eq!(column("customers", "name").spec.collation.as_deref(), Some("app.nocase"));
    assert_eq!(column("customers", "tags").spec.statistics, Some(500));
    assert_eq!(table("rooms").exclusions.len(), 1);
    assert_eq!(table("invoices_eu").partition_by.as_ref().map(|k| k.key.as_str()), Some("issued_on"));
    assert_eq!(table("invoices_eu").partition_of.as_ref().map(|p| p.bound.as_str()), Some("FOR VALUES IN ('DE', 'FR', 'NL')"));
    assert_eq!(table("payments").unique_constraints[0].deferral, relata_model::Deferral::Deferrable);
    // Extension-owned tables and functions stay out; the extensions come back whole.
    assert!(!r.kept.iter().any(|k| k.sql.contains("similarity(") || k.sql.contains("hstore_in")), "{:#?}", r.kept);
    assert!(r.kept.iter().any(|k| k.kind == relata_model::KeptKind::Extension && k.name == "pg_trgm"));
    for kind in [relata_model::KeptKind::Function, relata_model::KeptKind::Trigger, relata_model::KeptKind::Domain] {
        assert!(r.kept.iter().any(|k| k.kind == kind), "a kept {kind:?}: {:#?}", r.kept);
    }
    // Views are read-only tables with the types PostgreSQL gave their columns.
    assert!(!r.kept.iter().any(|k| matches!(k.kind, relata_model::KeptKind::View | relata_model::KeptKind::MaterializedView)), "{:#?}", r.kept);
    let typed = |name: &str| -> Vec<(String, String)> {
        r.columns_of(&table(name).table_ref()).iter().map(|s| (s.column.clone(), s.data_type.clone())).collect()
    };
    assert!(table("daily_totals").view.as_ref().is_some_and(|v| v.materialized && v.sql.starts_with("CREATE MATERIALIZED VIEW audit.daily_totals")));
    assert_eq!(typed("daily_totals"), [("placed_on".to_owned(), "date".to_owned()), ("total".to_owned(), "numeric".to_owned())]);
    assert_eq!(typed("active_customers")[0], ("id".to_owned(), "bigint".to_owned()));
}

/// What the catalog path can neither model nor write again, on top of the fixture.
const BEYOND_THE_CATALOG: &str = "
CREATE AGGREGATE app.text_concat(text) (SFUNC = textcat, STYPE = text);
CREATE STATISTICS app.customers_stats ON name, code FROM app.customers;
CREATE TEXT SEARCH CONFIGURATION app.simple_copy (COPY = pg_catalog.simple);
ALTER TABLE app.customers DISABLE TRIGGER customers_touch;
CREATE ROLE relata_owner;
ALTER TABLE billing.rooms OWNER TO relata_owner;
GRANT SELECT (name) ON app.customers TO relata_reader;
";

#[test]
fn a_live_import_through_the_catalog_names_every_object_it_cannot_keep() {
    let (pg, _) = source();
    pg.psql_single_transaction("source", BEYOND_THE_CATALOG).unwrap_or_else(|e| panic!("the extra objects: {e}"));
    let source = pg.schema_catalog("source");
    let (imported, _) = import_db_with(&pg, "source", &[], PgDump::Never);
    let again = ddl(&imported.registry);
    pg.create_database("from_catalog");
    pg.psql_single_transaction("from_catalog", &again).unwrap_or_else(|e| panic!("PostgreSQL rejects the export: {e}\n{again}"));
    let recreated = pg.schema_catalog("from_catalog");
    let warned: Vec<&str> =
        imported.diagnostics.iter().filter(|d| d.severity == Severity::Warning && d.code == "P106").map(|d| d.message.as_str()).collect();
    for object in [
        "aggregate app.text_concat(text)",
        "statistics object app.customers_stats",
        "text search configuration app.simple_copy",
        "disabled trigger customers_touch on app.customers",
        "owner of billing.rooms (relata_owner)",
        "privileges on column app.customers.name",
    ] {
        assert!(warned.iter().any(|m| m.starts_with(object)), "no warning names {object}: {warned:#?}");
    }
    assert_eq!(warned.len(), 6, "{warned:#?}");
    // Nothing silent: every fact of the source the export does not re-create (and every fact
    // it makes that the source did not have) belongs to an object a warning names.
    let changed: Vec<&String> = source.symmetric_difference(&recreated).collect();
    assert!(!changed.is_empty(), "the owner of billing.rooms is lost, and the catalogs show it");
    let unexplained: Vec<&&String> =
        changed.iter().filter(|line| !names_of(line).iter().any(|name| warned.iter().any(|m| names(m, name)))).collect();
    assert!(unexplained.is_empty(), "facts lost or changed without a warning naming their object: {unexplained:#?}\nwarnings: {warned:#?}");

    // pg_dump keeps them all: the same catalog again.
    let (dumped, _) = import_db_with(&pg, "source", &[], PgDump::Search);
    assert!(warnings(&dumped.diagnostics).is_empty(), "{:#?}", warnings(&dumped.diagnostics));
    pg.create_database("from_dump");
    let again = ddl(&dumped.registry);
    pg.psql_single_transaction("from_dump", &again).unwrap_or_else(|e| panic!("PostgreSQL rejects the export: {e}\n{again}"));
    if let Some(d) = difference(&source, &pg.schema_catalog("from_dump")) {
        panic!("the source and the export of its live import through pg_dump differ: {d}");
    }
}

#[test]
fn a_live_import_through_the_catalog_leaves_out_what_extensions_own() {
    let pg = PgCluster::start();
    pg.create_database("ext");
    // An extension that makes a table of its own, as PostGIS makes spatial_ref_sys.
    pg.psql(
        "ext",
        "CREATE EXTENSION hstore; CREATE TABLE public.own (id int PRIMARY KEY); \
         CREATE TABLE public.ext_table (id int); ALTER EXTENSION hstore ADD TABLE public.ext_table;",
    )
    .expect("an extension owning a table");
    for pg_dump in [PgDump::Never, PgDump::Search] {
        let (imported, _) = import_db_with(&pg, "ext", &[], pg_dump.clone());
        let tables: Vec<&str> = imported.registry.tables.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(tables, ["own"], "{pg_dump:?}");
        assert!(warnings(&imported.diagnostics).is_empty(), "{pg_dump:?}: {:#?}", warnings(&imported.diagnostics));
        let again = ddl(&imported.registry);
        pg.create_database(if pg_dump == PgDump::Never { "ext_catalog" } else { "ext_dump" });
        let db = if pg_dump == PgDump::Never { "ext_catalog" } else { "ext_dump" };
        pg.psql_single_transaction(db, &again).unwrap_or_else(|e| panic!("{pg_dump:?}: PostgreSQL rejects the export: {e}\n{again}"));
    }
}
