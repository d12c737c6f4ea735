// Generated from the Rust types of src-tauri/src by ts-rs in the test
// `ui_ipc_generated_ts_is_up_to_date` (src-tauri/src/tests/generated.rs): do not edit. After changing
// one of the types, run `RELATA_UPDATE_TYPES=1 cargo test -p relata-app ui_ipc_generated`.

// The model's types these name (`ts(type = …)` in the Rust), from the model's own generated file.
import type {
  AvailabilityStatus, Cardinality, ConnectionType, Diagnostic, Edit, EnforcementMode, IndexMethod, LineageKind, Location,
  MatchType, ReferentialAction, Relationship, RelationshipId, RelationshipType, RowType, Severity, Signal, SignalRole,
  Table, TableId, TableRef, TableStatus,
} from "./model.generated";

export type ErrorCode = "NotFound" | "InvalidWorkspace" | "AlreadyExists" | "Io" | "Database" | "NoWorkspace" | "UnknownEntry" | "EditRefused" | "InvalidRequest" | "UnsavedChanges" | "Connect" | "InvalidRegistry" | "ChangedOnDisk" | "Cancelled";

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
 * The table: `table_overview`, `signal_registry`, `relationship_registry` or `relata_extras`.
 */
registry: string, 
/**
 * The entry: `schema.table`, `schema.table.column`, the relationship_key, or `table schema.table`, `module name`, … for Relata's own data.
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

export type DiskConflict = { 
/**
 * The registry table (`table_overview`, `signal_registry`, `relationship_registry`,
 * `relata_extras`).
 */
table: string, 
/**
 * The row's id.
 */
id: string, 
/**
 * What people call the entry.
 */
name: string, 
/**
 * `fields`, `deleted_here` or `deleted_on_disk`.
 */
kind: string, 
/**
 * The fields with their versions as loaded, here and on disk (`null`: empty, or deleted).
 */
fields: Array<DiskField>, };

export type DiskField = { 
/**
 * The registry column, or the top-level field of Relata's own data.
 */
field: string, 
/**
 * As loaded.
 */
base: string | null, 
/**
 * In the window.
 */
ours: string | null, 
/**
 * On disk now.
 */
theirs: string | null, };

export type DiskChoice = { 
/**
 * The registry table, as [`DiskConflict::table`].
 */
table: string, 
/**
 * The row's id.
 */
id: string, 
/**
 * The field; absent for a whole entry.
 */
field: string | null, 
/**
 * `here` or `disk`.
 */
side: string, };

export type DiskReview = { 
/**
 * Where the history stands.
 */
state: EditState, 
/**
 * The conflicts to choose from; empty when the merge was taken.
 */
conflicts: Array<DiskConflict>, };

export type DiskNews = { "kind": "reloaded", 
/**
 * What happened, for a toast.
 */
message: string, } | { "kind": "changed", 
/**
 * What happened, for the banner.
 */
message: string, } | { "kind": "broken", 
/**
 * The loader's located problems.
 */
message: string, };

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

export type RelationshipProposal = { 
/**
 * One batch: the child columns to add (if any), then the relationship.
 */
edit: Edit, 
/**
 * The new relationship's id, whose form the window opens.
 */
relationship: string, 
/**
 * Its key.
 */
key: string, 
/**
 * The child's columns the relationship reuses, in key order.
 */
reused: Array<string>, 
/**
 * The child columns it adds, `name type` each, in key order.
 */
created: Array<string>, 
/**
 * What the rules would say of the new relationship (only its own findings, checked against
 * its two tables): the canvas shows them before the drop.
 */
findings: Array<Diagnostic>, };

export type LineEnd = "child" | "parent";

export type TablesCopy = { 
/**
 * The Relata payload (JSON), under the clipboard's Relata type.
 */
payload: string, 
/**
 * The tables as DBML, the clipboard's plain text.
 */
dbml: string, 
/**
 * How many tables were copied.
 */
tables: number, 
/**
 * How many relationships among them came along.
 */
relationships: number, 
/**
 * How many relationships to tables not copied were left behind.
 */
left_behind: number, };

