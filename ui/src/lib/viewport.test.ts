import { describe, expect, it } from "vitest";
import { fit, MAX_SCALE, pan, pinch, zoomAt } from "./viewport";

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
