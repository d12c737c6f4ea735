//! What changed between two versions of a registry, for `relata diff` and the window's
//! "Changes…": each side read ([`DiffSide`]: the open workspace now or as last saved, a
//! workspace on disk, a registry folder at a git revision, a live database), then compared
//! entry by entry (`relata_formats::diff::changes`, also grouped by table) and as a PostgreSQL
//! migration (`relata_formats::diff::migration`). With a database on a side the comparison is
//! a drift check: both sides as the server spells them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use relata_formats::diff::{changes, migration};

/// The comparison's parts, as `relata_formats::diff` defines them.
pub use relata_formats::diff::{Change, ChangeKind, FieldChange, Migration, MigrationOptions};
use relata_formats::export::{export, ExportFormat, ExportOptions};
use relata_codec::folder::{self, FolderText};
use relata_model::{AvailabilityStatus, Diagnostic, Registry};
use relata_rules::RuleSet;
use relata_store::postgres::import::{ImportOptions as PgImportOptions, PgDump};
use relata_store::postgres::{self, Database};

use crate::{now, Error, ErrorKind, Job, Workspace};

/// One side of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffSide {
    /// The open workspace as it is now, unsaved edits included.
    Current,
    /// The open workspace as it was last saved (or loaded).
    LastSave,
    /// A workspace on disk: a registry folder or a `.relata` file.
    Path(PathBuf),
    /// A registry folder as it was at a git revision.
    Git {
        /// Any revision `git show` reads: `HEAD`, `HEAD~1`, a tag, a commit.
        revision: String,
        /// The folder: relative to the current directory, or absolute.
        folder: PathBuf,
    },
    /// A live PostgreSQL database, by its `postgres://` URL.
    Database(String),
}

impl DiffSide {
    /// The side `spec` names, as `relata diff` reads it: `postgres://…` (or `postgresql://…`),
    /// `git:REVISION:FOLDER`, else a workspace path.
    pub fn parse(spec: &str) -> Result<Self, Error> {
        if spec.starts_with("postgres://") || spec.starts_with("postgresql://") {
            return Ok(DiffSide::Database(spec.to_owned()));
        }
        match spec.strip_prefix("git:") {
            Some(rest) => match rest.split_once(':') {
                Some((revision, folder)) if !revision.is_empty() && !folder.is_empty() => {
                    Ok(DiffSide::Git { revision: revision.to_owned(), folder: PathBuf::from(folder) })
                }
                _ => Err(Error::about(
                    ErrorKind::InvalidRequest,
                    format!("`{spec}`: a git side is written git:REVISION:FOLDER, as in git:HEAD~1:registries/zellij"),
                    spec,
                )),
            },
            None => Ok(DiffSide::Path(PathBuf::from(spec))),
        }
    }

    /// How a person names it, as [`Self::parse`] reads it back where it can.
    pub fn name(&self) -> String {
        match self {
            DiffSide::Current => "the workspace".to_owned(),
            DiffSide::LastSave => "the last save".to_owned(),
            DiffSide::Path(path) => path.display().to_string(),
            DiffSide::Git { revision, folder } => format!("git:{revision}:{}", folder.display()),
            // The URL as given may hold a password: only the server's own spelling is shown.
            DiffSide::Database(url) => Database::from_url(url).map_or_else(|_| "the database".to_owned(), |d| d.url_without_password()),
        }
    }
}

/// One side, read.
#[derive(Debug, Clone)]
pub struct SideRegistry {
    /// How a person names the side.
    pub name: String,
    /// What it holds.
    pub registry: Registry,
    /// The database it was read from, for a live side (with the password the login used).
    pub database: Option<Database>,
}

/// What two sides differ in.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The old side's name.
    pub old: String,
    /// The new side's name.
    pub new: String,
    /// A database was on a side: both were compared as the server spells them, and the
    /// migration is the drift.
    pub drift: bool,
    /// Every entry that differs, in `relata_formats::diff::changes`' order.
    pub changes: Vec<Change>,
    /// The same changes grouped by the table they are about.
    pub groups: Vec<ChangeGroup>,
    /// The PostgreSQL migration from old to new.
    pub migration: Migration,
    /// What a person should know about how the comparison was made.
    pub warnings: Vec<String>,
}

impl Comparison {
    /// Whether the two sides hold the same (for a drift check: the database matches).
    pub fn is_empty(&self) -> bool {
        if self.drift { self.migration.is_empty() } else { self.changes.is_empty() }
    }
}

/// The changes about one table (its own, its columns', the relationships it is the child of,
/// the kept statements on it), or about no table (modules, enum types, concepts, other kept
/// statements), in the order the comparison found them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeGroup {
    /// `schema.table`, or for the changes about no table, what they are ("Modules").
    pub title: String,
    /// Whether the group is a table's.
    pub table: bool,
    /// Its changes.
    pub changes: Vec<Change>,
}

