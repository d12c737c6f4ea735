//! The PostgreSQL password on the terminal, as psql asks for it: first with `-W/--password`,
//! or once when the server refuses the login and a terminal is there to ask on. The password
//! goes into the connection only; it is never printed or written.

use std::io::IsTerminal;

use anyhow::{bail, Result};
use relata_store::postgres::Database;
use relata_store::{ErrorKind, StoreError};

/// Runs `work` against `database`, asking for the password first when `ask_first` (`-W`), or
/// after the server refused the login when standard input is a terminal; a second refusal is
/// the error. Without a terminal the refusal is the error, with how to give a password.
pub async fn with_login<T>(
    database: Database,
    ask_first: bool,
    mut work: impl AsyncFnMut(&Database) -> Result<T, StoreError>,
) -> Result<T> {
    let database = if ask_first { ask(database)? } else { database };
    match work(&database).await {
        Err(e) if e.kind == ErrorKind::Authentication && !ask_first && std::io::stdin().is_terminal() => {
            eprintln!("{e}");
            Ok(work(&ask(database)?).await?)
        }
        Err(e) if e.kind == ErrorKind::Authentication => {
            bail!("{e}\ngive the password with -W (asks on the terminal), PGPASSWORD or ~/.pgpass")
        }
        other => Ok(other?),
    }
}

/// `database` with a password read from the terminal without echo.
fn ask(database: Database) -> Result<Database> {
    if !std::io::stdin().is_terminal() {
        bail!("-W asks for the password on a terminal, and there is none; use PGPASSWORD or ~/.pgpass");
    }
    let password = rpassword::prompt_password(format!("Password for {}: ", database.url_without_password()))?;
    Ok(database.with_password(&password))
}
