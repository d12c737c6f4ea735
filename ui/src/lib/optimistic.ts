// The inspector's view with an edit applied ahead of the shell's answer: whole-entry edits
// (put_table, put_signal, put_relationship, a put_partial's signals) replace the entry they carry; index and unique
// constraint edits change the table's list at their position. The refresh that
// follows every edit replaces this guess with the truth (also when the edit was refused).

import type { Edit, Table, TableDetail } from "../ipc";

/** `detail` with `edit`'s entry in place, or `detail` itself when the edit is not a put. */
export function optimistic(detail: TableDetail, edit: Edit): TableDetail {
  switch (edit.op) {
    case "put_table":
      return edit.table.id === detail.entry.id ? { ...detail, entry: edit.table } : detail;
    case "put_signal":
      return {
        ...detail,
        columns: detail.columns.map((c) => (c.entry.id === edit.signal.id ? { ...c, entry: edit.signal } : c)),
      };
    case "put_partial":
      // The partial's column in every table using it: this table's is among them.
      return {
        ...detail,
        columns: detail.columns.map((c) => {
          const put = edit.signals.find((s) => s.id === c.entry.id);
          return put ? { ...c, entry: put } : c;
        }),
      };
    case "put_relationship":
      return {
        ...detail,
        relationships: detail.relationships.map((r) =>
          r.entry.id === edit.relationship.id ? { ...r, entry: edit.relationship } : r),
      };
    case "put_index":
    case "delete_index":
    case "put_unique_constraint":
    case "delete_unique_constraint":
      return edit.table === detail.entry.id ? { ...detail, entry: withPart(detail.entry, edit) } : detail;
    default:
      return detail;
  }
}

/** `table` with an index or unique-constraint edit made (a position past the end changes nothing). */
function withPart(table: Table, edit: Extract<Edit, { op: "put_index" | "delete_index" | "put_unique_constraint" | "delete_unique_constraint" }>): Table {
  const splice = <T>(list: T[], position: number, item?: T): T[] => {
    if (position > list.length || (item === undefined && position >= list.length)) return list;
    const next = [...list];
    if (item === undefined) next.splice(position, 1);
    else next.splice(position, position < list.length ? 1 : 0, item);
    return next;
  };
  switch (edit.op) {
    case "put_index": return { ...table, indexes: splice(table.indexes, edit.position, edit.index) };
    case "delete_index": return { ...table, indexes: splice(table.indexes, edit.position) };
    case "put_unique_constraint": return { ...table, unique_constraints: splice(table.unique_constraints, edit.position, edit.constraint) };
    case "delete_unique_constraint": return { ...table, unique_constraints: splice(table.unique_constraints, edit.position) };
  }
}