export type TablesPaste = { 
/**
 * One batch: modules missing, tables, columns, relationships, pins.
 */
edit: Edit, 
/**
 * The new tables, `schema.table`, in the copy's order.
 */
tables: Array<string>, 
/**
 * The tables renamed on a clash: `[copied, pasted]`, each `schema.table`.
 */
renamed: Array<[string, string]>, 
/**
 * How many relationships came along.
 */
relationships: number, 
/**
 * How many relationships to tables not copied the copy left behind.
 */
left_behind: number, };

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

export type WorkspaceOverview = { 
/**
 * The workspace's path: a registry folder or a `.relata` file.
 */
path: string, 
/**
 * One group per module, in the registry's module order.
 */
groups: Array<ModuleGroup>, 
/**
 * Number of `table_overview` rows.
 */
table_count: number, 
/**
 * Number of `relationship_registry` rows.
 */
relationship_count: number, 
/**
 * Diagnostics of severity error found while loading.
 */
error_count: number, 
/**
 * Diagnostics of severity warning found while loading.
 */
warning_count: number, };

export type ModuleGroup = { 
/**
 * `module_name`.
 */
module: string, 
/**
 * The group colour, `#rrggbb`, when the module has one.
 */
color: string | null, 
/**
 * The module's tables, in registry order.
 */
tables: Array<TableSummary>, };

export type TableSummary = { 
/**
 * `schema_name`.
 */
schema: string, 
/**
 * `table_name`.
 */
name: string, 
/**
 * Lifecycle status, e.g. `stable`.
 */
status: TableStatus, 
/**
 * `table_prefix`, e.g. `ref_`, when set.
 */
prefix: string | null, 
/**
 * Number of registered columns (binding signals).
 */
column_count: number, };

export type TableDetail = { 
/**
 * The whole table_overview entry, which the table form edits and sends back.
 */
entry: Table, 
/**
 * `schema_name`.
 */
schema: string, 
/**
 * `table_name`.
 */
name: string, 
/**
 * `table_prefix`, when set.
 */
prefix: string | null, 
/**
 * `module_name`: the table group.
 */
module: string, 
/**
 * Lifecycle status.
 */
status: TableStatus, 
/**
 * `purpose`.
 */
purpose: string | null, 
/**
 * `notes`.
 */
notes: string | null, 
/**
 * Primary key columns in order.
 */
primary_key: Array<string>, 
/**
 * The table's columns (binding signals) in ordinal order.
 */
columns: Array<ColumnDetail>, 
/**
 * Relationships in which the table is the child or the parent (self-references once).
 */
relationships: Array<RelationshipSummary>, 
/**
 * Diagram-only lines at the table (lines of a Mermaid diagram that say no join columns):
 * the form lists them, and deletes one (`Edit::DeleteDiagramLine`) to answer rule R320.
 */
diagram_lines: Array<DiagramLineSummary>, 
/**
 * Findings about the table, its columns or its relationships, each with the relationship
 * it points at (so a relationship form shows its own, whatever its key).
 */
diagnostics: Array<Finding>, 
/**
 * A partitioned table's own partitions (in registry order), each with its bound: the
 * form lists them, and a click opens one.
 */
partitions: Array<PartitionSummary>, };

export type ColumnDetail = { 
/**
 * The whole signal_registry entry, which the column grid edits and sends back.
 */
entry: Signal, 
/**
 * `column_name`.
 */
name: string, 
/**
 * `data_type`, as written.
 */
data_type: string, 
/**
 * `is_nullable`.
 */
nullable: boolean, 
/**
 * `column_default`, as written.
 */
default: string | null, 
/**
 * `signal_role`.
 */
role: SignalRole, 
/**
 * Part of the primary key.
 */
primary_key: boolean, 
/**
 * A child column of some relationship.
 */
foreign_key: boolean, 
/**
 * `semantic_description`.
 */
description: string | null, 
/**
 * The DBML partial that brings the column into the table, when one does.
 */
partial: PartialDetail | null, };

export type PartialDetail = { 
/**
 * The partial's name, without the `~`.
 */
name: string, 
/**
 * How many tables inject it with this column (this one included): what editing the
 * column's type, nullability, default or description changes.
 */
tables: number, 
/**
 * Whether such an edit rewrites the partial; when not, each of those tables defines
 * the column itself from then on, overriding the partial.
 */
rewrites: boolean, };

