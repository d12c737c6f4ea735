//! Migrations in a real PostgreSQL: for each pair of registries (OLD, NEW), a database made by
//! OLD's SQL export and migrated with `diff::migration(OLD, NEW)` has the same catalog as one
//! made by NEW's export (columns compared by name, not position: PostgreSQL adds a column at
//! the end and never reorders), and rows put in before the migration are still there.

use std::collections::BTreeSet;

use relata_formats::diff::{changes, migration, MigrationOptions};
use relata_formats::sql::parse::{import, ImportOptions};
use relata_formats::sql::{Ddl, Postgres};
use relata_model::edit::apply;
use relata_model::{Edit, Registry, Timestamp};
use relata_rules::RuleSet;
use relata_testkit::pg::PgCluster;

use crate::sql_pg::difference;

fn rules() -> RuleSet {
    RuleSet::preset("zayaz").expect("the zayaz preset")
}

fn registry(sql: &str) -> Registry {
    let options = ImportOptions::new(Timestamp::parse("2026-02-01 10:00:00+00").expect("a timestamp"));
    let (registry, diagnostics) = import(sql, "case.sql", &options, &rules());
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:#?}");
    registry
}

/// The catalog lines with each column's position left out.
fn unordered(catalog: BTreeSet<String>) -> BTreeSet<String> {
    catalog
        .into_iter()
        .map(|line| match line.strip_prefix("column ") {
            Some(rest) => {
                // `"schema" "table" <attnum> "name" …`: drop the number.
                let mut parts: Vec<&str> = rest.splitn(4, ' ').collect();
                if parts.len() == 4 && parts[2].chars().all(|c| c.is_ascii_digit()) {
                    parts.remove(2);
                }
                format!("column {}", parts.join(" "))
            }
            None => line,
        })
        .collect()
}

const BASE: &str = "
CREATE TYPE app.state AS ENUM ('new', 'paid');
CREATE TABLE app.customers (
    id bigint NOT NULL PRIMARY KEY,
    email varchar(80) NOT NULL,
    name text,
    score integer DEFAULT 0,
    CONSTRAINT customers_email_key UNIQUE (email)
);
CREATE TABLE app.orders (
    id bigint NOT NULL PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES app.customers (id),
    state app.state NOT NULL DEFAULT 'new',
    total numeric(12, 2) NOT NULL CHECK (total >= 0),
    note varchar(200)
);
CREATE INDEX orders_state ON app.orders (state);
CREATE TABLE app.audit (id bigint NOT NULL PRIMARY KEY, what text NOT NULL);
CREATE TABLE app.events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE app.events_2025 (id bigint NOT NULL, at date NOT NULL);
ALTER TABLE app.events ATTACH PARTITION app.events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE FUNCTION app.double(x integer) RETURNS integer LANGUAGE sql AS $$ SELECT x * 2 $$;
CREATE VIEW app.big_orders AS SELECT id, total FROM app.orders WHERE total > 100;
";

/// Rows every case puts in before it migrates, and looks for after.
const ROWS: &str = "
INSERT INTO app.customers (id, email, name) VALUES (1, 'a@example.com', 'Ann'), (2, 'b@example.com', 'Bob');
INSERT INTO app.orders (id, customer_id, total) VALUES (10, 1, 12.50), (11, 2, 150);
";

type Mutation = fn(&mut Registry);

fn table_id(r: &Registry, name: &str) -> relata_model::TableId {
    r.tables.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("{name}")).id
}

fn edit(r: &mut Registry, e: Edit) {
    apply(r, e).expect("the edit applies");
}

fn table_mut<'r>(r: &'r mut Registry, name: &str) -> &'r mut relata_model::Table {
    r.tables.iter_mut().find(|t| t.name == name).unwrap_or_else(|| panic!("{name}"))
}

fn column_mut<'r>(r: &'r mut Registry, table: &str, column: &str) -> &'r mut relata_model::Signal {
    r.signals
        .iter_mut()
        .find(|s| s.column == column && s.table.as_ref().is_some_and(|t| t.table == table))
        .unwrap_or_else(|| panic!("{table}.{column}"))
}

