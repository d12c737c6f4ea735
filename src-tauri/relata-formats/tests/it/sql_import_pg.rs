//! The SQL import checked through a real PostgreSQL 15: a schema is applied to database A,
//! dumped with `pg_dump --schema-only`, imported, exported again with Relata's DDL and applied
//! to database B; B's catalogs (read with sql_pg's introspection) must equal A's — tables,
//! columns, types, defaults, keys, foreign keys with their clauses, indexes, enum types and
//! comments. Done for a rich hand-written schema, every bundled registry, a generated
//! 200-table one and the adversarial one (hard names: quotes, spaces, reserved words,
//! unicode, 63-byte identifiers).

use std::time::Instant;

use relata_codec::folder;
use relata_formats::sql::parse::{import, ImportOptions};
use relata_formats::sql::{Ddl, Postgres};
use relata_model::generate::{adversarial, generate, GenerateOptions};
use relata_model::{Diagnostic, Registry, Severity, Timestamp};
use relata_rules::RuleSet;
use relata_testkit::pg::PgCluster;

use crate::sql_pg::difference;
use crate::{bundled, read_folder};

fn rules() -> RuleSet {
    RuleSet::preset("zayaz").expect("the zayaz preset")
}

fn options() -> ImportOptions {
    ImportOptions::new(Timestamp::parse("2026-01-31 09:30:00+00").expect("a timestamp"))
}

/// What one trip through PostgreSQL gave: the dump, what the import said, and the registry.
struct Trip {
    dump: String,
    diagnostics: Vec<Diagnostic>,
    registry: Registry,
}

/// Applies `ddl` to `a_{n}`, dumps it, imports the dump, applies its export to `b_{n}` and
/// compares the two catalogs. Err names what went wrong.
fn trip(pg: &PgCluster, n: usize, ddl: &str) -> Result<Trip, String> {
    let (a, b) = (format!("a_{n}"), format!("b_{n}"));
    pg.create_database(&a);
    pg.psql_single_transaction(&a, ddl).map_err(|e| format!("PostgreSQL rejects the schema: {e}"))?;
    let dump = pg.pg_dump_schema(&a).map_err(|e| format!("pg_dump fails: {e}"))?;
    let rules = rules();
    let (registry, diagnostics) = import(&dump, "dump.sql", &options(), &rules);
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
    if !errors.is_empty() {
        return Err(format!("the dump does not import: {errors:#?}"));
    }
    let again = Ddl::new(&registry, &Postgres, &rules).to_string();
    pg.create_database(&b);
    pg.psql_single_transaction(&b, &again)
        .map_err(|e| format!("PostgreSQL rejects the re-exported DDL: {e}\n{again}"))?;
    if let Some(d) = difference(&pg.catalog(&a), &pg.catalog(&b), 20) {
        return Err(format!("database A (left) and B (right) differ: {d}"));
    }
    Ok(Trip { dump, diagnostics, registry })
}

/// The diagnostics other than the infos every dump has (owners, privileges).
fn noteworthy(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .map(|d| format!("{}[{}] {}: {}", d.severity.as_str(), d.code, d.location, d.message))
        .collect()
}

