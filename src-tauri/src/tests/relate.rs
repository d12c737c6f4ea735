//! Relationships made from the window: "+ Relationship to…", drops on the canvas (a column, a
//! composite key's header, a mismatch, a duplicate) and the canvas's edits, one undo step each.

use super::*;

/// The registry of the "+ Relationship to…" tests: customers (bigserial key), orders
/// (`customer_id` NOT NULL), order_lines (composite key), shipments whose `order_id` is text, and
/// notes without a key.
fn relate_fixture() -> relata_model::Registry {
    let ddl = "CREATE TABLE sales.customers (id bigserial PRIMARY KEY, name text NOT NULL);\n\
               CREATE TABLE sales.orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, placed_at timestamptz);\n\
               CREATE TABLE sales.order_lines (order_id bigint NOT NULL, line_no integer NOT NULL, sku text, PRIMARY KEY (order_id, line_no));\n\
               CREATE TABLE sales.shipments (id uuid PRIMARY KEY, order_id text);\n\
               CREATE TABLE sales.notes (body text);\n";
    let rules = relata_rules::RuleSet::named("zayaz").unwrap();
    let options = relata_formats::import::ImportOptions::new(relata_model::Timestamp::from_unix_seconds(0));
    let (registry, diagnostics) = relata_formats::sql::parse::import(ddl, "relate.sql", &options, &rules);
    assert!(!diagnostics.iter().any(relata_model::Diagnostic::is_error), "{diagnostics:?}");
    registry
}

/// Proposes and applies "+ Relationship to…" from `child` to `parent` (`schema.table`); returns
/// the proposal and the findings the rules then report about the new relationship or the
/// columns it added.
fn relate(registry: &mut relata_model::Registry, child: &str, parent: &str) -> (crate::relate::RelationshipProposal, Vec<relata_model::Diagnostic>) {
    let rules = relata_rules::RuleSet::named("zayaz").unwrap();
    let at = |q: &str| {
        let (s, t) = q.split_once('.').unwrap();
        TableRef::new(s, t)
    };
    let proposal = relata_workspace::propose(registry, &rules, &at(child), &at(parent), relata_model::Timestamp::from_unix_seconds(60))
        .map(crate::relate::RelationshipProposal::from)
        .unwrap();
    relata_model::edit::apply(registry, proposal.edit.clone()).unwrap();
    let added: Vec<String> = proposal.created.iter().map(|c| format!("{child}.{}", c.split(' ').next().unwrap())).collect();
    let about = relata_rules::check(registry, &rules)
        .into_iter()
        .filter(|d| match &d.location {
            relata_model::Location::Entry { label, .. } => *label == proposal.key || added.contains(label),
            _ => false,
        })
        .collect();
    (proposal, about)
}

/// Regression (issue 14): "+ Relationship to…" left the child columns empty (R310) and keyed the
/// relationship `…__columns__…` (R307). It reuses the child's `{parent_singular}_id` column.
#[test]
fn new_relationship_reuses_the_childs_foreign_key_column_and_has_no_error() {
    let mut registry = relate_fixture();
    let (proposal, about) = relate(&mut registry, "sales.orders", "sales.customers");
    assert_eq!(proposal.reused, ["customer_id"]);
    assert!(proposal.created.is_empty());
    assert_eq!(proposal.key, "orders__customer_id__customers");
    let r = registry.relationships.iter().find(|r| r.key == proposal.key).unwrap();
    assert_eq!((r.child.columns.as_slice(), r.parent.columns.as_slice()), (&["customer_id".to_owned()][..], &["id".to_owned()][..]));
    assert!(r.is_required, "customer_id is NOT NULL, so every order has a customer");
    assert!(about.iter().all(|d| d.severity != relata_model::Severity::Error && d.code != "R307"), "{about:#?}");
}

