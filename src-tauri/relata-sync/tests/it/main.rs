//! Integration tests of relata-sync: the three-way merges of shared registry sync (pull,
//! push, conflicts) and of a workspace changed on disk, on bundled and generated registries.

mod sync;
mod three_way;

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

