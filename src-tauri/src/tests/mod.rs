//! Tests of the shell: the overview projection on a small registry folder, the command-line
//! argument, the bundled example, and IPC round trips through Tauri's mock runtime.

use std::path::{Path, PathBuf};

use relata_codec::folder::{parse, FolderText};
use relata_model::{Diagnostic, Location, Registry, TableRef};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindowBuilder};

use crate::detail::RelationshipSide;
use crate::overview::overview;
use crate::startup::{example_folder, open_example, workspace_argument, EXAMPLE_FILE};
use crate::state::{AppState, Session, Workspace};

const TS: &str = "2026-01-01 00:00:00+00";

mod diagram;
mod disk;
mod generated;
mod import;
mod relate;

/// Two modules with tables, one declared module without any, one relationship, and a concept
/// signal that is no table's column.
fn two_modules() -> Registry {
    let table_overview = format!(
        "table_id,table_name,table_prefix,schema_name,module_name,status,purpose,primary_key_columns,db_engine,db_name,owner_team,notes,created_at,updated_at\n\
         11111111-1111-4111-8111-111111111111,ref_method,ref_,core_metadata,Methods,stable,Compute methods,{{method_id}},aurora_postgres,,,,{TS},{TS}\n\
         11111111-1111-4111-8111-111111111112,fact_run,fact_,core_data,Engine,experimental,Method runs,{{run_id}},aurora_postgres,,,,{TS},{TS}\n\
         11111111-1111-4111-8111-111111111113,ref_unit,ref_,core_metadata,Methods,draft,,{{}},aurora_postgres,,,,{TS},{TS}\n"
    );
    let signal_registry = format!(
        "signal_id,schema_name,table_name,column_name,ordinal_position,data_type,is_nullable,column_default,signal_role,row_type,concept_name,connection_type,semantic_description,created_at,updated_at\n\
         22222222-2222-4222-8222-222222222221,core_metadata,ref_method,method_id,1,uuid,false,,key,binding,,rw,,{TS},{TS}\n\
         22222222-2222-4222-8222-222222222222,core_metadata,ref_method,name,2,text,false,,attribute,binding,,rw,,{TS},{TS}\n\
         22222222-2222-4222-8222-222222222223,core_data,fact_run,run_id,1,uuid,false,,key,binding,,rw,,{TS},{TS}\n\
         22222222-2222-4222-8222-222222222224,core_data,fact_run,method_id,2,uuid,false,,key,binding,,rw,,{TS},{TS}\n\
         22222222-2222-4222-8222-222222222225,,,method,,uuid,false,,key,concept,,r,A compute method,{TS},{TS}\n"
    );
    let relationship_registry = format!(
        "relationship_id,relationship_key,constraint_name,availability_status,version,change_reason,module_name,owner_team,created_by,approved_by,approved_at,child_db_engine,child_db_name,child_schema,child_table,child_columns,parent_db_engine,parent_db_name,parent_schema,parent_table,parent_columns,relationship_type,enforcement_mode,cardinality,is_required,enforce_child_unique,match_type,deferrable,initially_deferred,on_delete,on_update,create_child_index,child_index_name,child_index_method,create_parent_index,tenant_scope_column,require_tenant_match,generator_flags,notes,created_at,updated_at\n\
         33333333-3333-4333-8333-333333333331,fact_run__ref_method,,active,1,,Engine,,,,,aurora_postgres,,core_data,fact_run,{{method_id}},aurora_postgres,,core_metadata,ref_method,{{method_id}},foreign_key,auto,1:many,true,false,simple,false,false,restrict,restrict,true,,btree,false,,false,{{}},,{TS},{TS}\n"
    );
    let relata_json = r##"{
  "format": "relata-registry-folder",
  "version": 1,
  "modules": [
    { "name": "Methods", "color": "#011B4E" },
    { "name": "Engine" },
    { "name": "Reporting", "color": "#336699" }
  ]
}
"##;
    let (registry, diagnostics) = parse(&FolderText {
        table_overview,
        signal_registry,
        relationship_registry,
        relata_json: Some(relata_json.to_owned()),
    });
    assert_eq!(diagnostics, Vec::<Diagnostic>::new(), "the fixture itself must be clean");
    registry
}

fn two_modules_overview_json(path: &str) -> Value {
    json!({
        "path": path,
        "groups": [
            { "module": "Methods", "color": "#011B4E", "tables": [
                { "schema": "core_metadata", "name": "ref_method", "status": "stable", "prefix": "ref_", "column_count": 2 },
                { "schema": "core_metadata", "name": "ref_unit", "status": "draft", "prefix": "ref_", "column_count": 0 },
            ] },
            { "module": "Engine", "color": null, "tables": [
                { "schema": "core_data", "name": "fact_run", "status": "experimental", "prefix": "fact_", "column_count": 2 },
            ] },
            { "module": "Reporting", "color": "#336699", "tables": [] },
        ],
        "table_count": 3,
        "relationship_count": 1,
        "error_count": 1,
        "warning_count": 2,
    })
}

