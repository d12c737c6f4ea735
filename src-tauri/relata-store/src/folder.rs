//! Registry folders on disk, saved atomically: new files are written beside the old ones,
//! a commit record makes them the truth, then they are renamed into place. A reader that
//! finds the commit record reads the new files, so an interrupted save reads back as the
//! old registry (before the commit record) or the new one (after it), never a mix.

use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::Path;

use relata_codec::folder::{
    self as format, FolderFiles, SourceFile, FILES, RELATA_FILE, RELATIONSHIP_REGISTRY_FILE,
    SIGNAL_REGISTRY_FILE, TABLE_OVERVIEW_FILE,
};
use relata_model::Registry;

use crate::error::{ErrorKind, StoreError};
use crate::Loaded;

/// The commit record of an interrupted save.
const COMMIT: &str = ".relata-commit";
/// Suffix of a file written by a save that has not been renamed into place yet.
const NEW_SUFFIX: &str = ".relata-new";

/// Whether `dir` looks like a registry folder (it holds at least one registry file).
pub fn is_registry_folder(dir: &Path) -> bool {
    dir.is_dir() && FILES.iter().any(|f| dir.join(f).exists() || dir.join(format!("{f}{NEW_SUFFIX}")).exists())
}

/// Loads a registry folder. Never writes to disk.
pub fn load(dir: &Path) -> Result<Loaded, StoreError> {
    if !dir.exists() {
        return Err(StoreError::new(ErrorKind::NotFound, dir, "no such registry folder"));
    }
    if !is_registry_folder(dir) {
        return Err(StoreError::new(
            ErrorKind::NotAWorkspace,
            dir,
            "not a registry folder: it has none of table_overview.csv, signal_registry.csv, relationship_registry.csv",
        ));
    }
    let committed = read_commit(dir)?;
    let read = |name: &str| -> Result<Option<SourceFile>, StoreError> {
        let bytes = read_current(dir, name, &committed)?;
        Ok(bytes.map(|bytes| SourceFile { path: dir.join(name).display().to_string(), bytes }))
    };
    let files = FolderFiles {
        dir: dir.display().to_string(),
        table_overview: read(TABLE_OVERVIEW_FILE)?,
        signal_registry: read(SIGNAL_REGISTRY_FILE)?,
        relationship_registry: read(RELATIONSHIP_REGISTRY_FILE)?,
        relata_json: read(RELATA_FILE)?,
    };
    let (registry, diagnostics, sources) = format::parse_files_with_sources(&files);
    Ok(Loaded { registry, diagnostics, sources })
}

/// Saves `registry` into the folder `dir` (created if needed) atomically. Other files in the
/// folder are left alone.
pub fn save(dir: &Path, registry: &Registry) -> Result<(), StoreError> {
    let output = format::print(registry);
    fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, "create the registry folder", e))?;
    // Finish a save that was interrupted after its commit point, so it is not lost.
    roll_forward(dir)?;
    for (name, content) in output.files() {
        write_synced(&dir.join(format!("{name}{NEW_SUFFIX}")), content.as_bytes())?;
    }
    let record = FILES.join("\n") + "\n";
    let tmp = dir.join(format!("{COMMIT}.tmp"));
    write_synced(&tmp, record.as_bytes())?;
    rename(&tmp, &dir.join(COMMIT))?;
    sync_dir(dir)?;
    roll_forward(dir)
}

/// Renames the files of a committed save into place and removes the commit record.
fn roll_forward(dir: &Path) -> Result<(), StoreError> {
    let Some(names) = read_commit(dir)? else { return Ok(()) };
    for name in &names {
        let new = dir.join(format!("{name}{NEW_SUFFIX}"));
        if new.exists() {
            rename(&new, &dir.join(name))?;
        }
    }
    sync_dir(dir)?;
    let commit = dir.join(COMMIT);
    fs::remove_file(&commit).map_err(|e| StoreError::io(&commit, "remove the commit record", e))?;
    sync_dir(dir)
}

fn read_commit(dir: &Path) -> Result<Option<HashSet<String>>, StoreError> {
    let path = dir.join(COMMIT);
    match fs::read_to_string(&path) {
        Ok(text) => Ok(Some(text.lines().filter(|l| FILES.contains(l)).map(str::to_owned).collect())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::io(path, "read the commit record", e)),
    }
}

/// Reads the current version of `name`: the committed new file if a save is mid-way.
fn read_current(dir: &Path, name: &str, committed: &Option<HashSet<String>>) -> Result<Option<Vec<u8>>, StoreError> {
    if committed.as_ref().is_some_and(|c| c.contains(name)) {
        let new = dir.join(format!("{name}{NEW_SUFFIX}"));
        match fs::read(&new) {
            Ok(bytes) => return Ok(Some(bytes)),
            // Renamed into place meanwhile: the final file is the new one.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(StoreError::io(new, "read", e)),
        }
    }
    let path = dir.join(name);
    match fs::read(&path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::io(path, "read", e)),
    }
}

pub(crate) fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut file = fs::File::create(path).map_err(|e| StoreError::io(path, "create", e))?;
    file.write_all(bytes).map_err(|e| StoreError::io(path, "write", e))?;
    file.sync_all().map_err(|e| StoreError::io(path, "flush to disk", e))
}

fn rename(from: &Path, to: &Path) -> Result<(), StoreError> {
    fs::rename(from, to).map_err(|e| StoreError::io(to, &format!("move {} into place", from.display()), e))
}

/// Makes renames in `dir` durable.
pub(crate) fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    {
        let handle = fs::File::open(dir).map_err(|e| StoreError::io(dir, "open the folder", e))?;
        handle.sync_all().map_err(|e| StoreError::io(dir, "flush the folder to disk", e))?;
    }
    let _ = dir;
    Ok(())
}
