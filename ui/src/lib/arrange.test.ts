import { describe, expect, it } from "vitest";
import type { Diagram } from "../ipc";
import { arrange, bandBox, inBand, pinAll, shift, type Placed } from "./arrange";

const placed = (index: number, x: number, y: number, width = 100, height = 60): Placed => ({ index, rect: { x, y, width, height } });
const three = [placed(0, 10, 0), placed(1, 200, 50, 80), placed(2, 500, 20, 120)];

describe("a rubber band", () => {
  it("takes every table it touches, drawn either way", () => {
    expect(bandBox([300, 100], [0, -10])).toEqual({ x: 0, y: -10, width: 300, height: 110 });
    expect(inBand(three, bandBox([300, 100], [0, -10]))).toEqual([0, 1]);
    expect(inBand(three, bandBox([150, 200], [160, 210]))).toEqual([]);
    // Touching the edge counts.
    expect(inBand(three, { x: 620, y: 15, width: 10, height: 5 })).toEqual([2]);
  });
});

describe("aligning and distributing", () => {
  it("lines left edges and tops up on the outermost, centres on their mean", () => {
    expect([...arrange(three, "left")]).toEqual([[1, [10, 50]], [2, [10, 20]]]);
    expect([...arrange(three, "top")]).toEqual([[1, [200, 0]], [2, [500, 0]]]);
    // Centres at 60, 240, 560: mean 286.67 → boxes of 100, 80 and 120 start at 237, 247 and 227.
    expect([...arrange(three, "centre")]).toEqual([[0, [237, 0]], [1, [247, 50]], [2, [227, 20]]]);
  });

  it("spreads three or more with equal gaps, the first and last kept; a done arrangement moves nothing", () => {
    // Span 10..620 holds 300 of boxes: two gaps of 155.
    const spread = arrange(three, "horizontal");
    expect([...spread]).toEqual([[1, [265, 50]]]);
    const again = three.map((t) => ({ ...t, rect: { ...t.rect, x: spread.get(t.index)?.[0] ?? t.rect.x } }));
    expect(arrange(again, "horizontal").size).toBe(0);
    // Tops 0, 20 and 50 with boxes of 60 overlap: the gaps come out equal, if negative.
    expect([...arrange(three, "vertical")]).toEqual([[2, [500, 25]]]);
    expect(arrange(three.slice(0, 2), "vertical").size).toBe(0);
    expect(arrange(three.slice(0, 1), "left").size).toBe(0);
  });

  it("moves every table by the same amount, and pins them all as one batch", () => {
    const moved = shift(three.slice(0, 2), 10, -5);
    expect([...moved]).toEqual([[0, [20, -5]], [1, [210, 45]]]);
    const d = { tables: [{ schema: "s", table: "a" }, { schema: "s", table: "b" }] } as unknown as Diagram;
    expect(pinAll(d, moved, "Move")).toEqual({
      op: "batch", label: "Move (2 tables)",
      edits: [{ op: "set_pin", table: { schema: "s", table: "a" }, position: [20, -5] }, { op: "set_pin", table: { schema: "s", table: "b" }, position: [210, 45] }],
    });
    expect(pinAll(d, new Map(), "Move")).toBeNull();
    expect(shift(three, 0, 0).size).toBe(0);
  });
});
