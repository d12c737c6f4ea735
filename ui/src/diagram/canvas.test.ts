import { describe, expect, it } from "vitest";
import type { Diagram, DiagramTable } from "../ipc";
import { project } from "../lib/diagram";
import { paintOverview, type Palette } from "./canvas";

const table = (name: string, x: number): DiagramTable => ({
  schema: "s", table: name, group: 0, color: "#2F6FB0", pinned: false, rect: { x, y: 0, width: 100, height: 66 },
  columns: [{ name: "id", data_type: "int", pk: true, fk: false, nullable: false }], kind: "table", partitions: [], more_partitions: 0,
});
const diagram: Diagram = {
  tables: [table("a", 0), table("b", 200), table("c", 400)],
  groups: [{ name: "G", color: "#2F6FB0", frame: { x: -26, y: -52, width: 552, height: 144 } }],
  edges: [],
  bounds: { x: -26, y: -52, width: 552, height: 144 },
  metrics: { header_height: 26, row_height: 20, text_padding: 22, frame_padding: 26, frame_title_height: 26 },
};
const palette: Palette = {
  tableBg: "#fff", tableBorder: "#b8c1cc", muted: "#6b7785", rowBand: "#f3f5f8", line: "#4a5563", sketchLine: "#98a2ae", hlLine: "#d97706",
  selected: "#2f5fd0", text: "#1f2933", bg: "#f7f8fa", dim: 0.2, frameTint: 0.07, dark: false,
};

/** A canvas whose 2D context records each outline (strokeRect) with the colour it was drawn in. */
function recordingCanvas() {
  const outlines: { x: number; style: string; width: number }[] = [];
  const ctx: Record<string, unknown> = { strokeStyle: "", lineWidth: 1 };
  const context = new Proxy(ctx, {
    get: (target, key) => key in target ? target[key as string]
      : key === "strokeRect" ? (x: number) => outlines.push({ x, style: String(target.strokeStyle), width: Number(target.lineWidth) })
        : () => {},
    set: (target, key, value) => ((target[key as string] = value), true),
  });
  const canvas = { width: 0, height: 0, getContext: () => context } as unknown as HTMLCanvasElement;
  return { canvas, outlines };
}

describe("the canvas overview", () => {
  it("outlines a Shift-selection in the selection colour, as the SVG does", () => {
    (globalThis as { window?: unknown }).window ??= { devicePixelRatio: 1 };
    const { canvas, outlines } = recordingCanvas();
    const scene = project(diagram, { collapsed: new Set(), moved: null });
    paintOverview(canvas, diagram, scene, 0.2, { x: -58, y: -84, width: 616, height: 208 }, palette, null, 0, new Set([2]));
    const boxes = outlines.filter((o) => [0, 200, 400].includes(o.x));
    expect(boxes.map((o) => [o.x, o.style])).toEqual([[0, palette.selected], [200, palette.tableBorder], [400, palette.selected]]);
    expect(boxes[2]!.width).toBe(boxes[0]!.width);
  });
});
