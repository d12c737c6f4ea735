//! What the shell keeps between commands: the open workspace, or why none is open.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use relata_formats::sync::three_way::{self, Choice, FileMerge, MergeConflict};
use relata_model::edit::{Edit, History};
use relata_model::{Diagnostic, Registry, Severity};
use relata_store::disk::DiskState;
use serde::Serialize;

use crate::error::IpcError;
use crate::overview::{overview, WorkspaceOverview};

/// A workspace loaded into memory, with its edit history.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// Where it was loaded from: a registry folder or a `.relata` file.
    pub path: PathBuf,
    /// Its content and the undo/redo stacks; every change goes through it.
    history: History,
    /// What loading reported; kept, because it describes the files as they were read.
    load_diagnostics: Vec<Diagnostic>,
    /// What loading reported, then what the default rule preset finds in the current content.
    pub diagnostics: Vec<Diagnostic>,
    /// The content came from a recovery file, not from `path`: unsaved until saved.
    restored: bool,
    /// The rules the findings come from.
    rules: relata_rules::RuleSet,
    /// The import last previewed, waiting for Apply.
    pending_import: Option<PendingImport>,
    /// The diagram's last layout, which the next one updates rather than replaces.
    laid: Option<crate::diagram::Laid>,
    /// What the workspace's files held when it was loaded or last saved; `None` for a
    /// workspace that was never read from or written to disk.
    on_disk: Option<OnDisk>,
    /// A save that found changes on disk conflicting with the window's, waiting for choices.
    disk_merge: Option<DiskMerge>,
}

/// The workspace as its files held it at the last load or save: the base of a three-way merge
/// with changes made on disk since, and the files' identity to notice them.
#[derive(Debug, Clone)]
pub struct OnDisk {
    /// The registry the files held.
    pub registry: Registry,
    /// The files then.
    pub files: DiskState,
}

/// What a look at the disk found, for the window to say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DiskNews {
    /// The workspace had no unsaved edits and now shows what is on disk.
    Reloaded {
        /// What happened, for a toast.
        message: String,
    },
    /// The workspace has unsaved edits and the disk changed: a banner offers to review.
    Changed {
        /// What happened, for the banner.
        message: String,
    },
    /// The files changed and no longer load; the window keeps its registry.
    Broken {
        /// The loader's located problems.
        message: String,
    },
}

/// A save that met conflicting changes on disk: the three registries and the conflicts, kept
/// until the user has chosen a version of each conflicting field.
#[derive(Debug, Clone)]
struct DiskMerge {
    base: Registry,
    ours: Registry,
    theirs: Registry,
    files: DiskState,
    conflicts: Vec<MergeConflict>,
}

/// A previewed import: the merged registry, valid while the history stays at `revision`.
#[derive(Debug, Clone)]
struct PendingImport {
    revision: u64,
    label: String,
    registry: Registry,
}

/// Where the edit history stands, sent after every edit, undo, redo and save so the window
/// can label its menus and show unsaved changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct EditState {
    /// What the command just did ("Rename table …"), when it did something.
    pub done: Option<String>,
    /// Increases with every change; the window refetches what it shows when it moves.
    #[cfg_attr(test, ts(type = "number"))]
    pub revision: u64,
    /// Changes since the last save (or load).
    pub dirty: bool,
    /// "Undo rename table …", when there is something to undo.
    pub undo: Option<String>,
    /// "Redo …", when there is something to redo.
    pub redo: Option<String>,
    /// Diagnostics of severity error now.
    #[cfg_attr(test, ts(type = "number"))]
    pub error_count: usize,
    /// Diagnostics of severity warning now.
    #[cfg_attr(test, ts(type = "number"))]
    pub warning_count: usize,
}

/// The rule preset a workspace is checked with until the user picks another.
pub const DEFAULT_PRESET: &str = "zayaz";

impl Workspace {
    /// A workspace holding `registry`, loaded from `path` with `load_diagnostics`; the rules
    /// run at once.
    pub fn new(path: PathBuf, registry: Registry, load_diagnostics: Vec<Diagnostic>) -> Self {
        let mut workspace =
            Self { path, history: History::new(registry), load_diagnostics, diagnostics: Vec::new(), restored: false, pending_import: None, laid: None, on_disk: None, disk_merge: None, rules: relata_rules::RuleSet::preset(DEFAULT_PRESET).expect("the default preset is built in") };
        workspace.recheck();
        workspace
    }