/// A composite parent key: the child gets a column of each key column's type, in key order, in
/// one batch that one undo takes back.
#[test]
fn new_relationship_to_a_composite_key_adds_typed_columns_in_one_undoable_edit() {
    let mut registry = relate_fixture();
    let before = registry.clone();
    let rules = relata_rules::RuleSet::named("zayaz").unwrap();
    let proposal = relata_workspace::propose(&registry, &rules, &TableRef::new("sales", "notes"), &TableRef::new("sales", "order_lines"),
        relata_model::Timestamp::from_unix_seconds(60)).unwrap();
    let applied = relata_model::edit::apply(&mut registry, proposal.edit.clone()).unwrap();
    relata_model::edit::apply(&mut registry, applied.inverse).unwrap();
    assert_eq!(registry, before, "one undo takes the columns and the relationship back");

    let (proposal, about) = relate(&mut registry, "sales.notes", "sales.order_lines");
    assert_eq!(proposal.created, ["order_id bigint", "line_no integer"]);
    assert_eq!(proposal.key, "notes__order_id_line_no__order_lines");
    let columns: Vec<(&str, &str, bool)> = registry.columns_of(&TableRef::new("sales", "notes")).iter()
        .map(|s| (s.column.as_str(), s.data_type.as_str(), s.nullable)).collect();
    assert_eq!(columns, [("body", "text", true), ("order_id", "bigint", true), ("line_no", "integer", true)]);
    assert!(!registry.relationships.iter().find(|r| r.key == proposal.key).unwrap().is_required);
    assert!(about.iter().all(|d| d.severity != relata_model::Severity::Error), "{about:#?}");
    assert!(!about.iter().any(|d| ["R303", "R307", "R310", "R311", "R316"].contains(&d.code)), "{about:#?}");
}

/// A same-named child column of another type is not reused (it would be R303): a new one of the
/// parent's type is added beside it. A self-reference gets `{singular}_id`, of the key's plain
/// integer type for a bigserial key.
#[test]
fn new_relationship_never_joins_incompatible_types_and_names_self_references() {
    let mut registry = relate_fixture();
    let (proposal, about) = relate(&mut registry, "sales.shipments", "sales.orders");
    assert!(proposal.reused.is_empty());
    assert_eq!(proposal.created, ["order_id_2 bigint"]);
    assert!(about.iter().all(|d| d.severity != relata_model::Severity::Error), "{about:#?}");

    let (proposal, about) = relate(&mut registry, "sales.customers", "sales.customers");
    assert_eq!(proposal.created, ["customer_id bigint"]);
    assert_eq!(proposal.key, "customers__customer_id__customers");
    assert!(about.iter().all(|d| d.severity != relata_model::Severity::Error), "{about:#?}");

    let rules = relata_rules::RuleSet::named("zayaz").unwrap();
    let refused = relata_workspace::propose(&registry, &rules, &TableRef::new("sales", "orders"), &TableRef::new("sales", "notes"),
        relata_model::Timestamp::from_unix_seconds(60)).unwrap_err();
    assert!(refused.to_string().contains("sales.notes has no primary key"), "{refused}");
}

#[test]
fn kept_diagram_moves_no_other_table_when_one_is_added_deleted_or_put_back() {
    // The window's stable layout: a new table (here in the first module of a generated
    // registry) joins its group and every other table keeps its box.
    let mut registry = relata_model::generate::generate(&relata_model::generate::GenerateOptions::new(200));
    let (before, laid) = crate::diagram::diagram_kept(&registry, &[], None);
    let mut added = registry.tables[0].clone();
    added.id = relata_model::TableId::parse("77777777-7777-4777-8777-777777777777").unwrap();
    added.name = "added_table".to_owned();
    registry.tables.push(added);
    let (after, laid) = crate::diagram::diagram_kept(&registry, &[], Some(&laid));
    assert_eq!(after.tables.len(), before.tables.len() + 1);
    let moved: Vec<&str> = before.tables.iter().zip(&after.tables).filter(|(b, a)| b.rect != a.rect).map(|(b, _)| b.table.as_str()).collect();
    assert!(moved.is_empty(), "adding a table moved {moved:?}");
    let group = after.tables.last().unwrap().group.expect("the module's group");
    let frame = after.groups[group].frame.expect("a frame");
    let r = after.tables.last().unwrap().rect;
    assert!(r.x >= frame.x && r.y >= frame.y && r.x + r.width <= frame.x + frame.width && r.y + r.height <= frame.y + frame.height);
    // A deletion keeps every other table too, and so does its undo (the table back at its
    // old index).
    let gone = registry.tables.remove(1);
    let (smaller, laid) = crate::diagram::diagram_kept(&registry, &[], Some(&laid));
    assert_eq!(smaller.tables.len(), registry.tables.len());
    let place = |d: &crate::diagram::Diagram, name: &str| d.tables.iter().find(|t| t.table == name).map(|t| t.rect);
    let moved: Vec<&str> = smaller.tables.iter().filter(|t| place(&after, &t.table) != Some(t.rect)).map(|t| t.table.as_str()).collect();
    assert!(moved.is_empty(), "deleting a table moved {moved:?}");
    registry.tables.insert(1, gone);
    let (back, _) = crate::diagram::diagram_kept(&registry, &[], Some(&laid));
    let moved: Vec<&str> = back.tables.iter().filter(|t| t.table != registry.tables[1].name && place(&after, &t.table) != Some(t.rect)).map(|t| t.table.as_str()).collect();
    assert!(moved.is_empty(), "undoing the delete moved {moved:?}");
}

