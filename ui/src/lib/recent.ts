// "Open recent": the shell keeps the list (settings.json in the app config folder); this turns
// it into what the menu and the palette show. Pure, tested.

import type { RecentWorkspace } from "../ipc";

/** One line of the recent menu. */
export interface RecentEntry {
  path: string;
  /** The folder or file name, what people recognise. */
  name: string;
  /** Where it lives. */
  folder: string;
  /** Missing from disk: shown disabled, with a way to remove it. */
  missing: boolean;
  /** The workspace open now. */
  current: boolean;
}

/** The recent list as menu entries, in the shell's order (most recent first). */
export function recentEntries(recent: readonly RecentWorkspace[], currentPath: string | null): RecentEntry[] {
  return recent.map((r) => {
    const parts = r.path.split(/[\\/]/);
    while (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
    const name = parts.pop() ?? r.path;
    return { path: r.path, name, folder: parts.join("/") || "/", missing: !r.exists, current: r.path === currentPath };
  });
}

/** What the menu says about entries that are gone, or `null` when all are there. */
export function missingMessage(entries: readonly RecentEntry[]): string | null {
  const missing = entries.filter((e) => e.missing).length;
  if (missing === 0) return null;
  return missing === 1 ? "1 workspace is no longer there; remove it with ✕." : `${missing} workspaces are no longer there; remove them with ✕.`;
}

/** Whether the entry can be opened: it is there and not the workspace open now. */
export function openable(entry: RecentEntry): boolean {
  return !entry.missing && !entry.current;
}

/** The entry `by` places from `index` among those that can be opened, wrapping; -1 when none can. */
export function moveFocus(entries: readonly RecentEntry[], index: number, by: 1 | -1): number {
  const n = entries.length;
  for (let step = 1; step <= n; step++) {
    const i = (((index + by * step) % n) + n) % n;
    const entry = entries[i];
    if (entry && openable(entry)) return i;
  }
  return -1;
}
