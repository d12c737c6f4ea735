//! IPC round trips of "Changes…" and "Documentation…": the workspace against its last save
//! grouped by table with its migration saved to a file, documentation written to a folder, a
//! comparison with a database that never answers cancelled while it waits, and the errors the
//! window shows (a side with load errors, an unknown module).

use std::path::{Path, PathBuf};

use relata_model::edit::Edit;
use relata_model::TableRef;
use serde_json::{json, Value};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow, WebviewWindowBuilder};

use crate::state::AppState;

fn call(webview: &WebviewWindow<MockRuntime>, cmd: &str, body: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(body),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(webview, request).map(|response| response.deserialize::<Value>().unwrap())
}

/// A copy of the bundled zellij folder in `tmp`, opened in a mock app, with `projects.name`
/// widened to text (unsaved).
fn opened_and_edited(tmp: &Path) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>, PathBuf) {
    let app = crate::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let folder = tmp.join("zellij");
    std::fs::create_dir(&folder).unwrap();
    for name in relata_codec::folder::FILES {
        std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("registries/zellij").join(name), folder.join(name)).unwrap();
    }
    call(&webview, "open_workspace", json!({ "path": folder })).unwrap();
    app.state::<AppState>()
        .with_workspace_mut(|w| {
            let projects = TableRef::new("public", "projects");
            let mut name = w.registry().signals.iter().find(|s| s.table.as_ref() == Some(&projects) && s.column == "name").unwrap().clone();
            name.data_type = "text".to_owned();
            Ok(w.apply(Edit::PutSignal { signal: name }, None)?)
        })
        .unwrap();
    (app, webview, folder)
}

#[test]
fn ipc_changes_against_the_last_save_are_grouped_by_table_and_the_sql_is_saved() {
    let tmp = tempfile::tempdir().unwrap();
    let (_app, webview, _folder) = opened_and_edited(tmp.path());
    let nothing = call(&webview, "save_migration", json!({ "path": tmp.path().join("early.sql") })).unwrap_err();
    assert_eq!(nothing["code"], "InvalidRequest", "{nothing}");

    let view = call(&webview, "compare_changes", json!({ "job": 7, "request": { "against": { "kind": "last_save" } } })).unwrap();
    assert_eq!(view["old"], "the last save");
    assert_eq!((view["drift"].as_bool(), view["same"].as_bool()), (Some(false), Some(false)));
    assert_eq!(view["count"], 1, "{view}");
    assert_eq!(
        view["groups"],
        json!([{ "title": "public.projects", "table": true, "changes": [
            { "entry": "column", "name": "public.projects.name", "kind": "changed",
              "fields": [{ "field": "data_type", "from": "varchar(255)", "to": "text" }] }
        ] }])
    );
    let sql = view["sql"].as_str().unwrap();
    assert!(sql.contains("ALTER TABLE public.projects ALTER COLUMN name TYPE text"), "{sql}");
    // The job is over: nothing runs under its number, and a cancel finds nothing.
    assert_eq!(call(&webview, "job_progress", json!({ "job": 7 })).unwrap()["running"], false);
    assert_eq!(call(&webview, "cancel_job", json!({ "job": 7 })).unwrap(), false);

    let file = tmp.path().join("out").join("migration.sql");
    std::fs::create_dir(file.parent().unwrap()).unwrap();
    let written = call(&webview, "save_migration", json!({ "path": file })).unwrap();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), sql);
    assert_eq!(written.as_u64(), Some(sql.len() as u64));
    assert_eq!(std::fs::read_dir(file.parent().unwrap()).unwrap().count(), 1, "no temporary file left");
}

#[test]
fn ipc_a_side_with_load_errors_names_its_file_and_line_and_a_git_revision_compares() {
    let tmp = tempfile::tempdir().unwrap();
    let (_app, webview, folder) = opened_and_edited(tmp.path());
    let broken = tmp.path().join("broken");
    std::fs::create_dir(&broken).unwrap();
    for name in relata_codec::folder::FILES {
        std::fs::copy(folder.join(name), broken.join(name)).unwrap();
    }
    let file = broken.join("table_overview.csv");
    std::fs::write(&file, std::fs::read_to_string(&file).unwrap() + ">>>>>>> theirs\n").unwrap();
    let lines = std::fs::read_to_string(&file).unwrap().lines().count();
    let error = call(&webview, "compare_changes", json!({ "job": 1, "request": { "against": { "kind": "file", "path": broken } } })).unwrap_err();
    assert_eq!(error["code"], "InvalidRegistry", "{error}");
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("does not load cleanly") && message.contains(&format!("table_overview.csv:{lines}:")), "{message}");

    // The git revision of the bundled folder: the edit is the one change.
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("registries/zellij");
    let view = call(&webview, "compare_changes", json!({ "job": 2, "request": { "against": { "kind": "git", "revision": "HEAD", "folder": bundled } } })).unwrap();
    assert_eq!(view["old"], format!("git:HEAD:{}", bundled.display()));
    assert!(view["groups"].as_array().unwrap().iter().any(|g| g["title"] == "public.projects"), "{view}");
}

