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
fn diagram_lays_out_every_table_of_the_chosen_modules_with_its_index() {
    let registry = two_modules();
    let all = crate::diagram::diagram(&registry, &[], None);
    assert_eq!(all.tables.len(), registry.tables.len());
    for (t, entry) in all.tables.iter().zip(&registry.tables) {
        assert_eq!(t.table_ref(), entry.table_ref(), "index i is table i of the registry");
        assert!(t.rect.width > 0.0 && t.rect.height > 0.0);
    }
    assert_eq!(all.edges.len(), 1);
    let e = &all.edges[0];
    assert!(e.points.len() >= 2 && e.child != e.parent);
    assert!(all.groups.iter().all(|g| g.frame.is_some()));
    let methods = crate::diagram::diagram(&registry, &["Methods".to_owned()], None);
    assert_eq!(methods.tables.iter().map(|t| t.table.as_str()).collect::<Vec<_>>(), ["ref_method", "ref_unit"]);
}

#[test]
fn diagram_sends_every_colour_so_the_window_keeps_no_palette() {
    // Engine (group 1) has no colour: it gets the layout palette's colour for its place, and
    // its table takes it; Methods keeps its own. The window draws these strings as they come.
    let registry = two_modules();
    let d = crate::diagram::diagram(&registry, &[], None);
    let group = |name: &str| d.groups.iter().position(|g| g.name == name).unwrap();
    assert_eq!(d.groups[group("Methods")].color, "#011B4E");
    let engine = group("Engine");
    assert_eq!(d.groups[engine].color, relata_layout::GROUP_PALETTE[engine % relata_layout::GROUP_PALETTE.len()]);
    for t in &d.tables {
        assert_eq!(t.color, d.groups[t.group.unwrap()].color, "{} takes its group's colour", t.table);
    }
}

#[test]
fn diagram_edges_name_the_relationship_each_line_draws() {
    // The example has several relationships between two modules: each edge's id is the
    // relationship joining its child and parent, in the whole diagram, one module and a focus.
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("registries/system-data-model");
    let registry = relata_store::folder::load(&folder).unwrap().registry;
    let module = registry.tables[0].module.clone();
    let whole = crate::diagram::diagram(&registry, &[], None);
    let only: Vec<relata_model::TableRef> = whole.tables.iter().step_by(2).map(|t| t.table_ref()).collect();
    let cases = [whole, crate::diagram::diagram(&registry, &[module], None), crate::diagram::diagram(&registry, &[], Some(&only))];
    for d in &cases {
        assert!(!d.edges.is_empty());
        for e in &d.edges {
            let r = registry.relationships.iter().find(|r| Some(r.id) == e.relationship).expect("a relationship of the registry");
            assert_eq!((r.child.table_ref(), r.parent.table_ref()), (d.tables[e.child].table_ref(), d.tables[e.parent].table_ref()));
        }
        let mut ids: Vec<_> = d.edges.iter().map(|e| e.relationship).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), d.edges.len(), "one line per relationship");
    }
}

