//! Live import: a PostgreSQL database as a registry, by one of two paths.
//!
//! - **pg_dump** ([`dump`]): where a `pg_dump` at least as new as the server is installed
//!   ([`PgDump`] says where to look), the import runs `pg_dump --schema-only` against the same
//!   connection and reads its output with the SQL import, which the caller gives
//!   ([`ImportOptions::read_dump`]: relata-store parses no SQL, so that reading a registry
//!   compiles no SQL parser; `relata_workspace::read_dump` is relata-formats' SQL import), so a live import has exactly the fidelity of
//!   importing a dump: everything the SQL import models is modelled, every other statement is
//!   kept verbatim, and objects that belong to an extension are left out as pg_dump leaves
//!   them out (they come back with `CREATE EXTENSION`).
//! - **catalog** ([`catalog`]): otherwise the import reads `pg_catalog` itself in one
//!   repeatable-read snapshot. It models tables, columns (identity, generation, collation,
//!   storage, statistics), keys, unique constraints, CHECK and EXCLUDE constraints, foreign
//!   keys, indexes with every part option, partitioned tables and their partitions, enum types
//!   and comments; keeps views, functions, triggers, domains, types, grants and the like as
//!   statements from PostgreSQL's deparse functions or the catalog; leaves out what extensions
//!   own; and names every other object it finds (an aggregate, a statistics object, an owner
//!   other than the importing role, …) in a `P106` warning: nothing is lost silently.
//!
//! The connection is opened first either way (so a refused password is
//! [`ErrorKind::Authentication`](crate::ErrorKind::Authentication) on both paths) and the
//! server's version decides whether a `pg_dump` is new enough. Which path ran is
//! [`Imported::via`]; taking the catalog path for want of a `pg_dump` is a `P105` warning.

pub mod catalog;
pub mod dump;
mod kept;

use std::collections::BTreeSet;
use std::path::PathBuf;

use relata_model::{Diagnostic, Location, Registry, Severity, Timestamp};
use relata_rules::RuleSet;

use super::Database;
use crate::error::{ErrorKind, StoreError};

/// The `db_engine` imported tables and relationships carry.
pub const DB_ENGINE: &str = "aurora_postgres";

/// Diagnostic codes of the live import (`P1xx`). Diagnostics of the pg_dump path are the SQL
/// import's (`S1xx`), located in the dump's text. The codes and their explanations live in the
/// one table of every Relata code, [`relata_model::codes`]; these are its constants.
pub mod codes {
    pub use relata_model::codes::{P101, P102, P103, P104, P105, P106};
}

/// Which `pg_dump` the live import runs, if any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum PgDump {
    /// Look for one (the default): `pg_dump` on `PATH`, then in PostgreSQL's bindir
    /// (`pg_config --bindir`, `/usr/lib/postgresql/<major>/bin`, newest first); the first
    /// whose major version is at least the server's is run. None found: the catalog path.
    #[default]
    Search,
    /// This program, when its major version is at least the server's (else the catalog
    /// path, with a warning).
    Program(PathBuf),
    /// Never run pg_dump: read the catalog (what the catalog path keeps, every other object
    /// named in a warning).
    Never,
}

/// What to import and how to name it.
#[derive(Debug, Clone)]
pub struct ImportOptions<'a> {
    /// Only these schemas (exact names, pg_dump's `-n` each); empty means every schema but
    /// PostgreSQL's own. A name the database does not have is an
    /// [`ErrorKind::NotFound`](crate::ErrorKind::NotFound) error.
    pub schemas: Vec<String>,
    /// `created_at`/`updated_at` of every imported row (the library has no clock).
    pub now: Timestamp,
    /// Gives the relationship keys (`names.relationship_key`).
    pub rules: &'a RuleSet,
    /// Which `pg_dump` to run, or none.
    pub pg_dump: PgDump,
    /// How the pg_dump path reads pg_dump's script: the SQL import.
    pub read_dump: ReadDump,
}

/// The SQL import the pg_dump path reads pg_dump's script with: the registry the script
/// describes and the diagnostics, located in it, that `rules` name relationships by.
pub type ReadDump = fn(&Dump<'_>, &RuleSet) -> (Registry, Vec<Diagnostic>);

/// pg_dump's script and what reading it needs to know that the script does not say.
#[derive(Debug, Clone, Copy)]
pub struct Dump<'a> {
    /// The script.
    pub text: &'a str,
    /// What diagnostics name as its file (the program and the database, without a password).
    pub file: &'a str,
    /// `created_at`/`updated_at` of every row.
    pub now: &'a Timestamp,
    /// `db_engine` of every table and relationship end.
    pub db_engine: &'a str,
    /// `db_name` of every table and relationship end: the database dumped.
    pub db_name: &'a str,
}

/// A stage of the import, for progress reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Connecting to the server.
    Connecting,
    /// pg_dump wrote the schema (pg_dump path only); the count is its lines.
    Dumped,
    /// Schemas found.
    Schemas,
    /// Tables found (partitions included).
    Tables,
    /// Columns read.
    Columns,
    /// Keys, unique, CHECK and EXCLUDE constraints and foreign keys read.
    Constraints,
    /// Indexes read.
    Indexes,
    /// Enum types read.
    Enums,
    /// Statements kept verbatim (pg_dump path), or objects the catalog path cannot keep and
    /// names in warnings (catalog path).
    Others,
    /// The registry is built; the count is its tables.
    Done,
}

