// Types of what crosses the IPC boundary, mirroring the serializable types of the Rust shell
// (`src-tauri/src/overview.rs`, `src-tauri/src/error.rs`). Field names are the Rust ones.

/** Error codes of the shell's IPC error (`ErrorCode` in src-tauri/src/error.rs). */
export type ErrorCode = "NotFound" | "InvalidWorkspace" | "Io" | "Database" | "NoWorkspace" | "Ipc";

/** Every rejected command arrives as this. `Ipc` means the call itself failed. */
export interface IpcError {
  code: ErrorCode;
  message: string;
}

/** One table in the overview. */
export interface TableSummary {
  schema: string;
  name: string;
  status: string;
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
