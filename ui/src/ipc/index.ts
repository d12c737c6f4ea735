// The window's only door to the Rust shell: every IPC command is wrapped here, with its
// argument and result types. The names come from src-tauri/commands.txt (commands.generated.ts),
// so a name the shell does not answer does not type-check.

import { invoke as tauriInvoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { CommandName } from "./commands.generated";
import type { Edit, Signal, TableRef } from "./model";
import type {
  ChangesRequest, ChangesView, DocsRequest, DocsWritten, JobProgress, Connection, Diagram, DiskChoice, DiskConflict, DiskNews, DiskReview, EditState, ErrorCode, ExportRequest, Finding, ImportFormat, ImportPreview, IpcError, RecoveryOffer, ResolveChoice,
  PartialEditProposal, RelationshipProposal, RulePresets, SearchIndex, SettingsView, SyncOutcome, SyncTarget, TableDetail, TablesCopy, TablesPaste, ThemeChoice, LineEnd, Vocabularies, WorkspaceOverview,
} from "./types";

export type * from "./types";
export type * from "./model";
export { now } from "./model";

/** Normalises any rejection into `{ code, message }`. */
export function toIpcError(error: unknown): IpcError {
  if (error !== null && typeof error === "object" && "code" in error && typeof error.code === "string") {
    const message = "message" in error ? String(error.message ?? "") : "";
    return { code: error.code as ErrorCode, message };
  }
  return { code: "Ipc", message: String(error) };
}

async function invoke<T>(command: CommandName, args?: Record<string, unknown>): Promise<T> {
  try {
    return await tauriInvoke<T>(command, args);
  } catch (error) {
    throw toIpcError(error);
  }
}

/** Opens a registry folder or `.relata` file and makes it the open workspace. */
export function openWorkspace(path: string): Promise<WorkspaceOverview> {
  return invoke("open_workspace", { path });
}

/** Creates an empty workspace at `path` (a folder, or a `.relata` file) and opens it; refused
 *  (`AlreadyExists`) where something already is. */
export function newWorkspace(path: string): Promise<WorkspaceOverview> {
  return invoke("new_workspace", { path });
}

/** The overview of the open workspace. */
export function workspaceOverview(): Promise<WorkspaceOverview> {
  return invoke("workspace_overview");
}

/** Every finding of the open workspace, errors first. */
export function workspaceDiagnostics(): Promise<Finding[]> {
  return invoke("workspace_diagnostics");
}

/** What the inspector shows of table `schema`.`name`. */
export function tableDetail(schema: string, name: string): Promise<TableDetail> {
  return invoke("table_detail", { schema, name });
}

/** What the command palette can jump to in the open workspace. */
export function searchIndex(): Promise<SearchIndex> {
  return invoke("search_index");
}

/** The relationship "+ Relationship to…" adds from `child` to `parent`: one edit that reuses or
 *  adds the child's columns and keys it as the rules want; the window applies it. */
export function proposeRelationship(child: TableRef, parent: TableRef): Promise<RelationshipProposal> {
  return invoke("propose_relationship", { child, parent });
}

/** The relationship a drag on the canvas draws from `childColumn` of `child` to `parentColumn`
 *  of `parent` (dropped on its row) or, with `null`, to `parent`'s primary key (dropped on its
 *  header), with the findings the rules would have on it; the window applies it on the drop. */
export function proposeDrop(child: TableRef, childColumn: string, parent: TableRef, parentColumn: string | null): Promise<RelationshipProposal> {
  return invoke("propose_drop", { child, childColumn, parent, parentColumn });
}

/** A relationship's `end` dragged by its handle from `fromColumn` onto `toColumn` of `to`: the
 *  relationship re-pointed (one edit) with the findings the rules would have on it; the window
 *  applies it on the drop. */
export function repointRelationship(relationship: string, end: LineEnd, fromColumn: string, to: TableRef, toColumn: string): Promise<RelationshipProposal> {
  return invoke("repoint_relationship", { relationship, end, fromColumn, to, toColumn });
}

// Copy and paste of tables on the canvas.

/** The clipboard's content for a copy of `tables` (drawn at `places`, parallel to them): the
 *  Relata payload, their DBML, and what came along or was left behind. */
export function copyTables(tables: TableRef[], places: [number, number][]): Promise<TablesCopy> {
  return invoke("copy_tables", { tables, places });
}

/** The one edit that pastes a copy's `payload` into the open workspace, pinned around diagram
 *  point `at` (null: the layout places it); the window applies it. */
export function pasteTables(payload: string, at: [number, number] | null): Promise<TablesPaste> {
  return invoke("paste_tables", { payload, at });
}

/** The edit that gives `column` of `table`, which a DBML partial brings, what `signal` says, in
 *  every table using the partial (one undo step); the window applies it. */
export function partialEdit(table: TableRef, column: string, signal: Signal): Promise<PartialEditProposal> {
  return invoke("partial_edit", { table, column, signal });
}

/** Applies one edit; edits with the same `coalesce` key in a row make one undo step. */
export function applyEdit(edit: Edit, coalesce?: string): Promise<EditState> {
  return invoke("apply_edit", { edit, coalesce: coalesce ?? null });
}

/** Undoes the last edit. */
export function undo(): Promise<EditState> {
  return invoke("undo");
}

/** Redoes the last undone edit. */
export function redo(): Promise<EditState> {
  return invoke("redo");
}

/** Where the edit history stands. */
export function editState(): Promise<EditState> {
  return invoke("edit_state");
}

/** Saves the open workspace where it was opened from, atomically. */
export function saveWorkspace(): Promise<EditState> {
  return invoke("save_workspace");
}

/** The controlled vocabularies, for the forms' selects. */
export function vocabularies(): Promise<Vocabularies> {
  return invoke("vocabularies");
}

/** The export of the open workspace as text (the export dialog's preview). */
export function exportText(request: ExportRequest): Promise<string> {
  return invoke("export_text", { request });
}

/** The findings that would make this export fail in the tool that reads it (for SQL,
 *  PostgreSQL); the export dialog lists them and asks before it writes. */
export function exportBreaking(request: ExportRequest): Promise<Finding[]> {
  return invoke("export_breaking", { request });
}

/** Writes the export to `path` atomically; resolves to the bytes written. */
export function exportToFile(path: string, request: ExportRequest): Promise<number> {
  return invoke("export_to_file", { path, request });
}

/** The conflicts between the window's edits and the changes made on disk that the last save
 *  met (it wrote nothing); empty when no save waits for choices. */
export function diskMerge(): Promise<DiskConflict[]> {
  return invoke("disk_merge");
}

/** Settles the waiting merge with changes on disk, one choice per conflicting field; the
 *  window's content becomes the merge (one undo step) and the next save writes it. */
export function resolveDiskMerge(choices: DiskChoice[]): Promise<EditState> {
  return invoke("resolve_disk_merge", { choices });
}

/** Merges what changed on disk into the window's unsaved content (the banner's Review): taken
 *  as one undo step when nothing conflicts, else the conflicts to choose from. */
export function reviewDiskChanges(): Promise<DiskReview> {
  return invoke("review_disk_changes");
}

/** Calls `handle` whenever the shell noticed a change to the open workspace's files. */
export function onDiskChanged(handle: (news: DiskNews) => void): Promise<UnlistenFn> {
  return listen<DiskNews>("disk-changed", (event) => handle(event.payload));
}

/** Saves the open workspace to `path` (a folder, or a `.relata` file), which becomes its home. */
export function saveWorkspaceAs(path: string): Promise<EditState> {
  return invoke("save_workspace_as", { path });
}

/** Unsaved changes of the open workspace left by a session that ended without saving. */
export function recoveryOffer(): Promise<RecoveryOffer | null> {
  return invoke("recovery_offer");
}

/** Replaces the workspace's content with its recovered unsaved changes. */
export function restoreRecovery(): Promise<EditState> {
  return invoke("restore_recovery");
}

/** Deletes the recovered changes. */
export function discardRecovery(): Promise<void> {
  return invoke("discard_recovery");
}

/** The open workspace (or some modules) laid out, as an update of the last layout (an edit
 * moves only what it changed) or, with `fresh`, from scratch (Re-layout); with `only`, just
 * those tables, laid out afresh for the focus view. */
export function diagram(modules: string[], only: TableRef[] | null = null, fresh = false): Promise<Diagram> {
  return invoke("diagram", { modules, only, fresh });
}

/** The built-in rule presets and the one in use. */
export function rulePresets(): Promise<RulePresets> {
  return invoke("rule_presets");
}

/** Checks the open workspace with the built-in preset `name` from now on. */
export function setRulePreset(name: string): Promise<EditState> {
  return invoke("set_rule_preset", { name });
}

/** The theme override and the recent workspaces (each checked on disk). */
export function settings(): Promise<SettingsView> {
  return invoke("settings");
}

/** Sets and remembers the theme override. */
export function setTheme(theme: ThemeChoice): Promise<SettingsView> {
  return invoke("set_theme", { theme });
}

/** Removes a workspace from "Open recent". */
export function forgetRecent(path: string): Promise<SettingsView> {
  return invoke("forget_recent", { path });
}

/** What the sync dialog offers: the workspace's last database, the environment's, unsaved changes. */
export function syncTarget(): Promise<SyncTarget> {
  return invoke("sync_target");
}

/** Pulls the shared database into the saved workspace, then reloads it. */
export function syncPull(connection: Connection, resolve: ResolveChoice): Promise<SyncOutcome> {
  return invoke("sync_pull", { connection, resolve });
}

/** Pushes the saved workspace's changes to the shared database, then reloads it. */
export function syncPush(connection: Connection): Promise<SyncOutcome> {
  return invoke("sync_push", { connection });
}

/** Previews merging a DBML, Mermaid or SQL file into the open workspace (`format` null: from its extension). */
export function importPreview(path: string, format: ImportFormat | null): Promise<ImportPreview> {
  return invoke("import_preview", { path, format });
}

/** Applies the import last previewed as one undoable edit. */
export function importApply(): Promise<EditState> {
  return invoke("import_apply");
}

/** Compares the open workspace with its last save, a file, a git revision or a database, as
 *  background job `job` (see `jobProgress`, `cancelJob`); a cancel rejects with `Cancelled`. */
export function compareChanges(job: number, request: ChangesRequest): Promise<ChangesView> {
  return invoke("compare_changes", { job, request });
}

/** Writes the last comparison's migration SQL to `path`, atomically; resolves to its bytes. */
export function saveMigration(path: string): Promise<number> {
  return invoke("save_migration", { path });
}

/** Writes the open workspace's documentation into a folder, as background job `job`. */
export function writeDocs(job: number, request: DocsRequest): Promise<DocsWritten> {
  return invoke("write_docs", { job, request });
}

/** Where background job `job` stands. */
export function jobProgress(job: number): Promise<JobProgress> {
  return invoke("job_progress", { job });
}

/** Cancels background job `job`; false when it had finished. */
export function cancelJob(job: number): Promise<boolean> {
  return invoke("cancel_job", { job });
}
