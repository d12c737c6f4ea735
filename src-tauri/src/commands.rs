//! The IPC commands. Each converts its input, calls one function, converts back. Every name
//! here is listed once, in `src-tauri/commands.txt`, from which the build grants it and hands it
//! to the window; `ui/src/ipc/index.ts` wraps it with its argument and result types.

use std::path::PathBuf;

use tauri::State;

use relata_sync::three_way::{Choice, ConflictKind, MergeConflict, Side};
use relata_sync::{RegistryTable, RowKey};
use relata_model::edit::Edit;
use relata_model::{Signal, TableRef};
use serde::{Deserialize, Serialize};

use crate::changes::{run_job, ChangesRequest, ChangesView, DocsRequest, DocsWritten, JobProgress, Jobs};
use crate::detail::{self, Finding, PartialEditProposal, SearchIndex, TableDetail};
use crate::error::{ErrorCode, IpcError};
use crate::export::{self, ExportRequest};
use crate::import::{ImportFormat, ImportPreview};
use crate::recovery::RecoveryOffer;
use crate::relate::RelationshipProposal;
use crate::settings::{SettingsFile, SettingsView, ThemeChoice};
use crate::overview::WorkspaceOverview;
use crate::state::{AppState, EditState, Session, Workspace, WorkspaceViews};
use crate::sync::{self, Connection, ResolveChoice, SyncOutcome, SyncTarget};

/// Opens the registry folder or `.relata` file at `path`, makes it the open workspace and
/// returns its overview. On failure the previously open workspace stays open.
#[tauri::command]
pub async fn open_workspace(
    path: PathBuf,
    state: State<'_, AppState>,
    settings: State<'_, SettingsFile>,
) -> Result<WorkspaceOverview, IpcError> {
    open_into(&path, &state, &settings).await
}

/// Opens the workspace at `path` as the open one, remembered in "Open recent".
async fn open_into(path: &std::path::Path, state: &AppState, settings: &SettingsFile) -> Result<WorkspaceOverview, IpcError> {
    let workspace = crate::state::open(path).await?;
    Ok(opened(workspace, state, settings))
}

/// Makes `workspace` the open one, remembered in "Open recent"; returns its overview.
fn opened(workspace: Workspace, state: &AppState, settings: &SettingsFile) -> WorkspaceOverview {
    let overview = workspace.overview();
    remember(settings, workspace.path());
    state.set(Session::Open(workspace));
    overview
}

/// Creates an empty workspace at `path` (a registry folder, or a `.relata` file), refusing a
/// path that already holds anything, and opens it. On failure the open workspace stays open.
#[tauri::command]
pub async fn new_workspace(
    path: PathBuf,
    state: State<'_, AppState>,
    settings: State<'_, SettingsFile>,
) -> Result<WorkspaceOverview, IpcError> {
    let path = crate::state::absolute(&path)?;
    let created = crate::blocking::run(move || async move { relata_workspace::Workspace::create(&path).await }).await??;
    Ok(opened(created, &state, &settings))
}

/// Puts `workspace` first in "Open recent". A settings file that cannot be written costs the
/// list, not the open or the save.
fn remember(settings: &SettingsFile, workspace: &std::path::Path) {
    if let Err(error) = settings.update(|s| s.remember(workspace)) {
        tracing::warn!("could not write the settings file: {error}");
    }
}

/// The theme and the recent workspaces (each checked on disk).
#[tauri::command]
pub fn settings(settings: State<'_, SettingsFile>) -> SettingsView {
    settings.view()
}

/// Sets the theme override and remembers it.
#[tauri::command]
pub fn set_theme(theme: ThemeChoice, settings: State<'_, SettingsFile>) -> Result<SettingsView, IpcError> {
    settings.update(|s| s.theme = theme)
}

/// Removes `path` from the recent workspaces.
#[tauri::command]
pub fn forget_recent(path: PathBuf, settings: State<'_, SettingsFile>) -> Result<SettingsView, IpcError> {
    settings.update(|s| {
        s.forget(&path);
    })
}

