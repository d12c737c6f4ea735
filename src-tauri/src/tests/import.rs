//! Imports through IPC: the merge previewed and applied as one undo step, a broken file's located
//! errors, partial columns, and the format extras a merge carries.

use super::*;

#[test]
fn ipc_import_preview_lists_the_merge_and_apply_is_one_undo_step() {
    let app = crate::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("more.dbml");
    std::fs::write(&file, IMPORT_DBML).unwrap();
    app.state::<AppState>().set(Session::Open(Workspace::new(PathBuf::from("w"), two_modules(), Vec::new())));
    let before = app.state::<AppState>().with_workspace(|w| w.registry().clone()).unwrap();

    let preview = call(&webview, "import_preview", json!({ "path": file, "format": null })).unwrap();
    assert_eq!(preview["format"], "dbml");
    assert_eq!(preview["applicable"], true);
    let listed: Vec<String> = preview["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| format!("{} {} {} {}", if c["added"] == true { "+" } else { "~" }, c["kind"].as_str().unwrap(), c["name"].as_str().unwrap(), c["fields"]))
        .collect();
    assert!(listed.contains(&"+ table core_metadata.ref_source []".to_owned()), "{listed:?}");
    assert!(listed.contains(&"+ column core_metadata.ref_source.source_id []".to_owned()), "{listed:?}");
    assert!(
        listed.iter().any(|l| l.starts_with("~ column core_metadata.ref_method.name") && l.contains("\"field\":\"data_type\"") && l.contains("varchar(80)")),
        "{listed:?}"
    );
    assert_eq!(call(&webview, "edit_state", json!({})).unwrap()["dirty"], false, "a preview changes nothing");

    let applied = call(&webview, "import_apply", json!({})).unwrap();
    assert_eq!(applied["done"], "Import more.dbml");
    assert_eq!(applied["dirty"], true);
    let after = app.state::<AppState>().with_workspace(|w| w.registry().clone()).unwrap();
    assert!(after.tables.iter().any(|t| t.name == "ref_source"));
    assert_eq!(after.tables.len(), before.tables.len() + 1);
    // Applied once: a second apply has nothing pending.
    assert_eq!(call(&webview, "import_apply", json!({})).unwrap_err()["code"], "InvalidRequest");

    let undone = call(&webview, "undo", json!({})).unwrap();
    assert_eq!(undone["dirty"], false, "{undone}");
    assert_eq!(app.state::<AppState>().with_workspace(|w| w.registry().clone()).unwrap(), before, "one undo takes the whole import back");

    // A preview that the workspace moved past since is refused, not applied to other content.
    call(&webview, "import_preview", json!({ "path": file, "format": "dbml" })).unwrap();
    call(&webview, "redo", json!({})).unwrap();
    let stale = call(&webview, "import_apply", json!({})).unwrap_err();
    assert_eq!(stale["code"], "InvalidRequest");
    assert!(stale["message"].as_str().unwrap().contains("changed since the preview"), "{stale}");
}

#[test]
fn ipc_import_preview_of_a_broken_file_shows_located_errors_and_applies_nothing() {
    let app = crate::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.dbml");
    std::fs::write(&file, "Table core.a {\n  id uuid [pk\n}\n").unwrap();
    app.state::<AppState>().set(Session::Open(Workspace::new(PathBuf::from("w"), two_modules(), Vec::new())));
    let preview = call(&webview, "import_preview", json!({ "path": file, "format": null })).unwrap();
    assert_eq!(preview["applicable"], false);
    assert_eq!(preview["changes"], json!([]));
    let error = preview["diagnostics"].as_array().unwrap().iter().find(|d| d["severity"] == "error").expect("an error").clone();
    assert_eq!(error["file"], file.to_string_lossy().as_ref());
    assert!(error["line"].as_u64().unwrap() >= 2 && error["column"].as_u64().unwrap() >= 1, "{error}");
    assert!(error["code"].as_str().unwrap().starts_with('D'), "{error}");
    assert_eq!(call(&webview, "import_apply", json!({})).unwrap_err()["code"], "InvalidRequest");

    let unknown = call(&webview, "import_preview", json!({ "path": dir.path().join("x.txt"), "format": null })).unwrap_err();
    assert_eq!(unknown["code"], "InvalidRequest");
}

#[test]
fn merge_edit_splices_only_what_differs_and_undoes_exactly() {
    let current = two_modules();
    let mut merged = current.clone();
    merged.tables[1].purpose = Some("Changed".to_owned());
    merged.tables.push(merged.tables[0].clone());
    merged.tables[3].id = relata_model::TableId::parse("77777777-7777-4777-8777-777777777777").unwrap();
    merged.tables[3].name = "ref_copy".to_owned();
    let edit = relata_workspace::merge_edit("Import x".to_owned(), &current, &merged);
    let relata_model::edit::Edit::Restore { changes, .. } = &edit else { panic!("{edit:?}") };
    assert_eq!(changes.len(), 1, "only the tables differ");
    let relata_model::edit::Change::Tables(splice) = &changes[0] else { panic!("{changes:?}") };
    assert_eq!((splice.at, splice.old.len(), splice.new.len()), (1, 2, 3), "the common first table is not in the splice");
    let mut registry = current.clone();
    let applied = relata_model::edit::apply(&mut registry, edit).unwrap();
    assert_eq!(registry, merged);
    relata_model::edit::apply(&mut registry, applied.inverse).unwrap();
    assert_eq!(registry, current);
}

#[test]
fn ipc_a_partial_column_is_marked_and_edited_in_every_table_using_the_partial() {
    let app = crate::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/relata-formats/tests/data/dbml/edits/shop.dbml")).unwrap();
    let options = relata_formats::dbml::parse::ImportOptions::new(relata_model::Timestamp::parse(TS).unwrap());
    let (shop, _) = relata_formats::dbml::parse::import(&text, "shop.dbml", &options, &relata_rules::RuleSet::named("zayaz").unwrap());
    let path = tmp.path().join("shop");
    tauri::async_runtime::block_on(relata_store::save(&path, &shop)).unwrap();
    call(&webview, "open_workspace", json!({ "path": path })).unwrap();

    let detail = |table: &str| call(&webview, "table_detail", json!({ "schema": "public", "name": table })).unwrap();
    let column = |table: &str, name: &str| {
        detail(table)["columns"].as_array().unwrap().iter().find(|c| c["name"] == name).cloned().unwrap()
    };
    assert_eq!(column("customers", "updated_at")["partial"], json!({ "name": "timestamps", "tables": 2, "rewrites": true }));
    assert_eq!(column("customers", "email")["partial"], Value::Null);

    let mut signal = column("customers", "updated_at")["entry"].clone();
    signal["data_type"] = json!("timestamp");
    let args = json!({ "table": { "schema": "public", "table": "customers" }, "column": "updated_at", "signal": signal });
    let proposal = call(&webview, "partial_edit", args).unwrap();
    assert_eq!((proposal["rewrites"].as_bool(), proposal["edit"]["op"].as_str()), (Some(true), Some("put_partial")));
    call(&webview, "apply_edit", json!({ "edit": proposal["edit"], "coalesce": null })).unwrap();
    assert_eq!(column("orders", "updated_at")["data_type"], "timestamp", "the other table using the partial changed too");
    assert_eq!(column("orders", "updated_at")["partial"]["name"], "timestamps");
    let state = call(&webview, "undo", json!({})).unwrap();
    assert!(state["redo"].as_str().unwrap().contains("~timestamps"), "{state}");
    assert_eq!((column("orders", "updated_at")["data_type"].as_str(), column("customers", "updated_at")["data_type"].as_str()), (Some("timestamptz"), Some("timestamptz")));

    let own = json!({ "table": { "schema": "public", "table": "customers" }, "column": "email", "signal": column("customers", "email")["entry"] });
    assert_eq!(call(&webview, "partial_edit", own).unwrap_err()["code"], "InvalidRequest");
}

#[test]
fn merge_edit_carries_the_format_extras_an_import_merged_in() {
    // Before, the applied import spliced only the entry lists, so the DBML aliases and the
    // Mermaid labels the merge brought were lost on apply.
    let current = two_modules();
    let mut merged = current.clone();
    let table = merged.tables[0].table_ref();
    merged.dbml.tables.push(relata_model::dbml::DbmlTable { alias: Some("R".to_owned()), ..relata_model::dbml::DbmlTable::new(table.clone()) });
    merged.mermaid.direction = Some("LR".to_owned());
    let edit = relata_workspace::merge_edit("Import x".to_owned(), &current, &merged);
    let mut registry = current.clone();
    let applied = relata_model::edit::apply(&mut registry, edit).unwrap();
    assert_eq!(registry, merged);
    relata_model::edit::apply(&mut registry, applied.inverse).unwrap();
    assert_eq!(registry, current);
}