    /// The current content.
    pub fn registry(&self) -> &Registry {
        self.history.registry()
    }

    /// Applies `edit`; edits with the same `coalesce` key in a row (typing in one field) make
    /// one undo step. A refused edit changes nothing.
    pub fn apply(&mut self, edit: Edit, coalesce: Option<&str>) -> Result<EditState, IpcError> {
        let label = match coalesce {
            Some(key) => self.history.apply_coalescing(edit, key),
            None => self.history.apply(edit),
        }
        .map_err(IpcError::edit_refused)?;
        self.recheck();
        Ok(self.state(Some(label)))
    }

    /// Undoes the last step, if any.
    pub fn undo(&mut self) -> Result<EditState, IpcError> {
        let label = self.history.undo().map_err(IpcError::edit_refused)?;
        self.recheck();
        Ok(self.state(label.map(|l| format!("Undo {l}"))))
    }

    /// Redoes the last undone step, if any.
    pub fn redo(&mut self) -> Result<EditState, IpcError> {
        let label = self.history.redo().map_err(IpcError::edit_refused)?;
        self.recheck();
        Ok(self.state(label.map(|l| format!("Redo {l}"))))
    }

    /// Records that the content at `revision` is what the workspace file now holds; when
    /// edits arrived while saving, the workspace stays dirty.
    pub fn saved(&mut self, revision: u64) -> EditState {
        if self.history.revision() == revision {
            self.history.mark_saved();
            self.restored = false;
        }
        self.state(Some(format!("Saved {}", self.path.display())))
    }

    /// Records that the content at `revision` was saved to `path`, which becomes where the
    /// workspace lives ("save as").
    pub fn saved_as(&mut self, path: PathBuf, revision: u64) -> EditState {
        self.path = path;
        self.saved(revision)
    }

    /// What the files held at the last load or save, when known.
    pub fn on_disk(&self) -> Option<&OnDisk> {
        self.on_disk.as_ref()
    }

    /// Records what the files hold now that `written` was loaded from or saved to them.
    pub fn set_on_disk(&mut self, written: Registry, files: DiskState) {
        self.on_disk = Some(OnDisk { registry: written, files });
        self.disk_merge = None;
    }

    /// Takes a save's merge with changes on disk into the window: `saved` (the content at
    /// `revision`, which the save merged) became `merge.registry` on disk. The window's content
    /// becomes that merge, with any edit made while saving merged on top, as ONE undoable
    /// edit; it is saved if no edit came in meanwhile.
    pub fn merged_on_disk(&mut self, revision: u64, saved: &Registry, merge: FileMerge, files: DiskState) -> Result<EditState, IpcError> {
        let target = if self.history.revision() == revision {
            merge.registry.clone()
        } else {
            three_way::merge(saved, self.registry(), &merge.registry, &[]).registry
        };
        let label = match merge.taken.len() {
            1 => format!("Merge the change made on disk to {}", merge.taken[0]),
            n => format!("Merge {n} changes made on disk"),
        };
        let unchanged = self.history.revision() == revision;
        let edit = crate::import::merge_edit(label.clone(), self.registry(), &target);
        if self.registry() != &target {
            self.history.apply(edit).map_err(IpcError::edit_refused)?;
        }
        self.set_on_disk(merge.registry, files);
        if unchanged {
            self.history.mark_saved();
            self.restored = false;
        }
        self.recheck();
        Ok(self.state(Some(format!("{label}, and saved {}", self.path.display()))))
    }

    /// Keeps a save's conflicting merge for the user's choices (see [`Self::resolve_disk_merge`]).
    pub fn hold_disk_merge(&mut self, base: Registry, ours: Registry, theirs: Registry, files: DiskState, conflicts: Vec<MergeConflict>) {
        self.disk_merge = Some(DiskMerge { base, ours, theirs, files, conflicts });
    }