fn some_diagnostics() -> Vec<Diagnostic> {
    vec![
        Diagnostic::error("R101", Location::Workspace, "an error"),
        Diagnostic::warning("R102", Location::Workspace, "a warning"),
        Diagnostic::warning("R103", Location::Workspace, "another warning"),
    ]
}

#[test]
fn overview_groups_tables_by_module_in_module_order() {
    let path = Path::new("workspaces/two-modules");
    let overview = overview(path, &two_modules(), &some_diagnostics());
    assert_eq!(serde_json::to_value(&overview).unwrap(), two_modules_overview_json("workspaces/two-modules"));
}

#[test]
fn overview_lists_modules_that_only_tables_name() {
    // A table whose module relata.json does not declare still gets a group, after the declared ones.
    let mut registry = two_modules();
    registry.tables[2].module = "Undeclared".to_owned();
    let overview = overview(Path::new("w"), &registry, &[]);
    let modules: Vec<(&str, usize)> = overview.groups.iter().map(|g| (g.module.as_str(), g.tables.len())).collect();
    assert_eq!(modules, [("Methods", 1), ("Engine", 1), ("Reporting", 0), ("Undeclared", 1)]);
    assert_eq!(overview.groups[3].color, None);
}

#[test]
fn workspace_argument_is_the_first_argument_that_is_not_a_flag() {
    let args = |list: &[&str]| list.iter().map(Into::into).collect::<Vec<std::ffi::OsString>>();
    assert_eq!(workspace_argument(args(&["relata-app"])), None);
    assert_eq!(workspace_argument(args(&["relata-app", "regs/a"])), Some(PathBuf::from("regs/a")));
    assert_eq!(workspace_argument(args(&["relata-app", "--flag", "b.relata"])), Some(PathBuf::from("b.relata")));
    assert_eq!(workspace_argument(args(&["relata-app", "-x"])), None);
}

#[test]
fn bundled_example_parses_without_errors_and_every_table_has_a_group() {
    let (registry, diagnostics) = parse(&example_folder());
    let errors: Vec<String> = diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
    assert!(errors.is_empty(), "the bundled example has errors:\n{}", errors.join("\n"));
    assert!(!registry.tables.is_empty());
    let overview = overview(Path::new("example.relata"), &registry, &diagnostics);
    let grouped: usize = overview.groups.iter().map(|g| g.tables.len()).sum();
    assert_eq!(grouped, registry.tables.len());
}

#[test]
fn first_start_saves_the_example_as_sqlite_and_later_starts_reopen_it() {
    let data_dir = tempfile::tempdir().unwrap();
    let data_dir = data_dir.path().join("app.relata.desktop");
    let first = tauri::async_runtime::block_on(open_example(&data_dir)).unwrap();
    assert_eq!(first.path(), data_dir.join(EXAMPLE_FILE));
    assert!(first.path().is_file());
    let (parsed, _) = parse(&example_folder());
    assert_eq!(first.registry().tables, parsed.tables);

    let again = tauri::async_runtime::block_on(open_example(&data_dir)).unwrap();
    assert_eq!(*again.registry(), *first.registry());
}

// IPC round trips: the commands as the window calls them, serialization included.

fn request(cmd: &str, body: Value) -> InvokeRequest {
    InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(body),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    }
}

fn call(webview: &tauri::WebviewWindow<tauri::test::MockRuntime>, cmd: &str, body: Value) -> Result<Value, Value> {
    get_ipc_response(webview, request(cmd, body)).map(|response| response.deserialize::<Value>().unwrap())
}

#[test]
fn ipc_workspace_overview_round_trip() {
    let app = crate::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();

    // Before anything is open, the UI gets a code it can switch on.
    let empty = call(&webview, "workspace_overview", json!({})).unwrap_err();
    assert_eq!(empty, json!({ "code": "NoWorkspace", "message": "no workspace is open" }));

    let mut workspace = Workspace::new(PathBuf::from("workspaces/two-modules"), two_modules(), Vec::new());
    workspace.replace_findings(some_diagnostics());
    app.state::<AppState>().set(Session::Open(workspace));
    let overview = call(&webview, "workspace_overview", json!({})).unwrap();
    assert_eq!(overview, two_modules_overview_json("workspaces/two-modules"));

    // A failed open reports NotFound and keeps the open workspace.
    let missing = std::env::temp_dir().join("relata-no-such-workspace");
    let error = call(&webview, "open_workspace", json!({ "path": missing })).unwrap_err();
    assert_eq!(error["code"], "NotFound");
    assert!(error["message"].as_str().unwrap().contains("relata-no-such-workspace"), "{error}");
    assert_eq!(call(&webview, "workspace_overview", json!({})).unwrap(), overview);

    // A registry folder opens and becomes the open workspace.
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("registries/system-data-model");
    let opened = call(&webview, "open_workspace", json!({ "path": folder })).unwrap();
    assert_eq!(opened["path"], folder.display().to_string());
    let tables = opened["table_count"].as_u64().unwrap();
    let grouped: u64 =
        opened["groups"].as_array().unwrap().iter().map(|g| g["tables"].as_array().unwrap().len() as u64).sum();
    assert!(tables > 0);
    assert_eq!(grouped, tables);
    assert_eq!(call(&webview, "workspace_overview", json!({})).unwrap(), opened);
}

