//! The pg_dump path of the live import: find a `pg_dump` at least as new as the server, run
//! `pg_dump --schema-only` against the same connection (its parameters and password through
//! the child's environment, never its arguments), and read the output with the SQL import.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use relata_model::TableStatus;

use super::{Dump, ImportOptions, Imported, PgDump, Via, DB_ENGINE};
use crate::error::{ErrorKind, StoreError};
use crate::postgres::{redact, Database};

/// A `pg_dump` that can dump the server: the program and its major version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tool {
    /// The program.
    pub program: PathBuf,
    /// Its major version.
    pub major: u32,
}

/// The first usable `pg_dump` of `choice` for a server of major version `server`, or why
/// there is none (a sentence for the P105 warning).
pub fn find(choice: &PgDump, database: &Database, server: u32) -> Result<Tool, String> {
    let candidates = match choice {
        PgDump::Never => return Err("pg_dump was not asked for".to_owned()),
        PgDump::Program(program) => vec![program.clone()],
        PgDump::Search => candidates(),
    };
    if candidates.is_empty() {
        return Err("no pg_dump was found on PATH or in PostgreSQL's bindir".to_owned());
    }
    let mut too_old = Vec::new();
    for program in candidates {
        match major_version(&program, database) {
            Some(major) if major >= server => return Ok(Tool { program, major }),
            Some(major) => too_old.push(format!("{} is version {major}", program.display())),
            None => too_old.push(format!("{} does not run or says no version", program.display())),
        }
    }
    Err(format!("no pg_dump can dump this server (version {server}): {}", too_old.join(", ")))
}

/// Where to look for `pg_dump`, in order: `PATH`, `pg_config --bindir`, then
/// `/usr/lib/postgresql/<major>/bin`, newest first. Each program once.
fn candidates() -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = Vec::new();
    let mut add = |p: PathBuf| {
        if p.is_file() && !found.contains(&p) {
            found.push(p);
        }
    };
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            add(dir.join("pg_dump"));
        }
    }
    let bindir = Command::new("pg_config").arg("--bindir").stdin(Stdio::null()).output().ok().filter(|o| o.status.success());
    if let Some(out) = bindir {
        add(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()).join("pg_dump"));
    }
    let mut debian: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let major = entry.file_name().to_string_lossy().parse::<u32>().ok()?;
            Some((major, entry.path().join("bin").join("pg_dump")))
        })
        .collect();
    debian.sort_by_key(|(major, _)| std::cmp::Reverse(*major));
    for (_, program) in debian {
        add(program);
    }
    found
}

/// The major version `program --version` prints (`pg_dump (PostgreSQL) 15.4 (Debian …)` is
/// 15), run with the connection's environment: Debian's `pg_wrapper` picks the version it
/// runs from it.
fn major_version(program: &Path, database: &Database) -> Option<u32> {
    let out = Command::new(program).arg("--version").envs(database.libpq_env()).stdin(Stdio::null()).output().ok()?;
    if !out.status.success() {
        return None;
    }
    parse_major(&String::from_utf8_lossy(&out.stdout))
}

/// The major version in a `--version` line: the first number after `)`.
fn parse_major(line: &str) -> Option<u32> {
    let after = &line[line.find(')')? + 1..];
    let digits: String = after.trim_start().chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Runs `pg_dump --schema-only` (with `--schema` for each of `schemas`, matched exactly) and
/// returns the script. A failure is an error naming the program, its exit status and what it
/// said, without the password.
pub async fn run(tool: &Tool, database: &Database, schemas: &[String]) -> Result<String, StoreError> {
    let mut command = Command::new(&tool.program);
    command.args(["--schema-only", "--no-password", "--encoding=UTF8"]);
    for schema in schemas {
        // A pattern in double quotes matches the name exactly (no `*`, `?` or case folding).
        command.arg(format!("--schema=\"{}\"", schema.replace('"', "\"\"")));
    }
    command.envs(database.libpq_env()).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let shown = database.url_without_password();
    let what = format!("pg_dump ({}, version {})", tool.program.display(), tool.major);
    let secret: Option<String> = database.libpq_env().into_iter().find(|(k, _)| *k == "PGPASSWORD").map(|(_, v)| v);
    let hide = move |text: &str| {
        let text = redact(text);
        match &secret {
            Some(secret) if !secret.is_empty() => text.replace(secret.as_str(), "***"),
            _ => text,
        }
    };
    let out = tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("running pg_dump does not panic")
        .map_err(|e| StoreError::new(ErrorKind::Io, &shown, format!("cannot run {what}: {e}")))?;
    if !out.status.success() {
        let said = hide(String::from_utf8_lossy(&out.stderr).trim());
        return Err(StoreError::new(ErrorKind::Database, &shown, format!("{what} failed ({}): {said}", out.status)));
    }
    String::from_utf8(out.stdout).map_err(|_| StoreError::new(ErrorKind::Database, &shown, format!("{what} wrote text that is not UTF-8")))
}

/// Reads pg_dump's `text` with the SQL import the caller gave ([`ImportOptions::read_dump`]):
/// tables in `database_name`, `stable` (they exist), diagnostics located in the dump (named
/// after the program and the database).
pub fn import(text: &str, tool: &Tool, database: &Database, database_name: &str, options: &ImportOptions<'_>) -> Imported {
    let file = format!("pg_dump {}", database.url_without_password());
    let dump = Dump { text, file: &file, now: &options.now, db_engine: DB_ENGINE, db_name: database_name };
    let (mut registry, diagnostics) = (options.read_dump)(&dump, options.rules);
    for table in &mut registry.tables {
        table.status = TableStatus::Stable;
    }
    Imported { registry, diagnostics, via: Via::PgDump { program: tool.program.clone(), major: tool.major } }
}

#[cfg(test)]
mod tests {
    use super::parse_major;

    #[test]
    fn versions_are_read_from_what_pg_dump_prints() {
        assert_eq!(parse_major("pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n"), Some(15));
        assert_eq!(parse_major("pg_dump (PostgreSQL) 17beta1\n"), Some(17));
        assert_eq!(parse_major("pg_dump (PostgreSQL) 9.6.24\n"), Some(9));
        assert_eq!(parse_major("something else"), None);
    }
}
