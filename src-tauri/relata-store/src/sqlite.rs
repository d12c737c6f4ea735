//! Single-file SQLite workspaces (`.relata`): the registries in tables with the registry
//! DDL's columns, written whole into a temporary file beside the target and renamed over it,
//! so a crash leaves either the old file or the new one.

use std::collections::HashSet;
use std::path::Path;

use relata_codec::folder::{self as format, SourceFile, SourceMap};
use relata_codec::rows::{self, Column, Kind};
use relata_sync::{BaseRow, RegistryTable, RowKey, SyncBase};
use relata_model::{Diagnostic, Location, Named, Registry, RegistryKind, TableRef};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{Connection, Row, SqliteConnection};

use crate::error::{ErrorKind, StoreError};
use crate::Loaded;

/// File extension of SQLite workspaces.
pub const EXTENSION: &str = "relata";
/// Positions of `schema_name` and `table_name` in [`rows::TABLE_OVERVIEW`].
const SCHEMA_NAME: usize = 3;
const TABLE_NAME: usize = 1;
/// `relata_meta.format` of a workspace.
const FORMAT: &str = "relata-workspace";

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Loads a `.relata` workspace. Opens it read-only: loading never changes the file.
pub async fn load(path: &Path) -> Result<Loaded, StoreError> {
    Ok(load_with_meta(path, &[]).await?.0)
}

/// Loads a `.relata` workspace and the values of the `relata_meta` `keys` it holds besides the
/// registry (`None` for each key it lacks), in the order asked.
pub(crate) async fn load_with_meta(path: &Path, keys: &[&str]) -> Result<(Loaded, Vec<Option<String>>), StoreError> {
    if !path.exists() {
        return Err(StoreError::new(ErrorKind::NotFound, path, "no such workspace file"));
    }
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    let mut conn = SqliteConnection::connect_with(&options).await.map_err(|e| StoreError::db(path, "open the workspace", e))?;
    let format: Option<String> = meta(&mut conn, "format").await.map_err(|_| not_a_workspace(path))?;
    let version: Option<String> = meta(&mut conn, "version").await.map_err(|_| not_a_workspace(path))?;
    if format.as_deref() != Some(FORMAT) {
        return Err(not_a_workspace(path));
    }
    let latest = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(1);
    if version.as_deref().and_then(|v| v.parse::<i64>().ok()).is_none_or(|v| v > latest) {
        return Err(StoreError::new(
            ErrorKind::UnsupportedFormat,
            path,
            format!("workspace version {} is newer than this Relata understands ({latest}); update Relata", version.unwrap_or_default()),
        ));
    }

    let mut registry = Registry::default();
    let mut diagnostics = Vec::new();
    let table_rows = select(&mut conn, path, "table_overview", rows::TABLE_OVERVIEW).await?;
    // Every table a row names, readable or not, for relata.json's extras.
    let named_tables: HashSet<TableRef> = table_rows
        .iter()
        .filter_map(|row| match (&row[SCHEMA_NAME], &row[TABLE_NAME]) {
            (Some(schema), Some(table)) => Some(TableRef::new(schema, table)),
            _ => None,
        })
        .collect();
    for row in table_rows {
        match rows::decode_table(&as_fields(&row)) {
            Ok(table) => registry.tables.push(table),
            Err(errors) => report(RegistryKind::TableOverview, rows::TABLE_OVERVIEW, &row, errors, &mut diagnostics),
        }
    }
    for row in select(&mut conn, path, "signal_registry", rows::SIGNAL_REGISTRY).await? {
        match rows::decode_signal(&as_fields(&row)) {
            Ok(signal) => registry.signals.push(signal),
            Err(errors) => report(RegistryKind::SignalRegistry, rows::SIGNAL_REGISTRY, &row, errors, &mut diagnostics),
        }
    }
    for row in select(&mut conn, path, "relationship_registry", rows::RELATIONSHIP_REGISTRY).await? {
        match rows::decode_relationship(&as_fields(&row)) {
            Ok(rel) => registry.relationships.push(rel),
            Err(errors) => report(RegistryKind::RelationshipRegistry, rows::RELATIONSHIP_REGISTRY, &row, errors, &mut diagnostics),
        }
    }
    if let Some(text) = meta(&mut conn, "relata_json").await.map_err(|e| StoreError::db(path, "read the workspace", e))? {
        let file = SourceFile { path: format!("{}#relata_json", path.display()), bytes: text.into_bytes() };
        format::parse_relata_json(&file, &mut registry, Some(&named_tables), &mut diagnostics);
    }
    let mut values = Vec::with_capacity(keys.len());
    for key in keys {
        values.push(meta(&mut conn, key).await.map_err(|e| StoreError::db(path, "read the workspace", e))?);
    }
    conn.close().await.map_err(|e| StoreError::db(path, "close the workspace", e))?;
    Ok((Loaded { registry, diagnostics, sources: SourceMap::default() }, values))
}

