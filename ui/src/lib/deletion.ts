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

/** The relationships of `tables`, each once (a relationship between two of them is listed once). */
function relationshipsOf(tables: TableDetail[]): Relationship[] {
  const seen = new Map<string, Relationship>();
  for (const t of tables) for (const r of t.relationships) seen.set(r.entry.id, r.entry);
  return [...seen.values()];
}

/** Deleting several tables at once (a Shift-click selection): each with its columns and
 *  relationships, as one batch (one undo step). */
export function tablesDeletion(tables: TableDetail[]): Deletion {
  if (tables.length === 1) return tableDeletion(tables[0]!);
  const relationships = relationshipsOf(tables);
  const names = tables.map((t) => `${t.schema}.${t.name}`);
  return {
    title: `Delete ${tables.length} tables?`,
    summary: `This deletes ${count(tables.length, "table", "tables")} with their columns and ${count(relationships.length, "relationship", "relationships")}:`,
    items: [...names, ...relationships.map(describeRelationship)],
    action: `Delete ${tables.length} tables`,
    edit: { op: "batch", label: `Delete ${tables.length} tables`, edits: tables.map((t) => ({ op: "delete_table", table: t.entry.id })) },
  };
}

/** What a group's Delete offers besides deleting it: moving its tables to another module
 *  (a table always has a module: `table_overview` requires one), as one batch. */
export interface Regrouping {
  /** The button's label. */
  action: string;
  /** The modules the tables may move to. */
  modules: string[];
  /** The one edit that moves every table of the group to `module`. */
  edit(module: string): Edit;
}

/** Deleting the group (module) `module`, whose tables are `tables`: the group with its tables
 *  (listed), or, as the alternative, the group alone, its tables moved to one of `others`. */
export function groupDeletion(module: string, tables: TableDetail[], others: string[]): Deletion & { regroup: Regrouping | null } {
  const names = tables.map((t) => `${t.schema}.${t.name}`);
  const relationships = relationshipsOf(tables);
  return {
    title: `Delete group ${module}?`,
    summary: `The group ${module} holds ${count(tables.length, "table", "tables")} (with ${count(relationships.length, "relationship", "relationships")}):`,
    items: names,
    action: `Delete the group with its ${count(tables.length, "table", "tables")}`,
    edit: { op: "batch", label: `Delete group ${module} with its ${count(tables.length, "table", "tables")}`, edits: tables.map((t) => ({ op: "delete_table", table: t.entry.id })) },
    regroup: others.length === 0 ? null : {
      action: "Ungroup: move them to",
      modules: others,
      edit: (to) => ({
        op: "batch",
        label: `Ungroup ${module}: move ${count(tables.length, "table", "tables")} to ${to}`,
        edits: tables.map((t) => ({ op: "put_table", table: { ...t.entry, module: to } })),
      }),
    },
  };
}

/** Moving the table `detail` to the group (module) `module`: one edit. */
export function moveToGroup(detail: TableDetail, module: string): Edit {
  return { op: "put_table", table: { ...detail.entry, module } };
}

/** Moving the tables `details` to the group (module) `module` (a dragged selection dropped in
 *  its frame): one edit, one undo step. */
export function moveAllToGroup(details: readonly TableDetail[], module: string): Edit {
  const edits = details.filter((d) => d.entry.module !== module).map((d) => moveToGroup(d, module));
  return { op: "batch", label: `Move ${edits.length} ${edits.length === 1 ? "table" : "tables"} to ${module}`, edits };
}
