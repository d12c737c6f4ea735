// Generated from the Rust types of src-tauri/src by ts-rs in the test
// `ui_ipc_generated_ts_is_up_to_date` (src-tauri/src/tests.rs): do not edit. After changing
// one of the types, run `RELATA_UPDATE_TYPES=1 cargo test -p relata-app ui_ipc_generated`.

export type ErrorCode = "NotFound" | "InvalidWorkspace" | "Io" | "Database" | "NoWorkspace" | "UnknownEntry" | "EditRefused" | "InvalidRequest";

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