#[test]
fn ipc_a_comparison_waiting_on_a_silent_database_is_cancelled_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let (_app, webview, _folder) = opened_and_edited(tmp.path());
    // A "server" that takes the connection and never answers: the read waits on it.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let held = std::thread::spawn(move || listener.accept().map(|(socket, _)| socket));
    let url = format!("postgres://relata@127.0.0.1:{port}/silent");
    let asking = webview.clone();
    let compare = std::thread::spawn(move || {
        call(&asking, "compare_changes", json!({ "job": 3, "request": { "against": { "kind": "database", "url": url } } }))
    });
    // Wait until the job is running and has reached the database.
    let started = std::time::Instant::now();
    loop {
        let progress = call(&webview, "job_progress", json!({ "job": 3 })).unwrap();
        if progress["running"] == true && progress["step"].as_str().unwrap().starts_with("Reading postgres://relata@127.0.0.1") {
            break;
        }
        assert!(started.elapsed().as_secs() < 20, "the job never started: {progress}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _socket = held.join().unwrap().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(!compare.is_finished(), "the silent database holds the comparison");
    let cancelled_at = std::time::Instant::now();
    assert_eq!(call(&webview, "cancel_job", json!({ "job": 3 })).unwrap(), true);
    let error = compare.join().unwrap().unwrap_err();
    assert_eq!(error["code"], "Cancelled", "{error}");
    assert!(cancelled_at.elapsed().as_secs() < 5, "the cancel answered at once: {:?}", cancelled_at.elapsed());
    assert_eq!(call(&webview, "job_progress", json!({ "job": 3 })).unwrap()["running"], false);
}

#[test]
fn ipc_documentation_is_written_to_a_folder_and_an_unknown_module_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (_app, webview, _folder) = opened_and_edited(tmp.path());
    let out = tmp.path().join("docs");
    let error = call(&webview, "write_docs", json!({ "job": 1, "request": { "folder": out, "format": "markdown", "modules": ["Billing"] } })).unwrap_err();
    assert_eq!(error["code"], "InvalidRequest");
    assert!(error["message"].as_str().unwrap().contains("no module named `Billing`"), "{error}");
    assert!(!out.exists());

    let written = call(&webview, "write_docs", json!({ "job": 1, "request": { "folder": out, "format": "html", "modules": [] } })).unwrap();
    assert_eq!(written["index"], out.join("index.html").display().to_string());
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("zellij"), "{index}");
    let pages = std::fs::read_dir(out.join("modules")).unwrap().filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "html")).count();
    assert_eq!(written["modules"].as_u64(), Some(pages as u64));
    assert!(pages > 1);
}

#[test]
fn ipc_changes_against_a_real_database_are_its_drift_and_the_migration_takes_it_to_the_workspace() {
    let tmp = tempfile::tempdir().unwrap();
    let (app, webview, _folder) = opened_and_edited(tmp.path());
    let pg = relata_testkit::pg::PgCluster::start();
    pg.create_database("prod");
    // The database holds the workspace as it was before the edit: its last save's SQL export.
    let saved = app.state::<AppState>().with_workspace(|w| w.diff_side(&relata_workspace::DiffSide::LastSave).unwrap().registry).unwrap();
    let rules = relata_rules::RuleSet::named("zayaz").unwrap();
    let sql = relata_formats::export::export(&saved, relata_formats::export::ExportFormat::Sql, &Default::default(), &rules);
    pg.psql_single_transaction("prod", &sql).expect("the export applies");

    let view = call(&webview, "compare_changes", json!({ "job": 4, "request": { "against": { "kind": "database", "url": pg.url("prod") } } })).unwrap();
    assert_eq!((view["drift"].as_bool(), view["same"].as_bool()), (Some(true), Some(false)), "{view}");
    let migration = view["sql"].as_str().unwrap();
    assert!(migration.contains("ALTER TABLE public.projects ALTER COLUMN name TYPE text"), "{migration}");
    let groups: Vec<&str> = view["groups"].as_array().unwrap().iter().map(|g| g["title"].as_str().unwrap()).collect();
    assert_eq!(groups, ["public.projects"], "only the edited table drifted: {view}");

    // Applied to the database, the migration leaves no drift.
    pg.psql_single_transaction("prod", migration).expect("the migration applies");
    let again = call(&webview, "compare_changes", json!({ "job": 5, "request": { "against": { "kind": "database", "url": pg.url("prod") } } })).unwrap();
    assert_eq!(again["same"], true, "{again}");
}
