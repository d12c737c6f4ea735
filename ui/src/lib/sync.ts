// The sync dialog's logic, apart from drawing: the connection form (a URL without password, a
// password field that is only ever sent with the request), the outcome's summary, and the
// conflict view model — each conflict's fields with the workspace's and the database's values.

import type { Connection, SyncConflict, SyncOutcome } from "../ipc";

/** What the connection form holds. The password lives only here, in memory, while the dialog is open. */
export interface ConnectionForm {
  url: string;
  password: string;
}

/** Why `url` cannot be used, or null. Empty is fine: the workspace's last database or the environment's. */
export function urlProblem(url: string): string | null {
  const trimmed = url.trim();
  if (trimmed === "") return null;
  if (!/^postgres(ql)?:\/\//.test(trimmed)) return "A PostgreSQL URL starts with postgres:// or postgresql://";
  if (/^postgres(ql)?:\/\/[^/@?]*:[^/@?]*@/.test(trimmed)) return "Leave the password out of the URL and type it into the password field";
  return null;
}

/** The request's connection: null for what is left empty. */
export function connectionOf(form: ConnectionForm): Connection {
  const url = form.url.trim();
  return { url: url === "" ? null : url, password: form.password === "" ? null : form.password };
}

/** Which database an empty URL means, for the field's placeholder. */
export function defaultDatabase(lastUrl: string | null, environmentUrl: string | null): string {
  if (lastUrl) return `Last synced: ${lastUrl}`;
  if (environmentUrl) return `From the environment: ${environmentUrl}`;
  return "postgres://user@host:5432/database";
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One line saying what a pull or push did. */
export function outcomeSummary(outcome: SyncOutcome): string {
  const conflicts = count(outcome.conflicts.length, "conflict", "conflicts");
  if (outcome.direction === "pull") {
    const parts = [`${outcome.added.length} added`, `${outcome.updated.length} updated`, `${outcome.removed.length} removed`];
    if (outcome.resolved.length > 0) parts.push(`${outcome.resolved.length} resolved`);
    parts.push(conflicts, `${count(outcome.local_changes, "local change", "local changes")} to push`);
    return `Pulled from ${outcome.database}: ${parts.join(", ")}`;
  }
  const parts = [`${outcome.added.length} inserted`, `${outcome.updated.length} updated`, `${outcome.removed.length} deleted`,
    `${outcome.agreed} already there`, `${conflicts} not written`];
  return `Pushed to ${outcome.database}: ${parts.join(", ")}`;
}

/** The entries that moved, by what happened to them, for the outcome's lists. */
export function movedEntries(outcome: SyncOutcome): { label: string; names: string[] }[] {
  const words = outcome.direction === "pull" ? ["Added", "Updated", "Removed"] : ["Inserted", "Updated", "Deleted"];
  const lists = [outcome.added, outcome.updated, outcome.removed];
  const moved = words.map((label, i) => ({ label, names: lists[i] ?? [] }));
  if (outcome.resolved.length > 0) moved.push({ label: "Resolved", names: outcome.resolved });
  return moved.filter((m) => m.names.length > 0);
}

/** One field of a conflict as the dialog shows it. */
export interface ConflictRow {
  column: string;
  workspace: string;
  database: string;
}

/** A conflict as the dialog shows it. */
export interface ConflictView {
  /** Stable across pulls: registry table and entry name. */
  key: string;
  registry: string;
  name: string;
  /** "Edited in the workspace, deleted in the database". */
  headline: string;
  /** When each side last changed the entry ("workspace 2026-… · database 2026-…"), from the
   *  `updated_at` the rows carry; null when neither side has one. */
  when: string | null;
  rows: ConflictRow[];
}

/** A side's value: NULL for an empty field, "(deleted)" on the side that deleted the row. */
function shown(value: string | null, deleted: boolean): string {
  if (value !== null) return value;
  return deleted ? "(deleted)" : "NULL";
}

/** The column that is the row's version (what push matches), not part of its content. */
const VERSION = "updated_at";

/** The conflict view model: a headline, when each side changed the entry, and one row per
 *  content field that differs, both versions. `updated_at` differs in every conflict (it is
 *  the version each side moved), so it goes in `when` rather than among the fields. */
export function conflictView(conflict: SyncConflict): ConflictView {
  const workspaceDeleted = conflict.workspace === "deleted";
  const databaseDeleted = conflict.database === "deleted";
  const version = conflict.fields.find((f) => f.column === VERSION);
  const when = version && (version.workspace !== null || version.database !== null)
    ? [version.workspace && `workspace ${version.workspace}`, version.database && `database ${version.database}`].filter(Boolean).join(" · ")
    : null;
  return {
    key: `${conflict.registry}/${conflict.name}`,
    registry: conflict.registry,
    name: conflict.name,
    headline: `${capitalise(conflict.workspace)} in the workspace, ${conflict.database} in the database`,
    when,
    rows: conflict.fields.filter((f) => f.column !== VERSION).map((f) => ({
      column: f.column,
      workspace: shown(f.workspace, workspaceDeleted),
      database: shown(f.database, databaseDeleted),
    })),
  };
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** What a conflict-free outcome asks next, or null: local changes waiting, or resolutions to push. */
export function nextStep(outcome: SyncOutcome): string | null {
  if (outcome.conflicts.length > 0) {
    return "Neither version was overwritten. Keep the workspace's versions (the next push writes them) or take the database's.";
  }
  if (outcome.direction === "pull" && (outcome.local_changes > 0 || outcome.resolved.length > 0)) {
    return "Push to write the workspace's changes to the database.";
  }
  return null;
}
