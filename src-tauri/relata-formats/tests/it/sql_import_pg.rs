//! The SQL import checked through a real PostgreSQL 15: a schema is applied to database A,
//! dumped with `pg_dump --schema-only`, imported, exported again with Relata's DDL and applied
//! to database B; B's catalogs (read with sql_pg's introspection) must equal A's — tables,
//! columns, types, defaults, keys, foreign keys with their clauses, indexes, enum types and
//! comments. Done for a rich hand-written schema, every bundled registry, a generated
//! 200-table one and the adversarial one (hard names: quotes, spaces, reserved words,
//! unicode, 63-byte identifiers).

use std::time::Instant;

use relata_formats::folder;
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
    // What pg_dump wrote that the registries cannot hold is reported, each at its place:
    // the identity column (pg_dump adds it with ALTER TABLE … ADD GENERATED). The catalog
    // comparison does not look at identity (sql_pg's introspection has no attidentity), so
    // this warning is the only sign of it: B's `line_no` is a plain NOT NULL integer.
    let warnings = noteworthy(&trip.diagnostics);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].contains("S104") && warnings[0].contains("identity of `Sales Ops.order.line_no` is not kept"),
        "{warnings:#?}"
    );
    // Owners are infos, at the line pg_dump wrote them.
    let owner =
        trip.dump.lines().position(|l| l.starts_with("ALTER TABLE public.tenants OWNER TO")).expect("an owner line")
            as u32
            + 1;
    assert!(trip
        .diagnostics
        .iter()
        .any(|d| d.code == "S103" && d.location == relata_model::Location::file("dump.sql", owner, 1)));

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
