//! The pure half of shared registry sync on a bundled registry: rows against a base, the
//! three-way pull merge, push decisions and the stored base's JSON.

use std::collections::BTreeMap;

use relata_codec::folder;
use relata_sync::{
    self as sync, after_push, classify, decide, outgoing, registry_rows, row_hash, BaseRow, Change, Decision, RegistryTable, Resolve, RowKey,
    SyncBase,
};
use relata_model::{Registry, Timestamp};

use crate::{bundled, read_folder};

fn registry() -> Registry {
    let dir = bundled().into_iter().max_by_key(|d| read_folder(d).relationship_registry.len()).expect("a bundled registry");
    let (registry, diagnostics) = folder::parse(&read_folder(&dir));
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    registry
}

/// The base of a registry as if it had just been pulled.
fn base_of(registry: &Registry) -> SyncBase {
    SyncBase {
        url: Some("postgres://ann@db:5432/erd".into()),
        rows: registry_rows(registry).into_iter().map(|(k, f)| (k, BaseRow::of(k.table, &f))).collect(),
    }
}

#[test]
fn row_hashes_are_stable_and_frame_their_fields() {
    // Stored in workspaces: a change of hash function would mark every row as edited.
    assert_eq!(row_hash(&[Some("a".into()), None]), row_hash(&[Some("a".into()), None]));
    assert_eq!(row_hash(&[]), "cbf29ce484222325");
    assert_eq!(row_hash(&[Some("core".into()), None, Some("users".into())]), "cb02526033ac53df");
    assert_eq!(sync::bytes_hash(b"table_id,table_name\n"), "bb5bc45f3a5b69c5");
    assert_ne!(row_hash(&[Some("ab".into()), Some("c".into())]), row_hash(&[Some("a".into()), Some("bc".into())]));
    assert_ne!(row_hash(&[None]), row_hash(&[Some(String::new())]));
}

#[test]
fn the_base_survives_its_json() {
    let base = base_of(&registry());
    let text = base.to_json();
    assert_eq!(SyncBase::from_json(&text).expect("the JSON reads back"), base);
    assert!(!text.contains("password") && text.contains("\"url\": \"postgres://ann@db:5432/erd\""));
    assert!(SyncBase::from_json("{\"format\": \"other\", \"rows\": []}").is_err());
}

