//! A scripted session with an edit of every kind on every bundled registry and a generated
//! one: undo all gives back the registry as loaded, redo all the edited one, both compared
//! whole with `==`, so entry order counts.

use std::collections::BTreeSet;

use relata_model::edit::apply;
use relata_model::generate::{generate, GenerateOptions};
use relata_model::{
    Edit, EnumType, EnumValue, History, Index, IndexMethod, IndexPart, Module, Registry, RowType, TableId, TableRef, UniqueConstraint,
};

use crate::{column, relationship, table, uuid};

#[test]
fn every_bundled_registry_undoes_and_redoes_a_session_exactly() {
    for (name, registry) in crate::bundled() {
        check_session(&name, crate::with_diagram_lines(registry));
    }
}

#[test]
fn a_generated_registry_of_200_tables_undoes_and_redoes_a_session_exactly() {
    check_session("generated 200", crate::with_diagram_lines(generate(&GenerateOptions::new(200))));
}

#[test]
fn the_script_uses_every_kind_of_edit() {
    let script = script(&crate::with_diagram_lines(generate(&GenerateOptions::new(200))));
    let mut ops = BTreeSet::new();
    let mut pending: Vec<&Edit> = script.iter().collect();
    while let Some(edit) = pending.pop() {
        let json = serde_json::to_value(edit).expect("an edit serializes");
        ops.insert(json["op"].as_str().expect("tagged by op").to_owned());
        if let Edit::Batch { edits, .. } = edit {
            pending.extend(edits);
        }
    }
    assert_eq!(ops, crate::FORM_OPS.iter().map(|s| (*s).to_owned()).collect());
}

