//! Live PostgreSQL import against a real server: a catalog made by Relata's DDL export (every
//! bundled registry, a generated 200-table one) or written by hand with the hard parts (enum
//! types, composite FKs with actions, MATCH FULL and DEFERRABLE, partial unique and
//! expression indexes, comments, serial defaults, reserved names) is imported from database A
//! by both paths (the catalog, and pg_dump through the SQL import), exported again and applied
//! to database B: the catalogs of A and B are equal.

use std::collections::BTreeSet;

use relata_formats::sql::{Ddl, Postgres};
use relata_model::generate::{generate, GenerateOptions};
use relata_model::{Registry, Severity, Timestamp};
use relata_rules::RuleSet;
use relata_store::postgres::import::{import, ImportOptions, Imported, PgDump, Progress, Stage, Via};
use relata_store::postgres::Database;
use relata_testkit::pg::PgCluster;

use relata_testkit::registries::{bundled as bundled_registries, name_of};

/// A catalog with what exported registries rarely hold, written as people write DDL.
pub(crate) const FEATURES_SQL: &str = r#"
CREATE SCHEMA shop;
CREATE TYPE shop.order_state AS ENUM ('new', 'paid', 'shipped', 'it''s gone');
CREATE TYPE public.mood AS ENUM ('ok', 'meh');
CREATE TABLE shop.tenant (
    id bigint NOT NULL,
    name text NOT NULL,
    CONSTRAINT tenant_pkey PRIMARY KEY (id)
);
COMMENT ON TABLE shop.tenant IS 'Who pays';
CREATE TABLE shop.customer (
    tenant_id bigint NOT NULL,
    id bigint NOT NULL,
    email character varying(320),
    mood public.mood DEFAULT 'ok',
    created timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT customer_pkey PRIMARY KEY (tenant_id, id),
    CONSTRAINT customer_email_uq UNIQUE (tenant_id, email),
    CONSTRAINT customer_tenant_fk FOREIGN KEY (tenant_id) REFERENCES shop.tenant (id) ON DELETE CASCADE
);
COMMENT ON COLUMN shop.customer.email IS 'Lower-case; it''s unique per tenant';
CREATE INDEX customer_email_lower_idx ON shop.customer (lower(email));
CREATE TABLE shop."order" (
    tenant_id bigint NOT NULL,
    id serial NOT NULL,
    customer_id bigint,
    state shop.order_state NOT NULL DEFAULT 'new',
    total numeric(12,2),
    deleted_at timestamptz,
    CONSTRAINT order_pkey PRIMARY KEY (id),
    CONSTRAINT order_customer_fk FOREIGN KEY (customer_id, tenant_id) REFERENCES shop.customer (id, tenant_id)
        MATCH FULL ON DELETE RESTRICT ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED
);
CREATE UNIQUE INDEX order_open_uq ON shop."order" (customer_id) WHERE deleted_at IS NULL;
CREATE INDEX order_state_hash ON shop."order" USING hash (state);
CREATE INDEX order_total_idx ON shop."order" ((total * 2), tenant_id);
CREATE TABLE public.node (
    id integer PRIMARY KEY,
    parent_id integer REFERENCES public.node (id) ON DELETE SET NULL DEFERRABLE,
    "Odd Name" text
);
COMMENT ON COLUMN public.node."Odd Name" IS 'quoted';
"#;

/// Imports database `db` of `pg` through the catalog, with progress reports collected.
pub(crate) fn import_db(pg: &PgCluster, db: &str, schemas: &[&str]) -> (Imported, Vec<Progress>) {
    import_db_with(pg, db, schemas, PgDump::Never)
}

/// Imports database `db` of `pg` by the path `pg_dump` chooses, with progress reports.
pub(crate) fn import_db_with(pg: &PgCluster, db: &str, schemas: &[&str], pg_dump: PgDump) -> (Imported, Vec<Progress>) {
    let rules = RuleSet::preset("zayaz").expect("the zayaz preset");
    let options = ImportOptions {
        schemas: schemas.iter().map(|s| (*s).to_owned()).collect(),
        now: Timestamp::from_parts(2026, 11, 22, 12, 0, 0),
        rules: &rules,
        pg_dump,
        read_dump: relata_workspace::read_dump,
    };
    let database = Database::from_url(&pg.url(db)).expect("a valid URL");
    let mut reports = Vec::new();
    let imported =
        crate::block_on(import(&database, &options, &mut |p| reports.push(p))).unwrap_or_else(|e| panic!("importing {db} fails: {e}"));
    (imported, reports)
}

