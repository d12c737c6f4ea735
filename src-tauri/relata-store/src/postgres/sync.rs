//! Shared registry sync, the SQL half: `pull` reads the three registry tables and
//! `relata_extras` (`registries/ddl/`) of a database and merges them into a workspace; `push`
//! writes the workspace's changed rows in one transaction, each only where the database still
//! holds the version the workspace last saw. What counts as changed and what is a conflict is decided
//! by `relata_sync` (pure); this module only runs the SQL and saves the result.

use std::collections::BTreeMap;
use std::path::Path;

use relata_codec::rows::{self, Kind};
use relata_sync::{self as sync, Change, Conflict, Decision, Fields, Outgoing, Pulled, RegistryTable, Resolve, RowKey};
use relata_model::{Registry, Timestamp};
use sqlx::postgres::PgConnection;
use sqlx::{Connection, Row};
use uuid::Uuid;

use super::Database;
use crate::error::{ErrorKind, StoreError};

/// What a push did.
#[derive(Debug, Clone, Default)]
pub struct Pushed {
    /// Entries inserted into the database, by name.
    pub inserted: Vec<String>,
    /// Entries updated there.
    pub updated: Vec<String>,
    /// Entries deleted there.
    pub deleted: Vec<String>,
    /// Entries the database already held as the workspace does.
    pub agreed: usize,
    /// Entries not written because the database's row moved since the last sync (or a new
    /// entry's key is taken there): both versions, field by field.
    pub conflicts: Vec<Conflict>,
}

/// Pulls: reads the database's registry rows and merges them into the workspace at
/// `workspace` (see `relata_sync::pull`; conflicts settled as `resolve` says), then
/// saves the workspace and its new base. Refuses a workspace with load errors.
pub async fn pull(workspace: &Path, database: &Database, resolve: Resolve) -> Result<Pulled, StoreError> {
    let local = load_clean(workspace).await?;
    let base = crate::load_base(workspace).await?;
    let mut conn = database.connect().await?;
    let mut tx = conn.begin().await.map_err(|e| database.error("start a transaction", e))?;
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        .execute(&mut *tx)
        .await
        .map_err(|e| database.error("start a transaction", e))?;
    let mut remote: BTreeMap<RowKey, Fields> = BTreeMap::new();
    for table in RegistryTable::ALL {
        // A database set up before Relata's own data travelled has no relata_extras: it holds
        // none of it yet (the first push creates the table).
        if table == RegistryTable::RelataExtras && !has_table(&mut tx, database, table).await? {
            continue;
        }
        let rows = select(&mut tx, database, table, None).await?;
        remote.extend(rows.into_iter().map(|(id, fields)| (RowKey { table, id }, fields)));
    }
    tx.commit().await.map_err(|e| database.error("end the transaction", e))?;
    let _ = conn.close().await;
    let pulled = sync::pull_rows(&local, &base, &remote, Some(database.url_without_password()), resolve);
    crate::save_with_base(workspace, &pulled.registry, &pulled.base).await?;
    Ok(pulled)
}

