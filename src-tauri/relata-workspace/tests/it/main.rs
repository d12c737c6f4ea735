//! The workspace API as a front end uses it: a bundled registry copied to a temporary folder,
//! opened, edited, undone, saved, and a DBML file imported with a preview; and against a real
//! PostgreSQL, the live import by both paths (pg_dump through the SQL import, and the catalog)
//! and shared registry sync, whose fixtures the SQL import and export make.

mod changes;
mod front_ends;
mod pg_import;
mod pg_live_import;
mod pg_sync;

use std::path::{Path, PathBuf};

use relata_model::edit::Edit;
use relata_workspace::{ErrorKind, ExportRequest, ExportTarget, ImportFormat, Workspace};

/// A copy of the bundled registry folder `name` in `tmp`.
fn copy_registry(tmp: &Path, name: &str) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../registries").join(name);
    let to = tmp.join(name);
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(&from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
    to
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(future)
}

#[test]
fn an_edit_is_undone_redone_and_saved_and_the_save_loads_back() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = copy_registry(tmp.path(), "metastore");
    let mut workspace = block_on(Workspace::open(&folder)).unwrap();
    assert!(!workspace.is_dirty());
    let table = workspace.registry().tables[0].clone();
    let rename = Edit::RenameTable { table: table.id, schema: table.schema.clone(), name: "renamed_here".to_owned() };
    let done = workspace.apply(rename, None).unwrap();
    assert!(done.contains("renamed_here"), "{done}");
    assert!(workspace.is_dirty());
    assert_eq!(workspace.status().revision, 1);
    assert_eq!(workspace.undo().unwrap().as_deref().map(|l| l.starts_with("Undo ")), Some(true));
    assert_eq!(workspace.registry().tables[0].name, table.name);
    workspace.redo().unwrap();
    assert_eq!(workspace.registry().tables[0].name, "renamed_here");

    let said = block_on(workspace.save()).unwrap();
    assert_eq!(said, format!("Saved {}", workspace.path().display()));
    assert!(!workspace.is_dirty());
    let again = block_on(Workspace::open(&folder)).unwrap();
    assert_eq!(again.registry(), workspace.registry());
}

#[test]
fn a_refused_edit_changes_nothing_and_says_why() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = copy_registry(tmp.path(), "metastore");
    let mut workspace = block_on(Workspace::open(&folder)).unwrap();
    let before = workspace.registry().clone();
    let missing = Edit::RenameTable { table: relata_model::TableId::new_random(), schema: "public".to_owned(), name: "x".to_owned() };
    let error = workspace.apply(missing, None).unwrap_err();
    assert_eq!(error.kind, ErrorKind::EditRefused);
    assert_eq!(workspace.registry(), &before);
    assert_eq!(workspace.status().revision, 0);
}

#[test]
fn an_import_is_previewed_then_applied_as_one_undo_step() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = copy_registry(tmp.path(), "metastore");
    let mut workspace = block_on(Workspace::open(&folder)).unwrap();
    let before = workspace.registry().clone();
    let file = tmp.path().join("shop.dbml");
    std::fs::write(&file, "Table shop.customers {\n  id integer [pk]\n  email varchar\n}\n").unwrap();

    let preview = workspace.import_preview(&file, ImportFormat::Dbml).unwrap();
    assert!(preview.applicable());
    let added: Vec<String> = preview.changes().map(|c| c.name.clone()).collect();
    assert!(added.contains(&"shop.customers".to_owned()), "{added:?}");
    // Every table of the workspace is kept, none changed: the file names none of them.
    assert!(preview.kept() >= before.tables.len(), "{} kept", preview.kept());
    assert!(preview.changes().all(|c| c.change == relata_formats::import::merge::ChangeKind::Added));

    let done = workspace.import_apply().unwrap();
    assert_eq!(done, "Import shop.dbml");
    assert!(workspace.registry().tables.iter().any(|t| t.schema == "shop" && t.name == "customers"));
    // Applied once: a second apply has nothing to apply.
    assert_eq!(workspace.import_apply().unwrap_err().kind, ErrorKind::NoPendingImport);
    workspace.undo().unwrap();
    assert_eq!(workspace.registry(), &before);
}