    /// Takes a change found on disk (`files`, and `theirs` as the files now load) into the
    /// window. A workspace with no unsaved edits takes it as ONE undoable edit and stays clean
    /// ([`DiskNews::Reloaded`]); one with unsaved edits keeps them and is told
    /// ([`DiskNews::Changed`]) until the user reviews; files that no longer load are reported
    /// ([`DiskNews::Broken`]) and the window keeps its registry. `None` when the disk holds what
    /// the window knows (the window's own save, a file touched but not changed).
    pub fn disk_changed(&mut self, files: DiskState, theirs: Result<Registry, relata_store::StoreError>) -> Option<DiskNews> {
        if self.on_disk.as_ref().is_some_and(|d| !d.files.content_differs(&files)) {
            return None;
        }
        let theirs = match theirs {
            Ok(theirs) => theirs,
            Err(error) => return Some(DiskNews::Broken { message: error.to_string() }),
        };
        if &theirs == self.registry() {
            // The window already holds it (its own save, seen before the save recorded it).
            self.set_on_disk(theirs, files);
            return None;
        }
        if self.is_dirty() {
            return Some(DiskNews::Changed {
                message: format!("{} changed on disk, and this window has unsaved changes: review the changes to merge them", self.path.display()),
            });
        }
        let label = "Reload the changes made on disk".to_owned();
        let edit = crate::import::merge_edit(label.clone(), self.registry(), &theirs);
        if let Err(error) = self.history.apply(edit) {
            return Some(DiskNews::Broken { message: error.to_string() });
        }
        self.history.mark_saved();
        self.set_on_disk(theirs, files);
        self.recheck();
        Some(DiskNews::Reloaded { message: format!("Reloaded {}: it changed on disk (Undo takes the change back here)", self.path.display()) })
    }

    /// Merges what changed on disk (`theirs`, its files `files`) into the window's unsaved
    /// content against what was loaded: without conflicts, as ONE undoable edit, after which
    /// the window's base is what is on disk (the window stays unsaved: its own edits are not
    /// on disk yet); with conflicts, nothing changes and the merge waits for choices
    /// ([`Self::resolve_disk_merge`]). Returns the conflicts.
    pub fn review_disk(&mut self, files: DiskState, theirs: Registry) -> Result<(EditState, Vec<MergeConflict>), IpcError> {
        let base = self.on_disk.as_ref().map_or_else(|| theirs.clone(), |d| d.registry.clone());
        let merge = three_way::merge(&base, self.registry(), &theirs, &[]);
        if !merge.conflicts.is_empty() {
            let conflicts = merge.conflicts.clone();
            self.hold_disk_merge(base, self.registry().clone(), theirs, files, merge.conflicts);
            return Ok((self.state(None), conflicts));
        }
        let label = match merge.taken.len() {
            1 => format!("Merge the change made on disk to {}", merge.taken[0]),
            n => format!("Merge {n} changes made on disk"),
        };
        if &merge.registry != self.registry() {
            let edit = crate::import::merge_edit(label.clone(), self.registry(), &merge.registry);
            self.history.apply(edit).map_err(IpcError::edit_refused)?;
        }
        self.set_on_disk(theirs, files);
        self.recheck();
        Ok((self.state(Some(label)), Vec::new()))
    }

    /// The conflicts of the save waiting for choices, if any.
    pub fn disk_conflicts(&self) -> Option<&[MergeConflict]> {
        self.disk_merge.as_ref().map(|m| m.conflicts.as_slice())
    }

    /// Settles the waiting merge with `choices` (every conflict must have one): the window's
    /// content becomes the merge, as ONE undoable edit, and what is on disk becomes its base,
    /// so the next save writes it. Refused, changing nothing, while a conflict has no choice.
    pub fn resolve_disk_merge(&mut self, choices: &[Choice]) -> Result<EditState, IpcError> {
        use crate::error::ErrorCode::InvalidRequest;
        let pending = self.disk_merge.as_ref().ok_or_else(|| IpcError::new(InvalidRequest, "there is no merge with changes on disk to settle"))?;
        let merge = three_way::merge(&pending.base, &pending.ours, &pending.theirs, choices);
        let open = merge.unanswered(choices);
        if open > 0 {
            return Err(IpcError::new(InvalidRequest, format!("{open} conflicting field(s) still need a choice")));
        }
        // Edits made after the save that met the conflicts stay on top of the merge.
        let target = three_way::merge(&pending.ours, self.registry(), &merge.registry, &[]).registry;
        let label = format!("Merge the changes made on disk ({} conflict(s) settled)", pending.conflicts.len());
        let edit = crate::import::merge_edit(label.clone(), self.registry(), &target);
        if self.registry() != &target {
            self.history.apply(edit).map_err(IpcError::edit_refused)?;
        }
        let pending = self.disk_merge.take().expect("checked above");
        self.on_disk = Some(OnDisk { registry: pending.theirs, files: pending.files });
        self.recheck();
        Ok(self.state(Some(label)))
    }

    /// The rules the findings (and generated SQL names) come from.
    pub fn rules(&self) -> &relata_rules::RuleSet {
        &self.rules
    }