export type PartialEditProposal = { 
/**
 * One undoable edit: a `put_partial`, or a batch of puts when the partial's text cannot
 * be rewritten.
 */
edit: Edit, 
/**
 * Whether it rewrites the partial (else every table using it overrides it).
 */
rewrites: boolean, };

export type RelationshipSummary = { 
/**
 * The whole relationship_registry entry, which the relationship form edits.
 */
entry: Relationship, 
/**
 * `relationship_key`.
 */
key: string, 
/**
 * `child` when the table holds the referencing columns, `parent` otherwise.
 */
side: RelationshipSide, 
/**
 * The table at the other end, `schema.table`.
 */
other: string, 
/**
 * This table's columns, in order.
 */
columns: Array<string>, 
/**
 * The other table's columns, in order.
 */
other_columns: Array<string>, 
/**
 * `relationship_type`.
 */
relationship_type: RelationshipType, 
/**
 * `cardinality`, when set.
 */
cardinality: Cardinality | null, 
/**
 * `availability_status`.
 */
availability: AvailabilityStatus, };

export type DiagramLineSummary = { 
/**
 * Its position in the workspace's Mermaid lines (what `delete_diagram_line` takes).
 */
position: number, 
/**
 * `child` when the table would hold the join columns (the end R320 points at).
 */
side: RelationshipSide, 
/**
 * The table at the other end, `schema.table`.
 */
other: string, 
/**
 * The line's label (empty when it has none).
 */
label: string, };

export type PartitionSummary = { 
/**
 * The partition's schema.
 */
schema: string, 
/**
 * The partition's name.
 */
table: string, 
/**
 * Its bound as PostgreSQL writes it (`FOR VALUES …` or `DEFAULT`).
 */
bound: string, 
/**
 * Whether it is itself partitioned (its own form lists its partitions).
 */
partitioned: boolean, };

export type RelationshipSide = "child" | "parent";

export type Finding = { 
/**
 * Stable code, e.g. `R101`.
 */
code: string, 
/**
 * How bad it is.
 */
severity: Severity, 
/**
 * Where it points.
 */
location: Location, 
/**
 * What is wrong and, where possible, how to fix it.
 */
message: string, 
/**
 * The table the finding concerns (a relationship's child table), when there is one.
 */
table: TableRef | null, 
/**
 * The relationship a relationship_registry finding points at (by the id in its location),
 * so the window opens its form by id.
 */
relationship: RelationshipId | null, };

export type SearchIndex = { 
/**
 * Every table.
 */
tables: Array<TableEntry>, 
/**
 * Every column of every table.
 */
columns: Array<ColumnEntry>, 
/**
 * Every relationship.
 */
relationships: Array<RelationshipEntry>, };

export type TableEntry = { 
/**
 * `table_id`: finds the table again after a rename.
 */
id: TableId, 
/**
 * `schema_name`.
 */
schema: string, 
/**
 * `table_name`.
 */
name: string, 
/**
 * `module_name`.
 */
module: string, };

export type ColumnEntry = { 
/**
 * The column's table.
 */
table: TableRef, 
/**
 * `column_name`.
 */
column: string, 
/**
 * `data_type`.
 */
data_type: string, };

export type RelationshipEntry = { 
/**
 * `relationship_id`: finds the relationship again after its key or ends change.
 */
id: RelationshipId, 
/**
 * `relationship_key`.
 */
key: string, 
/**
 * The child table.
 */
child: TableRef, 
/**
 * The parent table.
 */
parent: TableRef, };

export type RulePresets = { 
/**
 * Every built-in preset's name.
 */
presets: Array<string>, 
/**
 * The one in use.
 */
current: string, };

export type ExportRequest = { 
/**
 * `dbml`, `mermaid`, `sql` or `registry-sql` (`ExportFormat::name`), or a picture of the
 * diagram, `svg` or `png` ([`PICTURES`]); the window's `ExportFormat` is the union of
 * those names, generated from `ExportFormat::ALL` and `PICTURES`.
 */
format: ExportFormat, 
/**
 * Only these modules; empty: all.
 */
modules: Array<string>, 
/**
 * Only tables with these statuses; empty: all.
 */
statuses: Array<string>, 
/**
 * Also relationships that are not active.
 */
include_inactive: boolean, 
/**
 * SQL: leave out the kept `ALTER … OWNER TO` statements (`pg_dump --no-owner`).
 */
no_owner?: boolean, 
/**
 * SQL: leave out the kept grants and revokes (`pg_dump --no-privileges`).
 */
no_privileges?: boolean, };