/// The overview of the open workspace; the startup error when the first open failed.
#[tauri::command]
pub fn workspace_overview(state: State<'_, AppState>) -> Result<WorkspaceOverview, IpcError> {
    state.overview()
}

/// Every finding of the open workspace (loading, then the rules), errors first.
#[tauri::command]
pub fn workspace_diagnostics(state: State<'_, AppState>) -> Result<Vec<Finding>, IpcError> {
    state.with_workspace(|w| detail::findings(w.registry(), w.findings()))
}

/// The inspector's view of table `schema`.`name` of the open workspace.
#[tauri::command]
pub fn table_detail(schema: String, name: String, state: State<'_, AppState>) -> Result<TableDetail, IpcError> {
    let table = TableRef::new(schema, name);
    state
        .with_workspace(|w| detail::table_detail(w.registry(), w.findings(), &table))?
        .ok_or_else(|| IpcError::unknown_table(&table))
}

/// What the command palette can jump to in the open workspace.
#[tauri::command]
pub fn search_index(state: State<'_, AppState>) -> Result<SearchIndex, IpcError> {
    state.with_workspace(|w| detail::search_index(w.registry()))
}

/// Applies one edit of a form to the open workspace; consecutive edits with the same
/// `coalesce` key (keystrokes in one field) make one undo step. Refused edits change nothing.
#[tauri::command]
pub fn apply_edit(edit: Edit, coalesce: Option<String>, state: State<'_, AppState>) -> Result<EditState, IpcError> {
    changed(&state, state.with_workspace_mut(|w| {
        let done = w.apply(edit, coalesce.as_deref())?;
        Ok(w.state(Some(done)))
    }))
}

/// The edit that changes `column` of `table`, which a DBML partial brings, as `signal` says,
/// in every table using the partial (`detail::partial_edit`); the window applies it.
#[tauri::command]
pub fn partial_edit(table: TableRef, column: String, signal: Signal, state: State<'_, AppState>) -> Result<PartialEditProposal, IpcError> {
    state.with_workspace(|w| detail::partial_edit(w.registry(), &table, &column, &signal))?.ok_or_else(|| {
        IpcError::new(ErrorCode::InvalidRequest, format!("column {}.{}.{column} is not brought by a DBML partial", table.schema, table.table))
    })
}

/// The relationship "+ Relationship to…" adds from `child` to `parent`, as one edit the window
/// then applies (`Workspace::propose_relationship`): child columns reused or added, the rule
/// set's key.
#[tauri::command]
pub fn propose_relationship(child: TableRef, parent: TableRef, state: State<'_, AppState>) -> Result<RelationshipProposal, IpcError> {
    Ok(state.with_workspace(|w| w.propose_relationship(&child, &parent))??.into())
}

/// The relationship a drag on the canvas draws from `child_column` of `child` to `parent`'s
/// `parent_column` (dropped on its row) or its primary key (dropped on its header), with the
/// findings the rules would have on it, as one edit the window applies on the drop
/// (`Workspace::propose_drop`). Asked again as the pointer moves over targets.
#[tauri::command]
pub fn propose_drop(
    child: TableRef,
    child_column: String,
    parent: TableRef,
    parent_column: Option<String>,
    state: State<'_, AppState>,
) -> Result<RelationshipProposal, IpcError> {
    Ok(state.with_workspace(|w| w.propose_drop(&child, &child_column, &parent, parent_column.as_deref()))??.into())
}

/// A relationship's `end` dragged by its handle from `from_column` onto `to_column` of `to`:
/// the relationship re-pointed as one edit the window applies on the drop, with the findings the
/// rules would have on it (`Workspace::repoint_relationship`). Asked again as the pointer moves.
#[tauri::command]
pub fn repoint_relationship(
    relationship: relata_model::RelationshipId,
    end: crate::relate::LineEnd,
    from_column: String,
    to: TableRef,
    to_column: String,
    state: State<'_, AppState>,
) -> Result<RelationshipProposal, IpcError> {
    Ok(state.with_workspace(|w| w.repoint_relationship(relationship, end.into(), &from_column, &to, &to_column))??.into())
}

