//! Sync and changes on disk through IPC: refusals and conflicts against a real database, saves that
//! merge a change made behind the window's back, reloads, and two windows on one file.

use super::*;

#[test]
fn sync_refuses_unsaved_changes_and_reports_an_unreachable_database_by_code() {
    let app = crate::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w");
    tauri::async_runtime::block_on(relata_store::save(&path, &two_modules())).unwrap();
    app.state::<AppState>().set(Session::Open(tauri::async_runtime::block_on(Workspace::open(&path)).unwrap()));

    let target = call(&webview, "sync_target", json!({})).unwrap();
    assert_eq!(target["last_url"], Value::Null, "never synced");
    assert_eq!(target["dirty"], false);

    // Nothing listens on port 1: a Connect error, naming the database without the password.
    let connection = json!({ "url": "postgres://ann:secret@127.0.0.1:1/erd", "password": null });
    let error = call(&webview, "sync_push", json!({ "connection": connection })).unwrap_err();
    assert_eq!(error["code"], "Connect", "{error}");
    assert!(!error["message"].as_str().unwrap().contains("secret"), "{error}");
    let typed = json!({ "url": "postgres://ann@127.0.0.1:1/erd", "password": "typed-secret" });
    let error = call(&webview, "sync_pull", json!({ "connection": typed, "resolve": "report" })).unwrap_err();
    assert_eq!(error["code"], "Connect", "{error}");
    assert!(!error["message"].as_str().unwrap().contains("typed-secret"), "{error}");

    let table = two_modules().tables[0].clone();
    call(&webview, "apply_edit", json!({ "edit": { "op": "put_table", "table": relata_model::Table { purpose: Some("Edited".into()), ..table } }, "coalesce": null })).unwrap();
    assert_eq!(call(&webview, "sync_target", json!({})).unwrap()["dirty"], true);
    for (cmd, body) in [("sync_pull", json!({ "connection": connection, "resolve": "workspace" })), ("sync_push", json!({ "connection": connection }))] {
        let error = call(&webview, cmd, body).unwrap_err();
        assert_eq!(error["code"], "UnsavedChanges", "{cmd}: {error}");
    }
    // Nothing was written anywhere: no sync base beside the workspace.
    assert!(!path.join("relata-sync.json").exists());
}

/// Sync through the commands against a real database: a push inserts every row, a change
/// made in the database and in the workspace is a conflict with both versions, and taking the
/// database's version reloads the workspace with it.
#[test]
fn ipc_sync_push_conflict_and_resolve_against_a_real_database() {
    let pg = relata_testkit::pg::PgCluster::start();
    pg.create_database("shared");
    for t in ["table_overview", "signal_registry", "relationship_registry"] {
        let sql = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("registries/ddl/{t}.sql"))).unwrap();
        pg.psql("shared", &sql).expect("the registry DDL applies");
    }
    let app = crate::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w");
    let registry = two_modules();
    tauri::async_runtime::block_on(relata_store::save(&path, &registry)).unwrap();
    app.state::<AppState>().set(Session::Open(tauri::async_runtime::block_on(Workspace::open(&path)).unwrap()));

    let connection = json!({ "url": pg.url("shared"), "password": null });
    let pushed = call(&webview, "sync_push", json!({ "connection": connection })).unwrap();
    // The registry rows and Relata's own data (the modules, as relata_extras rows).
    let rows = relata_sync::registry_rows(&registry).len();
    assert!(pushed["added"].as_array().unwrap().iter().any(|n| n.as_str().is_some_and(|n| n.starts_with("module "))), "{pushed}");
    assert_eq!((pushed["direction"].as_str(), pushed["added"].as_array().unwrap().len()), (Some("push"), rows), "{pushed}");
    assert_eq!(pushed["conflicts"], json!([]));
    let last = call(&webview, "sync_target", json!({})).unwrap()["last_url"].as_str().unwrap().to_owned();
    assert!(last.starts_with(&format!("postgres://postgres@localhost:{}/shared", pg.port())), "{last}");

    pg.psql("shared", "UPDATE table_overview SET purpose = 'Theirs', updated_at = now() WHERE table_name = 'ref_method'").unwrap();
    let table = registry.tables[0].clone();
    call(&webview, "apply_edit", json!({ "edit": { "op": "put_table", "table": relata_model::Table { purpose: Some("Mine".into()), ..table } }, "coalesce": null })).unwrap();
    call(&webview, "save_workspace", json!({})).unwrap();
    // No URL: the database the workspace last synced with.
    let none = json!({ "url": null, "password": null });
    let pushed = call(&webview, "sync_push", json!({ "connection": none })).unwrap();
    let conflict = &pushed["conflicts"][0];
    assert_eq!((&conflict["registry"], &conflict["name"], &conflict["workspace"], &conflict["database"]),
               (&json!("table_overview"), &json!("core_metadata.ref_method"), &json!("edited"), &json!("edited")), "{pushed}");
    assert!(conflict["fields"].as_array().unwrap().contains(&json!({ "column": "purpose", "workspace": "Mine", "database": "Theirs" })), "{conflict}");

    let pulled = call(&webview, "sync_pull", json!({ "connection": none, "resolve": "database" })).unwrap();
    assert_eq!(pulled["resolved"], json!(["core_metadata.ref_method"]), "{pulled}");
    let purpose = app.state::<AppState>().with_workspace(|w| w.registry().tables[0].purpose.clone()).unwrap();
    assert_eq!(purpose.as_deref(), Some("Theirs"), "the workspace was loaded again after the pull");
    let state = call(&webview, "edit_state", json!({})).unwrap();
    assert_eq!((&state["dirty"], &state["undo"]), (&json!(false), &Value::Null), "{state}");
}

