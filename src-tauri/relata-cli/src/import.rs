//! `relata import`: read a DBML, Mermaid erDiagram or PostgreSQL DDL file through
//! `relata_workspace::import_text` (the format from `--from` or the file's name, as
//! `ImportFormat::of_file` says), or merge it into a workspace with
//! `Workspace::import_preview_registry`; or read a live PostgreSQL database
//! (`relata_store::postgres::import`: through pg_dump where one is installed, else its
//! catalog), print the diagnostics, and save the registry atomically
//! through relata-store — or, when there are errors, write nothing.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::io::IsTerminal;

use anyhow::{bail, Context, Result};
use clap::builder::PossibleValue;
use clap::ValueEnum;
use relata_formats::import::merge::{ChangeKind, FieldChange};
use relata_model::Registry;
use relata_rules::RuleSet;
use relata_workspace::{ImportFormat, Workspace};
use relata_store::postgres::{self, import::ImportOptions as PgImportOptions, import::PgDump, import::Progress, Database};

use crate::password::with_login;

/// `--from`: a file format `relata import` reads (`relata_workspace::ImportFormat`), or
/// `None` for a live PostgreSQL database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source(Option<ImportFormat>);

/// The file formats, then a live database, as `--from` lists them.
const SOURCES: [Source; 4] =
    [Source(Some(ImportFormat::ALL[0])), Source(Some(ImportFormat::ALL[1])), Source(Some(ImportFormat::ALL[2])), Source(None)];

impl ValueEnum for Source {
    fn value_variants<'a>() -> &'a [Self] {
        &SOURCES
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self.0 {
            Some(format) => PossibleValue::new(format.name()).help(relata_workspace::import_description(format)),
            None => PossibleValue::new("postgres")
                .help("A live PostgreSQL database: through `pg_dump --schema-only` where one is installed (as `sql`), else its catalog"),
        })
    }
}

/// What `relata import` was asked for.
#[derive(Debug)]
pub struct Request {
    /// The file to read, or a PostgreSQL URL (`None`: PostgreSQL from the environment).
    pub source: Option<String>,
    /// Its format, when given.
    pub from: Option<Source>,
    /// The workspace to write: a folder, or a path ending in `.relata`.
    pub output: Option<PathBuf>,
    /// Replace an existing workspace.
    pub force: bool,
    /// Rule preset whose `relationship_key` names the relationships.
    pub preset: String,
    /// PostgreSQL: only these schemas.
    pub schemas: Vec<String>,
    /// PostgreSQL: print progress even when standard error is not a terminal.
    pub progress: bool,
    /// Merge into this existing workspace instead of writing a new one.
    pub into: Option<PathBuf>,
    /// With `into`: write the merge (without it, only show what it would add or change).
    pub apply: bool,
    /// With `into`: show what the merge would add or change, write nothing, and exit 1 when
    /// it would change anything (`--check`, a gate for CI).
    pub check: bool,
    /// PostgreSQL: ask for the password on the terminal before connecting (`-W`).
    pub ask_password: bool,
}

/// Whether `source` is a PostgreSQL connection URL.
fn is_postgres_url(source: &str) -> bool {
    source.starts_with("postgres://") || source.starts_with("postgresql://")
}