impl Stage {
    /// The stage as a word for messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Connecting => "connecting",
            Stage::Dumped => "pg_dump lines",
            Stage::Schemas => "schemas",
            Stage::Tables => "tables",
            Stage::Columns => "columns",
            Stage::Constraints => "constraints",
            Stage::Indexes => "indexes",
            Stage::Enums => "enum types",
            Stage::Others => "other objects",
            Stage::Done => "done",
        }
    }
}

/// One progress report: a stage and how many things it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The stage just finished.
    pub stage: Stage,
    /// How many things of that stage were read.
    pub count: usize,
}

/// Which path an import took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// `pg_dump --schema-only` through the SQL import.
    PgDump {
        /// The program that ran.
        program: PathBuf,
        /// Its major version (15 for 15.4).
        major: u32,
    },
    /// The catalog, read by Relata.
    Catalog,
}

/// An imported registry and what could not be carried over exactly.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The registry.
    pub registry: Registry,
    /// Diagnostics: the SQL import's for the dump (`S1xx`, infos for kept statements), or
    /// the catalog path's (`P1xx`), each naming its object.
    pub diagnostics: Vec<Diagnostic>,
    /// Which path ran.
    pub via: Via,
}

/// Imports `database` as a registry through pg_dump where a usable one is installed, else
/// through the catalog (see the module docs), calling `progress` after each stage.
pub async fn import(
    database: &Database,
    options: &ImportOptions<'_>,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<Imported, StoreError> {
    progress(Progress { stage: Stage::Connecting, count: 0 });
    let mut conn = database.connect().await?;
    let e = |doing: &'static str| move |err| database.error(doing, err);
    let version: String =
        sqlx::query_scalar("SELECT current_setting('server_version_num')").fetch_one(&mut conn).await.map_err(e("read the server version"))?;
    let server = version.trim().parse::<u32>().map_or(0, |n| n / 10000);
    // A schema asked for that is not there is a typo to say, on both paths (pg_dump would
    // stop at it, the catalog would give nothing).
    let missing: Vec<String> = sqlx::query_scalar(
        "SELECT s FROM unnest($1::text[]) s WHERE NOT EXISTS (SELECT FROM pg_namespace n WHERE n.nspname = s) ORDER BY 1",
    )
    .bind(&options.schemas)
    .fetch_all(&mut conn)
    .await
    .map_err(e("read the schemas"))?;
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|s| format!("`{s}`")).collect();
        let message = format!("the database has no schema {}", names.join(", "));
        return Err(StoreError::new(ErrorKind::NotFound, database.url_without_password(), message));
    }
    let found = match &options.pg_dump {
        PgDump::Never => Err(None),
        choice => dump::find(choice, database, server).map_err(Some),
    };
    match found {
        Ok(tool) => {
            use sqlx::Connection;
            let database_name: String =
                sqlx::query_scalar("SELECT current_database()::text").fetch_one(&mut conn).await.map_err(e("read the catalog"))?;
            conn.close().await.map_err(e("close the connection"))?;
            let text = dump::run(&tool, database, &options.schemas).await?;
            progress(Progress { stage: Stage::Dumped, count: text.lines().count() });
            let imported = dump::import(&text, &tool, database, &database_name, options);
            report_counts(&imported.registry, progress);
            Ok(imported)
        }
        Err(why) => {
            let mut imported = catalog::import(conn, database, options, progress).await?;
            // Asked for, the catalog path is news; for want of a pg_dump, a warning.
            let (severity, message) = match why {
                Some(why) => (Severity::Warning, format!("{why}; read the catalog instead, which keeps less (P106 warnings name what)")),
                None => (Severity::Info, "pg_dump was not asked for; read the catalog (P106 warnings name what it cannot keep)".to_owned()),
            };
            let diagnostic = Diagnostic { code: codes::P105, severity, location: Location::Workspace, message };
            imported.diagnostics.insert(0, diagnostic);
            progress(Progress { stage: Stage::Done, count: imported.registry.tables.len() });
            Ok(imported)
        }
    }
}

/// Not owned by an extension (pg_dump leaves those out; `CREATE EXTENSION` makes them): a
/// condition on the catalog row `oid` of catalog `class`, for both catalog queries.
fn not_extension(oid: &str, class: &str) -> String {
    format!("NOT EXISTS (SELECT FROM pg_depend x WHERE x.objid = {oid} AND x.classid = '{class}'::regclass AND x.deptype = 'e')")
}

/// The stages after the dump, counted in the registry the SQL import made of it.
fn report_counts(registry: &Registry, progress: &mut (dyn FnMut(Progress) + Send)) {
    let schemas: BTreeSet<&str> = registry
        .tables
        .iter()
        .map(|t| t.schema.as_str())
        .chain(registry.enums.iter().map(|e| e.schema.as_str()))
        .chain(registry.kept.iter().filter_map(|k| k.schema.as_deref()))
        .collect();
    let constraints: usize = registry
        .tables
        .iter()
        .map(|t| usize::from(!t.primary_key.is_empty()) + t.unique_constraints.len() + t.checks.len() + t.exclusions.len())
        .sum::<usize>()
        + registry.relationships.len();
    let counts = [
        (Stage::Schemas, schemas.len()),
        (Stage::Tables, registry.tables.len()),
        (Stage::Columns, registry.signals.iter().filter(|s| s.table.is_some()).count()),
        (Stage::Constraints, constraints),
        (Stage::Indexes, registry.tables.iter().map(|t| t.indexes.len()).sum()),
        (Stage::Enums, registry.enums.len()),
        (Stage::Others, registry.kept.len()),
        (Stage::Done, registry.tables.len()),
    ];
    for (stage, count) in counts {
        progress(Progress { stage, count });
    }
}
