// Building the entries the "New table" dialog and "+ Relationship to…" create: pure functions,
// tested without a window. The shell's core refuses what the loader would (a taken name, an
// empty schema); house rules (prefix and schema, key columns) are the findings' business.

import type { Edit, ModuleGroup, Relationship, Table, TableDetail } from "../ipc";
import { now } from "../ipc";

/** What the "New table" dialog asks for. */
export interface NewTable {
  schema: string;
  name: string;
  module: string;
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

/** The parent a new relationship points at: its table entry and key columns. */
export interface Parent {
  entry: Table;
  primary_key: string[];
}

/**
 * A `put_relationship` from `child` to `parent`: the parent's primary key, and on the child the
 * columns of the same names where it has them all (else none, to be picked in the form). Key
 * `child__columns__parent` as the registry design spells them.
 */
export function newRelationship(child: TableDetail, parent: Parent, id: string, at: string = now()): Relationship {
  const names = new Set(child.columns.map((c) => c.name));
  const matched = parent.primary_key.length > 0 && parent.primary_key.every((c) => names.has(c));
  const childColumns = matched ? [...parent.primary_key] : [];
  const key = `${child.name}__${(childColumns.length ? childColumns : ["columns"]).join("_")}__${parent.entry.name}`;
  return {
    id, key, constraint_name: null, availability: "active", version: 1, change_reason: null, module: child.entry.module,
    owner_team: null, created_by: null, approved_by: null, approved_at: null,
    child: { db_engine: child.entry.db_engine, db_name: child.entry.db_name, schema: child.schema, table: child.name, columns: childColumns },
    parent: { db_engine: parent.entry.db_engine, db_name: parent.entry.db_name, schema: parent.entry.schema, table: parent.entry.name, columns: [...parent.primary_key] },
    relationship_type: "foreign_key", enforcement: "auto", cardinality: "1:many", is_required: false, enforce_child_unique: false,
    match_type: "simple", deferrable: false, initially_deferred: false, on_delete: "restrict", on_update: "restrict",
    create_child_index: true, child_index_name: null, child_index_method: "btree", create_parent_index: false,
    tenant_scope_column: null, require_tenant_match: false, lineage: null, generator_flags: {}, notes: null,
    created_at: at, updated_at: at,
  };
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