/// Pushes the workspace's changes since its base in ONE transaction: each changed row is
/// locked (`FOR UPDATE`) and compared with the base; a row the database still holds as the
/// base is written (`WHERE key = $k AND updated_at = $base`, with `updated_at = now()`), a
/// row that moved is a conflict and is left alone. Tables go in the order table_overview,
/// signal_registry, relationship_registry, relata_extras (created first where the database
/// lacks it and the workspace has Relata data to write). On commit the workspace takes the new
/// `updated_at`s and base; if anything fails before the commit (a killed connection), the
/// database and the workspace are as they were.
pub async fn push(workspace: &Path, database: &Database) -> Result<Pushed, StoreError> {
    if !workspace.exists() {
        return Err(StoreError::new(ErrorKind::NotFound, workspace, "no such workspace to push"));
    }
    let local = load_clean(workspace).await?;
    let base = crate::load_base(workspace).await?;
    let outgoing = sync::outgoing(&local, &base);
    let mut pushed = Pushed::default();
    let mut written: BTreeMap<RowKey, Option<Timestamp>> = BTreeMap::new();
    let mut agreed: Vec<(RowKey, Option<Fields>)> = Vec::new();
    let mut conn = database.connect().await?;
    let mut tx = conn.begin().await.map_err(|e| database.error("start a transaction", e))?;
    for table in RegistryTable::ALL {
        let rows: Vec<&Outgoing> = outgoing.iter().filter(|o| o.key.table == table).collect();
        if rows.is_empty() {
            continue;
        }
        if table == RegistryTable::RelataExtras && !has_table(&mut tx, database, table).await? {
            create_extras_table(&mut tx, database).await?;
        }
        let ids: Vec<Uuid> = rows.iter().map(|o| o.key.id).collect();
        let remote = select(&mut tx, database, table, Some(&ids)).await?;
        for row in rows {
            match sync::decide(row, remote.get(&row.key.id)) {
                Decision::Agree => {
                    pushed.agreed += 1;
                    // The database's version: its updated_at is what a later push must match.
                    agreed.push((row.key, remote.get(&row.key.id).cloned()));
                }
                Decision::Conflict(c) => pushed.conflicts.push(c),
                Decision::Delete => {
                    delete(&mut tx, database, row).await?;
                    written.insert(row.key, None);
                    pushed.deleted.push(row.name.clone());
                }
                Decision::Insert | Decision::Update => {
                    let insert = row.change == Change::Added;
                    match write(&mut tx, database, row, insert).await? {
                        Ok(stamp) => {
                            written.insert(row.key, Some(stamp));
                            if insert {
                                pushed.inserted.push(row.name.clone())
                            } else {
                                pushed.updated.push(row.name.clone())
                            }
                        }
                        Err(taken) => pushed.conflicts.push(taken),
                    }
                }
            }
        }
    }
    tx.commit().await.map_err(|e| database.error("commit the push", e))?;
    let _ = conn.close().await;
    let (registry, mut new_base) = sync::after_push(&local, &base, &written, Some(database.url_without_password()));
    sync::record_agreed(&mut new_base, &agreed);
    crate::save_with_base(workspace, &registry, &new_base).await?;
    Ok(pushed)
}

/// Loads a workspace and refuses it when it has load errors: sync must not mistake an
/// unreadable row for a deleted one. A workspace that does not exist yet is empty (a first
/// pull creates it).
async fn load_clean(workspace: &Path) -> Result<Registry, StoreError> {
    if !workspace.exists() {
        return Ok(Registry::default());
    }
    let loaded = crate::load(workspace).await?;
    let errors: Vec<String> = loaded.diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
    if !errors.is_empty() {
        return Err(StoreError::new(
            ErrorKind::Invalid,
            workspace,
            format!("the workspace has {} load error(s); fix them before syncing (relata check):\n{}", errors.len(), errors.join("\n")),
        ));
    }
    Ok(loaded.registry)
}

/// The DDL of `relata_extras`, which a push runs on a database that does not have it yet.
const RELATA_EXTRAS_DDL: &str = include_str!("../../../../registries/ddl/relata_extras.sql");

/// Whether the database has `table` where the session's search path finds it.
async fn has_table(conn: &mut PgConnection, database: &Database, table: RegistryTable) -> Result<bool, StoreError> {
    sqlx::query_scalar::<_, bool>("SELECT to_regclass($1) IS NOT NULL")
        .bind(table.as_str())
        .fetch_one(&mut *conn)
        .await
        .map_err(|e| database.error(&format!("look for {table}"), e))
}

/// Creates `relata_extras` inside the push's transaction (so a failed push leaves no table
/// behind), saying what to do when the role may not create tables there.
async fn create_extras_table(conn: &mut PgConnection, database: &Database) -> Result<(), StoreError> {
    sqlx::raw_sql(sqlx::AssertSqlSafe(RELATA_EXTRAS_DDL)).execute(&mut *conn).await.map_err(|e| match &e {
        sqlx::Error::Database(d) if d.code().as_deref() == Some("42501") => StoreError::new(
            ErrorKind::Invalid,
            database.url_without_password(),
            format!(
                "the database has no relata_extras table for Relata's own data, and this role may not create it ({}): \
                 have its owner apply registries/ddl/relata_extras.sql",
                d.message()
            ),
        ),
        _ => database.error("create relata_extras", e),
    })?;
    Ok(())
}

