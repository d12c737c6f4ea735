//! Cascades: a rename reaches everything that names the entry, a delete everything that
//! belongs to it, and undo puts every entry back where it was.

use relata_model::edit::apply;
use relata_model::generate::{generate, GenerateOptions};
use relata_model::{Edit, History, IndexPart, Registry, SignalId, TableId, TableRef};

use crate::{fixture, uuid};

fn applied(registry: &mut Registry, edit: Edit) -> Edit {
    apply(registry, edit).unwrap_or_else(|e| panic!("{e}")).inverse
}

fn undo(registry: &mut Registry, inverse: Edit) {
    apply(registry, inverse).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn renaming_a_table_updates_its_signals_relationship_ends_and_pin() {
    let original = fixture();
    let mut registry = original.clone();
    let inverse = applied(&mut registry, Edit::RenameTable { table: TableId(uuid(2)), schema: "sales".into(), name: "order_header".into() });
    let (old, new) = (TableRef::new("core", "orders"), TableRef::new("sales", "order_header"));

    assert!(registry.table(&old).is_none() && registry.table(&new).is_some());
    let columns: Vec<&str> = registry.columns_of(&new).iter().map(|s| s.column.as_str()).collect();
    assert_eq!(columns, ["id", "order_no", "customer_id"]);
    assert!(registry.signals.iter().all(|s| s.table.as_ref() != Some(&old)));
    let ends: Vec<TableRef> = registry.relationships.iter().flat_map(|r| [r.child.table_ref(), r.parent.table_ref()]).collect();
    assert_eq!(ends, [new.clone(), TableRef::new("core", "customers"), TableRef::new("core", "order_lines"), new.clone()]);
    assert_eq!(registry.pins[0].table, new);
    // The label names both names, for the Edit menu.
    assert_eq!(apply(&mut registry.clone(), inverse.clone()).expect("undo").label, "Rename table core.orders → sales.order_header");

    undo(&mut registry, inverse);
    assert!(registry == original);
}

#[test]
fn renaming_a_column_updates_key_unique_constraint_indexes_and_relationship_columns() {
    let original = fixture();
    let mut registry = original.clone();
    let orders = TableRef::new("core", "orders");
    let mut inverses = Vec::new();
    for (from, to) in [("id", "order_id"), ("order_no", "number"), ("customer_id", "buyer_id")] {
        inverses.push(applied(&mut registry, Edit::RenameColumn { table: Some(orders.clone()), from: from.into(), to: to.into() }));
    }

    let table = registry.table(&orders).expect("orders");
    assert_eq!(table.primary_key, ["order_id"]);
    assert_eq!(table.unique_constraints[0].columns, ["number"]);
    // Index expressions are SQL text, which an edit does not parse: only column parts follow.
    assert_eq!(table.indexes[0].parts, [IndexPart::column("buyer_id"), IndexPart::expression("lower(order_no)")]);
    let columns: Vec<(&[String], &[String])> = registry.relationships.iter().map(|r| (&r.child.columns[..], &r.parent.columns[..])).collect();
    assert_eq!(columns, [(&["buyer_id".to_owned()][..], &["id".to_owned()][..]), (&["order_id".to_owned()][..], &["order_id".to_owned()][..])]);
    // Same-named columns of other tables stay as they are.
    assert_eq!(registry.table(&TableRef::new("core", "customers")).expect("customers").primary_key, ["id"]);

    for inverse in inverses.into_iter().rev() {
        undo(&mut registry, inverse);
    }
    assert!(registry == original);
}

#[test]
fn renaming_a_concept_updates_the_bindings_that_store_it() {
    let original = fixture();
    let mut registry = original.clone();
    let inverse = applied(&mut registry, Edit::RenameColumn { table: None, from: "revenue".into(), to: "income".into() });
    let amount = registry.signals.iter().find(|s| s.column == "amount").expect("amount");
    assert_eq!(amount.concept.as_deref(), Some("income"));
    undo(&mut registry, inverse);
    assert!(registry == original);
}

#[test]
fn deleting_a_table_removes_its_signals_relationships_and_pin_and_undo_restores_them_in_place() {
    let original = fixture();
    let mut registry = original.clone();
    let inverse = applied(&mut registry, Edit::DeleteTable { table: TableId(uuid(2)) });
    let orders = TableRef::new("core", "orders");
    assert!(registry.table(&orders).is_none());
    assert_eq!(registry.signals.len(), original.signals.len() - 3);
    assert!(registry.signals.iter().all(|s| s.table.as_ref() != Some(&orders)));
    assert!(registry.relationships.is_empty(), "both relationships touch orders");
    assert!(registry.pins.is_empty());
    undo(&mut registry, inverse);
    assert!(registry == original, "entries come back at their old positions");
}

#[test]
fn deleting_every_seventh_table_of_a_generated_registry_undoes_exactly() {
    let original = generate(&GenerateOptions::new(200));
    let mut history = History::new(original.clone());
    let ids: Vec<TableId> = original.tables.iter().step_by(7).map(|t| t.id).collect();
    for id in &ids {
        history.apply(Edit::DeleteTable { table: *id }).expect("delete");
    }
    let left = history.registry();
    assert_eq!(left.tables.len(), original.tables.len() - ids.len());
    let names: Vec<TableRef> = left.tables.iter().map(|t| t.table_ref()).collect();
    assert!(left.signals.iter().all(|s| s.table.as_ref().is_none_or(|t| names.contains(t))), "no signal of a deleted table is left");
    assert!(left.relationships.iter().all(|r| names.contains(&r.child.table_ref()) && names.contains(&r.parent.table_ref())));
    while history.undo().expect("undo").is_some() {}
    assert!(history.registry() == &original);
}

#[test]
fn deleting_a_column_closes_the_gap_and_moving_one_renumbers_its_table() {
    let mut registry = fixture();
    let orders = TableRef::new("core", "orders");
    let positions = |registry: &Registry| -> Vec<(String, u32)> {
        registry.columns_of(&orders).iter().map(|s| (s.column.clone(), s.ordinal.expect("a column has a position"))).collect()
    };
    let owned = |pairs: &[(&str, u32)]| -> Vec<(String, u32)> { pairs.iter().map(|(c, n)| ((*c).to_owned(), *n)).collect() };

    applied(&mut registry, Edit::MoveSignal { signal: SignalId(uuid(23)), to_ordinal: 1 });
    assert_eq!(positions(&registry), owned(&[("customer_id", 1), ("id", 2), ("order_no", 3)]));
    applied(&mut registry, Edit::MoveSignal { signal: SignalId(uuid(23)), to_ordinal: 3 });
    assert_eq!(positions(&registry), owned(&[("id", 1), ("order_no", 2), ("customer_id", 3)]));
    applied(&mut registry, Edit::DeleteSignal { signal: SignalId(uuid(21)) });
    assert_eq!(positions(&registry), owned(&[("order_no", 1), ("customer_id", 2)]));
}

#[test]
fn renaming_a_module_moves_its_tables_and_relationships_and_deleting_it_waits_until_unused() {
    let original = fixture();
    let mut registry = original.clone();
    let inverse = applied(&mut registry, Edit::RenameModule { from: "Sales".into(), to: "Revenue".into() });
    assert!(registry.tables.iter().all(|t| t.module == "Revenue"));
    assert!(registry.relationships.iter().all(|r| r.module == "Revenue"));
    assert_eq!(registry.modules[0].name, "Revenue");
    assert!(apply(&mut registry, Edit::DeleteModule { name: "Revenue".into() }).is_err());
    undo(&mut registry, inverse);
    assert!(registry == original);
}
