//! The registry folders bundled with Relata (`registries/<name>/`), which many crates' tests
//! read as real-world input.

use std::path::{Path, PathBuf};

/// The fewest bundled registry folders there may be.
pub const MIN_BUNDLED: usize = 5;

/// The repository root (this crate is `src-tauri/relata-testkit`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("the repository root exists")
}

/// The repository's `registries/` folder.
pub fn registries_dir() -> PathBuf {
    repo_root().join("registries")
}

/// Every bundled registry folder (all of `registries/` but `ddl/`), sorted by name; at least
/// [`MIN_BUNDLED`] of them, so a test over them cannot pass by finding none.
pub fn bundled() -> Vec<PathBuf> {
    let dir = registries_dir();
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_dir() && path.file_name().is_some_and(|n| n != "ddl"))
        .collect();
    folders.sort();
    let names: Vec<String> = folders.iter().map(|f| name_of(f)).collect();
    assert!(
        folders.len() >= MIN_BUNDLED,
        "expected at least {MIN_BUNDLED} bundled registry folders under {}, found {}: {names:?}",
        dir.display(),
        folders.len()
    );
    folders
}

/// The name of a registry folder.
pub fn name_of(folder: &Path) -> String {
    folder.file_name().expect("a folder name").to_string_lossy().into_owned()
}

/// The registry tables, in the order their DDL (`registries/ddl/<table>.sql`) is applied.
pub const REGISTRY_TABLES: [&str; 3] = ["table_overview", "signal_registry", "relationship_registry"];

/// Creates database `db` in `pg` and applies the three registry tables' DDL to it, stopping at
/// the first error.
pub fn create_registry_database(pg: &crate::pg::PgCluster, db: &str) {
    pg.create_database(db);
    let ddl = repo_root().join("registries/ddl");
    for table in REGISTRY_TABLES {
        let path = ddl.join(format!("{table}.sql"));
        let sql = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        pg.psql(db, &sql).unwrap_or_else(|e| panic!("PostgreSQL rejects the registry DDL {}: {e}", path.display()));
    }
}