fn ddl(registry: &Registry) -> String {
    let rules = RuleSet::preset("zayaz").expect("the zayaz preset");
    Ddl::new(registry, &Postgres, &rules).to_string()
}

fn difference(a: &BTreeSet<String>, b: &BTreeSet<String>) -> Option<String> {
    let only_a: Vec<&String> = a.difference(b).take(12).collect();
    let only_b: Vec<&String> = b.difference(a).take(12).collect();
    (!only_a.is_empty() || !only_b.is_empty()).then(|| format!("only in A: {only_a:#?}\nonly in B (re-exported): {only_b:#?}"))
}

/// Applies `sql` to a fresh A, imports A, applies the import's DDL to a fresh B; returns the
/// problems (none when the catalogs are equal) and the import.
fn round_trip(pg: &PgCluster, n: usize, name: &str, sql: &str) -> (Vec<String>, Vec<Imported>) {
    let a = format!("import_a_{n}");
    pg.create_database(&a);
    pg.psql_single_transaction(&a, sql).unwrap_or_else(|e| panic!("{name}: the source DDL applies: {e}"));
    let ca = pg.catalog(&a);
    assert!(!ca.is_empty(), "{name}: database A has a catalog");
    let mut problems = Vec::new();
    let mut imports = Vec::new();
    // Both paths: the catalog, and pg_dump through the SQL import.
    for (path, pg_dump) in [("catalog", PgDump::Never), ("pg_dump", PgDump::Search)] {
        let b = format!("import_b_{n}_{path}");
        pg.create_database(&b);
        let (imported, _) = import_db_with(pg, &a, &[], pg_dump);
        let again = ddl(&imported.registry);
        if let Err(e) = pg.psql_single_transaction(&b, &again) {
            problems.push(format!("{name} ({path}): PostgreSQL rejects the DDL of the import: {e}"));
        } else if let Some(d) = difference(&ca, &pg.catalog(&b)) {
            problems.push(format!("{name} ({path}): {d}"));
        }
        imports.push(imported);
    }
    (problems, imports)
}