/// Tells crash recovery that the workspace changed, passing the result through.
fn changed(state: &AppState, result: Result<EditState, IpcError>) -> Result<EditState, IpcError> {
    if let (Ok(edit_state), Some(recovery)) = (&result, state.recovery()) {
        recovery.changed(edit_state.revision);
    }
    result
}

/// Undoes the last edit.
#[tauri::command]
pub fn undo(state: State<'_, AppState>) -> Result<EditState, IpcError> {
    changed(&state, state.with_workspace_mut(|w| {
        let done = w.undo()?;
        Ok(w.state(done))
    }))
}

/// Redoes the last undone edit.
#[tauri::command]
pub fn redo(state: State<'_, AppState>) -> Result<EditState, IpcError> {
    changed(&state, state.with_workspace_mut(|w| {
        let done = w.redo()?;
        Ok(w.state(done))
    }))
}

/// Where the edit history of the open workspace stands.
#[tauri::command]
pub fn edit_state(state: State<'_, AppState>) -> Result<EditState, IpcError> {
    state.with_workspace(|w| w.state(None))
}

/// Saves the open workspace to where it was opened from, atomically (the store writes a new
/// file or folder and swaps it in). Edits made while saving keep the workspace dirty.
///
/// Nothing changed on disk since the load or last save is overwritten: when the files changed
/// (`git pull`, a spreadsheet, another window), the save merges three ways and writes the
/// merge, which the window takes as one undoable edit; when both sides changed one field, it
/// writes nothing and fails with `ChangedOnDisk`, and `disk_merge` lists the conflicts.
#[tauri::command]
pub async fn save_workspace(state: State<'_, AppState>) -> Result<EditState, IpcError> {
    let (path, job) = state.with_workspace(|w| (w.path().to_owned(), w.save_job()))?;
    let outcome = crate::blocking::run(move || job.run()).await??;
    let saved = state.with_workspace_mut(|w| {
        let done = w.record_save(outcome)?;
        Ok(w.state(Some(done)))
    })?;
    if let (false, Some(recovery)) = (saved.dirty, state.recovery()) {
        recovery.discard(&path);
    }
    Ok(saved)
}

/// The conflicts between the window's edits and the changes made on disk that the last save
/// met, field by field with the three versions; empty when no save is waiting for choices.
#[tauri::command]
pub fn disk_merge(state: State<'_, AppState>) -> Result<Vec<DiskConflict>, IpcError> {
    state.with_workspace(|w| w.disk_conflicts().map(|c| c.iter().map(DiskConflict::from).collect()).unwrap_or_default())
}

/// Settles the waiting merge with changes on disk: for each conflicting field (or whole
/// entry), the version the user chose. The window's content becomes the merge as one undoable
/// edit; the next save writes it.
#[tauri::command]
pub fn resolve_disk_merge(choices: Vec<DiskChoice>, state: State<'_, AppState>) -> Result<EditState, IpcError> {
    let choices: Vec<Choice> = choices.into_iter().map(DiskChoice::into_choice).collect::<Result<_, _>>()?;
    state.with_workspace_mut(|w| {
        let done = w.resolve_disk_merge(&choices)?;
        Ok(w.state(Some(done)))
    })
}

/// Merges what changed on disk into the window's unsaved content (the banner's Review): as one
/// undoable edit when nothing conflicts; otherwise nothing changes and the conflicts are
/// returned for the merge view (then `resolve_disk_merge`). Files that no longer load are an
/// error naming their problems, and the window keeps its content.
#[tauri::command]
pub async fn review_disk_changes(state: State<'_, AppState>) -> Result<DiskReview, IpcError> {
    let path = state.with_workspace(|w| w.path().to_owned())?;
    let (files, theirs) = crate::blocking::run(move || async move { relata_workspace::read_disk(&path).await }).await??;
    let (edit_state, conflicts) = state.with_workspace_mut(|w| {
        let (done, conflicts) = w.review_disk(files, theirs)?;
        Ok((w.state(done), conflicts))
    })?;
    Ok(DiskReview { state: edit_state, conflicts: conflicts.iter().map(DiskConflict::from).collect() })
}

