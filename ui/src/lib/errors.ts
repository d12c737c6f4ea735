// The heading Relata shows above an IPC error's message, by its code: the error banner's and the
// dialogs' (Changes…, Documentation…), so a code reads the same everywhere.

import type { ErrorCode } from "../ipc";

const TITLES: Record<ErrorCode, string> = {
  NotFound: "Workspace not found",
  InvalidWorkspace: "This is not a workspace Relata can read",
  AlreadyExists: "Something is already there; nothing was written",
  Io: "The workspace could not be read or written",
  Database: "The workspace database refused the operation",
  NoWorkspace: "No workspace is open",
  UnknownEntry: "No such entry in this workspace",
  EditRefused: "That change was refused; nothing changed",
  InvalidRequest: "Relata could not do that",
  UnsavedChanges: "Save the workspace first",
  Connect: "The database could not be reached",
  InvalidRegistry: "The registry cannot be used as it is",
  ChangedOnDisk: "The workspace changed on disk; nothing was written",
  Cancelled: "Cancelled; nothing of it was kept",
  Ipc: "The app did not answer",
};

/** The heading for an error of `code`. */
export function errorTitle(code: ErrorCode): string {
  return TITLES[code] ?? "Something went wrong";
}
