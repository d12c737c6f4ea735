//! `relata docs`: load a workspace, check it, and write the documentation relata-docs makes.
//! This file only loads, picks the title and writes the files (each atomically).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use relata_docs::{DocsOptions, Format};
use relata_rules::RuleSet;

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
    let loaded = relata_store::load(&request.workspace).await.with_context(|| format!("cannot open {}", request.workspace.display()))?;
    let registry = &loaded.registry;
    let known = registry.module_names();
    let unknown: Vec<String> = request.modules.iter().filter(|m| !known.contains(&m.as_str())).map(|m| format!("`{m}`")).collect();
    if !unknown.is_empty() {
        bail!("no module named {}; modules: {}", unknown.join(", "), known.join(", "));
    }
    let rules = RuleSet::named(&request.preset)?;
    let findings = relata_rules::check(registry, &rules);
    let title = request
        .workspace
        .file_stem()
        .map_or_else(|| "Registry".to_owned(), |n| n.to_string_lossy().into_owned());
    let format = match request.format {
        DocsFormat::Markdown => Format::Markdown,
        DocsFormat::Html => Format::Html,
    };
    let files = relata_docs::generate(registry, &findings, &DocsOptions { format, modules: request.modules.clone(), title });
    for file in &files {
        let path = request.output.join(&file.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        relata_store::write_file(&path, &file.bytes)?;
    }
    eprintln!("{}: {} files ({} modules)", request.output.display(), files.len(), files.iter().filter(|f| f.path.starts_with("modules/") && !f.path.ends_with(".svg")).count());
    Ok(ExitCode::SUCCESS)
}
