//! The three-way merge of a workspace changed on disk while it was open, on the richest bundled
//! registry: every kind of row (tables, columns, relationships, and Relata's own data: modules,
//! enums, a table's extras, kept statements, DBML and Mermaid extras) changed on disk and
//! differently in the window merges field by field; conflicts keep both versions and nothing is
//! overwritten until a choice says so. A property test makes random edits on both sides.

use std::collections::BTreeMap;

use proptest::prelude::*;
use relata_codec::folder;
use relata_sync::three_way::{merge, Choice, ConflictKind, Side};
use relata_sync::{registry_rows, RegistryTable, RowKey};
use relata_model::{CheckConstraint, EnumType, EnumValue, KeptKind, KeptObject, Module, Pin, Registry};

use crate::{bundled, read_folder};

fn registry() -> Registry {
    let dir = bundled().into_iter().max_by_key(|d| read_folder(d).relationship_registry.len()).expect("a bundled registry");
    let (registry, diagnostics) = folder::parse(&read_folder(&dir));
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    registry
}

#[test]
fn different_fields_of_one_row_merge_for_each_registry_table() {
    let base = registry();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    // Same table, column and relationship on both sides, different fields.
    ours.tables[0].purpose = Some("ours: purpose".into());
    theirs.tables[0].notes = Some("theirs: notes".into());
    ours.signals[0].description = Some("ours: description".into());
    theirs.signals[0].default = Some("'theirs'".into());
    ours.relationships[0].change_reason = Some("ours: reason".into());
    theirs.relationships[0].owner_team = Some("theirs-team".into());

    let merged = merge(&base, &ours, &theirs, &[]);
    assert!(merged.conflicts.is_empty(), "{:#?}", merged.conflicts);
    let r = &merged.registry;
    assert_eq!(r.tables[0].purpose.as_deref(), Some("ours: purpose"));
    assert_eq!(r.tables[0].notes.as_deref(), Some("theirs: notes"));
    assert_eq!(r.signals[0].description.as_deref(), Some("ours: description"));
    assert_eq!(r.signals[0].default.as_deref(), Some("'theirs'"));
    assert_eq!(r.relationships[0].change_reason.as_deref(), Some("ours: reason"));
    assert_eq!(r.relationships[0].owner_team.as_deref(), Some("theirs-team"));
    // The rows theirs changed are named as taken.
    assert_eq!(merged.taken.len(), 0, "every row theirs changed was changed by ours too: {:?}", merged.taken);
    // Nothing else moved.
    assert_eq!(r.tables.len(), base.tables.len());
    assert_eq!(r.signals.len(), base.signals.len());
}

#[test]
fn the_same_field_changed_differently_is_a_conflict_with_both_versions_until_a_choice() {
    let base = registry();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.tables[1].purpose = Some("ours".into());
    theirs.tables[1].purpose = Some("theirs".into());
    ours.signals[2].description = Some("ours".into());
    theirs.signals[2].description = None;

    let merged = merge(&base, &ours, &theirs, &[]);
    assert_eq!(merged.conflicts.len(), 2, "{:#?}", merged.conflicts);
    let table = merged.conflicts.iter().find(|c| c.key.table == RegistryTable::TableOverview).expect("the table conflicts");
    assert_eq!(table.kind, ConflictKind::Fields);
    assert_eq!(table.name, format!("{}.{}", base.tables[1].schema, base.tables[1].name));
    assert_eq!(table.fields.len(), 1);
    assert_eq!(table.fields[0].field, "purpose");
    assert_eq!(table.fields[0].base, base.tables[1].purpose);
    assert_eq!(table.fields[0].ours.as_deref(), Some("ours"));
    assert_eq!(table.fields[0].theirs.as_deref(), Some("theirs"));
    // Until a choice, the window's version stands.
    assert_eq!(merged.registry.tables[1].purpose.as_deref(), Some("ours"));
    assert_eq!(merged.unanswered(&[]), 2);

    let choice = Choice { key: table.key, field: Some("purpose".into()), side: Side::Theirs };
    let chosen = merge(&base, &ours, &theirs, std::slice::from_ref(&choice));
    assert_eq!(chosen.registry.tables[1].purpose.as_deref(), Some("theirs"));
    assert_eq!(chosen.registry.signals[2].description.as_deref(), Some("ours"), "the other conflict keeps ours");
    assert_eq!(chosen.unanswered(&[choice]), 1);
}

