import { describe, expect, it } from "vitest";
import type { Box, Diagram, DiagramEdge, DiagramTable } from "../ipc";
import {
  collapsedSize, cullWindow, packBoxes, PACK_GAP, type Point, drawRows, largestGroup, mountStep, dragTo, hitTest, readableOn, elbow, highlight, isDrag, marker, neighbourhood, project, roundedPath, visibleArea,
  kindLabel, labelPoint, partitionAt, partitionOwner, partitionRowY, partitionsTitle, partitionsTop, movedSet,
} from "./diagram";

const table = (name: string, group: number | null, x: number, y: number, columns = 2): DiagramTable => ({
  schema: "s", table: name, group, color: "#445566", pinned: false, rect: { x, y, width: 100, height: 26 + 20 * columns },
  columns: Array.from({ length: columns }, (_, i) => ({ name: `c${i}`, data_type: "int", pk: i === 0, fk: false, nullable: false })),
  kind: "table", partitions: [], more_partitions: 0,
});
const edge = (child: number, parent: number): DiagramEdge => ({
  child, parent, child_rows: [1], parent_rows: [0], points: [[0, 0], [10, 0]], child_side: "right", parent_side: "left",
  child_end: "zero_or_many", parent_end: "one", dashed: false, relationship: `r-${child}-${parent}`, diagram_line: null, label: null,
});

/** a(0) - b(1) - c(2) - d(3) in a chain, e(4) alone; a, b in group A; c, d in group B. */
function chain(): Diagram {
  return {
    tables: [table("a", 0, 0, 0), table("b", 0, 200, 0), table("c", 1, 400, 0), table("d", 1, 600, 0), table("e", null, 800, 0)],
    groups: [
      { name: "A", color: "#112233", frame: { x: -26, y: -52, width: 352, height: 144 } },
      { name: "B", color: "#7A4FB5", frame: { x: 374, y: -52, width: 352, height: 144 } },
    ],
    edges: [edge(0, 1), edge(1, 2), edge(2, 3)],
    bounds: { x: -26, y: -52, width: 926, height: 144 },
    metrics: { header_height: 26, row_height: 20, text_padding: 22, frame_padding: 26, frame_title_height: 26 },
  };
}

describe("largestGroup", () => {
  it("is the frame of the group with the most tables, the first of equals", () => {
    const d = chain();
    // A and B have two tables each: A, the first.
    expect(largestGroup(d)).toEqual(d.groups[0]!.frame);
    // e joins B: B has three.
    d.tables[4] = { ...d.tables[4]!, group: 1 };
    expect(largestGroup(d)).toEqual(d.groups[1]!.frame);
    // No frame (no group drawn): none.
    expect(largestGroup({ ...d, groups: d.groups.map((g) => ({ ...g, frame: null })) })).toBeNull();
  });
});

describe("neighbourhood", () => {
  const d = chain();
  it("walks relationships both ways, N steps", () => {
    expect([...neighbourhood(5, d.edges, 1, 1)].sort()).toEqual([0, 1, 2]);
    expect([...neighbourhood(5, d.edges, 0, 2)].sort()).toEqual([0, 1, 2]);
    expect([...neighbourhood(5, d.edges, 0, 3)].sort()).toEqual([0, 1, 2, 3]);
    expect([...neighbourhood(5, d.edges, 4, 3)]).toEqual([4]);
  });
  it("handles self references and cycles, and an unknown start", () => {
    const edges = [{ child: 0, parent: 0 }, { child: 0, parent: 1 }, { child: 1, parent: 0 }];
    expect([...neighbourhood(3, edges, 0, 2)].sort()).toEqual([0, 1]);
    expect(neighbourhood(3, edges, 7, 1).size).toBe(0);
  });
});

describe("highlight", () => {
  const d = chain();
  it("a table lights its relationships and the tables at their other ends", () => {
    const h = highlight(d, { kind: "table", index: 1 })!;
    expect([...h.tables].sort()).toEqual([0, 1, 2]);
    expect([...h.edges].sort()).toEqual([0, 1]);
  });
  it("a relationship lights its two tables and the rows it joins", () => {
    const h = highlight(d, { kind: "edge", index: 2 })!;
    expect([...h.tables].sort()).toEqual([2, 3]);
    expect([...h.edges]).toEqual([2]);
    expect([...h.rows.get(2)!]).toEqual([1]);
    expect([...h.rows.get(3)!]).toEqual([0]);
  });
  it("a collapsed group lights its tables and their neighbours", () => {
    const h = highlight(d, { kind: "group", index: 1 })!;
    expect([...h.tables].sort()).toEqual([1, 2, 3]);
    expect(highlight(d, null)).toBeNull();
  });
});