#[test]
fn live_import_then_export_gives_the_same_catalog_for_every_registry() {
    let pg = PgCluster::start();
    let rules = RuleSet::preset("zayaz").expect("the zayaz preset");
    let mut cases: Vec<(String, String)> = bundled_registries()
        .iter()
        .map(|folder| {
            let loaded = relata_store::folder::load(folder).expect("a bundled registry loads");
            (name_of(folder), Ddl::new(&loaded.registry, &Postgres, &rules).to_string())
        })
        .collect();
    cases.push(("generated-200".into(), ddl(&generate(&GenerateOptions::new(200)))));
    cases.push(("features".into(), FEATURES_SQL.to_owned()));
    let mut problems = Vec::new();
    for (n, (name, sql)) in cases.iter().enumerate() {
        let (found, imports) = round_trip(&pg, n, name, sql);
        problems.extend(found);
        for imported in imports {
            assert!(!imported.registry.tables.is_empty(), "{name}: tables were imported");
            // Nothing lost: only infos (the path taken, the owners kept as written).
            let warnings: Vec<_> = imported.diagnostics.iter().filter(|d| d.severity != Severity::Info).collect();
            assert!(warnings.is_empty(), "{name} ({:?}): {warnings:#?}", imported.via);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn live_import_reads_keys_actions_enums_and_comments_exactly() {
    let pg = PgCluster::start();
    pg.create_database("features");
    pg.psql_single_transaction("features", FEATURES_SQL).expect("the features DDL applies");
    let (imported, progress) = import_db(&pg, "features", &[]);
    let r = &imported.registry;

    let order_fk = r.relationships.iter().find(|r| r.constraint_name.as_deref() == Some("order_customer_fk")).expect("the composite FK");
    assert_eq!(order_fk.child.columns, ["customer_id", "tenant_id"], "child columns in key order");
    assert_eq!(order_fk.parent.columns, ["id", "tenant_id"], "parent columns in key order");
    assert_eq!(order_fk.match_type, relata_model::MatchType::Full);
    assert_eq!(order_fk.on_delete, relata_model::ReferentialAction::Restrict);
    assert_eq!(order_fk.on_update, relata_model::ReferentialAction::Cascade);
    assert!(order_fk.deferrable && order_fk.initially_deferred);
    assert!(order_fk.is_db_enforceable(), "an imported FK prints as an FK");
    let node_fk = r.relationships.iter().find(|r| r.child.table == "node").expect("the self FK");
    assert_eq!(
        (node_fk.on_delete, node_fk.deferrable, node_fk.initially_deferred),
        (relata_model::ReferentialAction::SetNull, true, false)
    );

    let order = r.tables.iter().find(|t| t.name == "order").expect("shop.order");
    let open = order.indexes.iter().find(|i| i.name.as_deref() == Some("order_open_uq")).expect("the partial index");
    assert!(open.unique);
    assert_eq!(open.predicate.as_deref(), Some("(deleted_at IS NULL)"));
    let hash = order.indexes.iter().find(|i| i.name.as_deref() == Some("order_state_hash")).expect("the hash index");
    assert_eq!(hash.method, relata_model::IndexMethod::Hash);
    let customer = r.tables.iter().find(|t| t.name == "customer").expect("shop.customer");
    assert_eq!(customer.primary_key, ["tenant_id", "id"]);
    assert_eq!(customer.unique_constraints[0].name.as_deref(), Some("customer_email_uq"));
    let email = r.signals.iter().find(|s| s.column == "email").expect("customer.email");
    assert_eq!(email.data_type, "character varying(320)");
    assert_eq!(email.description.as_deref(), Some("Lower-case; it's unique per tenant"));
    let id = r.signals.iter().find(|s| s.column == "id" && s.table.as_ref().is_some_and(|t| t.table == "order")).expect("order.id");
    assert_eq!(id.default.as_deref(), Some("nextval('shop.order_id_seq'::regclass)"));
    assert!(!id.nullable);
    let state = r.enums.iter().find(|e| e.name == "order_state").expect("the enum");
    assert_eq!(state.values.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["new", "paid", "shipped", "it's gone"]);
    assert_eq!(r.tables.iter().find(|t| t.name == "tenant").and_then(|t| t.purpose.as_deref()), Some("Who pays"));

    let stages: Vec<Stage> = progress.iter().map(|p| p.stage).collect();
    assert_eq!(
        stages,
        [
            Stage::Connecting,
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
    assert_eq!(imported.via, Via::Catalog);
    let tables = progress.iter().find(|p| p.stage == Stage::Tables).expect("a tables report");
    assert_eq!(tables.count, 4, "4 tables in shop and public");

    // CHECKs and identity columns are modelled now, a view is kept as a statement; what the
    // catalog path cannot keep (an aggregate) is said, naming it; the path taken is an info.
    pg.psql(
        "features",
        "ALTER TABLE shop.tenant ADD CONSTRAINT tenant_name_chk CHECK (name <> ''); \
         ALTER TABLE shop.tenant ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY; \
         CREATE VIEW shop.tenant_names AS SELECT name FROM shop.tenant; \
         CREATE AGGREGATE shop.joined(text) (SFUNC = textcat, STYPE = text);",
    )
    .expect("a CHECK, an identity column, a view and an aggregate");
    let (warned, _) = import_db(&pg, "features", &["shop"]);
    let said: Vec<String> = warned.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(said.len(), 2, "{said:#?}");
    assert!(said.iter().any(|d| d.contains("info[P105]")), "{said:#?}");
    assert!(said.iter().any(|d| d.contains("warning[P106]") && d.contains("aggregate shop.joined(text)")), "{said:#?}");
    let view = warned.registry.tables.iter().find(|t| t.is_view()).expect("the view, a read-only table");
    assert_eq!((view.schema.as_str(), view.name.as_str()), ("shop", "tenant_names"));
    assert!(view.view.as_ref().is_some_and(|v| !v.materialized && v.sql.starts_with("CREATE VIEW shop.tenant_names AS")));
    let tenant = warned.registry.tables.iter().find(|t| t.name == "tenant").expect("shop.tenant");
    assert_eq!(tenant.checks.iter().map(|c| (c.name.as_deref(), c.expression.as_str())).collect::<Vec<_>>(), [(Some("tenant_name_chk"), "(name <> ''::text)")]);
    let seq = warned.registry.signals.iter().find(|s| s.column == "seq").expect("tenant.seq");
    let identity = seq.spec.identity.as_ref().expect("an identity");
    assert!(identity.always && identity.options.as_deref().is_some_and(|o| o.starts_with("SEQUENCE NAME shop.tenant_seq_seq START WITH 1")), "{identity:?}");

    // --schema: only shop's tables and enum types.
    let (only_shop, _) = import_db(&pg, "features", &["shop"]);
    let schemas: BTreeSet<&str> = only_shop.registry.tables.iter().map(|t| t.schema.as_str()).collect();
    assert_eq!(schemas, BTreeSet::from(["shop"]));
    assert_eq!(only_shop.registry.enums.len(), 1);
    assert_eq!(only_shop.registry.tables.iter().filter(|t| !t.is_view()).count(), 3);
    assert_eq!(only_shop.registry.tables.iter().filter(|t| t.is_view()).count(), 1, "shop.tenant_names");
}