/// File → New: an empty workspace, opened; a path that holds anything is refused and stays as
/// it was, and the open workspace stays open.
#[test]
fn new_workspace_creates_an_empty_one_and_never_replaces_anything() {
    let app = crate::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let tmp = tempfile::tempdir().unwrap();

    let file = tmp.path().join("fresh.relata");
    let opened = call(&webview, "new_workspace", json!({ "path": file })).unwrap();
    assert_eq!(opened["path"], file.display().to_string());
    assert_eq!(opened["table_count"], 0);
    let saved = tauri::async_runtime::block_on(relata_store::load(&file)).unwrap();
    assert_eq!(saved.registry, relata_model::Registry::default());
    assert!(saved.diagnostics.is_empty(), "{:?}", saved.diagnostics);

    // Again at the same path: refused, the file byte for byte as it was, the workspace open.
    let bytes = std::fs::read(&file).unwrap();
    let error = call(&webview, "new_workspace", json!({ "path": file })).unwrap_err();
    assert_eq!(error["code"], "AlreadyExists", "{error}");
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    assert_eq!(call(&webview, "workspace_overview", json!({})).unwrap(), opened);

    // A folder with something in it is refused too; an empty one becomes a registry folder.
    let busy = tmp.path().join("busy");
    std::fs::create_dir(&busy).unwrap();
    std::fs::write(busy.join("notes.txt"), b"mine").unwrap();
    let error = call(&webview, "new_workspace", json!({ "path": busy })).unwrap_err();
    assert_eq!(error["code"], "AlreadyExists", "{error}");
    assert_eq!(std::fs::read_dir(&busy).unwrap().count(), 1);
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let folder = call(&webview, "new_workspace", json!({ "path": empty })).unwrap();
    assert_eq!(folder["table_count"], 0);
    assert!(empty.join("table_overview.csv").is_file());
}

/// The entry of the table `schema.name` of `registry`, as the rules name it.
fn table_entry(registry: &relata_model::Registry, schema: &str, name: &str) -> relata_model::Named {
    let t = registry.table(&relata_model::TableRef::new(schema, name)).expect("a table of the registry");
    relata_model::Named::table(t.id, &t.table_ref())
}

/// The entry of the column `schema.table.column` of `registry`, as the rules name it.
fn signal_entry(registry: &relata_model::Registry, schema: &str, table: &str, column: &str) -> relata_model::Named {
    let at = Some(relata_model::TableRef::new(schema, table));
    relata_model::Named::signal(registry.signals.iter().find(|s| s.table == at && s.column == column).expect("a column of the registry"))
}

/// The entry of the relationship with `key` in `registry`, as the rules name it.
fn relationship_entry(registry: &relata_model::Registry, key: &str) -> relata_model::Named {
    relata_model::Named::relationship(registry.relationships.iter().find(|r| r.key == key).expect("a relationship of the registry"))
}

#[test]
fn table_detail_lists_columns_keys_relationships_and_findings_of_that_table() {
    let registry = two_modules();
    let archive = relata_model::Named::table(relata_model::TableId::new_random(), &relata_model::TableRef::new("core_data", "fact_run_archive"));
    let diagnostics = vec![
        Diagnostic::warning("R101", Location::entry(relata_model::RegistryKind::TableOverview, &table_entry(&registry, "core_data", "fact_run"), Some("table_prefix")), "about fact_run"),
        Diagnostic::warning("R201", Location::entry(relata_model::RegistryKind::SignalRegistry, &signal_entry(&registry, "core_data", "fact_run", "method_id"), None), "about a column"),
        Diagnostic::error("R301", Location::entry(relata_model::RegistryKind::RelationshipRegistry, &relationship_entry(&registry, "fact_run__ref_method"), None), "about its FK"),
        Diagnostic::warning("R101", Location::entry(relata_model::RegistryKind::TableOverview, &archive, None), "a table whose name only starts the same"),
        Diagnostic::warning("R102", Location::Workspace, "not about a table"),
    ];
    let run = crate::detail::table_detail(&registry, &diagnostics, &relata_model::TableRef::new("core_data", "fact_run")).unwrap();
    let columns: Vec<(&str, bool, bool)> = run.columns.iter().map(|c| (c.name.as_str(), c.primary_key, c.foreign_key)).collect();
    assert_eq!(columns, [("run_id", true, false), ("method_id", false, true)]);
    assert_eq!(run.relationships.len(), 1);
    assert_eq!((run.relationships[0].side, run.relationships[0].other.as_str()), (RelationshipSide::Child, "core_metadata.ref_method"));
    let codes: Vec<&str> = run.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["R301", "R101", "R201"], "errors first");

    let method = crate::detail::table_detail(&registry, &diagnostics, &relata_model::TableRef::new("core_metadata", "ref_method")).unwrap();
    assert_eq!(method.relationships[0].side, RelationshipSide::Parent);
    assert_eq!(method.relationships[0].columns, ["method_id"]);
    assert_eq!(method.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(), ["R301"]);
    assert!(crate::detail::table_detail(&registry, &diagnostics, &relata_model::TableRef::new("core_data", "nope")).is_none());
}