    /// The name of the rule preset the findings come from.
    pub fn preset(&self) -> &str {
        self.rules.name()
    }

    /// Checks with the built-in preset `name` from now on (a view setting: no edit, no undo).
    pub fn set_preset(&mut self, name: &str) -> Result<EditState, IpcError> {
        self.rules = relata_rules::RuleSet::named(name)
            .map_err(|e| IpcError::new(crate::error::ErrorCode::InvalidRequest, e.to_string()))?;
        self.recheck();
        Ok(self.state(Some(format!("Checking with the {name} rules"))))
    }

    /// Whether there are changes since the last save or load.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty() || self.restored
    }

    /// Replaces the content with `registry` recovered after a crash: a fresh history, and
    /// unsaved until the user saves.
    pub fn restore(&mut self, registry: Registry) -> EditState {
        self.history = History::new(registry);
        self.restored = true;
        self.recheck();
        self.state(Some("Restored the unsaved changes".to_owned()))
    }

    /// Reads `text` (the file `file`) as `format` and previews merging it into the workspace;
    /// the merge is kept for [`Self::apply_import`] while the workspace does not change.
    pub fn preview_import(&mut self, text: &str, file: &str, format: crate::import::ImportFormat) -> crate::import::ImportPreview {
        let prepared = crate::import::prepare(self.registry(), &self.rules, text, file, format, crate::import::now());
        let name = std::path::Path::new(file).file_name().map_or_else(|| file.to_owned(), |n| n.to_string_lossy().into_owned());
        self.pending_import = prepared.merged.map(|registry| PendingImport { revision: self.history.revision(), label: format!("Import {name}"), registry });
        prepared.preview
    }

    /// Applies the import last previewed as ONE edit (one undo step). Refused when there is
    /// none, or the workspace changed since the preview.
    pub fn apply_import(&mut self) -> Result<EditState, IpcError> {
        use crate::error::ErrorCode::InvalidRequest;
        let pending = self.pending_import.take().ok_or_else(|| IpcError::new(InvalidRequest, "there is no import to apply: preview one first"))?;
        if pending.revision != self.history.revision() {
            return Err(IpcError::new(InvalidRequest, "the workspace changed since the preview: preview the import again"));
        }
        let edit = crate::import::merge_edit(pending.label, self.registry(), &pending.registry);
        self.apply(edit, None)
    }

    /// Where the history stands.
    pub fn state(&self, done: Option<String>) -> EditState {
        let count = |severity: Severity| self.diagnostics.iter().filter(|d| d.severity == severity).count();
        EditState {
            done,
            revision: self.history.revision(),
            dirty: self.is_dirty(),
            undo: self.history.undo_menu_text(),
            redo: self.history.redo_menu_text(),
            error_count: count(Severity::Error),
            warning_count: count(Severity::Warning),
        }
    }

    /// Reruns the rules on the current content.
    fn recheck(&mut self) {
        let mut diagnostics = self.load_diagnostics.clone();
        diagnostics.extend(relata_rules::check(self.history.registry(), &self.rules));
        self.diagnostics = diagnostics;
    }

    /// Loads the workspace at `path` through the store.
    pub async fn open(path: &Path) -> Result<Self, IpcError> {
        // Absolute, so the window and the store's messages show where the workspace really is.
        let path = std::path::absolute(path).map_err(|e| IpcError::io("resolve", path, &e))?;
        // The files' identity first: a change made while loading is then a change to merge.
        let files = DiskState::of(&path)?;
        let loaded = relata_store::load(&path).await?;
        let mut workspace = Self::new(path, loaded.registry.clone(), loaded.diagnostics);
        workspace.on_disk = Some(OnDisk { registry: loaded.registry, files });
        Ok(workspace)
    }

    /// The diagram of `modules` (all when empty): laid out from scratch when `fresh` (the
    /// window's Re-layout), else as an update of the last one, so an edit moves only what it
    /// changed.
    pub fn diagram(&mut self, modules: &[String], fresh: bool) -> crate::diagram::Diagram {
        let previous = if fresh { None } else { self.laid.as_ref() };
        let (diagram, laid) = crate::diagram::diagram_kept(self.history.registry(), modules, previous);
        self.laid = Some(laid);
        diagram
    }

    /// The overview the window lists.
    pub fn overview(&self) -> WorkspaceOverview {
        overview(&self.path, self.registry(), &self.diagnostics)
    }
}