#[test]
fn diagram_draws_diagram_only_lines_and_their_finding_opens_the_child_table() {
    // A README-shaped erDiagram: one line says its join column (FK attribute), the other
    // does not and stays a diagram-only line.
    let text = "erDiagram\n    CUSTOMER ||--o{ ORDER : places\n    ORDER ||--|{ LINE_ITEM : contains\n    CUSTOMER {\n        int id PK\n    }\n    ORDER {\n        int id PK\n        int customer_id FK\n    }\n    LINE_ITEM {\n        int quantity\n    }\n";
    let options = relata_formats::mermaid::parse::ImportOptions::new(relata_model::Timestamp::parse("2026-12-07 09:30:00+00").unwrap());
    let rules = relata_rules::RuleSet::preset("zayaz").unwrap();
    let (registry, _) = relata_formats::mermaid::parse::import(text, "shop.mmd", &options, &rules);
    let d = crate::diagram::diagram(&registry, &[], None);
    assert_eq!(d.edges.len(), 2);
    let line = d.edges.iter().find(|e| e.relationship.is_none()).expect("the diagram-only line is drawn");
    assert_eq!((d.tables[line.child].table.as_str(), d.tables[line.parent].table.as_str()), ("LINE_ITEM", "ORDER"));
    assert_eq!(line.diagram_line, Some(1));
    assert_eq!(line.label.as_deref(), Some("contains"));
    assert!(line.child_rows.is_empty() && line.parent_rows.is_empty(), "it ends on the headers");
    // The rule finding asks for its columns and opens LINE_ITEM, in its inspector too.
    let findings = crate::detail::findings(&registry, &relata_rules::check(&registry, &rules));
    let r320: Vec<_> = findings.iter().filter(|f| f.code == "R320").collect();
    assert_eq!(r320.len(), 1, "{findings:#?}");
    assert_eq!(r320[0].table, Some(TableRef::new("public", "LINE_ITEM")));
    assert!(r320[0].message.contains("say which columns join them, or delete the line"), "{}", r320[0].message);
    let detail = crate::detail::table_detail(&registry, &relata_rules::check(&registry, &rules), &TableRef::new("public", "LINE_ITEM")).unwrap();
    assert!(detail.diagnostics.iter().any(|f| f.code == "R320"));
}

#[test]
fn diagram_lists_partitions_in_their_table_and_marks_views() {
    // pg15_features.sql as `relata import --from sql` reads it: orders has three partitions,
    // invoices a sub-partitioned one; a view and a materialized view.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/relata-formats/tests/data/sql/pg15_features.sql");
    let text = std::fs::read_to_string(path).unwrap();
    let options = relata_formats::sql::parse::ImportOptions::new(relata_model::Timestamp::parse("2026-01-31 09:30:00+00").unwrap());
    let rules = relata_rules::RuleSet::preset("zayaz").unwrap();
    let (mut registry, _) = relata_formats::sql::parse::import(&text, "pg15_features.sql", &options, &rules);
    // A relationship to a partition is drawn to its table's box, and still opens itself.
    let mut to_partition = registry.relationships[0].clone();
    let orders_2026 = registry.tables.iter().find(|t| t.name == "orders_2026").unwrap().table_ref();
    to_partition.parent.schema = orders_2026.schema.clone();
    to_partition.parent.table = orders_2026.table.clone();
    to_partition.id = relata_model::RelationshipId::new_random();
    registry.relationships.push(to_partition.clone());
    let d = crate::diagram::diagram(&registry, &[], None);
    assert!(d.tables.iter().all(|t| !t.table.starts_with("orders_")), "no partition is a box");
    assert_eq!(d.tables.iter().filter(|t| t.table == "orders").count(), 1);
    let orders = d.tables.iter().position(|t| t.table == "orders").unwrap();
    let listed: Vec<(&str, usize)> = d.tables[orders].partitions.iter().map(|p| (p.table.as_str(), p.depth)).collect();
    assert_eq!(listed, [("orders_2025", 0), ("orders_2026", 0), ("orders_other", 0)]);
    assert_eq!(d.tables[orders].partitions[2].bound, "DEFAULT");
    let invoices = d.tables.iter().find(|t| t.table == "invoices").unwrap();
    assert_eq!(invoices.partitions.iter().map(|p| p.depth).collect::<Vec<_>>(), [0, 1, 0], "a sub-partition under its partition");
    let edge = d.edges.iter().find(|e| e.relationship == Some(to_partition.id)).expect("the line to the partition is drawn");
    assert_eq!(edge.parent, orders);
    let kind = |name: &str| d.tables.iter().find(|t| t.table == name).unwrap().kind;
    assert_eq!(kind("active_customers"), crate::diagram::TableKind::View);
    assert_eq!(kind("daily_totals"), crate::diagram::TableKind::MaterializedView);
    assert_eq!(kind("orders"), crate::diagram::TableKind::Table);
    // The kept layout draws the same boxes (its table ids are those of the boxes).
    let (kept, _) = crate::diagram::diagram_kept(&registry, &[], None);
    assert_eq!(kept.tables.len(), d.tables.len());
}

