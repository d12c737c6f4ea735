// The inspector's view with an edit applied ahead of the shell's answer: whole-entry edits
// (put_table, put_signal, put_relationship) replace the entry they carry. The refresh that
// follows every edit replaces this guess with the truth (also when the edit was refused).

import type { Edit, TableDetail } from "../ipc";

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
    case "put_relationship":
      return {
        ...detail,
        relationships: detail.relationships.map((r) =>
          r.entry.id === edit.relationship.id ? { ...r, entry: edit.relationship } : r),
      };
    default:
      return detail;
  }
}
