//! `relata docs`: the documentation relata-docs makes of a workspace, written to a folder
//! through `relata_workspace` (`Workspace::docs`, `DocsJob::write`: each file atomically).
//! This file only reads the arguments and prints what was written.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use relata_rules::RuleSet;
use relata_workspace::{DocsRequest, Job, Workspace};

/// The page formats `docs` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DocsFormat {
    /// GitHub Markdown: README.md and modules/*.md, with SVG diagrams beside them.
    Markdown,
    /// Static HTML: index.html and modules/*.html, a stylesheet and SVG diagrams.
    Html,
}

/// What to document and where.
#[derive(Debug, Clone)]
pub struct Request {
    /// Registry folder or `.relata` file.
    pub workspace: PathBuf,
    /// Output folder.
    pub output: PathBuf,
    /// Page format.
    pub format: DocsFormat,
    /// Only these modules; empty for all.
    pub modules: Vec<String>,
    /// Rule preset of the findings.
    pub preset: String,
}

/// `relata docs`: exits 0 once every file is written.
pub async fn run(request: &Request) -> Result<ExitCode> {
    let rules = RuleSet::named(&request.preset)?;
    let workspace = Workspace::open_with(&request.workspace, rules).await.with_context(|| format!("cannot open {}", request.workspace.display()))?;
    let format = match request.format {
        DocsFormat::Markdown => relata_workspace::DocsFormat::Markdown,
        DocsFormat::Html => relata_workspace::DocsFormat::Html,
    };
    let docs = workspace.docs(&DocsRequest { format, modules: request.modules.clone(), title: String::new() })?;
    let written = docs.write(&request.output, &Job::new())?;
    eprintln!("{}: {} files ({} modules)", request.output.display(), written.files, written.modules);
    Ok(ExitCode::SUCCESS)
}