#[test]
fn diagnostics_come_errors_first_keeping_the_rules_order() {
    use relata_model::RegistryKind::{RelationshipRegistry, SignalRegistry};
    let registry = two_modules();
    let sorted = crate::detail::findings(&registry, &[
        Diagnostic::warning("R102", Location::Workspace, "w1"),
        Diagnostic::error("R301", Location::entry(RelationshipRegistry, &relationship_entry(&registry, "fact_run__ref_method"), None), "e1"),
        Diagnostic::warning("R101", Location::entry(SignalRegistry, &signal_entry(&registry, "core_metadata", "ref_method", "name"), None), "w2"),
        Diagnostic::error("R201", Location::Workspace, "e2"),
    ]);
    let messages: Vec<&str> = sorted.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(messages, ["e1", "e2", "w1", "w2"]);
    // A relationship's finding opens its child table; a signal's, its table.
    let tables: Vec<Option<String>> = sorted.iter().map(|f| f.table.as_ref().map(|t| format!("{}.{}", t.schema, t.table))).collect();
    assert_eq!(tables, [Some("core_data.fact_run".into()), None, None, Some("core_metadata.ref_method".into())]);
}

/// Table names may hold dots, so `schema.table.column` cannot be taken apart again: a finding
/// opens the table its entry's id names, whatever the labels say.
#[test]
fn a_finding_opens_the_table_its_entry_id_names_when_names_hold_dots() {
    use relata_model::RegistryKind::{SignalRegistry, TableOverview};
    let mut registry = two_modules();
    let mut dotted = registry.tables[0].clone();
    dotted.id = relata_model::TableId::new_random();
    dotted.name = format!("{}.v2", dotted.name);
    let (schema, short, long) = (dotted.schema.clone(), registry.tables[0].name.clone(), dotted.name.clone());
    registry.tables.push(dotted);
    // `schema.short` has a column `v2.amount`, whose label is the same as `schema.short.v2`'s
    // column `amount`.
    let model = registry.signals[0].clone();
    let column = |table: &str, name: &str| relata_model::Signal {
        id: relata_model::SignalId::new_random(),
        table: Some(relata_model::TableRef::new(&schema, table)),
        column: name.to_owned(),
        ..model.clone()
    };
    let (long_amount, short_amount) = (column(&long, "amount"), column(&short, "v2.amount"));
    registry.signals.extend([long_amount.clone(), short_amount.clone()]);
    let found = crate::detail::findings(&registry, &[
        Diagnostic::warning("R101", Location::entry(SignalRegistry, &relata_model::Named::signal(&long_amount), None), "long column"),
        Diagnostic::warning("R101", Location::entry(SignalRegistry, &relata_model::Named::signal(&short_amount), None), "short column"),
        Diagnostic::warning("R102", Location::entry(TableOverview, &table_entry(&registry, &schema, &long), None), "long table"),
        Diagnostic::warning("R102", Location::entry(TableOverview, &table_entry(&registry, &schema, &short), None), "short table"),
        Diagnostic::warning("R102", Location::entry(TableOverview, &relata_model::Named::unregistered_table(&relata_model::TableRef::new(&schema, "nope")), None), "no table"),
    ]);
    let labels: Vec<String> = found.iter().map(|f| f.location.to_string()).collect();
    assert_eq!(labels[0], labels[1].replace(&short_amount.column, "amount").replace(&short, &long), "the two columns' labels read alike");
    let tables: Vec<Option<String>> = found.iter().map(|f| f.table.as_ref().map(|t| t.table.clone())).collect();
    assert_eq!(tables, [Some(long.clone()), Some(short.clone()), Some(long), Some(short), None]);
}