impl Workspace {
    /// The open workspace's own side: as it is now, or as last saved. `None` for another kind
    /// of side, which [`read_side`] reads.
    pub fn diff_side(&self, side: &DiffSide) -> Option<SideRegistry> {
        let registry = match side {
            DiffSide::Current => self.registry().clone(),
            // A workspace never read from disk was never saved: it is its own last save.
            DiffSide::LastSave => self.on_disk.as_ref().map_or_else(|| self.registry().clone(), |d| d.registry.clone()),
            _ => return None,
        };
        Some(SideRegistry { name: side.name(), registry, database: None })
    }
}

/// Reads a side that is not the open workspace: a workspace path, a git revision of a registry
/// folder or a database. A side with load errors is refused naming the first one (file and
/// line); an unreachable database is an [`ErrorKind::Connect`].
pub async fn read_side(side: &DiffSide, rules: &RuleSet, job: &Job) -> Result<SideRegistry, Error> {
    let name = side.name();
    let (registry, diagnostics) = match side {
        DiffSide::Current | DiffSide::LastSave => {
            return Err(Error::new(ErrorKind::InvalidRequest, format!("{name} is the open workspace's, not a side to read")));
        }
        DiffSide::Database(url) => {
            let database = Database::resolve(Some(url)).map_err(|e| Error::from(e).context(&format!("cannot read {name}")))?;
            return read_database(&database, rules, job).await.map_err(|e| Error::from(e).context(&format!("cannot read {name}")));
        }
        DiffSide::Git { revision, folder } => {
            job.report(&format!("Reading {name}"), 0, 0);
            folder::parse(&git_folder(revision, folder)?)
        }
        DiffSide::Path(path) => {
            job.report(&format!("Reading {name}"), 0, 0);
            let loaded = relata_store::load(path).await.map_err(|e| Error::from(e).context(&format!("cannot open {name}")))?;
            (loaded.registry, loaded.diagnostics)
        }
    };
    refuse_load_errors(&name, &diagnostics)?;
    Ok(SideRegistry { name, registry, database: None })
}

/// Reads the live database `database` as a registry (through pg_dump where a usable one is
/// installed, else the catalog). The store's error is returned as it is, so a front end may
/// ask for a password when the login is refused and try again.
pub async fn read_database(database: &Database, rules: &RuleSet, job: &Job) -> Result<SideRegistry, relata_store::StoreError> {
    let name = database.url_without_password();
    let options = PgImportOptions { schemas: Vec::new(), now: now(), rules, pg_dump: PgDump::Search, read_dump: crate::read_dump };
    let step = format!("Reading {name}");
    job.report(&step, 0, 0);
    let imported = postgres::import::import(database, &options, &mut |p| job.report(&format!("{step}: {}", p.stage.as_str()), p.count as u32, 0)).await?;
    if let Some(error) = imported.diagnostics.iter().find(|d| d.is_error()) {
        let message = format!("could not be read: {error}");
        return Err(relata_store::StoreError { kind: relata_store::ErrorKind::Invalid, path: name.into(), message, source: None });
    }
    Ok(SideRegistry { name, registry: imported.registry, database: Some(database.clone()) })
}

/// The first load error of the side `name`, as an [`ErrorKind::InvalidRegistry`] naming its
/// file and line.
fn refuse_load_errors(name: &str, diagnostics: &[Diagnostic]) -> Result<(), Error> {
    match diagnostics.iter().find(|d| d.is_error()) {
        Some(error) => Err(Error::new(ErrorKind::InvalidRegistry, format!("{name} does not load cleanly ({error}); fix it before comparing"))),
        None => Ok(()),
    }
}

/// Compares `old` with `new`: the changes, grouped by table, and the migration. With a
/// database on a side, a workspace side is first made in a scratch database on that server
/// and read back, so both are compared as PostgreSQL spells them (an expression, a default);
/// where no scratch database can be made, the workspace is compared as written (its
/// relationships that are not active left out, as its SQL export does), with a warning.
pub async fn compare(old: SideRegistry, new: SideRegistry, rules: &RuleSet, options: &MigrationOptions, job: &Job) -> Result<Comparison, Error> {
    job.check()?;
    let mut warnings = Vec::new();
    let server = old.database.clone().or_else(|| new.database.clone());
    let (old_name, new_name) = (old.name.clone(), new.name.clone());
    let (old, new) = match &server {
        Some(server) => {
            job.report("Comparing as the server spells it", 0, 2);
            let old = as_the_server_spells_it(old, server, rules, &mut warnings).await;
            job.check()?;
            job.report("Comparing as the server spells it", 1, 2);
            let new = as_the_server_spells_it(new, server, rules, &mut warnings).await;
            (old, new)
        }
        None => (old.registry, new.registry),
    };
    job.check()?;
    job.report("Comparing", 0, 2);
    let drift = server.is_some();
    // Each side read from a database carries that database's name (the scratch one's, for the
    // workspace): where the database is, not what it holds, so it is no drift.
    let found = match server {
        Some(_) => changes(&without_database_names(&old), &without_database_names(&new)),
        None => changes(&old, &new),
    };
    job.check()?;
    job.report("Writing the migration", 1, 2);
    // A database holds no governance: every relationship would look changed in the header.
    let options = MigrationOptions { governance: options.governance && !drift, ..*options };
    let migration = migration(&old, &new, rules, &options);
    job.report("Done", 2, 2);
    let groups = group_by_table(&found, &old, &new);
    Ok(Comparison { old: old_name, new: new_name, drift, changes: found, groups, migration, warnings })
}