export type Diagram = { 
/**
 * Drawn tables; an edge's `child`/`parent` and the window's `data-index` index this list.
 */
tables: Array<DiagramTable>, 
/**
 * Groups (modules) in layout order; a table's `group` indexes this list.
 */
groups: Array<DiagramGroup>, 
/**
 * Relationships drawn, then the diagram-only lines (lines a Mermaid diagram drew without
 * join columns).
 */
edges: Array<DiagramEdge>, 
/**
 * The box around everything drawn.
 */
bounds: Box, 
/**
 * The sizes the layout used, so the window draws rows where lines attach.
 */
metrics: Metrics, };

export type DiagramTable = { 
/**
 * Schema (with `table`, the table's `TableRef`; spelled out rather than a flattened
 * `TableRef`, which ts-rs could not declare: the same JSON).
 */
schema: string, 
/**
 * Table name.
 */
table: string, 
/**
 * Index into `groups`.
 */
group: number | null, 
/**
 * Its header colour: its own, else its group's, else a neutral grey
 * (`relata_layout::table_color`; the window keeps no palette of its own).
 */
color: string, 
/**
 * Left, top, width, height.
 */
rect: Box, 
/**
 * Whether the registry pins it (the layout kept it at the pinned place).
 */
pinned: boolean, 
/**
 * Rows: the table's columns in ordinal order.
 */
columns: Array<DiagramColumn>, 
/**
 * A table, a view or a materialized view.
 */
kind: TableKind, 
/**
 * Its partitions (and theirs, depth first), listed under its columns: a partition is
 * never a box of its own. A click on one opens it.
 */
partitions: Array<DiagramPartition>, 
/**
 * Partitions not listed (past `relata_layout::MAX_PARTITION_ROWS`): the last row counts
 * them, and the table's form lists them all.
 */
more_partitions: number, };

export type DiagramColumn = { 
/**
 * Column name.
 */
name: string, 
/**
 * SQL type as written in the registry.
 */
data_type: string, 
/**
 * Part of the primary key.
 */
pk: boolean, 
/**
 * The child side of a relationship.
 */
fk: boolean, 
/**
 * NULL allowed.
 */
nullable: boolean, };

export type DiagramPartition = { 
/**
 * The partition's schema.
 */
schema: string, 
/**
 * The partition's name.
 */
table: string, 
/**
 * Its bound as the row shows it (`relata_layout::short_bound`).
 */
bound: string, 
/**
 * 0 for a partition of the box's table, 1 for one of a partition, and so on.
 */
depth: number, };

export type TableKind = "table" | "view" | "materialized_view";

export type DiagramGroup = { 
/**
 * Module name.
 */
name: string, 
/**
 * The module's colour, else the palette's for its place (`relata_layout::group_color`).
 */
color: string, 
/**
 * The frame around its tables (none when it has no drawn table).
 */
frame: Box | null, };

export type DiagramEdge = { 
/**
 * Child table (index into `tables`).
 */
child: number, 
/**
 * Parent table.
 */
parent: number, 
/**
 * Rows of the child the relationship joins.
 */
child_rows: Array<number>, 
/**
 * Rows of the parent.
 */
parent_rows: Array<number>, 
/**
 * The orthogonal polyline, child end first.
 */
points: Array<[number, number]>, 
/**
 * Side of the child box the line leaves from.
 */
child_side: Side, 
/**
 * Side of the parent box the line arrives at.
 */
parent_side: Side, 
/**
 * Crow's-foot end at the child.
 */
child_end: EndMarker, 
/**
 * End at the parent.
 */
parent_end: EndMarker, 
/**
 * Logical and lineage relationships are dashed.
 */
dashed: boolean, 
/**
 * The relationship the line draws (`relationship_registry.relationship_id`): a click on
 * the line opens it. `None` for a diagram-only line.
 */
relationship: RelationshipId | null, 
/**
 * For a diagram-only line (drawn dotted and grey, header to header, with its label; a
 * click opens its child table, where rule R320 asks for its columns), its index in the
 * workspace's Mermaid lines; `None` for a relationship.
 */
diagram_line: number | null, 
/**
 * The text drawn along the line (a diagram-only line's label).
 */
label: string | null, };