#[test]
fn ipc_diagnostics_and_table_detail_round_trip() {
    let app = crate::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    assert_eq!(call(&webview, "workspace_diagnostics", json!({})).unwrap_err()["code"], "NoWorkspace");

    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("registries/zayaz-compute-methods");
    call(&webview, "open_workspace", json!({ "path": folder })).unwrap();
    let diagnostics = call(&webview, "workspace_diagnostics", json!({})).unwrap();
    let codes: std::collections::BTreeSet<&str> = diagnostics.as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    // The same findings `relata check` reports for this registry under the default preset.
    assert_eq!(codes.into_iter().collect::<Vec<_>>(), ["R101", "R317"]);
    assert_eq!(diagnostics[0]["severity"], "warning");
    assert_eq!(diagnostics[0]["location"]["kind"], "entry");

    let detail = call(&webview, "table_detail", json!({ "schema": "core_engine", "name": "fact_compute_executions" })).unwrap();
    assert_eq!(detail["columns"].as_array().unwrap().len(), 16);
    assert_eq!(detail["module"], "Compute Method Registry");
    let index = call(&webview, "search_index", json!({})).unwrap();
    assert_eq!(index["tables"].as_array().unwrap().len(), 6);
    let columns = index["columns"].as_array().unwrap();
    assert!(columns.iter().any(|c| c["table"]["table"] == "fact_compute_executions" && c["column"] == "method_id"), "{columns:?}");
    assert_eq!(index["relationships"].as_array().unwrap().len(), 6);
    let missing = call(&webview, "table_detail", json!({ "schema": "core_engine", "name": "nope" })).unwrap_err();
    assert_eq!(missing, json!({ "code": "UnknownEntry", "message": "the workspace has no table `core_engine.nope`" }));
}

#[test]
fn ipc_edits_undo_redo_and_save_round_trip() {
    let app = crate::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("metastore");
    std::fs::create_dir(&folder).unwrap();
    for name in relata_codec::folder::FILES {
        std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("registries/metastore").join(name), folder.join(name)).unwrap();
    }
    call(&webview, "open_workspace", json!({ "path": folder })).unwrap();
    let clean = call(&webview, "edit_state", json!({})).unwrap();
    assert_eq!((clean["dirty"].as_bool(), clean["undo"].as_str()), (Some(false), None));

    // A form edit: the table entry with a new purpose, typed in two keystrokes (one step).
    let detail = call(&webview, "table_detail", json!({ "schema": "public", "name": "users" })).unwrap();
    let mut entry = detail["entry"].clone();
    for purpose in ["A", "A person who signs in."] {
        entry["purpose"] = json!(purpose);
        call(&webview, "apply_edit", json!({ "edit": { "op": "put_table", "table": entry }, "coalesce": "users.purpose" })).unwrap();
    }
    let state = call(&webview, "edit_state", json!({})).unwrap();
    assert_eq!(state["dirty"], true);
    assert!(state["undo"].as_str().unwrap().starts_with("Undo "), "{state}");
    let purpose = |w: &tauri::WebviewWindow<tauri::test::MockRuntime>| {
        call(w, "table_detail", json!({ "schema": "public", "name": "users" })).unwrap()["purpose"].clone()
    };
    assert_eq!(purpose(&webview), "A person who signs in.");

    // A refused edit: renaming onto an existing table changes nothing.
    let refused = call(&webview, "apply_edit", json!({ "edit": { "op": "rename_table", "table": entry["id"], "schema": "public", "name": "tenants" } })).unwrap_err();
    assert_eq!(refused["code"], "EditRefused");
    assert!(refused["message"].as_str().unwrap().contains("public.tenants"), "{refused}");
    assert_eq!(call(&webview, "edit_state", json!({})).unwrap()["revision"], state["revision"]);

    // One undo takes back both keystrokes; redo brings them back.
    let undone = call(&webview, "undo", json!({})).unwrap();
    assert_eq!(undone["dirty"], false);
    assert_eq!(purpose(&webview), detail["purpose"]);
    call(&webview, "redo", json!({})).unwrap();
    assert_eq!(purpose(&webview), "A person who signs in.");

    // Save writes the folder atomically; reopening it shows the edit.
    let saved = call(&webview, "save_workspace", json!({})).unwrap();
    assert_eq!(saved["dirty"], false);
    let text = std::fs::read_to_string(folder.join("table_overview.csv")).unwrap();
    assert!(text.contains("A person who signs in."));
    let reopened = call(&webview, "open_workspace", json!({ "path": folder })).unwrap();
    assert_eq!(reopened["table_count"], 9);
    assert_eq!(purpose(&webview), "A person who signs in.");
}

#[test]
fn vocabularies_are_the_models_in_seed_order() {
    let v = serde_json::to_value(crate::detail::vocabularies()).unwrap();
    assert_eq!(v["action"], json!(["restrict", "cascade", "set_null", "set_default", "no_action"]));
    assert_eq!(v["cardinality"], json!(["1:many", "1:1", "many:many"]));
    let v = v.as_object().unwrap();
    assert_eq!(v.len(), 12);
    assert!(v.values().all(|values| !values.as_array().unwrap().is_empty()));
}

