//! Index and unique-constraint edits (the table form's Indexes section): put at a position,
//! add at the end, delete; each undone exactly by its inverse, and refused without a trace
//! when the position or the table is not there.

use expect_test::expect;
use relata_model::edit::apply;
use relata_model::{Edit, Index, IndexMethod, IndexPart, Registry, TableId, TableRef, UniqueConstraint};

use crate::{fixture, uuid};

const ORDERS: u128 = 2;

fn orders(registry: &Registry) -> &relata_model::Table {
    registry.table(&TableRef::new("core", "orders")).expect("orders")
}

fn index(name: &str, columns: &[&str]) -> Index {
    Index {
        name: Some(name.into()),
        parts: columns.iter().map(|c| IndexPart::column(*c)).collect(),
        method: IndexMethod::Btree,
        unique: false,
        predicate: None,
        note: None,
        ..Index::default()
    }
}

/// Applies `edit`, checks the inverse gives back the registry as it was and the inverse of the
/// inverse the edited one; returns the edited registry and the label.
fn exact(original: &Registry, edit: Edit) -> (Registry, String) {
    let mut registry = original.clone();
    let applied = apply(&mut registry, edit).unwrap_or_else(|e| panic!("{e}"));
    let edited = registry.clone();
    let redo = apply(&mut registry, applied.inverse).expect("the inverse applies").inverse;
    assert!(registry == *original, "{}: apply + inverse is the identity", applied.label);
    apply(&mut registry, redo).expect("the redo applies");
    assert!(registry == edited, "{}: redo gives the edited registry", applied.label);
    (edited, applied.label)
}

#[test]
fn an_index_is_added_edited_and_deleted_with_exact_undo() {
    let original = fixture();
    let table = TableId(uuid(ORDERS));
    let before = orders(&original).clone();

    let (added, label) = exact(&original, Edit::PutIndex { table, position: 1, index: index("ix_orders_no_customer", &["order_no", "customer_id"]) });
    assert_eq!(label, "Add index ix_orders_no_customer on core.orders");
    assert_eq!(orders(&added).indexes.len(), 2);
    assert_eq!(orders(&added).indexes[0], before.indexes[0], "the index before it is untouched");
    assert_eq!(orders(&added).indexes[1].columns().collect::<Vec<_>>(), ["order_no", "customer_id"]);

    let edited = Index { method: IndexMethod::Hash, unique: true, predicate: Some("customer_id IS NOT NULL".into()), ..index("ix_orders_no_customer", &["customer_id", "order_no"]) };
    let (changed, label) = exact(&added, Edit::PutIndex { table, position: 1, index: edited.clone() });
    assert_eq!(label, "Edit index ix_orders_no_customer on core.orders");
    assert_eq!(orders(&changed).indexes[1], edited);

    let (deleted, label) = exact(&changed, Edit::DeleteIndex { table, position: 0 });
    assert_eq!(label, "Delete index 1 of core.orders", "an unnamed index is named by its place");
    assert_eq!(orders(&deleted).indexes, [edited]);
    // Nothing but the indexes changed.
    assert_eq!(relata_model::Table { indexes: before.indexes.clone(), ..orders(&deleted).clone() }, before);
}

#[test]
fn a_unique_constraint_is_added_edited_and_deleted_with_exact_undo() {
    let original = fixture();
    let table = TableId(uuid(ORDERS));
    let (added, label) = exact(&original, Edit::PutUniqueConstraint { table, position: 1, constraint: UniqueConstraint::new(None, vec!["customer_id".into(), "order_no".into()]) });
    assert_eq!(label, "Add unique constraint 2 on core.orders");
    let renamed = UniqueConstraint::new(Some("uq_orders_customer_no".into()), vec!["customer_id".into(), "order_no".into()]);
    let (edited, _) = exact(&added, Edit::PutUniqueConstraint { table, position: 1, constraint: renamed.clone() });
    let (deleted, label) = exact(&edited, Edit::DeleteUniqueConstraint { table, position: 0 });
    assert_eq!(label, "Delete unique constraint uq_orders_order_no of core.orders");
    assert_eq!(orders(&deleted).unique_constraints, [renamed]);
}

#[test]
fn an_unchanged_put_is_a_no_op() {
    let mut registry = fixture();
    let same = orders(&registry).indexes[0].clone();
    let applied = apply(&mut registry, Edit::PutIndex { table: TableId(uuid(ORDERS)), position: 0, index: same }).expect("applies");
    assert!(applied.is_noop());
}

