// Building the edits the forms send: pure functions over registry entries, tested without a
// window. Every edit stamps `updated_at`, as the registry design expects of a changed row.

import type { Edit, Signal, Table, TableDetail } from "../ipc";
import { now } from "../ipc";

/** The table entry with one field changed, as a `put_table` edit. */
export function putTable<K extends keyof Table>(table: Table, field: K, value: Table[K], at: string = now()): Edit {
  return { op: "put_table", table: { ...table, [field]: value, updated_at: at } };
}

/** The signal entry with one field changed, as a `put_signal` edit. */
export function putSignal<K extends keyof Signal>(signal: Signal, field: K, value: Signal[K], at: string = now()): Edit {
  return { op: "put_signal", signal: { ...signal, [field]: value, updated_at: at } };
}

/** Empty text means "not set" (`null`) for optional text fields. */
export function optionalText(text: string): string | null {
  return text.trim() === "" ? null : text;
}

/** A name for a new column that the table does not use yet: `new_column`, `new_column_2`, … */
export function freshColumnName(taken: readonly string[]): string {
  const used = new Set(taken);
  if (!used.has("new_column")) return "new_column";
  for (let n = 2; ; n++) {
    if (!used.has(`new_column_${n}`)) return `new_column_${n}`;
  }
}

/** A `put_signal` adding a nullable text column at the end of the table. */
export function addColumn(detail: TableDetail, id: string, at: string = now()): Edit {
  return {
    op: "put_signal",
    signal: {
      id,
      table: { schema: detail.schema, table: detail.name },
      column: freshColumnName(detail.columns.map((c) => c.name)),
      ordinal: detail.columns.length + 1,
      data_type: "text",
      nullable: true,
      default: null,
      role: "attribute",
      row_type: "binding",
      concept: null,
      connection: "rw",
      description: null,
      created_at: at,
      updated_at: at,
    },
  };
}

/** A `move_signal` one place up (-1) or down (+1), or `null` at the edge. */
export function moveColumn(detail: TableDetail, column: string, by: -1 | 1): Edit | null {
  const index = detail.columns.findIndex((c) => c.name === column);
  const target = index + by;
  const signal = detail.columns[index]?.entry;
  if (!signal || target < 0 || target >= detail.columns.length) return null;
  return { op: "move_signal", signal: signal.id, to_ordinal: target + 1 };
}