/// The PostgreSQL type a registry column's text is cast to.
fn sql_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Uuid => "uuid",
        Kind::Text => "text",
        Kind::Int => "integer",
        Kind::Bool => "boolean",
        Kind::Timestamp => "timestamptz",
        Kind::TextArray => "text[]",
        Kind::Json => "jsonb",
    }
}

fn quoted(name: &str) -> String {
    format!("\"{name}\"")
}

/// Reads rows of `table` as encoded fields by id (all rows, or `ids` locked FOR UPDATE). Each
/// row is decoded and encoded again, so it is spelled exactly as the workspace spells it
/// (canonical JSON) and hashes the same when equal.
async fn select(
    conn: &mut PgConnection,
    database: &Database,
    table: RegistryTable,
    ids: Option<&[Uuid]>,
) -> Result<BTreeMap<Uuid, Fields>, StoreError> {
    let columns = table.columns();
    let list: Vec<String> = columns.iter().map(|c| format!("{}::text", quoted(c.name))).collect();
    let mut sql = format!("SELECT {} FROM {}", list.join(", "), table.as_str());
    if ids.is_some() {
        sql.push_str(&format!(" WHERE {} = ANY($1::uuid[]) FOR UPDATE", quoted(columns[0].name)));
    }
    // Built from the static column lists only.
    let query = sqlx::query(sqlx::AssertSqlSafe(sql));
    let query = match ids {
        Some(ids) => query.bind(ids.iter().map(Uuid::to_string).collect::<Vec<_>>()),
        None => query,
    };
    let rows = query.fetch_all(&mut *conn).await.map_err(|e| match &e {
        sqlx::Error::Database(d) if d.code().as_deref() == Some("42P01") => StoreError::new(
            ErrorKind::Invalid,
            database.url_without_password(),
            format!("the database has no {table} table: apply the registry DDL (registries/ddl/*.sql) first"),
        ),
        _ => database.error(&format!("read {table}"), e),
    })?;
    let mut out = BTreeMap::new();
    for row in rows {
        let fields: Vec<Option<String>> = (0..columns.len())
            .map(|n| row.try_get::<Option<String>, _>(n))
            .collect::<Result<_, _>>()
            .map_err(|e| database.error(&format!("read {table}"), e))?;
        if table == RegistryTable::RelataExtras {
            let encoded = sync::extras::canonical(&fields).map_err(|e| {
                StoreError::new(
                    ErrorKind::Invalid,
                    database.url_without_password(),
                    format!("{table} row {} does not read as Relata's data: {e}", sync::entry_name(table, &fields)),
                )
            })?;
            let id = fields[0].as_deref().and_then(|id| Uuid::parse_str(id).ok()).unwrap_or_default();
            out.insert(id, encoded);
            continue;
        }
        let mut one = Registry::default();
        let key = add_row(&mut one, table, &fields, database)?;
        let encoded = sync::registry_rows(&one).remove(&key).expect("the row just added");
        out.insert(key.id, encoded);
    }
    Ok(out)
}

/// Decodes a database row into `registry`; a row that does not decode is an error naming it.
fn add_row(registry: &mut Registry, table: RegistryTable, fields: &[Option<String>], database: &Database) -> Result<RowKey, StoreError> {
    let borrowed: Vec<Option<&str>> = fields.iter().map(Option::as_deref).collect();
    let bad = |errors: Vec<rows::FieldError>| {
        let what: Vec<String> = errors.iter().map(|e| format!("{}: {}", table.columns()[e.column].name, e.message)).collect();
        StoreError::new(
            ErrorKind::Invalid,
            database.url_without_password(),
            format!("{table} row {} does not read as a registry row: {}", sync::entry_name(table, fields), what.join("; ")),
        )
    };
    let id = match table {
        RegistryTable::TableOverview => {
            let t = rows::decode_table(&borrowed).map_err(bad)?;
            let id = t.id.0;
            registry.tables.push(t);
            id
        }
        RegistryTable::SignalRegistry => {
            let s = rows::decode_signal(&borrowed).map_err(bad)?;
            let id = s.id.0;
            registry.signals.push(s);
            id
        }
        RegistryTable::RelationshipRegistry => {
            let r = rows::decode_relationship(&borrowed).map_err(bad)?;
            let id = r.id.0;
            registry.relationships.push(r);
            id
        }
        // `select` reads these without a registry (`relata_sync::extras::canonical`).
        RegistryTable::RelataExtras => {
            return Err(StoreError::new(ErrorKind::Invalid, database.url_without_password(), format!("{table} rows are not registry rows")))
        }
    };
    Ok(RowKey { table, id })
}

