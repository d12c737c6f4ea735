//! Text formats of Relata registries: the registry folder (three CSV files whose headers are
//! the registry DDL's column names, plus `relata.json`), and SQL out (`sql`: PostgreSQL DDL of
//! a registry's tables, the registries as INSERTs) and the pure merge logic of shared registry
//! sync (`sync`). Every reader returns the
//! value plus diagnostics with file, line and column; nothing here touches the file system.
//!
//! Architecture invariant: no I/O, no async, no database, no UI.

pub mod codes;
pub mod dbml;
pub mod diff;
pub mod export;
mod extras;
pub mod folder;
pub mod import;
pub mod json;
pub mod merge;
pub mod mermaid;
pub mod pg_array;
pub mod rows;
pub mod sql;
pub mod sync;
