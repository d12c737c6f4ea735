//! `relata export`: open the workspace, refuse (unless `--force`) when
//! `Workspace::export_breaking` names findings that make the output fail in its consumer, write
//! `Workspace::export_text` atomically or to standard output.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::builder::PossibleValue;
use clap::ValueEnum;
use relata_model::Diagnostic;
use relata_rules::RuleSet;
use relata_workspace::{ExportFormat, ExportRequest, ExportTarget, Workspace};

/// `--to`: a text export format (`relata_workspace::ExportFormat`), by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target(ExportFormat);

/// Every text format, in menu order, as `--to` lists them.
const TARGETS: [Target; 4] =
    [Target(ExportFormat::ALL[0]), Target(ExportFormat::ALL[1]), Target(ExportFormat::ALL[2]), Target(ExportFormat::ALL[3])];

impl ValueEnum for Target {
    fn value_variants<'a>() -> &'a [Self] {
        &TARGETS
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let target = ExportTarget::Text(self.0);
        Some(PossibleValue::new(target.name()).help(target.description()))
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
    let opened = Workspace::open_with(workspace, rules).await?;
    let errors: Vec<&Diagnostic> = opened.load_diagnostics().iter().filter(|d| d.is_error()).collect();
    if !errors.is_empty() {
        for d in &errors {
            eprintln!("{d}");
        }
        eprintln!("{}: {} load error(s); nothing was exported", workspace.display(), errors.len());
        return Ok(ExitCode::from(1));
    }
    let format = request.to.0;
    let export = ExportRequest {
        modules: request.modules.clone(),
        statuses: request.statuses.clone(),
        include_inactive: request.include_inactive,
        no_owner: request.no_owner,
        no_privileges: request.no_privileges,
        ..ExportRequest::new(ExportTarget::Text(format))
    };
    let breaking = opened.export_breaking(&export).map_err(|e| anyhow::anyhow!("{}: {e}", workspace.display()))?;
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
    match &request.output {
        Some(path) => {
            let written = opened.export_to_file(&export, path)?;
            eprintln!("wrote {} ({written} bytes, {})", path.display(), format.name());
        }
        None => std::io::stdout().lock().write_all(opened.export_text(&export)?.as_bytes()).context("cannot write to standard output")?,
    }
    Ok(ExitCode::SUCCESS)
}
