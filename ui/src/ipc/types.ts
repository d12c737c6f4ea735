import type { ErrorCode as ShellErrorCode, IpcError as ShellIpcError } from "./generated";
import type { Diagnostic, Relationship, Signal, Table, TableRef } from "./model";

// Types of what crosses the IPC boundary. The shell's own types (errors, edit state, recovery,
// settings, sync, import) are generated from Rust into ./generated.ts, the model's (entries,
// edits, vocabularies, diagnostics) into ./model.generated.ts, each by a test that fails when
// it is out of date; the rest mirror the shell's views by hand (`src-tauri/src/overview.rs`,
// `detail.rs`, `diagram.rs`, …). Field names are the Rust ones.

export type {
  ConflictField, Connection, Direction, EditState, EntryChange, FieldChange, ImportDiagnostic, ImportFormat, ImportPreview,
  RecentWorkspace, RecoveryOffer, ResolveChoice, SettingsView, SyncConflict, SyncOutcome, SyncTarget, ThemeChoice, Vocabularies,
} from "./generated";

/** Error codes of the shell's IPC error, plus `Ipc`: the call itself failed. */
export type ErrorCode = ShellErrorCode | "Ipc";

/** Every rejected command arrives as this. */
export type IpcError = Omit<ShellIpcError, "code"> & { code: ErrorCode };

/** One table in the overview. */
export interface TableSummary {
  schema: string;
  name: string;
  status: string;
  prefix: string | null;
  column_count: number;
}

/** The tables of one module (= table group). */
export interface ModuleGroup {
  module: string;
  color: string | null;
  tables: TableSummary[];
}

/** What the window shows of an open workspace. */
export interface WorkspaceOverview {
  path: string;
  groups: ModuleGroup[];
  table_count: number;
  relationship_count: number;
  error_count: number;
  warning_count: number;
}

/** A diagnostic as the rules panel lists it (`Finding` in src-tauri/src/detail.rs). */
export type Finding = Diagnostic & {
  /** The table to open when the finding is clicked (a relationship's child table). */
  table: TableRef | null;
};

/** One column in the inspector. */
export interface ColumnDetail {
  entry: Signal;
  name: string;
  data_type: string;
  nullable: boolean;
  default: string | null;
  role: string;
  primary_key: boolean;
  foreign_key: boolean;
  description: string | null;
}

/** A relationship seen from one of its tables. */
export interface RelationshipSummary {
  entry: Relationship;
  key: string;
  side: "child" | "parent";
  other: string;
  columns: string[];
  other_columns: string[];
  relationship_type: string;
  cardinality: string | null;
  availability: string;
}

/** What the inspector shows of one table (`TableDetail` in src-tauri/src/detail.rs). */
export interface TableDetail {
  entry: Table;
  schema: string;
  name: string;
  prefix: string | null;
  module: string;
  status: string;
  purpose: string | null;
  notes: string | null;
  primary_key: string[];
  columns: ColumnDetail[];
  relationships: RelationshipSummary[];
  diagnostics: Diagnostic[];
}

/** Everything the command palette can jump to (`SearchIndex` in src-tauri/src/detail.rs). */
export interface SearchIndex {
  tables: { id: string; schema: string; name: string; module: string }[];
  columns: { table: TableRef; column: string; data_type: string }[];
  relationships: { id: string; key: string; child: TableRef; parent: TableRef }[];
}

/** The export formats, by the name the shell and `relata export --to` take. */
export type ExportFormat = "dbml" | "mermaid" | "sql" | "registry-sql";

/** What the export dialog asks for (`ExportRequest` in src-tauri/src/export.rs). */
export interface ExportRequest {
  format: ExportFormat;
  modules: string[];
  statuses: string[];
  include_inactive: boolean;
}

/** A rectangle in diagram units. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One row of a table box. */
export interface DiagramColumn {
  name: string;
  data_type: string;
  pk: boolean;
  fk: boolean;
  nullable: boolean;
}

/** One table's box (`DiagramTable` in src-tauri/src/diagram.rs). */
export interface DiagramTable extends TableRef {
  /** Index into `Diagram.groups`. */
  group: number | null;
  color: string | null;
  rect: Box;
  pinned: boolean;
  columns: DiagramColumn[];
}

/** One group (module) frame. */
export interface DiagramGroup {
  name: string;
  color: string | null;
  frame: Box | null;
}

export type EndMarker = "one" | "zero_or_one" | "one_or_many" | "zero_or_many";
export type Side = "left" | "right";

/** One routed relationship line, child end first. */
export interface DiagramEdge {
  child: number;
  parent: number;
  child_rows: number[];
  parent_rows: number[];
  points: [number, number][];
  child_side: Side;
  parent_side: Side;
  child_end: EndMarker;
  parent_end: EndMarker;
  dashed: boolean;
}

/** A laid-out diagram (`Diagram` in src-tauri/src/diagram.rs): relata-layout's geometry. */
export interface Diagram {
  /** Table i is drawn as `<g class="table" data-index="i">`. */
  tables: DiagramTable[];
  groups: DiagramGroup[];
  edges: DiagramEdge[];
  bounds: Box;
  metrics: { header_height: number; row_height: number; text_padding: number; frame_padding: number; frame_title_height: number };
}
