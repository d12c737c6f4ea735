// Generated from the Rust types of src-tauri/src by ts-rs in the test
// `ui_ipc_generated_ts_is_up_to_date` (src-tauri/src/tests.rs): do not edit. After changing
// one of the types, run `RELATA_UPDATE_TYPES=1 cargo test -p relata-app ui_ipc_generated`.

// The model's types these name (`ts(type = …)` in the Rust), from the model's own generated file.
import type {
  AvailabilityStatus, Cardinality, ConnectionType, EnforcementMode, IndexMethod, LineageKind, MatchType,
  ReferentialAction, RelationshipType, RowType, SignalRole, TableStatus,
} from "./model.generated";

export type ErrorCode = "NotFound" | "InvalidWorkspace" | "Io" | "Database" | "NoWorkspace" | "UnknownEntry" | "EditRefused" | "InvalidRequest" | "UnsavedChanges" | "Connect" | "InvalidRegistry";

export type IpcError = { 
/**
 * The case, for the UI to switch on.
 */
code: ErrorCode, 
/**
 * What happened, naming the path concerned.
 */
message: string, };

export type EditState = { 
/**
 * What the command just did ("Rename table …"), when it did something.
 */
done: string | null, 
/**
 * Increases with every change; the window refetches what it shows when it moves.
 */
revision: number, 
/**
 * Changes since the last save (or load).
 */
dirty: boolean, 
/**
 * "Undo rename table …", when there is something to undo.
 */
undo: string | null, 
/**
 * "Redo …", when there is something to redo.
 */
redo: string | null, 
/**
 * Diagnostics of severity error now.
 */
error_count: number, 
/**
 * Diagnostics of severity warning now.
 */
warning_count: number, };

export type RecoveryOffer = { 
/**
 * When the changes were written, seconds since the Unix epoch.
 */
written_at: number, };

export type ThemeChoice = "system" | "light" | "dark";

export type RecentWorkspace = { 
/**
 * The folder or `.relata` file.
 */
path: string, 
/**
 * Whether it is still there; missing ones are shown disabled, with a way to remove them.
 */
exists: boolean, };

export type SettingsView = { 
/**
 * The theme override.
 */
theme: ThemeChoice, 
/**
 * Recent workspaces, most recent first.
 */
recent: Array<RecentWorkspace>, };

export type Connection = { 
/**
 * A `postgres://user@host:port/db` URL; empty or absent: the workspace's last database,
 * else the environment's (`DATABASE_URL`, `PG*`, `~/.pgpass`).
 */
url: string | null, 
/**
 * A password typed into the dialog; empty or absent: the URL's, `PGPASSWORD` or
 * `~/.pgpass`. Used to connect, never written anywhere.
 */
password: string | null, };

export type SyncTarget = { 
/**
 * The database the workspace last synced with (without password), if any.
 */
last_url: string | null, 
/**
 * The database the environment names (without password), used when nothing else is.
 */
environment_url: string | null, 
/**
 * Whether the workspace has unsaved changes (sync reads and writes the saved workspace).
 */
dirty: boolean, };

export type ResolveChoice = "report" | "workspace" | "database";

export type Direction = "pull" | "push";

export type SyncOutcome = { 
/**
 * Pull or push.
 */
direction: Direction, 
/**
 * The database, without password.
 */
database: string, 
/**
 * Entries added (pull: to the workspace; push: inserted into the database), by name.
 */
added: Array<string>, 
/**
 * Entries updated on the other side, by name.
 */
updated: Array<string>, 
/**
 * Entries removed (pull) or deleted in the database (push), by name.
 */
removed: Array<string>, 
/**
 * Push: entries the database already held as the workspace does.
 */
agreed: number, 
/**
 * Pull: conflicts settled by the resolution asked for, by name.
 */
resolved: Array<string>, 
/**
 * Pull: rows edited only in the workspace, waiting for a push.
 */
local_changes: number, 
/**
 * Rows changed differently on both sides: neither version was overwritten.
 */
conflicts: Array<SyncConflict>, };