/// Saves `registry` as the `.relata` file `path` (its folder created if needed), replacing
/// it atomically. The file's sync base, if it has one, is carried over unchanged.
pub async fn save(path: &Path, registry: &Registry) -> Result<(), StoreError> {
    // A file that is not a workspace (yet) has no base to keep.
    let base = if path.exists() { load_base(path).await.unwrap_or_default() } else { SyncBase::default() };
    save_with_base(path, registry, &base).await
}

/// Saves `registry` and its sync base as the `.relata` file `path`, both in one atomic
/// replacement.
pub async fn save_with_base(path: &Path, registry: &Registry, base: &SyncBase) -> Result<(), StoreError> {
    save_with_meta(path, registry, base, &[]).await
}

/// Saves `registry`, its sync base and the `relata_meta` entries `extra` as the `.relata` file
/// `path`, all in one atomic replacement.
pub(crate) async fn save_with_meta(path: &Path, registry: &Registry, base: &SyncBase, extra: &[(&str, String)]) -> Result<(), StoreError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, "create the folder", e))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".relata-tmp")
        .tempfile_in(dir)
        .map_err(|e| StoreError::io(dir, "create a temporary file", e))?;
    // The temporary file is removed on any early return, so a failed save leaves nothing.
    write_all(tmp.path(), registry, base, extra).await?;
    tmp.as_file().sync_all().map_err(|e| StoreError::io(tmp.path(), "flush to disk", e))?;
    tmp.persist(path).map_err(|e| StoreError::io(path, "move the new workspace into place", e.error))?;
    crate::folder::sync_dir(dir)
}

async fn write_all(path: &Path, registry: &Registry, base: &SyncBase, extra: &[(&str, String)]) -> Result<(), StoreError> {
    // The file is private until it is renamed into place and is thrown away on failure, so
    // it needs no rollback journal on disk (which a failed save would leave behind).
    let options = SqliteConnectOptions::new()
        .filename(path)
        .journal_mode(SqliteJournalMode::Memory)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true);
    let mut conn = SqliteConnection::connect_with(&options).await.map_err(|e| StoreError::db(path, "create the workspace", e))?;
    MIGRATOR.run(&mut conn).await.map_err(|e| StoreError::new(ErrorKind::Database, path, format!("cannot create the workspace tables: {e}")))?;
    let mut tx = conn.begin().await.map_err(|e| StoreError::db(path, "start writing", e))?;
    let latest = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(1).to_string();
    let own = [("format", FORMAT.to_owned()), ("version", latest), ("relata_json", format::print_relata_json(registry))];
    for (key, value) in own.iter().chain(extra) {
        sqlx::query("INSERT INTO relata_meta (key, value) VALUES (?, ?)")
            .bind(key)
            .bind(value)
            .execute(&mut *tx)
            .await
            .map_err(|e| StoreError::db(path, "write workspace metadata", e))?;
    }
    if let Some(url) = &base.url {
        sqlx::query("INSERT INTO relata_meta (key, value) VALUES ('sync_url', ?)")
            .bind(url)
            .execute(&mut *tx)
            .await
            .map_err(|e| StoreError::db(path, "write the sync base", e))?;
    }
    for (key, row) in &base.rows {
        sqlx::query("INSERT INTO sync_base (registry, id, hash, updated_at) VALUES (?, ?, ?, ?)")
            .bind(key.table.as_str())
            .bind(key.id.to_string())
            .bind(&row.hash)
            .bind(&row.updated_at)
            .execute(&mut *tx)
            .await
            .map_err(|e| StoreError::db(path, "write the sync base", e))?;
    }
    insert(&mut tx, path, "table_overview", rows::TABLE_OVERVIEW, registry.tables.iter().map(rows::encode_table)).await?;
    insert(&mut tx, path, "signal_registry", rows::SIGNAL_REGISTRY, registry.signals.iter().map(rows::encode_signal)).await?;
    insert(&mut tx, path, "relationship_registry", rows::RELATIONSHIP_REGISTRY, registry.relationships.iter().map(rows::encode_relationship)).await?;
    tx.commit().await.map_err(|e| StoreError::db(path, "commit the workspace", e))?;
    conn.close().await.map_err(|e| StoreError::db(path, "close the workspace", e))
}