/// What Review did: where the history stands, and the conflicts left to choose (none when the
/// merge was taken).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DiskReview {
    /// Where the history stands.
    pub state: EditState,
    /// The conflicts to choose from; empty when the merge was taken.
    pub conflicts: Vec<DiskConflict>,
}

/// One entry changed differently in the window and on disk, as the merge view shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DiskConflict {
    /// The registry table (`table_overview`, `signal_registry`, `relationship_registry`,
    /// `relata_extras`).
    pub table: String,
    /// The row's id.
    pub id: String,
    /// What people call the entry.
    pub name: String,
    /// `fields`, `deleted_here` or `deleted_on_disk`.
    pub kind: String,
    /// The fields with their versions as loaded, here and on disk (`null`: empty, or deleted).
    pub fields: Vec<DiskField>,
}

/// One field's three versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DiskField {
    /// The registry column, or the top-level field of Relata's own data.
    pub field: String,
    /// As loaded.
    pub base: Option<String>,
    /// In the window.
    pub ours: Option<String>,
    /// On disk now.
    pub theirs: Option<String>,
}

impl From<&MergeConflict> for DiskConflict {
    fn from(c: &MergeConflict) -> Self {
        let kind = match c.kind {
            ConflictKind::Fields => "fields",
            ConflictKind::DeletedByUs => "deleted_here",
            ConflictKind::DeletedByThem => "deleted_on_disk",
        };
        Self {
            table: c.key.table.as_str().to_owned(),
            id: c.key.id.to_string(),
            name: c.name.clone(),
            kind: kind.to_owned(),
            fields: c.fields.iter().map(|f| DiskField { field: f.field.clone(), base: f.base.clone(), ours: f.ours.clone(), theirs: f.theirs.clone() }).collect(),
        }
    }
}

/// The user's choice for one conflicting field (`field` absent: a whole entry deleted on one
/// side): `side` is `here` or `disk`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DiskChoice {
    /// The registry table, as [`DiskConflict::table`].
    pub table: String,
    /// The row's id.
    pub id: String,
    /// The field; absent for a whole entry.
    #[serde(default)]
    pub field: Option<String>,
    /// `here` or `disk`.
    pub side: String,
}

impl DiskChoice {
    fn into_choice(self) -> Result<Choice, IpcError> {
        let bad = |what: String| IpcError::new(ErrorCode::InvalidRequest, what);
        let table = RegistryTable::ALL.into_iter().find(|t| t.as_str() == self.table).ok_or_else(|| bad(format!("no registry table `{}`", self.table)))?;
        // Every registry row id is a UUID; TableId's parser reads any of them.
        let id = relata_model::TableId::parse(&self.id).map_err(|e| bad(format!("`{}` is not a row id: {e}", self.id)))?.0;
        let side = match self.side.as_str() {
            "here" => Side::Ours,
            "disk" => Side::Theirs,
            other => return Err(bad(format!("`{other}` is not a side: say `here` or `disk`"))),
        };
        Ok(Choice { key: RowKey { table, id }, field: self.field, side })
    }
}

/// Saves the open workspace to `path` (a folder, or a `.relata` file), which becomes where
/// the workspace lives. The old location keeps what it held.
#[tauri::command]
pub async fn save_workspace_as(
    path: PathBuf,
    state: State<'_, AppState>,
    settings: State<'_, SettingsFile>,
) -> Result<EditState, IpcError> {
    let path = crate::state::absolute(&path)?;
    let (old, job) = state.with_workspace(|w| (w.path().to_owned(), w.save_as_job(&path)))?;
    let job = crate::blocking::run(move || job.run()).await??;
    remember(&settings, job.path());
    let saved = state.with_workspace_mut(|w| {
        let done = w.record_save_as(job);
        Ok(w.state(Some(done)))
    })?;
    if let (false, Some(recovery)) = (saved.dirty, state.recovery()) {
        recovery.discard(&old);
    }
    Ok(saved)
}

