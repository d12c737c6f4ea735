//! The document's history: labels for the Edit menu, redo cleared by a new edit, dirty
//! tracking against the last save, coalescing of typing, and the bound on undo steps.

use relata_model::{Edit, History, HistoryOptions, Module, Registry, TableId};

use crate::{fixture, uuid};

fn purpose(registry: &Registry, text: &str) -> Edit {
    let mut orders = registry.tables[1].clone();
    orders.purpose = (!text.is_empty()).then(|| text.to_owned());
    Edit::PutTable { table: orders }
}

fn module(name: &str) -> Edit {
    Edit::PutModule { module: Module { name: name.into(), color: None, note: None, implicit: false } }
}

#[test]
fn menus_name_the_next_undo_and_redo() {
    let mut history = History::new(fixture());
    assert!(!history.can_undo() && !history.can_redo());
    assert_eq!(history.undo_menu_text(), None);
    history.apply(Edit::RenameTable { table: TableId(uuid(2)), schema: "core".into(), name: "order_header".into() }).expect("rename");
    assert_eq!(history.undo_label(), Some("Rename table core.orders → core.order_header"));
    assert_eq!(history.undo_menu_text().as_deref(), Some("Undo rename table core.orders → core.order_header"));
    assert_eq!(history.undo().expect("undo").as_deref(), Some("Rename table core.orders → core.order_header"));
    assert_eq!(history.redo_menu_text().as_deref(), Some("Redo rename table core.orders → core.order_header"));
    assert!(!history.can_undo() && history.can_redo());
}

#[test]
fn a_new_edit_clears_redo_and_a_refused_one_changes_nothing() {
    let mut history = History::new(fixture());
    history.apply(module("A")).expect("add A");
    history.apply(module("B")).expect("add B");
    history.undo().expect("undo");
    assert!(history.can_redo());
    let revision = history.revision();
    history.apply(Edit::DeleteModule { name: "Sales".into() }).expect_err("Sales is in use");
    assert!(history.can_redo() && history.revision() == revision, "a refused edit leaves the history alone");
    history.apply(module("C")).expect("add C");
    assert!(!history.can_redo());
    let names: Vec<&str> = history.registry().modules.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Sales", "A", "C"]);
}

#[test]
fn undoing_back_to_the_saved_state_is_clean() {
    let mut history = History::new(fixture());
    assert!(!history.is_dirty(), "as loaded");
    history.apply(module("A")).expect("add A");
    assert!(history.is_dirty());
    history.mark_saved();
    assert!(!history.is_dirty());
    history.apply(module("B")).expect("add B");
    assert!(history.is_dirty());
    history.undo().expect("undo B");
    assert!(!history.is_dirty(), "back at the saved state");
    history.undo().expect("undo A");
    assert!(history.is_dirty(), "before the saved state");
    history.redo().expect("redo A");
    assert!(!history.is_dirty());
    // An edit that changes nothing is no step and keeps the document clean.
    history.apply(module("A")).expect("put A as it is");
    assert!(!history.is_dirty() && history.can_redo());
}

#[test]
fn typing_in_one_field_is_one_undo_step() {
    let original = fixture();
    let mut history = History::new(original.clone());
    for text in ["S", "Sh", "Shi", "Ship"] {
        let edit = purpose(history.registry(), text);
        history.apply_coalescing(edit, "table/orders/purpose").expect("type");
    }
    assert_eq!(history.registry().tables[1].purpose.as_deref(), Some("Ship"));
    let edit = purpose(history.registry(), "Shipped");
    history.apply_coalescing(edit, "table/orders/notes-and-purpose").expect("another key");
    assert_eq!(history.undo().expect("undo").as_deref(), Some("Edit table core.orders"));
    assert_eq!(history.registry().tables[1].purpose.as_deref(), Some("Ship"));
    history.undo().expect("undo the typing");
    assert!(history.registry() == &original, "one undo takes back the whole word");
    assert!(!history.can_undo());

    // A save, an undo or end_coalescing closes the run: the next key press is a new step.
    for text in ["a", "ab"] {
        let edit = purpose(history.registry(), text);
        history.apply_coalescing(edit, "purpose").expect("type");
        history.end_coalescing();
    }
    history.undo().expect("undo ab");
    assert_eq!(history.registry().tables[1].purpose.as_deref(), Some("a"));
}

#[test]
fn typing_back_to_where_the_run_began_leaves_nothing_to_undo() {
    let mut history = History::new(fixture());
    for text in ["x", "xy", "x", ""] {
        let edit = purpose(history.registry(), text);
        history.apply_coalescing(edit, "purpose").expect("type");
    }
    assert!(!history.can_undo() && !history.is_dirty());
    assert!(history.registry() == &fixture());
}

#[test]
fn the_undo_stack_is_bounded() {
    let mut history = History::with_options(fixture(), HistoryOptions { limit: 3 });
    for name in ["A", "B", "C", "D", "E"] {
        history.apply(module(name)).expect("add");
    }
    let mut undone = Vec::new();
    while let Some(label) = history.undo().expect("undo") {
        undone.push(label);
    }
    assert_eq!(undone, ["Add module E", "Add module D", "Add module C"]);
    let names: Vec<&str> = history.registry().modules.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Sales", "A", "B"], "the two oldest steps are forgotten");
    assert!(history.is_dirty(), "the loaded state cannot be reached any more");
    assert_eq!(HistoryOptions::default().limit, 1_000);
}
