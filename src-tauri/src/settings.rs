//! The app's own settings: the colour theme the user chose and the workspaces opened recently,
//! kept as JSON (`settings.json`) in the app config folder and replaced atomically on every
//! change, so a crash mid-write leaves the old file. A missing or unreadable file is the
//! defaults: settings are a convenience, never a reason not to start.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::error::IpcError;

/// How many workspaces "Open recent" lists.
pub const RECENT_LIMIT: usize = 10;

/// The theme override: follow the system, or always light or dark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum ThemeChoice {
    /// Follow the OS preference (`prefers-color-scheme`).
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// What `settings.json` holds. Unknown fields are ignored and missing ones take their default,
/// so older and newer versions of Relata read each other's files.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The theme override.
    pub theme: ThemeChoice,
    /// Workspaces opened or saved, most recent first, at most [`RECENT_LIMIT`].
    pub recent: Vec<PathBuf>,
}

impl Settings {
    /// Puts `workspace` first in the recent list (once), dropping the oldest past the limit.
    pub fn remember(&mut self, workspace: &Path) {
        self.recent.retain(|p| p != workspace);
        self.recent.insert(0, workspace.to_path_buf());
        self.recent.truncate(RECENT_LIMIT);
    }

    /// Removes `workspace` from the recent list; whether it was there.
    pub fn forget(&mut self, workspace: &Path) -> bool {
        let before = self.recent.len();
        self.recent.retain(|p| p != workspace);
        self.recent.len() != before
    }
}

/// One entry of "Open recent", as the window lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RecentWorkspace {
    /// The folder or `.relata` file.
    #[cfg_attr(test, ts(type = "string"))]
    pub path: PathBuf,
    /// Whether it is still there; missing ones are shown disabled, with a way to remove them.
    pub exists: bool,
}

/// What the window gets: the theme and the recent list with each entry checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SettingsView {
    /// The theme override.
    pub theme: ThemeChoice,
    /// Recent workspaces, most recent first.
    pub recent: Vec<RecentWorkspace>,
}

/// The settings of a running app and the file they live in (none in tests: memory only).
#[derive(Debug, Default)]
pub struct SettingsFile {
    path: Mutex<Option<PathBuf>>,
    settings: Mutex<Settings>,
}

impl SettingsFile {
    /// Reads `path` (defaults when missing or unreadable) and writes there from now on.
    pub fn load_from(&self, path: PathBuf) {
        let settings = std::fs::read(&path).ok().and_then(|bytes| serde_json::from_slice(&bytes).ok()).unwrap_or_default();
        *lock(&self.settings) = settings;
        *lock(&self.path) = Some(path);
    }

    /// The settings with every recent entry checked on disk.
    pub fn view(&self) -> SettingsView {
        let settings = lock(&self.settings).clone();
        let recent = settings.recent.into_iter().map(|path| RecentWorkspace { exists: path.exists(), path }).collect();
        SettingsView { theme: settings.theme, recent }
    }

    /// Changes the settings with `change` and writes them; on a failed write the settings in
    /// memory keep the change (the window goes on working) and the error says why.
    pub fn update(&self, change: impl FnOnce(&mut Settings)) -> Result<SettingsView, IpcError> {
        let snapshot = {
            let mut settings = lock(&self.settings);
            change(&mut settings);
            settings.clone()
        };
        if let Some(path) = lock(&self.path).clone() {
            let json = serde_json::to_vec_pretty(&snapshot).expect("settings serialize");
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| IpcError::io("create", dir, &e))?;
            }
            relata_store::write_file(&path, &json)?;
        }
        Ok(self.view())
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while holding the lock leaves plain data behind, still usable.
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remember_puts_a_workspace_first_once_and_keeps_ten() {
        let mut settings = Settings::default();
        for i in 0..12 {
            settings.remember(Path::new(&format!("/w/{i}")));
        }
        settings.remember(Path::new("/w/5"));
        assert_eq!(settings.recent.len(), RECENT_LIMIT);
        assert_eq!(settings.recent[0], Path::new("/w/5"));
        assert_eq!(settings.recent[1], Path::new("/w/11"));
        assert_eq!(settings.recent.iter().filter(|p| *p == Path::new("/w/5")).count(), 1);
        assert!(!settings.recent.contains(&PathBuf::from("/w/0")), "the oldest fall off");
        assert!(settings.forget(Path::new("/w/5")));
        assert!(!settings.forget(Path::new("/w/5")));
    }

    #[test]
    fn settings_survive_a_restart_and_a_broken_file_is_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config").join("settings.json");
        let existing = dir.path().join("ws");
        std::fs::create_dir(&existing).unwrap();

        let file = SettingsFile::default();
        file.load_from(path.clone());
        assert_eq!(file.view(), SettingsView { theme: ThemeChoice::System, recent: vec![] });
        file.update(|s| s.theme = ThemeChoice::Dark).unwrap();
        file.update(|s| s.remember(&dir.path().join("gone.relata"))).unwrap();
        file.update(|s| s.remember(&existing)).unwrap();

        let again = SettingsFile::default();
        again.load_from(path.clone());
        let view = again.view();
        assert_eq!(view.theme, ThemeChoice::Dark);
        assert_eq!(view.recent, vec![
            RecentWorkspace { path: existing, exists: true },
            RecentWorkspace { path: dir.path().join("gone.relata"), exists: false },
        ]);
        // Only settings.json is in the folder: the atomic write left no temporary file.
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("settings.json")]);

        std::fs::write(&path, b"{ not json").unwrap();
        let broken = SettingsFile::default();
        broken.load_from(path);
        assert_eq!(broken.view().theme, ThemeChoice::System);
    }
}
