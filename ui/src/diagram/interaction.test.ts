import { describe, expect, it } from "vitest";
import type { Diagram, DiagramTable } from "../ipc";
import { project } from "../lib/diagram";
import { dropTargetAt, frameAt, offersTarget, otherFrameAt, portAt, portPoint, pressOnScene, targetKey } from "./interaction";

const table = (name: string, group: number, x: number, y: number): DiagramTable => ({
  schema: "s", table: name, group, color: "#2F6FB0", pinned: false, rect: { x, y, width: 100, height: 66 },
  columns: [{ name: "id", data_type: "int", pk: true, fk: false, nullable: false }, { name: "n", data_type: "text", pk: false, fk: false, nullable: true }],
  kind: "table", partitions: [], more_partitions: 0,
});
/** Two groups: A (tables a, b) and B (table c); B is collapsed in some cases. */
const diagram: Diagram = {
  tables: [table("a", 0, 0, 0), table("b", 0, 200, 0), table("c", 1, 600, 0)],
  groups: [
    { name: "A", color: "#2F6FB0", frame: { x: -26, y: -52, width: 352, height: 144 } },
    { name: "B", color: "#7A4FB5", frame: { x: 574, y: -52, width: 152, height: 144 } },
  ],
  edges: [],
  bounds: { x: -26, y: -52, width: 752, height: 144 },
  metrics: { header_height: 26, row_height: 20, text_padding: 22, frame_padding: 26, frame_title_height: 26 },
};

describe("a press on the canvas overview", () => {
  const scene = project(diagram, { collapsed: new Set(), moved: null });
  const rects = new Map(scene.tables.map((t) => [t.index, t.rect]));

  it("on a table's header aims at the table and grabs it to drag, except in focus mode", () => {
    expect(pressOnScene(scene, diagram, rects, 210, 10, true, false)).toEqual({ aim: { kind: "table", index: 1 }, drag: 1 });
    expect(pressOnScene(scene, diagram, rects, 210, 10, true, true)).toEqual({ aim: { kind: "table", index: 1 }, drag: null });
  });

  it("on a table's rows aims at it without a drag; on a frame's empty part, at the group; outside, at nothing", () => {
    expect(pressOnScene(scene, diagram, rects, 50, 50, true, false)).toEqual({ aim: { kind: "table", index: 0 }, drag: null });
    expect(pressOnScene(scene, diagram, rects, 150, 80, true, false)).toEqual({ aim: { kind: "frame", group: 0 }, drag: null });
    expect(pressOnScene(scene, diagram, rects, 450, 10, true, false)).toEqual({ aim: null, drag: null });
    expect(frameAt(scene, 650, 80)).toBe(1);
  });

  it("finds another group's frame for a drop, never the dragged table's own (grown around it)", () => {
    // Table a dragged over group B's frame: A's frame grows to hold it, yet B is where it goes.
    const dragged = project(diagram, { collapsed: new Set(), moved: { index: 0, x: 600, y: 0 } });
    expect(frameAt(dragged, 650, 30)).toBe(0);
    expect(otherFrameAt(dragged, 650, 30, 0)).toBe(1);
    expect(otherFrameAt(dragged, 150, 30, 0)).toBeNull();
  });

  it("on a collapsed group's box aims at its toggle", () => {
    const folded = project(diagram, { collapsed: new Set(["B"]), moved: null });
    const box = folded.collapsed[0]!.rect;
    expect(pressOnScene(folded, diagram, rects, box.x + 20, box.y + 20, true, false)).toEqual({ aim: { kind: "toggle", group: "B" }, drag: null });
  });
});

describe("relating by dragging", () => {
  const scene = project(diagram, { collapsed: new Set(), moved: null });
  // Table b spans x 200..300; its rows are y 26..46 (id) and 46..66 (n).

  it("finds a column row's port within a few screen pixels of either edge, at any zoom", () => {
    expect(portAt(scene, diagram, 299, 36, 1)).toEqual({ index: 1, row: 0, side: "right" });
    expect(portAt(scene, diagram, 195, 56, 1)).toEqual({ index: 1, row: 1, side: "left" });
    // The middle of a row, the header and below the rows are no port.
    expect(portAt(scene, diagram, 250, 36, 1)).toBeNull();
    expect(portAt(scene, diagram, 299, 10, 1)).toBeNull();
    expect(portAt(scene, diagram, 299, 70, 1)).toBeNull();
    // Zoomed out to a half, 7 screen px are 14 diagram units.
    expect(portAt(scene, diagram, 312, 36, 0.5)).toEqual({ index: 1, row: 0, side: "right" });
    expect(portAt(scene, diagram, 312, 36, 1)).toBeNull();
    expect(portPoint(scene, diagram, { index: 1, row: 1, side: "right" })).toEqual([300, 56]);
  });

  it("drops on another column's row or on the header of a table with a key, never on the dragged row", () => {
    const from = { index: 0, row: 1, side: "right" as const };
    expect(dropTargetAt(scene, diagram, 250, 10, from)).toEqual({ index: 1, row: null });
    expect(dropTargetAt(scene, diagram, 250, 30, from)).toEqual({ index: 1, row: 0 });
    expect(dropTargetAt(scene, diagram, 50, 30, from)).toEqual({ index: 0, row: 0 });
    expect(dropTargetAt(scene, diagram, 50, 56, from)).toBeNull();
    expect(dropTargetAt(scene, diagram, 450, 30, from)).toBeNull();
    expect(targetKey({ index: 1, row: null })).toBe("1:header");
    expect(targetKey({ index: 1, row: 0 })).not.toBe(targetKey({ index: 1, row: null }));
  });

  it("offers no header to a table without a primary key", () => {
    const keyless: Diagram = { ...diagram, tables: diagram.tables.map((t) => ({ ...t, columns: t.columns.map((c) => ({ ...c, pk: false })) })) };
    const s = project(keyless, { collapsed: new Set(), moved: null });
    const from = { index: 0, row: 1, side: "right" as const };
    expect(dropTargetAt(s, keyless, 250, 10, from)).toBeNull();
    expect(dropTargetAt(s, keyless, 250, 30, from)).toEqual({ index: 1, row: 0 });
    expect(offersTarget(keyless, 1, from)).toBe(true);
    const lone: Diagram = { ...keyless, tables: [{ ...keyless.tables[0]!, columns: [keyless.tables[0]!.columns[0]!] }] };
    expect(offersTarget(lone, 0, { index: 0, row: 0, side: "left" })).toBe(false);
  });
});
