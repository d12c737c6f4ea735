//! What every import needs to know that the source does not say: [`ImportOptions`], shared by
//! the readers of every format and the dispatcher that calls them.

use relata_model::Timestamp;

/// The schema of tables an import names without one.
pub const DEFAULT_SCHEMA: &str = "public";

/// What an import needs to know that the source does not say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// `created_at` / `updated_at` of every entry: the caller's clock, so the library has none.
    pub now: Timestamp,
    /// `db_engine` of every table and relationship end; `None`: from the source (DBML's
    /// `database_type`), else `aurora_postgres`.
    pub db_engine: Option<String>,
    /// `db_name` of every table and relationship end; `None`: from the source (DBML's project
    /// name), if any.
    pub db_name: Option<String>,
    /// The schema of names written without one.
    pub default_schema: String,
}

impl ImportOptions {
    /// Options with `now` and every other choice left to the text and the defaults.
    pub fn new(now: Timestamp) -> Self {
        Self { now, db_engine: None, db_name: None, default_schema: DEFAULT_SCHEMA.to_owned() }
    }
}
