//! Integration tests of relata-formats: every importer on real-world and broken input, which
//! must give a diagnostic naming file, line and column — never a panic; registry folders as
//! spreadsheets save them (read by relata-codec, checked against PostgreSQL's `\copy` with the
//! SQL tests' helpers); the DBML and Mermaid exports checked by their real consumers (node,
//! `tests/node/`), the SQL exports by a throwaway PostgreSQL.

mod consumers;
mod dbml;
mod dbml_import;
mod dbml_import_broken;
mod dbml_import_fixtures;
mod dbml_output;
mod dbml_spec;
mod diff_pg;
mod export_guard;
mod extras_follow_edits;
mod exports;
mod merge;
mod mermaid;
mod mermaid_import;
mod mermaid_import_broken;
mod mermaid_output;
mod mermaid_spec;
mod mutate;
mod spreadsheet;
mod sql;
mod sql_import;
mod sql_import_pg;
mod sql_pg;

use std::path::PathBuf;

use relata_codec::folder::{FolderText, RELATA_FILE, RELATIONSHIP_REGISTRY_FILE, SIGNAL_REGISTRY_FILE, TABLE_OVERVIEW_FILE};

/// The repository's `registries/` folder.
pub fn registries_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../registries")
}

/// Every bundled registry folder (all of `registries/` but `ddl/`), sorted by name.
pub fn bundled() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(registries_dir())
        .expect("registries/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n != "ddl"))
        .collect();
    dirs.sort();
    dirs
}

/// Reads a registry folder's four files as text.
pub fn read_folder(dir: &std::path::Path) -> FolderText {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{}: {e}", dir.join(name).display()));
    FolderText {
        table_overview: read(TABLE_OVERVIEW_FILE),
        signal_registry: read(SIGNAL_REGISTRY_FILE),
        relationship_registry: read(RELATIONSHIP_REGISTRY_FILE),
        relata_json: Some(read(RELATA_FILE)),
    }
}
