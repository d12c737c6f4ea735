// Which group frames of a workspace's diagram are collapsed: a view preference of this
// window's user (like the List/Diagram choice), kept in the window's storage per workspace
// path, not in the workspace that others share (pins are in the workspace: they shape the
// drawing everyone sees).

/** The storage key for `workspace`'s collapsed groups. */
export function collapsedKey(workspace: string): string {
  return `relata.collapsed:${workspace}`;
}

/** The group names stored for `workspace`; none when nothing (or nothing readable) is there. */
export function loadCollapsed(storage: Pick<Storage, "getItem">, workspace: string): string[] {
  try {
    const value: unknown = JSON.parse(storage.getItem(collapsedKey(workspace)) ?? "[]");
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

/** Stores `names` for `workspace` (sorted, so the same set is the same text); an empty set
 *  removes the entry. Storage that refuses (full, disabled) costs only the memory of it. */
export function saveCollapsed(storage: Pick<Storage, "setItem" | "removeItem">, workspace: string, names: Iterable<string>): void {
  const sorted = [...names].sort();
  try {
    if (sorted.length === 0) storage.removeItem(collapsedKey(workspace));
    else storage.setItem(collapsedKey(workspace), JSON.stringify(sorted));
  } catch {
    // Not remembered for the next start; this session keeps it.
  }
}