/// A drop's proposal from `child` (`schema.table.column`) to `parent` (`schema.table`, or
/// `schema.table.column` for a drop on a column's row) on the relate fixture.
fn drop_on(registry: &relata_model::Registry, child: &str, parent: &str) -> crate::relate::RelationshipProposal {
    let rules = relata_rules::RuleSet::named("zayaz").unwrap();
    let mut c = child.split('.');
    let (cs, ct, cc) = (c.next().unwrap(), c.next().unwrap(), c.next().unwrap());
    let mut p = parent.split('.');
    let (ps, pt, pc) = (p.next().unwrap(), p.next().unwrap(), p.next());
    relata_workspace::propose_drop(registry, &rules, &TableRef::new(cs, ct), cc, &TableRef::new(ps, pt), pc, relata_model::Timestamp::from_unix_seconds(60))
        .map(crate::relate::RelationshipProposal::from)
        .unwrap()
}

/// Applies `proposal`'s edit, checks that the findings it announced are exactly what the whole
/// registry's check then says of the new relationship, and that undo gives the registry back
/// byte for byte.
fn drop_and_undo(registry: &mut relata_model::Registry, proposal: &crate::relate::RelationshipProposal) -> Vec<relata_model::Diagnostic> {
    let rules = relata_rules::RuleSet::named("zayaz").unwrap();
    let before = registry.clone();
    let applied = relata_model::edit::apply(registry, proposal.edit.clone()).unwrap();
    let about: Vec<relata_model::Diagnostic> = relata_rules::check(registry, &rules)
        .into_iter()
        .filter(|d| matches!(&d.location, relata_model::Location::Entry { registry: relata_model::RegistryKind::RelationshipRegistry, label, .. } if *label == proposal.key))
        .collect();
    assert_eq!(proposal.findings, about, "the drag announced what the full check says of the relationship");
    relata_model::edit::apply(registry, applied.inverse).unwrap();
    assert_eq!(*registry, before, "one undo takes the drop back exactly");
    about
}

/// Issue 16: a column dropped on another table's column row relates exactly those two columns,
/// keyed by the rules, as one edit; matching types leave no finding.
#[test]
fn drop_on_a_column_relates_the_two_columns_in_one_undoable_edit() {
    let mut registry = relate_fixture();
    let proposal = drop_on(&registry, "sales.orders.customer_id", "sales.customers.id");
    assert_eq!(proposal.key, "orders__customer_id__customers");
    assert!(proposal.created.is_empty() && proposal.findings.is_empty(), "{proposal:#?}");
    let relata_model::edit::Edit::PutRelationship { relationship } = &proposal.edit else { panic!("one relationship: {:?}", proposal.edit) };
    assert_eq!((relationship.child.columns.as_slice(), relationship.parent.columns.as_slice()), (&["customer_id".to_owned()][..], &["id".to_owned()][..]));
    assert!(relationship.is_required, "customer_id is NOT NULL");
    assert!(drop_and_undo(&mut registry, &proposal).is_empty());
}