#[test]
fn pull_takes_one_sided_changes_and_keeps_local_ones_in_conflicts() {
    let base_registry = registry();
    let base = base_of(&base_registry);
    let (mut local, mut remote) = (base_registry.clone(), base_registry.clone());
    // Local: edit relationship 0 (also edited remotely, differently) and 1; delete signal 0.
    local.relationships[0].notes = Some("local".into());
    local.relationships[1].notes = Some("local only".into());
    let deleted_locally = local.signals.remove(0);
    // Remote: edit relationship 0 and 2, table 0; delete relationship 3; add a table.
    remote.relationships[0].notes = Some("remote".into());
    remote.relationships[2].notes = Some("remote only".into());
    remote.tables[0].purpose = Some("remote purpose".into());
    let deleted_remotely = remote.relationships.remove(3);
    let mut new_table = remote.tables[1].clone();
    new_table.id = relata_model::TableId::new_random();
    new_table.name = "brand_new".into();
    remote.tables.push(new_table.clone());
    // Both sides made the same edit to relationship 4: no conflict.
    local.relationships[4].notes = Some("same".into());
    remote.relationships[3].notes = Some("same".into()); // index 4 before the removal
                                                         // Local extras of table 0 survive the remote update.
    local.tables[0].color = Some("#123456".into());

    let pulled = sync::pull(&local, &base, &remote, None, Resolve::Report);
    let r = &pulled.registry;
    assert_eq!(r.relationships[0].notes.as_deref(), Some("local"), "a conflict keeps the local version");
    assert_eq!(r.relationships[1].notes.as_deref(), Some("local only"));
    assert_eq!(r.relationships[2].notes.as_deref(), Some("remote only"));
    assert!(r.relationships.iter().all(|x| x.id != deleted_remotely.id), "remote deletion applied");
    assert!(r.signals.iter().all(|s| s.id != deleted_locally.id), "local deletion kept");
    assert_eq!(r.tables[0].purpose.as_deref(), Some("remote purpose"));
    assert_eq!(r.tables[0].color.as_deref(), Some("#123456"), "Relata-only extras stay");
    assert!(r.tables.iter().any(|t| t.id == new_table.id));
    assert_eq!(pulled.conflicts.len(), 1);
    let c = &pulled.conflicts[0];
    assert_eq!((c.local, c.remote), (Change::Modified, Change::Modified));
    assert_eq!(c.name, base_registry.relationships[0].key);
    assert_eq!(c.fields.len(), 1, "{c}");
    assert_eq!((c.fields[0].local.as_deref(), c.fields[0].remote.as_deref()), (Some("local"), Some("remote")));
    // The new table's extras (it copies table 1's indexes) are a second added row; table 0's
    // colour is a local change of its relata_extras row.
    assert!(!base_registry.tables[1].indexes.is_empty() || !base_registry.tables[1].unique_constraints.is_empty());
    assert_eq!((pulled.added.len(), pulled.updated.len(), pulled.removed.len(), pulled.local_changes), (2, 2, 1, 3));
    assert!(pulled.added.contains(&format!("table {}.brand_new", new_table.schema)), "{:?}", pulled.added);
    let brand_new = r.tables.iter().find(|t| t.id == new_table.id).expect("the new table");
    assert_eq!((&brand_new.indexes, &brand_new.unique_constraints), (&new_table.indexes, &new_table.unique_constraints), "its extras came along");
    // The conflict keeps the old base; agreed and taken rows move to the remote version.
    let key0 = RowKey { table: RegistryTable::RelationshipRegistry, id: base_registry.relationships[0].id.0 };
    assert_eq!(pulled.base.rows[&key0], base.rows[&key0]);
    let key4 = RowKey { table: RegistryTable::RelationshipRegistry, id: base_registry.relationships[4].id.0 };
    assert_eq!(classify(key4.table, pulled.base.rows.get(&key4), registry_rows(r).get(&key4)), Change::Unchanged);
}

#[test]
fn push_writes_rows_the_database_still_holds_as_the_base_and_nothing_else() {
    let base_registry = registry();
    let base = base_of(&base_registry);
    let mut local = base_registry.clone();
    local.relationships[0].notes = Some("local".into());
    local.relationships[1].notes = Some("local".into());
    local.signals.remove(0);
    let mut added = local.tables[0].clone();
    added.id = relata_model::TableId::new_random();
    added.name = "added_here".into();
    local.tables.push(added.clone());
    let rows = outgoing(&local, &base);
    // Two relationships, a signal, the added table and its extras (table 0's indexes).
    assert!(!added.indexes.is_empty() || !added.unique_constraints.is_empty());
    assert_eq!(rows.iter().map(|o| o.change).collect::<Vec<_>>().len(), 5);
    assert!(rows.iter().any(|o| o.key == RowKey { table: RegistryTable::RelataExtras, id: added.id.0 } && o.name == format!("table {}.added_here", added.schema)));
    let remote = registry_rows(&base_registry);
    let mut moved = base_registry.clone();
    moved.relationships[1].notes = Some("remote".into());
    let moved = registry_rows(&moved);
    let mut written = BTreeMap::new();
    for o in &rows {
        match o.change {
            Change::Added => assert_eq!(decide(o, None), Decision::Insert),
            Change::Deleted => {
                assert_eq!(decide(o, remote.get(&o.key)), Decision::Delete);
                assert_eq!(decide(o, None), Decision::Agree, "already deleted there");
            }
            Change::Modified if o.key.id == base_registry.relationships[1].id.0 => {
                let Decision::Conflict(c) = decide(o, moved.get(&o.key)) else { panic!("a moved row is a conflict") };
                assert!(c.to_string().contains(&base_registry.relationships[1].key), "{c}");
                continue; // Not written.
            }
            Change::Modified => assert_eq!(decide(o, remote.get(&o.key)), Decision::Update),
            Change::Unchanged => unreachable!("outgoing rows changed"),
        }
        written.insert(o.key, (o.change != Change::Deleted).then(|| Timestamp::parse("2026-11-22 12:00:00.5+00").unwrap()));
    }
    let (after, new_base) = after_push(&local, &base, &written, None);
    let left = outgoing(&after, &new_base);
    assert_eq!(left.len(), 1, "after a push only the conflict differs from the base");
    assert_eq!(left[0].key.id, base_registry.relationships[1].id.0);
    assert_eq!(after.relationships[0].updated_at.as_str(), "2026-11-22 12:00:00.5+00");
}