/// The export dialog's pictures: SVG text scoped by module and status, PNG only to a file.
#[test]
fn ipc_export_svg_and_png_of_the_diagram_scoped_like_the_text() {
    let app = crate::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    app.state::<AppState>().set(Session::Open(Workspace::new(PathBuf::from("two"), two_modules(), Vec::new())));

    let all = call(&webview, "export_text", json!({ "request": { "format": "svg" } })).unwrap();
    let all = all.as_str().unwrap();
    assert!(all.starts_with("<svg") && all.contains(">ref_method<") && all.contains(">fact_run<"), "{all}");
    let engine = call(&webview, "export_text", json!({ "request": { "format": "svg", "modules": ["Engine"] } })).unwrap();
    assert!(engine.as_str().unwrap().contains(">fact_run<") && !engine.as_str().unwrap().contains(">ref_method<"));
    let stable = call(&webview, "export_text", json!({ "request": { "format": "svg", "statuses": ["stable"] } })).unwrap();
    assert!(stable.as_str().unwrap().contains(">ref_method<") && !stable.as_str().unwrap().contains(">fact_run<"));
    let error = call(&webview, "export_text", json!({ "request": { "format": "svg", "modules": ["Nope"] } })).unwrap_err();
    assert_eq!(error["code"], "InvalidRequest");

    let error = call(&webview, "export_text", json!({ "request": { "format": "png" } })).unwrap_err();
    assert_eq!(error["code"], "InvalidRequest", "{error}");
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("two.png");
    let written = call(&webview, "export_to_file", json!({ "path": file, "request": { "format": "png" } })).unwrap();
    let png = std::fs::read(&file).unwrap();
    assert_eq!(written.as_u64(), Some(png.len() as u64));
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG file");
    // IHDR: width and height, big-endian, at bytes 16..24; PNG_SCALE pixels per unit.
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    assert!(width > 200, "{width} px wide");
}

#[test]
fn ipc_export_text_and_file() {
    let app = crate::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("registries/zellij");
    call(&webview, "open_workspace", json!({ "path": folder })).unwrap();

    let mermaid = call(&webview, "export_text", json!({ "request": { "format": "mermaid" } })).unwrap();
    assert!(mermaid.as_str().unwrap().starts_with("erDiagram"), "{mermaid}");
    let scoped = call(&webview, "export_text", json!({ "request": { "format": "sql", "modules": ["Authorization"] } })).unwrap();
    assert_eq!(scoped.as_str().unwrap().matches("CREATE TABLE ").count(), 1);

    for (request, message) in [
        (json!({ "format": "pdf" }), "unknown export format `pdf`"),
        (json!({ "format": "dbml", "modules": ["Nope"] }), "no module `Nope`"),
        (json!({ "format": "dbml", "statuses": ["solid"] }), "solid"),
    ] {
        let error = call(&webview, "export_text", json!({ "request": request })).unwrap_err();
        assert_eq!(error["code"], "InvalidRequest");
        assert!(error["message"].as_str().unwrap().contains(message), "{error}");
    }

    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("zellij.dbml");
    let written = call(&webview, "export_to_file", json!({ "path": file, "request": { "format": "dbml" } })).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written.as_u64(), Some(text.len() as u64));
    assert!(text.contains("TableGroup"));
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1, "no temporary file left");
    let missing = call(&webview, "export_to_file", json!({ "path": tmp.path().join("no/such/dir/x.sql"), "request": { "format": "sql" } })).unwrap_err();
    assert_eq!(missing["code"], "NotFound");
    assert!(missing["message"].as_str().unwrap().contains("no/such/dir"), "{missing}");
}

/// A workspace whose `orders.customer_code varchar(20)` references `customers.id bigint`
/// (R303), written to a folder in `dir` from DBML.
fn mistyped_fk_workspace(dir: &Path) -> std::path::PathBuf {
    let text = "Table sales.customers {\n  id bigint [pk]\n}\n\nTable sales.orders {\n  id bigint [pk]\n  customer_code varchar(20)\n}\n\nRef: sales.orders.customer_code > sales.customers.id\n";
    let options = relata_formats::dbml::parse::ImportOptions::new(relata_model::Timestamp::parse("2026-01-05 09:00:00+00").unwrap());
    let rules = relata_rules::RuleSet::preset("zayaz").unwrap();
    let (registry, _) = relata_formats::dbml::parse::import(text, "orders.dbml", &options, &rules);
    let folder = dir.join("orders");
    tauri::async_runtime::block_on(relata_store::create(&folder, &registry)).unwrap();
    folder
}

