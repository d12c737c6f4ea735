//! The subcommands: each loads through relata-store, calls one library function, prints.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use relata_model::{Diagnostic, Severity, Vocabulary};
use relata_rules::RuleSet;
use relata_store::Loaded;
use serde::Serialize;

/// `relata check --explain CODE`: prints the code's long explanation from the one code table
/// (`relata_model::codes`), as `rustc --explain` does; an unknown code is an error naming it.
pub fn explain(code: &str) -> Result<ExitCode> {
    let Some(entry) = relata_model::codes::lookup(code.trim()) else {
        anyhow::bail!(
            "`{code}` is not a Relata diagnostic code; codes are a letter and three digits: L1xx (registry folder), D1xx (DBML), M1xx (Mermaid), S1xx (SQL), P1xx (live PostgreSQL), R1xx–R4xx (house rules)"
        );
    };
    print!("{}", entry.explanation);
    Ok(ExitCode::SUCCESS)
}

/// `relata check`: loader and rule diagnostics, exit 1 when any is an error.
pub async fn check(workspace: &Path, preset: &str, rules: Option<&Path>, json: bool) -> Result<ExitCode> {
    let rule_set = match rules {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("cannot read rule set {}", path.display()))?;
            RuleSet::from_json(&text).with_context(|| format!("{}: not a valid rule set", path.display()))?
        }
        None => RuleSet::named(preset)?,
    };
    let loaded = relata_store::load(workspace).await?;
    let mut diagnostics = loaded.diagnostics.clone();
    diagnostics.extend(relata_rules::check(&loaded.registry, &rule_set));
    let diagnostics: Vec<Diagnostic> = diagnostics.into_iter().map(|d| located(&loaded, d)).collect();
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    if json {
        #[derive(Serialize)]
        struct Report<'a> {
            workspace: String,
            preset: &'a str,
            errors: usize,
            warnings: usize,
            diagnostics: &'a [Diagnostic],
        }
        let report = Report { workspace: workspace.display().to_string(), preset: rule_set.name(), errors, warnings, diagnostics: &diagnostics };
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        for d in &diagnostics {
            println!("{d}");
        }
        let infos = diagnostics.len() - errors - warnings;
        eprintln!(
            "{}: {errors} error(s), {warnings} warning(s), {infos} note(s) under the `{}` rules",
            workspace.display(),
            rule_set.name()
        );
    }
    Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Points an entry diagnostic at the file, line and column it came from, when known, keeping
/// the entry in the message so it can be found in any store.
fn located(loaded: &Loaded, d: Diagnostic) -> Diagnostic {
    match loaded.sources.resolve(&d.location) {
        Some(location) => Diagnostic { message: format!("{} ({})", d.message, d.location), location, ..d },
        None => d,
    }
}

/// `relata convert`: load, refuse on errors, save atomically.
pub async fn convert(from: &Path, to: &Path) -> Result<ExitCode> {
    let loaded = relata_store::load(from).await?;
    let errors: Vec<&Diagnostic> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    if !errors.is_empty() {
        for d in &errors {
            eprintln!("{d}");
        }
        eprintln!("{}: {} error(s); nothing was written to {}", from.display(), errors.len(), to.display());
        return Ok(ExitCode::from(1));
    }
    relata_store::save(to, &loaded.registry).await?;
    let r = &loaded.registry;
    eprintln!(
        "wrote {}: {} tables, {} signals, {} relationships",
        to.display(),
        r.tables.len(),
        r.signals.len(),
        r.relationships.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// `relata generate`: a synthetic registry, saved atomically like any workspace.
pub async fn generate(tables: usize, seed: u64, adversarial: bool, postgres: bool, to: &Path) -> Result<ExitCode> {
    use relata_model::generate::{self, GenerateOptions};
    let registry = if adversarial { generate::adversarial() } else { generate::generate(&GenerateOptions { tables, seed, postgres }) };
    relata_store::save(to, &registry).await?;
    eprintln!(
        "wrote {}: {} tables, {} signals, {} relationships in {} modules",
        to.display(),
        registry.tables.len(),
        registry.signals.len(),
        registry.relationships.len(),
        registry.modules.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// Counts shown by `relata stats`.
#[derive(Debug, Serialize)]
struct Stats {
    workspace: String,
    tables: usize,
    columns: usize,
    concepts: usize,
    relationships: usize,
    enums: usize,
    modules: BTreeMap<String, usize>,
    statuses: BTreeMap<String, usize>,
    relationship_types: BTreeMap<String, usize>,
    lineage_kinds: BTreeMap<String, usize>,
    load_errors: usize,
}

/// `relata stats`: what the workspace holds.
pub async fn stats(workspace: &Path, json: bool) -> Result<ExitCode> {
    let loaded = relata_store::load(workspace).await?;
    let r = &loaded.registry;
    let mut stats = Stats {
        workspace: workspace.display().to_string(),
        tables: r.tables.len(),
        columns: r.signals.iter().filter(|s| s.table.is_some()).count(),
        concepts: r.signals.iter().filter(|s| s.row_type == relata_model::RowType::Concept).count(),
        relationships: r.relationships.len(),
        enums: r.enums.len(),
        modules: BTreeMap::new(),
        statuses: BTreeMap::new(),
        relationship_types: BTreeMap::new(),
        lineage_kinds: BTreeMap::new(),
        load_errors: loaded.diagnostics.iter().filter(|d| d.is_error()).count(),
    };
    for t in &r.tables {
        *stats.modules.entry(t.module.clone()).or_default() += 1;
        *stats.statuses.entry(t.status.as_str().to_owned()).or_default() += 1;
    }
    for rel in &r.relationships {
        *stats.relationship_types.entry(rel.relationship_type.as_str().to_owned()).or_default() += 1;
        *stats.lineage_kinds.entry(rel.lineage_kind().as_str().to_owned()).or_default() += 1;
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&stats)?);
    } else {
        println!("{}", stats.workspace);
        println!("  tables         {}", stats.tables);
        println!("  columns        {}", stats.columns);
        println!("  concepts       {}", stats.concepts);
        println!("  relationships  {}", stats.relationships);
        println!("  enum types     {}", stats.enums);
        for (title, map) in [("modules", &stats.modules), ("statuses", &stats.statuses), ("relationship types", &stats.relationship_types), ("lineage kinds", &stats.lineage_kinds)] {
            println!("  {title}:");
            for (name, count) in map {
                println!("    {count:>5}  {name}");
            }
        }
        if stats.load_errors > 0 {
            println!("  load errors    {} (run `relata check`)", stats.load_errors);
        }
    }
    Ok(ExitCode::SUCCESS)
}
