//! The storage codec of Relata registries: how entries are spelled where they are stored.
//! `rows` holds the column lists of the three registry tables and the conversions between
//! entries and text fields, shared by the CSV folder, the SQLite store and shared registry
//! sync; `folder` is the registry folder (three CSV files whose headers are the registry DDL's
//! column names, plus `relata.json`); `pg_array` reads and prints PostgreSQL array literals;
//! `json` prints canonical JSON. Every reader returns the value plus diagnostics with file,
//! line and column (codes `L1xx`).
//!
//! Architecture invariant: no I/O, no async, no database, no UI, and no interchange language
//! (DBML, Mermaid and SQL live in relata-formats), so a store that only reads and writes
//! registries compiles no SQL parser.

pub mod codes;
pub mod extras;
pub mod folder;
pub mod json;
pub mod pg_array;
pub mod rows;
