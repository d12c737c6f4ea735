//! The one API every Relata front end calls: an open [`Workspace`] — its edit history, the
//! rule set and current findings, the pending import, what its files held, the diagram's last
//! layout — with open, create, apply/undo/redo, save, import, export, diagram, diff (the
//! changes between two versions, and their migration) and docs. The Tauri shell and the `relata` CLI only
//! translate between their outside world and this crate.
//!
//! The API is synchronous where it works in memory and async only where it reads or writes a
//! workspace through relata-store (whose SQLite and PostgreSQL paths are sqlx, hence async).
//! No `&mut Workspace` is ever held across an `.await`: a save is a [`SaveJob`] taken from the
//! workspace, run, and its [`Saved`] outcome recorded back, so a front end keeping the
//! workspace under a lock never holds the lock while the disk works.

mod changes;
mod clipboard;
mod diagram;
mod disk;
mod docs;
mod error;
mod export;
mod import;
mod job;
mod relate;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use relata_model::edit::{Edit, History};
use relata_model::{Diagnostic, Registry, Severity, Timestamp};
use relata_rules::RuleSet;

pub use crate::clipboard::{copy, paste, read_payload, ClipboardCopy, Copied, Paste, PAYLOAD_VERSION};
pub use crate::changes::{
    compare, group_by_table, read_database, read_side, Change, ChangeGroup, ChangeKind, Comparison, DiffSide, FieldChange, Migration, MigrationOptions, SideRegistry,
};
pub use crate::disk::{look_at_disk, read_disk, DiskNews, OnDisk, SaveAsJob, SaveJob, Saved};
pub use crate::diagram::{layout, layout_kept, picture, Diagram, Drawn, Drew, Laid, KEPT_VIEWS};
pub use crate::docs::{DocsFormat, DocsJob, DocsRequest, DocsWritten};
pub use crate::error::{Error, ErrorKind};
pub use crate::job::{Cancelled, Job, Progress};
pub use crate::export::{rasterise, ExportFormat, ExportRequest, ExportTarget, PNG_SCALE};
pub use crate::relate::{propose, propose_drop, repoint, LineEnd, ProposalError, RelationshipProposal};
pub use crate::import::{import_description, import_text, merge_edit, read_dump, ImportFormat, ImportPreview};

/// The rule preset a workspace is checked with until the user picks another.
pub const DEFAULT_PRESET: &str = "zayaz";

/// An open workspace: a registry folder or `.relata` file loaded into memory, with its edit
/// history, its findings and what its files held.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// Where it lives: a registry folder or a `.relata` file.
    path: PathBuf,
    /// Its content and the undo/redo stacks; every change goes through it.
    history: History,
    /// What loading reported; kept, because it describes the files as they were read.
    load_diagnostics: Vec<Diagnostic>,
    /// What loading reported, then what the rules find in the current content; run when first
    /// asked for after a change (a front end that only draws or exports never pays for them).
    findings: OnceLock<Vec<Diagnostic>>,
    /// The content came from a recovery file, not from `path`: unsaved until saved.
    restored: bool,
    /// The rules the findings (and generated SQL names) come from.
    rules: RuleSet,
    /// The import last previewed, waiting for Apply.
    pending_import: Option<import::PendingImport>,
    /// What the files held when the workspace was loaded or last saved; `None` for a workspace
    /// never read from or written to disk.
    on_disk: Option<OnDisk>,
    /// A save that met conflicting changes on disk, waiting for choices.
    disk_merge: Option<disk::DiskMerge>,
    /// The last layout of each view used lately, most recent first, which the view's next
    /// diagram updates rather than replaces.
    laid: Vec<Laid>,
}

/// Where the edit history stands: what a front end shows in its menus and status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// Increases with every change.
    pub revision: u64,
    /// Changes since the last save (or load), a recovered content included.
    pub dirty: bool,
    /// "Undo rename table …", when there is something to undo.
    pub undo: Option<String>,
    /// "Redo …", when there is something to redo.
    pub redo: Option<String>,
    /// Findings of severity error now.
    pub errors: usize,
    /// Findings of severity warning now.
    pub warnings: usize,
}

impl Workspace {
    /// A workspace holding `registry`, which lives at `path` and whose loading reported
    /// `load_diagnostics`, checked with the default rules. Nothing is known of its files.
    pub fn new(path: PathBuf, registry: Registry, load_diagnostics: Vec<Diagnostic>) -> Self {
        Self::with_rules(path, registry, load_diagnostics, RuleSet::preset(DEFAULT_PRESET).expect("the default preset is built in"))
    }

    /// [`Self::new`], checked with `rules`.
    pub fn with_rules(path: PathBuf, registry: Registry, load_diagnostics: Vec<Diagnostic>, rules: RuleSet) -> Self {
        Self {
            path,
            history: History::new(registry),
            load_diagnostics,
            findings: OnceLock::new(),
            restored: false,
            rules,
            pending_import: None,
            on_disk: None,
            disk_merge: None,
            laid: Vec::new(),
        }
    }