/// Issue 16: a drop whose types do not match announces R303 before it is made (the rule is a
/// finding, not a refusal: the drop still makes the relationship).
#[test]
fn drop_with_a_type_mismatch_announces_r303_and_still_relates() {
    let mut registry = relate_fixture();
    let proposal = drop_on(&registry, "sales.shipments.order_id", "sales.orders.id");
    assert!(proposal.findings.iter().any(|d| d.code == "R303" && d.message.contains("`text`") && d.message.contains("`bigint`")), "{:#?}", proposal.findings);
    assert!(drop_and_undo(&mut registry, &proposal).iter().any(|d| d.code == "R303"));
    // On the header of a one-column key the dragged column takes that key, whatever its type.
    let proposal = drop_on(&registry, "sales.shipments.order_id", "sales.orders");
    assert_eq!((proposal.reused.as_slice(), proposal.created.len()), (&["order_id".to_owned()][..], 0));
    assert!(proposal.findings.iter().any(|d| d.code == "R303"), "{:#?}", proposal.findings);
    drop_and_undo(&mut registry, &proposal);
}

/// Issue 16: a column dropped on a header of a composite key takes the key column of its name;
/// the other key columns are reused or created with the key's types, one relationship in all;
/// a column of no key column's name leaves the key to "+ Relationship to…"'s choice.
#[test]
fn drop_on_a_composite_keys_header_makes_one_relationship_with_the_missing_columns() {
    let mut registry = relate_fixture();
    let proposal = drop_on(&registry, "sales.shipments.order_id", "sales.order_lines");
    assert_eq!(proposal.reused, ["order_id"]);
    assert_eq!(proposal.created, ["line_no integer"]);
    assert_eq!(proposal.key, "shipments__order_id_line_no__order_lines");
    assert!(proposal.findings.iter().any(|d| d.code == "R303"), "text order_id against bigint: {:#?}", proposal.findings);
    drop_and_undo(&mut registry, &proposal);

    let proposal = drop_on(&registry, "sales.notes.body", "sales.order_lines");
    assert_eq!(proposal.created, ["order_id bigint", "line_no integer"]);
    assert!(proposal.findings.iter().all(|d| d.severity != relata_model::Severity::Error), "{:#?}", proposal.findings);
    drop_and_undo(&mut registry, &proposal);

    let rules = relata_rules::RuleSet::named("zayaz").unwrap();
    let missing = relata_workspace::propose_drop(&registry, &rules, &TableRef::new("sales", "notes"), "nothing", &TableRef::new("sales", "orders"), None,
        relata_model::Timestamp::from_unix_seconds(60)).unwrap_err();
    assert_eq!(missing.to_string(), "sales.notes has no registered column nothing");
}

/// Issue 16: dropping the same relationship twice announces the clash of keys (R306) before the
/// second drop.
#[test]
fn a_second_identical_drop_announces_the_duplicate_key() {
    let mut registry = relate_fixture();
    let first = drop_on(&registry, "sales.orders.customer_id", "sales.customers.id");
    relata_model::edit::apply(&mut registry, first.edit).unwrap();
    let second = drop_on(&registry, "sales.orders.customer_id", "sales.customers.id");
    assert!(second.findings.iter().any(|d| d.code == "R306"), "{:#?}", second.findings);
}