/// INSERTs or UPDATEs one row (setting `updated_at = now()`) inside a savepoint, so that a
/// unique key taken in the database (another entry with the same table name or
/// relationship_key) becomes a conflict for this row instead of failing the whole push.
/// Returns the new `updated_at`, or the conflict.
async fn write(
    conn: &mut PgConnection,
    database: &Database,
    row: &Outgoing,
    insert: bool,
) -> Result<Result<Timestamp, Conflict>, StoreError> {
    let table = row.key.table;
    let columns = table.columns();
    let fields = row.fields.as_ref().expect("an added or modified row has fields");
    let updated_at = table.updated_at_column();
    let value = |n: usize| {
        if n == updated_at {
            "now()".to_owned()
        } else {
            format!("${}::{}", n + 1, sql_type(columns[n].kind))
        }
    };
    let sql = if insert {
        let names: Vec<String> = columns.iter().map(|c| quoted(c.name)).collect();
        let values: Vec<String> = (0..columns.len()).map(value).collect();
        format!("INSERT INTO {table} ({}) VALUES ({}) RETURNING updated_at::text", names.join(", "), values.join(", "))
    } else {
        let sets: Vec<String> = (1..columns.len()).map(|n| format!("{} = {}", quoted(columns[n].name), value(n))).collect();
        format!(
            "UPDATE {table} SET {} WHERE {} = $1::uuid AND updated_at = ${}::timestamptz RETURNING updated_at::text",
            sets.join(", "),
            quoted(columns[0].name),
            columns.len() + 1
        )
    };
    let mut query = sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql));
    for (n, field) in fields.iter().enumerate() {
        // updated_at is now(), but its parameter is still bound (unused) to keep numbering.
        query = query.bind(if n == updated_at { None } else { field.clone() });
    }
    if !insert {
        query = query.bind(row.base.as_ref().map(|b| b.updated_at.clone()));
    }
    sqlx::query("SAVEPOINT relata_row").execute(&mut *conn).await.map_err(|e| database.error("write", e))?;
    let result = query.fetch_optional(&mut *conn).await;
    match result {
        Ok(Some(stamp)) => {
            sqlx::query("RELEASE SAVEPOINT relata_row").execute(&mut *conn).await.map_err(|e| database.error("write", e))?;
            Timestamp::parse(&stamp)
                .map(Ok)
                .map_err(|e| StoreError::new(ErrorKind::Invalid, database.url_without_password(), e.to_string()))
        }
        Ok(None) => {
            // Locked and compared already, so only a concurrent change of updated_at alone
            // lands here; report it like any moved row.
            sqlx::query("RELEASE SAVEPOINT relata_row").execute(&mut *conn).await.map_err(|e| database.error("write", e))?;
            Ok(Err(sync::conflict(row.key, row.fields.as_ref(), None, row.base.as_ref())))
        }
        Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("23505") => {
            sqlx::query("ROLLBACK TO SAVEPOINT relata_row").execute(&mut *conn).await.map_err(|e| database.error("write", e))?;
            let mut c = sync::conflict(row.key, row.fields.as_ref(), None, row.base.as_ref());
            c.fields.retain(|_| false);
            c.fields.push(sync::FieldDiff {
                column: "(unique key)",
                local: Some(row.name.clone()),
                remote: Some(format!("taken by another row: {}", e.message())),
            });
            Ok(Err(c))
        }
        Err(e) => Err(database.error(&format!("write {table} {}", row.name), e)),
    }
}

/// DELETEs one row where the database still holds its base version.
async fn delete(conn: &mut PgConnection, database: &Database, row: &Outgoing) -> Result<(), StoreError> {
    let table = row.key.table;
    let sql = format!("DELETE FROM {table} WHERE {} = $1::uuid AND updated_at = $2::timestamptz", quoted(table.columns()[0].name));
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(row.key.id.to_string())
        .bind(row.base.as_ref().map(|b| b.updated_at.clone()))
        .execute(&mut *conn)
        .await
        .map_err(|e| database.error(&format!("delete {table} {}", row.name), e))?;
    Ok(())
}
