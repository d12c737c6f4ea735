//! `relata import --from dbml|mermaid|sql`: writes a folder or `.relata` workspace atomically, prints
//! every diagnostic as `file:line:col: severity[CODE]: message`, refuses to replace a
//! workspace without `--force`, and writes nothing when the file has errors.

use std::path::Path;

use crate::{block_on, relata, repo};

const FEATURES: &str = "src-tauri/relata-formats/tests/data/dbml/features.dbml";

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn imports_to_a_folder_and_prints_warnings_with_places() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("shop");
    let out = relata(&["import", FEATURES, "--from", "dbml", "-o", ws.to_str().unwrap()]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    // A many:many ref is reported at its place in the file.
    assert!(err.contains(&format!("{FEATURES}:106:1: warning[D112]: ")), "{err}");
    // Two groups, and the implicit module of the tables in none.
    assert!(err.contains("wrote ") && err.contains("7 tables, 26 signals, 6 relationships, 3 modules"), "{err}");

    let loaded = block_on(relata_store::load(&ws)).unwrap();
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    assert_eq!(loaded.registry.tables.len(), 7);
    assert!(loaded.registry.module("Sales").is_some_and(|m| m.color.as_deref() == Some("#011B4E")));
    assert!(loaded.registry.module("public").is_some_and(|m| m.implicit), "the tables in no group keep no group");
    // `increment` is kept, as an identity column.
    let id = loaded.registry.signals.iter().find(|s| s.column == "id" && s.table.as_ref().is_some_and(|t| t.to_string() == "core.orders"));
    assert!(id.is_some_and(|s| s.spec.identity.is_some()), "{id:#?}");
    // The saved workspace is a normal one: `relata check` reads it.
    let check = relata(&["check", ws.to_str().unwrap()]);
    assert!(check.status.code().is_some_and(|c| c <= 1), "{}", stderr(&check));
}