fn check_session(name: &str, original: Registry) {
    let script = script(&original);
    let mut history = History::new(original.clone());
    for edit in &script {
        // Each edit crosses IPC as JSON first, as it will from a form.
        let json = serde_json::to_string(edit).expect("an edit serializes");
        let edit: Edit = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{name}: {e}\n{json}"));
        if let Err(error) = history.apply(edit) {
            panic!("{name}: {error}");
        }
    }
    let edited = history.registry().clone();
    assert_ne!(edited, original, "{name}: the script changes the registry");
    assert!(history.is_dirty(), "{name}");

    let mut undone = 0;
    while history.undo().expect("undo applies").is_some() {
        undone += 1;
    }
    assert_eq!(undone, script.len(), "{name}: one undo step per edit");
    assert!(history.registry() == &original, "{name}: undo all gives back the registry as loaded");
    assert!(!history.is_dirty(), "{name}: back at the loaded state");

    while history.redo().expect("redo applies").is_some() {}
    assert!(history.registry() == &edited, "{name}: redo all gives back the edited registry");

    // The same through `apply` and the inverses it returns. They stay inside: a restore never
    // comes in over IPC (it does not deserialize; errors.rs), so only the edits do.
    let mut registry = original.clone();
    let mut inverses = Vec::new();
    for edit in script {
        let json = serde_json::to_string(&edit).expect("an edit serializes");
        let edit = serde_json::from_str::<Edit>(&json).expect("an edit from the window deserializes");
        let applied = apply(&mut registry, edit).unwrap_or_else(|e| panic!("{name}: {e}"));
        inverses.push(applied.inverse);
    }
    assert!(registry == edited, "{name}: apply gives what the history gave");
    for inverse in inverses.into_iter().rev() {
        apply(&mut registry, inverse).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    assert!(registry == original, "{name}: applying the inverses in reverse gives back the original");
}

/// Edits of every kind that fit `registry`: on its busiest table (a relationship at each end
/// if there is one, else the most relationships), a table it references, and new entries.
fn script(registry: &Registry) -> Vec<Edit> {
    let touching = |t: &TableRef| registry.relationships.iter().filter(|r| r.child.table_ref() == *t || r.parent.table_ref() == *t).count();
    let is_child = |t: &TableRef| registry.relationships.iter().any(|r| r.child.table_ref() == *t);
    let is_parent = |t: &TableRef| registry.relationships.iter().any(|r| r.parent.table_ref() == *t);
    let busiest = registry
        .tables
        .iter()
        .filter(|t| registry.columns_of(&t.table_ref()).len() >= 3)
        .max_by_key(|t| (is_child(&t.table_ref()) && is_parent(&t.table_ref()), touching(&t.table_ref())))
        .expect("a table with three columns");
    let main = busiest.table_ref();
    let main_id = busiest.id;
    let columns = registry.columns_of(&main);
    // Rename a column some relationship names, so the cascade has work to do.
    let renamed = registry
        .relationships
        .iter()
        .find_map(|r| [&r.child, &r.parent].into_iter().find(|e| e.table_ref() == main).and_then(|e| e.columns.first()))
        .or(busiest.primary_key.first())
        .unwrap_or(&columns[0].column)
        .clone();
    let doomed = registry
        .tables
        .iter()
        .find(|t| t.table_ref() != main && touching(&t.table_ref()) > 0)
        .or_else(|| registry.tables.iter().find(|t| t.table_ref() != main))
        .expect("a second table");
    let doomed_id = doomed.id;
    let doomed_ref = doomed.table_ref();
    let kept_relationship = registry
        .relationships
        .iter()
        .find(|r| r.child.table_ref() != doomed_ref && r.parent.table_ref() != doomed_ref)
        .expect("a relationship away from the deleted table");
    let dropped_relationship = registry
        .relationships
        .iter()
        .rev()
        .find(|r| r.id != kept_relationship.id && r.child.table_ref() != doomed_ref && r.parent.table_ref() != doomed_ref);
    let other_column = registry
        .signals
        .iter()
        .find(|s| s.row_type == RowType::Binding && s.table.as_ref().is_some_and(|t| *t != main && *t != doomed_ref))
        .expect("a column of a third table");

    let new_table = table(900, "edit_test", "audit_log", "Edit Test", &["id"]);
    let new_ref = new_table.table_ref();
    let renamed_main = TableRef::new("renamed_schema", "renamed_table");
    let mut edited_main = busiest.clone();
    edited_main.purpose = Some("Edited through a form.".into());
    edited_main.color = Some("#123456".into());
    let mut edited_column = columns[0].clone();
    edited_column.description = Some("Edited description, with a comma and \"quotes\".".into());
    edited_column.nullable = !edited_column.nullable;
    let added_column = column(901, &main, "edit_added", columns.len() as u32 + 1, "text");
    let mut edited_relationship = kept_relationship.clone();
    edited_relationship.notes = Some("Edited notes.".into());
    edited_relationship.deferrable = true;
    let new_relationship = relationship(902, "audit_log__subject_id__main", "Edit Test", (&new_ref, &["subject_id"]), (&renamed_main, &[renamed.as_str()]));
    let enum_type = EnumType { schema: "edit_test".into(), name: "audit_kind".into(), values: vec![EnumValue { name: "insert".into(), note: None }] };
    let side_table = table(910, "edit_test", "side_note", "Edit Test", &[]);
    let side_ref = side_table.table_ref();
    let main_module = busiest.module.clone();
    let added_index = Index {
        name: Some("ix_edit_test".into()),
        parts: vec![IndexPart::column(columns[1].column.clone()), IndexPart::expression("lower(x)")],
        method: IndexMethod::Btree,
        unique: false,
        predicate: None,
        note: Some("Added by a form.".into()),
        ..Index::default()
    };

    let mut script = vec![
        Edit::PutModule { module: Module { name: "Edit Test".into(), color: Some("#B03A48".into()), note: None, implicit: false } },
        Edit::PutTable { table: new_table },
        Edit::PutSignal { signal: column(903, &new_ref, "id", 1, "uuid") },
        Edit::PutSignal { signal: column(904, &new_ref, "subject_id", 2, "uuid") },
        Edit::PutSignal { signal: edited_column },
        Edit::PutSignal { signal: added_column.clone() },
        Edit::MoveSignal { signal: added_column.id, to_ordinal: 1 },
        Edit::RenameColumn { table: Some(main.clone()), from: renamed.clone(), to: format!("{renamed}_renamed") },
        Edit::RenameColumn { table: Some(main.clone()), from: format!("{renamed}_renamed"), to: renamed.clone() },
        Edit::PutTable { table: edited_main },
        Edit::PutIndex { table: main_id, position: busiest.indexes.len(), index: added_index.clone() },
        Edit::PutIndex { table: main_id, position: busiest.indexes.len(), index: Index { unique: true, predicate: Some("deleted_at IS NULL".into()), ..added_index } },
        Edit::PutUniqueConstraint { table: main_id, position: busiest.unique_constraints.len(), constraint: UniqueConstraint::new(None, vec![renamed.clone()]) },
        Edit::PutIndex { table: main_id, position: busiest.indexes.len() + 1, index: Index { name: Some("ix_edit_scratch".into()), parts: vec![], method: IndexMethod::Hash, unique: false, predicate: None, note: None, ..Index::default() } },
        Edit::DeleteIndex { table: main_id, position: busiest.indexes.len() + 1 },
        Edit::PutUniqueConstraint { table: main_id, position: busiest.unique_constraints.len() + 1, constraint: UniqueConstraint::new(Some("uq_scratch".into()), vec![]) },
        Edit::DeleteUniqueConstraint { table: main_id, position: busiest.unique_constraints.len() + 1 },
        Edit::SetPin { table: main.clone(), position: Some((120.0, -40.5)) },
        Edit::PutRelationship { relationship: edited_relationship },
        Edit::RenameTable { table: main_id, schema: renamed_main.schema.clone(), name: renamed_main.table.clone() },
        Edit::SetPin { table: new_ref.clone(), position: Some((0.25, 1e6)) },
        Edit::SetPin { table: new_ref.clone(), position: None },
        Edit::PutRelationship { relationship: new_relationship },
    ];
    if let Some(dropped) = dropped_relationship {
        script.push(Edit::DeleteRelationship { relationship: dropped.id });
    }
    // R320's two answers, first (before other edits move the tables): the last diagram-only
    // line deleted, and the line between the second relationship's tables made its line.
    let lines: Vec<usize> = registry.mermaid.diagram_only_lines().map(|(i, _)| i).collect();
    if let (Some(r), Some(&first), Some(&last)) = (registry.relationships.get(1), lines.first(), lines.last()) {
        script.insert(0, Edit::DeleteDiagramLine { position: last });
        script.insert(1, Edit::LinkDiagramLine { position: first, relationship: r.id });
    }
    script.extend([
        Edit::RenameModule { from: main_module.clone(), to: "Renamed Module".into() },
        Edit::PutEnum { enum_type: enum_type.clone() },
        Edit::PutEnum { enum_type: EnumType { values: vec![EnumValue { name: "update".into(), note: Some("Added.".into()) }], ..enum_type.clone() } },
        Edit::DeleteEnum { schema: enum_type.schema.clone(), name: enum_type.name.clone() },
        Edit::DeleteSignal { signal: other_column.id },
        Edit::DeleteTable { table: doomed_id },
        Edit::PutModule { module: Module { name: "Scratch".into(), color: None, note: Some("Made to be deleted.".into()), implicit: false } },
        Edit::DeleteModule { name: "Scratch".into() },
        Edit::Batch {
            label: "Add table edit_test.side_note with 2 columns".into(),
            edits: vec![
                Edit::PutTable { table: side_table },
                Edit::PutSignal { signal: column(911, &side_ref, "note", 1, "text") },
                Edit::PutSignal { signal: column(912, &side_ref, "id", 2, "uuid") },
                Edit::MoveSignal { signal: relata_model::SignalId(uuid(912)), to_ordinal: 1 },
            ],
        },
        Edit::DeleteTable { table: TableId(uuid(900)) },
    ]);
    script
}
