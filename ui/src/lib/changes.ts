// What the Changes dialog says about a comparison: the mark of each change, a field's line and
// the summary above the list. Pure, tested in changes.test.ts.

import type { ChangesView, FieldChange } from "../ipc";

/** `+` added, `−` removed, `~` changed. */
export function changeMark(kind: string): string {
  return kind === "added" ? "+" : kind === "removed" ? "−" : "~";
}

/** `data_type: varchar(255) → text`. */
export function fieldLine(f: FieldChange): string {
  return `${f.field}: ${f.from ?? "(none)"} → ${f.to ?? "(none)"}`;
}

/** "3 changes in 2 tables from the last save to the workspace", or that there are none. */
export function changesSummary(view: ChangesView): string {
  const tables = view.groups.filter((g) => g.table).length;
  if (view.drift) {
    return view.same
      ? `No drift: ${view.old} holds what the workspace's SQL export creates`
      : `${view.old} differs from the workspace: ${plural(view.count, "change")} in ${plural(tables, "table")}`;
  }
  if (view.same) return `No changes from ${view.old} to ${view.new}`;
  return `${plural(view.count, "change")} in ${plural(tables, "table")} from ${view.old} to ${view.new}`;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString()} ${word}${n === 1 ? "" : "s"}`;
}