describe("drag to pin", () => {
  it("moves by the pointer's travel divided by the zoom, in whole units", () => {
    expect(dragTo([100, 50], [10, 10], [60, 30], 0.5)).toEqual([200, 90]);
    expect(dragTo([100, 50], [10, 10], [11, 10], 2)).toEqual([101, 50]);
    expect(dragTo([0, 0], [0, 0], [-7, 3], 1)).toEqual([-7, 3]);
  });
  it("a small travel is a click", () => {
    expect(isDrag([0, 0], [2, 1])).toBe(false);
    expect(isDrag([0, 0], [3, 2])).toBe(true);
  });
  it("the moved table's lines are re-drawn and its frame grows to hold it", () => {
    const d = chain();
    const s = project(d, { collapsed: new Set(), moved: { index: 1, x: 200, y: 300 } });
    expect(s.tables.find((t) => t.index === 1)!.rect).toMatchObject({ x: 200, y: 300 });
    expect(s.tables.map((t) => t.index)).toEqual([0, 2, 3, 4, 1]); // drawn on top
    const line = s.lines.find((l) => l.key === "e0")!;
    // From a's right side at its row 1 to b's left side at its row 0, at b's new place.
    expect(line.points[0]).toEqual([100, 26 + 1.5 * 20]);
    expect(line.points[line.points.length - 1]).toEqual([200, 300 + 26 + 10]);
    expect(s.lines.find((l) => l.key === "e2")!.points).toBe(d.edges[2]!.points);
    const frame = s.frames.find((f) => f.index === 0)!.rect;
    expect(frame.y + frame.height).toBeGreaterThanOrEqual(300 + 66 + 26);
  });
  it("a selection dragged along moves by the dragged table's travel, all drawn on top, their lines re-drawn", () => {
    const d = chain();
    const a = d.tables[0]!.rect;
    const b = d.tables[1]!.rect;
    const s = project(d, { collapsed: new Set(), moved: { index: 1, x: b.x + 40, y: b.y - 30, with: [0] } });
    expect(s.tables.find((t) => t.index === 0)!.rect).toMatchObject({ x: a.x + 40, y: a.y - 30 });
    expect(s.tables.slice(-2).map((t) => t.index).sort()).toEqual([0, 1]);
    expect(s.lines.find((l) => l.key === "e0")!.points).not.toBe(d.edges[0]!.points);
    expect([...movedSet(d, { index: 1, x: 0, y: 0, with: [0, 99] })].sort()).toEqual([0, 1]);
  });
});

