// The merge view's logic, apart from drawing: a save (or Review) met changes made on disk that
// conflict with the window's, field by field. The user picks "here" or "on disk" for each
// conflicting field (or for a whole entry deleted on one side); nothing is written until every
// one has a choice.

import type { DiskChoice, DiskConflict } from "../ipc";

/** Which version a choice keeps. */
export type Pick = "here" | "disk";

/** One line of the merge view: a field (or a whole entry) with its versions. */
export interface MergeRow {
  /** The key of the choice: table, id and field. */
  key: string;
  conflict: DiskConflict;
  /** The field; null for a whole entry deleted on one side. */
  field: string | null;
  label: string;
  base: string;
  here: string;
  disk: string;
}

/** How an absent value reads. */
function show(value: string | null | undefined, deleted: boolean): string {
  if (deleted) return "(deleted)";
  if (value === null || value === undefined) return "(empty)";
  return value === "" ? "(empty string)" : value;
}

/** The rows the view shows for `conflicts`: one per conflicting field; one per entry deleted on
 *  one side and changed on the other, listing what the other side changed. */
export function mergeRows(conflicts: DiskConflict[]): MergeRow[] {
  return conflicts.flatMap((c): MergeRow[] => {
    if (c.kind === "fields") {
      return c.fields.map((f) => ({
        key: `${c.table}/${c.id}/${f.field}`, conflict: c, field: f.field, label: f.field,
        base: show(f.base, false), here: show(f.ours, false), disk: show(f.theirs, false),
      }));
    }
    const changed = c.fields.map((f) => f.field).join(", ") || "nothing";
    const deletedHere = c.kind === "deleted_here";
    return [{
      key: `${c.table}/${c.id}/`, conflict: c, field: null, label: "the whole entry", base: "(as loaded)",
      here: deletedHere ? "(deleted)" : `changed: ${changed}`, disk: deletedHere ? `changed: ${changed}` : "(deleted)",
    }];
  });
}

/** The choices to send, from the picks by row key; rows with no pick are left out. */
export function choicesOf(rows: MergeRow[], picks: Record<string, Pick>): DiskChoice[] {
  return rows.flatMap((row) => {
    const pick = picks[row.key];
    if (!pick) return [];
    return [{ table: row.conflict.table, id: row.conflict.id, field: row.field, side: pick }];
  });
}

/** How many rows still need a choice. */
export function unchosen(rows: MergeRow[], picks: Record<string, Pick>): number {
  return rows.filter((row) => !picks[row.key]).length;
}

/** Every row picked `pick`. */
export function pickAll(rows: MergeRow[], pick: Pick): Record<string, Pick> {
  return Object.fromEntries(rows.map((row) => [row.key, pick]));
}
