//! `relata diff OLD NEW`: what changed between two versions of a registry (workspaces, a git
//! revision of a registry folder, or a live database), as a summary, JSON or a PostgreSQL
//! migration (`relata_formats::diff`). With a database on either side it is a drift gate: it
//! compares what the workspace's SQL export would create with what the database holds.
//! Exit 0: no differences; 1: differences; 2: a side could not be read.

use std::path::Path;
use std::process::{Command, ExitCode};

use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use relata_formats::diff::{changes, migration, MigrationOptions};
use relata_formats::export::{export, ExportFormat, ExportOptions};
use relata_codec::folder::{self, FolderText};
use relata_model::{AvailabilityStatus, Registry};
use relata_rules::RuleSet;
use relata_store::postgres::{self, import::ImportOptions as PgImportOptions, import::PgDump, Database};

use relata_workspace::now;
use crate::password::with_login;

/// `--to`: what `relata diff` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffOutput {
    /// Entry by entry, field by field (`+`, `-`, `~`).
    Summary,
    /// The PostgreSQL migration from OLD to NEW.
    Sql,
}

/// What `relata diff` was asked for.
#[derive(Debug)]
pub struct Request {
    /// The old side: a workspace, `git:REV:path` or a PostgreSQL URL.
    pub old: String,
    /// The new side, likewise.
    pub new: String,
    /// What to print.
    pub to: DiffOutput,
    /// JSON instead of text.
    pub json: bool,
    /// `--to sql`: write the destructive statements too.
    pub allow_destructive: bool,
    /// Rule preset whose naming conventions give generated SQL names.
    pub preset: String,
    /// PostgreSQL: ask for the password on the terminal before connecting.
    pub ask_password: bool,
}

/// One side, read.
struct Side {
    registry: Registry,
    /// The database it was read from, for a live side.
    database: Option<Database>,
}

