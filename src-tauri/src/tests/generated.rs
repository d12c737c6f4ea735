//! The window's TypeScript types and samples, generated from the shell's and the model's types
//! (`RELATA_UPDATE_TYPES=1` writes them); the tests fail when the committed files are stale.

use super::*;

/// The TypeScript declarations of the shell's own IPC types, generated from these Rust types by
/// ts-rs. `ui/src/ipc/generated.ts` must be exactly this; `RELATA_UPDATE_TYPES=1 cargo test`
/// rewrites it after a change.
#[test]
fn ui_ipc_generated_ts_is_up_to_date() {
    use ts_rs::TS;
    let cfg = ts_rs::Config::default();
    let mut out = String::from(
        "// Generated from the Rust types of src-tauri/src by ts-rs in the test\n\
         // `ui_ipc_generated_ts_is_up_to_date` (src-tauri/src/tests/generated.rs): do not edit. After changing\n\
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
         // (src-tauri/src/tests/generated.rs): do not edit. Real JSON of a small workspace; svelte-check holds\n\
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
