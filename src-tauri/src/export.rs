//! Exports from the window: the request the export dialog sends, turned into
//! `relata_formats::export::export` options; the text for the preview, or written to a file.

use relata_formats::export::{export, ExportFormat, ExportOptions};
use relata_model::{Registry, TableStatus, Vocabulary};
use serde::Deserialize;

use crate::error::{ErrorCode, IpcError};

/// What the export dialog asks for.
#[derive(Debug, Clone, Deserialize)]
pub struct ExportRequest {
    /// `dbml`, `mermaid`, `sql` or `registry-sql`.
    pub format: String,
    /// Only these modules; empty: all.
    #[serde(default)]
    pub modules: Vec<String>,
    /// Only tables with these statuses; empty: all.
    #[serde(default)]
    pub statuses: Vec<String>,
    /// Also relationships that are not active.
    #[serde(default)]
    pub include_inactive: bool,
}

/// The export text of `registry` for `request`; generated SQL names follow `rules`.
pub fn export_text(registry: &Registry, request: &ExportRequest, rules: &relata_rules::RuleSet) -> Result<String, IpcError> {
    let format = ExportFormat::ALL
        .into_iter()
        .find(|f| f.name() == request.format)
        .ok_or_else(|| invalid(format!("unknown export format `{}`; use dbml, mermaid, sql or registry-sql", request.format)))?;
    let statuses = request
        .statuses
        .iter()
        .map(|s| <TableStatus as Vocabulary>::parse(s).map_err(|e| invalid(e.to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    let known = registry.module_names();
    if let Some(unknown) = request.modules.iter().find(|m| !known.contains(&m.as_str())) {
        return Err(invalid(format!("the workspace has no module `{unknown}`")));
    }
    let options = ExportOptions { modules: request.modules.clone(), statuses, include_inactive: request.include_inactive };
    Ok(export(registry, format, &options, rules))
}

fn invalid(message: String) -> IpcError {
    IpcError::new(ErrorCode::InvalidRequest, message)
}
