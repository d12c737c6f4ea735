//! Refused edits: the message a person reads (snapshots), its code, and a registry left
//! exactly as it was.

use expect_test::{expect, Expect};
use relata_model::edit::apply;
use relata_model::{Edit, Module, SignalId, TableId, TableRef};

use crate::{column, fixture, relationship, table, uuid};

/// Applies `edit` to the fixture, which must refuse it without changing anything.
fn check(edit: Edit, code: &str, message: Expect) {
    let original = fixture();
    let mut registry = original.clone();
    let error = apply(&mut registry, edit).expect_err("the edit is refused");
    assert!(registry == original, "a refused edit changes nothing");
    assert_eq!(error.kind().code(), code);
    message.assert_eq(&error.to_string());
}

#[test]
fn renaming_onto_an_existing_table() {
    check(
        Edit::RenameTable { table: TableId(uuid(2)), schema: "core".into(), name: "customers".into() },
        "already_exists",
        expect!["Cannot rename table core.orders → core.customers: table core.customers already exists."],
    );
}

#[test]
fn a_column_of_a_table_that_does_not_exist() {
    check(
        Edit::PutSignal { signal: column(99, &TableRef::new("core", "invoices"), "total", 1, "numeric") },
        "unknown_table",
        expect!["Cannot add column core.invoices.total: column core.invoices.total would belong to table core.invoices, which does not exist."],
    );
}

#[test]
fn a_relationship_to_a_table_that_does_not_exist() {
    let orders = TableRef::new("core", "orders");
    check(
        Edit::PutRelationship { relationship: relationship(99, "orders__invoice_id__invoices", "Sales", (&orders, &["invoice_id"]), (&TableRef::new("billing", "invoices"), &["id"])) },
        "unknown_table",
        expect!["Cannot add relationship orders__invoice_id__invoices: relationship orders__invoice_id__invoices would belong to table billing.invoices, which does not exist."],
    );
}

#[test]
fn renaming_a_table_through_a_put() {
    check(
        Edit::PutTable { table: table(2, "core", "order_header", "Sales", &["id"]) },
        "key_change",
        expect!["Cannot edit table core.order_header: table core.orders keeps its schema_name and table_name in a put; use rename_table, which also updates what refers to it."],
    );
}

#[test]
fn deleting_a_module_in_use() {
    check(
        Edit::DeleteModule { name: "Sales".into() },
        "in_use",
        expect!["Cannot delete module Sales: module Sales is still used by 3 tables (core.customers, core.orders, core.order_lines) and 2 relationships."],
    );
}

#[test]
fn an_empty_purpose_and_a_bad_prefix() {
    let mut orders = fixture().tables[1].clone();
    orders.purpose = Some(String::new());
    check(
        Edit::PutTable { table: orders.clone() },
        "empty_text",
        expect!["Cannot edit table core.orders: purpose of table core.orders is an empty text; leave it unset instead."],
    );
    orders.purpose = None;
    orders.prefix = Some("Ord".into());
    check(
        Edit::PutTable { table: orders },
        "invalid_value",
        expect!["Cannot edit table core.orders: table_prefix of table core.orders must be lower-case letters and digits ending in `_`, like `ref_`, not `Ord`."],
    );
}

#[test]
fn moving_a_column_past_the_end() {
    check(
        Edit::MoveSignal { signal: SignalId(uuid(21)), to_ordinal: 7 },
        "invalid_value",
        expect!["Cannot move column core.orders.id to position 7: to_ordinal of column core.orders.id must be between 1 and 3, the number of columns of table core.orders, not 7."],
    );
}

#[test]
fn a_batch_fails_as_a_whole() {
    // The first two edits apply; the third is refused, and the registry is as before all three.
    check(
        Edit::Batch {
            label: "Add module Billing with a table".into(),
            edits: vec![
                Edit::PutModule { module: Module { name: "Billing".into(), color: None, note: None, implicit: false } },
                Edit::PutTable { table: table(50, "billing", "invoices", "Billing", &["id"]) },
                Edit::PutTable { table: table(51, "billing", "invoices", "Billing", &["id"]) },
            ],
        },
        "already_exists",
        expect!["Cannot add table billing.invoices: table billing.invoices already exists."],
    );
}

