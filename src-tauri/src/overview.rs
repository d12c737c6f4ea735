//! The workspace overview the window shows: tables grouped by module, with counts. These types
//! are serializable because they cross IPC; the projection from a `Registry` is a plain
//! function, tested without Tauri.

use std::path::Path;

use relata_model::{Diagnostic, Registry, Severity, Table, Vocabulary};
use serde::Serialize;

/// What the window lists about the open workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct WorkspaceOverview {
    /// The workspace's path: a registry folder or a `.relata` file.
    pub path: String,
    /// One group per module, in the registry's module order.
    pub groups: Vec<ModuleGroup>,
    /// Number of `table_overview` rows.
    pub table_count: usize,
    /// Number of `relationship_registry` rows.
    pub relationship_count: usize,
    /// Diagnostics of severity error found while loading.
    pub error_count: usize,
    /// Diagnostics of severity warning found while loading.
    pub warning_count: usize,
}

/// The tables of one module: a table group of the diagram.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ModuleGroup {
    /// `module_name`.
    pub module: String,
    /// The group colour, `#rrggbb`, when the module has one.
    pub color: Option<String>,
    /// The module's tables, in registry order.
    pub tables: Vec<TableSummary>,
}

/// One table as the overview lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TableSummary {
    /// `schema_name`.
    pub schema: String,
    /// `table_name`.
    pub name: String,
    /// Lifecycle status, e.g. `stable`.
    #[cfg_attr(test, ts(type = "TableStatus"))]
    pub status: &'static str,
    /// `table_prefix`, e.g. `ref_`, when set.
    pub prefix: Option<String>,
    /// Number of registered columns (binding signals).
    pub column_count: usize,
}

/// Projects a loaded registry onto the overview. Modules declared without tables are listed
/// too (empty), so a new module shows up before its first table does.
pub fn overview(path: &Path, registry: &Registry, diagnostics: &[Diagnostic]) -> WorkspaceOverview {
    let columns = registry.columns_by_table();
    let column_count = |t: &Table| columns.get(&t.table_ref()).map_or(0, Vec::len);
    let groups = registry
        .module_names()
        .into_iter()
        .map(|module| ModuleGroup {
            module: module.to_owned(),
            color: registry.module(module).and_then(|m| m.color.clone()),
            tables: registry.tables.iter().filter(|t| t.module == module).map(|t| summary(t, column_count(t))).collect(),
        })
        .collect();
    let count = |severity: Severity| diagnostics.iter().filter(|d| d.severity == severity).count();
    WorkspaceOverview {
        path: path.display().to_string(),
        groups,
        table_count: registry.tables.len(),
        relationship_count: registry.relationships.len(),
        error_count: count(Severity::Error),
        warning_count: count(Severity::Warning),
    }
}

fn summary(table: &Table, column_count: usize) -> TableSummary {
    TableSummary {
        schema: table.schema.clone(),
        name: table.name.clone(),
        status: table.status.as_str(),
        prefix: table.prefix.clone(),
        column_count,
    }
}
