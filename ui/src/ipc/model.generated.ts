// Generated from the Rust types of src-tauri/relata-model by ts-rs in the test
// `typescript::model_generated_ts_is_up_to_date` (src-tauri/relata-model/src/typescript.rs): do
// not edit. After changing one of the types, run
// `RELATA_UPDATE_TYPES=1 cargo test -p relata-model model_generated`.

export type Table = { 
/**
 * `table_id`.
 */
id: TableId, 
/**
 * `table_name`.
 */
name: string, 
/**
 * `table_prefix` as registered (e.g. `ref_`); the rules compare it with the name.
 */
prefix: string | null, 
/**
 * `schema_name`.
 */
schema: string, 
/**
 * `module_name`: the owning module, which is also the table's diagram group.
 */
module: string, 
/**
 * `status`.
 */
status: TableStatus, 
/**
 * `purpose`.
 */
purpose: string | null, 
/**
 * `primary_key_columns`, in key order; empty when the table has no primary key.
 */
primary_key: Array<string>, 
/**
 * `db_engine`, e.g. `aurora_postgres`.
 */
db_engine: string, 
/**
 * `db_name`: logical database or cluster.
 */
db_name: string | null, 
/**
 * `owner_team`.
 */
owner_team: string | null, 
/**
 * `notes`.
 */
notes: string | null, 
/**
 * `created_at`.
 */
created_at: Timestamp, 
/**
 * `updated_at`.
 */
updated_at: Timestamp, 
/**
 * Relata-only: unique constraints besides the primary key.
 */
unique_constraints: Array<UniqueConstraint>, 
/**
 * Relata-only: indexes.
 */
indexes: Array<Index>, 
/**
 * Relata-only: header colour overriding the group colour, `#rrggbb`.
 */
color: string | null, };

export type UniqueConstraint = { 
/**
 * Constraint name; generated when absent.
 */
name?: string | null, 
/**
 * Ordered columns.
 */
columns: Array<string>, };

export type Index = { 
/**
 * Index name; generated when absent.
 */
name?: string | null, 
/**
 * Key parts in order.
 */
parts: Array<IndexPart>, 
/**
 * Access method.
 */
method: IndexMethod, 
/**
 * UNIQUE index.
 */
unique: boolean, 
/**
 * Partial index predicate (the text after `WHERE`).
 */
where?: string | null, 
/**
 * Free text.
 */
note?: string | null, };

export type IndexPart = { "column": string } | { "expression": string };

export type Signal = { 
/**
 * `signal_id`.
 */
id: SignalId, 
/**
 * `schema_name` + `table_name`; `None` only for a concept defined outside any table.
 */
table: TableRef | null, 
/**
 * `column_name` (for a concept: the concept's name).
 */
column: string, 
/**
 * `ordinal_position`, 1-based order of the column in its table.
 */
ordinal: number | null, 
/**
 * `data_type` as PostgreSQL spells it, e.g. `varchar(255)` or a user enum's name.
 */
data_type: string, 
/**
 * `is_nullable`.
 */
nullable: boolean, 
/**
 * `column_default`: an SQL expression, e.g. `now()` or `'free'`.
 */
default: string | null, 
/**
 * `signal_role`.
 */
role: SignalRole, 
/**
 * `row_type`.
 */
row_type: RowType, 
/**
 * `concept_name`: for a binding, the concept it stores.
 */
concept: string | null, 
/**
 * `connection_type`.
 */
connection: ConnectionType, 
/**
 * `semantic_description`.
 */
description: string | null, 
/**
 * `created_at`.
 */
created_at: Timestamp, 
/**
 * `updated_at`.
 */
updated_at: Timestamp, };