#[test]
fn diagram_of_some_tables_lays_out_only_them_unpinned() {
    let mut registry = two_modules();
    let first = registry.tables[0].table_ref();
    registry.pins.push(relata_model::Pin { table: first.clone(), x: 5000.0, y: 5000.0 });
    let whole = crate::diagram::diagram(&registry, &[], None);
    assert!(whole.tables[0].pinned);
    assert_eq!((whole.tables[0].rect.x, whole.tables[0].rect.y), (5000.0, 5000.0), "the layout honours the registry's pin");
    let e = &whole.edges[0];
    let only = [whole.tables[e.child].table_ref(), whole.tables[e.parent].table_ref()];
    let focus = crate::diagram::diagram(&registry, &[], Some(&only));
    assert_eq!(focus.tables.len(), 2);
    assert_eq!(focus.edges.len(), 1);
    assert!(focus.tables.iter().all(|t| !t.pinned && t.rect.x < 5000.0));
    assert!(focus.groups.len() <= 2);
    for t in &focus.tables {
        assert!(t.group.is_none_or(|g| g < focus.groups.len()));
    }
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

/// The TypeScript declarations of the shell's own IPC types, generated from these Rust types by
/// ts-rs. `ui/src/ipc/generated.ts` must be exactly this; `RELATA_UPDATE_TYPES=1 cargo test`
/// rewrites it after a change.
#[test]
fn ui_ipc_generated_ts_is_up_to_date() {
    use ts_rs::TS;
    let cfg = ts_rs::Config::default();
    let mut out = String::from(
        "// Generated from the Rust types of src-tauri/src by ts-rs in the test\n\
         // `ui_ipc_generated_ts_is_up_to_date` (src-tauri/src/tests.rs): do not edit. After changing\n\
         // one of the types, run `RELATA_UPDATE_TYPES=1 cargo test -p relata-app ui_ipc_generated`.\n\n\
         // The model's types these name (`ts(type = …)` in the Rust), from the model's own generated file.\n\
         import type {\n  AvailabilityStatus, Cardinality, ConnectionType, Diagnostic, Edit, EnforcementMode, IndexMethod, LineageKind, Location,\n  \
         MatchType, ReferentialAction, Relationship, RelationshipId, RelationshipType, RowType, Severity, Signal, SignalRole,\n  \
         Table, TableId, TableRef, TableStatus,\n} from \"./model.generated\";\n",
    );
    let decls = [
        crate::error::ErrorCode::decl(&cfg),
        crate::error::IpcError::decl(&cfg),
        crate::state::EditState::decl(&cfg),
        crate::recovery::RecoveryOffer::decl(&cfg),
        crate::settings::ThemeChoice::decl(&cfg),
        crate::settings::RecentWorkspace::decl(&cfg),
        crate::settings::SettingsView::decl(&cfg),
        crate::sync::Connection::decl(&cfg),
        crate::sync::SyncTarget::decl(&cfg),
        crate::sync::ResolveChoice::decl(&cfg),
        crate::sync::Direction::decl(&cfg),
        crate::sync::SyncOutcome::decl(&cfg),
        crate::sync::SyncConflict::decl(&cfg),
        crate::sync::ConflictField::decl(&cfg),
        crate::commands::DiskConflict::decl(&cfg),
        crate::commands::DiskField::decl(&cfg),
        crate::commands::DiskChoice::decl(&cfg),
        crate::commands::DiskReview::decl(&cfg),
        crate::state::DiskNews::decl(&cfg),
        crate::import::ImportFormat::decl(&cfg),
        crate::import::ImportPreview::decl(&cfg),
        crate::relate::RelationshipProposal::decl(&cfg),
        crate::relate::LineEnd::decl(&cfg),
        crate::clipboard::TablesCopy::decl(&cfg),
        crate::clipboard::TablesPaste::decl(&cfg),
        crate::import::ImportDiagnostic::decl(&cfg),
        crate::import::EntryChange::decl(&cfg),
        crate::import::FieldChange::decl(&cfg),
        crate::detail::Vocabularies::decl(&cfg),
        crate::overview::WorkspaceOverview::decl(&cfg),
        crate::overview::ModuleGroup::decl(&cfg),
        crate::overview::TableSummary::decl(&cfg),
        crate::detail::TableDetail::decl(&cfg),
        crate::detail::ColumnDetail::decl(&cfg),
        crate::detail::PartialDetail::decl(&cfg),
        crate::detail::PartialEditProposal::decl(&cfg),
        crate::detail::RelationshipSummary::decl(&cfg),
        crate::detail::DiagramLineSummary::decl(&cfg),
        crate::detail::PartitionSummary::decl(&cfg),
        crate::detail::RelationshipSide::decl(&cfg),
        crate::detail::Finding::decl(&cfg),
        crate::detail::SearchIndex::decl(&cfg),
        crate::detail::TableEntry::decl(&cfg),
        crate::detail::ColumnEntry::decl(&cfg),
        crate::detail::RelationshipEntry::decl(&cfg),
        crate::commands::RulePresets::decl(&cfg),
        crate::export::ExportRequest::decl(&cfg),
        crate::diagram::Diagram::decl(&cfg),
        crate::diagram::DiagramTable::decl(&cfg),
        crate::diagram::DiagramColumn::decl(&cfg),
        crate::diagram::DiagramPartition::decl(&cfg),
        crate::diagram::TableKind::decl(&cfg),
        crate::diagram::DiagramGroup::decl(&cfg),
        crate::diagram::DiagramEdge::decl(&cfg),
        crate::diagram::Box2::decl(&cfg),
        crate::diagram::BoxSide::decl(&cfg),
        crate::diagram::End::decl(&cfg),
        crate::diagram::Metrics::decl(&cfg),
        crate::changes::CompareWith::decl(&cfg),
        crate::changes::ChangesRequest::decl(&cfg),
        crate::changes::ChangesView::decl(&cfg),
        crate::changes::ChangeGroupView::decl(&cfg),
        crate::changes::DiffEntry::decl(&cfg),
        crate::changes::DocsRequest::decl(&cfg),
        crate::changes::DocsFormatChoice::decl(&cfg),
        crate::changes::DocsWritten::decl(&cfg),
        crate::changes::JobProgress::decl(&cfg),
    ];
    for decl in decls {
        out.push_str("\nexport ");
        out.push_str(&decl);
        out.push('\n');
    }
    // `ExportRequest::format` is a name `relata_formats::export::ExportFormat::from_name` reads
    // (a string, so an unknown one is an `InvalidRequest`, not a failed call): the union of the
    // names, from the list of formats.
    let formats: Vec<String> = relata_formats::export::ExportFormat::ALL
        .iter()
        .map(|f| f.name())
        .chain(crate::export::PICTURES)
        .map(|name| format!("\"{name}\""))
        .collect();
    out.push_str(&format!("\n/** The export formats, by the name the shell and `relata export --to` take. */\nexport type ExportFormat = {};\n", formats.join(" | ")));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/ipc/generated.ts");
    if std::env::var_os("RELATA_UPDATE_TYPES").is_some() {
        std::fs::write(&path, &out).expect("write generated.ts");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == out, "{} is out of date: run RELATA_UPDATE_TYPES=1 cargo test -p relata-app ui_ipc_generated\n{out}", path.display());
}

/// Real serde_json of the shell's views, each held by svelte-check to its generated declaration
/// with `satisfies` (`ui/src/ipc/samples.generated.ts`): the declarations say what serde sends.
/// `RELATA_UPDATE_TYPES=1 cargo test` rewrites the file after a change of a view (or of the
/// layout, which the diagram sample is).
#[test]
fn ui_ipc_samples_are_up_to_date() {
    use relata_model::RegistryKind::{RelationshipRegistry, SignalRegistry, TableOverview};
    let registry = two_modules();
    let diagnostics = vec![
        Diagnostic::error("R301", Location::entry(RelationshipRegistry, &relationship_entry(&registry, "fact_run__ref_method"), None), "about its FK"),
        Diagnostic::warning("R101", Location::entry(TableOverview, &table_entry(&registry, "core_data", "fact_run"), Some("table_prefix")), "about fact_run"),
        Diagnostic::warning("R201", Location::entry(SignalRegistry, &signal_entry(&registry, "core_data", "fact_run", "method_id"), None), "about a column"),
        Diagnostic::warning("L104", Location::file("two-modules/table_overview.csv", 3, 14), "about the file"),
        Diagnostic::warning("R102", Location::Workspace, "not about a table"),
    ];
    fn pretty<T: serde::Serialize>(value: &T) -> String {
        serde_json::to_string_pretty(value).expect("views serialize")
    }
    let detail = crate::detail::table_detail(&registry, &diagnostics, &relata_model::TableRef::new("core_data", "fact_run")).unwrap();
    // A comparison of the workspace with a copy whose run table has a new purpose and no relationship.
    let mut changed = registry.clone();
    changed.tables[1].purpose = Some("Every run of a method".to_owned());
    changed.relationships.clear();
    let found = relata_formats::diff::changes(&registry, &changed);
    let comparison = relata_workspace::Comparison {
        old: "the last save".to_owned(),
        new: "the workspace".to_owned(),
        drift: false,
        groups: relata_workspace::group_by_table(&found, &registry, &changed),
        changes: found,
        // A script of its own, so the sample does not change with every wording of the migration's.
        migration: relata_workspace::Migration {
            sql: "BEGIN;\nALTER TABLE core_data.fact_run DROP CONSTRAINT fk_fact_run__ref_method__method_id;\nCOMMIT;\n".to_owned(),
            destructive: Vec::new(),
            manual: vec!["an example of a manual step".to_owned()],
            warnings: vec!["an example of a warning".to_owned()],
        },
        warnings: Vec::new(),
    };
    let samples: [(&str, &str, String); 6] = [
        ("overview", "WorkspaceOverview", pretty(&overview(Path::new("workspaces/two-modules"), &registry, &diagnostics))),
        ("changes", "ChangesView", pretty(&crate::changes::ChangesView::from(&comparison))),
        ("tableDetail", "TableDetail", pretty(&detail)),
        ("findings", "Finding[]", pretty(&crate::detail::findings(&registry, &diagnostics))),
        ("searchIndex", "SearchIndex", pretty(&crate::detail::search_index(&registry))),
        ("diagram", "Diagram", pretty(&crate::diagram::diagram(&registry, &[], None))),
    ];
    let mut out = String::from(
        "// Generated from the shell's views by serde_json in the test `ui_ipc_samples_are_up_to_date`\n\
         // (src-tauri/src/tests.rs): do not edit. Real JSON of a small workspace; svelte-check holds\n\
         // each sample to its generated declaration.\n\n\
         import type { ChangesView, Diagram, Finding, SearchIndex, TableDetail, WorkspaceOverview } from \"./generated\";\n",
    );
    for (name, ty, json) in samples {
        out.push_str(&format!("\nexport const {name} = {json} satisfies {ty};\n"));
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/ipc/samples.generated.ts");
    if std::env::var_os("RELATA_UPDATE_TYPES").is_some() {
        std::fs::write(&path, &out).expect("write samples.generated.ts");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == out, "{} is out of date: run RELATA_UPDATE_TYPES=1 cargo test -p relata-app ui_ipc_samples\n{out}", path.display());
}


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