#[test]
fn imports_to_a_sqlite_workspace() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("shop.relata");
    let out = relata(&["import", FEATURES, "--from", "dbml", "-o", ws.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let loaded = block_on(relata_store::load(&ws)).unwrap();
    assert_eq!(loaded.registry.relationships.len(), 6);
}

#[test]
fn refuses_to_replace_a_workspace_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("shop");
    let args = ["import", FEATURES, "--from", "dbml", "-o", ws.to_str().unwrap()];
    assert!(relata(&args).status.success());
    let before = std::fs::read(ws.join("table_overview.csv")).unwrap();
    std::fs::write(ws.join("table_overview.csv"), b"mark").unwrap();
    let out = relata(&args);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("already exists; pass --force"), "{}", stderr(&out));
    assert_eq!(std::fs::read(ws.join("table_overview.csv")).unwrap(), b"mark", "untouched");
    let out = relata(&[&args[..], &["--force"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    // Replaced by the same rows; created_at and updated_at (the last two columns) are the
    // clock's, and the two imports may fall in different seconds.
    let rows = |bytes: Vec<u8>| -> Vec<String> {
        String::from_utf8(bytes).unwrap().lines().map(|l| l.rsplitn(3, ',').nth(2).unwrap_or(l).to_owned()).collect()
    };
    assert_eq!(rows(std::fs::read(ws.join("table_overview.csv")).unwrap()), rows(before), "replaced");
}

#[test]
fn errors_exit_1_and_write_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("broken.dbml");
    std::fs::write(&file, "Table t {\n  id int [pk, primary]\n}\n\nRef: t.id > nowhere.id\n").unwrap();
    let ws = tmp.path().join("ws");
    let out = relata(&["import", file.to_str().unwrap(), "--from", "dbml", "-o", ws.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let f = file.display();
    assert!(err.contains(&format!("{f}:2:15: error[D104]: unknown column setting `primary`")), "{err}");
    assert!(err.contains(&format!("{f}:5:13: error[D108]: no table `nowhere` is defined")), "{err}");
    assert!(err.contains("2 error(s); nothing was written"), "{err}");
    assert!(!ws.exists());
    let names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, [std::ffi::OsString::from("broken.dbml")], "no debris");
}

#[test]
fn export_then_import_keeps_every_table_and_relationship_of_a_bundled_registry() {
    let tmp = tempfile::tempdir().unwrap();
    let dbml = tmp.path().join("zellij.dbml");
    let ws = tmp.path().join("zellij");
    let out = relata(&["export", "registries/zellij", "--to", "dbml", "--include-inactive", "-o", dbml.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = relata(&["import", dbml.to_str().unwrap(), "--from", "dbml", "-o", ws.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let original = block_on(relata_store::load(&repo().join("registries/zellij"))).unwrap().registry;
    let imported = block_on(relata_store::load(&ws)).unwrap().registry;
    let names = |r: &relata_model::Registry| {
        let mut names: Vec<String> = r.tables.iter().map(|t| format!("{}.{}", t.schema, t.name)).collect();
        names.sort();
        names
    };
    assert_eq!(names(&imported), names(&original));
    assert_eq!(imported.relationships.len(), original.relationships.len());
    assert_eq!(imported.signals.len(), original.signals.iter().filter(|s| s.table.is_some()).count());
    assert!(Path::new(&ws).join("relata.json").is_file());
}

const MERMAID: &str = "src-tauri/relata-formats/tests/data/mermaid/features.mmd";

#[test]
fn imports_a_mermaid_diagram_like_dbml() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("diagram");
    let out = relata(&["import", MERMAID, "--from", "mermaid", "-o", ws.to_str().unwrap()]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    // Lines that say no join columns are reported at their line and kept as diagram lines.
    assert!(err.contains(&format!("{MERMAID}:31:3: warning[M109]: the diagram does not say which columns join")), "{err}");
    assert!(err.contains("4 tables, 11 signals, 2 relationships, 0 modules (6 warning(s))"), "{err}");
    let loaded = block_on(relata_store::load(&ws)).unwrap();
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    assert_eq!(loaded.registry.relationships.len(), 2);
    // What the diagram said beyond the registries is saved with the workspace.
    assert_eq!(loaded.registry.mermaid.lines.len(), 8);
    assert_eq!(loaded.registry.mermaid.direction.as_deref(), Some("LR"));
    let check = relata(&["check", ws.to_str().unwrap()]);
    assert!(check.status.code().is_some_and(|c| c <= 1), "{}", stderr(&check));
}

#[test]
fn mermaid_errors_exit_1_and_write_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("broken.mmd");
    std::fs::write(&file, "erDiagram\n  a {\n    int id PX\n  }\n  a ||--x{ b : r\n").unwrap();
    let ws = tmp.path().join("ws");
    let out = relata(&["import", file.to_str().unwrap(), "--from", "mermaid", "-o", ws.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let f = file.display();
    assert!(err.contains(&format!("{f}:3:12: error[M108]: `PX` is not a key")), "{err}");
    assert!(err.contains(&format!("{f}:5:9: error[M100]: expected a cardinality")), "{err}");
    assert!(err.contains("2 error(s); nothing was written"), "{err}");
    assert!(!ws.exists());
}

const SQL: &str = "src-tauri/relata-formats/tests/data/sql/rich.sql";

#[test]
fn imports_postgresql_ddl_and_keeps_its_identity_column_through_the_store() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("rich.relata");
    let out = relata(&["import", SQL, "--from", "sql", "-o", ws.to_str().unwrap()]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    // Nothing of the file is lost, so nothing is reported.
    assert!(!err.contains("warning["), "{err}");
    assert!(err.contains("6 tables, 32 signals, 6 relationships, 0 modules"), "{err}");
    let loaded = block_on(relata_store::load(&ws)).unwrap();
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    assert_eq!(loaded.registry.enums.len(), 2);
    // The identity column, written at rich.sql:46, comes back from the saved workspace.
    let line_no = loaded.registry.signals.iter().find(|s| s.column == "line_no").expect("line_no");
    assert_eq!(line_no.spec.identity, Some(relata_model::Identity { always: true, options: None }));
    let check = relata(&["check", ws.to_str().unwrap()]);
    assert!(check.status.code().is_some_and(|c| c <= 1), "{}", stderr(&check));
}

#[test]
fn sql_errors_exit_1_and_leave_an_existing_workspace_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("shop");
    // An existing workspace, replaced only by a successful import even with --force.
    assert!(relata(&["import", FEATURES, "--from", "dbml", "-o", ws.to_str().unwrap()]).status.success());
    let before = folder_bytes(&ws);
    let file = tmp.path().join("broken.sql");
    let text = "CREATE TABLE t (id integer PRIMARY KEY);\nCREATE TABLE u (\n  t_id integer REFERENCES nowhere (id)\n);\n\
                CREATE TABLE v (a int,;\n";
    std::fs::write(&file, text).unwrap();
    let out = relata(&["import", file.to_str().unwrap(), "--from", "sql", "-o", ws.to_str().unwrap(), "--force"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let f = file.display();
    assert!(err.contains(&format!("{f}:3:27: error[S106]: no table `public.nowhere` is created")), "{err}");
    assert!(err.contains(&format!("{f}:5:23: error[S100]: cannot read this CREATE TABLE statement: expected column name or constraint definition, but the statement ends there")), "{err}");
    assert!(err.contains("2 error(s); nothing was written"), "{err}");
    let after = folder_bytes(&ws);
    assert_eq!(before, after, "the workspace is untouched, byte for byte");
    let names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "no debris: {names:?}");
}

#[test]
fn the_format_follows_from_the_file_name_or_must_be_given() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("shop");
    let out = relata(&["import", FEATURES, "-o", ws.to_str().unwrap()]);
    assert!(out.status.success(), "a .dbml file is DBML: {}", stderr(&out));
    assert_eq!(block_on(relata_store::load(&ws)).unwrap().registry.tables.len(), 7);
    let other = tmp.path().join("model.txt");
    std::fs::write(&other, "Table t { id int }").unwrap();
    let out = relata(&["import", other.to_str().unwrap(), "-o", tmp.path().join("x").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--from dbml, mermaid, sql or postgres"), "{}", stderr(&out));
}

/// The files of a workspace folder, sorted, with their bytes.
fn folder_bytes(dir: &Path) -> Vec<(std::ffi::OsString, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap()).map(|e| (e.file_name(), std::fs::read(e.path()).unwrap())).collect();
    files.sort();
    files
}

#[test]
fn into_shows_the_merge_first_and_writes_it_only_with_apply() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("shop");
    assert!(relata(&["import", FEATURES, "-o", ws.to_str().unwrap()]).status.success());
    // The architect curates the workspace: products become stable.
    let overview = std::fs::read_to_string(ws.join("table_overview.csv")).unwrap();
    let curated: String = overview
        .lines()
        .map(|l| if l.contains(",products,") { l.replacen(",draft,", ",stable,", 1) } else { l.to_owned() })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    assert_ne!(curated, overview, "products is a draft table");
    std::fs::write(ws.join("table_overview.csv"), &curated).unwrap();
    // The model changes in dbdiagram.io: a wider name, a new table.
    let edited = tmp.path().join("edited.dbml");
    let text = std::fs::read_to_string(repo().join(FEATURES)).unwrap().replacen("  name varchar [not null]", "  name varchar(400) [not null]", 1)
        + "\nTable reviews {\n  id uuid [pk]\n  sku varchar [not null, ref: > products.sku]\n}\n";
    std::fs::write(&edited, text).unwrap();
    let before = folder_bytes(&ws);

    let preview = relata(&["import", edited.to_str().unwrap(), "--into", ws.to_str().unwrap()]);
    assert!(preview.status.success(), "{}", stderr(&preview));
    let shown = String::from_utf8_lossy(&preview.stdout).into_owned();
    assert!(shown.contains("+ table public.reviews\n"), "{shown}");
    assert!(shown.contains("+ column public.reviews.sku\n"), "{shown}");
    assert!(shown.contains("~ column public.products.name: data_type: varchar -> varchar(400)\n"), "{shown}");
    assert!(shown.lines().any(|l| l.starts_with("+ relationship ")), "{shown}");
    assert!(stderr(&preview).contains("nothing written (run again with --apply"), "{}", stderr(&preview));
    assert_eq!(folder_bytes(&ws), before, "a preview writes nothing");

    let applied = relata(&["import", edited.to_str().unwrap(), "--into", ws.to_str().unwrap(), "--apply"]);
    assert!(applied.status.success(), "{}", stderr(&applied));
    let registry = block_on(relata_store::load(&ws)).unwrap().registry;
    assert!(registry.tables.iter().any(|t| t.name == "reviews"));
    let products = registry.tables.iter().find(|t| t.name == "products").unwrap();
    assert_eq!(products.status, relata_model::TableStatus::Stable, "curated fields stay");
    let name = registry.signals.iter().find(|s| s.column == "name" && s.table.as_ref().is_some_and(|t| t.table == "products")).unwrap();
    assert_eq!(name.data_type, "varchar(400)");

    let again = relata(&["import", edited.to_str().unwrap(), "--into", ws.to_str().unwrap(), "--apply"]);
    assert!(stderr(&again).contains("nothing to merge"), "{}", stderr(&again));
    assert!(String::from_utf8_lossy(&again.stdout).lines().all(|l| !l.starts_with('+') && !l.starts_with('~')));
}

#[test]
fn into_check_exits_one_on_differences_and_zero_without_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("shop");
    assert!(relata(&["import", FEATURES, "-o", ws.to_str().unwrap()]).status.success());
    let before = folder_bytes(&ws);
    let same = relata(&["import", FEATURES, "--into", ws.to_str().unwrap(), "--check"]);
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    assert!(stderr(&same).contains("nothing to merge"), "{}", stderr(&same));

    let edited = tmp.path().join("edited.dbml");
    let text = std::fs::read_to_string(repo().join(FEATURES)).unwrap().replacen("  name varchar [not null]", "  name varchar(400) [not null]", 1);
    std::fs::write(&edited, text).unwrap();
    let differs = relata(&["import", edited.to_str().unwrap(), "--into", ws.to_str().unwrap(), "--check"]);
    assert_eq!(differs.status.code(), Some(1), "{}", stderr(&differs));
    // The differences are the preview's.
    let shown = String::from_utf8_lossy(&differs.stdout).into_owned();
    assert_eq!(shown, "~ column public.products.name: data_type: varchar -> varchar(400)\n");
    assert!(stderr(&differs).contains("--check: nothing written"), "{}", stderr(&differs));
    assert_eq!(folder_bytes(&ws), before, "a check writes nothing");

    // A file with errors is no answer: exit 2, not "differs".
    let broken = tmp.path().join("broken.dbml");
    std::fs::write(&broken, "Table t {\n  id int [pk\n}\n").unwrap();
    let unreadable = relata(&["import", broken.to_str().unwrap(), "--into", ws.to_str().unwrap(), "--check"]);
    assert_eq!(unreadable.status.code(), Some(2), "{}", stderr(&unreadable));
    let both = relata(&["import", edited.to_str().unwrap(), "--into", ws.to_str().unwrap(), "--check", "--apply"]);
    assert_eq!(both.status.code(), Some(2), "--check and --apply are refused together: {}", stderr(&both));
    assert_eq!(folder_bytes(&ws), before, "nothing was written");
}

#[test]
fn into_brings_the_dbml_extras_of_the_file_and_keeps_the_workspaces_others() {
    // Before, a merge kept the tables and refs of the DBML file and dropped its aliases,
    // partials, ref colours, Records and sticky notes.
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("shop");
    let fixture = |name: &str| repo().join("src-tauri/relata-formats/tests/data/dbml/edits").join(name);
    let shop = relata(&["import", fixture("shop.dbml").to_str().unwrap(), "-o", ws.to_str().unwrap()]);
    assert!(shop.status.success(), "{}", stderr(&shop));
    let shipping = fixture("shop-shipping.dbml");

    let preview = relata(&["import", shipping.to_str().unwrap(), "--into", ws.to_str().unwrap()]);
    assert!(preview.status.success(), "{}", stderr(&preview));
    let shown = String::from_utf8_lossy(&preview.stdout).into_owned();
    assert!(shown.contains("~ kept DBML TablePartials\n"), "{shown}");
    assert!(shown.contains("~ kept DBML ref colours\n"), "{shown}");

    let applied = relata(&["import", shipping.to_str().unwrap(), "--into", ws.to_str().unwrap(), "--apply"]);
    assert!(applied.status.success(), "{}", stderr(&applied));
    let registry = block_on(relata_store::load(&ws)).unwrap().registry;
    let alias = |table: &str| registry.dbml.table(&relata_model::TableRef::new("public", table)).and_then(|t| t.alias.clone());
    assert_eq!((alias("orders"), alias("customers"), alias("shipments")), (Some("OR".into()), Some("C".into()), Some("S".into())));
    assert!(registry.dbml.partials.iter().any(|p| p.name == "audit"));
    assert!(registry.dbml.refs.iter().any(|r| r.color.as_deref() == Some("#3366aa")));
    assert!(registry.dbml.project.as_ref().is_some_and(|p| p.name.as_deref() == Some("shop")), "the workspace's Project stays");

    let exported = relata(&["export", ws.to_str().unwrap(), "--to", "dbml"]);
    assert!(exported.status.success(), "{}", stderr(&exported));
    let text = String::from_utf8_lossy(&exported.stdout).into_owned();
    assert!(text.contains("~audit") && text.contains("Records shipments(id, order_id)"), "{text}");

    let again = relata(&["import", shipping.to_str().unwrap(), "--into", ws.to_str().unwrap(), "--apply"]);
    assert!(stderr(&again).contains("nothing to merge"), "{}", stderr(&again));
}

#[test]
fn into_writes_nothing_when_the_workspace_changes_between_its_read_and_its_write() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("shop");
    assert!(relata(&["import", FEATURES, "-o", ws.to_str().unwrap()]).status.success());
    let edited = tmp.path().join("edited.dbml");
    let text = std::fs::read_to_string(repo().join(FEATURES)).unwrap() + "\nTable reviews {\n  id uuid [pk]\n}\n";
    std::fs::write(&edited, text).unwrap();
    let go = tmp.path().join("go");
    let ready = tmp.path().join("go.ready");
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_relata"))
        .args(["import", edited.to_str().unwrap(), "--into", ws.to_str().unwrap(), "--apply"])
        .env("RELATA_TEST_PAUSE_BEFORE_WRITE", &go)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !ready.exists() {
        assert!(std::time::Instant::now() < deadline, "the import reached its write");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // Someone else saves meanwhile: a note on a table, as a window would write it.
    let mut registry = block_on(relata_store::load(&ws)).unwrap().registry;
    registry.tables[0].notes = Some("saved by someone else".into());
    block_on(relata_store::save(&ws, &registry)).unwrap();
    let theirs = folder_bytes(&ws);
    std::fs::write(&go, b"").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("changed on disk while the import merged into it"), "{}", stderr(&out));
    assert!(stderr(&out).contains("table_overview.csv"), "the changed file is named: {}", stderr(&out));
    assert_eq!(folder_bytes(&ws), theirs, "nothing was written over the other save");
}