/// Unsaved changes of the open workspace left by a session that ended without saving, if any.
#[tauri::command]
pub fn recovery_offer(state: State<'_, AppState>) -> Result<Option<RecoveryOffer>, IpcError> {
    let path = state.with_workspace(|w| w.path().to_owned())?;
    Ok(state.recovery().and_then(|r| r.read(&path)).map(|r| RecoveryOffer { written_at: r.written_at }))
}

/// Replaces the open workspace's content with its recovered unsaved changes (unsaved until
/// saved; the recovery file stays until then).
#[tauri::command]
pub fn restore_recovery(state: State<'_, AppState>) -> Result<EditState, IpcError> {
    let path = state.with_workspace(|w| w.path().to_owned())?;
    let recovered = state
        .recovery()
        .and_then(|r| r.read(&path))
        .ok_or_else(|| IpcError::new(crate::error::ErrorCode::NotFound, format!("no unsaved changes of {} to restore", path.display())))?;
    state.with_workspace_mut(|w| {
        let done = w.restore(recovered.registry);
        Ok(w.state(Some(done)))
    })
}

/// Deletes the open workspace's recovered changes.
#[tauri::command]
pub fn discard_recovery(state: State<'_, AppState>) -> Result<(), IpcError> {
    let path = state.with_workspace(|w| w.path().to_owned())?;
    if let Some(recovery) = state.recovery() {
        recovery.discard(&path);
    }
    Ok(())
}

/// The controlled vocabularies, for the forms' selects.
#[tauri::command]
pub fn vocabularies() -> detail::Vocabularies {
    detail::vocabularies()
}

/// The export of the open workspace as text, for the export dialog's preview and copy.
#[tauri::command]
pub fn export_text(request: ExportRequest, state: State<'_, AppState>) -> Result<String, IpcError> {
    state.with_workspace(|w| export::export_text(w, &request))?
}

/// The findings that would make the requested export of the open workspace fail in its
/// consumer; the export dialog lists them and asks before it writes.
#[tauri::command]
pub fn export_breaking(request: ExportRequest, state: State<'_, AppState>) -> Result<Vec<Finding>, IpcError> {
    state.with_workspace(|w| export::export_breaking(w, &request))?
}

/// Writes the export of the open workspace to `path` (chosen in the save dialog), atomically;
/// returns the number of bytes written.
#[tauri::command]
pub fn export_to_file(path: PathBuf, request: ExportRequest, state: State<'_, AppState>) -> Result<usize, IpcError> {
    state.with_workspace(|w| export::export_to_file(w, &request, &path))?
}

/// The open workspace (or `modules` of it) laid out for the diagram view, as an update of the
/// last layout unless `fresh` (Re-layout); with `only`, just those tables, laid out afresh (the
/// focus view).
#[tauri::command]
pub fn diagram(modules: Vec<String>, only: Option<Vec<TableRef>>, fresh: Option<bool>, state: State<'_, AppState>) -> Result<crate::diagram::Diagram, IpcError> {
    match only {
        Some(only) => state.with_workspace(|w| crate::diagram::project(&w.focus_diagram(&modules, &only))),
        None => state.with_workspace_mut(|w| Ok(crate::diagram::project(w.diagram(&modules, fresh.unwrap_or(false))))),
    }
}

/// The built-in rule presets and the one the open workspace is checked with.
#[tauri::command]
pub fn rule_presets(state: State<'_, AppState>) -> Result<RulePresets, IpcError> {
    let current = state.with_workspace(|w| w.preset().to_owned())?;
    Ok(RulePresets { presets: relata_rules::RuleSet::preset_names().to_vec(), current })
}