/// The export dialog's owner and privilege toggles leave the kept `OWNER TO` and `GRANT`
/// statements of an imported pg_dump out of the SQL, as pg_dump's options of those names do.
#[test]
fn ipc_sql_export_without_owners_and_privileges() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/relata-formats/tests/data/sql/pg15_features.dump.sql")).unwrap();
    let options = relata_formats::import::ImportOptions::new(relata_model::Timestamp::parse("2026-01-05 09:00:00+00").unwrap());
    let rules = relata_rules::RuleSet::preset("zayaz").unwrap();
    let (registry, _) = relata_formats::sql::parse::import(&text, "pg15.sql", &options, &rules);
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("pg15");
    tauri::async_runtime::block_on(relata_store::create(&folder, &registry)).unwrap();
    let app = crate::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    call(&webview, "open_workspace", json!({ "path": folder })).unwrap();
    let sql = |request: Value| call(&webview, "export_text", json!({ "request": request })).unwrap().as_str().unwrap().to_owned();
    let count = |text: &str, what: &str| text.lines().filter(|l| l.contains(what)).count();
    let all = sql(json!({ "format": "sql" }));
    assert!(count(&all, " OWNER TO ") > 5 && count(&all, "GRANT ") > 0, "the dump's owners and grants are kept");
    let bare = sql(json!({ "format": "sql", "no_owner": true, "no_privileges": true }));
    assert_eq!((count(&bare, " OWNER TO "), count(&bare, "GRANT ")), (0, 0));
    assert_eq!(count(&bare, "CREATE TABLE "), count(&all, "CREATE TABLE "), "only owners and grants go");
    let owned = sql(json!({ "format": "sql", "no_privileges": true }));
    assert_eq!(count(&owned, " OWNER TO "), count(&all, " OWNER TO "));
}

/// A relationship with an empty key is named by its id in the rules' findings: a click on one
/// used to find no relationship (it was matched by key) and opened only the child table.
#[test]
fn a_finding_on_a_relationship_without_a_key_points_at_its_id() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = mistyped_fk_workspace(tmp.path());
    let mut registry = tauri::async_runtime::block_on(relata_store::load(&folder)).unwrap().registry;
    let fk = registry.relationships.iter_mut().find(|r| r.child.columns == ["customer_code"]).unwrap();
    fk.key = String::new();
    let id = fk.id;
    let rules = relata_rules::RuleSet::preset("zayaz").unwrap();
    let diagnostics = relata_rules::check(&registry, &rules);
    let findings = crate::detail::findings(&registry, &diagnostics);
    let r303 = findings.iter().find(|f| f.code == "R303").expect("the mistyped FK is reported");
    assert_eq!(r303.relationship, Some(id));
    assert!(matches!(&r303.location, Location::Entry { entry: relata_model::EntryRef::Relationship { id: at }, label, .. } if *at == id && *label == id.to_string()));
    assert_eq!(r303.table, Some(TableRef::new("sales", "orders")));
    assert!(findings.iter().filter(|f| f.location != Location::Workspace).all(|f| f.relationship.is_none() || f.relationship == Some(id)));
    assert!(findings.iter().any(|f| f.code != "R303" && f.relationship.is_none()), "table findings name no relationship");
    // Both tables' inspectors hold it, with its id, for the relationship form.
    for table in [TableRef::new("sales", "orders"), TableRef::new("sales", "customers")] {
        let detail = crate::detail::table_detail(&registry, &diagnostics, &table).unwrap();
        assert!(detail.diagnostics.iter().any(|f| f.code == "R303" && f.relationship == Some(id)), "{table}: {:?}", detail.diagnostics);
    }
}

#[test]
fn ipc_export_breaking_names_what_postgresql_refuses() {
    let app = crate::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    call(&webview, "open_workspace", json!({ "path": mistyped_fk_workspace(tmp.path()) })).unwrap();

    let sql = call(&webview, "export_breaking", json!({ "request": { "format": "sql" } })).unwrap();
    let sql = sql.as_array().unwrap();
    assert_eq!(sql.len(), 1, "{sql:?}");
    assert_eq!(sql[0]["code"], "R303");
    assert_eq!(sql[0]["location"]["registry"], "relationship_registry");
    assert!(sql[0]["message"].as_str().unwrap().contains("customer_code"), "{sql:?}");
    for format in ["dbml", "mermaid", "svg", "png"] {
        let found = call(&webview, "export_breaking", json!({ "request": { "format": format } })).unwrap();
        assert_eq!(found, json!([]), "{format}");
    }
    let error = call(&webview, "export_breaking", json!({ "request": { "format": "pdf" } })).unwrap_err();
    assert_eq!(error["code"], "InvalidRequest");
}

#[test]
fn ipc_save_as_moves_the_workspace_and_leaves_the_original() {
    let app = crate::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("registries/schema-template");
    call(&webview, "open_workspace", json!({ "path": folder })).unwrap();
    let mut entry = call(&webview, "table_detail", json!({ "schema": "public", "name": "tenants" })).unwrap()["entry"].clone();
    entry["notes"] = json!("Saved elsewhere.");
    call(&webview, "apply_edit", json!({ "edit": { "op": "put_table", "table": entry } })).unwrap();
    assert!(app.state::<AppState>().is_dirty());

    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("copy.relata");
    let state = call(&webview, "save_workspace_as", json!({ "path": target })).unwrap();
    assert_eq!(state["dirty"], false);
    assert!(!app.state::<AppState>().is_dirty());
    assert_eq!(call(&webview, "workspace_overview", json!({})).unwrap()["path"], target.display().to_string());
    let saved = tauri::async_runtime::block_on(relata_store::load(&target)).unwrap();
    assert!(saved.registry.tables.iter().any(|t| t.notes.as_deref() == Some("Saved elsewhere.")));
    let original = tauri::async_runtime::block_on(relata_store::load(&folder)).unwrap();
    assert!(original.registry.tables.iter().all(|t| t.notes.as_deref() != Some("Saved elsewhere.")), "the original is untouched");
}