/// Whether a workspace is open.
#[derive(Debug, Clone)]
// The app holds exactly one session, so the open workspace's size costs nothing unboxed.
#[allow(clippy::large_enum_variant)]
pub enum Session {
    /// Nothing was opened yet.
    Empty,
    /// A workspace is open.
    Open(Workspace),
    /// The last open failed; the window shows why.
    Failed(IpcError),
}

/// The app's managed state (`app.manage(AppState::default())`).
#[derive(Debug)]
pub struct AppState {
    session: Mutex<Session>,
    /// Crash recovery, once the app knows its data folder (not in IPC tests).
    recovery: std::sync::OnceLock<crate::recovery::Recovery>,
}

impl Default for AppState {
    fn default() -> Self {
        Self::new(Session::Empty)
    }
}

impl AppState {
    /// State starting with `session`.
    pub fn new(session: Session) -> Self {
        Self { session: Mutex::new(session), recovery: std::sync::OnceLock::new() }
    }

    /// Replaces the session, e.g. after an open.
    pub fn set(&self, session: Session) {
        *self.lock() = session;
    }

    /// The overview of the open workspace, or why there is none.
    pub fn overview(&self) -> Result<WorkspaceOverview, IpcError> {
        self.with_workspace(Workspace::overview)
    }

    /// Runs `f` on the open workspace, or says why there is none.
    pub fn with_workspace<T>(&self, f: impl FnOnce(&Workspace) -> T) -> Result<T, IpcError> {
        match &*self.lock() {
            Session::Open(workspace) => Ok(f(workspace)),
            Session::Failed(error) => Err(error.clone()),
            Session::Empty => Err(IpcError::no_workspace()),
        }
    }

    /// Turns crash recovery on, with recovery files in `dir`.
    pub fn enable_recovery(&self, dir: PathBuf) {
        let _ = self.recovery.set(crate::recovery::Recovery::new(dir));
    }

    /// Crash recovery, when enabled.
    pub fn recovery(&self) -> Option<&crate::recovery::Recovery> {
        self.recovery.get()
    }

    /// Writes the open workspace's recovery file when it has unsaved changes that rested
    /// since the last edit and are not written yet. Called every half second by a thread.
    pub fn autosave(&self) -> Result<(), IpcError> {
        let Some(recovery) = self.recovery() else { return Ok(()) };
        let due = match &*self.lock() {
            Session::Open(w) => {
                let revision = w.state(None).revision;
                recovery.due(&w.path, w.is_dirty(), revision).then(|| (w.path.clone(), revision, w.registry().clone()))
            }
            _ => None,
        };
        // The copy is written outside the lock, so edits are never kept waiting by the disk.
        match due {
            Some((path, revision, registry)) => recovery.write(&path, revision, &registry),
            None => Ok(()),
        }
    }

    /// Looks at the open workspace's files and takes a change made on disk into the window
    /// ([`Workspace::disk_changed`]). The files are read outside the lock. Called by the watcher
    /// when the files have rested after a change.
    pub fn check_disk(&self) -> Option<DiskNews> {
        let (path, known) = match &*self.lock() {
            Session::Open(w) => (w.path.clone(), w.on_disk.as_ref().map(|d| d.files.clone())),
            _ => return None,
        };
        let files = DiskState::of(&path).ok()?;
        if known.as_ref().is_some_and(|k| !k.content_differs(&files)) {
            return None;
        }
        let theirs = tauri::async_runtime::block_on(relata_store::disk::load_clean(&path));
        match &mut *self.lock() {
            // Only if the same workspace is still open.
            Session::Open(w) if w.path == path => w.disk_changed(files, theirs),
            _ => None,
        }
    }

    /// Whether the open workspace has unsaved changes (false when none is open).
    pub fn is_dirty(&self) -> bool {
        matches!(&*self.lock(), Session::Open(w) if w.is_dirty())
    }

    /// Runs `f` on the open workspace to change it, or says why there is none.
    pub fn with_workspace_mut<T>(&self, f: impl FnOnce(&mut Workspace) -> Result<T, IpcError>) -> Result<T, IpcError> {
        match &mut *self.lock() {
            Session::Open(workspace) => f(workspace),
            Session::Failed(error) => Err(error.clone()),
            Session::Empty => Err(IpcError::no_workspace()),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Session> {
        // A panic while holding the lock cannot leave a half-written session: every writer
        // replaces it whole. So a poisoned lock is still consistent.
        self.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
