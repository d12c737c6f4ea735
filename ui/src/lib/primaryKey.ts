// The table form's primary key: its columns in key order, picked from the table's columns,
// reordered or cleared ("none"). Pure, tested without a window; each change is one `put_table`
// of the whole entry (as the form's other table fields are), so one undo step. Whether the key
// fits (registered, NOT NULL columns) is the rules' business, not the form's.

import type { Edit, Table } from "../ipc";
import { putTable } from "./edits";

/** The table's columns not yet in the key, in the table's order: what "+ Add" offers. */
export function keyCandidates(key: readonly string[], columns: readonly string[]): string[] {
  return columns.filter((c) => !key.includes(c));
}

/** The key with `column` appended (a composite key grows at its end); unchanged if present. */
export function addToKey(key: readonly string[], column: string): string[] {
  return key.includes(column) || column === "" ? [...key] : [...key, column];
}

/** The key without `column`. */
export function removeFromKey(key: readonly string[], column: string): string[] {
  return key.filter((c) => c !== column);
}

/** The key with `column` moved one place earlier (-1) or later (+1); unchanged at an edge. */
export function moveInKey(key: readonly string[], column: string, by: -1 | 1): string[] {
  const at = key.indexOf(column);
  const to = at + by;
  if (at < 0 || to < 0 || to >= key.length) return [...key];
  const next = [...key];
  [next[at], next[to]] = [next[to]!, next[at]!];
  return next;
}

/** A `put_table` setting the key, or `null` when it is the key already (no empty undo step). */
export function keyEdit(table: Table, key: readonly string[], at?: string): Edit | null {
  if (key.length === table.primary_key.length && key.every((c, i) => c === table.primary_key[i])) return null;
  return putTable(table, "primary_key", [...key], at);
}