#[test]
fn a_row_deleted_on_one_side_and_changed_on_the_other_is_kept_until_a_choice() {
    let base = registry();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let id = base.relationships[0].id;
    ours.relationships.retain(|r| r.id != id);
    theirs.relationships[0].change_reason = Some("theirs".into());
    let merged = merge(&base, &ours, &theirs, &[]);
    assert_eq!(merged.conflicts.len(), 1);
    let c = &merged.conflicts[0];
    assert_eq!(c.kind, ConflictKind::DeletedByUs);
    assert!(c.fields.iter().any(|f| f.field == "change_reason" && f.theirs.as_deref() == Some("theirs")), "{:#?}", c.fields);
    assert!(merged.registry.relationships.iter().all(|r| r.id != id), "ours (deleted) stands until a choice");
    let back = merge(&base, &ours, &theirs, &[Choice { key: c.key, field: None, side: Side::Theirs }]);
    let kept = back.registry.relationships.iter().find(|r| r.id == id).expect("theirs brings it back");
    assert_eq!(kept.change_reason.as_deref(), Some("theirs"));

    // And the other way round: theirs deleted a column the window edited.
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let sid = base.signals[3].id;
    ours.signals[3].description = Some("ours".into());
    theirs.signals.retain(|s| s.id != sid);
    let merged = merge(&base, &ours, &theirs, &[]);
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].kind, ConflictKind::DeletedByThem);
    assert!(merged.registry.signals.iter().any(|s| s.id == sid && s.description.as_deref() == Some("ours")));
}

#[test]
fn one_sided_additions_and_deletions_are_taken_from_either_side() {
    let base = registry();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let mut added = base.tables[0].clone();
    added.id = relata_model::TableId(uuid::Uuid::from_u128(0x7e57));
    added.name = "added_on_disk".into();
    theirs.tables.push(added.clone());
    let gone = base.relationships[1].id;
    theirs.relationships.retain(|r| r.id != gone);
    let mut ours_added = base.tables[0].clone();
    ours_added.id = relata_model::TableId(uuid::Uuid::from_u128(0x0005));
    ours_added.name = "added_in_window".into();
    ours.tables.push(ours_added);

    let merged = merge(&base, &ours, &theirs, &[]);
    assert!(merged.conflicts.is_empty());
    let names: Vec<&str> = merged.registry.tables.iter().map(|t| t.name.as_str()).collect();
    assert!(names.contains(&"added_on_disk") && names.contains(&"added_in_window"), "{names:?}");
    assert!(merged.registry.relationships.iter().all(|r| r.id != gone));
    // The new table's row and its extras' row (it copied a table with extras), and the deleted
    // relationship.
    assert_eq!(merged.taken.len(), 3, "{:?}", merged.taken);
    assert!(merged.taken.iter().any(|n| n == "table public.added_on_disk"), "{:?}", merged.taken);
    assert!(merged.taken.contains(&base.relationships[1].key), "{:?}", merged.taken);
}

#[test]
fn relata_own_data_merges_by_document_field() {
    let base = {
        let mut r = registry();
        r.modules.push(Module { name: "Billing".into(), color: None, note: None, implicit: false });
        r.enums.push(EnumType { schema: "app".into(), name: "state".into(), values: vec![EnumValue { name: "a".into(), note: None }] });
        r
    };
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    fn billing(r: &mut Registry) -> &mut Module {
        r.modules.iter_mut().find(|m| m.name == "Billing").expect("the module added above")
    }
    // Module: colour in the window, note on disk.
    billing(&mut ours).color = Some("#123456".into());
    billing(&mut theirs).note = Some("on disk".into());
    // A table's extras: a CHECK in the window, a pin on disk.
    let t = base.tables[0].table_ref();
    ours.tables[0].checks.push(CheckConstraint { name: Some("ours_check".into()), expression: "1 = 1".into(), column: None, not_valid: false, no_inherit: false, note: None });
    theirs.pins.push(Pin { table: t.clone(), x: 120.0, y: 80.0 });
    // Enum values: both sides differently (a conflict on `values`).
    ours.enums.last_mut().unwrap().values.push(EnumValue { name: "ours".into(), note: None });
    theirs.enums.last_mut().unwrap().values.push(EnumValue { name: "theirs".into(), note: None });
    // A kept statement and Mermaid's direction on disk only; DBML's project note in the window.
    theirs.kept.push(KeptObject {
        kind: KeptKind::Function,
        schema: Some("app".into()),
        name: "touch".into(),
        on: None,
        sql: "CREATE FUNCTION app.touch() RETURNS int LANGUAGE sql AS 'select 1';".into(),
        search_path: Vec::new(),
    });
    theirs.mermaid.direction = Some("LR".into());
    ours.dbml.project = Some(relata_model::dbml::DbmlProject { name: Some("shop".into()), settings: Vec::new(), note: Some("ours".into()) });

    let merged = merge(&base, &ours, &theirs, &[]);
    let r = &merged.registry;
    let m = r.modules.iter().find(|m| m.name == "Billing").unwrap();
    assert_eq!((m.color.as_deref(), m.note.as_deref()), (Some("#123456"), Some("on disk")));
    assert!(r.tables[0].checks.iter().any(|c| c.name.as_deref() == Some("ours_check")));
    assert!(r.pins.iter().any(|p| p.table == t && p.x == 120.0), "the pin from disk is taken: {:?}", r.pins);
    assert!(r.kept.iter().any(|k| k.name == "touch"));
    assert_eq!(r.mermaid.direction.as_deref(), Some("LR"));
    assert_eq!(r.dbml.project.as_ref().and_then(|p| p.note.as_deref()), Some("ours"));
    assert_eq!(merged.conflicts.len(), 1, "{:#?}", merged.conflicts);
    let c = &merged.conflicts[0];
    assert_eq!(c.name, "enum app.state");
    assert_eq!(c.fields.len(), 1);
    assert_eq!(c.fields[0].field, "values");
    assert!(c.fields[0].ours.as_deref().unwrap().contains("\"ours\"") && c.fields[0].theirs.as_deref().unwrap().contains("\"theirs\""));
    let e = r.enums.iter().find(|e| e.name == "state").unwrap();
    assert_eq!(e.values.last().unwrap().name, "ours");
}