#[test]
fn unsaved_changes_survive_a_crash_through_the_recovery_file() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("metastore");
    std::fs::create_dir(&folder).unwrap();
    for name in relata_codec::folder::FILES {
        std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("registries/metastore").join(name), folder.join(name)).unwrap();
    }
    let recovery_dir = tmp.path().join("recovery");

    // First session: an edit, then the process dies before saving.
    {
        let app = crate::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
        app.state::<AppState>().enable_recovery(recovery_dir.clone());
        let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
        call(&webview, "open_workspace", json!({ "path": folder })).unwrap();
        let mut entry = call(&webview, "table_detail", json!({ "schema": "public", "name": "users" })).unwrap()["entry"].clone();
        entry["purpose"] = json!("Typed just before the crash.");
        call(&webview, "apply_edit", json!({ "edit": { "op": "put_table", "table": entry } })).unwrap();
        // Not while typing: only after a quiet moment.
        app.state::<AppState>().autosave().unwrap();
        assert!(std::fs::read_dir(&recovery_dir).map_or(0, |d| d.count()) == 0, "written during the quiet period");
        std::thread::sleep(crate::recovery::QUIET + std::time::Duration::from_millis(100));
        app.state::<AppState>().autosave().unwrap();
        assert_eq!(std::fs::read_dir(&recovery_dir).unwrap().count(), 1);
    }

    // Second session: the workspace on disk is unchanged, the changes are offered back.
    let app = crate::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
    app.state::<AppState>().enable_recovery(recovery_dir.clone());
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    call(&webview, "open_workspace", json!({ "path": folder })).unwrap();
    let purpose = |w: &tauri::WebviewWindow<tauri::test::MockRuntime>| {
        call(w, "table_detail", json!({ "schema": "public", "name": "users" })).unwrap()["purpose"].clone()
    };
    assert_ne!(purpose(&webview), "Typed just before the crash.");
    let offer = call(&webview, "recovery_offer", json!({})).unwrap();
    assert!(offer["written_at"].as_u64().unwrap() > 0, "{offer}");

    let restored = call(&webview, "restore_recovery", json!({})).unwrap();
    assert_eq!(restored["dirty"], true, "restored changes are unsaved until saved");
    assert_eq!(purpose(&webview), "Typed just before the crash.");
    call(&webview, "save_workspace", json!({})).unwrap();
    assert_eq!(std::fs::read_dir(&recovery_dir).unwrap().count(), 0, "a clean save deletes the recovery file");
    assert_eq!(call(&webview, "recovery_offer", json!({})).unwrap(), Value::Null);
}

#[test]
fn ipc_rule_preset_changes_the_findings() {
    let app = crate::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("registries/zellij");
    call(&webview, "open_workspace", json!({ "path": folder })).unwrap();
    let presets = call(&webview, "rule_presets", json!({})).unwrap();
    assert_eq!(presets["current"], "zayaz");
    assert!(presets["presets"].as_array().unwrap().iter().any(|p| p == "conventional"));
    let codes = |w: &tauri::WebviewWindow<tauri::test::MockRuntime>| -> std::collections::BTreeSet<String> {
        call(w, "workspace_diagnostics", json!({})).unwrap().as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_owned()).collect()
    };
    // The same code sets `relata check` reports for zellij under each preset.
    assert_eq!(codes(&webview).into_iter().collect::<Vec<_>>(), ["R101"]);
    call(&webview, "set_rule_preset", json!({ "name": "conventional" })).unwrap();
    assert_eq!(codes(&webview).into_iter().collect::<Vec<_>>(), ["R401", "R402", "R403", "R404", "R405"]);
    assert_eq!(call(&webview, "rule_presets", json!({})).unwrap()["current"], "conventional");
    let error = call(&webview, "set_rule_preset", json!({ "name": "nope" })).unwrap_err();
    assert_eq!(error["code"], "InvalidRequest");
    assert_eq!(call(&webview, "edit_state", json!({})).unwrap()["dirty"], false, "a preset is a view setting, not an edit");
}

/// A DBML file with one table the two-modules workspace lacks, and a column type that
/// differs from the workspace's `core_metadata.ref_method.name` (text).
const IMPORT_DBML: &str = "Table core_metadata.ref_method {\n  method_id uuid [pk]\n  name varchar(80) [not null]\n}\n\n\
Table core_metadata.ref_source {\n  source_id uuid [pk]\n  label text\n}\n";
