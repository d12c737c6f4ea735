// The diagram as the window draws it: a pure projection of relata-layout's geometry (the
// `diagram` command) and the view state — collapsed groups, a table being dragged, what the
// pointer hovers, the focus neighbourhood, the part of the drawing on screen — into a scene the
// renderer (diagram/DiagramView.svelte) only has to walk, and where a partitioned table lists
// its partitions. Tested without a window.

import type { Box, Diagram, DiagramEdge, DiagramPartition, DiagramTable, EndMarker, Side, TableKind } from "../ipc";
import type { View } from "./viewport";

export type Point = [number, number];

/** Group `g`'s colour, as the shell sent it (its own, or relata-layout's palette's). */
export function groupColor(d: Diagram, g: number): string {
  return d.groups[g]?.color ?? "";
}

/** Table `i`'s header colour, as the shell sent it (its own, its group's, or a neutral grey). */
export function tableColor(d: Diagram, i: number): string {
  return d.tables[i]?.color ?? "";
}

/** `hex` (#RRGGBB) mixed towards white (dark background) or black (light background) until
 *  its relative luminance reads on that background: group titles and frames stay their
 *  colour, only lighter in dark and darker in light when they would vanish. */
export function readableOn(hex: string, dark: boolean): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return hex;
  const n = parseInt(m[1]!, 16);
  let rgb = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  const lum = (c: number[]) => {
    const [r, g, b] = c.map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const target = dark ? 255 : 0;
  const ok = (c: number[]) => (dark ? lum(c) >= 0.3 : lum(c) <= 0.3);
  const base = rgb;
  for (let k = 1; k <= 10 && !ok(rgb); k++) rgb = base.map((v) => Math.round(v + (target - v) * k * 0.1));
  return `#${rgb.map((v) => v.toString(16).padStart(2, "0")).join("").toUpperCase()}`;
}

// ---------------------------------------------------------------------------------------------
// Neighbourhoods (hover and focus)

/** For each table, the edges that touch it. */
export function incidence(count: number, edges: readonly Pick<DiagramEdge, "child" | "parent">[]): number[][] {
  const out: number[][] = Array.from({ length: count }, () => []);
  edges.forEach((e, i) => {
    out[e.child]?.push(i);
    if (e.parent !== e.child) out[e.parent]?.push(i);
  });
  return out;
}

