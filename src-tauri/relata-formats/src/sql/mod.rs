//! SQL output. [`Ddl`]: the DDL that creates a registry's tables (schemas, enum types, tables
//! in dependency order, keys, foreign keys, indexes, comments). [`RegistryInserts`]: the
//! registries themselves as `INSERT`s for the registry DDL. Both are `impl Display` wrappers
//! over a [`Dialect`]; [`Postgres`] is the one there is. SQL in: [`parse`] imports PostgreSQL
//! DDL (what `pg_dump --schema-only` writes) into a registry.

pub(crate) mod ddl;
mod dialect;
mod inserts;
pub mod keywords;
mod order;
pub mod parse;

pub use ddl::Ddl;
pub use dialect::{Dialect, Postgres};
pub use inserts::RegistryInserts;