/// `registry` without the database names of its tables and relationship ends.
fn without_database_names(registry: &Registry) -> Registry {
    let mut registry = registry.clone();
    for t in &mut registry.tables {
        t.db_name = None;
    }
    for r in &mut registry.relationships {
        r.child.db_name = None;
        r.parent.db_name = None;
    }
    registry
}

/// A workspace side as `server` reads back its SQL export (active relationships only, as the
/// export writes); a database side as it is.
async fn as_the_server_spells_it(side: SideRegistry, server: &Database, rules: &RuleSet, warnings: &mut Vec<String>) -> Registry {
    if side.database.is_some() {
        return side.registry;
    }
    let sql = export(&side.registry, ExportFormat::Sql, &ExportOptions::default(), rules);
    let options = PgImportOptions { schemas: Vec::new(), now: now(), rules, pg_dump: PgDump::Search, read_dump: crate::read_dump };
    match postgres::scratch::materialize(server, &sql, &options).await {
        Ok(imported) => imported.registry,
        Err(e) => {
            warnings.push(format!("comparing {} as written, not as the server spells it ({e})", side.name));
            let mut registry = side.registry;
            registry.relationships.retain(|r| r.availability == AvailabilityStatus::Active);
            registry
        }
    }
}

/// `found` grouped by the table each change is about, tables in the order first met, then the
/// changes about no table, by kind.
pub fn group_by_table(found: &[Change], old: &Registry, new: &Registry) -> Vec<ChangeGroup> {
    // Each entry's table, looked up from the names the comparison gives them (both sides, the
    // new one winning), never parsed back out of the name.
    let mut table_of: HashMap<(&str, String), String> = HashMap::new();
    for registry in [old, new] {
        for t in &registry.tables {
            let name = t.table_ref().to_string();
            table_of.insert(("table", name.clone()), name);
        }
        for s in &registry.signals {
            if let Some(t) = &s.table {
                table_of.insert(("column", format!("{t}.{}", s.column)), t.to_string());
            }
        }
        for r in &registry.relationships {
            table_of.insert(("relationship", r.key.clone()), format!("{}.{}", r.child.schema, r.child.table));
        }
    }
    let mut groups: Vec<ChangeGroup> = Vec::new();
    let mut others: Vec<ChangeGroup> = Vec::new();
    for change in found {
        let table = table_of.get(&(change.entry, change.name.clone()));
        let (title, list) = match table {
            Some(table) => (table.clone(), &mut groups),
            None => (other_title(change.entry).to_owned(), &mut others),
        };
        match list.iter_mut().find(|g| g.title == title) {
            Some(group) => group.changes.push(change.clone()),
            None => list.push(ChangeGroup { title, table: table.is_some(), changes: vec![change.clone()] }),
        }
    }
    groups.extend(others);
    groups
}

/// The title of the group of changes about no table, by entry kind.
fn other_title(entry: &str) -> &'static str {
    match entry {
        "module" => "Modules",
        "enum" => "Enum types",
        "concept" => "Concepts",
        "kept" => "Kept statements",
        "relationship" => "Relationships",
        _ => "Other",
    }
}

/// The registry folder `folder` as it was at `revision`, read with `git show`: from inside the
/// folder where it still exists (so an absolute path works), else relative to the current
/// directory.
fn git_folder(revision: &str, folder: &Path) -> Result<FolderText, Error> {
    let shown = folder.display().to_string();
    let inside = folder.is_dir();
    let show = |file: &str| -> Result<Option<String>, Error> {
        let mut git = Command::new("git");
        let object = if inside {
            git.current_dir(folder);
            format!("{revision}:./{file}")
        } else {
            format!("{revision}:./{}/{file}", shown.trim_end_matches('/'))
        };
        let out = git.args(["show", &object]).output().map_err(|e| Error::new(ErrorKind::Io, format!("cannot run git: {e}")))?;
        if out.status.success() {
            return String::from_utf8(out.stdout).map(Some).map_err(|_| Error::new(ErrorKind::InvalidRegistry, format!("{object} is not UTF-8")));
        }
        let said = String::from_utf8_lossy(&out.stderr);
        if said.contains("does not exist") || said.contains("exists on disk, but not in") {
            return Ok(None);
        }
        Err(Error::new(ErrorKind::NotFound, format!("git show {object}: {}", said.trim())))
    };
    let required = |file: &str| -> Result<String, Error> {
        show(file)?.ok_or_else(|| Error::new(ErrorKind::NotFound, format!("{shown} at {revision} has no {file}: is it a registry folder?")))
    };
    Ok(FolderText {
        table_overview: required("table_overview.csv")?,
        signal_registry: required("signal_registry.csv")?,
        relationship_registry: required("relationship_registry.csv")?,
        relata_json: show("relata.json")?,
    })
}
