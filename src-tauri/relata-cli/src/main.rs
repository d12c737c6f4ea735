//! `relata`: check, convert, export, import, render, summarise and sync Relata workspaces from
//! the command line. Glue only: the work happens in relata-store, relata-rules, relata-formats and
//! relata-layout.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod commands;
mod diff;
mod docs;
mod render;
mod export;
mod import;
mod password;
mod sync;

/// Relata: registry-driven ERD design. A WORKSPACE is a registry folder or a `.relata` file.
#[derive(Debug, Parser)]
#[command(name = "relata", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a workspace against the house rules; exits 1 when there are errors.
    /// `relata check --explain R303` explains a diagnostic code instead.
    Check {
        /// Registry folder or `.relata` file.
        #[arg(required_unless_present = "explain")]
        workspace: Option<PathBuf>,
        /// Rule preset: `zayaz` (the registry design's conventions, default) or `conventional`.
        #[arg(long, default_value = "zayaz", conflicts_with = "rules")]
        preset: String,
        /// A rule set of your own, as JSON (see the presets in relata-rules/presets/).
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Print the long explanation of a diagnostic CODE (what it finds, why it matters, an
        /// example and its fix, how to change a rule's severity) instead of checking.
        #[arg(long, value_name = "CODE", conflicts_with = "workspace")]
        explain: Option<String>,
    },
    /// Convert between a registry folder and a `.relata` file (either direction). The
    /// target is replaced atomically; nothing is written when the source has errors.
    Convert {
        /// Source workspace.
        from: PathBuf,
        /// Target workspace: a folder, or a path ending in `.relata`.
        to: PathBuf,
    },
    /// Export a workspace as DBML, Mermaid, PostgreSQL DDL or registry INSERTs, to a file
    /// (replaced atomically) or standard output. Refuses when the workspace has load errors,
    /// and, unless --force, when a rule finding makes the output fail in the tool that reads
    /// it (for SQL: a foreign key PostgreSQL cannot build, a key on a missing column).
    Export {
        /// Registry folder or `.relata` file.
        workspace: PathBuf,
        /// Target format.
        #[arg(long, value_enum)]
        to: export::Target,
        /// Write here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Only tables of this module (repeatable).
        #[arg(long = "module", value_name = "MODULE")]
        modules: Vec<String>,
        /// Only tables with this status (repeatable): draft, experimental, stable, legacy,
        /// deprecated, retired.
        #[arg(long = "status", value_name = "STATUS")]
        statuses: Vec<String>,
        /// Also export relationships that are not active (deprecated, draft, pending, future).
        #[arg(long)]
        include_inactive: bool,
        /// SQL: leave out the kept `ALTER … OWNER TO` statements (as `pg_dump --no-owner`).
        #[arg(long)]
        no_owner: bool,
        /// SQL: leave out the kept GRANT and REVOKE statements (as `pg_dump --no-privileges`).
        #[arg(long)]
        no_privileges: bool,
        /// Rule preset whose naming conventions give generated SQL names, and whose findings
        /// are checked.
        #[arg(long, default_value = "zayaz")]
        preset: String,
        /// Write the export even when rule findings make it fail in its consumer (they are
        /// still printed).
        #[arg(long)]
        force: bool,
    },
    /// Write a synthetic registry of TABLES tables shaped like real ERDs (modules of 5–40
    /// tables, ~1.3 relationships per table, composite and cross-module FKs, rl_ join
    /// tables), for trying layouts and exports at scale. Same arguments, same bytes.
    Generate {
        /// Number of tables, join tables included.
        tables: usize,
        /// Target workspace: a folder, or a path ending in `.relata`.
        #[arg(short, long)]
        output: PathBuf,
        /// Another seed gives another registry of the same shape.
        #[arg(long, default_value_t = relata_model::generate::GenerateOptions::DEFAULT_SEED)]
        seed: u64,
        /// Write the adversarial registry instead (names with spaces, quotes, reserved
        /// words, unicode, 63-byte identifiers); TABLES is then ignored.
        #[arg(long)]
        adversarial: bool,
        /// Add PostgreSQL objects beyond tables and keys: CHECKs, identity columns, columns
        /// on a kept domain, composite type and enum, a kept function, and a partitioned
        /// table with two partitions per module (on top of TABLES).
        #[arg(long, conflicts_with = "adversarial")]
        postgres: bool,
    },
    /// Write documentation of a workspace: an index of modules and a page per module (tables
    /// with purpose, status, owner, prefix, schema and key; columns with type, role, row type and
    /// semantic description; relationships with cardinality, enforcement and lineage; the house
    /// rules' findings; the module's diagram as SVG; a coverage line). Markdown renders on
    /// GitHub; HTML is static files that need no script and work offline.
    Docs {
        /// Registry folder or `.relata` file.
        workspace: PathBuf,
        /// The folder to write into (created if needed; the files Relata writes are replaced,
        /// others are left alone).
        #[arg(short, long)]
        output: PathBuf,
        /// Page format.
        #[arg(long, value_enum, default_value_t = docs::DocsFormat::Markdown)]
        format: docs::DocsFormat,
        /// Only this module (repeatable).
        #[arg(long = "module")]
        modules: Vec<String>,
        /// Rule preset the findings come from.
        #[arg(long, default_value = "zayaz")]
        preset: String,
    },
    /// Lay a workspace out and draw it: tables grouped in module frames, lines on the rows
    /// they join. The picture is written even when the layout fails its own checks (a line
    /// through a table or a marker, lines on top of each other): each defect is a warning,
    /// and the command exits 1 for them only with --strict.
    Render {
        /// Registry folder or `.relata` file.
        workspace: PathBuf,
        /// Picture format.
        #[arg(long, value_enum, default_value_t = render::Picture::Svg)]
        to: render::Picture,
        /// Output file (SVG goes to standard output without it).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Only this module (repeatable).
        #[arg(long = "module")]
        modules: Vec<String>,
        /// PNG pixels per diagram unit.
        #[arg(long, default_value_t = 1.5)]
        scale: f32,
        /// Exit 1 when the layout fails its own checks (the picture is still written).
        #[arg(long)]
        strict: bool,
    },
    /// Import a DBML, Mermaid erDiagram or PostgreSQL DDL (pg_dump --schema-only) file, or a
    /// live PostgreSQL database, as a new workspace (saved atomically). Prints every diagnostic as
    /// `file:line:col: severity[CODE]: message`; exits 1 and writes nothing when any is an
    /// error. Refuses to replace an existing workspace unless --force.
    ///
    /// PostgreSQL: SOURCE is a `postgres://` or `postgresql://` URL (then --from postgres is
    /// implied), or absent to use DATABASE_URL or the PG* variables; passwords may also come
    /// from ~/.pgpass. No password is ever printed or written into the workspace. The database
    /// is read through `pg_dump --schema-only` (on PATH or in PostgreSQL's bindir, at least the
    /// server's version) as `--from sql` reads a file; without one, through its catalog, and
    /// every object that path cannot keep is a warning.
    Import {
        /// The file to import, or a PostgreSQL URL.
        source: Option<String>,
        /// Its format (inferred: postgres for postgres:// and postgresql:// URLs, dbml for
        /// `.dbml`, mermaid for `.mmd` and `.mermaid`, sql for `.sql` files).
        #[arg(long, value_enum)]
        from: Option<import::Source>,
        /// Target workspace: a folder, or a path ending in `.relata` (PostgreSQL: defaults to
        /// a folder named after the database).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace the target if it exists.
        #[arg(long)]
        force: bool,
        /// Rule preset whose `relationship_key` pattern names the relationships.
        #[arg(long, default_value = "zayaz")]
        preset: String,
        /// PostgreSQL: only this schema (repeatable; default every non-system schema).
        #[arg(long = "schema", value_name = "SCHEMA")]
        schemas: Vec<String>,
        /// PostgreSQL: report each stage on standard error (always on when it is a terminal).
        #[arg(long)]
        progress: bool,
        /// Merge into this existing workspace instead: print what would be added (`+`) and
        /// changed (`~`, field by field); entries only in the workspace are kept. Writes
        /// nothing without --apply (and exits 1 on differences with --check).
        #[arg(long, value_name = "WORKSPACE", conflicts_with_all = ["output", "force"])]
        into: Option<PathBuf>,
        /// With --into: write the merged workspace (atomically).
        #[arg(long, requires = "into")]
        apply: bool,
        /// With --into: a gate for CI. Print the differences as the preview does, write
        /// nothing, and exit 1 when the import would change the workspace (0 when not).
        #[arg(long, requires = "into", conflicts_with = "apply")]
        check: bool,        /// Ask for the PostgreSQL password on the terminal before connecting (as psql -W).
        /// Without it Relata asks only when the server refuses the login and a terminal is there.
        #[arg(short = 'W', long = "password")]
        ask_password: bool,
    },
    /// Merge the registry rows of a shared PostgreSQL database (the tables of registries/ddl/)
    /// into a workspace: rows changed only there are taken, rows edited here are kept, rows
    /// edited on both sides are reported as conflicts and keep this workspace's version.
    /// Exits 0 when clean, 1 when there were conflicts, 2 on errors. See docs/sync.md.
    Pull {
        /// Registry folder or `.relata` file (created when it does not exist).
        workspace: PathBuf,
        /// The database; default: the one the workspace last synced with, else DATABASE_URL
        /// or the PG* variables.
        #[arg(long)]
        url: Option<String>,
        /// Settle conflicts: `workspace` keeps this workspace's version for the next push to
        /// write, `database` takes the database's.
        #[arg(long, value_enum)]
        resolve: Option<sync::Side>,        /// Ask for the PostgreSQL password on the terminal before connecting (as psql -W).
        /// Without it Relata asks only when the server refuses the login and a terminal is there.
        #[arg(short = 'W', long = "password")]
        ask_password: bool,
    },
    /// Write this workspace's registry changes since the last pull or push to the shared
    /// database in one transaction. Rows that changed there meanwhile are conflicts: both
    /// versions are printed and neither is overwritten; the other rows land. Exits 0 when
    /// clean, 1 when there were conflicts, 2 on errors (nothing written).
    Push {
        /// Registry folder or `.relata` file.
        workspace: PathBuf,
        /// The database; default: the one the workspace last synced with, else DATABASE_URL
        /// or the PG* variables.
        #[arg(long)]
        url: Option<String>,        /// Ask for the PostgreSQL password on the terminal before connecting (as psql -W).
        /// Without it Relata asks only when the server refuses the login and a terminal is there.
        #[arg(short = 'W', long = "password")]
        ask_password: bool,
    },
    /// What changed between two versions of a registry: each side a workspace, a git revision
    /// of a registry folder (`git:REV:path`) or a live database (`postgres://…`). Prints the
    /// changes entry by entry, or with `--to sql` the PostgreSQL migration from OLD to NEW.
    /// With a database on one side it is a drift gate: it compares what the workspace's SQL
    /// export creates with what the database holds. Exits 0 with no differences, 1 with some,
    /// 2 when a side cannot be read.
    Diff {
        /// The old version.
        old: String,
        /// The new version.
        new: String,
        /// What to print.
        #[arg(long, value_enum, default_value_t = diff::DiffOutput::Summary)]
        to: diff::DiffOutput,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// `--to sql`: also write DROP TABLE, DROP COLUMN and narrowing type changes (without
        /// it they are named in comments and left out).
        #[arg(long)]
        allow_destructive: bool,
        /// Rule preset whose naming conventions give generated SQL names.
        #[arg(long, default_value = "zayaz")]
        preset: String,
        /// Ask for the PostgreSQL password on the terminal before connecting (as psql -W).
        #[arg(short = 'W', long = "password")]
        ask_password: bool,
    },
    /// Summarise a workspace: tables, columns and relationships per module and status.
    Stats {
        /// Registry folder or `.relata` file.
        workspace: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// For people: one `path:line:column: severity[CODE]: message` line per finding.
    Text,
    /// For tools: one JSON document.
    Json,
}

/// A reader that stops reading (`relata export … | head -1`) ends the process quietly, as it
/// ends `cat` or ripgrep, instead of a panic in `print!`: the default action of SIGPIPE, which
/// the Rust runtime sets to "ignore".
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called first in main, before any thread exists; SIG_DFL is a valid action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    log_to_stderr();
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime");
    let result = runtime.block_on(async {
        match cli.command {
            Command::Check { explain: Some(code), .. } => commands::explain(&code),
            Command::Check { workspace, preset, rules, format, explain: None } => {
                // Clap requires WORKSPACE unless --explain is given.
                let Some(workspace) = workspace else { anyhow::bail!("relata check needs a WORKSPACE, or --explain CODE") };
                commands::check(&workspace, &preset, rules.as_deref(), format == Format::Json).await
            }
            Command::Convert { from, to } => commands::convert(&from, &to).await,
            Command::Export { workspace, to, output, modules, statuses, include_inactive, no_owner, no_privileges, preset, force } => {
                let request = export::Request { to, output, modules, statuses, include_inactive, no_owner, no_privileges, preset, force };
                export::run(&workspace, &request).await
            }
            Command::Generate { tables, output, seed, adversarial, postgres } => {
                commands::generate(tables, seed, adversarial, postgres, &output).await
            }
            Command::Docs { workspace, output, format, modules, preset } => {
                docs::run(&docs::Request { workspace, output, format, modules, preset }).await
            }
            Command::Render { workspace, to, output, modules, scale, strict } => {
                render::render(&render::RenderRequest { workspace, to, output, modules, scale, strict }).await
            }
            Command::Import { source, from, output, force, preset, schemas, progress, into, apply, check, ask_password } => {
                let request = import::Request { source, from, output, force, preset, schemas, progress, into, apply, check, ask_password };
                import::run(&request).await
            }
            Command::Pull { workspace, url, resolve, ask_password } => {
                sync::pull(&workspace, url.as_deref(), resolve, ask_password).await
            }
            Command::Push { workspace, url, ask_password } => sync::push(&workspace, url.as_deref(), ask_password).await,
            Command::Diff { old, new, to, format, allow_destructive, preset, ask_password } => {
                let json = format == Format::Json;
                diff::run(&diff::Request { old, new, to, json, allow_destructive, preset, ask_password }).await
            }
            Command::Stats { workspace, format } => commands::stats(&workspace, format == Format::Json).await,
        }
    });
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {}", causes(&err));
            ExitCode::from(2)
        }
    }
}

/// An error and its causes on one line, each said once: a cause whose text the line already
/// holds (a store error quotes the database's, which quotes its own) is not repeated.
fn causes(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::causes;

    #[test]
    fn each_cause_is_said_once() {
        #[derive(Debug)]
        struct Db;
        impl std::fmt::Display for Db {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("error returned from database: permission denied for schema app")
            }
        }
        impl std::error::Error for Db {}
        #[derive(Debug)]
        struct Store(Db);
        impl std::fmt::Display for Store {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "postgres://ann@db/erd: cannot read the registry tables: {}", self.0)
            }
        }
        impl std::error::Error for Store {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        let err = anyhow::Error::new(Store(Db)).context("cannot pull");
        let line = causes(&err);
        assert_eq!(line, "cannot pull: postgres://ann@db/erd: cannot read the registry tables: error returned from database: permission denied for schema app");
        assert_eq!(line.matches("error returned from database").count(), 1);
    }
}

/// Logs to standard error at the level `RELATA_LOG` names (`warn` when unset or unreadable): what
/// a command prints for people stays as it is, the log is for looking inside
/// (`RELATA_LOG=debug relata render …` shows the load and layout times).
fn log_to_stderr() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("RELATA_LOG").unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
}
