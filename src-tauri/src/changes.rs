//! The window's "Changes…" and "Documentation…": what the dialogs send, turned into the
//! workspace's `DiffSide` and `DocsRequest`, and what they show back; and the background jobs
//! both run as (`relata_workspace::Job`), which the window polls for progress and cancels.
//! The comparison and the writing are `relata_workspace`'s; this module only converts.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use relata_workspace::{ChangeKind, Comparison, DiffSide, DocsFormat, Job};
use serde::{Deserialize, Serialize};

use crate::error::{ErrorCode, IpcError};
use crate::import::FieldChange;

/// What the open workspace is compared with.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum CompareWith {
    /// The workspace as it was last saved (or loaded): the unsaved edits.
    LastSave,
    /// Another workspace: a registry folder or a `.relata` file.
    File {
        /// Its path.
        #[cfg_attr(test, ts(type = "string"))]
        path: PathBuf,
    },
    /// A registry folder as it was at a git revision.
    Git {
        /// `HEAD`, `HEAD~1`, a tag, a commit.
        revision: String,
        /// The folder, inside a git repository.
        #[cfg_attr(test, ts(type = "string"))]
        folder: PathBuf,
    },
    /// A live PostgreSQL database: the changes are its drift from the workspace, and the
    /// migration takes the database to the workspace.
    Database {
        /// A `postgres://` URL (the password may come from `PGPASSWORD` or `~/.pgpass`).
        url: String,
    },
}

impl CompareWith {
    /// The workspace's side.
    pub fn side(&self) -> DiffSide {
        match self {
            CompareWith::LastSave => DiffSide::LastSave,
            CompareWith::File { path } => DiffSide::Path(path.clone()),
            CompareWith::Git { revision, folder } => DiffSide::Git { revision: revision.trim().to_owned(), folder: folder.clone() },
            CompareWith::Database { url } => DiffSide::Database(url.trim().to_owned()),
        }
    }
}

/// What the Changes dialog asks for.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ChangesRequest {
    /// The old side; the new one is the open workspace as it is now.
    pub against: CompareWith,
    /// The migration writes the destructive statements too.
    #[serde(default)]
    pub allow_destructive: bool,
}

/// What the Changes dialog shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ChangesView {
    /// The old side, as a person names it.
    pub old: String,
    /// The new side.
    pub new: String,
    /// A database was compared: the changes are its drift.
    pub drift: bool,
    /// The two sides hold the same (for a database: no drift).
    pub same: bool,
    /// The changes, grouped by table, then those about no table.
    pub groups: Vec<ChangeGroupView>,
    /// How many changes in all.
    #[cfg_attr(test, ts(type = "number"))]
    pub count: usize,
    /// The PostgreSQL migration from the old side to the workspace.
    pub sql: String,
    /// Its destructive statements (written only when allowed).
    pub destructive: Vec<String>,
    /// What it leaves to a person.
    pub manual: Vec<String>,
    /// What else to know.
    pub warnings: Vec<String>,
}

/// The changes about one table, or about no table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ChangeGroupView {
    /// `schema.table`, or what the changes are ("Modules").
    pub title: String,
    /// Whether it is a table's group.
    pub table: bool,
    /// Its changes.
    pub changes: Vec<DiffEntry>,
}

/// One entry that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DiffEntry {
    /// `table`, `column`, `relationship`, `module`, `enum`, `concept` or `kept`.
    pub entry: String,
    /// Its name on the new side (the old one for a removal).
    pub name: String,
    /// `added`, `removed` or `changed`.
    pub kind: String,
    /// For a change, the fields that differ: the old side's value, then the workspace's.
    pub fields: Vec<FieldChange>,
}

impl From<&Comparison> for ChangesView {
    fn from(c: &Comparison) -> Self {
        let groups = c
            .groups
            .iter()
            .map(|g| ChangeGroupView {
                title: g.title.clone(),
                table: g.table,
                changes: g
                    .changes
                    .iter()
                    .map(|change| DiffEntry {
                        entry: change.entry.to_owned(),
                        name: change.name.clone(),
                        kind: match change.kind {
                            ChangeKind::Added => "added",
                            ChangeKind::Removed => "removed",
                            ChangeKind::Changed => "changed",
                        }
                        .to_owned(),
                        fields: change.fields.iter().map(|f| FieldChange { field: f.field.clone(), from: Some(f.old.clone()), to: Some(f.new.clone()) }).collect(),
                    })
                    .collect(),
            })
            .collect();
        let mut warnings = c.warnings.clone();
        warnings.extend(c.migration.warnings.iter().cloned());
        Self {
            old: c.old.clone(),
            new: c.new.clone(),
            drift: c.drift,
            same: c.is_empty(),
            groups,
            count: c.changes.len(),
            sql: c.migration.sql.clone(),
            destructive: c.migration.destructive.clone(),
            manual: c.migration.manual.clone(),
            warnings,
        }
    }
}

