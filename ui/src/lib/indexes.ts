// The table form's Indexes and Unique constraints sections: the edits they send (one index or
// constraint at a time, by position: put_index, delete_index, put_unique_constraint,
// delete_unique_constraint) and the small list operations behind them. Pure, tested.

import type { Edit, Index, IndexPart, Table, UniqueConstraint } from "../ipc";

/** How a key part reads in a chip: the column, or the expression in parentheses, then its
 * collation, operator class and order as PostgreSQL writes them. */
export function partLabel(part: IndexPart): string {
  const key = "column" in part ? part.column : `(${part.expression})`;
  const nulls = part.nulls_first === true ? "NULLS FIRST" : part.nulls_first === false ? "NULLS LAST" : "";
  const options = [part.collation ? `COLLATE ${part.collation}` : "", part.opclass ?? "", part.descending ? "DESC" : "", nulls];
  return [key, ...options.filter((o) => o !== "")].join(" ");
}

/** The columns a new index or constraint starts with: the first column not in the primary key, else the first. */
export function firstColumns(columns: readonly string[], primaryKey: readonly string[]): string[] {
  const pick = columns.find((c) => !primaryKey.includes(c)) ?? columns[0];
  return pick === undefined ? [] : [pick];
}

/** Adds a btree index on `columns` at the end of the table's indexes. */
export function addIndex(table: Table, columns: readonly string[]): Edit {
  const index: Index = { name: null, parts: columns.map((column) => ({ column })), method: "btree", unique: false, where: null, note: null };
  return { op: "put_index", table: table.id, position: table.indexes.length, index };
}

/** The index at `position` with `change` made. Empty texts (name, predicate) mean "not set". */
export function putIndex(table: Table, position: number, change: Partial<Index>): Edit | null {
  const index = table.indexes[position];
  if (!index) return null;
  const next: Index = { ...index, ...change };
  if (typeof next.name === "string" && next.name.trim() === "") next.name = null;
  if (typeof next.where === "string" && next.where.trim() === "") next.where = null;
  return { op: "put_index", table: table.id, position, index: next };
}

/** Deletes the index at `position`. */
export function deleteIndex(table: Table, position: number): Edit {
  return { op: "delete_index", table: table.id, position };
}

/** Adds a unique constraint on `columns` at the end of the table's constraints. */
export function addUnique(table: Table, columns: readonly string[]): Edit {
  return { op: "put_unique_constraint", table: table.id, position: table.unique_constraints.length, constraint: { name: null, columns: [...columns] } };
}

/** The unique constraint at `position` with `change` made. */
export function putUnique(table: Table, position: number, change: Partial<UniqueConstraint>): Edit | null {
  const constraint = table.unique_constraints[position];
  if (!constraint) return null;
  const next: UniqueConstraint = { ...constraint, ...change };
  if (typeof next.name === "string" && next.name.trim() === "") next.name = null;
  return { op: "put_unique_constraint", table: table.id, position, constraint: next };
}

/** Deletes the unique constraint at `position`. */
export function deleteUnique(table: Table, position: number): Edit {
  return { op: "delete_unique_constraint", table: table.id, position };
}

/** `list` with the item at `i` moved one place by `by`; the same list at the edges. */
export function move<T>(list: readonly T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  if (i < 0 || i >= list.length || j < 0 || j >= list.length) return [...list];
  const next = [...list];
  [next[i], next[j]] = [next[j] as T, next[i] as T];
  return next;
}

/** `list` without the item at `i`. */
export function without<T>(list: readonly T[], i: number): T[] {
  return list.filter((_, j) => j !== i);
}

/** The table's columns not yet among `used`, for the "+ column" select. */
export function available(columns: readonly string[], used: readonly IndexPart[] | readonly string[]): string[] {
  const taken = new Set(used.map((u) => (typeof u === "string" ? u : "column" in u ? u.column : "")));
  return columns.filter((c) => !taken.has(c));
}