/// Checks the open workspace with the built-in preset `name` from now on.
#[tauri::command]
pub fn set_rule_preset(name: String, state: State<'_, AppState>) -> Result<EditState, IpcError> {
    state.with_workspace_mut(|w| {
        w.set_preset(&name)?;
        Ok(w.state(Some(format!("Checking with the {name} rules"))))
    })
}

/// The presets the findings panel offers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RulePresets {
    /// Every built-in preset's name.
    pub presets: Vec<&'static str>,
    /// The one in use.
    pub current: String,
}

/// What the sync dialog offers: the database the workspace last synced with, the
/// environment's, and whether there are unsaved changes to save first.
#[tauri::command]
pub async fn sync_target(state: State<'_, AppState>) -> Result<SyncTarget, IpcError> {
    let (path, dirty) = state.with_workspace(|w| (w.path().to_owned(), w.is_dirty()))?;
    Ok(SyncTarget { last_url: sync::last_url(&path).await?, environment_url: sync::environment_url(), dirty })
}

/// Pulls the shared database's registry rows into the saved workspace (conflicts settled as
/// `resolve` says), then reloads the workspace. Refused with unsaved changes.
#[tauri::command]
pub async fn sync_pull(connection: Connection, resolve: ResolveChoice, state: State<'_, AppState>) -> Result<SyncOutcome, IpcError> {
    let path = saved_path(&state)?;
    let database = sync::database(&path, &connection).await?;
    let shown = database.url_without_password();
    let at = path.clone();
    let pulled = crate::blocking::run(move || async move { relata_store::postgres::sync::pull(&at, &database, resolve.into()).await }).await??;
    reload(&state, &path).await?;
    Ok(SyncOutcome::pulled(&pulled, shown))
}

/// Pushes the saved workspace's changes to the shared database in one transaction, then
/// reloads the workspace (it holds the new versions). Refused with unsaved changes.
#[tauri::command]
pub async fn sync_push(connection: Connection, state: State<'_, AppState>) -> Result<SyncOutcome, IpcError> {
    let path = saved_path(&state)?;
    let database = sync::database(&path, &connection).await?;
    let shown = database.url_without_password();
    let at = path.clone();
    let pushed = crate::blocking::run(move || async move { relata_store::postgres::sync::push(&at, &database).await }).await??;
    reload(&state, &path).await?;
    Ok(SyncOutcome::pushed(&pushed, shown))
}

/// The open workspace's path, refused when it has unsaved changes: sync reads and writes the
/// saved workspace.
fn saved_path(state: &AppState) -> Result<PathBuf, IpcError> {
    state.with_workspace(|w| if w.is_dirty() { Err(sync::unsaved()) } else { Ok(w.path().to_owned()) })?
}

/// Loads the workspace at `path` again after sync wrote it, keeping the rule preset (the
/// history starts afresh, as after an open).
async fn reload(state: &AppState, path: &std::path::Path) -> Result<(), IpcError> {
    let preset = state.with_workspace(|w| w.preset().to_owned())?;
    let mut fresh = crate::state::open(path).await?;
    fresh.set_preset(&preset)?;
    state.set(Session::Open(fresh));
    Ok(())
}

/// Reads the DBML, Mermaid or SQL file at `path` (`format`, else from its extension) and
/// previews merging it into the open workspace; nothing changes until [`import_apply`].
#[tauri::command]
pub fn import_preview(path: PathBuf, format: Option<ImportFormat>, state: State<'_, AppState>) -> Result<ImportPreview, IpcError> {
    let file = path.to_string_lossy().into_owned();
    let format = format.or_else(|| ImportFormat::of_file(&file)).ok_or_else(|| {
        IpcError::new(crate::error::ErrorCode::InvalidRequest, format!("say which format {file} is in: DBML (.dbml), Mermaid (.mmd) or SQL (.sql)"))
    })?;
    state.with_workspace_mut(|w| Ok(ImportPreview::new(w.import_preview(&path, format.0)?, format)))
}

/// Applies the import last previewed as one edit (one undo step).
#[tauri::command]
pub fn import_apply(state: State<'_, AppState>) -> Result<EditState, IpcError> {
    changed(&state, state.with_workspace_mut(|w| {
        let done = w.import_apply()?;
        Ok(w.state(Some(done)))
    }))
}

