//! Build script of the Relata app: resolves the Tauri config, capabilities and command permissions.

/// Every IPC command of the app. Tauri generates `allow-<command>` permissions for each, and
/// the capability in `src-tauri/capabilities/` grants exactly these, nothing else.
const COMMANDS: &[&str] = &["open_workspace", "new_workspace", "workspace_overview", "workspace_diagnostics", "table_detail", "search_index",
    "apply_edit",
    "propose_relationship",
    "propose_drop",
    // A relationship's end dragged on the canvas; copy and paste of tables.
    "repoint_relationship",
    "copy_tables",
    "paste_tables",
    "partial_edit",
    "undo",
    "redo",
    "edit_state",
    "save_workspace",
    "save_workspace_as",
    "recovery_offer",
    "restore_recovery",
    "discard_recovery",
    "vocabularies",
    "export_text",
    "export_breaking",
    "export_to_file",
    "diagram",
    "rule_presets",
    "set_rule_preset",
    "settings",
    "set_theme",
    "forget_recent",
    "sync_target",
    "sync_pull",
    "sync_push",
    "import_preview",
    "import_apply",
    "disk_merge",
    "resolve_disk_merge",
    "review_disk_changes",
    "compare_changes",
    "save_migration",
    "write_docs",
    "job_progress",
    "cancel_job",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
