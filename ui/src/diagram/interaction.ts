// What a press in the diagram lands on. The viewport captures the pointer when a press goes
// down, so the release's target is always the viewport: what a click acts on is decided at the
// press, from the scene (the canvas overview has no elements to hit) or from the SVG element
// pressed, and DiagramView acts on it when the press comes up without having moved. Pure.

import type { Box, Diagram } from "../ipc";
import { hitTest, partitionAt, type Scene } from "../lib/diagram";

/** What a click acts on: a table, a group's collapse toggle, a relationship's line, a group's
 *  frame, or a partition listed in its table's box. */
export type Aim = { kind: "table"; index: number } | { kind: "toggle"; group: string } | { kind: "line"; edge: number } | { kind: "frame"; group: number }
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
  if (partition) return { aim: { kind: "partition", schema: partition.getAttribute("data-schema") ?? "", table: partition.getAttribute("data-name") ?? "" }, drag };
  if (toggle) return { aim: { kind: "toggle", group: toggle.getAttribute("data-toggle-group") ?? "" }, drag };
  if (box) return { aim: { kind: "table", index: Number(box.getAttribute("data-index")) }, drag };
  if (line) return { aim: { kind: "line", edge: Number(line.getAttribute("data-edges")) }, drag };
  if (frame) return { aim: { kind: "frame", group: Number(frame.getAttribute("data-frame-group")) }, drag };
  return { aim: null, drag };
}