#[test]
fn a_rich_schema_survives_pg_dump_import_and_export() {
    let pg = PgCluster::start();
    let ddl =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sql/rich.sql")).expect("the fixture");
    let trip = trip(&pg, 0, &ddl).unwrap_or_else(|e| panic!("{e}"));
    // Everything pg_dump wrote is modelled or kept: no warning.
    let warnings = noteworthy(&trip.diagnostics);
    assert!(warnings.is_empty(), "{warnings:#?}");
    // Owners are kept as written (an info), at the line pg_dump wrote them.
    let owner =
        trip.dump.lines().position(|l| l.starts_with("ALTER TABLE public.tenants OWNER TO")).expect("an owner line")
            as u32
            + 1;
    assert!(trip
        .diagnostics
        .iter()
        .any(|d| d.code == "S102" && d.location == relata_model::Location::file("dump.sql", owner, 1)));
    // pg_dump adds the identity with ALTER TABLE … ADD GENERATED, naming its sequence: kept.
    let line_no = trip.registry.signals.iter().find(|s| s.column == "line_no").expect("line_no");
    let identity = line_no.spec.identity.as_ref().expect("an identity column");
    assert!(identity.always, "{identity:?}");
    assert!(
        identity.options.as_deref().is_some_and(|o| o.starts_with("SEQUENCE NAME \"Sales Ops\".order_line_no_seq")),
        "{identity:?}"
    );

    let r = &trip.registry;
    assert_eq!(r.tables.len(), 6);
    assert_eq!(
        r.enums.iter().map(|e| format!("{}.{}", e.schema, e.name)).collect::<Vec<_>>(),
        ["auth.User State", "public.tenant_plan"]
    );
    let column = |table: &str, column: &str| {
        r.signals
            .iter()
            .find(|s| s.table.as_ref().is_some_and(|t| t.table == table) && s.column == column)
            .unwrap_or_else(|| panic!("{table}.{column}"))
    };
    // Types and defaults as the registry spells them, the default schema dropped.
    assert_eq!(column("tenants", "plan").data_type, "tenant_plan");
    assert_eq!(column("tenants", "plan").default.as_deref(), Some("'free'::tenant_plan"));
    assert_eq!(column("tenants", "name").data_type, "varchar(255)");
    assert_eq!(column("tenants", "balance").data_type, "numeric(19,4)");
    assert_eq!(column("tenants", "tags").data_type, "text[]");
    assert_eq!(column("tenants", "created_at").data_type, "timestamptz");
    assert_eq!(column("users", "state").data_type, "auth.\"User State\"");
    // A serial column: its type and nextval default, as the registry holds one.
    assert_eq!(column("users", "id").data_type, "bigint");
    assert_eq!(column("users", "id").default.as_deref(), Some("nextval('auth.users_id_seq'::regclass)"));
    assert_eq!(
        column("order_items", "item").default.as_deref(),
        Some("nextval('\"Sales Ops\".order_items_item_seq'::regclass)")
    );
    assert_eq!(column("tenants", "slug").description.as_deref(), Some("URL-safe name\non two lines"));
    let tenants = r.tables.iter().find(|t| t.name == "tenants").expect("tenants");
    assert_eq!(tenants.purpose.as_deref(), Some("Top-level tenant; it's the isolation unit."));
    let partial =
        tenants.indexes.iter().find(|i| i.name.as_deref() == Some("uq_tenants_slug")).expect("the partial index");
    assert!(partial.unique && partial.predicate.as_deref() == Some("deleted_at IS NULL"), "{partial:?}");

    let fk = |name: &str| {
        r.relationships.iter().find(|x| x.constraint_name.as_deref() == Some(name)).unwrap_or_else(|| panic!("{name}"))
    };
    let order_user = fk("order_user_fkey");
    assert_eq!(order_user.match_type, relata_model::MatchType::Full);
    assert_eq!(order_user.on_delete, relata_model::ReferentialAction::SetNull);
    assert_eq!(order_user.on_update, relata_model::ReferentialAction::NoAction);
    assert!(order_user.deferrable && order_user.initially_deferred && !order_user.is_required);
    assert!(!order_user.create_child_index, "no index on order.user in A, so none in B");
    let items = fk("order_items_order_fkey");
    assert_eq!(items.child.columns, ["tenant_id", "order_number"]);
    assert!(items.deferrable && !items.initially_deferred && items.is_required && items.create_child_index);
    let users = fk("users_tenant_id_fkey");
    assert_eq!(users.relationship_type, relata_model::RelationshipType::ForeignKey);
    assert_eq!(users.enforcement, relata_model::EnforcementMode::DbFk);
    assert_eq!(users.child_index_name.as_deref(), Some("idx_users_tenant_id"));
    assert_eq!(users.key, "users__tenant_id__tenants");
}