describe("collapse", () => {
  it("collapsing every group packs the boxes into a compact grid with their names, above tables in no group", () => {
    const d = chain();
    d.groups.push({ name: "C", color: "#2E8B57", frame: { x: 2000, y: 3000, width: 300, height: 144 } });
    d.tables.push(table("f", 2, 2026, 3052));
    const s = project(d, { collapsed: new Set(["A", "B", "C"]), moved: null });
    expect(s.collapsed.map((g) => g.name)).toEqual(["A", "B", "C"]);
    const [a, b, c] = s.collapsed.map((g) => g.rect) as [Box, Box, Box];
    // Three boxes: one row, a gap apart, instead of C spread to (2000, 3000).
    const cell = Math.max(a.width, b.width, c.width) + PACK_GAP;
    expect([b.x - a.x, b.y - a.y]).toEqual([cell, 0]);
    expect([c.x - a.x, c.y - a.y]).toEqual([2 * cell, 0]);
    // e (no group, at y = 0) stays, and the boxes sit above it without touching it.
    expect(s.tables.map((t) => t.index)).toEqual([4]);
    expect(c.y + c.height + PACK_GAP).toBeLessThanOrEqual(0);
    // One group open again: the others go back where their frames are.
    const one = project(d, { collapsed: new Set(["A", "C"]), moved: null });
    expect(one.collapsed.map((g) => [g.rect.x, g.rect.y])).toEqual([[-26, -52], [2000, 3000]]);
  });

  it("lines between packed boxes run through the gaps, never across another box", () => {
    // Seven groups of one table each, every one related to every other: 3 columns, 3 rows.
    const d = chain();
    d.groups = Array.from({ length: 7 }, (_, g) => ({ name: `Group ${g}`, color: "#2F6FB0", frame: { x: g * 300, y: (g % 2) * 500, width: 200, height: 100 } }));
    d.tables = d.groups.map((_, g) => table(`t${g}`, g, g * 300 + 26, (g % 2) * 500 + 52));
    d.edges = d.tables.flatMap((_, i) => d.tables.flatMap((__, j) => (i < j ? [edge(i, j)] : [])));
    const s = project(d, { collapsed: new Set(d.groups.map((g) => g.name)), moved: null });
    expect(s.lines).toHaveLength(21);
    const crosses = (p: Point, q: Point, r: Box) => {
      const [x0, x1] = [Math.min(p[0], q[0]), Math.max(p[0], q[0])];
      const [y0, y1] = [Math.min(p[1], q[1]), Math.max(p[1], q[1])];
      return x1 > r.x && x0 < r.x + r.width && y1 > r.y && y0 < r.y + r.height;
    };
    for (const l of s.lines) {
      const ends = l.key.split("-").map((k) => Number(k.slice(1)));
      for (const box of s.collapsed.filter((g) => !ends.includes(g.index))) {
        for (let i = 1; i < l.points.length; i++) expect(crosses(l.points[i - 1]!, l.points[i]!, box.rect), `${l.key} crosses ${box.name}`).toBe(false);
      }
    }
  });

  it("packs about three columns for two rows", () => {
    const boxes = packBoxes(Array.from({ length: 40 }, () => ({ width: 200, height: 58 })), { x: 0, y: 0 });
    const columns = new Set(boxes.map((b) => b.x)).size;
    const rows = new Set(boxes.map((b) => b.y)).size;
    expect([columns, rows]).toEqual([8, 5]);
  });

  it("a collapsed group is one box; its lines fold onto it with the relationships they stand for", () => {
    const d = chain();
    d.edges.push(edge(0, 2), edge(3, 4));
    const s = project(d, { collapsed: new Set(["B"]), moved: null });
    expect(s.tables.map((t) => t.index)).toEqual([0, 1, 4]);
    expect(s.frames.map((f) => f.name)).toEqual(["A"]);
    expect(s.collapsed).toEqual([{ index: 1, name: "B", color: "#7A4FB5", count: 2, rect: { x: 374, y: -52, ...collapsedSize("B", 2) } }]);
    const keys = s.lines.map((l) => l.key).sort();
    // a→b as drawn; b→c folded onto the box; c→d inside the box: gone; a→c onto the box; d→e.
    expect(keys).toEqual(["e0", "g1-t0", "g1-t1", "g1-t4"]);
    expect(s.lines.find((l) => l.key === "g1-t4")!.edges).toEqual([4]);
    expect(s.lines.find((l) => l.key === "g1-t1")!.childEnd).toBeNull();
  });
  it("two lines to the same box become one, counted", () => {
    const d = chain();
    d.edges.push(edge(1, 3));
    const s = project(d, { collapsed: new Set(["B"]), moved: null });
    expect(s.lines.find((l) => l.key === "g1-t1")!.edges).toEqual([1, 3]);
  });
  it("two collapsed groups share one line", () => {
    const s = project(chain(), { collapsed: new Set(["A", "B"]), moved: null });
    expect(s.tables.map((t) => t.index)).toEqual([4]);
    expect(s.lines.map((l) => [l.key, l.edges])).toEqual([["g0-g1", [1]]]);
  });
});

