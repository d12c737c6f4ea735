// The window's only door to the Rust shell: every IPC command name lives here and nowhere
// else. The names match src-tauri/src/commands.rs, src-tauri/build.rs and the capability file.

import { invoke as tauriInvoke } from "@tauri-apps/api/core";
import type { ErrorCode, IpcError, WorkspaceOverview } from "./types";

export type * from "./types";

/** Normalises any rejection into `{ code, message }`. */
export function toIpcError(error: unknown): IpcError {
  if (error !== null && typeof error === "object" && "code" in error && typeof error.code === "string") {
    const message = "message" in error ? String(error.message ?? "") : "";
    return { code: error.code as ErrorCode, message };
  }
  return { code: "Ipc", message: String(error) };
}

async function invoke<T>(command: string, args?: Record<string, unknown>): Promise<T> {
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

/** The overview of the open workspace. */
export function workspaceOverview(): Promise<WorkspaceOverview> {
  return invoke("workspace_overview");
}