#[test]
fn pull_can_settle_conflicts_either_way() {
    let base_registry = registry();
    let base = base_of(&base_registry);
    let (mut local, mut remote) = (base_registry.clone(), base_registry.clone());
    local.relationships[0].notes = Some("local".into());
    remote.relationships[0].notes = Some("remote".into());

    let theirs = sync::pull(&local, &base, &remote, None, Resolve::Database);
    assert!(theirs.conflicts.is_empty());
    assert_eq!(theirs.resolved, vec![base_registry.relationships[0].key.clone()]);
    assert_eq!(theirs.registry.relationships[0].notes.as_deref(), Some("remote"));
    assert!(outgoing(&theirs.registry, &theirs.base).is_empty(), "nothing left to push");

    let ours = sync::pull(&local, &base, &remote, None, Resolve::Workspace);
    assert!(ours.conflicts.is_empty());
    assert_eq!(ours.registry.relationships[0].notes.as_deref(), Some("local"));
    let left = outgoing(&ours.registry, &ours.base);
    assert_eq!(left.len(), 1, "the workspace's version is to be pushed");
    let remote_rows = registry_rows(&remote);
    assert_eq!(decide(&left[0], remote_rows.get(&left[0].key)), Decision::Update, "and the database still holds the new base");
}

#[test]
fn rows_with_the_same_fields_agree_whatever_their_updated_at() {
    // Two workspaces made from the same registry folder, one of them pushed (which stamps
    // every row): a first pull into the other finds no conflict, and the base takes the
    // database's updated_at, so a later push of an edit matches it.
    let source = registry();
    let mut remote = source.clone();
    let stamp = Timestamp::parse("2026-11-22 12:00:00.25+00").unwrap();
    remote.relationships.iter_mut().for_each(|r| r.updated_at = stamp.clone());
    let pulled = sync::pull(&source, &SyncBase::default(), &remote, None, Resolve::Report);
    assert!(pulled.conflicts.is_empty() && pulled.added.is_empty() && pulled.updated.is_empty());
    let key = RowKey { table: RegistryTable::RelationshipRegistry, id: source.relationships[0].id.0 };
    assert_eq!(pulled.base.rows[&key].updated_at, stamp.as_str());
    assert_eq!(pulled.registry.relationships[0].updated_at, stamp, "the workspace holds the database's row");
    let mut edited = pulled.registry.clone();
    edited.relationships[0].notes = Some("edited".into());
    let rows = outgoing(&edited, &pulled.base);
    assert_eq!(rows.len(), 1);
    assert_eq!(decide(&rows[0], registry_rows(&remote).get(&key)), Decision::Update);
    assert_eq!(rows[0].base.as_ref().map(|b| b.updated_at.as_str()), Some(stamp.as_str()), "the UPDATE matches the database's stamp");
}

