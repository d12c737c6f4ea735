import type { ErrorCode as ShellErrorCode, IpcError as ShellIpcError } from "./generated";

// Types of what crosses the IPC boundary. The shell's types (errors, edit state, recovery,
// settings, sync, import, the overview, the inspector's table, findings, the palette's index,
// the export request, the diagram) are generated from Rust into ./generated.ts, the model's
// (entries, edits, vocabularies, diagnostics) into ./model.generated.ts, each by a test that
// fails when it is out of date. Only what the window adds to them is written here.

export type {
  Box, ColumnDetail, ColumnEntry, ConflictField, Connection, Diagram, DiagramColumn, DiagramEdge, DiagramGroup, DiagramPartition, DiagramTable,
  Direction, DiskChoice, DiskConflict, DiskField, DiskNews, DiskReview, EditState, EndMarker, EntryChange, ExportFormat, ExportRequest, FieldChange, Finding, ImportDiagnostic, ImportFormat,
  ImportPreview, Metrics, ModuleGroup, PartialDetail, PartialEditProposal, PartitionSummary, RecentWorkspace, RecoveryOffer, RelationshipEntry, RelationshipSide, RelationshipSummary,
  RelationshipProposal, ResolveChoice, RulePresets, SearchIndex, SettingsView, Side, SyncConflict, SyncOutcome, SyncTarget, TableDetail, TableEntry,
  TablesCopy, TablesPaste, LineEnd,
  TableKind, TableSummary, ThemeChoice, Vocabularies, WorkspaceOverview,
  ChangeGroupView, ChangesRequest, ChangesView, CompareWith, DiffEntry, DocsFormatChoice, DocsRequest, DocsWritten, JobProgress,
} from "./generated";

/** Error codes of the shell's IPC error, plus `Ipc`: the call itself failed. */
export type ErrorCode = ShellErrorCode | "Ipc";

/** Every rejected command arrives as this. */
export type IpcError = Omit<ShellIpcError, "code"> & { code: ErrorCode };