export type Relationship = { 
/**
 * `relationship_id`.
 */
id: RelationshipId, 
/**
 * `relationship_key`: stable slug used by tooling.
 */
key: string, 
/**
 * `constraint_name`: explicit FK constraint name, else generated.
 */
constraint_name: string | null, 
/**
 * `availability_status`, default `active`.
 */
availability: AvailabilityStatus, 
/**
 * `version`, default 1.
 */
version: number, 
/**
 * `change_reason`.
 */
change_reason: string | null, 
/**
 * `module_name`.
 */
module: string, 
/**
 * `owner_team`.
 */
owner_team: string | null, 
/**
 * `created_by`.
 */
created_by: string | null, 
/**
 * `approved_by`.
 */
approved_by: string | null, 
/**
 * `approved_at`.
 */
approved_at: Timestamp | null, 
/**
 * The referencing (child) side.
 */
child: RelationshipEnd, 
/**
 * The referenced (parent) side.
 */
parent: RelationshipEnd, 
/**
 * `relationship_type`, default `foreign_key`.
 */
relationship_type: RelationshipType, 
/**
 * `enforcement_mode`, default `auto`.
 */
enforcement: EnforcementMode, 
/**
 * `cardinality` (nullable).
 */
cardinality: Cardinality | null, 
/**
 * `is_required`, default true.
 */
is_required: boolean, 
/**
 * `enforce_child_unique`, default false.
 */
enforce_child_unique: boolean, 
/**
 * `match_type`, default `simple`.
 */
match_type: MatchType, 
/**
 * `deferrable`, default false.
 */
deferrable: boolean, 
/**
 * `initially_deferred`, default false; needs `deferrable`.
 */
initially_deferred: boolean, 
/**
 * `on_delete`, default `restrict`.
 */
on_delete: ReferentialAction, 
/**
 * `on_update`, default `restrict`.
 */
on_update: ReferentialAction, 
/**
 * `create_child_index`, default true.
 */
create_child_index: boolean, 
/**
 * `child_index_name`.
 */
child_index_name: string | null, 
/**
 * `child_index_method`, default `btree`.
 */
child_index_method: IndexMethod, 
/**
 * `create_parent_index`, default false.
 */
create_parent_index: boolean, 
/**
 * `tenant_scope_column`.
 */
tenant_scope_column: string | null, 
/**
 * `require_tenant_match`, default false.
 */
require_tenant_match: boolean, 
/**
 * Lineage kind of seed 7.4, carried in `generator_flags` under `lineage_kind`.
 */
lineage: LineageKind | null, 
/**
 * `generator_flags` without the `lineage_kind` key (a JSON object).
 */
generator_flags: Record<string, unknown>, 
/**
 * `notes`.
 */
notes: string | null, 
/**
 * `created_at`.
 */
created_at: Timestamp, 
/**
 * `updated_at`.
 */
updated_at: Timestamp, };

export type RelationshipEnd = { 
/**
 * `*_db_engine`, default `aurora_postgres`.
 */
db_engine: string, 
/**
 * `*_db_name`.
 */
db_name: string | null, 
/**
 * `*_schema`, default `public`.
 */
schema: string, 
/**
 * `*_table`.
 */
table: string, 
/**
 * `*_columns`, ordered (composite keys).
 */
columns: Array<string>, };

export type Module = { 
/**
 * The `module_name` tables and relationships use.
 */
name: string, 
/**
 * Group frame colour, `#rrggbb`.
 */
color?: string | null, 
/**
 * Free text shown with the group.
 */
note?: string | null, };

export type EnumType = { 
/**
 * Schema of the type.
 */
schema: string, 
/**
 * Type name.
 */
name: string, 
/**
 * Values in declaration order.
 */
values: Array<EnumValue>, };

export type EnumValue = { 
/**
 * The label.
 */
name: string, 
/**
 * Free text.
 */
note?: string | null, };

