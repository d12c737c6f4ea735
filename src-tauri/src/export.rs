//! Exports from the window: the request the export dialog sends, turned into the workspace's
//! `ExportRequest`; the text for the preview, or the bytes written to a file; and the findings
//! that would make it fail in its consumer, which the dialog lists before it writes.

use relata_model::Diagnostic;
use relata_workspace::{ExportTarget, Workspace};
use serde::Deserialize;

use crate::detail::Finding;
use crate::error::{ErrorCode, IpcError};

/// What the export dialog asks for.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ExportRequest {
    /// `dbml`, `mermaid`, `sql` or `registry-sql` (`ExportFormat::name`), or a picture of the
    /// diagram, `svg` or `png` ([`PICTURES`]); the window's `ExportFormat` is the union of
    /// those names, generated from `ExportFormat::ALL` and `PICTURES`.
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
    /// SQL: leave out the kept `ALTER … OWNER TO` statements (`pg_dump --no-owner`).
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<bool>"))]
    pub no_owner: bool,
    /// SQL: leave out the kept grants and revokes (`pg_dump --no-privileges`).
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<bool>"))]
    pub no_privileges: bool,
}

/// The pictures of the diagram the export dialog offers beside the text formats: the names of
/// `relata_workspace::ExportTarget::PICTURES`.
pub const PICTURES: [&str; 2] = ["svg", "png"];

impl ExportRequest {
    /// The workspace's request: the format name read, the rest as sent.
    fn to_workspace(&self) -> Result<relata_workspace::ExportRequest, IpcError> {
        Ok(relata_workspace::ExportRequest {
            target: ExportTarget::parse(&self.format)?,
            modules: self.modules.clone(),
            statuses: self.statuses.clone(),
            include_inactive: self.include_inactive,
            no_owner: self.no_owner,
            no_privileges: self.no_privileges,
        })
    }
}

/// The export text of the open workspace for `request` (a text format, or the SVG picture).
pub fn export_text(workspace: &Workspace, request: &ExportRequest) -> Result<String, IpcError> {
    workspace.export_text(&request.to_workspace()?).map_err(module_error)
}

/// Writes the export to the file `path` (atomically); returns the number of bytes written.
pub fn export_to_file(workspace: &Workspace, request: &ExportRequest, path: &std::path::Path) -> Result<usize, IpcError> {
    workspace.export_to_file(&request.to_workspace()?, path).map_err(module_error)
}

/// The findings of the open workspace that make `request`'s export fail in the tool that
/// reads it, as the findings panel shows them; none for a picture.
pub fn export_breaking(workspace: &Workspace, request: &ExportRequest) -> Result<Vec<Finding>, IpcError> {
    let breaking: Vec<Diagnostic> = workspace.export_breaking(&request.to_workspace()?).map_err(module_error)?.into_iter().cloned().collect();
    Ok(crate::detail::findings(workspace.registry(), &breaking))
}

/// The window lists the modules itself, so an unknown module's message only names it.
fn module_error(error: relata_workspace::Error) -> IpcError {
    match (error.kind, &error.subject) {
        (relata_workspace::ErrorKind::UnknownModule, Some(module)) => {
            IpcError::new(ErrorCode::InvalidRequest, format!("the workspace has no module `{module}`"))
        }
        _ => error.into(),
    }
}
