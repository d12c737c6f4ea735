//! `relata export`: load, check the scope the user asked for, refuse (unless `--force`) when
//! `relata_formats::export::breaking_findings` names findings that make the output fail in its
//! consumer, call `relata_formats::export::export`, write the text atomically or to standard
//! output.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::ValueEnum;
use relata_formats::export::{breaking_findings, export, ExportFormat, ExportOptions};
use relata_model::Diagnostic;
use relata_rules::RuleSet;

/// `--to`: the export formats, by their command-line names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Target {
    /// DBML as dbdiagram.io reads it.
    Dbml,
    /// A Mermaid erDiagram.
    Mermaid,
    /// PostgreSQL DDL.
    Sql,
    /// The registries as INSERTs for registries/ddl/.
    RegistrySql,
}

impl From<Target> for ExportFormat {
    fn from(target: Target) -> Self {
        match target {
            Target::Dbml => ExportFormat::Dbml,
            Target::Mermaid => ExportFormat::Mermaid,
            Target::Sql => ExportFormat::Sql,
            Target::RegistrySql => ExportFormat::RegistrySql,
        }
    }
}

/// What `relata export` was asked for.
#[derive(Debug)]
pub struct Request {
    /// The format.
    pub to: Target,
    /// The file to write, or standard output.
    pub output: Option<PathBuf>,
    /// `--module` values.
    pub modules: Vec<String>,
    /// `--status` values, unparsed.
    pub statuses: Vec<String>,
    /// `--include-inactive`.
    pub include_inactive: bool,
    /// `--no-owner`.
    pub no_owner: bool,
    /// `--no-privileges`.
    pub no_privileges: bool,
    /// `--preset`.
    pub preset: String,
    /// `--force`: write even when findings break the output.
    pub force: bool,
}

/// Runs `relata export`.
pub async fn run(workspace: &Path, request: &Request) -> Result<ExitCode> {
    let rules = RuleSet::named(&request.preset)?;
    let loaded = relata_store::load(workspace).await?;
    let errors: Vec<&Diagnostic> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    if !errors.is_empty() {
        for d in &errors {
            eprintln!("{d}");
        }
        eprintln!("{}: {} load error(s); nothing was exported", workspace.display(), errors.len());
        return Ok(ExitCode::from(1));
    }
    let registry = &loaded.registry;
    let mut options = ExportOptions::checked(registry, &request.modules, &request.statuses, request.include_inactive)
        .map_err(|e| anyhow::anyhow!("{}: {e}", workspace.display()))?;
    options.no_owner = request.no_owner;
    options.no_privileges = request.no_privileges;
    let format = ExportFormat::from(request.to);
    let findings = relata_rules::check(registry, &rules);
    let breaking = breaking_findings(registry, format, &options, &findings);
    if !breaking.is_empty() {
        for d in &breaking {
            eprintln!("{d}");
        }
        let consumer = format.consumer();
        if !request.force {
            eprintln!(
                "{}: {} finding(s) would make {consumer} reject the {} export; nothing was written (fix them, or export anyway with --force)",
                workspace.display(),
                breaking.len(),
                format.name()
            );
            return Ok(ExitCode::from(1));
        }
        eprintln!("{}: exported with --force although {consumer} will reject it ({} finding(s))", workspace.display(), breaking.len());
    }
    let text = export(registry, format, &options, &rules);
    match &request.output {
        Some(path) => {
            relata_store::write_file(path, text.as_bytes())?;
            eprintln!("wrote {} ({} bytes, {})", path.display(), text.len(), ExportFormat::from(request.to).name());
        }
        None => std::io::stdout().lock().write_all(text.as_bytes()).context("cannot write to standard output")?,
    }
    Ok(ExitCode::SUCCESS)
}