    /// Loads the workspace at `path`, checked with the default rules. The path is kept as
    /// given: a front end that shows it may make it absolute first.
    pub async fn open(path: &Path) -> Result<Self, Error> {
        Self::open_with(path, RuleSet::preset(DEFAULT_PRESET).expect("the default preset is built in")).await
    }

    /// Loads the workspace at `path`, checked with `rules`.
    pub async fn open_with(path: &Path, rules: RuleSet) -> Result<Self, Error> {
        let path = path.to_owned();
        let started = std::time::Instant::now();
        // The files' identity first: a change made while loading is then a change to merge.
        let files = relata_store::disk::DiskState::of(&path)?;
        let loaded = relata_store::load(&path).await?;
        tracing::debug!(
            path = %path.display(),
            tables = loaded.registry.tables.len(),
            diagnostics = loaded.diagnostics.len(),
            ms = started.elapsed().as_millis() as u64,
            "workspace loaded"
        );
        let mut workspace = Self::with_rules(path, loaded.registry.clone(), loaded.diagnostics, rules);
        workspace.on_disk = Some(OnDisk { registry: loaded.registry, files });
        Ok(workspace)
    }

    /// Creates an empty workspace at `path` (a registry folder, or a `.relata` file), refusing
    /// a path that already holds anything, and opens it.
    pub async fn create(path: &Path) -> Result<Self, Error> {
        relata_store::create(path, &Registry::default()).await?;
        Self::open(path).await
    }

    /// Where the workspace lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The current content.
    pub fn registry(&self) -> &Registry {
        self.history.registry()
    }

    /// What loading reported (the files as they were read).
    pub fn load_diagnostics(&self) -> &[Diagnostic] {
        &self.load_diagnostics
    }

    /// What loading reported, then what the rules find in the current content.
    pub fn findings(&self) -> &[Diagnostic] {
        self.findings.get_or_init(|| {
            let mut findings = self.load_diagnostics.clone();
            findings.extend(relata_rules::check(self.history.registry(), &self.rules));
            findings
        })
    }

    /// Shows `findings` instead of the rules' until the next change reruns them (a front
    /// end's tests show findings of their choosing this way).
    pub fn replace_findings(&mut self, findings: Vec<Diagnostic>) {
        self.findings = OnceLock::from(findings);
    }

    /// The rules the findings (and generated SQL names) come from.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The name of the rule preset the findings come from.
    pub fn preset(&self) -> &str {
        self.rules.name()
    }

    /// Checks with the built-in preset `name` from now on (a view setting: no edit, no undo).
    pub fn set_preset(&mut self, name: &str) -> Result<(), Error> {
        self.rules = RuleSet::named(name).map_err(|e| Error::new(ErrorKind::UnknownPreset, e.to_string()))?;
        self.recheck();
        Ok(())
    }

    /// Applies `edit` and returns its label ("Rename table …"); edits with the same `coalesce`
    /// key in a row (typing in one field) make one undo step. A refused edit changes nothing.
    pub fn apply(&mut self, edit: Edit, coalesce: Option<&str>) -> Result<String, Error> {
        let label = match coalesce {
            Some(key) => self.history.apply_coalescing(edit, key),
            None => self.history.apply(edit),
        }?;
        self.recheck();
        Ok(label)
    }

    /// Undoes the last step, if any; returns "Undo …" when there was one.
    pub fn undo(&mut self) -> Result<Option<String>, Error> {
        let label = self.history.undo()?;
        self.recheck();
        Ok(label.map(|l| format!("Undo {l}")))
    }

    /// Redoes the last undone step, if any; returns "Redo …" when there was one.
    pub fn redo(&mut self) -> Result<Option<String>, Error> {
        let label = self.history.redo()?;
        self.recheck();
        Ok(label.map(|l| format!("Redo {l}")))
    }

    /// Whether there are changes since the last save or load.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty() || self.restored
    }

    /// Where the history stands.
    pub fn status(&self) -> Status {
        let count = |severity: Severity| self.findings().iter().filter(|d| d.severity == severity).count();
        Status {
            revision: self.history.revision(),
            dirty: self.is_dirty(),
            undo: self.history.undo_menu_text(),
            redo: self.history.redo_menu_text(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
        }
    }

    /// Replaces the content with `registry` recovered after a crash: a fresh history, and
    /// unsaved until the user saves.
    pub fn restore(&mut self, registry: Registry) -> String {
        self.history = History::new(registry);
        self.restored = true;
        self.recheck();
        "Restored the unsaved changes".to_owned()
    }

    /// Forgets the findings after a change: the rules run again when next asked.
    fn recheck(&mut self) {
        self.findings = OnceLock::new();
    }
}

/// The current time as a registry timestamp (UTC, whole seconds): the core crates have no
/// clock, so what an import or a proposal creates is stamped with this.
pub fn now() -> Timestamp {
    Timestamp::from_unix_seconds(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn now_is_a_registry_timestamp() {
        let now = super::now();
        assert!(now.as_str() > "2026-01-01 00:00:00+00", "{now}");
    }
}