/// The sync base of the `.relata` file `path`: empty when it has none (never synced, or
/// written before sync existed).
pub async fn load_base(path: &Path) -> Result<SyncBase, StoreError> {
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    let mut conn = SqliteConnection::connect_with(&options).await.map_err(|e| StoreError::db(path, "open the workspace", e))?;
    let has_table: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_base')")
        .fetch_one(&mut conn)
        .await
        .map_err(|e| StoreError::db(path, "read the sync base", e))?;
    let mut base = SyncBase::default();
    if has_table {
        base.url = meta(&mut conn, "sync_url").await.map_err(|e| StoreError::db(path, "read the sync base", e))?;
        let rows: Vec<(String, String, String, String)> = sqlx::query_as("SELECT registry, id, hash, updated_at FROM sync_base")
            .fetch_all(&mut conn)
            .await
            .map_err(|e| StoreError::db(path, "read the sync base", e))?;
        for (registry, id, hash, updated_at) in rows {
            let table = RegistryTable::ALL.into_iter().find(|t| t.as_str() == registry);
            let (Some(table), Ok(id)) = (table, uuid::Uuid::parse_str(&id)) else {
                return Err(StoreError::new(ErrorKind::UnsupportedFormat, path, format!("sync_base holds a bad row ({registry}, {id})")));
            };
            base.rows.insert(RowKey { table, id }, BaseRow { hash, updated_at });
        }
    }
    conn.close().await.map_err(|e| StoreError::db(path, "close the workspace", e))?;
    Ok(base)
}

async fn insert(
    tx: &mut SqliteConnection,
    path: &Path,
    table: &str,
    columns: &[Column],
    records: impl Iterator<Item = Vec<Option<String>>>,
) -> Result<(), StoreError> {
    // Quoted: some registry columns are SQL keywords (`deferrable`).
    let names: Vec<String> = columns.iter().map(|c| format!("\"{}\"", c.name)).collect();
    let row = format!("(?{})", ", ?".repeat(columns.len()));
    // Many rows per statement: each statement is a round trip to sqlx's SQLite worker thread,
    // which cost more than the insert itself when it carried one row (0.5 s per 1,000 tables).
    // A full batch's SQL is the same every time, so the driver prepares it once.
    let per_statement = (MAX_PARAMETERS / (columns.len() + 1)).clamp(1, MAX_ROWS_PER_STATEMENT);
    let records: Vec<Vec<Option<String>>> = records.collect();
    for (batch, chunk) in records.chunks(per_statement).enumerate() {
        // The SQL is built from the static column lists only; values are bound.
        let sql = format!("INSERT INTO {table} (row_order, {}) VALUES {}", names.join(", "), vec![row.as_str(); chunk.len()].join(", "));
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (n, record) in chunk.iter().enumerate() {
            query = query.bind((batch * per_statement + n) as i64);
            for (column, field) in columns.iter().zip(record) {
                query = match column.kind {
                    Kind::Int => query.bind(field.as_deref().map(|f| f.parse::<i64>().expect("encoded integers parse"))),
                    Kind::Bool => query.bind(field.as_deref().map(|f| i64::from(f == "true"))),
                    _ => query.bind(field.clone()),
                };
            }
        }
        query.execute(&mut *tx).await.map_err(|e| StoreError::db(path, &format!("write {table}"), e))?;
    }
    Ok(())
}

/// SQLite's limit on the parameters of one statement (`SQLITE_MAX_VARIABLE_NUMBER`, 32,766
/// since 3.32), with room to spare.
const MAX_PARAMETERS: usize = 32_000;
/// Rows per insert statement at most, so a statement's text stays small.
const MAX_ROWS_PER_STATEMENT: usize = 500;

async fn select(
    conn: &mut SqliteConnection,
    path: &Path,
    table: &str,
    columns: &[Column],
) -> Result<Vec<Vec<Option<String>>>, StoreError> {
    let names: Vec<String> = columns.iter().map(|c| format!("\"{}\"", c.name)).collect();
    let sql = format!("SELECT {} FROM {table} ORDER BY row_order", names.join(", "));
    // Built from the static column lists only.
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(&mut *conn).await.map_err(|e| StoreError::db(path, &format!("read {table}"), e))?;
    rows.iter()
        .map(|row| {
            columns
                .iter()
                .enumerate()
                .map(|(n, column)| match column.kind {
                    Kind::Int => row.try_get::<Option<i64>, _>(n).map(|v| v.map(|v| v.to_string())),
                    Kind::Bool => row.try_get::<Option<i64>, _>(n).map(|v| v.map(|v| (v != 0).to_string())),
                    _ => row.try_get::<Option<String>, _>(n),
                })
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| StoreError::db(path, &format!("read {table}"), e))
        })
        .collect()
}

fn as_fields(row: &[Option<String>]) -> Vec<Option<&str>> {
    row.iter().map(|f| f.as_deref()).collect()
}

fn report(
    registry: RegistryKind,
    columns: &[Column],
    row: &[Option<String>],
    errors: Vec<rows::FieldError>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // A row that cannot be decoded has no id to point at, only the text of its first column.
    let key = Named::row(row.first().cloned().flatten().unwrap_or_default().as_str());
    for e in errors {
        diagnostics.push(Diagnostic::error(e.code, Location::entry(registry, &key, Some(columns[e.column].name)), e.message));
    }
}

async fn meta(conn: &mut SqliteConnection, key: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT value FROM relata_meta WHERE key = ?").bind(key).fetch_optional(conn).await
}

fn not_a_workspace(path: &Path) -> StoreError {
    StoreError::new(ErrorKind::NotAWorkspace, path, "not a Relata workspace (no relata_meta table with format relata-workspace)")
}
