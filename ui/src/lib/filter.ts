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

/** Exact-value filters chosen in the toolbar's selects; `null` means any. */
export interface Facets {
  module: string | null;
  schema: string | null;
  status: string | null;
  prefix: string | null;
}

/** No facet chosen. */
export const ANY: Facets = { module: null, schema: null, status: null, prefix: null };

/** The values each facet can take in `groups`, sorted (modules in registry order). */
export function facetValues(groups: readonly ModuleGroup[]): { module: string[]; schema: string[]; status: string[]; prefix: string[] } {
  const tables = groups.flatMap((g) => g.tables);
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))].sort();
  return {
    module: groups.map((g) => g.module),
    schema: distinct(tables.map((t) => t.schema)),
    status: distinct(tables.map((t) => t.status)),
    prefix: distinct(tables.map((t) => t.prefix)),
  };
}

/**
 * Tables that pass every chosen facet and whose `schema.name` or status contains the query
 * (case-insensitive; a module whose name matches passes all its tables). With no query and
 * no facet, everything shows, empty modules included.
 */
export function filterGroups(groups: readonly ModuleGroup[], query: string, facets: Facets = ANY): Filtered {
  const q = query.trim().toLowerCase();
  const faceted = facets.module !== null || facets.schema !== null || facets.status !== null || facets.prefix !== null;
  let shown = 0;
  let total = 0;
  const result = groups.map((group) => {
    total += group.tables.length;
    if (facets.module !== null && group.module !== facets.module) return { group, tables: [], visible: false };
    const moduleMatches = group.module.toLowerCase().includes(q);
    const tables = group.tables.filter((t) =>
      (facets.schema === null || t.schema === facets.schema)
      && (facets.status === null || t.status === facets.status)
      && (facets.prefix === null || t.prefix === facets.prefix)
      && (!q || moduleMatches || haystack(t).includes(q)));
    shown += tables.length;
    const visible = (!q && !faceted) || tables.length > 0 || (moduleMatches && facets.module !== null);
    return { group, tables, visible };
  });
  return { groups: result, shown, total };
}

/** What the query is looked for in, lower-case: made once per table summary, not per keystroke. */
const haystacks = new WeakMap<TableSummary, string>();
function haystack(t: TableSummary): string {
  let text = haystacks.get(t);
  if (text === undefined) {
    text = `${t.schema}.${t.name} ${t.status}`.toLowerCase();
    haystacks.set(t, text);
  }
  return text;
}

/** `1 table`, `2 tables`. */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
