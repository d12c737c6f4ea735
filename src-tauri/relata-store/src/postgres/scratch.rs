//! A throwaway database on a server, made from a script and read back: how the drift gate
//! sees a workspace the way PostgreSQL spells it. An expression, a default or a foreign key
//! clause is compared as the server deparses it on both sides, never as one side's text
//! against the other's.

use sqlx::Connection;

use super::import::{self, ImportOptions, Imported};
use super::Database;
use crate::error::StoreError;

/// Runs `sql` in a new database on `database`'s server (`CREATE DATABASE` needs the right to
/// create one), imports it with `options` as the live import reads any database, and drops
/// it again, whatever happened in between.
pub async fn materialize(database: &Database, sql: &str, options: &ImportOptions<'_>) -> Result<Imported, StoreError> {
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let name = format!("relata_scratch_{}_{stamp}", std::process::id());
    let mut admin = database.connect().await?;
    let e = |doing: &'static str| move |err| database.error(doing, err);
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\" TEMPLATE template0"))).execute(&mut admin).await.map_err(e("create a scratch database"))?;
    let scratch = Database { options: database.options.clone().database(&name), password: database.password.clone() };
    let result = async {
        let mut conn = scratch.connect().await?;
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned())).execute(&mut conn).await.map_err(|err| scratch.error("apply the workspace's SQL export", err))?;
        conn.close().await.map_err(|err| scratch.error("close the connection", err))?;
        import::import(&scratch, options, &mut |_| {}).await
    }
    .await;
    let dropped = sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))).execute(&mut admin).await;
    let imported = result?;
    dropped.map_err(e("drop the scratch database"))?;
    Ok(imported)
}
