//! Exports from the window: the request the export dialog sends, turned into
//! `relata_formats::export::export` options; the text for the preview, or written to a file;
//! and the findings that would make it fail in its consumer
//! (`relata_formats::export::breaking_findings`), which the dialog lists before it writes.

use relata_formats::export::{breaking_findings, export, ExportFormat, ExportOptions, RequestError};
use relata_model::{Diagnostic, Registry};
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

/// The pictures of the diagram the export dialog offers beside the text formats.
pub const PICTURES: [&str; 2] = ["svg", "png"];

/// Pixels per diagram unit of an exported PNG: sharp on a high-density screen and in print.
pub const PNG_SCALE: f32 = 2.0;

/// The export text of `registry` for `request` (a text format, or the SVG picture);
/// generated SQL names follow `rules`. A PNG is not text: [`export_bytes`] makes it.
pub fn export_text(registry: &Registry, request: &ExportRequest, rules: &relata_rules::RuleSet) -> Result<String, IpcError> {
    let options = checked(registry, request)?;
    match request.format.as_str() {
        "svg" => Ok(crate::diagram::picture(registry, &request.modules, &request.statuses)),
        "png" => Err(invalid("a PNG is a picture, not text: save it to a file".to_owned())),
        name => {
            let format = ExportFormat::from_name(name).ok_or_else(|| invalid(RequestError::UnknownFormat(name.to_owned()).to_string()))?;
            Ok(export(registry, format, &options, rules))
        }
    }
}

/// The bytes a file export writes: the text, or for `png` the SVG picture rasterised at
/// [`PNG_SCALE`] with this machine's fonts.
pub fn export_bytes(registry: &Registry, request: &ExportRequest, rules: &relata_rules::RuleSet) -> Result<Vec<u8>, IpcError> {
    if request.format != "png" {
        return export_text(registry, request, rules).map(String::into_bytes);
    }
    checked(registry, request)?;
    let svg = crate::diagram::picture(registry, &request.modules, &request.statuses);
    let mut fonts = relata_layout::png::fontdb::Database::new();
    fonts.load_system_fonts();
    relata_layout::png::rasterise(&svg, std::sync::Arc::new(fonts), PNG_SCALE)
        .map_err(|e| IpcError::new(ErrorCode::Io, format!("the PNG could not be made: {e}")))
}

/// The findings among `diagnostics` (the workspace's) that make `request`'s export fail in
/// the tool that reads it, as the findings panel shows them; none for a picture.
pub fn export_breaking(registry: &Registry, request: &ExportRequest, diagnostics: &[Diagnostic]) -> Result<Vec<Finding>, IpcError> {
    let options = checked(registry, request)?;
    if PICTURES.contains(&request.format.as_str()) {
        return Ok(Vec::new());
    }
    let format = ExportFormat::from_name(&request.format).ok_or_else(|| invalid(RequestError::UnknownFormat(request.format.clone()).to_string()))?;
    let breaking: Vec<Diagnostic> = breaking_findings(registry, format, &options, diagnostics).into_iter().cloned().collect();
    Ok(crate::detail::findings(registry, &breaking))
}

/// The request's modules and statuses checked against the registry.
fn checked(registry: &Registry, request: &ExportRequest) -> Result<ExportOptions, IpcError> {
    let options = ExportOptions::checked(registry, &request.modules, &request.statuses, request.include_inactive).map_err(|e| {
        invalid(match e {
            // The window lists the modules itself; the message only names the missing one.
            RequestError::UnknownModule { module, .. } => format!("the workspace has no module `{module}`"),
            other => other.to_string(),
        })
    })?;
    Ok(ExportOptions { no_owner: request.no_owner, no_privileges: request.no_privileges, ..options })
}

fn invalid(message: String) -> IpcError {
    IpcError::new(ErrorCode::InvalidRequest, message)
}
