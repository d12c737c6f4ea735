//! Exports from the window: the request the export dialog sends, turned into
//! `relata_formats::export::export` options; the text for the preview, or written to a file.

use relata_formats::export::{export, ExportFormat, ExportOptions, RequestError};
use relata_model::Registry;
use serde::Deserialize;

use crate::error::{ErrorCode, IpcError};

/// What the export dialog asks for.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ExportRequest {
    /// `dbml`, `mermaid`, `sql` or `registry-sql` (`ExportFormat::name`; the window's
    /// `ExportFormat` is the union of those names, generated from `ExportFormat::ALL`).
    #[cfg_attr(test, ts(type = "ExportFormat"))]
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
    let format = ExportFormat::from_name(&request.format)
        .ok_or_else(|| invalid(RequestError::UnknownFormat(request.format.clone()).to_string()))?;
    let options = ExportOptions::checked(registry, &request.modules, &request.statuses, request.include_inactive).map_err(|e| {
        invalid(match e {
            // The window lists the modules itself; the message only names the missing one.
            RequestError::UnknownModule { module, .. } => format!("the workspace has no module `{module}`"),
            other => other.to_string(),
        })
    })?;
    Ok(export(registry, format, &options, rules))
}

fn invalid(message: String) -> IpcError {
    IpcError::new(ErrorCode::InvalidRequest, message)
}
