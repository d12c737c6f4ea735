import { describe, expect, it } from "vitest";
import type { Diagram, DiagramTable } from "../ipc";
import { project } from "../lib/diagram";
import { frameAt, pressOnScene } from "./interaction";

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

  it("on a collapsed group's box aims at its toggle", () => {
    const folded = project(diagram, { collapsed: new Set(["B"]), moved: null });
    const box = folded.collapsed[0]!.rect;
    expect(pressOnScene(folded, diagram, rects, box.x + 20, box.y + 20, true, false)).toEqual({ aim: { kind: "toggle", group: "B" }, drag: null });
  });
});
