// The table form's constraints and column specs: CHECK constraints (add, edit, delete; each one
// `put_table` of the whole entry, so one undo step), and how a column's identity, generation,
// collation and storage read and change. Pure, tested without a window. Whether an expression
// is valid SQL is PostgreSQL's business: the form keeps what is typed.

import type { CheckConstraint, ColumnSpec, Edit, Identity, Index, PartitionKey, PartitionOf, Signal, Table, UniqueConstraint } from "../ipc";
import { putSignal, putTable } from "./edits";

/** The table with a new CHECK constraint at the end. */
export function addCheck(table: Table, expression: string, at?: string): Edit {
  const check: CheckConstraint = { name: null, expression, column: null, note: null };
  return putTable(table, "checks", [...(table.checks ?? []), check], at);
}

/** The table with CHECK `position` changed; an empty name means "PostgreSQL names it". */
export function putCheck(table: Table, position: number, change: Partial<CheckConstraint>, at?: string): Edit | null {
  const checks = [...(table.checks ?? [])];
  const check = checks[position];
  if (!check) return null;
  const next: CheckConstraint = { ...check, ...change };
  if (typeof next.name === "string" && next.name.trim() === "") next.name = null;
  checks[position] = next;
  return putTable(table, "checks", checks, at);
}

/** The table without CHECK `position`. */
export function deleteCheck(table: Table, position: number, at?: string): Edit | null {
  const checks = table.checks ?? [];
  if (position < 0 || position >= checks.length) return null;
  return putTable(table, "checks", checks.filter((_, i) => i !== position), at);
}

/** How a CHECK reads: `CHECK (expression)`, with `NOT VALID` / `NO INHERIT` when set. */
export function checkLabel(check: CheckConstraint): string {
  const flags = [check.no_inherit ? "NO INHERIT" : "", check.not_valid ? "NOT VALID" : ""].filter((f) => f !== "");
  return [`CHECK (${check.expression})`, ...flags].join(" ");
}

/** The identity choices of the column form. */
export type IdentityKind = "none" | "always" | "by_default";

/** Which identity a column has. */
export function identityKind(spec: ColumnSpec | undefined): IdentityKind {
  const identity = spec?.identity;
  if (!identity) return "none";
  return identity.always ? "always" : "by_default";
}

/** The column with its identity set to `kind` (its sequence options kept when it stays one). */
export function putIdentity(signal: Signal, kind: IdentityKind, at?: string): Edit {
  const spec: ColumnSpec = { ...(signal.spec ?? {}) };
  if (kind === "none") {
    spec.identity = null;
  } else {
    const identity: Identity = { always: kind === "always", options: spec.identity?.options ?? null };
    spec.identity = identity;
  }
  return putSignal(signal, "spec", tidy(spec), at);
}

/** The column with one text field of its spec (`collation`, `generated`) set; empty clears it. */
export function putSpecText(signal: Signal, field: "collation" | "generated", text: string, at?: string): Edit {
  const spec: ColumnSpec = { ...(signal.spec ?? {}), [field]: text.trim() === "" ? null : text.trim() };
  return putSignal(signal, "spec", tidy(spec), at);
}

/** A spec with its unset fields left out, as serde writes it. */
function tidy(spec: ColumnSpec): ColumnSpec {
  const out: ColumnSpec = {};
  if (spec.identity) out.identity = spec.identity;
  if (spec.generated) out.generated = spec.generated;
  if (spec.collation) out.collation = spec.collation;
  if (spec.storage) out.storage = spec.storage;
  if (spec.statistics !== null && spec.statistics !== undefined) out.statistics = spec.statistics;
  return out;
}

/** What a column's spec says, as short phrases PostgreSQL's words make (for the column row). */
export function specPhrases(spec: ColumnSpec | undefined): string[] {
  if (!spec) return [];
  const out: string[] = [];
  if (spec.identity) {
    out.push(`identity ${spec.identity.always ? "always" : "by default"}${spec.identity.options ? ` (${spec.identity.options})` : ""}`);
  }
  if (spec.generated) out.push(`generated from ${spec.generated}`);
  if (spec.collation) out.push(`collate ${spec.collation}`);
  if (spec.storage) out.push(`storage ${spec.storage.toLowerCase()}`);
  if (spec.statistics !== null && spec.statistics !== undefined) out.push(`statistics ${spec.statistics}`);
  return out;
}

/** How a table's partitioning reads: `Partitioned by RANGE (placed_on)`, `Partition of app.orders FOR VALUES …`. */
export function partitionPhrases(partitionBy: PartitionKey | null | undefined, partitionOf: PartitionOf | null | undefined): string[] {
  const out: string[] = [];
  if (partitionOf) out.push(`Partition of ${partitionOf.parent.schema}.${partitionOf.parent.table} ${partitionOf.bound}`);
  if (partitionBy) out.push(`Partitioned by ${partitionBy.strategy.toUpperCase()} (${partitionBy.key})`);
  return out;
}

/** An index's options beyond name, parts, method, unique and predicate, in PostgreSQL's words. */
export function indexOptionPhrases(index: Index): string[] {
  const out: string[] = [];
  if (index.other_method) out.push(`USING ${index.other_method}`);
  if (index.include && index.include.length > 0) out.push(`INCLUDE (${index.include.join(", ")})`);
  if (index.nulls_not_distinct) out.push("NULLS NOT DISTINCT");
  if (index.with) out.push(`WITH (${index.with})`);
  return out;
}

/** A unique constraint's options beyond its name and columns, in PostgreSQL's words. */
export function uniqueOptionPhrases(constraint: UniqueConstraint): string[] {
  const out: string[] = [];
  if (constraint.nulls_not_distinct) out.push("NULLS NOT DISTINCT");
  if (constraint.include && constraint.include.length > 0) out.push(`INCLUDE (${constraint.include.join(", ")})`);
  if (constraint.deferral === "deferrable") out.push("DEFERRABLE");
  if (constraint.deferral === "deferred") out.push("DEFERRABLE INITIALLY DEFERRED");
  return out;
}
