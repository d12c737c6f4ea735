//! Integration tests of relata-layout: every layout computed here goes through `verify`,
//! on the bundled registries, generated ones of 200 / 1,000 / 3,000 tables, edge cases that
//! once broke other layout engines, and random small inputs.

mod cases;
mod generated;
mod lines;
mod partitions;
mod random;
mod registries;
mod relayout;
mod svg;

use std::path::{Path, PathBuf};

use relata_codec::folder::{FolderText, RELATA_FILE, RELATIONSHIP_REGISTRY_FILE, SIGNAL_REGISTRY_FILE, TABLE_OVERVIEW_FILE};
use relata_layout::{layout, verify, Layout, LayoutInput, LayoutOptions, Violation};
use relata_model::Registry;

/// Every bundled registry folder (all of `registries/` but `ddl/`), sorted by name.
pub fn bundled() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../registries");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("registries/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n != "ddl"))
        .collect();
    dirs.sort();
    dirs
}

/// Loads a registry folder through the folder reader.
pub fn load(dir: &Path) -> Registry {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{}: {e}", dir.join(name).display()));
    let text = FolderText {
        table_overview: read(TABLE_OVERVIEW_FILE),
        signal_registry: read(SIGNAL_REGISTRY_FILE),
        relationship_registry: read(RELATIONSHIP_REGISTRY_FILE),
        relata_json: Some(read(RELATA_FILE)),
    };
    relata_codec::folder::parse(&text).0
}

/// Lays `input` out with default options and fails the test on any violation.
pub fn checked_layout(input: &LayoutInput) -> Layout {
    let options = LayoutOptions::default();
    let result = layout(input, &options);
    assert_verified(input, &result);
    result
}

/// Fails the test, listing the first violations, unless `layout` passes `verify`.
pub fn assert_verified(input: &LayoutInput, result: &Layout) {
    let violations = verify(input, result, &LayoutOptions::default());
    assert!(
        violations.is_empty(),
        "{} violation(s), first: {}",
        violations.len(),
        violations.iter().take(8).map(|v| v.to_string()).collect::<Vec<_>>().join("; ")
    );
}

/// Whether `v` is a broken promise about lines (through a table or a marker, on top of
/// another line, along a frame border) rather than about placement.
pub fn is_about_lines(v: &Violation) -> bool {
    matches!(v, Violation::LineThroughTable { .. } | Violation::LineThroughMarker { .. } | Violation::LinesOverlap { .. } | Violation::LineAlongFrame { .. })
}

/// Like [`assert_verified`], for the promises about placement only (tables, frames, pins, and
/// every line orthogonal with its ends on its rows).
pub fn assert_placement_verified(input: &LayoutInput, result: &Layout) {
    let violations: Vec<Violation> = verify(input, result, &LayoutOptions::default()).into_iter().filter(|v| !is_about_lines(v)).collect();
    assert!(violations.is_empty(), "{} violation(s), first: {}", violations.len(), violations.iter().take(8).map(|v| v.to_string()).collect::<Vec<_>>().join("; "));
}