export type SyncConflict = { 
/**
 * The registry table: `table_overview`, `signal_registry` or `relationship_registry`.
 */
registry: string, 
/**
 * The entry: `schema.table`, `schema.table.column` or the relationship_key.
 */
name: string, 
/**
 * What the workspace did to it: `added`, `edited` or `deleted`.
 */
workspace: string, 
/**
 * What the database did to it since the last sync.
 */
database: string, 
/**
 * The fields that differ, both versions.
 */
fields: Array<ConflictField>, };

export type ConflictField = { 
/**
 * The registry column.
 */
column: string, 
/**
 * The workspace's value (`null`: NULL, or the row is deleted there).
 */
workspace: string | null, 
/**
 * The database's value.
 */
database: string | null, };

export type ImportFormat = "dbml" | "mermaid" | "sql";

export type ImportPreview = { 
/**
 * The file read.
 */
file: string, 
/**
 * Its format.
 */
format: ImportFormat, 
/**
 * What the importer reported, located in the file. With an error, nothing can be applied.
 */
diagnostics: Array<ImportDiagnostic>, 
/**
 * Additions and changes, in registry order (entries only the workspace has are counted
 * in `kept`, not listed).
 */
changes: Array<EntryChange>, 
/**
 * Entries only the workspace has; they are kept.
 */
kept: number, 
/**
 * Whether Apply would change the workspace: no errors and something to add or change.
 */
applicable: boolean, };

export type ImportDiagnostic = { 
/**
 * Stable code (`D1xx` DBML, `M1xx` Mermaid, `S1xx` SQL).
 */
code: string, 
/**
 * `error`, `warning` or `info`.
 */
severity: string, 
/**
 * What is wrong.
 */
message: string, 
/**
 * The file, line and column (1-based), when the diagnostic points into the file.
 */
file: string | null, 
/**
 * 1-based line.
 */
line: number | null, 
/**
 * 1-based column.
 */
column: number | null, };

export type EntryChange = { 
/**
 * `table`, `column`, `relationship`, `module` or `enum`.
 */
kind: string, 
/**
 * `schema.table`, `schema.table.column`, a relationship's key, a module's name.
 */
name: string, 
/**
 * True for a new entry; false for one whose `fields` change.
 */
added: boolean, 
/**
 * The fields that change, with the workspace's and the import's values.
 */
fields: Array<FieldChange>, };

export type FieldChange = { 
/**
 * The registry column (`data_type`), or `indexes` / `unique_constraints` / `values`.
 */
field: string, 
/**
 * The workspace's value (`null`: none).
 */
from: string | null, 
/**
 * The import's value.
 */
to: string | null, };

export type Vocabularies = { 
/**
 * `Table::status`.
 */
status: Array<TableStatus>, 
/**
 * `Signal::role`.
 */
role: Array<SignalRole>, 
/**
 * `Signal::row_type`.
 */
row_type: Array<RowType>, 
/**
 * `Signal::connection`.
 */
connection: Array<ConnectionType>, 
/**
 * `Relationship::availability`.
 */
availability: Array<AvailabilityStatus>, 
/**
 * `Relationship::relationship_type`.
 */
relationship_type: Array<RelationshipType>, 
/**
 * `Relationship::enforcement`.
 */
enforcement: Array<EnforcementMode>, 
/**
 * `Relationship::cardinality`.
 */
cardinality: Array<Cardinality>, 
/**
 * `Relationship::match_type`.
 */
match_type: Array<MatchType>, 
/**
 * `Relationship::on_delete` and `on_update`.
 */
action: Array<ReferentialAction>, 
/**
 * `Index::method` and `Relationship::child_index_method`.
 */
index_method: Array<IndexMethod>, 
/**
 * `Relationship::lineage`.
 */
lineage: Array<LineageKind>, };