#[test]
fn every_bundled_the_generated_and_the_adversarial_registry_survive_pg_dump_import_and_export() {
    let started = Instant::now();
    let pg = PgCluster::start();
    let rules = rules();
    let mut registries: Vec<(String, Registry)> = bundled()
        .into_iter()
        .map(|dir| {
            let (registry, diagnostics) = folder::parse(&read_folder(&dir));
            assert!(diagnostics.is_empty(), "{}: {diagnostics:#?}", dir.display());
            (dir.file_name().expect("a name").to_string_lossy().into_owned(), registry)
        })
        .collect();
    registries.push(("generated-200".into(), generate(&GenerateOptions::new(200))));
    registries.push(("adversarial".into(), adversarial()));
    let mut problems = Vec::new();
    for (n, (name, registry)) in registries.iter().enumerate() {
        let ddl = Ddl::new(registry, &Postgres, &rules).to_string();
        match trip(&pg, n + 1, &ddl) {
            Ok(trip) => {
                let warnings = noteworthy(&trip.diagnostics);
                if !warnings.is_empty() {
                    problems.push(format!("{name}: warnings on a dump of Relata's own DDL: {warnings:#?}"));
                }
                // Every table and every database foreign key comes back.
                let fks = registry.relationships.iter().filter(|r| r.is_db_enforceable()).count();
                if trip.registry.tables.len() != registry.tables.len() || trip.registry.relationships.len() != fks {
                    problems.push(format!(
                        "{name}: {} tables and {} relationships back, {} and {} exported",
                        trip.registry.tables.len(),
                        trip.registry.relationships.len(),
                        registry.tables.len(),
                        fks
                    ));
                }
            }
            Err(e) => problems.push(format!("{name}: {e}")),
        }
    }
    drop(pg);
    eprintln!("pg_dump round trips: {:.2}s", started.elapsed().as_secs_f64());
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// The schema of `pg15_features.sql`: every construct of a real PostgreSQL 15 schema the
/// import must model or keep.
fn features() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sql/pg15_features.sql")).expect("the fixture")
}

/// Imports `text` (no error, no warning: nothing of it may be lost), exports it, applies the
/// export to a new database `db` in one transaction and returns that database's schema
/// catalog with the registry.
fn import_export_apply(pg: &PgCluster, db: &str, text: &str, path: &str) -> (std::collections::BTreeSet<String>, Registry) {
    let rules = rules();
    let (registry, diagnostics) = import(text, path, &options(), &rules);
    let noteworthy = noteworthy(&diagnostics);
    assert!(noteworthy.is_empty(), "{path}: {noteworthy:#?}");
    let again = Ddl::new(&registry, &Postgres, &rules).to_string();
    pg.create_database(db);
    pg.psql_single_transaction(db, &again).unwrap_or_else(|e| panic!("{path}: PostgreSQL rejects the export: {e}\n{again}"));
    (pg.schema_catalog(db), registry)
}

/// The lines of `catalog` with privileges left out (what `--no-privileges` does not dump).
fn without_privileges(catalog: &std::collections::BTreeSet<String>) -> std::collections::BTreeSet<String> {
    catalog
        .iter()
        .map(|line| match (line.find(" acl "), line.find(" rls ").or_else(|| line.find(" comment "))) {
            (Some(from), Some(to)) if from < to => format!("{}{}", &line[..from], &line[to..]),
            _ => line.clone(),
        })
        .collect()
}