export type Box = { 
/**
 * Left.
 */
x: number, 
/**
 * Top.
 */
y: number, 
/**
 * Width.
 */
width: number, 
/**
 * Height.
 */
height: number, };

export type Side = "left" | "right";

export type EndMarker = "one" | "zero_or_one" | "one_or_many" | "zero_or_many";

export type Metrics = { 
/**
 * Height of a table's name band.
 */
header_height: number, 
/**
 * Height of one row.
 */
row_height: number, 
/**
 * Horizontal padding of a row's text.
 */
text_padding: number, 
/**
 * Padding between a frame and its tables.
 */
frame_padding: number, 
/**
 * Height of a frame's title band.
 */
frame_title_height: number, };

export type CompareWith = { "kind": "last_save" } | { "kind": "file", 
/**
 * Its path.
 */
path: string, } | { "kind": "git", 
/**
 * `HEAD`, `HEAD~1`, a tag, a commit.
 */
revision: string, 
/**
 * The folder, inside a git repository.
 */
folder: string, } | { "kind": "database", 
/**
 * A `postgres://` URL (the password may come from `PGPASSWORD` or `~/.pgpass`).
 */
url: string, };

export type ChangesRequest = { 
/**
 * The old side; the new one is the open workspace as it is now.
 */
against: CompareWith, 
/**
 * The migration writes the destructive statements too.
 */
allow_destructive: boolean, };

export type ChangesView = { 
/**
 * The old side, as a person names it.
 */
old: string, 
/**
 * The new side.
 */
new: string, 
/**
 * A database was compared: the changes are its drift.
 */
drift: boolean, 
/**
 * The two sides hold the same (for a database: no drift).
 */
same: boolean, 
/**
 * The changes, grouped by table, then those about no table.
 */
groups: Array<ChangeGroupView>, 
/**
 * How many changes in all.
 */
count: number, 
/**
 * The PostgreSQL migration from the old side to the workspace.
 */
sql: string, 
/**
 * Its destructive statements (written only when allowed).
 */
destructive: Array<string>, 
/**
 * What it leaves to a person.
 */
manual: Array<string>, 
/**
 * What else to know.
 */
warnings: Array<string>, };

export type ChangeGroupView = { 
/**
 * `schema.table`, or what the changes are ("Modules").
 */
title: string, 
/**
 * Whether it is a table's group.
 */
table: boolean, 
/**
 * Its changes.
 */
changes: Array<DiffEntry>, };

export type DiffEntry = { 
/**
 * `table`, `column`, `relationship`, `module`, `enum`, `concept` or `kept`.
 */
entry: string, 
/**
 * Its name on the new side (the old one for a removal).
 */
name: string, 
/**
 * `added`, `removed` or `changed`.
 */
kind: string, 
/**
 * For a change, the fields that differ: the old side's value, then the workspace's.
 */
fields: Array<FieldChange>, };

export type DocsRequest = { 
/**
 * The folder to write into (made if missing; files there of the same names are replaced).
 */
folder: string, 
/**
 * `markdown` or `html`.
 */
format: DocsFormatChoice, 
/**
 * Only these modules; empty: all.
 */
modules: Array<string>, };

export type DocsFormatChoice = "markdown" | "html";

export type DocsWritten = { 
/**
 * The index page's path.
 */
index: string, 
/**
 * Files written.
 */
files: number, 
/**
 * Module pages among them.
 */
modules: number, };

export type JobProgress = { 
/**
 * The step, in a few words.
 */
step: string, 
/**
 * Units done.
 */
done: number, 
/**
 * Units in all; 0 when the step cannot say.
 */
total: number, 
/**
 * The job is still running (false once it finished, failed or was cancelled).
 */
running: boolean, };

/** The export formats, by the name the shell and `relata export --to` take. */
export type ExportFormat = "dbml" | "mermaid" | "sql" | "registry-sql" | "svg" | "png";