describe("drawing helpers", () => {
  it("elbows leave facing sides, or both right sides when boxes overlap in x", () => {
    const a = { x: 0, y: 0, width: 100, height: 50 };
    expect(elbow(a, 10, { x: 300, y: 0, width: 100, height: 50 }, 30)).toEqual({ points: [[100, 10], [200, 10], [200, 30], [300, 30]], aSide: "right", bSide: "left" });
    expect(elbow(a, 10, { x: -300, y: 0, width: 100, height: 50 }, 30).aSide).toBe("left");
    expect(elbow(a, 10, { x: 20, y: 200, width: 100, height: 50 }, 220)).toMatchObject({ aSide: "right", bSide: "right" });
  });
  it("rounds turns", () => {
    expect(roundedPath([[0, 0], [100, 0], [100, 100]])).toBe("M0.0 0.0 L92.0 0.0 Q100.0 0.0 100.0 8.0 L100.0 100.0");
    expect(marker([0, 0], "right", "zero_or_one")).toEqual({ d: "M7 -6V6", circles: [[16, 0]] });
  });
  it("culls to a window that survives small pans and resets on zoom-in", () => {
    const view = { scale: 0.5, x: -100, y: -50 };
    const visible = visibleArea(view, 800, 600);
    expect(visible).toEqual({ x: 200, y: 100, width: 1600, height: 1200 });
    const w = cullWindow(null, visible);
    expect(w).toEqual({ x: -200, y: -200, width: 2400, height: 1800 });
    expect(cullWindow(w, { ...visible, x: visible.x + 300 })).toBe(w);
    expect(cullWindow(w, { ...visible, x: visible.x + 500 })).not.toBe(w);
    expect(cullWindow(w, { x: 300, y: 300, width: 100, height: 100 })).not.toBe(w);
  });
  it("adds tables (or lines) to a large diagram's SVG a few per frame, the middle of the screen first", () => {
    const at = (index: number, x: number) => ({ index, rect: { x, y: 0, width: 10, height: 10 }, color: "#fff" });
    const wanted = [at(0, 0), at(1, 100), at(2, 200), at(3, 300), at(4, 400)];
    const step = (drawn: ReadonlySet<number>, w: typeof wanted, center: [number, number], budget: number) =>
      mountStep(drawn, w, (t) => t.index, (t) => t.rect, center, budget);
    const first = step(new Set(), wanted, [295, 5], 2);
    expect([...first.next].sort()).toEqual([2, 3]);
    expect(first.done).toBe(false);
    const second = step(first.next, wanted, [295, 5], 2);
    expect([...second.next].sort()).toEqual([1, 2, 3, 4]);
    const third = step(second.next, wanted, [295, 5], 2);
    expect(third.done).toBe(true);
    expect(third.next.size).toBe(5);
    // Nothing to add: the same set, so the view does not re-render.
    expect(step(third.next, wanted, [0, 0], 2).next).toBe(third.next);
    // Tables that left the window go at once, whatever the budget.
    const moved = step(third.next, wanted.slice(3), [0, 0], 0);
    expect([...moved.next].sort()).toEqual([3, 4]);
    expect(moved.done).toBe(true);
  });
});

describe("colours and detail", () => {
  it("keeps readable group colours as they are and lightens dark ones on a dark background", () => {
    expect(readableOn("#F4D03F", true)).toBe("#F4D03F");
    expect(readableOn("#2F6FB0", false)).toBe("#2F6FB0");
    const lighter = readableOn("#2C3E50", true);
    expect(lighter).not.toBe("#2C3E50");
    expect(parseInt(lighter.slice(1, 3), 16)).toBeGreaterThan(0x2c);
    expect(readableOn("#F4D03F", false)).not.toBe("#F4D03F");
    expect(readableOn("teal", true)).toBe("teal");
  });
  it("draws rows when legible, or always for small diagrams", () => {
    expect(drawRows(0.2, 23)).toBe(true);
    expect(drawRows(0.2, 1000)).toBe(false);
    expect(drawRows(0.5, 1000)).toBe(false);
    expect(drawRows(0.6, 1000)).toBe(true);
  });
});

describe("hit test (the canvas overview has no elements to hit)", () => {
  it("finds the table and whether the header band was hit, or a collapsed box", () => {
    const s = project(chain(), { collapsed: new Set(["B"]), moved: null });
    expect(hitTest(s, 210, 10, 26)).toEqual({ kind: "table", index: 1, header: true });
    expect(hitTest(s, 210, 40, 26)).toEqual({ kind: "table", index: 1, header: false });
    expect(hitTest(s, 380, -40, 26)).toEqual({ kind: "group", index: 1 });
    expect(hitTest(s, 150, 10, 26)).toBeNull();
  });
});