/// Runs `relata diff`.
pub async fn run(request: &Request) -> Result<ExitCode> {
    let rules = RuleSet::named(&request.preset)?;
    let old = side(&request.old, &rules, request.ask_password).await?;
    let new = side(&request.new, &rules, request.ask_password).await?;
    if old.database.is_some() || new.database.is_some() {
        return drift(old, new, &rules, request).await;
    }
    match request.to {
        DiffOutput::Sql => {
            let m = migration(&old.registry, &new.registry, &rules, &MigrationOptions { allow_destructive: request.allow_destructive });
            report_migration(&m, request.json);
            Ok(if m.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        DiffOutput::Summary => {
            let found = changes(&old.registry, &new.registry);
            if request.json {
                println!("{}", serde_json::to_string_pretty(&serde_json::json!({ "changes": found }))?);
            } else if found.is_empty() {
                eprintln!("no differences");
            } else {
                for c in &found {
                    println!("{c}");
                }
                let n = found.len();
                eprintln!("{n} {} differ{}", if n == 1 { "entry" } else { "entries" }, if n == 1 { "s" } else { "" });
            }
            Ok(if found.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
    }
}

/// A database on one side: the migration that would make the other side's SQL export is the
/// drift. Relationships the export leaves out (not active) are no drift. A workspace side is
/// first made in a scratch database on the other side's server and read back, so both sides
/// are compared as PostgreSQL spells them (an expression, a default); where no scratch
/// database can be made, the workspace is compared as written, with a warning.
async fn drift(old: Side, new: Side, rules: &RuleSet, request: &Request) -> Result<ExitCode> {
    let server = old.database.clone().or_else(|| new.database.clone()).expect("a database side");
    let old = as_the_server_spells_it(old, &server, rules).await;
    let new = as_the_server_spells_it(new, &server, rules).await;
    let m = migration(&old, &new, rules, &MigrationOptions { allow_destructive: request.allow_destructive });
    if request.to == DiffOutput::Sql || request.json {
        report_migration(&m, request.json);
    } else if !m.is_empty() {
        println!("The database and the workspace differ; this script takes {} to {}:\n", request.old, request.new);
        print!("{}", m.sql);
    }
    if m.is_empty() {
        eprintln!("no drift: the database holds what the workspace's SQL export creates");
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("drift: the database differs from the workspace");
        Ok(ExitCode::from(1))
    }
}

/// A workspace side as `server` reads back its SQL export (active relationships only, as the
/// export writes); a database side as it is.
async fn as_the_server_spells_it(side: Side, server: &Database, rules: &RuleSet) -> Registry {
    if side.database.is_some() {
        return side.registry;
    }
    let sql = export(&side.registry, ExportFormat::Sql, &ExportOptions::default(), rules);
    let options = PgImportOptions { schemas: Vec::new(), now: now(), rules, pg_dump: PgDump::Search, read_dump: relata_workspace::read_dump };
    match postgres::scratch::materialize(server, &sql, &options).await {
        Ok(imported) => imported.registry,
        Err(e) => {
            eprintln!("warning: comparing the workspace as written, not as the server spells it ({e})");
            let mut registry = side.registry;
            registry.relationships.retain(|r| r.availability == AvailabilityStatus::Active);
            registry
        }
    }
}

fn report_migration(m: &relata_formats::diff::Migration, json: bool) {
    if json {
        let value = serde_json::json!({
            "sql": m.sql,
            "destructive": m.destructive,
            "manual": m.manual,
            "warnings": m.warnings,
        });
        println!("{}", serde_json::to_string_pretty(&value).unwrap_or_default());
        return;
    }
    print!("{}", m.sql);
    for w in &m.warnings {
        eprintln!("warning: {w}");
    }
    for step in &m.manual {
        eprintln!("warning: manual step: {step}");
    }
    if !m.destructive.is_empty() {
        eprintln!(
            "{} destructive statement(s) {}",
            m.destructive.len(),
            if m.sql.contains("-- destructive:\n") { "written" } else { "left out (--allow-destructive writes them)" }
        );
    }
}

/// Reads one side: a PostgreSQL URL (a live import), `git:REV:path` (a registry folder at a
/// revision of the repository around the current directory) or a workspace path. A side with
/// load errors is refused.
async fn side(spec: &str, rules: &RuleSet, ask_password: bool) -> Result<Side> {
    if spec.starts_with("postgres://") || spec.starts_with("postgresql://") {
        let database = Database::resolve(Some(spec))?;
        let options = PgImportOptions { schemas: Vec::new(), now: now(), rules, pg_dump: PgDump::Search, read_dump: relata_workspace::read_dump };
        let mut used = database.clone();
        let imported = with_login(database, ask_password, async |db| {
            used = db.clone();
            postgres::import::import(db, &options, &mut |_| {}).await
        })
        .await?;
        let database = used;
        if let Some(error) = imported.diagnostics.iter().find(|d| d.is_error()) {
            bail!("{spec} could not be read: {error}");
        }
        return Ok(Side { registry: imported.registry, database: Some(database) });
    }
    let (registry, diagnostics, name) = match spec.strip_prefix("git:") {
        Some(rest) => {
            let Some((revision, path)) = rest.split_once(':') else {
                bail!("`{spec}`: a git side is written git:REVISION:FOLDER, as in git:HEAD~1:registries/zellij");
            };
            let (registry, diagnostics) = folder::parse(&git_folder(revision, path)?);
            (registry, diagnostics, spec.to_owned())
        }
        None => {
            let loaded = relata_store::load(Path::new(spec)).await.with_context(|| format!("cannot open {spec}"))?;
            (loaded.registry, loaded.diagnostics, spec.to_owned())
        }
    };
    if let Some(error) = diagnostics.iter().find(|d| d.is_error()) {
        bail!("{name} does not load cleanly ({error}); fix it before comparing");
    }
    Ok(Side { registry, database: None })
}

/// The registry folder `path` as it was at `revision`, read with `git show`.
fn git_folder(revision: &str, path: &str) -> Result<FolderText> {
    let show = |file: &str| -> Result<Option<String>> {
        let object = format!("{revision}:./{}/{file}", path.trim_end_matches('/'));
        let out = Command::new("git").args(["show", &object]).output().context("cannot run git")?;
        if out.status.success() {
            return Ok(Some(String::from_utf8(out.stdout).with_context(|| format!("{object} is not UTF-8"))?));
        }
        let said = String::from_utf8_lossy(&out.stderr);
        if said.contains("does not exist") || said.contains("exists on disk, but not in") {
            return Ok(None);
        }
        bail!("git show {object}: {}", said.trim())
    };
    let required = |file: &str| -> Result<String> {
        show(file)?.with_context(|| format!("{path} at {revision} has no {file}: is it a registry folder?"))
    };
    Ok(FolderText {
        table_overview: required("table_overview.csv")?,
        signal_registry: required("signal_registry.csv")?,
        relationship_registry: required("relationship_registry.csv")?,
        relata_json: show("relata.json")?,
    })
}
