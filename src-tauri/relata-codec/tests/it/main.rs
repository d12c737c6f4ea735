//! Integration tests of relata-codec: the registry folder reader on bundled registries, on
//! broken input, which must give a diagnostic naming file, line and column — never a panic —
//! and on generated registries of every shape.

mod broken_input;
mod folder;
mod generated;

use std::path::Path;

use relata_codec::folder::{FolderText, RELATA_FILE, RELATIONSHIP_REGISTRY_FILE, SIGNAL_REGISTRY_FILE, TABLE_OVERVIEW_FILE};

pub use relata_testkit::registries::{bundled, registries_dir};

/// Reads a registry folder's four files as text.
pub fn read_folder(dir: &Path) -> FolderText {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{}: {e}", dir.join(name).display()));
    FolderText {
        table_overview: read(TABLE_OVERVIEW_FILE),
        signal_registry: read(SIGNAL_REGISTRY_FILE),
        relationship_registry: read(RELATIONSHIP_REGISTRY_FILE),
        relata_json: Some(read(RELATA_FILE)),
    }
}