/// The pairs: a name, whether the change may lose data, and how NEW differs from BASE.
const CASES: &[(&str, bool, Mutation)] = &[
    ("a table renamed and moved, a column renamed (same ids)", false, |r| {
        let id = table_id(r, "orders");
        edit(r, Edit::RenameTable { table: id, schema: "sales".into(), name: "purchase".into() });
        edit(r, Edit::RenameColumn { table: Some(relata_model::TableRef::new("sales", "purchase")), from: "note".into(), to: "remark".into() });
        // The view's statement is the source's: renaming what it reads is the person's to say.
        let view = table_mut(r, "big_orders").view.as_mut().expect("a view");
        view.sql = view.sql.replace("app.orders", "sales.purchase");
    }),
    ("columns widened, made optional, defaulted, commented", false, |r| {
        column_mut(r, "customers", "score").data_type = "bigint".into();
        column_mut(r, "customers", "email").data_type = "varchar(120)".into();
        column_mut(r, "customers", "score").default = Some("10".into());
        column_mut(r, "orders", "total").nullable = true;
        column_mut(r, "customers", "name").nullable = false;
        column_mut(r, "customers", "name").default = Some("'?'::text".into());
        column_mut(r, "customers", "name").description = Some("How they sign.".into());
        table_mut(r, "audit").purpose = Some("What happened.".into());
    }),
    ("a column added, a new table related, an index changed", false, |r| {
        let extra = registry(&format!("{BASE}\nCREATE TABLE app.notes (id bigint NOT NULL PRIMARY KEY, order_id bigint REFERENCES app.orders (id), body text NOT NULL);"));
        let notes = relata_model::TableRef::new("app", "notes");
        r.tables.extend(extra.tables.iter().filter(|t| t.table_ref() == notes).cloned());
        r.signals.extend(extra.signals.iter().filter(|s| s.table.as_ref() == Some(&notes)).cloned());
        r.relationships.extend(extra.relationships.iter().filter(|x| x.child.table_ref() == notes).cloned());
        let mut phone = r.signals.iter().find(|s| s.column == "email").expect("email").clone();
        phone.id = relata_model::SignalId(uuid::Uuid::from_u128(77));
        phone.column = "phone".into();
        phone.nullable = true;
        phone.data_type = "text".into();
        phone.ordinal = Some(5);
        r.signals.push(phone);
        let orders = table_mut(r, "orders");
        orders.indexes[0].parts[0].descending = true;
        orders.indexes.push(relata_model::Index { name: Some("orders_total".into()), parts: vec![relata_model::IndexPart::column("total")], ..relata_model::Index::default() });
    }),
    ("keys and constraints: a composite key, a CHECK, a FK's actions", false, |r| {
        let orders = table_mut(r, "orders");
        orders.checks[0].expression = "total >= 0 AND total < 1000000".into();
        orders.unique_constraints.push(relata_model::UniqueConstraint::new(Some("orders_customer_id_key".into()), vec!["customer_id".into(), "id".into()]));
        let fk = r.relationships.iter_mut().find(|x| x.child.table == "orders").expect("the FK");
        fk.on_delete = relata_model::ReferentialAction::Cascade;
        fk.deferrable = true;
        table_mut(r, "audit").primary_key = vec!["id".into(), "what".into()];
    }),
    ("an enum value added in the middle, a new enum type", false, |r| {
        r.enums[0].values.insert(1, relata_model::EnumValue { name: "sent".into(), note: None });
        r.enums.push(relata_model::EnumType { schema: "app".into(), name: "tier".into(), values: vec![relata_model::EnumValue { name: "gold".into(), note: None }] });
    }),
    ("a partition detached, a function and a view replaced", false, |r| {
        table_mut(r, "events_2025").partition_of = None;
        for k in &mut r.kept {
            k.sql = k.sql.replace("x * 2", "x * 3");
        }
        let view = table_mut(r, "big_orders").view.as_mut().expect("a view");
        view.sql = view.sql.replace("> 100", "> 200");
    }),
    ("a module move and a status change: no SQL", false, |r| {
        table_mut(r, "orders").module = "Sales".into();
        table_mut(r, "orders").status = relata_model::TableStatus::Stable;
    }),
    ("a table and a column dropped, a type narrowed, a type changed with a cast", true, |r| {
        let id = table_id(r, "audit");
        edit(r, Edit::DeleteTable { table: id });
        let note = r.signals.iter().find(|s| s.column == "note").expect("note").id;
        edit(r, Edit::DeleteSignal { signal: note });
        column_mut(r, "customers", "email").data_type = "varchar(40)".into();
        column_mut(r, "orders", "total").data_type = "integer".into();
    }),
];