#[test]
fn every_postgresql_15_feature_survives_pg_dump_in_each_mode_and_as_written() {
    let pg = PgCluster::start();
    pg.create_database("source");
    pg.psql_single_transaction("source", &features()).unwrap_or_else(|e| panic!("PostgreSQL rejects the fixture: {e}"));
    let source = pg.schema_catalog("source");
    assert!(source.len() > 150, "the fixture makes a rich catalog: {} facts", source.len());

    let modes: [(&str, &[&str]); 3] =
        [("plain", &[]), ("clean", &["--clean", "--if-exists"]), ("bare", &["--no-owner", "--no-privileges"])];
    let mut problems = Vec::new();
    for (name, options) in modes {
        let dump = pg.pg_dump_schema_with("source", options).unwrap_or_else(|e| panic!("pg_dump {name}: {e}"));
        let (catalog, _) = import_export_apply(&pg, &format!("from_{name}"), &dump, &format!("{name}.sql"));
        let (want, got) = if name == "bare" { (without_privileges(&source), without_privileges(&catalog)) } else { (source.clone(), catalog) };
        if let Some(d) = difference(&want, &got, 20) {
            problems.push(format!("pg_dump {options:?}: the source (left) and the export (right) differ: {d}"));
        }
    }
    // The hand-written file itself: search_path games, forward references, partitions made
    // both ways, unnamed constraints.
    let (catalog, registry) = import_export_apply(&pg, "from_text", &features(), "pg15_features.sql");
    if let Some(d) = difference(&source, &catalog, 20) {
        problems.push(format!("as written: the source (left) and the export (right) differ: {d}"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));

    // Modelled is modelled: CHECKs, identity, index parts, partitions and unique options are
    // in the model, and none of them is among the statements kept as written.
    let table = |name: &str| registry.tables.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("{name}"));
    let customers = table("customers");
    assert_eq!(customers.checks.iter().map(|c| c.name.as_deref().unwrap_or("")).collect::<Vec<_>>(), ["customers_name_not_blank", "customers_born_recent"]);
    assert!(customers.checks[1].not_valid);
    assert!(customers.unique_constraints[0].nulls_not_distinct);
    let sort = customers.indexes.iter().find(|i| i.name.as_deref() == Some("customers_sort")).expect("customers_sort");
    assert_eq!(sort.parts[0].opclass.as_deref(), Some("text_pattern_ops"));
    assert!(sort.parts[0].descending && sort.parts[0].nulls_first == Some(true));
    assert_eq!((sort.include.as_slice(), sort.with.as_deref()), (&["email".to_owned()][..], Some("fillfactor = 70")));
    let column = |table: &str, name: &str| {
        registry.signals.iter().find(|s| s.table.as_ref().is_some_and(|t| t.table == table) && s.column == name).expect("a column")
    };
    let id = column("customers", "id").spec.identity.clone().expect("an identity");
    assert_eq!((id.always, id.options.as_deref()), (true, Some("START WITH 1000 INCREMENT BY 10")));
    assert_eq!(column("customers", "name_upper").spec.generated.as_deref(), Some("upper(name)"));
    assert_eq!(column("customers", "name").spec.collation.as_deref(), Some("app.nocase"));
    assert_eq!(column("customers", "born").data_type, "app.year", "a domain the search path found");
    assert_eq!(table("rooms").exclusions.len(), 1);
    assert_eq!(table("invoices_eu").partition_by.as_ref().map(|k| k.key.as_str()), Some("issued_on"));
    assert_eq!(table("orders_2026").partition_of.as_ref().map(|p| p.parent.table.as_str()), Some("orders"));
    assert_eq!(table("payments").unique_constraints[0].deferral, relata_model::Deferral::Deferrable);
    // LIKE copies columns where it stands, and only what its options name.
    let copied: Vec<&str> = registry.columns_of(&table("customers_import").table_ref()).iter().map(|s| s.column.as_str()).collect();
    assert_eq!(copied.first().copied(), Some("batch"));
    assert_eq!(copied.get(1..3), Some(&["id", "email"][..]));
    assert_eq!(copied.last().copied(), Some("source"));
    assert!(column("customers_import", "id").spec.identity.is_none(), "no INCLUDING IDENTITY");
    assert_eq!(column("customers_import", "code").default.as_deref(), column("customers", "code").default.as_deref());
    assert_eq!(table("rooms_archive").exclusions.len(), 1);
    for k in &registry.kept {
        let modelled = k.sql.contains(" CHECK ") && k.sql.starts_with("ALTER TABLE")
            || k.sql.contains("ATTACH PARTITION")
            || k.sql.contains("AS IDENTITY")
            || matches!(k.kind, relata_model::KeptKind::View | relata_model::KeptKind::MaterializedView)
            || (k.kind == relata_model::KeptKind::Index && registry.tables.iter().any(|t| !t.is_view() && Some(t.table_ref()) == k.on));
        assert!(!modelled, "kept as written though Relata models it: {}", k.sql);
    }
    // Views are read-only tables with their query's columns, typed from what they read.
    let typed = |name: &str| -> Vec<(String, String)> {
        registry.columns_of(&table(name).table_ref()).iter().map(|s| (s.column.clone(), s.data_type.clone())).collect()
    };
    assert!(table("active_customers").is_view() && !table("active_customers").view.as_ref().unwrap().materialized);
    let email = column("customers", "email").data_type.clone();
    assert_eq!(typed("active_customers"), [("id".into(), "bigint".into()), ("email".into(), email), ("name".into(), "text".into())]);
    assert!(table("daily_totals").view.as_ref().unwrap().materialized);
    assert_eq!(typed("daily_totals"), [("placed_on".to_owned(), "date".to_owned()), ("total".to_owned(), "numeric".to_owned())]);
}