export type Edit = { "op": "put_table", 
/**
 * The whole entry, as the table form holds it.
 */
table: Table, } | { "op": "delete_table", 
/**
 * The table.
 */
table: TableId, } | { "op": "rename_table", 
/**
 * The table.
 */
table: TableId, 
/**
 * The new schema.
 */
schema: string, 
/**
 * The new table name.
 */
name: string, } | { "op": "put_signal", 
/**
 * The whole entry, as the column grid holds its row.
 */
signal: Signal, } | { "op": "delete_signal", 
/**
 * The signal.
 */
signal: SignalId, } | { "op": "move_signal", 
/**
 * The column.
 */
signal: SignalId, 
/**
 * Its new 1-based position.
 */
to_ordinal: number, } | { "op": "rename_column", 
/**
 * The signal's table; `None` for a concept outside any table.
 */
table: TableRef | null, 
/**
 * The current column (or concept) name.
 */
from: string, 
/**
 * The new name.
 */
to: string, } | { "op": "put_index", 
/**
 * The table.
 */
table: TableId, 
/**
 * 0-based position in the table's indexes; their number to add one.
 */
position: number, 
/**
 * The whole index: name, key parts in order, method, unique, predicate, note.
 */
index: Index, } | { "op": "delete_index", 
/**
 * The table.
 */
table: TableId, 
/**
 * 0-based position in the table's indexes.
 */
position: number, } | { "op": "put_unique_constraint", 
/**
 * The table.
 */
table: TableId, 
/**
 * 0-based position in the table's unique constraints; their number to add one.
 */
position: number, 
/**
 * The constraint: name and ordered columns.
 */
constraint: UniqueConstraint, } | { "op": "delete_unique_constraint", 
/**
 * The table.
 */
table: TableId, 
/**
 * 0-based position in the table's unique constraints.
 */
position: number, } | { "op": "put_relationship", 
/**
 * The whole entry, every relationship_registry field.
 */
relationship: Relationship, } | { "op": "delete_relationship", 
/**
 * The relationship.
 */
relationship: RelationshipId, } | { "op": "put_module", 
/**
 * The module with its colour and note.
 */
module: Module, } | { "op": "rename_module", 
/**
 * The current name.
 */
from: string, 
/**
 * The new name.
 */
to: string, } | { "op": "delete_module", 
/**
 * The module's name.
 */
name: string, } | { "op": "put_enum", 
/**
 * The enum type with its values.
 */
enum_type: EnumType, } | { "op": "delete_enum", 
/**
 * The type's schema.
 */
schema: string, 
/**
 * The type's name.
 */
name: string, } | { "op": "set_pin", 
/**
 * The table.
 */
table: TableRef, 
/**
 * Where to pin it; `None` unpins.
 */
position: [number, number] | null, } | { "op": "batch", 
/**
 * What the batch does, for menus ("Add table core.orders with 4 columns").
 */
label: string, 
/**
 * The edits.
 */
edits: Array<Edit>, };

export type TableRef = { 
/**
 * PostgreSQL schema, e.g. `core_metadata`.
 */
schema: string, 
/**
 * Table name, e.g. `ref_compute_method_registry`.
 */
table: string, };

export type TableId = string;

export type SignalId = string;

export type RelationshipId = string;

export type Timestamp = string;

export type TableStatus = "draft" | "experimental" | "stable" | "legacy" | "deprecated" | "retired";

export type SignalRole = "key" | "metric" | "attribute" | "derived";

export type RowType = "concept" | "binding";

export type ConnectionType = "r" | "w" | "rw";

export type AvailabilityStatus = "active" | "deprecated" | "draft" | "pending" | "future";

export type RelationshipType = "foreign_key" | "logical" | "join_bridge";

export type EnforcementMode = "auto" | "db_fk" | "app_validated" | "doc_only";

export type Cardinality = "1:many" | "1:1" | "many:many";

export type MatchType = "simple" | "full";

export type ReferentialAction = "restrict" | "cascade" | "set_null" | "set_default" | "no_action";

export type IndexMethod = "btree" | "hash" | "gin" | "gist" | "brin";

export type LineageKind = "references" | "derives_from" | "feeds" | "aggregates" | "joins" | "depends_on";

export type Diagnostic = { 
/**
 * Stable code, e.g. `L104` or `R101`; see each crate's `codes` module.
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
message: string, };

export type Severity = "error" | "warning" | "info";

export type RegistryKind = "table_overview" | "signal_registry" | "relationship_registry" | "relata";

export type Location = { "kind": "file", 
/**
 * Path as the user gave it.
 */
path: string, 
/**
 * 1-based line.
 */
line: number, 
/**
 * 1-based column.
 */
column: number, } | { "kind": "entry", 
/**
 * Which registry.
 */
registry: RegistryKind, 
/**
 * The entry's key: `schema.table`, `schema.table.column` or the relationship_key.
 */
key: string, 
/**
 * The field (registry column name) concerned.
 */
field?: string, } | { "kind": "workspace" };
