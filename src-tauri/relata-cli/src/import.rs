//! `relata import`: read a DBML, Mermaid erDiagram or PostgreSQL DDL file, call its importer
//! (`relata_formats::dbml::parse::import`, `relata_formats::mermaid::parse::import`,
//! `relata_formats::sql::parse::import`), print
//! its diagnostics, and save the registry atomically through relata-store — or, when there
//! are errors, write nothing.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use relata_formats::dbml::parse::ImportOptions;
use relata_formats::{dbml, mermaid, sql};
use relata_model::Timestamp;
use relata_rules::RuleSet;

/// `--from`: the formats `relata import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Source {
    /// DBML as dbdiagram.io writes it (@dbml/core's dbmlv2).
    Dbml,
    /// A Mermaid erDiagram (Mermaid 11), as Relata's Mermaid export writes it or by hand.
    Mermaid,
    /// PostgreSQL DDL: what `pg_dump --schema-only` writes, Relata's SQL export, or by hand.
    Sql,
}

/// What `relata import` was asked for.
#[derive(Debug)]
pub struct Request {
    /// The file to read.
    pub file: PathBuf,
    /// Its format.
    pub from: Source,
    /// The workspace to write: a folder, or a path ending in `.relata`.
    pub output: PathBuf,
    /// Replace an existing workspace.
    pub force: bool,
    /// Rule preset whose `relationship_key` names the relationships.
    pub preset: String,
}

/// Runs `relata import`: exit 0 when the workspace was written, 1 when the file has errors
/// (nothing written).
pub async fn run(request: &Request) -> Result<ExitCode> {
    if request.output.exists() && !request.force {
        bail!("{} already exists; pass --force to replace it", request.output.display());
    }
    let rules = RuleSet::named(&request.preset)?;
    let text = std::fs::read_to_string(&request.file).with_context(|| format!("cannot read {}", request.file.display()))?;
    let path = request.file.display().to_string();
    let options = ImportOptions::new(now());
    let (registry, diagnostics) = match request.from {
        Source::Dbml => dbml::parse::import(&text, &path, &options, &rules),
        Source::Mermaid => mermaid::parse::import(&text, &path, &options, &rules),
        Source::Sql => sql::parse::import(&text, &path, &options, &rules),
    };
    for d in &diagnostics {
        eprintln!("{d}");
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        eprintln!("{path}: {errors} error(s); nothing was written to {}", request.output.display());
        return Ok(ExitCode::from(1));
    }
    relata_store::save(&request.output, &registry).await?;
    // Infos (a dump's owners and grants) are counted apart, so the warnings stand out.
    let infos = diagnostics.iter().filter(|d| d.severity == relata_model::Severity::Info).count();
    eprintln!(
        "wrote {}: {} tables, {} signals, {} relationships, {} modules ({} warning(s){})",
        request.output.display(),
        registry.tables.len(),
        registry.signals.len(),
        registry.relationships.len(),
        registry.modules.len(),
        diagnostics.len() - infos,
        if infos > 0 { format!(", {infos} info(s)") } else { String::new() }
    );
    Ok(ExitCode::SUCCESS)
}

/// The current time as a registry timestamp (UTC, whole seconds): the library has no clock,
/// so the import's `now` comes from here.
fn now() -> Timestamp {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = ((secs / 86_400) as i64, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    Timestamp::from_parts(year, month, day, (rest / 3_600) as u8, (rest % 3_600 / 60) as u8, (rest % 60) as u8)
}

#[cfg(test)]
mod tests {
    #[test]
    fn now_is_a_registry_timestamp() {
        let now = super::now();
        assert!(now.as_str() > "2026-01-01 00:00:00+00", "{now}");
    }
}