#[test]
fn parts_past_the_end_or_of_a_missing_table_are_refused_and_change_nothing() {
    let table = TableId(uuid(ORDERS));
    let cases = [
        (Edit::PutIndex { table, position: 2, index: index("ix", &["id"]) }, "not_found", expect!["Cannot add index ix on core.orders: there is no index 3 of table core.orders."]),
        (Edit::DeleteIndex { table, position: 1 }, "not_found", expect!["Cannot delete index 2 of core.orders: there is no index 2 of table core.orders."]),
        (Edit::DeleteUniqueConstraint { table, position: 1 }, "not_found", expect!["Cannot delete unique constraint 2 of core.orders: there is no unique constraint 2 of table core.orders."]),
        (
            Edit::PutUniqueConstraint { table: TableId(uuid(99)), position: 0, constraint: UniqueConstraint::new(None, vec![]) },
            "not_found",
            expect!["Cannot add unique constraint 1 on table with id 0ed17000-0000-4000-8000-000000000063: there is no table with id 0ed17000-0000-4000-8000-000000000063."],
        ),
    ];
    for (edit, code, message) in cases {
        let original = fixture();
        let mut registry = original.clone();
        let error = apply(&mut registry, edit).expect_err("refused");
        assert!(registry == original, "a refused edit changes nothing");
        assert_eq!(error.kind().code(), code);
        message.assert_eq(&error.to_string());
    }
}

#[test]
fn a_diagram_only_line_is_deleted_and_put_back_exactly_and_a_relationships_line_is_refused() {
    let original = crate::with_diagram_lines(fixture());
    let only: Vec<usize> = original.mermaid.diagram_only_lines().map(|(i, _)| i).collect();
    assert!(only.len() >= 2, "the fixture has diagram-only lines");
    let (edited, label) = exact(&original, Edit::DeleteDiagramLine { position: only[0] });
    let line = &original.mermaid.lines[only[0]];
    assert_eq!(label, format!("Delete diagram line {} between {} and {}", line.label, line.left, line.right));
    assert_eq!(edited.mermaid.lines.len(), original.mermaid.lines.len() - 1);
    assert!(!edited.mermaid.lines.contains(line), "that line is gone, the others stay");
    // The line that is a relationship's goes with the relationship, and past the end is none.
    let kept = original.mermaid.lines.iter().position(|l| l.relationship.is_some()).expect("a relationship's line");
    for position in [kept, original.mermaid.lines.len()] {
        let mut registry = original.clone();
        let error = apply(&mut registry, Edit::DeleteDiagramLine { position }).expect_err("refused");
        assert!(error.to_string().contains(&format!("there is no diagram-only line at position {position}")), "{error}");
        assert!(registry == original, "a refused edit changes nothing");
    }
}

#[test]
fn a_diagram_only_line_is_linked_to_the_relationship_that_says_its_columns_exactly() {
    let mut original = crate::with_diagram_lines(fixture());
    let r = original.relationships[1].clone();
    let position = original.mermaid.lines.iter().position(|l| l.relationship.is_none() && l.label == "joins").expect("the line of r's tables");
    // A second sketch of the same two tables, written the other way round.
    let mut twin = original.mermaid.lines[position].clone();
    std::mem::swap(&mut twin.left, &mut twin.right);
    original.mermaid.lines.push(twin);
    let (edited, label) = exact(&original, Edit::LinkDiagramLine { position, relationship: r.id });
    assert_eq!(label, format!("Link diagram line between {} and {} to relationship {}", r.parent.table_ref(), r.child.table_ref(), r.key));
    assert_eq!(edited.mermaid.lines[position].relationship, Some(r.id), "the line is the relationship's, its ends and label kept");
    assert_eq!(edited.mermaid.lines[position].label, "joins");
    assert_eq!(edited.mermaid.diagram_only_lines().count(), original.mermaid.diagram_only_lines().count() - 1);
    // Refused, changing nothing: a second line for the same relationship (the export writes
    // one), a relationship of other tables, a missing relationship.
    let twin = edited.mermaid.lines.len() - 1;
    let other = edited.relationships.iter().find(|o| {
        let (c, p) = (o.child.table_ref(), o.parent.table_ref());
        !((c == r.child.table_ref() && p == r.parent.table_ref()) || (c == r.parent.table_ref() && p == r.child.table_ref()))
    });
    let mut refusals = vec![
        (Edit::LinkDiagramLine { position: twin, relationship: r.id }, "already exists".to_owned()),
        (Edit::LinkDiagramLine { position: twin, relationship: relata_model::RelationshipId(uuid(0xdead)) }, "there is no relationship with id".to_owned()),
    ];
    if let Some(other) = other {
        refusals.push((Edit::LinkDiagramLine { position: twin, relationship: other.id }, "not the line's tables".to_owned()));
    }
    for (edit, why) in refusals {
        let mut registry = edited.clone();
        let error = apply(&mut registry, edit).expect_err("refused");
        assert!(error.to_string().contains(&why), "{error}");
        assert!(registry == edited, "a refused edit changes nothing");
    }
}
