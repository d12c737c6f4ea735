// Filtering the table listing: pure, so it is tested without a window.

import type { ModuleGroup, TableSummary } from "../ipc";

/** A group as shown after filtering: the tables that match, and whether to show it at all. */
export interface FilteredGroup {
  group: ModuleGroup;
  tables: TableSummary[];
  visible: boolean;
}

/** The result of a filter: the groups, and how many tables are shown out of how many. */
export interface Filtered {
  groups: FilteredGroup[];
  shown: number;
  total: number;
}

/**
 * Tables whose `schema.name` or status contains the query (case-insensitive); a module whose
 * name matches shows all its tables. An empty query shows everything, empty modules included.
 */
export function filterGroups(groups: readonly ModuleGroup[], query: string): Filtered {
  const q = query.trim().toLowerCase();
  let shown = 0;
  let total = 0;
  const result = groups.map((group) => {
    total += group.tables.length;
    const moduleMatches = group.module.toLowerCase().includes(q);
    const tables = !q || moduleMatches
      ? group.tables
      : group.tables.filter((t) => `${t.schema}.${t.name} ${t.status}`.toLowerCase().includes(q));
    shown += tables.length;
    return { group, tables, visible: !q || moduleMatches || tables.length > 0 };
  });
  return { groups: result, shown, total };
}

/** `1 table`, `2 tables`. */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