#[test]
fn sync_conflicts_carry_both_versions_field_by_field() {
    use relata_sync::{Change, Conflict, FieldDiff, RegistryTable, RowKey};
    let conflict = Conflict {
        key: RowKey { table: RegistryTable::TableOverview, id: "00000000-0000-4000-8000-000000000001".parse().unwrap() },
        name: "core.orders".to_owned(),
        local: Change::Modified,
        remote: Change::Deleted,
        fields: vec![FieldDiff { column: "purpose", local: Some("Mine".to_owned()), remote: None }],
    };
    let view = crate::sync::SyncConflict::from(&conflict);
    assert_eq!(
        serde_json::to_value(&view).unwrap(),
        json!({ "registry": "table_overview", "name": "core.orders", "workspace": "edited", "database": "deleted",
                "fields": [{ "column": "purpose", "workspace": "Mine", "database": null }] })
    );
}

/// A copy of the bundled `metastore` registry folder in `tmp`, opened in a mock window.
fn open_metastore_copy(tmp: &Path) -> (tauri::App<tauri::test::MockRuntime>, tauri::WebviewWindow<tauri::test::MockRuntime>, PathBuf) {
    let app = crate::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let folder = tmp.join("metastore");
    std::fs::create_dir(&folder).unwrap();
    for name in relata_codec::folder::FILES {
        std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("registries/metastore").join(name), folder.join(name)).unwrap();
    }
    call(&webview, "open_workspace", json!({ "path": folder })).unwrap();
    (app, webview, folder)
}

/// Replaces `from` by `to` in `file`, once, as `git pull` or a spreadsheet would change it.
fn edit_file(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert_eq!(text.matches(from).count(), 1, "`{from}` is unique in {}", file.display());
    std::fs::write(file, text.replace(from, to)).unwrap();
}

#[test]
fn ipc_save_merges_a_change_on_disk_as_one_undoable_edit() {
    let tmp = tempfile::tempdir().unwrap();
    let (_app, webview, folder) = open_metastore_copy(tmp.path());
    let detail = call(&webview, "table_detail", json!({ "schema": "public", "name": "users" })).unwrap();
    let mut entry = detail["entry"].clone();
    entry["purpose"] = json!("Edited in the window.");
    call(&webview, "apply_edit", json!({ "edit": { "op": "put_table", "table": entry } })).unwrap();
    // Meanwhile `git pull` changes another table's purpose in the CSV file.
    let other = call(&webview, "table_detail", json!({ "schema": "public", "name": "tenants" })).unwrap();
    let old = other["purpose"].as_str().expect("tenants has a purpose").to_owned();
    edit_file(&folder.join("table_overview.csv"), &old, "Pulled from git.");

    let saved = call(&webview, "save_workspace", json!({})).unwrap();
    assert_eq!(saved["dirty"], false, "{saved}");
    assert!(saved["done"].as_str().unwrap().contains("Merge the change made on disk to public.tenants"), "{saved}");
    let text = std::fs::read_to_string(folder.join("table_overview.csv")).unwrap();
    assert!(text.contains("Edited in the window.") && text.contains("Pulled from git."), "both edits are saved");
    let purpose = |name: &str| call(&webview, "table_detail", json!({ "schema": "public", "name": name })).unwrap()["purpose"].clone();
    assert_eq!(purpose("tenants"), "Pulled from git.", "the window shows the merge");
    // The merge is one undo step on top of the window's own edit.
    let undone = call(&webview, "undo", json!({})).unwrap();
    assert!(undone["done"].as_str().unwrap().starts_with("Undo Merge"), "{undone}");
    assert_eq!(purpose("tenants"), json!(old));
    assert_eq!(purpose("users"), "Edited in the window.");
}

