//! Diffs and documentation as the front ends ask for them: the open workspace against its last
//! save, another folder, a git revision and an unreachable database; documentation written to
//! a folder; and a cancelled job that stops and keeps nothing.

use std::sync::Arc;

use relata_model::edit::Edit;
use relata_model::TableRef;
use relata_rules::RuleSet;
use relata_workspace::{compare, read_side, ChangeKind, DiffSide, DocsFormat, DocsRequest, ErrorKind, Job, MigrationOptions, Workspace};

use crate::{block_on, copy_registry};

/// The zellij registry copied to `tmp`, opened, with `projects.name` widened to text and
/// `actors` renamed to `people`: two unsaved edits.
fn edited(tmp: &std::path::Path) -> Workspace {
    let folder = copy_registry(tmp, "zellij");
    let mut workspace = block_on(Workspace::open(&folder)).unwrap();
    let projects = TableRef::new("public", "projects");
    let mut name = workspace.registry().signals.iter().find(|s| s.table.as_ref() == Some(&projects) && s.column == "name").unwrap().clone();
    name.data_type = "text".to_owned();
    workspace.apply(Edit::PutSignal { signal: name }, None).unwrap();
    let actors = workspace.registry().tables.iter().find(|t| t.name == "actors").unwrap().clone();
    workspace.apply(Edit::RenameTable { table: actors.id, schema: actors.schema.clone(), name: "people".to_owned() }, None).unwrap();
    workspace
}

fn rules() -> RuleSet {
    RuleSet::named("zayaz").unwrap()
}

#[test]
fn the_workspace_against_its_last_save_groups_the_changes_by_table_and_renames_in_the_migration() {
    let tmp = tempfile::tempdir().unwrap();
    let workspace = edited(tmp.path());
    let old = workspace.diff_side(&DiffSide::LastSave).unwrap();
    let new = workspace.diff_side(&DiffSide::Current).unwrap();
    assert_eq!((old.name.as_str(), new.name.as_str()), ("the last save", "the workspace"));
    let job = Job::new();
    let compared = block_on(compare(old, new, &rules(), &MigrationOptions::default(), &job)).unwrap();
    assert!(!compared.drift && !compared.is_empty());

    let projects = compared.groups.iter().find(|g| g.title == "public.projects").expect("a group for projects");
    assert!(projects.table);
    // Its column's change, and the relationship it is the child of (whose parent was renamed).
    let entries: Vec<(&str, &str)> = projects.changes.iter().map(|c| (c.entry, c.name.as_str())).collect();
    assert_eq!(entries, [("column", "public.projects.name"), ("relationship", "projects__owner_id__actors")]);
    let change = &projects.changes[0];
    assert_eq!((change.entry, change.name.as_str(), change.kind), ("column", "public.projects.name", ChangeKind::Changed));
    assert!(change.fields.iter().any(|f| f.field == "data_type" && f.old == "varchar(255)" && f.new == "text"), "{change:?}");
    // The renamed table's group is under its new name, and holds the table's own change.
    let people = compared.groups.iter().find(|g| g.title == "public.people").expect("a group for the renamed table");
    assert!(people.changes.iter().any(|c| c.entry == "table" && c.kind == ChangeKind::Changed), "{people:?}");
    // Every change is in exactly one group.
    assert_eq!(compared.groups.iter().map(|g| g.changes.len()).sum::<usize>(), compared.changes.len());

    let sql = &compared.migration.sql;
    assert!(sql.contains("ALTER TABLE public.actors RENAME TO people;"), "{sql}");
    assert!(sql.contains("ALTER TABLE public.projects ALTER COLUMN name TYPE text"), "{sql}");
    assert!(!sql.contains("DROP TABLE"), "a rename is never a drop: {sql}");
    assert_eq!(job.progress().step, "Done");
}

#[test]
fn a_folder_side_with_load_errors_names_its_file_and_line_and_a_missing_one_its_path() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = copy_registry(tmp.path(), "zellij");
    let file = folder.join("signal_registry.csv");
    let text = std::fs::read_to_string(&file).unwrap() + "<<<<<<< HEAD\n";
    std::fs::write(&file, text).unwrap();
    let lines = std::fs::read_to_string(&file).unwrap().lines().count();
    let error = block_on(read_side(&DiffSide::Path(folder.clone()), &rules(), &Job::new())).unwrap_err();
    assert_eq!(error.kind, ErrorKind::InvalidRegistry);
    assert!(error.message.contains("does not load cleanly"), "{error}");
    assert!(error.message.contains(&format!("signal_registry.csv:{lines}:")), "the file and line: {error}");

    let missing = tmp.path().join("nope");
    let error = block_on(read_side(&DiffSide::Path(missing.clone()), &rules(), &Job::new())).unwrap_err();
    assert_eq!(error.kind, ErrorKind::NotFound, "{error}");
    assert!(error.message.starts_with(&format!("cannot open {}", missing.display())), "{error}");
}