describe("partitions and views", () => {
  /** orders (2 columns) listing three partitions, the last a sub-partition of the second, as
   *  relata-layout sizes it: a header, the columns, a title row and one row per partition. */
  function partitioned(): Diagram {
    const d = chain();
    const orders = table("orders", null, 0, 300);
    orders.partitions = [
      { schema: "s", table: "orders_2025", bound: "FROM ('2025-01-01') TO ('2026-01-01')", depth: 0 },
      { schema: "s", table: "orders_eu", bound: "IN ('DE')", depth: 0 },
      { schema: "s", table: "orders_eu_2025", bound: "DEFAULT", depth: 1 },
    ];
    orders.rect = { ...orders.rect, height: 26 + 2 * 20 + 4 * 20 };
    d.tables.push(orders);
    return d;
  }
  it("places the partition rows under the columns, after a title row", () => {
    const d = partitioned();
    const t = d.tables[5]!;
    expect(partitionsTop(d, t, t.rect)).toBe(300 + 26 + 40);
    expect(partitionRowY(d, t, t.rect, 0)).toBe(300 + 26 + 40 + 20);
    expect(partitionRowY(d, t, t.rect, 2) + 20).toBe(t.rect.y + t.rect.height);
    // An empty table still has one (empty) column row, as relata-layout sizes it.
    const empty = { ...t, columns: [] };
    expect(partitionsTop(d, empty, t.rect)).toBe(300 + 26 + 20);
  });
  it("finds the partition under a point, never the title, a column or past the box", () => {
    const d = partitioned();
    const t = d.tables[5]!;
    const top = partitionsTop(d, t, t.rect);
    expect(partitionAt(d, t, t.rect, top + 5)).toBeNull();
    expect(partitionAt(d, t, t.rect, top - 5)).toBeNull();
    expect(partitionAt(d, t, t.rect, top + 25)?.table).toBe("orders_2025");
    expect(partitionAt(d, t, t.rect, top + 65)?.table).toBe("orders_eu_2025");
    expect(partitionAt(d, t, t.rect, t.rect.y + t.rect.height + 1)).toBeNull();
    // The row counting unlisted partitions is no partition: a click there opens the table.
    const more = { ...t, more_partitions: 5, rect: { ...t.rect, height: t.rect.height + 20 } };
    expect(partitionAt(d, more, more.rect, partitionRowY(d, more, more.rect, 3) + 5)).toBeNull();
    expect(partitionAt(d, d.tables[0]!, d.tables[0]!.rect, 60)).toBeNull();
  });
  it("names the box that lists a partition, and titles the section", () => {
    const d = partitioned();
    expect(partitionOwner(d, "s.orders_eu_2025")).toBe(5);
    expect(partitionOwner(d, "s.orders")).toBe(-1);
    expect(partitionsTitle(d.tables[5]!)).toBe("3 partitions");
    expect(partitionsTitle({ ...d.tables[5]!, partitions: d.tables[5]!.partitions.slice(0, 1) })).toBe("1 partition");
    // Those past the listed ones count too.
    expect(partitionsTitle({ ...d.tables[5]!, more_partitions: 362 })).toBe("365 partitions");
  });
  it("labels views and materialized views, not tables", () => {
    expect(kindLabel("view")).toBe("view");
    expect(kindLabel("materialized_view")).toBe("materialized view");
    expect(kindLabel("table")).toBeNull();
  });
});

describe("diagram-only lines", () => {
  it("are scene lines of their own kind with their label, and fold into a collapsed group's line as relationships do", () => {
    const d = chain();
    d.edges.push({ ...edge(3, 4), child_rows: [], parent_rows: [], relationship: null, diagram_line: 0, label: "contains" });
    const scene = project(d, { collapsed: new Set(), moved: null });
    const line = scene.lines.find((l) => l.edges.includes(3))!;
    expect([line.diagramOnly, line.label]).toEqual([true, "contains"]);
    expect(scene.lines.filter((l) => l.diagramOnly)).toHaveLength(1);
    // B collapsed: its line to e is the diagram-only line alone, so it stays one (no label).
    const folded = project(d, { collapsed: new Set(["B"]), moved: null }).lines.find((l) => l.edges.includes(3))!;
    expect([folded.diagramOnly, folded.label]).toEqual([true, null]);
  });

  it("put their label over the middle of the longest segment, beside it when it is vertical", () => {
    expect(labelPoint([[0, 0], [10, 0], [10, 100], [20, 100]])).toEqual({ at: [10, 50], across: false });
    expect(labelPoint([[0, 0], [60, 0], [60, 10]])).toEqual({ at: [30, 0], across: true });
    expect(labelPoint([[5, 5]])).toBeNull();
  });
});