#[test]
fn an_import_with_errors_applies_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = copy_registry(tmp.path(), "metastore");
    let mut workspace = block_on(Workspace::open(&folder)).unwrap();
    let file = tmp.path().join("broken.dbml");
    std::fs::write(&file, "Table t {\n  id integer [pk\n").unwrap();
    let preview = workspace.import_preview(&file, ImportFormat::Dbml).unwrap();
    assert!(preview.diagnostics.iter().any(|d| d.is_error()));
    assert!(!preview.applicable());
    assert_eq!(workspace.import_apply().unwrap_err().kind, ErrorKind::NoPendingImport);
}

#[test]
fn a_missing_workspace_is_not_found_by_name() {
    let error = block_on(Workspace::open(Path::new("/no/such/relata-workspace"))).unwrap_err();
    assert_eq!(error.kind, ErrorKind::NotFound);
    assert!(error.message.contains("/no/such/relata-workspace"), "{error}");
}

#[test]
fn an_export_names_an_unknown_module_and_a_picture_is_svg() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = copy_registry(tmp.path(), "zellij");
    let workspace = block_on(Workspace::open(&folder)).unwrap();
    let unknown = ExportRequest { modules: vec!["Nope".to_owned()], ..ExportRequest::new(ExportTarget::parse("sql").unwrap()) };
    let error = workspace.export_text(&unknown).unwrap_err();
    assert_eq!((error.kind, error.subject.as_deref()), (ErrorKind::UnknownModule, Some("Nope")));
    assert!(error.message.contains("no module named `Nope`"), "{error}");
    assert_eq!(ExportTarget::parse("pdf").unwrap_err().kind, ErrorKind::InvalidRequest);

    let scoped = ExportRequest { modules: vec!["Authorization".to_owned()], ..ExportRequest::new(ExportTarget::parse("sql").unwrap()) };
    assert_eq!(workspace.export_text(&scoped).unwrap().matches("CREATE TABLE ").count(), 1);
    let svg = workspace.export_text(&ExportRequest::new(ExportTarget::Svg)).unwrap();
    assert!(svg.starts_with("<svg"), "{}", &svg[..40.min(svg.len())]);
    assert_eq!(workspace.export_text(&ExportRequest::new(ExportTarget::Png)).unwrap_err().kind, ErrorKind::InvalidRequest);
    for target in ExportTarget::PICTURES {
        assert_eq!(ExportTarget::parse(target.name()), Ok(target));
    }
}

#[test]
fn the_kept_diagram_draws_every_table_once_and_moves_no_other_when_one_is_deleted_or_put_back() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = copy_registry(tmp.path(), "metastore");
    let mut workspace = block_on(Workspace::open(&folder)).unwrap();
    let before = workspace.diagram(&[], false).clone();
    assert_eq!(before.tables.len(), before.input.tables.len());
    assert_eq!(before.lines.len(), before.input.edges.len());
    let drawn: std::collections::BTreeSet<_> = before.tables.iter().map(|(t, _)| t.clone()).collect();
    assert_eq!(drawn.len(), before.tables.len(), "a table is drawn once");

    // A table deleted: every other box stays where it was (a fresh layout would move them).
    let place = |d: &relata_workspace::Diagram| -> std::collections::BTreeMap<relata_model::TableRef, (i64, i64)> {
        d.tables.iter().zip(&d.layout.tables).map(|((t, _), r)| (t.clone(), (r.x.round() as i64, r.y.round() as i64))).collect()
    };
    let gone = before.tables[before.tables.len() / 2].0.clone();
    let id = workspace.registry().tables.iter().find(|t| t.table_ref() == gone).unwrap().id;
    workspace.apply(Edit::DeleteTable { table: id }, None).unwrap();
    let mut expected = place(&before);
    expected.remove(&gone);
    let after = workspace.diagram(&[], false).clone();
    assert_eq!(place(&after), expected, "the kept layout moved a table");
    workspace.undo().unwrap();
    assert_eq!(place(workspace.diagram(&[], false)), place(&before), "undo puts the table back in place");
}