#[test]
fn an_undo_applied_to_another_state() {
    let mut registry = fixture();
    let rename = Edit::RenameColumn { table: Some(TableRef::new("core", "customers")), from: "name".into(), to: "full_name".into() };
    let inverse = apply(&mut registry, rename).expect("rename").inverse;
    let mut other = fixture();
    let error = apply(&mut other, inverse).expect_err("the inverse does not fit the original");
    assert!(other == fixture());
    assert_eq!(error.kind().code(), "stale_change");
    expect!["Cannot rename column core.customers.name → full_name: the signals at position 1 are not what the change expects; it was recorded on another state of the registry."].assert_eq(&error.to_string());
}

/// The fixture with `core.customers` made a view: `customers` is `SELECT id, name FROM …`.
fn with_a_view() -> relata_model::Registry {
    let mut registry = fixture();
    let customers = registry.tables.iter_mut().find(|t| t.name == "customers").expect("customers");
    customers.primary_key.clear();
    customers.view = Some(relata_model::ViewDefinition {
        materialized: false,
        sql: "CREATE VIEW core.customers AS SELECT id, name FROM core.people".into(),
        search_path: Vec::new(),
    });
    registry
}

#[test]
fn a_view_keeps_its_name_columns_and_keys_but_its_registry_fields_are_editable() {
    let original = with_a_view();
    let refused = [
        (Edit::RenameTable { table: TableId(uuid(1)), schema: "core".into(), name: "clients".into() }, "name and schema"),
        (Edit::DeleteSignal { signal: SignalId(uuid(12)) }, "columns"),
        (Edit::MoveSignal { signal: SignalId(uuid(12)), to_ordinal: 1 }, "columns"),
        (Edit::RenameColumn { table: Some(TableRef::new("core", "customers")), from: "name".into(), to: "label".into() }, "columns"),
        (Edit::PutSignal { signal: crate::column(13, &TableRef::new("core", "customers"), "email", 3, "text") }, "columns"),
        (Edit::PutSignal { signal: crate::column(12, &TableRef::new("core", "customers"), "name", 2, "varchar(80)") }, "columns"),
        (Edit::PutIndex { table: TableId(uuid(1)), position: 0, index: relata_model::Index::default() }, "keys and indexes"),
    ];
    for (edit, what) in refused {
        let mut registry = original.clone();
        let error = apply(&mut registry, edit).expect_err("a view's structure is its statement's");
        assert!(registry == original, "a refused edit changes nothing");
        assert_eq!(error.kind().code(), "read_only");
        assert!(error.to_string().contains(&format!("table core.customers is a view: its {what} come from its statement")), "{error}");
    }
    let mut registry = original.clone();
    let mut described = registry.signals.iter().find(|s| s.column == "name").expect("name").clone();
    described.description = Some("What people call them.".into());
    apply(&mut registry, Edit::PutSignal { signal: described }).expect("a view column's description is the registry's");
    let mut table = registry.tables[0].clone();
    table.notes = Some("Read by the billing job.".into());
    table.status = relata_model::TableStatus::Stable;
    apply(&mut registry, Edit::PutTable { table }).expect("a view's registry fields are the registry's");
    apply(&mut registry, Edit::DeleteTable { table: TableId(uuid(1)) }).expect("a view can leave the registry");
}

/// A `restore` edit from outside (the window's IPC) does not even read: it would apply raw
/// splices past every check the other edits make. Undo still makes and applies one inside.
#[test]
fn a_restore_edit_cannot_be_sent_from_outside() {
    let restore = Edit::Restore { label: "Delete table core.orders".into(), changes: Vec::new() };
    let sent = serde_json::to_value(&restore).expect("an edit serializes");
    assert_eq!(sent["op"], "restore");
    let error = serde_json::from_value::<Edit>(sent).expect_err("a restore is refused on the way in").to_string();
    assert!(error.contains("restore"), "{error}");
    // Other edits read as they always did.
    let put = serde_json::to_value(Edit::DeleteModule { name: "core".into() }).expect("serializes");
    assert!(serde_json::from_value::<Edit>(put).is_ok());
}