/// One side's random edits: for each chosen row, a text field and a value.
fn edits() -> impl Strategy<Value = Vec<(usize, usize, Option<String>)>> {
    prop::collection::vec((0usize..1000, 0usize..3, prop::option::of("[a-z]{1,3}")), 0..40)
}

/// Applies `edits` to `registry`'s table purposes/notes, column descriptions and relationship
/// reasons (the row picked modulo the count), and returns what each edit set, by row and field.
fn apply(registry: &mut Registry, edits: &[(usize, usize, Option<String>)]) -> BTreeMap<(RowKey, &'static str), Option<String>> {
    let mut out = BTreeMap::new();
    for (row, field, value) in edits {
        match field {
            0 => {
                let n = row % registry.tables.len();
                registry.tables[n].purpose = value.clone();
                out.insert((RowKey { table: RegistryTable::TableOverview, id: registry.tables[n].id.0 }, "purpose"), value.clone());
            }
            1 => {
                let n = row % registry.signals.len();
                registry.signals[n].description = value.clone();
                out.insert((RowKey { table: RegistryTable::SignalRegistry, id: registry.signals[n].id.0 }, "semantic_description"), value.clone());
            }
            _ => {
                let n = row % registry.relationships.len();
                registry.relationships[n].change_reason = value.clone();
                out.insert((RowKey { table: RegistryTable::RelationshipRegistry, id: registry.relationships[n].id.0 }, "change_reason"), value.clone());
            }
        }
    }
    out
}

fn field(rows: &BTreeMap<RowKey, Vec<Option<String>>>, key: RowKey, name: &str) -> Option<String> {
    let n = key.table.columns().iter().position(|c| c.name == name).expect("a registry column");
    rows[&key][n].clone()
}

/// The richest bundled registry, read once for the property test's many cases.
fn shared() -> &'static Registry {
    static REGISTRY: std::sync::OnceLock<Registry> = std::sync::OnceLock::new();
    REGISTRY.get_or_init(registry)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// After the merge, every change made on one side only is present, and every field both
    /// sides changed differently is a conflict holding both values.
    #[test]
    fn random_edits_on_both_sides(ours_edits in edits(), theirs_edits in edits()) {
        let base = shared();
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        let o = apply(&mut ours, &ours_edits);
        let t = apply(&mut theirs, &theirs_edits);
        let merged = merge(base, &ours, &theirs, &[]);
        let (b_rows, o_rows, t_rows, m_rows) = (registry_rows(base), registry_rows(&ours), registry_rows(&theirs), registry_rows(&merged.registry));
        for (key, name) in o.keys().chain(t.keys()) {
            let b = field(&b_rows, *key, name);
            let (ov, tv) = (field(&o_rows, *key, name), field(&t_rows, *key, name));
            let got = field(&m_rows, *key, name);
            let conflict = merged.conflicts.iter().find(|c| c.key == *key).and_then(|c| c.fields.iter().find(|f| f.field == *name));
            if ov == tv || tv == b {
                prop_assert_eq!(got, ov);
                prop_assert!(conflict.is_none());
            } else if ov == b {
                prop_assert_eq!(got, tv);
                prop_assert!(conflict.is_none());
            } else {
                let c = conflict.expect("a conflict for a field both sides changed differently");
                prop_assert_eq!(&c.ours, &ov);
                prop_assert_eq!(&c.theirs, &tv);
                prop_assert_eq!(&c.base, &b);
                prop_assert_eq!(got, ov);
            }
        }
        // Nothing else changed: rows neither side touched are the base's.
        let touched: std::collections::BTreeSet<RowKey> = o.keys().chain(t.keys()).map(|(k, _)| *k).collect();
        for (key, fields) in &b_rows {
            if !touched.contains(key) {
                prop_assert_eq!(Some(fields), m_rows.get(key));
            }
        }
        prop_assert_eq!(b_rows.len(), m_rows.len());
    }
}