/** The tables at most `depth` relationships away from `start` (either direction), `start` included. */
export function neighbourhood(count: number, edges: readonly Pick<DiagramEdge, "child" | "parent">[], start: number, depth: number): Set<number> {
  const seen = new Set<number>();
  if (start < 0 || start >= count) return seen;
  const touching = incidence(count, edges);
  seen.add(start);
  let frontier = [start];
  for (let step = 0; step < depth && frontier.length > 0; step++) {
    const next: number[] = [];
    for (const t of frontier) {
      for (const e of touching[t] ?? []) {
        const edge = edges[e];
        if (!edge) continue;
        const other = edge.child === t ? edge.parent : edge.child;
        if (!seen.has(other)) {
          seen.add(other);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  return seen;
}

/** What the pointer is over. */
export type HoverTarget = { kind: "table"; index: number } | { kind: "edge"; index: number } | { kind: "group"; index: number };

/** What stays bright while something is hovered: tables, edges and rows (table → row indexes). */
export interface Highlight {
  tables: Set<number>;
  edges: Set<number>;
  rows: Map<number, Set<number>>;
}

/** Hovering a table lights it, its relationships and the tables at their other ends; hovering
 *  a relationship lights its two tables and the rows it joins; hovering a collapsed group
 *  lights its tables, their relationships and the tables at the other ends. */
export function highlight(d: Diagram, target: HoverTarget | null): Highlight | null {
  if (!target) return null;
  const out: Highlight = { tables: new Set(), edges: new Set(), rows: new Map() };
  const addRows = (t: number, rows: readonly number[]) => {
    let set = out.rows.get(t);
    if (!set) out.rows.set(t, (set = new Set()));
    for (const r of rows) set.add(r);
  };
  if (target.kind === "edge") {
    const e = d.edges[target.index];
    if (!e) return null;
    out.edges.add(target.index);
    out.tables.add(e.child).add(e.parent);
    addRows(e.child, e.child_rows);
    addRows(e.parent, e.parent_rows);
    return out;
  }
  const own = target.kind === "table" ? [target.index] : d.tables.flatMap((t, i) => (t.group === target.index ? [i] : []));
  const mine = new Set(own);
  for (const t of own) out.tables.add(t);
  d.edges.forEach((e, i) => {
    if (mine.has(e.child) || mine.has(e.parent)) {
      out.edges.add(i);
      out.tables.add(e.child).add(e.parent);
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Dragging a table to pin it

/** Pointer travel (screen px) below which a press is a click, not a drag. */
export const DRAG_THRESHOLD = 3;

/** Whether the pointer moved from `start` to `now` far enough to be a drag. */
export function isDrag(start: Point, now: Point): boolean {
  return Math.abs(now[0] - start[0]) + Math.abs(now[1] - start[1]) > DRAG_THRESHOLD;
}

/** The table's new top-left (whole diagram units) when the pointer moved from `start` to
 *  `now` (screen px) at zoom `scale`, the table having been at `origin`. */
export function dragTo(origin: Point, start: Point, now: Point, scale: number): Point {
  return [Math.round(origin[0] + (now[0] - start[0]) / scale), Math.round(origin[1] + (now[1] - start[1]) / scale)];
}

// ---------------------------------------------------------------------------------------------
// The scene: collapsed groups and a moved table applied

/** A table box as drawn. */
export interface SceneTable {
  index: number;
  rect: Box;
  color: string;
}

/** A group frame, or a collapsed group's box. */
export interface SceneGroup {
  index: number;
  name: string;
  color: string;
  rect: Box;
  /** Tables in the group. */
  count: number;
}

/** A line as drawn: one relationship, or several folded onto a collapsed group's box. */
export interface SceneLine {
  key: string;
  points: Point[];
  childSide: Side;
  parentSide: Side;
  /** Ends drawn only for a single relationship. */
  childEnd: EndMarker | null;
  parentEnd: EndMarker | null;
  dashed: boolean;
  /** A diagram-only line (no join columns; dotted grey, header to header): every edge it
   *  stands for is one. */
  diagramOnly: boolean;
  /** Text along the line (a single diagram-only line's label). */
  label: string | null;
  /** The relationships this line stands for (indexes into `Diagram.edges`). */
  edges: number[];
}

/** Where a line's label goes, as relata-layout's SVG puts it: the middle of its longest
 *  segment, and whether that segment runs across (else the text stands beside it). */
export function labelPoint(points: readonly Point[]): { at: Point; across: boolean } | null {
  let best: [Point, Point] | null = null;
  let length = -1;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const l = Math.abs(b[0] - a[0]) + Math.abs(b[1] - a[1]);
    if (l > length) {
      length = l;
      best = [a, b];
    }
  }
  if (!best) return null;
  const [a, b] = best;
  return { at: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], across: Math.abs(b[0] - a[0]) >= Math.abs(b[1] - a[1]) };
}

export interface Scene {
  tables: SceneTable[];
  frames: SceneGroup[];
  collapsed: SceneGroup[];
  lines: SceneLine[];
}

/** The view state the scene depends on. */
export interface SceneState {
  /** Names of collapsed groups. */
  collapsed: ReadonlySet<string>;
  /** A table being dragged (or just dropped, until the new layout arrives): its new top-left;
   *  `with`, the other tables of a selection dragged along, moved by as much. */
  moved: Moved | null;
}

/** A dragged table's new top-left, and the tables dragged with it. */
export interface Moved {
  index: number;
  x: number;
  y: number;
  with?: readonly number[];
}

/** The indexes of the tables a drag moves. */
export function movedSet(d: Diagram, moved: Moved | null): Set<number> {
  return new Set(moved ? [moved.index, ...(moved.with ?? [])].filter((i) => d.tables[i]) : []);
}

/** Size of a collapsed group's box. */
export function collapsedSize(name: string, count: number): { width: number; height: number } {
  // The name is 15 px bold (diagram.css): about 9.6 units a character in DejaVu Sans Bold.
  const label = Math.max(name.length * 9.6, `${count} tables`.length * 7);
  return { width: Math.max(170, Math.ceil(label + 48)), height: 58 };
}

/** The y of the centre of `row` in a box (the header's centre when there is no such row). */
export function rowY(d: Diagram, rect: Box, row: number | undefined, rows: number): number {
  const m = d.metrics;
  return row !== undefined && row < rows ? rect.y + m.header_height + (row + 0.5) * m.row_height : rect.y + m.header_height / 2;
}

/** An orthogonal line from `a` (at height `ay`) to `b` (at `by`): out of the facing sides, or
 *  both right sides when the boxes overlap horizontally. */
export function elbow(a: Box, ay: number, b: Box, by: number): { points: Point[]; aSide: Side; bSide: Side } {
  const gap = 24;
  if (a.x + a.width + gap <= b.x) {
    const mid = (a.x + a.width + b.x) / 2;
    return { points: [[a.x + a.width, ay], [mid, ay], [mid, by], [b.x, by]], aSide: "right", bSide: "left" };
  }
  if (b.x + b.width + gap <= a.x) {
    const mid = (b.x + b.width + a.x) / 2;
    return { points: [[a.x, ay], [mid, ay], [mid, by], [b.x + b.width, by]], aSide: "left", bSide: "right" };
  }
  const x = Math.max(a.x + a.width, b.x + b.width) + gap;
  return { points: [[a.x + a.width, ay], [x, ay], [x, by], [b.x + b.width, by]], aSide: "right", bSide: "right" };
}

/** The smallest box holding both. */
export function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

/** The gap (diagram units) between packed group boxes. */
export const PACK_GAP = 40;

/** Where the boxes of `groups` (in group order, with their sizes) go when every group is
 *  collapsed: a compact grid, about three columns for two rows, row by row in group order,
 *  from `origin` (its top-left). Left where their frames were, they would be small boxes spread
 *  over an empty drawing. */
export function packBoxes(sizes: readonly { width: number; height: number }[], origin: { x: number; y: number }): Box[] {
  if (sizes.length === 0) return [];
  const columns = Math.max(1, Math.ceil(Math.sqrt(sizes.length * 1.5)));
  const cell = Math.max(...sizes.map((s) => s.width)) + PACK_GAP;
  const row = Math.max(...sizes.map((s) => s.height)) + PACK_GAP;
  return sizes.map((s, i) => ({ x: origin.x + (i % columns) * cell, y: origin.y + Math.floor(i / columns) * row, ...s }));
}

/** A line between two packed boxes (`packBoxes`) that runs only through the gaps of the grid:
 *  out of the upper box's bottom into the gap row under it, along it to the column gap left of
 *  the lower box, down that to the gap row over the lower box, and into its top (two boxes of
 *  one row meet through the gap row under them). An elbow would cross the boxes between. */
export function gapRoute(a: Box, b: Box): Point[] {
  const half = PACK_GAP / 2;
  const mid = (r: Box) => r.x + r.width / 2;
  if (a.y === b.y) {
    const y = a.y + Math.max(a.height, b.height) + half;
    return [[mid(a), a.y + a.height], [mid(a), y], [mid(b), y], [mid(b), b.y + b.height]];
  }
  const [upper, lower] = a.y < b.y ? [a, b] : [b, a];
  const y1 = upper.y + upper.height + half;
  const x = lower.x - half;
  const y2 = lower.y - half;
  const points: Point[] = [[mid(upper), upper.y + upper.height], [mid(upper), y1], [x, y1], [x, y2], [mid(lower), y2], [mid(lower), lower.y]];
  return upper === a ? points : points.reverse();
}

/** The diagram with collapsed groups folded into one box each (their lines deduplicated onto
 *  it) and a dragged table at its new place (its lines re-drawn as elbows, its frame grown).
 *  With every group collapsed (collapse all), the boxes are packed (`packBoxes`) where the
 *  groups began, above any table in no group. */
export function project(d: Diagram, state: SceneState): Scene {
  const collapsedGroup = d.groups.map((g) => state.collapsed.has(g.name) && g.frame !== null);
  const counts = d.groups.map(() => 0);
  for (const t of d.tables) if (t.group !== null && counts[t.group] !== undefined) counts[t.group]! += 1;
  const dragged = movedSet(d, state.moved);
  const base = state.moved ? d.tables[state.moved.index]?.rect : undefined;
  const rectOf = (i: number): Box => {
    const r = d.tables[i]!.rect;
    const m = state.moved;
    if (!m || !base || !dragged.has(i)) return r;
    return { ...r, x: r.x + m.x - base.x, y: r.y + m.y - base.y };
  };
  const tables: SceneTable[] = [];
  d.tables.forEach((t, i) => {
    if (t.group !== null && collapsedGroup[t.group]) return;
    tables.push({ index: i, rect: rectOf(i), color: tableColor(d, i) });
  });
  // The dragged tables are drawn (and hit) above the others.
  if (dragged.size > 0) tables.push(...tables.splice(0, tables.length).sort((a, b) => Number(dragged.has(a.index)) - Number(dragged.has(b.index))));
  const frames: SceneGroup[] = [];
  const collapsed: SceneGroup[] = [];
  const boxOf: (Box | null)[] = d.groups.map(() => null);
  const framed = d.groups.flatMap((g, i) => (g.frame ? [i] : []));
  let packed: Map<number, Box> | null = null;
  if (framed.length > 0 && framed.every((i) => collapsedGroup[i])) {
    const frameBoxes = framed.map((i) => d.groups[i]!.frame!);
    const x = Math.min(...frameBoxes.map((f) => f.x));
    const top = Math.min(...frameBoxes.map((f) => f.y));
    const sizes = framed.map((i) => collapsedSize(d.groups[i]!.name, counts[i] ?? 0));
    const height = packBoxes(sizes, { x: 0, y: 0 }).reduce((h, r) => Math.max(h, r.y + r.height), 0);
    // Tables in no group keep their places: the boxes go above them when they would meet.
    const loose = tables.map((t) => t.rect);
    const looseTop = loose.length ? Math.min(...loose.map((r) => r.y)) : Infinity;
    const y = top + height + PACK_GAP > looseTop ? looseTop - height - PACK_GAP : top;
    const rects = packBoxes(sizes, { x, y });
    packed = new Map(framed.map((g, k) => [g, rects[k]!]));
  }
  d.groups.forEach((g, i) => {
    if (!g.frame) return;
    const base = { index: i, name: g.name, color: groupColor(d, i), count: counts[i] ?? 0 };
    if (collapsedGroup[i]) {
      const size = collapsedSize(g.name, base.count);
      const rect = packed?.get(i) ?? { x: g.frame.x, y: g.frame.y, ...size };
      boxOf[i] = rect;
      collapsed.push({ ...base, rect });
    } else {
      let rect = g.frame;
      for (const m of dragged) {
        if (d.tables[m]?.group !== i) continue;
        const pad = d.metrics.frame_padding;
        const r = rectOf(m);
        rect = union(rect, { x: r.x - pad, y: r.y - pad - d.metrics.frame_title_height, width: r.width + 2 * pad, height: r.height + 2 * pad + d.metrics.frame_title_height });
      }
      frames.push({ ...base, rect });
    }
  });
  // Each end is a table, or the box of the collapsed group it sits in.
  const endOf = (t: number): { key: string; box: Box; table: number | null } => {
    const g = d.tables[t]!.group;
    if (g !== null && collapsedGroup[g]) return { key: `g${g}`, box: boxOf[g]!, table: null };
    return { key: `t${t}`, box: rectOf(t), table: t };
  };
  const lines: SceneLine[] = [];
  const folded = new Map<string, SceneLine>();
  d.edges.forEach((e, i) => {
    const child = endOf(e.child);
    const parent = endOf(e.parent);
    const plain = child.table !== null && parent.table !== null;
    const moved = dragged.has(e.child) || dragged.has(e.parent);
    if (plain && !moved) {
      lines.push({ key: `e${i}`, points: e.points, childSide: e.child_side, parentSide: e.parent_side, childEnd: e.child_end, parentEnd: e.parent_end, dashed: e.dashed, diagramOnly: e.diagram_line !== null, label: e.label, edges: [i] });
      return;
    }
    if (plain) {
      const rows = (t: number) => d.tables[t]!.columns.length;
      const r = elbow(child.box, rowY(d, child.box, e.child_rows[0], rows(e.child)), parent.box, rowY(d, parent.box, e.parent_rows[0], rows(e.parent)));
      lines.push({ key: `e${i}`, points: r.points, childSide: r.aSide, parentSide: r.bSide, childEnd: e.child_end, parentEnd: e.parent_end, dashed: e.dashed, diagramOnly: e.diagram_line !== null, label: e.label, edges: [i] });
      return;
    }
    if (child.key === parent.key) return; // inside one collapsed group
    const [a, b] = child.key < parent.key ? [child, parent] : [parent, child];
    const key = `${a.key}-${b.key}`;
    const line = folded.get(key);
    if (line) {
      line.edges.push(i);
      line.dashed &&= e.dashed;
      line.diagramOnly &&= e.diagram_line !== null;
      return;
    }
    const y = (end: typeof a) => (end.table === null ? end.box.y + end.box.height / 2 : rowY(d, end.box, undefined, 0));
    // A folded line has no end markers, so a gap route's sides (top or bottom) need no name.
    const r = packed && a.table === null && b.table === null
      ? { points: gapRoute(a.box, b.box), aSide: "right" as const, bSide: "left" as const }
      : elbow(a.box, y(a), b.box, y(b));
    const next: SceneLine = { key, points: r.points, childSide: r.aSide, parentSide: r.bSide, childEnd: null, parentEnd: null, dashed: e.dashed, diagramOnly: e.diagram_line !== null, label: null, edges: [i] };
    folded.set(key, next);
    lines.push(next);
  });
  return { tables, frames, collapsed, lines };
}

// ---------------------------------------------------------------------------------------------
// Drawing helpers

/** An orthogonal polyline as an SVG path whose turns are rounded with radius up to `r`. */
export function roundedPath(points: readonly Point[], r = 8): string {
  const f = (n: number) => n.toFixed(1);
  const first = points[0];
  if (!first) return "";
  let d = `M${f(first[0])} ${f(first[1])}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i]!;
    const next = points[i + 1];
    if (next) {
      const prev = points[i - 1]!;
      const lenIn = Math.abs(p[0] - prev[0]) + Math.abs(p[1] - prev[1]);
      const lenOut = Math.abs(next[0] - p[0]) + Math.abs(next[1] - p[1]);
      const radius = Math.min(r, lenIn / 2, lenOut / 2);
      const a = towards(p, prev, radius);
      const b = towards(p, next, radius);
      d += ` L${f(a[0])} ${f(a[1])} Q${f(p[0])} ${f(p[1])} ${f(b[0])} ${f(b[1])}`;
    } else {
      d += ` L${f(p[0])} ${f(p[1])}`;
    }
  }
  return d;
}

function towards(from: Point, to: Point, distance: number): Point {
  const len = Math.hypot(to[0] - from[0], to[1] - from[1]);
  if (len === 0) return from;
  return [from[0] + ((to[0] - from[0]) / len) * distance, from[1] + ((to[1] - from[1]) / len) * distance];
}

/** Crow's-foot notation at `at` on `side` of its box: strokes as one path, and open circles. */
export function marker(at: Point, side: Side, kind: EndMarker): { d: string; circles: Point[] } {
  const s = side === "left" ? -1 : 1;
  const [x, y] = at;
  const bar = (k: number) => `M${x + s * k} ${y - 6}V${y + 6}`;
  const foot = () => `M${x + s * 12} ${y}L${x} ${y - 6}M${x + s * 12} ${y}L${x} ${y + 6}`;
  switch (kind) {
    case "one": return { d: bar(7) + bar(11), circles: [] };
    case "zero_or_one": return { d: bar(7), circles: [[x + s * 16, y]] };
    case "one_or_many": return { d: foot() + bar(15), circles: [] };
    case "zero_or_many": return { d: foot(), circles: [[x + s * 17, y]] };
  }
}

// ---------------------------------------------------------------------------------------------
// What is on screen

/** The frame of the group with the most tables (the first of equals), which a diagram too big
 *  to show whole and legible opens centred on; null when no group has a frame. */
export function largestGroup(d: Diagram): Box | null {
  const counts = d.groups.map(() => 0);
  for (const t of d.tables) if (t.group !== null && t.group < counts.length) counts[t.group]! += 1;
  let best: Box | null = null;
  let most = 0;
  d.groups.forEach((g, i) => {
    if (g.frame && counts[i]! > most) {
      most = counts[i]!;
      best = g.frame;
    }
  });
  return best;
}

/** Below this zoom a large diagram's tables are drawn as headers only: rows would be
 *  unreadable specks, and thousands of them cost frames. */
export const ROWS_MIN_SCALE = 0.6;
/** Up to this many tables rows are always drawn. */
export const ROWS_ALWAYS_UP_TO = 150;

/** Whether rows are drawn at zoom `scale` for a diagram of `tables` tables. */
export function drawRows(scale: number, tables: number): boolean {
  return scale >= ROWS_MIN_SCALE || tables <= ROWS_ALWAYS_UP_TO;
}

/** The part of the drawing (diagram units) a `vw` × `vh` viewport shows through `view`. */
export function visibleArea(view: View, vw: number, vh: number): Box {
  return { x: -view.x / view.scale, y: -view.y / view.scale, width: vw / view.scale, height: vh / view.scale };
}

export function contains(outer: Box, inner: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

export function intersects(a: Box, b: Box): boolean {
  return a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;
}

/** The area drawn: kept while the visible area stays inside it (and is not much smaller
 *  after zooming in), else the visible area grown by a quarter of its size on each side — so
 *  panning re-renders now and then, not every frame, and a render stays small. */
export function cullWindow(previous: Box | null, visible: Box): Box {
  if (previous && contains(previous, visible) && previous.width <= visible.width * 3) return previous;
  return { x: visible.x - visible.width / 4, y: visible.y - visible.height / 4, width: visible.width * 1.5, height: visible.height * 1.5 };
}

/** How many tables and lines a large diagram adds to its SVG per frame. A table with its rows
 *  is a few dozen elements, a line with its ends about ten; switching from the canvas to the SVG
 *  built them all in one frame (70–250 ms for 14 tables and 54 lines at 60 %, docs/benchmarks.md
 *  "App"). */
export const MOUNT_PER_FRAME = { tables: 2, lines: 6 } as const;

/** The items to draw in the next frame, when `wanted` (in the cull window) should be drawn and
 *  those keyed `drawn` are: the drawn ones still wanted, plus at most `budget` more, nearest to
 *  `center` first, so the middle of the screen fills in first. `done` once every wanted item is
 *  drawn; `drawn` itself comes back when nothing changes (no re-render). */
export function mountStep<T, K>(
  drawn: ReadonlySet<K>, wanted: readonly T[], key: (item: T) => K, box: (item: T) => Box, center: Point, budget: number,
): { next: ReadonlySet<K>; done: boolean } {
  const missing = wanted.filter((t) => !drawn.has(key(t)));
  const stale = drawn.size + missing.length > wanted.length;
  if (missing.length === 0 && !stale) return { next: drawn, done: true };
  const distance = (t: T) => {
    const b = box(t);
    return Math.hypot(b.x + b.width / 2 - center[0], b.y + b.height / 2 - center[1]);
  };
  const added = missing.length <= budget ? missing : [...missing].sort((a, b) => distance(a) - distance(b)).slice(0, budget);
  const next = new Set<K>();
  for (const t of wanted) if (drawn.has(key(t))) next.add(key(t));
  for (const t of added) next.add(key(t));
  return { next, done: added.length === missing.length };
}

/** The box around a polyline. */
export function pointsBox(points: readonly Point[]): Box {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of points) {
    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
  }
  return points.length ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : { x: 0, y: 0, width: 0, height: 0 };
}

/** What lies under diagram point (`x`, `y`): a table (and whether on its header band, where a
 *  drag starts), a collapsed group's box, or nothing. Topmost first: tables, then boxes. */
export function hitTest(scene: Scene, x: number, y: number, headerHeight: number):
  { kind: "table"; index: number; header: boolean } | { kind: "group"; index: number } | null {
  const inside = (r: Box) => x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height;
  for (let i = scene.tables.length - 1; i >= 0; i--) {
    const t = scene.tables[i]!;
    if (inside(t.rect)) return { kind: "table", index: t.index, header: y <= t.rect.y + headerHeight };
  }
  for (const g of scene.collapsed) if (inside(g.rect)) return { kind: "group", index: g.index };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Partitions and views

/** The y of the top of table `t`'s partition section (its "N partitions" title row) in a box
 *  at `rect`: under its column rows (at least one, as relata-layout sizes an empty table). */
export function partitionsTop(d: Diagram, t: DiagramTable, rect: Box): number {
  return rect.y + d.metrics.header_height + Math.max(1, t.columns.length) * d.metrics.row_height;
}

/** The y of the top of partition row `i` of table `t` (the title row comes first). */
export function partitionRowY(d: Diagram, t: DiagramTable, rect: Box, i: number): number {
  return partitionsTop(d, t, rect) + (i + 1) * d.metrics.row_height;
}

/** The partition of table `t` (boxed at `rect`) whose row holds diagram height `y`, or null
 *  (the title row, the columns, outside the box). */
export function partitionAt(d: Diagram, t: DiagramTable, rect: Box, y: number): DiagramPartition | null {
  const i = Math.floor((y - partitionsTop(d, t, rect)) / d.metrics.row_height) - 1;
  return i >= 0 && y <= rect.y + rect.height ? (t.partitions[i] ?? null) : null;
}

/** The title of a partition section: "3 partitions", "1 partition" (listed or not). */
export function partitionsTitle(t: DiagramTable): string {
  const count = t.partitions.length + t.more_partitions;
  return `${count} ${count === 1 ? "partition" : "partitions"}`;
}

/** The index of the box that lists partition `qualified` (`schema.table`), or -1 (not a
 *  partition the diagram lists): the palette's jump and the selection outline go to it. */
export function partitionOwner(d: Diagram, qualified: string): number {
  return d.tables.findIndex((t) => t.partitions.some((p) => `${p.schema}.${p.table}` === qualified));
}

/** The label a view's header carries; null for a table. */
export function kindLabel(kind: TableKind): string | null {
  return kind === "view" ? "view" : kind === "materialized_view" ? "materialized view" : null;
}
