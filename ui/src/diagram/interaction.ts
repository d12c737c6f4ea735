// What a press in the diagram lands on. The viewport captures the pointer when a press goes
// down, so the release's target is always the viewport: what a click acts on is decided at the
// press, from the scene (the canvas overview has no elements to hit) or from the SVG element
// pressed, and DiagramView acts on it when the press comes up without having moved. Pure.

import type { Box, Diagram } from "../ipc";
import { hitTest, partitionAt, type Point, type Scene } from "../lib/diagram";

/** What a click acts on: a table, a group's collapse toggle, a relationship's line, a group's
 *  frame, or a partition listed in its table's box. */
export type Aim = { kind: "add-column"; index: number } | { kind: "table"; index: number } | { kind: "toggle"; group: string } | { kind: "line"; edge: number } | { kind: "frame"; group: number }
  | { kind: "partition"; schema: string; table: string } | null;

/** A press's aim, and the table whose header it grabbed (a drag moves that table), if any. */
export interface Pressed {
  aim: Aim;
  /** Index in the diagram's tables; null when the press would pan. */
  drag: number | null;
}

/** The group whose expanded frame holds diagram point (`x`, `y`), or null. */
export function frameAt(scene: Scene, x: number, y: number): number | null {
  for (const f of scene.frames) {
    const r = f.rect;
    if (x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height) return f.index;
  }
  return null;
}

/** The frame of a group other than `own` that holds diagram point (`x`, `y`), or null: where a
 *  dragged table (or selection) of group `own` is dropped into another group. Its own frame,
 *  grown around the dragged boxes, does not count. */
export function otherFrameAt(scene: Scene, x: number, y: number, own: number | null): number | null {
  for (const f of scene.frames) {
    if (f.index === own) continue;
    const r = f.rect;
    if (x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height) return f.index;
  }
  return null;
}

/** A press at diagram point (`x`, `y`) on the canvas overview of `scene` (of `shown`). `rows`:
 *  partition rows are legible (and so can be hit); `focused`: in focus mode, where tables are
 *  not dragged. */
export function pressOnScene(scene: Scene, shown: Diagram, rectOf: ReadonlyMap<number, Box>, x: number, y: number, rows: boolean, focused: boolean): Pressed {
  const hit = hitTest(scene, x, y, shown.metrics.header_height);
  const drag = hit?.kind === "table" && hit.header && !focused ? hit.index : null;
  const hitTable = hit?.kind === "table" ? shown.tables[hit.index] : undefined;
  const part = hit?.kind === "table" && hitTable && rows ? partitionAt(shown, hitTable, rectOf.get(hit.index) ?? hitTable.rect, y) : null;
  if (part) return { aim: { kind: "partition", schema: part.schema, table: part.table }, drag };
  if (hit?.kind === "table") return { aim: { kind: "table", index: hit.index }, drag };
  if (hit?.kind === "group") return { aim: { kind: "toggle", group: shown.groups[hit.index]?.name ?? "" }, drag };
  const f = frameAt(scene, x, y);
  return { aim: f !== null ? { kind: "frame", group: f } : null, drag };
}

/** A press on `target`, an element of the SVG drawing (DiagramSvg.svelte's data attributes). */
export function pressOnElement(target: Element, focused: boolean): Pressed {
  const header = focused ? null : target.closest("g.table-header");
  const index = header ? Number(header.closest("g.table")?.getAttribute("data-index")) : NaN;
  const drag = Number.isNaN(index) ? null : index;
  const toggle = target.closest("[data-toggle-group]");
  const box = target.closest("g.table[data-index]");
  // A folded line (to a collapsed group) stands for several relationships: none to open.
  const line = target.closest("g.line[data-edges]:not([data-edges*=' '])");
  const frame = target.closest("[data-frame-group]");
  const partition = target.closest("g.partition-row[data-schema]");
  const plus = target.closest("g.add-column[data-index]");
  if (plus) return { aim: { kind: "add-column", index: Number(plus.getAttribute("data-index")) }, drag: null };
  if (partition) return { aim: { kind: "partition", schema: partition.getAttribute("data-schema") ?? "", table: partition.getAttribute("data-name") ?? "" }, drag };
  if (toggle) return { aim: { kind: "toggle", group: toggle.getAttribute("data-toggle-group") ?? "" }, drag };
  if (box) return { aim: { kind: "table", index: Number(box.getAttribute("data-index")) }, drag };
  if (line) return { aim: { kind: "line", edge: Number(line.getAttribute("data-edges")) }, drag };
  if (frame) return { aim: { kind: "frame", group: Number(frame.getAttribute("data-frame-group")) }, drag };
  return { aim: null, drag };
}

