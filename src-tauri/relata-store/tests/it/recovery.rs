//! Crash-recovery copies are `.relata` files: every bundled registry comes back whole with the
//! workspace it belongs to, and a copy that is not one, or is from a newer Relata, is refused
//! by name instead of misread.

use std::path::Path;

use relata_store::{folder, recovery, sqlite, ErrorKind};
use sqlx::Connection;

use crate::block_on;

fn bundled() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../registries");
    let mut dirs: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n != "ddl"))
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_bundled_registry_comes_back_from_its_recovery_copy_with_its_workspace() {
    let tmp = tempfile::tempdir().unwrap();
    for dir in bundled() {
        let registry = folder::load(&dir).unwrap().registry;
        let file = recovery::file_in(tmp.path(), &dir);
        assert_eq!(file.extension().unwrap(), sqlite::EXTENSION);
        block_on(recovery::write(&file, &dir, 1_765_000_000, &registry)).unwrap();
        let back = block_on(recovery::read(&file)).unwrap();
        assert_eq!(back.workspace, recovery::name_of(&dir), "{}", dir.display());
        assert_eq!(back.written_at, 1_765_000_000);
        assert_eq!(back.registry, registry, "{}", dir.display());
    }
    let names: Vec<_> = bundled().iter().map(|d| recovery::file_in(tmp.path(), d)).collect();
    let unique: std::collections::HashSet<_> = names.iter().collect();
    assert_eq!(unique.len(), names.len(), "one recovery file per workspace");
}

#[test]
fn a_workspace_that_is_not_a_recovery_copy_or_is_newer_is_refused_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let registry = folder::load(&bundled()[0]).unwrap().registry;

    let plain = tmp.path().join("plain.relata");
    block_on(sqlite::save(&plain, &registry)).unwrap();
    let error = block_on(recovery::read(&plain)).unwrap_err();
    assert_eq!(error.kind, ErrorKind::NotAWorkspace, "{error}");
    assert!(error.to_string().contains("plain.relata") && error.to_string().contains("not a recovery copy"), "{error}");

    let newer = tmp.path().join("newer.relata");
    block_on(recovery::write(&newer, Path::new("/somewhere/ws"), 5, &registry)).unwrap();
    block_on(async {
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", newer.display())).await.unwrap();
        sqlx::query("UPDATE relata_meta SET value = '9999' WHERE key = 'version'").execute(&mut conn).await.unwrap();
        conn.close().await.unwrap();
    });
    let error = block_on(recovery::read(&newer)).unwrap_err();
    assert_eq!(error.kind, ErrorKind::UnsupportedFormat, "{error}");
    assert!(error.to_string().contains("newer.relata") && error.to_string().contains("newer than this Relata"), "{error}");
}