#[test]
fn a_clean_workspace_reloads_when_its_files_change_and_a_dirty_one_waits_for_review() {
    let tmp = tempfile::tempdir().unwrap();
    let (app, webview, folder) = open_metastore_copy(tmp.path());
    crate::watch::start(app.handle().clone());
    let purpose = |name: &str| call(&webview, "table_detail", json!({ "schema": "public", "name": name })).unwrap()["purpose"].clone();
    let old = purpose("tenants").as_str().unwrap().to_owned();
    // Give the watcher its first look at the folder, then change a file as `git pull` would.
    std::thread::sleep(std::time::Duration::from_millis(500));
    let changed_at = std::time::Instant::now();
    edit_file(&folder.join("table_overview.csv"), &old, "Pulled while clean.");
    let deadline = changed_at + std::time::Duration::from_secs(10);
    while purpose("tenants") != "Pulled while clean." {
        assert!(std::time::Instant::now() < deadline, "the clean workspace reloads the change");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    eprintln!("reloaded {:?} after the change", changed_at.elapsed());
    let state = call(&webview, "edit_state", json!({})).unwrap();
    assert_eq!(state["dirty"], false, "a reload leaves the workspace clean: {state}");
    assert_eq!(state["undo"], "Undo reload the changes made on disk");

    // With an unsaved edit, a change on disk waits for Review, which merges it as one edit.
    let mut entry = call(&webview, "table_detail", json!({ "schema": "public", "name": "users" })).unwrap()["entry"].clone();
    entry["purpose"] = json!("Unsaved here.");
    call(&webview, "apply_edit", json!({ "edit": { "op": "put_table", "table": entry } })).unwrap();
    edit_file(&folder.join("table_overview.csv"), "Pulled while clean.", "Pulled while dirty.");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert_eq!(purpose("tenants"), "Pulled while clean.", "an unsaved window is not changed behind its back");
    let review = call(&webview, "review_disk_changes", json!({})).unwrap();
    assert_eq!(review["conflicts"], json!([]), "{review}");
    assert_eq!(purpose("tenants"), "Pulled while dirty.");
    assert_eq!(purpose("users"), "Unsaved here.");
    assert_eq!(review["state"]["dirty"], true, "the window's own edit is still unsaved");
    // The save then writes the window's edit without a merge: the disk is its base now.
    let saved = call(&webview, "save_workspace", json!({})).unwrap();
    assert!(saved["done"].as_str().unwrap().starts_with("Saved "), "{saved}");
    let text = std::fs::read_to_string(folder.join("table_overview.csv")).unwrap();
    assert!(text.contains("Pulled while dirty.") && text.contains("Unsaved here."));
}

#[test]
fn files_that_no_longer_load_are_reported_and_the_window_keeps_its_content() {
    let tmp = tempfile::tempdir().unwrap();
    let (app, webview, folder) = open_metastore_copy(tmp.path());
    let mut text = std::fs::read_to_string(folder.join("signal_registry.csv")).unwrap();
    text.push_str("<<<<<<< HEAD\n");
    std::fs::write(folder.join("signal_registry.csv"), text).unwrap();
    let news = app.state::<AppState>().check_disk().expect("the change is news");
    let crate::state::DiskNews::Broken { message } = news else { panic!("{news:?}") };
    assert!(message.contains("signal_registry.csv:"), "the loader's place is named: {message}");
    assert!(call(&webview, "table_detail", json!({ "schema": "public", "name": "users" })).is_ok(), "the window keeps its registry");
    let refused = call(&webview, "review_disk_changes", json!({})).unwrap_err();
    assert_eq!(refused["code"], "ChangedOnDisk", "{refused}");
}

#[test]
fn two_windows_on_one_relata_file_each_save_their_edit_and_both_end_up_in_it() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("shared.relata");
    let registry = tauri::async_runtime::block_on(relata_store::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("registries/metastore"))).unwrap().registry;
    tauri::async_runtime::block_on(relata_store::save(&file, &registry)).unwrap();
    // Two apps, as two Relata processes would be, with the same file open.
    let windows: Vec<_> = (0..2)
        .map(|_| {
            let app = crate::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
            let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
            call(&webview, "open_workspace", json!({ "path": file })).unwrap();
            (app, webview)
        })
        .collect();
    for ((_, webview), (table, purpose)) in windows.iter().zip([("users", "Saved by the first window."), ("tenants", "Saved by the second window.")]) {
        let mut entry = call(webview, "table_detail", json!({ "schema": "public", "name": table })).unwrap()["entry"].clone();
        entry["purpose"] = json!(purpose);
        call(webview, "apply_edit", json!({ "edit": { "op": "put_table", "table": entry } })).unwrap();
    }
    for (_, webview) in &windows {
        let saved = call(webview, "save_workspace", json!({})).unwrap();
        assert_eq!(saved["dirty"], false, "{saved}");
    }
    let saved = tauri::async_runtime::block_on(relata_store::load(&file)).unwrap().registry;
    let purpose = |name: &str| saved.tables.iter().find(|t| t.name == name).and_then(|t| t.purpose.clone());
    assert_eq!(purpose("users").as_deref(), Some("Saved by the first window."));
    assert_eq!(purpose("tenants").as_deref(), Some("Saved by the second window."));
}

