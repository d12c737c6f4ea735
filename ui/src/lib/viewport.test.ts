import { describe, expect, it } from "vitest";
import { centreOn, fit, MAX_SCALE, opening, pan, pinch, READABLE_SCALE, zoomAt } from "./viewport";

describe("viewport", () => {
  it("zooms about the pointer: the point under it stays put", () => {
    const v = { scale: 1, x: 10, y: 20 };
    const z = zoomAt(v, 2, 110, 220);
    // Diagram point under (110, 220) before: ((110-10)/1, (220-20)/1) = (100, 200).
    expect([100 * z.scale + z.x, 200 * z.scale + z.y]).toEqual([110, 220]);
    expect(zoomAt(v, 1000, 0, 0).scale).toBe(MAX_SCALE);
  });

  it("fits a drawing whole and centred, never enlarging it", () => {
    const f = fit(2000, 1000, 1016, 532);
    expect(f.scale).toBeCloseTo(0.492, 3);
    expect(f.x).toBeCloseTo((1016 - 2000 * f.scale) / 2);
    expect(fit(100, 100, 1000, 1000).scale).toBe(1);
  });

  it("opens a diagram that fits legibly whole and centred, as fit does", () => {
    // 800 × 400 in 1016 × 532: fit is 100 %, well above the readable zoom.
    expect(opening(800, 400, 1016, 532, null)).toEqual(fit(800, 400, 1016, 532));
    // Fit at exactly the readable zoom is still fit.
    const edge = opening(1000 * 4 / 3 + 32, 300, 1000 + 32, 800, null);
    expect(edge.scale).toBeCloseTo(READABLE_SCALE, 9);
  });

  it("opens a diagram too big to fit legibly at the readable zoom, centred on the largest group", () => {
    // The bundled example's shape: 2000 × 1000 in 1016 × 532 fits at 49 %, text 6 px high.
    const group = { x: 700, y: 350, width: 600, height: 300 };
    const v = opening(2000, 1000, 1016, 532, group);
    expect(v.scale).toBe(READABLE_SCALE);
    expect(v.scale).toBeGreaterThan(fit(2000, 1000, 1016, 532).scale);
    // The group's centre (1000, 500) is at the viewport's centre (508, 266).
    expect(1000 * v.scale + v.x).toBeCloseTo(508);
    expect(500 * v.scale + v.y).toBeCloseTo(266);
  });

  it("never centres a group so far that blank space shows where the drawing could", () => {
    // A group in the far bottom-right corner: the drawing's right and bottom edges stop at the
    // viewport's, less the margin, instead of the group's centre reaching the middle.
    const corner = { x: 1900, y: 950, width: 100, height: 50 };
    const v = opening(2000, 1000, 1016, 532, corner);
    expect(2000 * v.scale + v.x).toBeCloseTo(1016 - 16);
    expect(1000 * v.scale + v.y).toBeCloseTo(532 - 16);
    // And in the top-left corner, its left and top edges sit at the margin.
    const start = opening(2000, 1000, 1016, 532, { x: 0, y: 0, width: 50, height: 50 });
    expect([start.x, start.y]).toEqual([16, 16]);
    // Wide but short: it is centred vertically, the group's centre horizontally.
    const wide = opening(4000, 300, 1016, 532, { x: 2000, y: 0, width: 400, height: 300 });
    expect(wide.y).toBeCloseTo((532 - 300 * READABLE_SCALE) / 2);
    expect(2200 * wide.scale + wide.x).toBeCloseTo(508);
    // No group: the drawing's own centre.
    const plain = opening(2000, 1000, 1016, 532, null);
    expect(1000 * plain.scale + plain.x).toBeCloseTo(508);
  });

  it("centres a table at a legible zoom, keeping a closer one", () => {
    const table = { x: 3000, y: 1200, width: 220, height: 160 };
    // Zoomed far out: the jump zooms in to the readable scale, the table's middle at the screen's.
    const v = centreOn({ scale: 0.1, x: 5, y: 7 }, table, 1000, 600);
    expect(v.scale).toBe(READABLE_SCALE);
    expect(v.x + (table.x + table.width / 2) * v.scale).toBeCloseTo(500);
    expect(v.y + (table.y + table.height / 2) * v.scale).toBeCloseTo(300);
    // Already closer than that: the zoom stays, only the view moves.
    const near = centreOn({ scale: 1.5, x: 0, y: 0 }, table, 1000, 600);
    expect(near.scale).toBe(1.5);
    expect(near.x + (table.x + table.width / 2) * 1.5).toBeCloseTo(500);
  });

  it("pans by screen pixels", () => {
    expect(pan({ scale: 2, x: 1, y: 1 }, 5, -3)).toEqual({ scale: 2, x: 6, y: -2 });
  });
  it("pinches about the fingers' midpoint and follows it", () => {
    const view = { scale: 1, x: 0, y: 0 };
    // Fingers spread from 100 px to 200 px apart around (150, 100): twice the zoom, that
    // point fixed.
    const spread = pinch(view, [100, 100], [200, 100], [50, 100], [250, 100]);
    expect(spread).toEqual({ scale: 2, x: -150, y: -100 });
    // The diagram point under the midpoint (150, 100) is still under it.
    expect((150 - spread.x) / spread.scale).toBe(150);
    // Both fingers moving together pan only.
    expect(pinch(view, [100, 100], [200, 100], [110, 120], [210, 120])).toEqual({ scale: 1, x: 10, y: 20 });
    // Fingers on one point: no zoom from a zero distance.
    expect(pinch(view, [100, 100], [100, 100], [100, 100], [100, 100])).toEqual(view);
  });
});