/// Issue 16 through IPC, as the canvas calls it: a drag's proposal (`propose_drop`) applied as
/// one edit leaves no error; a table created where the canvas was double-clicked (its put and
/// its pin in one batch) and a selection moved (one batch of pins) each take one undo; undoing
/// everything and saving gives the registry files back byte for byte.
#[test]
fn ipc_canvas_edits_are_one_undo_step_each_and_undo_to_the_same_bytes() {
    let app = crate::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("example");
    std::fs::create_dir(&folder).unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("registries/zayaz-compute-methods");
    for name in relata_codec::folder::FILES {
        std::fs::copy(source.join(name), folder.join(name)).unwrap();
    }
    let original: Vec<Vec<u8>> = relata_codec::folder::FILES.iter().map(|name| std::fs::read(folder.join(name)).unwrap()).collect();
    let opened = call(&webview, "open_workspace", json!({ "path": folder })).unwrap();
    assert_eq!(opened["error_count"], 0);

    // A column dragged onto a header of a composite key: one relationship, its two columns added.
    let child = json!({ "schema": "public", "table": "table_overview" });
    let parent = json!({ "schema": "core_metadata", "table": "ref_compute_method_registry" });
    let proposal = call(&webview, "propose_drop", json!({ "child": child, "childColumn": "table_name", "parent": parent, "parentColumn": null })).unwrap();
    assert_eq!(proposal["key"], "table_overview__method_id_version__ref_compute_method_registry");
    assert_eq!(proposal["created"], json!(["method_id varchar", "version varchar"]));
    // A warning (the generated FK name is past 63 bytes: R317) but no error.
    assert!(proposal["findings"].as_array().unwrap().iter().all(|f| f["severity"] != "error"), "{proposal}");
    // Onto a column of another type: R303 announced, the drop still possible.
    let mismatch = call(&webview, "propose_drop", json!({ "child": child, "childColumn": "table_id", "parent": parent, "parentColumn": "method_id" })).unwrap();
    assert!(mismatch["findings"].as_array().unwrap().iter().any(|f| f["code"] == "R303"), "{mismatch}");
    let missing = call(&webview, "propose_drop", json!({ "child": child, "childColumn": "nothing", "parent": parent, "parentColumn": null })).unwrap_err();
    assert_eq!(missing["code"], "InvalidRequest");

    let revision = |w: &tauri::WebviewWindow<tauri::test::MockRuntime>| call(w, "edit_state", json!({})).unwrap()["revision"].as_u64().unwrap();
    let start = revision(&webview);
    call(&webview, "apply_edit", json!({ "edit": proposal["edit"] })).unwrap();
    let overview = call(&webview, "workspace_overview", json!({})).unwrap();
    assert_eq!((overview["relationship_count"].as_u64(), overview["error_count"].as_u64()), (Some(7), Some(0)));

    // A table made where the canvas was double-clicked, pinned there, in one edit.
    let made = json!({ "op": "batch", "label": "Add table core_metadata.fact_runs here", "edits": [
        { "op": "put_table", "table": {
            "id": "5d0c53a4-1c55-4c4e-9d55-3c1f0a8f0b11", "name": "fact_runs", "prefix": "fact_", "schema": "core_metadata",
            "module": "Compute Method Registry", "status": "draft", "purpose": null, "primary_key": [], "db_engine": "postgres",
            "db_name": null, "owner_team": null, "notes": null, "created_at": "2026-12-07 17:00:00+00", "updated_at": "2026-12-07 17:00:00+00",
            "unique_constraints": [], "indexes": [], "color": null } },
        { "op": "set_pin", "table": { "schema": "core_metadata", "table": "fact_runs" }, "position": [40.0, 700.0] } ] });
    call(&webview, "apply_edit", json!({ "edit": made })).unwrap();
    // Two tables moved together: one batch of pins.
    let moved = json!({ "op": "batch", "label": "Move the selection (2 tables)", "edits": [
        { "op": "set_pin", "table": { "schema": "public", "table": "table_overview" }, "position": [900.0, 40.0] },
        { "op": "set_pin", "table": { "schema": "public", "table": "signal_registry" }, "position": [1200.0, 40.0] } ] });
    call(&webview, "apply_edit", json!({ "edit": moved })).unwrap();
    assert_eq!(revision(&webview), start + 3, "three actions, three steps");
    let diagram = call(&webview, "diagram", json!({ "modules": [], "only": null, "fresh": false })).unwrap();
    let runs = diagram["tables"].as_array().unwrap().iter().find(|t| t["table"] == "fact_runs").unwrap();
    assert_eq!((runs["rect"]["x"].as_f64(), runs["rect"]["y"].as_f64(), runs["pinned"].as_bool()), (Some(40.0), Some(700.0), Some(true)));
    call(&webview, "save_workspace", json!({})).unwrap();
    assert_ne!(std::fs::read(folder.join("relationship_registry.csv")).unwrap(), original[relata_codec::folder::FILES.iter().position(|f| *f == "relationship_registry.csv").unwrap()]);

    for _ in 0..3 {
        call(&webview, "undo", json!({})).unwrap();
    }
    let back = call(&webview, "workspace_overview", json!({})).unwrap();
    assert_eq!((back["table_count"].as_u64(), back["relationship_count"].as_u64()), (Some(6), Some(6)));
    call(&webview, "save_workspace", json!({})).unwrap();
    for (name, bytes) in relata_codec::folder::FILES.iter().zip(&original) {
        assert!(std::fs::read(folder.join(name)).unwrap() == *bytes, "{name} differs from the original after undoing everything");
    }
}