#[test]
fn ipc_save_with_a_conflict_writes_nothing_until_the_user_chooses() {
    let tmp = tempfile::tempdir().unwrap();
    let (_app, webview, folder) = open_metastore_copy(tmp.path());
    let detail = call(&webview, "table_detail", json!({ "schema": "public", "name": "users" })).unwrap();
    let old = detail["purpose"].as_str().expect("users has a purpose").to_owned();
    let mut entry = detail["entry"].clone();
    entry["purpose"] = json!("Here.");
    call(&webview, "apply_edit", json!({ "edit": { "op": "put_table", "table": entry } })).unwrap();
    edit_file(&folder.join("table_overview.csv"), &old, "On disk.");
    let on_disk = std::fs::read(folder.join("table_overview.csv")).unwrap();

    let refused = call(&webview, "save_workspace", json!({})).unwrap_err();
    assert_eq!(refused["code"], "ChangedOnDisk", "{refused}");
    assert!(refused["message"].as_str().unwrap().contains("public.users"), "{refused}");
    assert_eq!(std::fs::read(folder.join("table_overview.csv")).unwrap(), on_disk, "nothing was written");
    let conflicts = call(&webview, "disk_merge", json!({})).unwrap();
    assert_eq!(conflicts.as_array().unwrap().len(), 1, "{conflicts}");
    let c = &conflicts[0];
    assert_eq!((c["name"].as_str(), c["kind"].as_str()), (Some("public.users"), Some("fields")));
    assert_eq!(c["fields"][0]["field"], "purpose");
    assert_eq!((c["fields"][0]["ours"].as_str(), c["fields"][0]["theirs"].as_str()), (Some("Here."), Some("On disk.")));
    assert_eq!(c["fields"][0]["base"], json!(old));

    // No choice yet: refused. Then the disk's version is chosen, and the next save writes it.
    assert!(call(&webview, "resolve_disk_merge", json!({ "choices": [] })).is_err());
    let choice = json!({ "table": c["table"], "id": c["id"], "field": "purpose", "side": "disk" });
    let resolved = call(&webview, "resolve_disk_merge", json!({ "choices": [choice] })).unwrap();
    assert!(resolved["undo"].as_str().unwrap().starts_with("Undo merge the changes made on disk"), "{resolved}");
    assert_eq!(call(&webview, "table_detail", json!({ "schema": "public", "name": "users" })).unwrap()["purpose"], "On disk.");
    let saved = call(&webview, "save_workspace", json!({})).unwrap();
    assert_eq!(saved["dirty"], false);
    assert_eq!(call(&webview, "disk_merge", json!({})).unwrap(), json!([]));
    let text = std::fs::read_to_string(folder.join("table_overview.csv")).unwrap();
    assert!(text.contains("On disk.") && !text.contains("Here."));
}
