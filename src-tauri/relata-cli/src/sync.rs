//! `relata pull` and `relata push`: shared registry sync through
//! `relata_store::postgres::sync`, with one line per entry that moved, every conflict with
//! both versions, and exit codes 0 (clean), 1 (conflicts), 2 (errors, from `main`).

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::ValueEnum;
use relata_sync::{Conflict, Resolve};
use relata_store::postgres::{self, Database};

use crate::password::with_login;

/// `relata pull --resolve`: whose version a conflict keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Side {
    /// This workspace's (the next push writes it).
    Workspace,
    /// The database's.
    Database,
}

/// The database to sync with: `--url`, else the workspace's last one, else the environment.
async fn database(workspace: &Path, url: Option<&str>) -> Result<Database> {
    if let Some(url) = url {
        return Ok(Database::from_url(url)?);
    }
    let base = if workspace.exists() { relata_store::load_base(workspace).await? } else { Default::default() };
    Ok(match base.url {
        Some(url) => Database::from_url(&url)?,
        None => Database::from_env()?,
    })
}

fn print_conflicts(conflicts: &[Conflict]) {
    for c in conflicts {
        eprintln!("{c}");
    }
}

fn outcome(conflicts: usize) -> ExitCode {
    if conflicts == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Runs `relata pull` (`ask_password`: `-W`, see [`with_login`]).
pub async fn pull(workspace: &Path, url: Option<&str>, resolve: Option<Side>, ask_password: bool) -> Result<ExitCode> {
    let database = database(workspace, url).await?;
    let shown = database.url_without_password();
    let resolve = match resolve {
        None => Resolve::Report,
        Some(Side::Workspace) => Resolve::Workspace,
        Some(Side::Database) => Resolve::Database,
    };
    let pulled = with_login(database, ask_password, async |db| postgres::sync::pull(workspace, db, resolve).await).await?;
    for (what, names) in [("added", &pulled.added), ("updated", &pulled.updated), ("removed", &pulled.removed)] {
        for name in names {
            eprintln!("{what}: {name}");
        }
    }
    for name in &pulled.resolved {
        eprintln!("resolved: {name}");
    }
    print_conflicts(&pulled.conflicts);
    println!(
        "pulled into {} from {}: {} added, {} updated, {} removed, {} conflict(s) kept as in the workspace, {} local change(s) to push",
        workspace.display(),
        shown,
        pulled.added.len(),
        pulled.updated.len(),
        pulled.removed.len(),
        pulled.conflicts.len(),
        pulled.local_changes
    );
    Ok(outcome(pulled.conflicts.len()))
}

/// Runs `relata push` (`ask_password`: `-W`, see [`with_login`]).
pub async fn push(workspace: &Path, url: Option<&str>, ask_password: bool) -> Result<ExitCode> {
    let database = database(workspace, url).await?;
    let shown = database.url_without_password();
    let pushed = with_login(database, ask_password, async |db| postgres::sync::push(workspace, db).await).await?;
    for (what, names) in [("inserted", &pushed.inserted), ("updated", &pushed.updated), ("deleted", &pushed.deleted)] {
        for name in names {
            eprintln!("{what}: {name}");
        }
    }
    print_conflicts(&pushed.conflicts);
    println!(
        "pushed {} to {}: {} inserted, {} updated, {} deleted, {} already there, {} conflict(s) not written",
        workspace.display(),
        shown,
        pushed.inserted.len(),
        pushed.updated.len(),
        pushed.deleted.len(),
        pushed.agreed,
        pushed.conflicts.len()
    );
    if !pushed.conflicts.is_empty() {
        eprintln!("pull to see the database's versions; conflicting rows keep this workspace's version");
    }
    Ok(outcome(pushed.conflicts.len()))
}
