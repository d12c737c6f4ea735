// Building the entry the "New table" dialog creates: pure functions,
// tested without a window. The shell's core refuses what the loader would (a taken name, an
// empty schema); house rules (prefix and schema, key columns) are the findings' business.

import type { Edit, ModuleGroup, Table } from "../ipc";
import { now } from "../ipc";

/** What the "New table" dialog asks for. */
export interface NewTable {
  schema: string;
  name: string;
  module: string;
  /** Where a double-click on the canvas (or N) asked for it: pinned there (diagram units, its
   *  top-left), in the same edit. */
  at?: [number, number] | null;
}

/** The prefix a table name carries: everything up to and including its first `_`, or none. */
export function derivePrefix(name: string): string | null {
  const cut = name.indexOf("_");
  return cut > 0 && cut < name.length - 1 ? name.slice(0, cut + 1) : null;
}

/** Why the dialog cannot create the table yet, or `null` when it can. */
export function newTableProblem(input: NewTable, taken: readonly string[]): string | null {
  const schema = input.schema.trim();
  const name = input.name.trim();
  if (!name) return "Give the table a name.";
  if (!schema) return "Give the table a schema.";
  if (!input.module.trim()) return "Choose the module the table belongs to.";
  if (taken.includes(`${schema}.${name}`)) return `${schema}.${name} exists already.`;
  return null;
}

/** A `put_table` adding a draft table with no columns; database fields copied from `like`. */
export function newTable(input: NewTable, id: string, like: Pick<Table, "db_engine" | "db_name"> | null, at: string = now()): Edit {
  const name = input.name.trim();
  return {
    op: "put_table",
    table: {
      id, name, prefix: derivePrefix(name), schema: input.schema.trim(), module: input.module.trim(), status: "draft",
      purpose: null, primary_key: [], db_engine: like?.db_engine ?? "postgres", db_name: like?.db_name ?? null,
      owner_team: null, notes: null, created_at: at, updated_at: at, unique_constraints: [], indexes: [], color: null,
    },
  };
}

/** The edit that creates the dialog's table: `newTable`'s `put_table`, and with `at` (a
 *  double-click on the canvas) the table pinned there too, as one edit (one undo step). */
export function createTable(input: NewTable, id: string, like: Pick<Table, "db_engine" | "db_name"> | null, at: string = now()): Edit {
  const put = newTable(input, id, like, at);
  if (!input.at) return put;
  const table = { schema: input.schema.trim(), table: input.name.trim() };
  return { op: "batch", label: `Add table ${table.schema}.${table.table} here`, edits: [put, { op: "set_pin", table, position: input.at }] };
}

/**
 * The table a new one copies its database (`db_engine`, `db_name`) from: the first of its module,
 * else the first of the workspace. A relationship is a database FK only between tables of one
 * database, so a new table must not default to another one.
 */
export function neighbour(groups: readonly ModuleGroup[], module: string): { schema: string; name: string } | null {
  const table = groups.find((g) => g.module === module && g.tables.length > 0)?.tables[0] ?? groups.find((g) => g.tables.length > 0)?.tables[0];
  return table ? { schema: table.schema, name: table.name } : null;
}