#[test]
fn each_view_keeps_its_own_layout_while_another_is_shown() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = copy_registry(tmp.path(), "zellij");
    let mut workspace = block_on(Workspace::open(&folder)).unwrap();
    let place = |d: &relata_workspace::Diagram| -> std::collections::BTreeMap<relata_model::TableRef, (i64, i64)> {
        d.tables.iter().zip(&d.layout.tables).map(|((t, _), r)| (t.clone(), (r.x.round() as i64, r.y.round() as i64))).collect()
    };
    // The module with the most tables, shown alone.
    let names: Vec<String> = workspace.registry().module_names().iter().map(|m| (*m).to_owned()).collect();
    let module = names.iter().max_by_key(|m| workspace.registry().tables.iter().filter(|t| &t.module == *m).count()).unwrap().clone();
    let view = vec![module];
    let alone = place(workspace.diagram(&view, false));
    assert!(alone.len() >= 3, "{alone:?}");
    // Then the whole workspace, where a table of that module is deleted.
    workspace.diagram(&[], false);
    let gone = alone.keys().nth(1).unwrap().clone();
    let id = workspace.registry().tables.iter().find(|t| t.table_ref() == gone).unwrap().id;
    workspace.apply(Edit::DeleteTable { table: id }, None).unwrap();
    workspace.diagram(&[], false);
    // Back in the module's view, the others are where that view had them.
    let mut expected = alone.clone();
    expected.remove(&gone);
    assert_eq!(place(workspace.diagram(&view, false)), expected);
    // A fresh layout of the view is a layout of its own.
    assert_eq!(place(workspace.diagram(&view, true)).len(), expected.len());
}

#[test]
fn a_relationship_end_dragged_to_another_column_is_one_edit_and_a_composite_end_stays_on_its_table() {
    use relata_model::TableRef;
    use relata_workspace::LineEnd;
    let tmp = tempfile::tempdir().unwrap();
    let folder = copy_registry(tmp.path(), "zayaz-compute-methods");
    let mut workspace = block_on(Workspace::open(&folder)).unwrap();
    let before = workspace.registry().clone();
    let executions = TableRef::new("core_engine", "fact_compute_executions");
    let r = before.relationships.iter().find(|r| r.child.table == "fact_compute_executions").unwrap().clone();
    assert_eq!(r.child.columns, ["method_id", "version"]);

    // Within the child table: method_id's place in the key goes to tenant_id; the generated key follows.
    let moved = workspace.repoint_relationship(r.id, LineEnd::Child, "method_id", &executions, "tenant_id").unwrap();
    assert_eq!(moved.key, "fact_compute_executions__tenant_id_version__ref_compute_method_registry");
    workspace.apply(moved.edit, None).unwrap();
    let now = workspace.registry().relationships.iter().find(|x| x.id == r.id).unwrap();
    assert_eq!(now.child.columns, ["tenant_id", "version"]);
    assert_eq!(now.parent, r.parent);
    assert!(workspace.status().undo.unwrap().contains("child end to core_engine.fact_compute_executions.tenant_id"));
    workspace.undo().unwrap();
    assert_eq!(workspace.registry(), &before, "one undo puts the end back");

    // One column of a composite end cannot go to another table alone; an unknown column is named.
    let elsewhere = TableRef::new("core_metadata", "ref_compute_method_latest");
    let refused = workspace.repoint_relationship(r.id, LineEnd::Child, "method_id", &elsewhere, "note").unwrap_err();
    assert!(refused.message.contains("several columns"), "{}", refused.message);
    let unknown = workspace.repoint_relationship(r.id, LineEnd::Parent, "method_id", &elsewhere, "no_such").unwrap_err();
    assert!(unknown.message.contains("no registered column no_such"), "{}", unknown.message);

    // A one-column end moves to another table.
    let single = before.relationships.iter().find(|x| x.child.columns.len() == 1).unwrap().clone();
    let to = TableRef::new("core_metadata", "ref_compute_method_registry");
    let moved = workspace.repoint_relationship(single.id, LineEnd::Parent, &single.parent.columns[0], &to, "method_id").unwrap();
    workspace.apply(moved.edit, None).unwrap();
    let now = workspace.registry().relationships.iter().find(|x| x.id == single.id).unwrap();
    assert_eq!((now.parent.table.as_str(), now.parent.columns.clone()), ("ref_compute_method_registry", vec!["method_id".to_owned()]));
    assert_eq!(now.child, single.child);
}