/// Runs `relata import`: exit 0 when the workspace was written, 1 when the file has errors
/// (nothing written). With `--into … --check`: 0 when the import would change nothing, 1 when
/// it would, 2 when the file has errors.
pub async fn run(request: &Request) -> Result<ExitCode> {
    let from = match (request.from, request.source.as_deref()) {
        (Some(from), _) => from,
        (None, Some(source)) if is_postgres_url(source) => Source(None),
        (None, None) => Source(None),
        (None, Some(source)) => match ImportFormat::of_file(source) {
            Some(format) => Source(Some(format)),
            None => bail!("say which format {source} is in: --from dbml, mermaid, sql or postgres"),
        },
    };
    let Source(Some(format)) = from else {
        return run_postgres(request).await;
    };
    if !request.schemas.is_empty() {
        bail!("--schema is for --from postgres");
    }
    let Some(file) = request.source.as_deref() else { bail!("name the file to import") };
    let output = match (&request.output, &request.into) {
        (Some(output), None) => output.as_path(),
        (None, Some(into)) => into.as_path(),
        (Some(_), Some(_)) => bail!("-o writes a new workspace and --into merges into one: give one of them"),
        (None, None) => bail!("name the workspace to write with -o, or the one to merge into with --into"),
    };
    if request.into.is_none() && output.exists() && !request.force {
        bail!("{} already exists; pass --force to replace it", output.display());
    }
    let rules = RuleSet::named(&request.preset)?;
    let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {file}"))?;
    let path = file.to_owned();
    // A DBML `use` names files relative to the file that uses it; `path` is that file's path
    // as given, so the joined paths read from the same directory.
    let (registry, diagnostics) = relata_workspace::import_text(format, &text, &path, &rules);
    for d in &diagnostics {
        eprintln!("{d}");
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        // A gate's exit 1 means "differs": a file it cannot read is not an answer.
        if request.check {
            bail!("{path}: {errors} error(s); nothing was compared with {}", output.display());
        }
        eprintln!("{path}: {errors} error(s); nothing was written to {}", output.display());
        return Ok(ExitCode::from(1));
    }
    if let Some(into) = &request.into {
        return merge_into(into, &registry, request).await;
    }
    relata_store::save(output, &registry).await?;
    // Infos (a dump's owners and grants) are counted apart, so the warnings stand out.
    let infos = diagnostics.iter().filter(|d| d.severity == relata_model::Severity::Info).count();
    eprintln!(
        "wrote {}: {} tables, {} signals, {} relationships, {} modules ({} warning(s){})",
        output.display(),
        registry.tables.len(),
        registry.signals.len(),
        registry.relationships.len(),
        registry.modules.len(),
        diagnostics.len() - infos,
        if infos > 0 { format!(", {infos} info(s)") } else { String::new() }
    );
    Ok(ExitCode::SUCCESS)
}

/// `relata import postgres://…`: a live database into a new workspace.
async fn run_postgres(request: &Request) -> Result<ExitCode> {
    let database = Database::resolve(request.source.as_deref())?;
    let output = match (&request.output, database.name()) {
        _ if request.into.is_some() && request.output.is_some() => {
            bail!("-o writes a new workspace and --into merges into one: give one of them")
        }
        _ if request.into.is_some() => PathBuf::new(),
        (Some(output), _) => output.clone(),
        (None, Some(name)) => PathBuf::from(name),
        (None, None) => bail!("name the workspace to write with -o (the connection names no database)"),
    };
    if request.into.is_none() && output.exists() && !request.force {
        bail!("{} already exists; pass --force to replace it", output.display());
    }
    let rules = RuleSet::named(&request.preset)?;
    // pg_dump where a usable one is installed (the SQL import's fidelity), else the catalog.
    let options = PgImportOptions { schemas: request.schemas.clone(), now: relata_workspace::now(), rules: &rules, pg_dump: PgDump::Search, read_dump: relata_workspace::read_dump };
    let shown = database.url_without_password();
    let report = request.progress || std::io::stderr().is_terminal();
    let mut progress = |p: Progress| {
        if report {
            eprintln!("{shown}: {} {}", p.stage.as_str(), p.count);
        }
    };
    let imported =
        with_login(database, request.ask_password, async |db| postgres::import::import(db, &options, &mut progress).await).await?;
    for d in &imported.diagnostics {
        eprintln!("{d}");
    }
    if let postgres::import::Via::PgDump { program, major } = &imported.via {
        eprintln!("{shown}: read through {} (version {major})", program.display());
    }
    let registry = &imported.registry;
    // Infos (kept statements: owners, grants, functions, …) are counted apart, so the
    // warnings stand out.
    let infos = imported.diagnostics.iter().filter(|d| d.severity == relata_model::Severity::Info).count();
    if let Some(into) = &request.into {
        return merge_into(into, registry, request).await;
    }
    relata_store::save(&output, registry).await?;
    eprintln!(
        "wrote {} from {shown}: {} tables, {} signals, {} relationships, {} enum types, {} kept statements ({} warning(s){})",
        output.display(),
        registry.tables.len(),
        registry.signals.len(),
        registry.relationships.len(),
        registry.enums.len(),
        registry.kept.len(),
        imported.diagnostics.len() - infos,
        if infos > 0 { format!(", {infos} info(s)") } else { String::new() }
    );
    Ok(ExitCode::SUCCESS)
}

