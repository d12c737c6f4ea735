//! Exports of a workspace: the text formats (`relata_formats::export`) and the diagram's
//! pictures, behind one request both front ends build, and the findings that would make an
//! export fail in the tool that reads it.

use relata_formats::export::{breaking_findings, export, ExportOptions, RequestError};
use relata_model::Diagnostic;

use crate::{Error, ErrorKind, Workspace};

/// The text formats a registry exports to (`relata_formats::export::ExportFormat`).
pub use relata_formats::export::ExportFormat;

/// Pixels per diagram unit of an exported PNG: sharp on a high-density screen and in print.
pub const PNG_SCALE: f32 = 2.0;

/// What an export writes: a text format, or a picture of the diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportTarget {
    /// One of the text formats.
    Text(ExportFormat),
    /// The diagram as SVG (what `relata render` draws).
    Svg,
    /// The diagram as PNG, rasterised from the SVG with this machine's fonts.
    Png,
}

impl ExportTarget {
    /// The pictures, by name, offered beside the text formats.
    pub const PICTURES: [ExportTarget; 2] = [ExportTarget::Svg, ExportTarget::Png];

    /// The target named `name`: a text format's name (`dbml`, `mermaid`, `sql`,
    /// `registry-sql`), `svg` or `png`. An unknown name is an [`ErrorKind::InvalidRequest`].
    pub fn parse(name: &str) -> Result<Self, Error> {
        match (ExportFormat::from_name(name), name) {
            (Some(format), _) => Ok(ExportTarget::Text(format)),
            (None, "svg") => Ok(ExportTarget::Svg),
            (None, "png") => Ok(ExportTarget::Png),
            (None, _) => Err(Error::about(ErrorKind::InvalidRequest, RequestError::UnknownFormat(name.to_owned()).to_string(), name)),
        }
    }

    /// Its name, as [`Self::parse`] reads it.
    pub fn name(self) -> &'static str {
        match self {
            ExportTarget::Text(format) => format.name(),
            ExportTarget::Svg => "svg",
            ExportTarget::Png => "png",
        }
    }

    /// What it is, in a few words for a menu or `--help`.
    pub fn description(self) -> &'static str {
        match self {
            ExportTarget::Text(ExportFormat::Dbml) => "DBML as dbdiagram.io reads it",
            ExportTarget::Text(ExportFormat::Mermaid) => "A Mermaid erDiagram",
            ExportTarget::Text(ExportFormat::Sql) => "PostgreSQL DDL",
            ExportTarget::Text(ExportFormat::RegistrySql) => "The registries as INSERTs for registries/ddl/",
            ExportTarget::Svg => "Scalable vector graphics: the same geometry the app draws",
            ExportTarget::Png => "A bitmap rendered from that SVG with resvg (DejaVu Sans from the system)",
        }
    }
}

/// What to export: the target and what part of the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    /// The format or picture.
    pub target: ExportTarget,
    /// Only these modules; empty: all.
    pub modules: Vec<String>,
    /// Only tables with these statuses (as typed); empty: all.
    pub statuses: Vec<String>,
    /// Also relationships that are not active.
    pub include_inactive: bool,
    /// SQL: leave out the kept `ALTER … OWNER TO` statements (`pg_dump --no-owner`).
    pub no_owner: bool,
    /// SQL: leave out the kept grants and revokes (`pg_dump --no-privileges`).
    pub no_privileges: bool,
}

impl ExportRequest {
    /// All of the registry as `target`.
    pub fn new(target: ExportTarget) -> Self {
        Self { target, modules: Vec::new(), statuses: Vec::new(), include_inactive: false, no_owner: false, no_privileges: false }
    }
}

impl Workspace {
    /// The export `request` asks for, as text (a text format or the SVG picture); generated
    /// SQL names follow the workspace's rules. A PNG is not text: [`Self::export`] makes it.
    pub fn export_text(&self, request: &ExportRequest) -> Result<String, Error> {
        let options = self.export_options(request)?;
        match request.target {
            ExportTarget::Text(format) => Ok(export(self.registry(), format, &options, &self.rules)),
            ExportTarget::Svg => Ok(crate::diagram::picture(self.registry(), &request.modules, &request.statuses)),
            ExportTarget::Png => Err(Error::new(ErrorKind::InvalidRequest, "a PNG is a picture, not text: save it to a file")),
        }
    }

    /// The bytes of the export `request` asks for: the text, or for a PNG the SVG picture
    /// rasterised at [`PNG_SCALE`] with this machine's fonts.
    pub fn export(&self, request: &ExportRequest) -> Result<Vec<u8>, Error> {
        if request.target != ExportTarget::Png {
            return self.export_text(request).map(String::into_bytes);
        }
        self.export_options(request)?;
        let svg = crate::diagram::picture(self.registry(), &request.modules, &request.statuses);
        rasterise(&svg, PNG_SCALE)
    }

    /// Writes the export `request` asks for to the file `path`, atomically (a reader sees the
    /// old file or the new one); returns the number of bytes written.
    pub fn export_to_file(&self, request: &ExportRequest, path: &std::path::Path) -> Result<usize, Error> {
        let bytes = self.export(request)?;
        relata_store::write_file(path, &bytes)?;
        Ok(bytes.len())
    }

    /// The findings that make the export `request` asks for fail in the tool that reads it
    /// (`relata_formats::export::breaking_findings`); none for a picture.
    pub fn export_breaking(&self, request: &ExportRequest) -> Result<Vec<&Diagnostic>, Error> {
        let options = self.export_options(request)?;
        Ok(match request.target {
            ExportTarget::Text(format) => breaking_findings(self.registry(), format, &options, self.findings()),
            ExportTarget::Svg | ExportTarget::Png => Vec::new(),
        })
    }

    /// The request's modules and statuses checked against the registry.
    fn export_options(&self, request: &ExportRequest) -> Result<ExportOptions, Error> {
        let options = ExportOptions::checked(self.registry(), &request.modules, &request.statuses, request.include_inactive).map_err(|e| {
            let (kind, subject) = match &e {
                RequestError::UnknownModule { module, .. } => (ErrorKind::UnknownModule, module.clone()),
                RequestError::UnknownStatus(unknown) => (ErrorKind::InvalidRequest, unknown.value.clone()),
                RequestError::UnknownFormat(name) => (ErrorKind::InvalidRequest, name.clone()),
                // A case added to the formats later: the message still names it.
                _ => (ErrorKind::InvalidRequest, String::new()),
            };
            Error::about(kind, e.to_string(), subject)
        })?;
        Ok(ExportOptions { no_owner: request.no_owner, no_privileges: request.no_privileges, ..options })
    }
}

/// `svg` rasterised at `scale` pixels per unit with this machine's fonts.
pub fn rasterise(svg: &str, scale: f32) -> Result<Vec<u8>, Error> {
    let mut fonts = relata_layout::png::fontdb::Database::new();
    fonts.load_system_fonts();
    relata_layout::png::rasterise(svg, std::sync::Arc::new(fonts), scale)
        .map_err(|e| Error::new(ErrorKind::Io, format!("the PNG could not be made: {e}")))
}
