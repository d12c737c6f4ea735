//! The interchange languages of Relata registries: DBML, Mermaid erDiagrams and PostgreSQL
//! DDL, each read into a registry (`dbml::parse`, `mermaid::parse`, `sql::parse`, through the
//! one dispatcher and the shared kit of `import`, where `import::merge` also merges an import
//! into a workspace) and written from one (`dbml`, `mermaid`, `sql`, through the one entry
//! point of `export`), and `diff`, which compares two registries and writes the migration.
//! Every reader returns the value plus diagnostics with file, line and column; nothing here
//! touches the file system.
//!
//! Architecture invariant: no I/O, no async, no database, no UI. How registries are stored
//! (rows, the registry folder) is relata-codec's; sync is relata-sync's.

pub mod codes;
pub mod dbml;
pub mod diff;
pub mod export;
pub mod import;
pub mod mermaid;
pub mod sql;