/// The facts of a schema catalog about schema `name`: lines naming it (its objects, and
/// constraints and indexes written with its qualifier).
fn of_schema(catalog: &std::collections::BTreeSet<String>, name: &str) -> std::collections::BTreeSet<String> {
    let quoted = format!("\"{name}\"");
    let qualified = format!("{name}.");
    catalog.iter().filter(|l| l.contains(&quoted) || l.contains(&qualified)).cloned().collect()
}

#[test]
fn a_dump_of_one_schema_imports_and_applies_where_the_others_exist() {
    let pg = PgCluster::start();
    pg.create_database("source");
    pg.psql_single_transaction("source", &features()).unwrap_or_else(|e| panic!("PostgreSQL rejects the fixture: {e}"));
    // billing references app's tables and types, which a dump of billing alone does not hold.
    let billing = pg.pg_dump_schema_with("source", &["-n", "billing"]).expect("pg_dump -n billing");
    let others = pg.pg_dump_schema_with("source", &["-N", "billing"]).expect("pg_dump -N billing");
    pg.create_database("target");
    pg.psql_single_transaction("target", &others).unwrap_or_else(|e| panic!("the other schemas apply: {e}"));

    let rules = rules();
    let (registry, diagnostics) = import(&billing, "billing.sql", &options(), &rules);
    let noteworthy = noteworthy(&diagnostics);
    assert!(noteworthy.is_empty(), "{noteworthy:#?}");
    // The foreign key to app.orders, a table of another schema, is kept as written.
    assert!(
        registry.kept.iter().any(|k| k.sql.contains("invoices_order_fkey") && k.sql.contains("REFERENCES app.orders")),
        "{:#?}",
        registry.kept
    );
    let export = Ddl::new(&registry, &Postgres, &rules).to_string();
    pg.psql_single_transaction("target", &export).unwrap_or_else(|e| panic!("the export of billing applies: {e}\n{export}"));
    let (want, got) = (of_schema(&pg.schema_catalog("source"), "billing"), of_schema(&pg.schema_catalog("target"), "billing"));
    assert!(want.len() > 30, "billing is a rich schema: {} facts", want.len());
    if let Some(d) = difference(&want, &got, 20) {
        panic!("billing in the source (left) and in the target (right) differ: {d}");
    }
}