#[test]
fn a_git_side_reads_the_folder_at_a_revision_and_an_unreachable_database_is_a_connect_error() {
    // The bundled folder at HEAD, by an absolute path (as the window gives it).
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../registries/zellij").canonicalize().unwrap();
    let side = DiffSide::parse(&format!("git:HEAD:{}", folder.display())).unwrap();
    assert_eq!(side, DiffSide::Git { revision: "HEAD".into(), folder: folder.clone() });
    let at_head = block_on(read_side(&side, &rules(), &Job::new())).unwrap();
    assert!(at_head.registry.tables.iter().any(|t| t.name == "projects"));
    let nowhere = DiffSide::Git { revision: "HEAD".into(), folder: folder.join("nope") };
    let error = block_on(read_side(&nowhere, &rules(), &Job::new())).unwrap_err();
    assert!(error.message.contains("has no table_overview.csv: is it a registry folder?"), "{error}");
    assert_eq!(DiffSide::parse("git:HEAD").unwrap_err().kind, ErrorKind::InvalidRequest);

    let database = DiffSide::parse("postgres://relata:secret@127.0.0.1:1/nowhere").unwrap();
    assert!(!database.name().contains("secret"), "no password shown: {}", database.name());
    let error = block_on(read_side(&database, &rules(), &Job::new())).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Connect, "{error}");
    assert!(error.message.starts_with("cannot read postgres://relata@127.0.0.1:1/nowhere"), "{error}");
    assert!(!error.message.contains("secret"), "{error}");
}

#[test]
fn a_cancelled_comparison_stops_and_returns_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let workspace = edited(tmp.path());
    let job = Job::new();
    job.cancel();
    let (old, new) = (workspace.diff_side(&DiffSide::LastSave).unwrap(), workspace.diff_side(&DiffSide::Current).unwrap());
    let error = block_on(compare(old, new, &rules(), &MigrationOptions::default(), &job)).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Cancelled);
}

#[test]
fn documentation_is_written_to_a_folder_and_a_cancel_stops_it_between_files() {
    let tmp = tempfile::tempdir().unwrap();
    let workspace = edited(tmp.path());
    // The module of the renamed table, so its page shows the unsaved rename.
    let modules = [workspace.registry().tables.iter().find(|t| t.name == "people").unwrap().module.clone()];
    let out = tmp.path().join("docs");
    let request = DocsRequest { format: DocsFormat::Markdown, modules: vec![modules[0].clone()], title: String::new() };
    let written = workspace.docs(&request).unwrap().write(&out, &Job::new()).unwrap();
    assert_eq!(written.index, out.join("README.md"));
    let index = std::fs::read_to_string(&written.index).unwrap();
    assert!(index.starts_with("# zellij"), "titled after the workspace: {index}");
    assert!(index.contains(&modules[0]), "{index}");
    assert_eq!(written.modules, 1);
    // The unsaved edit is documented: the page shows the workspace as it is now.
    let page = std::fs::read_dir(out.join("modules")).unwrap().map(|e| e.unwrap().path()).find(|p| p.extension().is_some_and(|e| e == "md")).unwrap();
    let page = std::fs::read_to_string(page).unwrap();
    assert!(page.contains("`public.people`"), "{page}");

    let error = workspace.docs(&DocsRequest { modules: vec!["Billing".into()], ..request.clone() }).unwrap_err();
    assert_eq!((error.kind, error.subject.as_deref()), (ErrorKind::UnknownModule, Some("Billing")));
    assert!(error.message.contains("no module named `Billing`") && error.message.contains(&modules[0]), "{error}");

    // A job cancelled before its first file writes nothing; run again, it writes them all.
    let job = Arc::new(Job::new());
    let elsewhere = tmp.path().join("cancelled");
    let html = DocsRequest { format: DocsFormat::Html, modules: Vec::new(), title: "Zellij".into() };
    let docs = workspace.docs(&html).unwrap();
    let total = docs.files().len();
    job.cancel();
    assert_eq!(docs.write(&elsewhere, &job).unwrap_err().kind, ErrorKind::Cancelled);
    assert!(!elsewhere.exists(), "nothing written after a cancel");
    let written = docs.write(&elsewhere, &Job::new()).unwrap();
    assert_eq!(written.files, total);
    assert!(std::fs::read_to_string(elsewhere.join("index.html")).unwrap().contains("Zellij"));
}
