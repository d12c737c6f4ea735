// What the table form says of a column that a DBML `TablePartial` brings (`~timestamps`), and
// which of its edits go to the partial. A change of what DBML writes of the column (type,
// nullability, default, note, increment) is one edit of the partial in every table that uses
// it; the form says so before the change is committed. "Override here" makes this table define
// the column itself instead (DBML lets a table's own column win over a partial's).

import type { Edit, PartialDetail, Signal, TableRef } from "../ipc";

/** The column fields a DBML column definition (and so the partial) says. */
export const PARTIAL_FIELDS = ["data_type", "nullable", "default", "description", "spec"] as const;

/** Whether a change of `field` edits the partial rather than only this table's registry entry. */
export function editsPartial(partial: PartialDetail | null | undefined, field: keyof Signal): boolean {
  return !!partial && (PARTIAL_FIELDS as readonly string[]).includes(field);
}

/** "1 table" / "3 tables". */
function tables(n: number): string {
  return n === 1 ? "1 table" : `${n} tables`;
}

/** The mark beside the column's name: `from partial ~timestamps (used by 3 tables)`. */
export function partialMark(partial: PartialDetail): string {
  return `from partial ~${partial.name} (used by ${tables(partial.tables)})`;
}

/** What changing the column's type, nullability, default or description does, said before it is
 *  committed. */
export function partialEffect(partial: PartialDetail): string {
  const users = partial.tables === 1 ? "the 1 table that uses" : `the ${tables(partial.tables)} that use`;
  if (partial.rewrites) {
    return `Changing its type, null, default or description edits ~${partial.name}: changes ${users} ~${partial.name}.`;
  }
  return `~${partial.name} cannot be rewritten here: changing its type, null, default or description makes each of ${users} it ` +
    `define this column itself, overriding the partial.`;
}

/** What "Override here" does. */
export function overrideEffect(partial: PartialDetail, column: string): string {
  return `Define ${column} in this table only: ~${partial.name} keeps the other columns it brings here, and the other tables keep its ${column}.`;
}

/** The edit "Override here" sends. */
export function overrideEdit(table: TableRef, column: string): Edit {
  return { op: "override_partial_column", table, column };
}

/** The coalescing key of an edit of the partial's `field` typed in this column. */
export function partialCoalesce(partial: PartialDetail, signal: Signal, field: keyof Signal): string {
  return `partial:${partial.name}:${signal.column}:${field}`;
}
