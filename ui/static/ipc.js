// The UI's only door to the Rust shell: every IPC command name lives here, nowhere else.
// The names match `src-tauri/src/commands.rs`, `src-tauri/build.rs` and the capability file.

/** Error codes of the shell's IPC error (`src-tauri/src/error.rs`, enum `ErrorCode`). */
export const ErrorCode = Object.freeze({
  NotFound: "NotFound",
  InvalidWorkspace: "InvalidWorkspace",
  Io: "Io",
  Database: "Database",
  NoWorkspace: "NoWorkspace",
  /** Not from the shell: the call itself failed (e.g. refused by the capability). */
  Ipc: "Ipc",
});

function invoke(command, args) {
  const tauri = window.__TAURI__;
  if (!tauri || !tauri.core) {
    return Promise.reject({ code: ErrorCode.Ipc, message: "The Tauri IPC bridge is not available." });
  }
  return tauri.core.invoke(command, args).catch((error) => {
    throw toIpcError(error);
  });
}

/** Normalises a rejection into `{ code, message }`. */
function toIpcError(error) {
  if (error && typeof error === "object" && typeof error.code === "string") {
    return { code: error.code, message: String(error.message ?? "") };
  }
  return { code: ErrorCode.Ipc, message: String(error) };
}

/**
 * Opens a registry folder or `.relata` file and makes it the open workspace.
 * @param {string} path
 * @returns {Promise<WorkspaceOverview>}
 */
export function openWorkspace(path) {
  return invoke("open_workspace", { path });
}

/**
 * The overview of the open workspace.
 * @returns {Promise<WorkspaceOverview>}
 */
export function workspaceOverview() {
  return invoke("workspace_overview");
}

/**
 * @typedef {{ schema: string, name: string, status: string, column_count: number }} TableSummary
 * @typedef {{ module: string, color: string | null, tables: TableSummary[] }} ModuleGroup
 * @typedef {{ path: string, groups: ModuleGroup[], table_count: number,
 *             relationship_count: number, error_count: number, warning_count: number }} WorkspaceOverview
 */
