// Building relationship edits: pure, tested without a window.

import type { Edit, Relationship, RelationshipEnd } from "../ipc";
import { now } from "../ipc";

/** The relationship with one field changed, as a `put_relationship` edit. */
export function putRelationship<K extends keyof Relationship>(r: Relationship, field: K, value: Relationship[K], at: string = now()): Edit {
  return { op: "put_relationship", relationship: { ...r, [field]: value, updated_at: at } };
}

/** The relationship with one end changed. Moving an end to another table clears its columns. */
export function putEnd(r: Relationship, side: "child" | "parent", change: Partial<RelationshipEnd>, at: string = now()): Edit {
  const end = r[side];
  const moved = (change.schema !== undefined && change.schema !== end.schema) || (change.table !== undefined && change.table !== end.table);
  const next: RelationshipEnd = { ...end, ...(moved ? { columns: [] } : {}), ...change };
  return { op: "put_relationship", relationship: { ...r, [side]: next, updated_at: at } };
}

/** Parses the generator flags text: a JSON object, or the reason it is not one. */
export function parseFlags(text: string): { flags: Record<string, unknown> } | { error: string } {
  if (text.trim() === "") return { flags: {} };
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== "object" || Array.isArray(value)) return { error: "generator_flags must be a JSON object, e.g. {\"skip_ddl\": true}" };
    if ("lineage_kind" in value) return { error: "set the lineage kind with its own field, not in generator_flags" };
    return { flags: value as Record<string, unknown> };
  } catch (e) {
    return { error: `not valid JSON: ${(e as Error).message}` };
  }
}