// ---------------------------------------------------------------------------------------------
// Relating by dragging: from a column row's port (where lines attach) to a column or a header

/** Half the size (screen px) of a port: the spot at either end of a column row where lines
 *  attach and a drag draws a new relationship from. */
export const PORT_RADIUS = 7;

/** A column row's port: table `index` (into the diagram's tables), its row, its side. */
export interface Port {
  index: number;
  row: number;
  side: "left" | "right";
}

/** Where a relationship drawn on the canvas would go: a table's column row, or its header
 *  (`row` null: the parent's primary key). */
export interface DropTarget {
  index: number;
  row: number | null;
}

/** The port under diagram point (`x`, `y`) at zoom `scale`, if any: within `PORT_RADIUS`
 *  screen px of a column row's left or right edge. Topmost tables first, as drawn. */
export function portAt(scene: Scene, shown: Diagram, x: number, y: number, scale: number): Port | null {
  const reach = PORT_RADIUS / scale;
  const m = shown.metrics;
  for (let i = scene.tables.length - 1; i >= 0; i--) {
    const s = scene.tables[i]!;
    const r = s.rect;
    const columns = shown.tables[s.index]?.columns.length ?? 0;
    const row = Math.floor((y - r.y - m.header_height) / m.row_height);
    if (row < 0 || row >= columns) continue;
    if (Math.abs(x - r.x) <= reach) return { index: s.index, row, side: "left" };
    if (Math.abs(x - (r.x + r.width)) <= reach) return { index: s.index, row, side: "right" };
  }
  return null;
}

/** The centre of a port, in diagram units. */
export function portPoint(scene: Scene, shown: Diagram, port: Port): Point {
  const r = scene.tables.find((t) => t.index === port.index)?.rect ?? shown.tables[port.index]!.rect;
  const m = shown.metrics;
  return [port.side === "left" ? r.x : r.x + r.width, r.y + m.header_height + (port.row + 0.5) * m.row_height];
}

/** The drop target under diagram point (`x`, `y`) for a drag from `from`: a column row (not the
 *  dragged one), or the header of a table with a primary key to join on; null elsewhere
 *  (empty canvas, a partition list, a header without a key). */
export function dropTargetAt(scene: Scene, shown: Diagram, x: number, y: number, from: Port): DropTarget | null {
  const hit = hitTest(scene, x, y, shown.metrics.header_height);
  if (hit?.kind !== "table") return null;
  const t = shown.tables[hit.index];
  const rect = scene.tables.find((s) => s.index === hit.index)?.rect;
  if (!t || !rect) return null;
  if (hit.header) return t.columns.some((c) => c.pk) ? { index: hit.index, row: null } : null;
  const row = Math.floor((y - rect.y - shown.metrics.header_height) / shown.metrics.row_height);
  if (row < 0 || row >= t.columns.length) return null;
  if (hit.index === from.index && row === from.row) return null;
  return { index: hit.index, row };
}

/** Whether table `index` offers a drop target to a drag from `from`: a header with a key, or
 *  any column row but the dragged one. The canvas lights these while the drag lasts. */
export function offersTarget(shown: Diagram, index: number, from: Port): boolean {
  const t = shown.tables[index];
  if (!t) return false;
  return t.columns.some((c) => c.pk) || t.columns.length > (index === from.index ? 1 : 0);
}

/** A stable key for a drop target, to match answers to the target the pointer is over. */
export function targetKey(target: DropTarget | null): string {
  return target ? `${target.index}:${target.row ?? "header"}` : "";
}
