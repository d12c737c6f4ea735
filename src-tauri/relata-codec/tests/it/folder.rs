//! Bundled registries read cleanly and print back to the same bytes.

use relata_codec::folder;

use crate::{bundled, read_folder};

#[test]
fn bundled_registries_are_five_and_read_without_diagnostics() {
    let dirs = bundled();
    assert!(dirs.len() >= 5, "expected the five bundled registries, found {dirs:?}");
    for dir in dirs {
        let (registry, diagnostics) = folder::parse(&read_folder(&dir));
        assert!(diagnostics.is_empty(), "{}: {diagnostics:#?}", dir.display());
        assert!(!registry.tables.is_empty() && !registry.signals.is_empty() && !registry.relationships.is_empty(), "{}", dir.display());
    }
}

#[test]
fn bundled_registries_print_back_byte_identical() {
    // The bundled files are in Relata's canonical form, so parse → print is the identity.
    for dir in bundled() {
        let text = read_folder(&dir);
        let (registry, _) = folder::parse(&text);
        let out = folder::print(&registry);
        assert_eq!(out.table_overview, text.table_overview, "{}: table_overview.csv", dir.display());
        assert_eq!(out.signal_registry, text.signal_registry, "{}: signal_registry.csv", dir.display());
        assert_eq!(out.relationship_registry, text.relationship_registry, "{}: relationship_registry.csv", dir.display());
        assert_eq!(Some(out.relata_json), text.relata_json, "{}: relata.json", dir.display());
    }
}

#[test]
fn lineage_kind_travels_in_generator_flags() {
    let dir = crate::registries_dir().join("zayaz-compute-methods");
    let (registry, _) = folder::parse(&read_folder(&dir));
    let kinds: Vec<_> = registry.relationships.iter().filter_map(|r| r.lineage).collect();
    assert!(!kinds.is_empty(), "the zayaz registry carries lineage kinds");
    assert!(registry.relationships.iter().all(|r| !r.generator_flags.contains_key("lineage_kind")));
    let out = folder::print(&registry);
    assert!(out.relationship_registry.contains("\"lineage_kind\"\"") || out.relationship_registry.contains("lineage_kind"));
}