/// `--into`: shows what merging `incoming` into the workspace `into` adds and changes
/// (`relata_formats::import::merge`), and with `--apply` saves the merged workspace atomically; with
/// `--check` it writes nothing and exits 1 when there is anything to merge. A
/// workspace that does not load cleanly is left alone, and so is one that changed on disk
/// between the read and the write (a window's save, a `git pull`): the command then writes
/// nothing and exits 1, to be run again on the new state.
async fn merge_into(into: &Path, incoming: &Registry, request: &Request) -> Result<ExitCode> {
    let rules = RuleSet::named(&request.preset)?;
    let mut workspace = Workspace::open_with(into, rules).await.with_context(|| format!("cannot open {}", into.display()))?;
    if let Some(first) = workspace.load_diagnostics().iter().find(|d| d.is_error()) {
        bail!("{} does not load cleanly ({first}); fix it before merging into it", into.display());
    }
    let source = request.source.clone().unwrap_or_default();
    let preview = workspace.import_preview_registry(&source, incoming);
    let merged = preview.merge.as_ref().expect("a registry's preview has a merge");
    let mut kept = 0;
    for change in &merged.changes {
        let (kind, name) = (change.kind.as_str(), &change.name);
        match &change.change {
            ChangeKind::Added => println!("+ {kind} {name}"),
            ChangeKind::Changed(fields) => {
                for FieldChange { field, from, to } in fields {
                    let show = |v: &Option<String>| v.as_deref().map_or_else(|| "(none)".to_owned(), |v| v.replace('\n', " "));
                    println!("~ {kind} {name}: {field}: {} -> {}", show(from), show(to));
                }
            }
            ChangeKind::OnlyInWorkspace => kept += 1,
        }
    }
    for what in &merged.extras {
        println!("~ kept {what}");
    }
    let (added, changed, _) = merged.counts();
    let extras = if merged.extras.is_empty() { String::new() } else { format!(", {} kind(s) of format extras to update", merged.extras.len()) };
    let summary = format!("{added} to add, {changed} to change{extras}, {kept} only in {} (kept)", into.display());
    if merged.is_empty() {
        eprintln!("nothing to merge: {summary}");
    } else if request.check {
        eprintln!("{summary}; the import differs from {} (--check: nothing written)", into.display());
        return Ok(ExitCode::from(1));
    } else if request.apply {
        pause_for_test();
        let changed = workspace.changed_on_disk()?;
        if !changed.is_empty() {
            let names: Vec<String> = changed.iter().map(|p| p.display().to_string()).collect();
            eprintln!("error: {} changed on disk while the import merged into it ({}); nothing was written: run the import again", into.display(), names.join(", "));
            return Ok(ExitCode::from(1));
        }
        workspace.import_apply()?;
        workspace.save().await?;
        eprintln!("merged into {}: {summary}", into.display());
    } else {
        eprintln!("{summary}; nothing written (run again with --apply to write it)");
    }
    Ok(ExitCode::SUCCESS)
}

/// A test's hook into the moment between `--into`'s read and its write: with
/// `RELATA_TEST_PAUSE_BEFORE_WRITE=FILE` the command creates `FILE.ready` and waits (a minute at
/// most) until `FILE` exists, so a test can change the workspace in between. Unset, it does
/// nothing.
fn pause_for_test() {
    let Some(go) = std::env::var_os("RELATA_TEST_PAUSE_BEFORE_WRITE").map(PathBuf::from) else { return };
    let mut ready = go.clone().into_os_string();
    ready.push(".ready");
    let _ = std::fs::write(&ready, b"");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !go.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