/// What the Documentation dialog asks for.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DocsRequest {
    /// The folder to write into (made if missing; files there of the same names are replaced).
    #[cfg_attr(test, ts(type = "string"))]
    pub folder: PathBuf,
    /// `markdown` or `html`.
    pub format: DocsFormatChoice,
    /// Only these modules; empty: all.
    #[serde(default)]
    pub modules: Vec<String>,
}

/// The page format the dialog offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum DocsFormatChoice {
    /// GitHub Markdown with SVG diagrams beside the pages.
    Markdown,
    /// Static HTML, no script.
    Html,
}

impl DocsRequest {
    /// The workspace's request.
    pub fn to_workspace(&self) -> relata_workspace::DocsRequest {
        let format = match self.format {
            DocsFormatChoice::Markdown => DocsFormat::Markdown,
            DocsFormatChoice::Html => DocsFormat::Html,
        };
        relata_workspace::DocsRequest { format, modules: self.modules.clone(), title: String::new() }
    }
}

/// What the documentation wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DocsWritten {
    /// The index page's path.
    #[cfg_attr(test, ts(type = "string"))]
    pub index: PathBuf,
    /// Files written.
    #[cfg_attr(test, ts(type = "number"))]
    pub files: usize,
    /// Module pages among them.
    #[cfg_attr(test, ts(type = "number"))]
    pub modules: usize,
}

impl From<relata_workspace::DocsWritten> for DocsWritten {
    fn from(w: relata_workspace::DocsWritten) -> Self {
        Self { index: w.index, files: w.files, modules: w.modules }
    }
}

/// Where a background job stands, for the dialog's progress line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct JobProgress {
    /// The step, in a few words.
    pub step: String,
    /// Units done.
    pub done: u32,
    /// Units in all; 0 when the step cannot say.
    pub total: u32,
    /// The job is still running (false once it finished, failed or was cancelled).
    pub running: bool,
}

/// The background jobs the window started, by the number it gave each, and the SQL of the last
/// comparison (which "Save SQL…" writes, so the window never sends a file's content to write).
#[derive(Debug, Default)]
pub struct Jobs {
    running: Mutex<HashMap<u32, Arc<Job>>>,
    last_sql: Mutex<Option<String>>,
}

impl Jobs {
    /// Starts job `id` (a number the window chose); a job of that number still running is
    /// cancelled first.
    pub fn start(&self, id: u32) -> Arc<Job> {
        let job = Arc::new(Job::new());
        if let Some(old) = self.lock().insert(id, job.clone()) {
            old.cancel();
        }
        job
    }

    /// Job `id` is over.
    pub fn finish(&self, id: u32, job: &Arc<Job>) {
        let mut running = self.lock();
        if running.get(&id).is_some_and(|j| Arc::ptr_eq(j, job)) {
            running.remove(&id);
        }
    }

    /// Cancels job `id`; false when no such job runs (it finished already).
    pub fn cancel(&self, id: u32) -> bool {
        self.lock().get(&id).map(|j| j.cancel()).is_some()
    }

    /// Where job `id` stands; a job not running says so.
    pub fn progress(&self, id: u32) -> JobProgress {
        match self.lock().get(&id) {
            Some(job) => {
                let p = job.progress();
                JobProgress { step: p.step, done: p.done, total: p.total, running: true }
            }
            None => JobProgress { step: String::new(), done: 0, total: 0, running: false },
        }
    }

    /// Keeps the last comparison's SQL for "Save SQL…".
    pub fn set_sql(&self, sql: String) {
        *self.last_sql.lock().unwrap_or_else(|e| e.into_inner()) = Some(sql);
    }

    /// The last comparison's SQL.
    pub fn sql(&self) -> Result<String, IpcError> {
        self.last_sql
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
            .ok_or_else(|| IpcError::new(ErrorCode::InvalidRequest, "there is no migration to save: compare first"))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u32, Arc<Job>>> {
        self.running.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Runs `work` (a store future, on a blocking thread) as job `job`, returning as soon as the
/// job is cancelled: the work stops at its next step and its result, if any, is dropped.
pub async fn run_job<F, Fut, T>(job: &Job, work: F) -> Result<T, IpcError>
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = Result<T, relata_workspace::Error>>,
    T: Send + 'static,
{
    let running = crate::blocking::run(work);
    tokio::select! {
        done = running => Ok(done??),
        () = job.cancelled() => Err(IpcError::from(job.check().expect_err("cancelled"))),
    }
}