#[test]
fn a_migrated_database_equals_one_made_from_the_new_registry() {
    let pg = PgCluster::start();
    let rules = rules();
    let base = registry(BASE);
    let mut problems = Vec::new();
    for (n, (name, destroys, mutate)) in CASES.iter().enumerate() {
        let mut new = base.clone();
        mutate(&mut new);
        let m = migration(&base, &new, &rules, &MigrationOptions { allow_destructive: true, ..MigrationOptions::default() });
        let (migrated, fresh) = (format!("migrated_{n}"), format!("fresh_{n}"));
        pg.create_database(&migrated);
        pg.psql_single_transaction(&migrated, &Ddl::new(&base, &Postgres, &rules).to_string()).expect("OLD's export applies");
        pg.psql(&migrated, ROWS).expect("the rows go in");
        if let Err(e) = pg.psql(&migrated, &m.sql) {
            problems.push(format!("{name}: PostgreSQL rejects the migration: {e}\n{}", m.sql));
            continue;
        }
        pg.create_database(&fresh);
        pg.psql_single_transaction(&fresh, &Ddl::new(&new, &Postgres, &rules).to_string()).expect("NEW's export applies");
        if let Some(d) = difference(&unordered(pg.schema_catalog(&fresh)), &unordered(pg.schema_catalog(&migrated)), 12) {
            problems.push(format!("{name}: NEW's export (left) and the migrated database (right) differ: {d}\n{}", m.sql));
        }
        assert_eq!(!m.destructive.is_empty(), *destroys, "{name}: destructive {:?}", m.destructive);
        if !destroys {
            assert!(!m.sql.contains("DROP TABLE") && !m.sql.contains("DROP COLUMN"), "{name}: {}", m.sql);
            let counted = pg.psql(&migrated, "SELECT count(*) FROM pg_class WHERE relname IN ('customers', 'orders', 'purchase');").expect("count");
            assert!(!counted.is_empty());
            let customers = pg.psql(&migrated, "SELECT string_agg(email, ',' ORDER BY id) FROM app.customers;").expect("the rows");
            assert_eq!(customers.trim(), "a@example.com,b@example.com", "{name}: the rows are all there");
        }
        assert!(m.manual.is_empty(), "{name}: {:?}", m.manual);
        if name.contains("no SQL") {
            assert!(m.is_empty(), "{name}: {}", m.sql);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// Kept types the tables use, and what is made of them.
const TYPES: &str = "
CREATE DOMAIN app.email AS varchar(80) CHECK (VALUE LIKE '%@%');
CREATE TYPE app.amount AS (value numeric(12, 2), currency char(3));
CREATE TYPE app.span AS RANGE (subtype = integer);
CREATE FUNCTION app.domain_of(e app.email) RETURNS text LANGUAGE sql AS $$ SELECT split_part(e, '@', 2) $$;
COMMENT ON DOMAIN app.email IS 'Somebody to write to.';
CREATE TABLE app.contacts (
    id bigint NOT NULL PRIMARY KEY,
    email app.email NOT NULL DEFAULT 'nobody@example.com',
    paid app.amount,
    ages app.span
);
CREATE VIEW app.contact_domains AS SELECT id, app.domain_of(email) AS domain FROM app.contacts;
CREATE TABLE app.mailings (id bigint NOT NULL, at date NOT NULL, sender app.email) PARTITION BY RANGE (at);
CREATE TABLE app.mailings_2025 (id bigint NOT NULL, at date NOT NULL, sender app.email);
ALTER TABLE app.mailings ATTACH PARTITION app.mailings_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
";

#[test]
fn changed_domains_and_composite_and_range_types_are_made_again_with_their_columns_rows_and_dependants() {
    let pg = PgCluster::start();
    let rules = rules();
    let base = registry(TYPES);
    let mut new = base.clone();
    for k in &mut new.kept {
        // A stricter domain, an attribute more, a range with another subtype's canonical form.
        k.sql = k.sql.replace("LIKE '%@%'", "LIKE '%@%.%'").replace("currency char(3))", "currency char(3), note text)").replace("subtype = integer", "subtype = bigint");
    }
    let changed = new.kept.iter().zip(&base.kept).filter(|(n, o)| n.sql != o.sql).count();
    assert_eq!(changed, 3, "{:#?}", new.kept);
    let m = migration(&base, &new, &rules, &MigrationOptions::default());
    assert!(m.manual.is_empty() && m.destructive.is_empty(), "{:?} {:?}\n{}", m.manual, m.destructive, m.sql);
    for statement in ["DROP DOMAIN IF EXISTS app.email;", "DROP TYPE IF EXISTS app.amount;", "DROP TYPE IF EXISTS app.span;", "DROP FUNCTION IF EXISTS app.domain_of;"] {
        assert!(m.sql.contains(statement), "{statement}\n{}", m.sql);
    }
    // Dependants go before what they depend on, and come back after it.
    let at = |what: &str| m.sql.find(what).unwrap_or_else(|| panic!("{what}\n{}", m.sql));
    assert!(at("DROP FUNCTION IF EXISTS app.domain_of;") < at("DROP DOMAIN IF EXISTS app.email;"), "{}", m.sql);
    assert!(at("CREATE DOMAIN app.email") < at("CREATE FUNCTION app.domain_of"), "{}", m.sql);
    pg.create_database("types_migrated");
    pg.psql_single_transaction("types_migrated", &Ddl::new(&base, &Postgres, &rules).to_string()).expect("OLD's export applies");
    pg.psql("types_migrated", "INSERT INTO app.contacts (id, email, paid, ages) VALUES (1, 'ann@example.com', (12.5, 'EUR'), '[18,65)'), (2, DEFAULT, NULL, NULL);")
        .expect("the rows go in");
    pg.psql("types_migrated", "INSERT INTO app.mailings VALUES (1, '2025-03-01', 'ann@example.com');").expect("a partition's row goes in");
    pg.psql("types_migrated", &m.sql).unwrap_or_else(|e| panic!("PostgreSQL rejects the migration: {e}\n{}", m.sql));
    pg.create_database("types_fresh");
    pg.psql_single_transaction("types_fresh", &Ddl::new(&new, &Postgres, &rules).to_string()).expect("NEW's export applies");
    if let Some(d) = difference(&unordered(pg.schema_catalog("types_fresh")), &unordered(pg.schema_catalog("types_migrated")), 12) {
        panic!("NEW's export (left) and the migrated database (right) differ: {d}\n{}", m.sql);
    }
    let rows = pg.psql("types_migrated", "SELECT string_agg(concat_ws('|', id, email, paid, (paid).note IS NULL, ages), ',' ORDER BY id) FROM app.contacts;").expect("the rows");
    assert_eq!(rows.trim(), "1|ann@example.com|(12.50,EUR,)|t|[18,65),2|nobody@example.com|t", "every row is there, on the new types");
    let mailed = pg.psql("types_migrated", "SELECT sender FROM app.mailings_2025;").expect("the partition's rows");
    assert_eq!(mailed.trim(), "ann@example.com", "a partition's column follows its parent's");
    let view = pg.psql("types_migrated", "SELECT string_agg(domain, ',' ORDER BY id) FROM app.contact_domains;").expect("the view is made again");
    assert_eq!(view.trim(), "example.com,example.com");

    // A trigger that names a changed type would stop its DROP: then it is a manual step.
    let triggered = registry(&format!("{TYPES}\nCREATE FUNCTION app.check_email() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\nCREATE TRIGGER contacts_email BEFORE INSERT ON app.contacts FOR EACH ROW WHEN (NEW.email::app.email IS NOT NULL) EXECUTE FUNCTION app.check_email();"));
    let mut changed = triggered.clone();
    for k in &mut changed.kept {
        k.sql = k.sql.replace("LIKE '%@%'", "LIKE '%@%.%'");
    }
    let m = migration(&triggered, &changed, &rules, &MigrationOptions::default());
    assert!(m.manual.iter().any(|x| x.starts_with("the domain email changed")), "{:?}\n{}", m.manual, m.sql);
    assert!(m.warnings.iter().any(|w| w.contains("the trigger contacts_email")), "{:?}", m.warnings);
    assert!(!m.sql.contains("DROP DOMAIN"), "{}", m.sql);

    // So would an overloaded function: `DROP FUNCTION app.domain_of` alone names neither.
    let overloaded = registry(&format!("{TYPES}\nCREATE FUNCTION app.domain_of(e text) RETURNS text LANGUAGE sql AS $$ SELECT e $$;"));
    let mut changed = overloaded.clone();
    for k in &mut changed.kept {
        k.sql = k.sql.replace("LIKE '%@%'", "LIKE '%@%.%'");
    }
    let m = migration(&overloaded, &changed, &rules, &MigrationOptions::default());
    assert!(m.manual.iter().any(|x| x.starts_with("the domain email changed")), "{:?}\n{}", m.manual, m.sql);
    assert!(m.warnings.iter().any(|w| w.contains("the function domain_of")), "{:?}", m.warnings);
    assert!(!m.sql.contains("DROP DOMAIN") && !m.sql.contains("DROP FUNCTION"), "{}", m.sql);
}

#[test]
fn an_identity_sequence_follows_its_table_and_column_renamed_even_past_the_name_limit() {
    let pg = PgCluster::start();
    let rules = rules();
    let long = "t".repeat(58);
    let base = registry(&format!("CREATE TABLE app.{long} (row_number bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n integer);\nCREATE TABLE app.short (id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY);"));
    let mut new = base.clone();
    // PostgreSQL named the first sequence with both names shortened to fit 63 bytes.
    let id = table_id(&new, &long);
    edit(&mut new, Edit::RenameTable { table: id, schema: "app".into(), name: "u".repeat(61) });
    edit(&mut new, Edit::RenameColumn { table: Some(relata_model::TableRef::new("app", "u".repeat(61))), from: "row_number".into(), to: "row_no".into() });
    let id = table_id(&new, "short");
    edit(&mut new, Edit::RenameTable { table: id, schema: "app".into(), name: "shorter".into() });
    let m = migration(&base, &new, &rules, &MigrationOptions::default());
    assert!(m.sql.contains("ALTER SEQUENCE app.short_id_seq RENAME TO shorter_id_seq;"), "{}", m.sql);
    pg.create_database("identity_migrated");
    pg.psql_single_transaction("identity_migrated", &Ddl::new(&base, &Postgres, &rules).to_string()).expect("OLD's export applies");
    pg.psql("identity_migrated", &m.sql).unwrap_or_else(|e| panic!("PostgreSQL rejects the migration: {e}\n{}", m.sql));
    pg.create_database("identity_fresh");
    pg.psql_single_transaction("identity_fresh", &Ddl::new(&new, &Postgres, &rules).to_string()).expect("NEW's export applies");
    if let Some(d) = difference(&unordered(pg.schema_catalog("identity_fresh")), &unordered(pg.schema_catalog("identity_migrated")), 12) {
        panic!("NEW's export (left) and the migrated database (right) differ: {d}\n{}", m.sql);
    }
}

#[test]
fn without_allow_destructive_no_row_is_lost() {
    let pg = PgCluster::start();
    let rules = rules();
    let base = registry(BASE);
    let mut new = base.clone();
    (CASES.last().expect("the destructive case").2)(&mut new);
    let m = migration(&base, &new, &rules, &MigrationOptions::default());
    assert_eq!(m.destructive.len(), 4, "{:?}", m.destructive);
    assert!(!m.sql.lines().any(|l| l.starts_with("DROP TABLE") || l.contains("DROP COLUMN") && !l.starts_with("--")), "{}", m.sql);
    pg.create_database("kept");
    pg.psql_single_transaction("kept", &Ddl::new(&base, &Postgres, &rules).to_string()).expect("OLD's export applies");
    pg.psql("kept", ROWS).expect("the rows go in");
    pg.psql("kept", "INSERT INTO app.audit VALUES (1, 'kept');").expect("an audit row");
    pg.psql("kept", &m.sql).unwrap_or_else(|e| panic!("the migration applies: {e}\n{}", m.sql));
    let audit = pg.psql("kept", "SELECT what FROM app.audit;").expect("the audit table is still there");
    assert_eq!(audit.trim(), "kept");
    let notes = pg.psql("kept", "SELECT count(note) FROM app.orders;").expect("the note column is still there");
    assert_eq!(notes.trim(), "0");
}

#[test]
fn a_rename_is_a_rename_only_when_the_ids_say_so() {
    let base = registry(BASE);
    let renamed = registry(&BASE.replace("app.audit", "app.audit_log"));
    let m = migration(&base, &renamed, &rules(), &MigrationOptions { allow_destructive: true, ..MigrationOptions::default() });
    assert!(m.sql.contains("DROP TABLE app.audit;") && m.sql.contains("CREATE TABLE app.audit_log"), "{}", m.sql);
    assert!(m.warnings.iter().any(|w| w.contains("`app.audit` is dropped and `app.audit_log` added: they look like one table renamed")), "{:?}", m.warnings);
    let said: Vec<String> = changes(&base, &renamed).iter().map(ToString::to_string).collect();
    assert!(said.contains(&"+ table app.audit_log".to_owned()) && said.contains(&"- table app.audit".to_owned()), "{said:#?}");

    let mut by_id = base.clone();
    let id = table_id(&by_id, "audit");
    edit(&mut by_id, Edit::RenameTable { table: id, schema: "app".into(), name: "audit_log".into() });
    let m = migration(&base, &by_id, &rules(), &MigrationOptions::default());
    assert!(m.sql.contains("ALTER TABLE app.audit RENAME TO audit_log;") && !m.sql.contains("DROP TABLE"), "{}", m.sql);
    let said: Vec<String> = changes(&base, &by_id).iter().map(ToString::to_string).collect();
    assert_eq!(said, ["~ table app.audit_log\n    name: audit -> audit_log"], "a column's table changes with its table");
    assert!(migration(&base, &base, &rules(), &MigrationOptions::default()).is_empty());
    assert!(changes(&base, &base).is_empty());
}

#[test]
fn the_header_names_each_changed_relationship_with_its_governance_and_warns_on_unstable_or_inactive_ones() {
    let mut base = registry(BASE);
    for t in &mut base.tables {
        t.status = relata_model::TableStatus::Stable;
    }
    // Only the FK's own change, to stable tables, and active: named, and no warning.
    let mut new = base.clone();
    let fk = new.relationships.iter_mut().find(|x| x.child.table == "orders").expect("the FK");
    fk.on_delete = relata_model::ReferentialAction::Cascade;
    fk.version = 3;
    fk.change_reason = Some("Orders go with their customer.".into());
    fk.approved_by = Some("dana".into());
    let key = fk.key.clone();
    let m = migration(&base, &new, &rules(), &MigrationOptions::default());
    let header: Vec<&str> = m.sql.lines().take_while(|l| l.starts_with("--")).collect();
    assert!(
        header.contains(&format!("--   relationship {key} changed (approved_by, change_reason, on_delete, version): version 3, change_reason Orders go with their customer., approved_by dana").as_str()),
        "{header:#?}"
    );
    assert!(m.warnings.is_empty() && !m.sql.contains("-- warning:"), "{:?}", m.warnings);
    let off = migration(&base, &new, &rules(), &MigrationOptions { governance: false, ..MigrationOptions::default() });
    assert!(!off.sql.contains("relationship"), "{}", off.sql);

    // A relationship added to a table that is experimental, another changed while it is a draft.
    let mut unstable = new.clone();
    table_mut(&mut unstable, "audit").status = relata_model::TableStatus::Experimental;
    let mut added = unstable.relationships[0].clone();
    added.id = relata_model::RelationshipId(uuid::Uuid::from_u128(0x305));
    added.key = "orders__id__audit".into();
    added.constraint_name = None;
    added.child.columns = vec!["id".into()];
    added.parent.table = "audit".into();
    added.parent.columns = vec!["id".into()];
    added.approved_by = None;
    unstable.relationships.push(added);
    let mut drafted = base.clone();
    drafted.relationships[0].availability = relata_model::AvailabilityStatus::Draft;
    unstable.relationships[0].availability = relata_model::AvailabilityStatus::Draft;
    let m = migration(&drafted, &unstable, &rules(), &MigrationOptions::default());
    assert!(m.sql.contains("--   relationship orders__id__audit added: version 3, change_reason Orders go with their customer., approved_by (none)"), "{}", m.sql);
    let unstable_warning = "relationship `orders__id__audit` is a new dependency (active) on `app.audit`, whose status is `experimental`";
    let draft_warning = format!("relationship `{key}` (changed (approved_by, change_reason, on_delete, version)) is `draft`, not `active`");
    for said in [unstable_warning, draft_warning.as_str()] {
        assert!(m.warnings.iter().any(|w| w.starts_with(said)), "{said}: {:?}", m.warnings);
        assert!(m.sql.lines().any(|l| l.starts_with("-- warning: ") && l.contains(said)), "{said}: {}", m.sql);
    }
    assert_eq!(m.warnings.len(), 2, "{:?}", m.warnings);
}

/// One random edit of the kinds a migration must carry, through the core's edits where the
/// window would make them: a table or column renamed, a type widened, nullability and defaults
/// changed, a column added or dropped, an index, a unique constraint or a CHECK added, a FK's
/// actions and deferrability changed, an enum value added, a module moved, a purpose written.
/// Returns what it did, for the failure message.
fn random_edit(r: &mut Registry, rng: &mut relata_model::generate::Rng, n: usize) -> String {
    // A partitioned table's columns are its partitions' too: its edits are the partition ones.
    let tables: Vec<relata_model::TableRef> =
        r.tables.iter().filter(|t| !t.is_view() && t.partition_of.is_none() && t.partition_by.is_none()).map(|t| t.table_ref()).collect();
    let table = tables[rng.below(tables.len())].clone();
    let columns: Vec<String> = r.columns_of(&table).iter().map(|c| c.column.clone()).collect();
    let column = columns[rng.below(columns.len())].clone();
    let is_key = |r: &Registry, c: &str| {
        r.table(&table).is_some_and(|t| t.primary_key.iter().any(|k| k == c))
            || r.relationships.iter().any(|x| {
                (x.child.table_ref() == table && x.child.columns.iter().any(|k| k == c)) || (x.parent.table_ref() == table && x.parent.columns.iter().any(|k| k == c))
            })
            || r.table(&table).is_some_and(|t| t.indexes.iter().any(|i| i.parts.iter().any(|p| matches!(&p.key, relata_model::IndexKey::Column(k) if k == c))) || t.unique_constraints.iter().any(|u| u.columns.iter().any(|k| k == c)))
    };
    // A column a CHECK reads or an identity column keeps its type, nullability and default.
    let checked = r.table(&table).is_some_and(|t| t.checks.iter().any(|k| word_in(&k.expression, &column)));
    let identity = r.columns_of(&table).iter().any(|c| c.column == column && c.spec.identity.is_some());
    let keyed = is_key(r, &column) || checked || identity;
    let at = r.signals.iter().position(|s| s.table.as_ref() == Some(&table) && s.column == column).expect("the column");
    match rng.below(16) {
        0 => {
            let id = r.table(&table).expect("the table").id;
            let name = format!("{}_r{n}", table.table);
            edit(r, Edit::RenameTable { table: id, schema: table.schema.clone(), name: name.clone() });
            format!("rename table {table} to {name}")
        }
        1 => {
            let to = format!("{column}_r{n}");
            edit(r, Edit::RenameColumn { table: Some(table.clone()), from: column.clone(), to: to.clone() });
            // A CHECK's expression is the person's text: they rename what it reads, as PostgreSQL does.
            let t = r.tables.iter_mut().find(|t| t.table_ref() == table).expect("the table");
            for k in &mut t.checks {
                k.expression = replace_word(&k.expression, &column, &to);
            }
            format!("rename column {table}.{column} to {to}")
        }
        2 => {
            if keyed {
                return format!("leave key column {table}.{column}");
            }
            let s = &mut r.signals[at];
            let wider = match s.data_type.as_str() {
                "integer" => "bigint".to_owned(),
                "varchar(32)" => "varchar(64)".to_owned(),
                "varchar(255)" => "text".to_owned(),
                "numeric(12,2)" => "numeric(16,2)".to_owned(),
                other => other.to_owned(),
            };
            let was = std::mem::replace(&mut s.data_type, wider.clone());
            format!("widen {table}.{column} from {was} to {wider}")
        }
        3 => {
            if keyed {
                return format!("leave key column {table}.{column}");
            }
            let s = &mut r.signals[at];
            s.nullable = !s.nullable;
            format!("nullable {table}.{column}: {}", s.nullable)
        }
        4 => {
            let s = &mut r.signals[at];
            let default = match s.data_type.as_str() {
                "text" | "varchar(255)" | "varchar(32)" => Some("'x'::text"),
                "integer" | "bigint" | "double precision" | "numeric(12,2)" => Some("7"),
                "boolean" => Some("false"),
                _ => None,
            };
            if keyed || default.is_none() {
                s.default = None;
            } else {
                s.default = default.map(str::to_owned);
            }
            format!("default of {table}.{column}: {:?}", s.default)
        }
        5 => {
            let mut added = r.columns_of(&table)[0].clone();
            added.id = relata_model::SignalId(uuid::Uuid::from_u128(0xadd0_0000 + n as u128));
            added.column = format!("added_{n}");
            added.data_type = "text".into();
            added.nullable = true;
            added.default = None;
            added.ordinal = Some(999);
            added.role = relata_model::SignalRole::Attribute;
            added.spec = relata_model::ColumnSpec::default();
            r.signals.push(added);
            format!("add column {table}.added_{n}")
        }
        6 => {
            if keyed || columns.len() < 3 {
                return format!("keep {table}.{column}");
            }
            let id = r.signals.iter().find(|s| s.table.as_ref() == Some(&table) && s.column == column).expect("the column").id;
            edit(r, Edit::DeleteSignal { signal: id });
            format!("drop column {table}.{column}")
        }
        7 => {
            let t = r.tables.iter_mut().find(|t| t.table_ref() == table).expect("the table");
            t.indexes.push(relata_model::Index { name: Some(format!("ix_{n}")), parts: vec![relata_model::IndexPart::column(column.clone())], ..relata_model::Index::default() });
            format!("index {table}({column})")
        }
        8 => {
            let t = r.tables.iter_mut().find(|t| t.table_ref() == table).expect("the table");
            t.checks.push(relata_model::CheckConstraint { name: Some(format!("ck_{n}")), expression: format!("{column} IS NOT NULL OR true"), column: None, not_valid: false, no_inherit: false, note: None });
            format!("check on {table}({column})")
        }
        9 => match r.relationships.iter_mut().filter(|x| x.child.table_ref() == table).next() {
            Some(fk) => {
                fk.on_delete = if fk.on_delete == relata_model::ReferentialAction::Cascade { relata_model::ReferentialAction::SetNull } else { relata_model::ReferentialAction::Cascade };
                fk.deferrable = !fk.deferrable;
                format!("FK {} on delete {:?}, deferrable {}", fk.key, fk.on_delete, fk.deferrable)
            }
            None => format!("no FK on {table}"),
        },
        10 => match r.enums.first_mut() {
            Some(e) => {
                e.values.push(relata_model::EnumValue { name: format!("v{n}"), note: None });
                format!("enum value v{n}")
            }
            None => "no enum".to_owned(),
        },
        12 => {
            // A CHECK changed or dropped.
            let Some(t) = r.tables.iter_mut().filter(|t| !t.checks.is_empty()).nth(n % 7) else { return "no CHECK".to_owned() };
            let at = n % t.checks.len();
            if n.is_multiple_of(3) {
                let gone = t.checks.remove(at);
                format!("drop CHECK {:?} of {}", gone.name, t.name)
            } else {
                let k = &mut t.checks[at];
                k.expression = if k.expression.ends_with(">= 0") { k.expression.replace(">= 0", ">= -1") } else { k.expression.replace(">= -1", ">= 0") };
                format!("CHECK {:?} of {} is now {}", k.name, t.name, k.expression)
            }
        }
        13 => {
            // An identity column: ALWAYS and BY DEFAULT swapped, or the identity dropped.
            let Some(s) = r.signals.iter_mut().filter(|s| s.spec.identity.is_some()).nth(n % 5) else { return "no identity".to_owned() };
            let what = format!("{}.{}", s.table.as_ref().map(ToString::to_string).unwrap_or_default(), s.column);
            if n.is_multiple_of(4) {
                s.spec.identity = None;
                format!("drop identity of {what}")
            } else {
                let identity = s.spec.identity.as_mut().expect("an identity");
                identity.always = !identity.always;
                format!("identity of {what} always: {}", identity.always)
            }
        }
        14 => {
            // A partition detached, or a new one made and attached.
            if n.is_multiple_of(2) {
                let Some(t) = r.tables.iter_mut().filter(|t| t.partition_of.is_some()).nth(n % 3) else { return "no partition".to_owned() };
                t.partition_of = None;
                return format!("detach partition {}", t.name);
            }
            let Some(parent) = r.tables.iter().filter(|t| t.partition_by.is_some()).nth(n % 4).cloned() else { return "no partitioned table".to_owned() };
            let mut partition = parent.clone();
            partition.id = relata_model::TableId(uuid::Uuid::from_u128(0x9a47_0000 + n as u128));
            partition.name = format!("{}_p{n}", parent.name);
            partition.partition_by = None;
            partition.partition_of = Some(relata_model::PartitionOf {
                parent: parent.table_ref(),
                bound: format!("FOR VALUES FROM ('{}-01-01') TO ('{}-01-01')", 3000 + n, 3001 + n),
            });
            let columns: Vec<relata_model::Signal> = r
                .columns_of(&parent.table_ref())
                .iter()
                .enumerate()
                .map(|(i, c)| relata_model::Signal {
                    id: relata_model::SignalId(uuid::Uuid::from_u128(0x9a47_0000_0000 + (n as u128) * 100 + i as u128)),
                    table: Some(partition.table_ref()),
                    ..(*c).clone()
                })
                .collect();
            let name = partition.name.clone();
            r.tables.push(partition);
            r.signals.extend(columns);
            format!("attach new partition {name}")
        }
        15 => {
            // A kept domain, composite type or function changed.
            let k = &mut r.kept[n % 3];
            match k.kind {
                relata_model::KeptKind::Domain => k.sql = format!("CREATE DOMAIN core.positive_amount AS numeric(12,2) CHECK (VALUE >= -{n})"),
                relata_model::KeptKind::Type => k.sql = format!("{}, note_{n} text)", k.sql.strip_suffix(')').unwrap_or(&k.sql)),
                _ => k.sql = format!("CREATE FUNCTION core.non_negative(x numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT greatest(x, {n}) $$"),
            }
            format!("kept {} {} is now {}", k.kind.as_str(), k.name, k.sql)
        }
        _ => {
            let t = r.tables.iter_mut().find(|t| t.table_ref() == table).expect("the table");
            t.module = format!("Moved {}", n % 3);
            t.purpose = Some(format!("Purpose {n}."));
            format!("module and purpose of {table}")
        }
    }
}

/// Whether `text` has `word` as a word (not inside a longer name).
fn word_in(text: &str, word: &str) -> bool {
    replace_word(text, word, "\u{1}") != text
}

/// `text` with each whole-word `word` replaced by `to`.
fn replace_word(text: &str, word: &str, to: &str) -> String {
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(word) {
        let (before, after) = (rest[..at].chars().next_back().or(out.chars().next_back()), rest[at + word.len()..].chars().next());
        out.push_str(&rest[..at]);
        out.push_str(if is_word(before) || is_word(after) { word } else { to });
        rest = &rest[at + word.len()..];
    }
    out + rest
}

#[test]
fn a_generated_registry_migrates_to_a_copy_with_a_hundred_random_edits() {
    let pg = PgCluster::start();
    let rules = rules();
    let old = relata_model::generate::generate(&relata_model::generate::GenerateOptions { postgres: true, ..relata_model::generate::GenerateOptions::new(200) });
    let mut new = old.clone();
    // Seeded, so a failure replays the same edits.
    let mut rng = relata_model::generate::Rng(0xd1ff_2026);
    let done: Vec<String> = (0..160).map(|n| random_edit(&mut new, &mut rng, n)).collect();
    let m = migration(&old, &new, &rules, &MigrationOptions { allow_destructive: true, ..MigrationOptions::default() });
    pg.create_database("gen_migrated");
    pg.psql_single_transaction("gen_migrated", &Ddl::new(&old, &Postgres, &rules).to_string()).expect("OLD's export applies");
    pg.psql("gen_migrated", &m.sql).unwrap_or_else(|e| panic!("PostgreSQL rejects the migration: {e}\nedits: {done:#?}\n{}", m.sql));
    pg.create_database("gen_fresh");
    pg.psql_single_transaction("gen_fresh", &Ddl::new(&new, &Postgres, &rules).to_string()).expect("NEW's export applies");
    if let Some(d) = difference(&unordered(pg.schema_catalog("gen_fresh")), &unordered(pg.schema_catalog("gen_migrated")), 20) {
        panic!("NEW's export (left) and the migrated database (right) differ: {d}\nedits: {done:#?}");
    }
    assert!(m.manual.is_empty(), "{:?}", m.manual);
    // At least a hundred of the edits changed something.
    let unchanged = |d: &str| d.split_once(" from ").and_then(|(_, r)| r.split_once(" to ")).is_some_and(|(a, b)| a == b);
    let real = done.iter().filter(|d| !d.starts_with("leave") && !d.starts_with("keep") && !d.starts_with("no ") && !unchanged(d)).count();
    assert!(real >= 100, "{real} real edits: {done:#?}");
    // The edits reach what `generate`'s PostgreSQL objects add.
    for kind in ["CHECK", "identity", "detach partition", "attach new partition", "kept domain", "kept type", "kept function"] {
        assert!(done.iter().any(|d| d.contains(kind) && !d.starts_with("no ")), "no edit of {kind}: {done:#?}");
    }
}
