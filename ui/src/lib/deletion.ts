// What a delete removes, said before it happens: the one confirmation the Delete key, the
// inspector's and the relationship form's buttons and the palette all open. Pure, tested without
// a window. The edit is the core's own cascade (`delete_table` removes the table's columns, every
// relationship with the table at either end and its pin), so one undo brings it all back.

import type { Edit, Relationship, TableDetail } from "../ipc";

/** A delete waiting for its confirmation. */
export interface Deletion {
  /** The dialog's title, e.g. "Delete table core.orders?". */
  title: string;
  /** One sentence of what goes, with the counts. */
  summary: string;
  /** What else goes, one line each: the relationships, by key and ends. */
  items: string[];
  /** The button's label. */
  action: string;
  /** The one edit that deletes it all (one undo step). */
  edit: Edit;
}

/** "1 column", "2 columns". */
function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `key (child.table → parent.table)`, the way the dialog lists a relationship. */
export function describeRelationship(r: Relationship): string {
  const child = `${r.child.schema}.${r.child.table}`;
  const parent = `${r.parent.schema}.${r.parent.table}`;
  return `${r.key || "(no key)"} (${child}${r.child.columns.length ? `.${r.child.columns.join(", ")}` : ""} → ${parent})`;
}

/** Deleting the table `detail` shows: with its columns and every relationship at either end. */
export function tableDeletion(detail: TableDetail): Deletion {
  const name = `${detail.schema}.${detail.name}`;
  const relationships = detail.relationships.map((r) => r.entry);
  const parts = [count(detail.columns.length, "column", "columns"), count(relationships.length, "relationship", "relationships")];
  return {
    title: `Delete table ${name}?`,
    summary: `This deletes the table ${name} with its ${parts.join(" and its ")}${relationships.length ? ":" : "."}`,
    items: relationships.map(describeRelationship),
    action: "Delete table",
    edit: { op: "delete_table", table: detail.entry.id },
  };
}

/** Deleting one relationship; its tables and columns stay. */
export function relationshipDeletion(r: Relationship): Deletion {
  return {
    title: `Delete relationship ${r.key || "(no key)"}?`,
    summary: "This deletes the relationship; both tables and their columns stay:",
    items: [describeRelationship(r)],
    action: "Delete relationship",
    edit: { op: "delete_relationship", relationship: r.id },
  };
}

/** Whether the Delete key, pressed with focus on `target`, means "delete the selection": not
 *  while typing in a field, where it deletes text. */
export function deleteKeyTarget(target: { closest(selectors: string): unknown } | null): boolean {
  return target?.closest("input, textarea, select, [contenteditable=''], [contenteditable='true'], [role='dialog']") == null;
}
