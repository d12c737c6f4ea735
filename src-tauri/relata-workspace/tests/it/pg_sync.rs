//! Shared registry sync against a real PostgreSQL holding the registry DDL: a bundled
//! registry pushed, two workspaces (a folder and a `.relata` file) pulling, editing the same
//! and different entries and pushing — different edits both land, the same-entry edit is a
//! conflict for the second pusher with both versions, nothing is lost; pulls merge remote
//! changes into unedited rows; and a push whose connection is killed mid-transaction leaves
//! the registry exactly as before. Relata's own data (CHECKs, identity columns, indexes,
//! partitions, kept statements, …) travels through `relata_extras` the same way.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use relata_sync::{RegistryTable, Resolve};
use relata_model::Registry;
use relata_store::postgres::sync::{pull, push};
use relata_store::postgres::Database;
use relata_testkit::pg::PgCluster;
use sqlx::Connection;

use relata_testkit::registries::{bundled as bundled_registries, create_registry_database};

/// The bundled registry with the most relationships (the edits need three).
fn source_registry() -> Registry {
    bundled_registries()
        .iter()
        .map(|f| relata_store::folder::load(f).expect("a bundled registry loads").registry)
        .max_by_key(|r| r.relationships.len())
        .expect("bundled registries")
}

/// Every registry row of `db`, as text, sorted: the registry's exact state.
fn dump(pg: &PgCluster, db: &str) -> String {
    RegistryTable::ALL
        .iter()
        .map(|t| pg.psql(db, &format!("SELECT t::text FROM {t} t ORDER BY 1;")).expect("dump a registry table"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn load(path: &Path) -> Registry {
    let loaded = crate::block_on(relata_store::load(path)).expect("the workspace loads");
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    loaded.registry
}

fn save(path: &Path, registry: &Registry) {
    crate::block_on(relata_store::save(path, registry)).expect("the workspace saves");
}

fn notes_of(registry: &Registry, key: &str) -> Option<String> {
    registry.relationships.iter().find(|r| r.key == key).expect("the relationship").notes.clone()
}

fn set_notes(path: &Path, key: &str, notes: &str) {
    let mut registry = load(path);
    registry.relationships.iter_mut().find(|r| r.key == key).expect("the relationship").notes = Some(notes.to_owned());
    save(path, &registry);
}

/// A database with the registry DDL and `registry` pushed into it from the workspace `origin`.
fn shared(pg: &PgCluster, db: &str, origin: &Path, registry: &Registry) -> Database {
    create_registry_database(pg, db);
    save(origin, registry);
    let database = Database::from_url(&pg.url(db)).expect("a URL");
    let pushed = crate::block_on(push(origin, &database)).expect("the first push");
    let rows = relata_sync::registry_rows(registry).len();
    assert_eq!(pushed.inserted.len(), rows, "every row is new to the database");
    assert!(pushed.conflicts.is_empty());
    database
}

#[test]
fn concurrent_edits_land_conflict_or_merge_and_nothing_is_lost() {
    let pg = PgCluster::start();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let registry = source_registry();
    let database = shared(&pg, "shared", &dir.path().join("origin"), &registry);

    let one: PathBuf = dir.path().join("one");
    let two: PathBuf = dir.path().join("two.relata");
    for w in [&one, &two] {
        let pulled = crate::block_on(pull(w, &database, Resolve::Report)).expect("a first pull");
        assert!(pulled.conflicts.is_empty());
        assert_eq!(pulled.added.len(), relata_sync::registry_rows(&registry).len());
    }
    assert_eq!(load(&one).relationships.len(), registry.relationships.len());
    // Pulling again changes nothing.
    let again = crate::block_on(pull(&one, &database, Resolve::Report)).expect("a second pull");
    assert!(again.added.is_empty() && again.updated.is_empty() && again.removed.is_empty() && again.local_changes == 0);

    let keys: Vec<String> = registry.relationships.iter().take(4).map(|r| r.key.clone()).collect();
    let (same, only_one, only_two, remote_only) = (&keys[0], &keys[1], &keys[2], &keys[3]);
    set_notes(&one, same, "edited in one");
    set_notes(&one, only_one, "only one");
    set_notes(&two, same, "edited in two");
    set_notes(&two, only_two, "only two");

    let first = crate::block_on(push(&one, &database)).expect("the first push");
    assert_eq!(first.updated.len(), 2, "{first:?}");
    assert!(first.conflicts.is_empty(), "{:?}", first.conflicts);

    let second = crate::block_on(push(&two, &database)).expect("the second push");
    assert_eq!(second.updated, vec![only_two.clone()], "the different edit lands");
    assert_eq!(second.conflicts.len(), 1, "{second:?}");
    let conflict = &second.conflicts[0];
    assert_eq!(&conflict.name, same);
    let notes = conflict.fields.iter().find(|f| f.column == "notes").expect("notes differ");
    assert_eq!(notes.local.as_deref(), Some("edited in two"));
    assert_eq!(notes.remote.as_deref(), Some("edited in one"));
    let text = conflict.to_string();
    assert!(text.contains(same) && text.contains("edited in two") && text.contains("edited in one"), "{text}");

    // The database holds both different edits and the first pusher's version of the same one.
    let check = dir.path().join("check");
    crate::block_on(pull(&check, &database, Resolve::Report)).expect("a fresh pull");
    let remote = load(&check);
    assert_eq!(notes_of(&remote, same).as_deref(), Some("edited in one"));
    assert_eq!(notes_of(&remote, only_one).as_deref(), Some("only one"));
    assert_eq!(notes_of(&remote, only_two).as_deref(), Some("only two"));
    // Nothing lost: the second workspace still has its edit.
    assert_eq!(notes_of(&load(&two), same).as_deref(), Some("edited in two"));

    // Pull merges remote changes into rows the workspace did not edit, keeps the conflict
    // local, and takes remote additions and deletions.
    set_notes(&check, remote_only, "from check");
    let mut r = load(&check);
    let gone = r.relationships.pop().expect("a relationship to delete");
    save(&check, &r);
    let pushed = crate::block_on(push(&check, &database)).expect("push from check");
    assert_eq!((pushed.updated.len(), pushed.deleted.len(), pushed.conflicts.len()), (1, 1, 0), "{pushed:?}");

    let merged = crate::block_on(pull(&two, &database, Resolve::Report)).expect("pull into two");
    let two_now = load(&two);
    assert_eq!(notes_of(&two_now, only_one).as_deref(), Some("only one"), "remote edit merged");
    assert_eq!(notes_of(&two_now, remote_only).as_deref(), Some("from check"), "remote edit merged");
    assert_eq!(notes_of(&two_now, same).as_deref(), Some("edited in two"), "conflict keeps the local version");
    assert!(two_now.relationships.iter().all(|x| x.id != gone.id), "remote deletion applied");
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].name, *same);
    assert!(merged.removed.contains(&gone.key), "{:?}", merged.removed);

    // A new entry in one workspace lands and reaches the other.
    let mut r = load(&one);
    let mut added = r.relationships[0].clone();
    added.id = relata_model::RelationshipId::new_random();
    added.key = format!("{}__copy", added.key);
    added.constraint_name = None;
    r.relationships.push(added.clone());
    save(&one, &r);
    let pushed = crate::block_on(push(&one, &database)).expect("push a new entry");
    assert_eq!(pushed.inserted, vec![added.key.clone()]);
    // A workspace adding an entry whose key the database already has gets a conflict.
    let mut r = load(&check);
    let mut clash = added.clone();
    clash.id = relata_model::RelationshipId::new_random();
    r.relationships.push(clash);
    save(&check, &r);
    let pushed = crate::block_on(push(&check, &database)).expect("push a clashing entry");
    assert_eq!(pushed.conflicts.len(), 1, "{pushed:?}");
    assert!(pushed.conflicts[0].to_string().contains(&added.key));
    crate::block_on(pull(&two, &database, Resolve::Report)).expect("pull the new entry");
    assert!(load(&two).relationships.iter().any(|x| x.key == added.key));
}

#[test]
fn a_push_killed_mid_transaction_leaves_the_registry_as_before() {
    let pg = PgCluster::start();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let registry = source_registry();
    let database = shared(&pg, "killed", &dir.path().join("origin"), &registry);
    let work = dir.path().join("work");
    crate::block_on(pull(&work, &database, Resolve::Report)).expect("a pull");

    // Edit a table (written first) and a relationship (written last).
    let mut r = load(&work);
    r.tables[0].purpose = Some("changed before the kill".into());
    r.relationships[0].notes = Some("never lands".into());
    let locked = r.relationships[0].id;
    save(&work, &r);
    let before = dump(&pg, "killed");
    let base_before = crate::block_on(relata_store::load_base(&work)).expect("the base");

    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    runtime.block_on(async {
        // The test holds the relationship's row lock, so the push stops there, after it
        // has updated table_overview inside its transaction.
        let url = pg.url("killed");
        let options: sqlx::postgres::PgConnectOptions = url.parse().expect("a URL");
        let mut holder = sqlx::PgConnection::connect_with(&options.clone().application_name("holder")).await.expect("connect");
        let mut watcher = sqlx::PgConnection::connect_with(&options.application_name("watcher")).await.expect("connect");
        sqlx::query("BEGIN").execute(&mut holder).await.unwrap();
        sqlx::query("SELECT 1 FROM relationship_registry WHERE relationship_id = $1::text::uuid FOR UPDATE")
            .bind(locked.to_string())
            .execute(&mut holder)
            .await
            .unwrap();

        let (work2, database2) = (work.clone(), database.clone());
        // On a thread of its own: the store's futures borrow their arguments.
        let pushing = std::thread::spawn(move || crate::block_on(push(&work2, &database2)));
        let started = Instant::now();
        let pid: i32 = loop {
            let waiting: Option<i32> =
                sqlx::query_scalar("SELECT pid FROM pg_stat_activity WHERE application_name = 'relata' AND wait_event_type = 'Lock'")
                    .fetch_optional(&mut watcher)
                    .await
                    .unwrap();
            if let Some(pid) = waiting {
                break pid;
            }
            assert!(started.elapsed() < Duration::from_secs(30), "the push never waited on the held lock");
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        let wrote_tables: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_locks WHERE pid = $1 AND relation = 'table_overview'::regclass AND mode = 'RowExclusiveLock'",
        )
        .bind(pid)
        .fetch_one(&mut watcher)
        .await
        .unwrap();
        assert_eq!(wrote_tables, 1, "the push has written table_overview in its open transaction");
        let killed: bool = sqlx::query_scalar("SELECT pg_terminate_backend($1)").bind(pid).fetch_one(&mut watcher).await.unwrap();
        assert!(killed);
        sqlx::query("ROLLBACK").execute(&mut holder).await.unwrap();
        let result = pushing.join().expect("the push thread ends");
        assert!(result.is_err(), "a killed push fails: {result:?}");
    });

    assert_eq!(dump(&pg, "killed"), before, "the registry is exactly as before the push");
    assert_eq!(crate::block_on(relata_store::load_base(&work)).expect("the base"), base_before, "the base is unchanged");
    assert_eq!(load(&work), r, "the workspace keeps its edits");
    // And the same push, uninterrupted, lands both edits.
    let pushed = crate::block_on(push(&work, &database)).expect("the push again");
    assert_eq!((pushed.updated.len(), pushed.conflicts.len()), (2, 0), "{pushed:?}");
    assert_ne!(dump(&pg, "killed"), before);
}

/// The registry of `pg15_features.sql`: CHECKs, identity and generated columns, collations,
/// rich indexes and unique constraints, partitions of every kind, an EXCLUDE constraint, a
/// view, a materialized view and every other kind of kept statement.
fn features_registry() -> Registry {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../relata-formats/tests/data/sql/pg15_features.sql");
    let text = std::fs::read_to_string(path).expect("the fixture");
    let now = relata_model::Timestamp::parse("2026-01-31 09:30:00+00").expect("a timestamp");
    let options = relata_formats::sql::parse::ImportOptions::new(now);
    let (registry, diagnostics) = relata_formats::sql::parse::import(&text, "pg15_features.sql", &options, &rules());
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:#?}");
    registry
}

fn rules() -> relata_rules::RuleSet {
    relata_rules::RuleSet::preset("zayaz").expect("the zayaz preset")
}

fn ddl(registry: &Registry) -> String {
    relata_formats::sql::Ddl::new(registry, &relata_formats::sql::Postgres, &rules()).to_string()
}

fn set_check(path: &Path, table: &str, check: &str, expression: &str) {
    let mut registry = load(path);
    let t = registry.tables.iter_mut().find(|t| t.name == table).expect("the table");
    t.checks.iter_mut().find(|c| c.name.as_deref() == Some(check)).expect("the CHECK").expression = expression.to_owned();
    save(path, &registry);
}

fn check_of(registry: &Registry, table: &str, check: &str) -> String {
    let t = registry.tables.iter().find(|t| t.name == table).expect("the table");
    t.checks.iter().find(|c| c.name.as_deref() == Some(check)).expect("the CHECK").expression.clone()
}

#[test]
fn relata_data_travels_with_the_registry_and_a_check_conflict_is_reported_field_by_field() {
    let pg = PgCluster::start();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let registry = features_registry();
    assert!(registry.tables.iter().any(|t| t.partition_of.is_some()) && registry.tables.iter().any(|t| !t.checks.is_empty()));
    assert!(registry.signals.iter().any(|s| s.spec.identity.is_some()));
    assert!(registry.tables.iter().any(|t| t.is_view()));

    // A database with only the three registry tables, as before Relata's data travelled: the
    // first push creates relata_extras.
    let ann = dir.path().join("ann");
    let database = shared(&pg, "features", &ann, &registry);
    let extras = pg.psql("features", "SELECT entry_kind, count(*) FROM relata_extras GROUP BY 1 ORDER BY 1;").expect("relata_extras");
    let tables_with_extras = relata_sync::registry_rows(&registry)
        .keys()
        .filter(|k| k.table == RegistryTable::RelataExtras && registry.tables.iter().any(|t| t.id.0 == k.id))
        .count();
    assert!(extras.contains(&format!("kept|{}", registry.kept.len())), "{extras}");
    assert!(extras.contains(&format!("table|{tables_with_extras}")), "{extras}");

    // Another workspace pulls it all and exports the same SQL, byte for byte.
    let bob = dir.path().join("bob.relata");
    let pulled = crate::block_on(pull(&bob, &database, Resolve::Report)).expect("bob's first pull");
    assert!(pulled.conflicts.is_empty(), "{:?}", pulled.conflicts);
    let (a, b) = (load(&ann), load(&bob));
    assert_eq!(ddl(&b), ddl(&a));
    assert_eq!(ddl(&b), ddl(&registry));
    // A partition is a table with its bound, not a plain table; a view is a view with its
    // statement, not a plain table.
    let partition = b.tables.iter().find(|t| t.name == "orders_2026").expect("the partition");
    assert_eq!(partition.partition_of.as_ref().map(|p| p.parent.table.as_str()), Some("orders"));
    for view in ["active_customers", "daily_totals"] {
        let (theirs, ours) = (b.tables.iter().find(|t| t.name == view), a.tables.iter().find(|t| t.name == view));
        assert!(theirs.is_some_and(|t| t.is_view()) && theirs.map(|t| &t.view) == ours.map(|t| &t.view), "{view}");
    }
    assert_eq!(b.kept, a.kept, "kept statements in their order");
    // Pulling again changes nothing.
    let again = crate::block_on(pull(&bob, &database, Resolve::Report)).expect("bob's second pull");
    assert!(again.added.is_empty() && again.updated.is_empty() && again.removed.is_empty() && again.local_changes == 0, "{again:?}");

    // Both edit the same CHECK differently; bob also colours another table.
    set_check(&ann, "customers", "customers_name_not_blank", "length(name) > 1");
    set_check(&bob, "customers", "customers_name_not_blank", "length(name) > 2");
    let mut r = load(&bob);
    r.tables.iter_mut().find(|t| t.name == "rooms").expect("rooms").color = Some("#336699".into());
    save(&bob, &r);

    let first = crate::block_on(push(&ann, &database)).expect("ann's push");
    assert_eq!(first.updated, vec!["table app.customers".to_owned()], "{first:?}");
    let second = crate::block_on(push(&bob, &database)).expect("bob's push");
    assert_eq!(second.updated, vec!["table billing.rooms".to_owned()], "another table's extras land: {second:?}");
    assert_eq!(second.conflicts.len(), 1, "{second:?}");
    let conflict = &second.conflicts[0];
    assert_eq!(conflict.name, "table app.customers");
    // Field by field: only `checks` differs, with both versions.
    assert_eq!(conflict.fields.iter().map(|f| f.column).collect::<Vec<_>>(), vec!["checks"], "{conflict}");
    let checks = &conflict.fields[0];
    assert!(checks.local.as_deref().is_some_and(|v| v.contains("length(name) > 2")), "{checks:?}");
    assert!(checks.remote.as_deref().is_some_and(|v| v.contains("length(name) > 1")), "{checks:?}");
    let text = conflict.to_string();
    assert!(text.contains("relata_extras table app.customers") && text.contains("checks:"), "{text}");

    // Pull reports it again and keeps bob's version; --resolve workspace settles it for bob's,
    // and his next push writes it over ann's.
    let reported = crate::block_on(pull(&bob, &database, Resolve::Report)).expect("bob's pull");
    assert_eq!(reported.conflicts.len(), 1, "{reported:?}");
    assert_eq!(reported.conflicts[0].fields.iter().map(|f| f.column).collect::<Vec<_>>(), vec!["checks"]);
    assert_eq!(check_of(&load(&bob), "customers", "customers_name_not_blank"), "length(name) > 2");
    let settled = crate::block_on(pull(&bob, &database, Resolve::Workspace)).expect("bob settles");
    assert_eq!(settled.resolved, vec!["table app.customers".to_owned()]);
    let pushed = crate::block_on(push(&bob, &database)).expect("bob pushes his version");
    assert_eq!(pushed.updated, vec!["table app.customers".to_owned()], "{pushed:?}");
    assert!(pushed.conflicts.is_empty());

    // Ann pulls bob's CHECK and colour; the two export the same SQL again.
    let merged = crate::block_on(pull(&ann, &database, Resolve::Report)).expect("ann's pull");
    assert!(merged.conflicts.is_empty(), "{merged:?}");
    let a = load(&ann);
    assert_eq!(check_of(&a, "customers", "customers_name_not_blank"), "length(name) > 2");
    assert_eq!(a.tables.iter().find(|t| t.name == "rooms").and_then(|t| t.color.clone()).as_deref(), Some("#336699"));
    assert_eq!(ddl(&a), ddl(&load(&bob)));

    // The other way to settle: ann edits it again, bob too; bob takes the database's version.
    set_check(&ann, "customers", "customers_name_not_blank", "length(name) > 3");
    set_check(&bob, "customers", "customers_name_not_blank", "length(name) > 4");
    crate::block_on(push(&ann, &database)).expect("ann's push");
    let taken = crate::block_on(pull(&bob, &database, Resolve::Database)).expect("bob takes the database's");
    assert_eq!(taken.resolved, vec!["table app.customers".to_owned()]);
    assert_eq!(check_of(&load(&bob), "customers", "customers_name_not_blank"), "length(name) > 3");
    assert_eq!(ddl(&load(&bob)), ddl(&load(&ann)));
}