/// Compares the open workspace as it is now with its last save, another workspace, a registry
/// folder at a git revision or a database (`request`), in the background as job `job` (a
/// number the window chose, for [`job_progress`] and [`cancel_job`]). The migration's SQL is
/// kept for [`save_migration`].
#[tauri::command]
pub async fn compare_changes(job: u32, request: ChangesRequest, state: State<'_, AppState>, jobs: State<'_, Jobs>) -> Result<ChangesView, IpcError> {
    let side = request.against.side();
    let (old, new, rules) = state.with_workspace(|w| (w.diff_side(&side), w.diff_side(&relata_workspace::DiffSide::Current), w.rules().clone()))?;
    let new = new.ok_or_else(IpcError::no_workspace)?;
    let options = relata_workspace::MigrationOptions { allow_destructive: request.allow_destructive, ..Default::default() };
    let handle = jobs.start(job);
    let running = handle.clone();
    let result = run_job(&handle, move || async move {
        let old = match old {
            Some(old) => old,
            None => relata_workspace::read_side(&side, &rules, &running).await?,
        };
        relata_workspace::compare(old, new, &rules, &options, &running).await
    })
    .await;
    jobs.finish(job, &handle);
    let compared = result?;
    jobs.set_sql(compared.migration.sql.clone());
    Ok(ChangesView::from(&compared))
}

/// Writes the last comparison's migration SQL to `path` (chosen in the save dialog),
/// atomically; returns the number of bytes written.
#[tauri::command]
pub fn save_migration(path: PathBuf, jobs: State<'_, Jobs>) -> Result<usize, IpcError> {
    let sql = jobs.sql()?;
    relata_store::write_file(&path, sql.as_bytes())?;
    Ok(sql.len())
}

/// Writes the documentation of the open workspace (as it is now) into `request.folder`, in the
/// background as job `job`; a module it does not have is refused before anything is written.
#[tauri::command]
pub async fn write_docs(job: u32, request: DocsRequest, state: State<'_, AppState>, jobs: State<'_, Jobs>) -> Result<DocsWritten, IpcError> {
    let docs = state.with_workspace(|w| w.docs(&request.to_workspace()))??;
    let folder = request.folder.clone();
    let handle = jobs.start(job);
    let running = handle.clone();
    let result = run_job(&handle, move || async move { docs.write(&folder, &running) }).await;
    jobs.finish(job, &handle);
    Ok(result?.into())
}

/// Where background job `job` stands.
#[tauri::command]
pub fn job_progress(job: u32, jobs: State<'_, Jobs>) -> JobProgress {
    jobs.progress(job)
}

/// Cancels background job `job`: its command returns a `Cancelled` error at once and nothing of
/// its work is kept. False when it had finished already.
#[tauri::command]
pub fn cancel_job(job: u32, jobs: State<'_, Jobs>) -> bool {
    jobs.cancel(job)
}

// --- copy and paste of tables (issue 16) ---------------------------------------------------------

/// The clipboard's content for a copy of `tables` (drawn at `places`, parallel to them, when the
/// window says): the Relata payload, their DBML, and what came along or was left behind.
#[tauri::command]
pub fn copy_tables(tables: Vec<TableRef>, places: Vec<(f64, f64)>, state: State<'_, AppState>) -> Result<crate::clipboard::TablesCopy, IpcError> {
    Ok(state.with_workspace(|w| w.copy_tables(&tables, &places))??.into())
}

/// The one edit that pastes a copy's `payload` into the open workspace (new ids, `_copy` on a
/// clash), pinned around diagram point `at` when given; the window applies it.
#[tauri::command]
pub fn paste_tables(payload: String, at: Option<(f64, f64)>, state: State<'_, AppState>) -> Result<crate::clipboard::TablesPaste, IpcError> {
    Ok(state.with_workspace(|w| w.paste_tables(&payload, at))??.into())
}
