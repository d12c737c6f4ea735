//! `relata diff OLD NEW`: what changed between two versions of a registry (workspaces, a git
//! revision of a registry folder, or a live database), as a summary, JSON or a PostgreSQL
//! migration (`relata_workspace::compare` over `relata_formats::diff`). With a database on
//! either side it is a drift gate: it compares what the workspace's SQL export would create
//! with what the database holds. This file only reads the arguments (and a password on the
//! terminal) and prints.
//! Exit 0: no differences; 1: differences; 2: a side could not be read.

use std::process::ExitCode;

use anyhow::Result;
use clap::ValueEnum;
use relata_rules::RuleSet;
use relata_store::postgres::Database;
use relata_workspace::{Comparison, DiffSide, Job, Migration, MigrationOptions, SideRegistry};

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

/// Runs `relata diff`.
pub async fn run(request: &Request) -> Result<ExitCode> {
    let rules = RuleSet::named(&request.preset)?;
    let job = Job::new();
    let old = side(&request.old, &rules, request.ask_password, &job).await?;
    let new = side(&request.new, &rules, request.ask_password, &job).await?;
    let options = MigrationOptions { allow_destructive: request.allow_destructive, ..MigrationOptions::default() };
    let compared = relata_workspace::compare(old, new, &rules, &options, &job).await?;
    for warning in &compared.warnings {
        eprintln!("warning: {warning}");
    }
    if compared.drift {
        drift(&compared, request);
    } else if request.to == DiffOutput::Sql {
        report_migration(&compared.migration, request.json);
    } else if request.json {
        println!("{}", serde_json::to_string_pretty(&serde_json::json!({ "changes": compared.changes }))?);
    } else if compared.changes.is_empty() {
        eprintln!("no differences");
    } else {
        for c in &compared.changes {
            println!("{c}");
        }
        let n = compared.changes.len();
        eprintln!("{n} {} differ{}", if n == 1 { "entry" } else { "entries" }, if n == 1 { "s" } else { "" });
    }
    // The script is what `--to sql` and a drift check answer for; the entries, what the summary lists.
    let same = if compared.drift || request.to == DiffOutput::Sql { compared.migration.is_empty() } else { compared.changes.is_empty() };
    Ok(if same { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// A database on one side: the migration that would make the other side's SQL export is the
/// drift (`relata_workspace::compare` compares both sides as the server spells them).
fn drift(compared: &Comparison, request: &Request) {
    let m = &compared.migration;
    if request.to == DiffOutput::Sql || request.json {
        report_migration(m, request.json);
    } else if !m.is_empty() {
        println!("The database and the workspace differ; this script takes {} to {}:\n", request.old, request.new);
        print!("{}", m.sql);
    }
    if m.is_empty() {
        eprintln!("no drift: the database holds what the workspace's SQL export creates");
    } else {
        eprintln!("drift: the database differs from the workspace");
    }
}

fn report_migration(m: &Migration, json: bool) {
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

/// Reads one side (`relata_workspace::DiffSide::parse` says which kind): a database with the
/// login asked for on the terminal when refused, any other side through the workspace.
async fn side(spec: &str, rules: &RuleSet, ask_password: bool, job: &Job) -> Result<SideRegistry> {
    match DiffSide::parse(spec)? {
        DiffSide::Database(url) => {
            let database = Database::resolve(Some(&url))?;
            Ok(with_login(database, ask_password, async |db| relata_workspace::read_database(db, rules, job).await).await?)
        }
        side => Ok(relata_workspace::read_side(&side, rules, job).await?),
    }
}
