// The registry entries as the Rust model serializes them (relata_model::Table, Signal,
// Relationship) and the edits the forms send (relata_model::edit::Edit).

import type { TableRef } from "./types";

/** A UNIQUE constraint. */
export interface UniqueConstraint {
  name?: string | null;
  columns: string[];
}

/** One part of an index key. */
export type IndexPart = { column: string } | { expression: string };

/** An index of a table. */
export interface Index {
  name?: string | null;
  parts: IndexPart[];
  method: string;
  unique: boolean;
  where?: string | null;
  note?: string | null;
}

/** A table_overview entry. */
export interface Table {
  id: string;
  name: string;
  prefix: string | null;
  schema: string;
  module: string;
  status: string;
  purpose: string | null;
  primary_key: string[];
  db_engine: string;
  db_name: string | null;
  owner_team: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  unique_constraints: UniqueConstraint[];
  indexes: Index[];
  color: string | null;
}

/** A signal_registry entry: a column of a table (binding) or a concept. */
export interface Signal {
  id: string;
  table: TableRef | null;
  column: string;
  ordinal: number | null;
  data_type: string;
  nullable: boolean;
  default: string | null;
  role: string;
  row_type: string;
  concept: string | null;
  connection: string;
  description: string | null;
  created_at: string;
  updated_at: string;
}

/** One end of a relationship. */
export interface RelationshipEnd {
  db_engine: string;
  db_name: string | null;
  schema: string;
  table: string;
  columns: string[];
}

/** A relationship_registry entry: every column of the registry design's DDL. */
export interface Relationship {
  id: string;
  key: string;
  constraint_name: string | null;
  availability: string;
  version: number;
  change_reason: string | null;
  module: string;
  owner_team: string | null;
  created_by: string | null;
  approved_by: string | null;
  approved_at: string | null;
  child: RelationshipEnd;
  parent: RelationshipEnd;
  relationship_type: string;
  enforcement: string;
  cardinality: string | null;
  is_required: boolean;
  enforce_child_unique: boolean;
  match_type: string;
  deferrable: boolean;
  initially_deferred: boolean;
  on_delete: string;
  on_update: string;
  create_child_index: boolean;
  child_index_name: string | null;
  child_index_method: string;
  create_parent_index: boolean;
  tenant_scope_column: string | null;
  require_tenant_match: boolean;
  lineage: string | null;
  generator_flags: Record<string, unknown>;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

/** The controlled vocabularies by model field (`vocabularies` command). */
export type Vocabularies = Record<string, string[]>;

/** One edit of a form, applied by the Rust core (exact undo, all or nothing). */
export type Edit =
  | { op: "put_table"; table: Table }
  | { op: "delete_table"; table: string }
  | { op: "rename_table"; table: string; schema: string; name: string }
  | { op: "put_signal"; signal: Signal }
  | { op: "delete_signal"; signal: string }
  | { op: "move_signal"; signal: string; to_ordinal: number }
  | { op: "rename_column"; table: TableRef | null; from: string; to: string }
  | { op: "put_index"; table: string; position: number; index: Index }
  | { op: "delete_index"; table: string; position: number }
  | { op: "put_unique_constraint"; table: string; position: number; constraint: UniqueConstraint }
  | { op: "delete_unique_constraint"; table: string; position: number }
  | { op: "put_relationship"; relationship: Relationship }
  | { op: "delete_relationship"; relationship: string }
  | { op: "set_pin"; table: TableRef; position: [number, number] | null }
  | { op: "batch"; label: string; edits: Edit[] };


/** Now, in the registries' timestamp form: `2026-11-22 09:30:00+00`. */
export function now(date: Date = new Date()): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")}+00`;
}