/// The registry of `pg15_features.sql` (CHECKs, partitions, identity columns, kept statements).
fn features() -> Registry {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../relata-formats/tests/data/sql/pg15_features.sql");
    let text = std::fs::read_to_string(path).expect("the fixture");
    let options = relata_formats::sql::parse::ImportOptions::new(Timestamp::parse("2026-01-31 09:30:00+00").unwrap());
    let (registry, diagnostics) =
        relata_formats::sql::parse::import(&text, "pg15_features.sql", &options, &relata_rules::RuleSet::preset("zayaz").unwrap());
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:#?}");
    registry
}

#[test]
fn relata_data_merges_entry_by_entry() {
    let base_registry = features();
    let base = base_of(&base_registry);
    let (mut local, mut remote) = (base_registry.clone(), base_registry.clone());
    let at = |r: &Registry, name: &str| r.tables.iter().position(|t| t.name == name).expect("the table");
    // Different tables' extras on each side: no conflict, both merge.
    let customers = at(&local, "customers");
    local.tables[customers].checks[0].expression = "length(name) > 1".into();
    let rooms = at(&remote, "rooms");
    remote.tables[rooms].exclusions.clear();
    // A column's identity changed remotely (on another table), a pin locally.
    let id_column = remote
        .signals
        .iter()
        .position(|s| s.spec.identity.is_some() && s.table.as_ref().is_some_and(|t| t.table == "regions"))
        .expect("an identity column");
    remote.signals[id_column].spec.identity.as_mut().unwrap().options = Some("START WITH 7".into());
    local.pins.push(relata_model::Pin { table: local.tables[customers].table_ref(), x: 10.5, y: -2.0 });
    // A kept statement inserted remotely in the middle, an enum whose name holds a dot.
    let mut grant = remote.kept[3].clone();
    grant.sql = format!("{} -- again", grant.sql);
    remote.kept.insert(2, grant);
    remote.enums.push(relata_model::EnumType { schema: "app".into(), name: "odd.name".into(), values: remote.enums[0].values.clone() });

    let pulled = sync::pull(&local, &base, &remote, None, Resolve::Report);
    assert!(pulled.conflicts.is_empty(), "{:?}", pulled.conflicts);
    let r = &pulled.registry;
    assert_eq!(r.tables[customers].checks[0].expression, "length(name) > 1");
    assert!(r.tables[rooms].exclusions.is_empty());
    assert_eq!(r.signals[id_column].spec, remote.signals[id_column].spec);
    assert_eq!(r.pins, local.pins);
    assert_eq!(r.kept, remote.kept, "kept statements in the database's order");
    assert_eq!(r.enums, remote.enums);

    // The same table's CHECKs edited on both sides: one conflict, naming the table and only
    // the `checks` field, with both versions.
    let mut local2 = base_registry.clone();
    local2.tables[customers].checks[0].expression = "length(name) > 2".into();
    let mut remote2 = base_registry.clone();
    remote2.tables[customers].checks[0].expression = "length(name) > 3".into();
    let pulled = sync::pull(&local2, &base, &remote2, None, Resolve::Report);
    assert_eq!(pulled.conflicts.len(), 1);
    let c = &pulled.conflicts[0];
    assert_eq!(c.key, RowKey { table: RegistryTable::RelataExtras, id: base_registry.tables[customers].id.0 });
    assert_eq!(c.name, "table app.customers");
    assert_eq!(c.fields.iter().map(|f| f.column).collect::<Vec<_>>(), vec!["checks"]);
    assert!(c.fields[0].local.as_deref().unwrap().contains("length(name) > 2"));
    assert!(c.fields[0].remote.as_deref().unwrap().contains("length(name) > 3"));
    let theirs = sync::pull(&local2, &base, &remote2, None, Resolve::Database);
    assert_eq!(theirs.registry.tables[customers].checks, remote2.tables[customers].checks);
}
