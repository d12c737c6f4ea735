// Many tables at once on the canvas: the tables a rubber band takes, and where aligning,
// distributing, nudging or dragging a selection puts each one — as one `batch` of pins, so the
// whole move is one undo step. Pure, tested without a window.

import type { Box, Diagram, Edit } from "../ipc";

/** A selected table: its index in the diagram and its box where it is drawn. */
export interface Placed {
  index: number;
  rect: Box;
}

/** The smallest box holding both corners (diagram units), whichever way the band was drawn. */
export function bandBox(a: [number, number], b: [number, number]): Box {
  return { x: Math.min(a[0], b[0]), y: Math.min(a[1], b[1]), width: Math.abs(a[0] - b[0]), height: Math.abs(a[1] - b[1]) };
}

/** The tables a rubber band over `band` takes: those it touches, in drawing order. */
export function inBand(tables: readonly Placed[], band: Box): number[] {
  return tables
    .filter(({ rect: r }) => r.x <= band.x + band.width && band.x <= r.x + r.width && r.y <= band.y + band.height && band.y <= r.y + r.height)
    .map((t) => t.index);
}

/** How to line the selection up, or spread it out. */
export type Arrangement = "left" | "top" | "centre" | "horizontal" | "vertical";

/** Each table's new top-left for `how`: left edges on the leftmost, tops on the topmost,
 *  centres on the mean centre (a column); or, for three or more, equal gaps between the boxes
 *  from the first to the last along x (`horizontal`) or y (`vertical`), the two ends kept. Only
 *  the tables that move are listed, so an arrangement already made changes nothing. */
export function arrange(tables: readonly Placed[], how: Arrangement): Map<number, [number, number]> {
  const out = new Map<number, [number, number]>();
  const put = (t: Placed, x: number, y: number) => {
    const [rx, ry] = [Math.round(x), Math.round(y)];
    if (rx !== t.rect.x || ry !== t.rect.y) out.set(t.index, [rx, ry]);
  };
  if (tables.length < 2) return out;
  if (how === "left") {
    const left = Math.min(...tables.map((t) => t.rect.x));
    for (const t of tables) put(t, left, t.rect.y);
  } else if (how === "top") {
    const top = Math.min(...tables.map((t) => t.rect.y));
    for (const t of tables) put(t, t.rect.x, top);
  } else if (how === "centre") {
    const centre = tables.reduce((sum, t) => sum + t.rect.x + t.rect.width / 2, 0) / tables.length;
    for (const t of tables) put(t, centre - t.rect.width / 2, t.rect.y);
  } else {
    if (tables.length < 3) return out;
    const along = how === "horizontal" ? "x" : "y";
    const size = how === "horizontal" ? "width" : "height";
    const sorted = [...tables].sort((a, b) => a.rect[along] - b.rect[along] || a.index - b.index);
    const first = sorted[0]!;
    const last = sorted[sorted.length - 1]!;
    const span = last.rect[along] + last.rect[size] - first.rect[along];
    const filled = sorted.reduce((sum, t) => sum + t.rect[size], 0);
    const gap = (span - filled) / (sorted.length - 1);
    let at = first.rect[along];
    for (const t of sorted) {
      if (how === "horizontal") put(t, at, t.rect.y);
      else put(t, t.rect.x, at);
      at += t.rect[size] + gap;
    }
  }
  return out;
}

/** Every table moved by (`dx`, `dy`): a drag of the selection, or an arrow key's nudge. */
export function shift(tables: readonly Placed[], dx: number, dy: number): Map<number, [number, number]> {
  const out = new Map<number, [number, number]>();
  if (dx === 0 && dy === 0) return out;
  for (const t of tables) out.set(t.index, [Math.round(t.rect.x + dx), Math.round(t.rect.y + dy)]);
  return out;
}

/** The edit that pins each table of `places` (indexes into `d.tables`) at its new top-left: one
 *  `batch` (one undo step) labelled `label`; null when nothing moves. */
export function pinAll(d: Diagram, places: ReadonlyMap<number, [number, number]>, label: string): Edit | null {
  const edits: Edit[] = [];
  for (const [index, position] of places) {
    const t = d.tables[index];
    if (t) edits.push({ op: "set_pin", table: { schema: t.schema, table: t.table }, position });
  }
  if (edits.length === 0) return null;
  return { op: "batch", label: `${label} (${edits.length} ${edits.length === 1 ? "table" : "tables"})`, edits };
}
