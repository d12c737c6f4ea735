//! Saving then loading is the identity, for both stores; bundled registries go through
//! SQLite and back to the same bytes; failed loads and saves change nothing.

use std::path::Path;

use proptest::prelude::*;
use relata_store::{folder, sqlite, ErrorKind};

use crate::arbitrary;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

fn registries_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../registries")
}

fn bundled() -> Vec<std::path::PathBuf> {
    let mut dirs: Vec<_> = std::fs::read_dir(registries_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n != "ddl"))
        .collect();
    dirs.sort();
    dirs
}

/// Every file of a folder, by name.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn bundled_registries_go_folder_sqlite_folder_byte_identical() {
    let rt = runtime();
    let dirs = bundled();
    assert!(dirs.len() >= 5, "{dirs:?}");
    for dir in dirs {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("w.relata");
        let out = tmp.path().join("out");
        let loaded = folder::load(&dir).unwrap();
        assert!(loaded.diagnostics.is_empty(), "{}: {:#?}", dir.display(), loaded.diagnostics);
        rt.block_on(relata_store::save(&db, &loaded.registry)).unwrap();
        let back = rt.block_on(relata_store::load(&db)).unwrap();
        assert!(back.diagnostics.is_empty(), "{:#?}", back.diagnostics);
        assert_eq!(back.registry, loaded.registry, "{}", dir.display());
        folder::save(&out, &back.registry).unwrap();
        assert_eq!(snapshot(&out), snapshot(&dir), "{}: files differ after folder → SQLite → folder", dir.display());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn folder_save_then_load_is_the_identity(registry in arbitrary::registry()) {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("reg");
        folder::save(&dir, &registry).unwrap();
        let loaded = folder::load(&dir).unwrap();
        prop_assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
        prop_assert_eq!(loaded.registry, registry);
    }

    #[test]
    fn sqlite_save_then_load_is_the_identity(registry in arbitrary::registry()) {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("w.relata");
        let rt = runtime();
        rt.block_on(sqlite::save(&db, &registry)).unwrap();
        let loaded = rt.block_on(sqlite::load(&db)).unwrap();
        prop_assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
        prop_assert_eq!(loaded.registry, registry);
    }
}

#[test]
fn failed_sqlite_save_leaves_the_old_workspace_and_no_debris() {
    // A duplicate relationship_key breaks the workspace's UNIQUE constraint mid-transaction.
    let rt = runtime();
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("w.relata");
    let good = folder::load(&registries_dir().join("schema-template")).unwrap().registry;
    rt.block_on(sqlite::save(&db, &good)).unwrap();
    let before = std::fs::read(&db).unwrap();
    let mut bad = good.clone();
    let mut twin = bad.relationships[0].clone();
    twin.id = relata_model::RelationshipId::new_random();
    bad.relationships.push(twin);
    let err = rt.block_on(sqlite::save(&db, &bad)).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Database, "{err}");
    assert!(err.to_string().contains("relationship_registry"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before, "the old workspace is untouched");
    let names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, [std::ffi::OsString::from("w.relata")], "no temporary files are left");
}

#[test]
fn loading_never_writes() {
    let rt = runtime();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("reg");
    let source = registries_dir().join("metastore");
    folder::save(&dir, &folder::load(&source).unwrap().registry).unwrap();
    // A broken file: the load reports it and leaves every byte as it was.
    std::fs::write(dir.join("signal_registry.csv"), b"signal_id,oops\n1,2\n").unwrap();
    let before = snapshot(&dir);
    let loaded = folder::load(&dir).unwrap();
    assert!(loaded.diagnostics.iter().any(|d| d.code == "L104"), "{:#?}", loaded.diagnostics);
    assert_eq!(snapshot(&dir), before);
    let db = tmp.path().join("w.relata");
    rt.block_on(sqlite::save(&db, &loaded.registry)).unwrap();
    let before = std::fs::read(&db).unwrap();
    rt.block_on(sqlite::load(&db)).unwrap();
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn opening_what_is_not_a_workspace_says_so() {
    let rt = runtime();
    let tmp = tempfile::tempdir().unwrap();
    let err = rt.block_on(relata_store::load(&tmp.path().join("nothing-here"))).unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound, "{err}");
    let err = rt.block_on(relata_store::load(tmp.path())).unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotAWorkspace, "{err}");
    let text = tmp.path().join("notes.relata");
    std::fs::write(&text, "just text").unwrap();
    let err = rt.block_on(relata_store::load(&text)).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::NotAWorkspace | ErrorKind::Database), "{err}");
    assert!(err.to_string().starts_with(&text.display().to_string()), "the message names the file: {err}");
}

#[test]
fn folder_save_keeps_other_files_and_finishes_an_interrupted_save() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("reg");
    let registry = folder::load(&registries_dir().join("zayaz-compute-methods")).unwrap().registry;
    folder::save(&dir, &registry).unwrap();
    std::fs::write(dir.join("README.md"), "mine").unwrap();
    // Simulate a save killed after its commit point: new files and the commit record exist.
    let mut changed = registry.clone();
    changed.tables[0].purpose = Some("changed".into());
    let out = relata_codec::folder::print(&changed);
    for (name, content) in out.files() {
        std::fs::write(dir.join(format!("{name}.relata-new")), content).unwrap();
    }
    std::fs::write(dir.join(".relata-commit"), relata_codec::folder::FILES.join("\n")).unwrap();
    assert_eq!(folder::load(&dir).unwrap().registry, changed, "a committed save reads as done");
    folder::save(&dir, &registry).unwrap();
    assert_eq!(folder::load(&dir).unwrap().registry, registry);
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["README.md", "relata.json", "relationship_registry.csv", "signal_registry.csv", "table_overview.csv"]);
}
