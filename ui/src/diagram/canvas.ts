// The overview of a large diagram drawn zoomed out: the same scene as the SVG, but painted
// onto one Canvas 2D covering the whole drawing — boxes (a view's dashed, a partitioned table's
// partition list as a band), header bands, frames and lines, no
// rows. Semantic zoom: a table whose box is at least NAMED_WIDTH px wide on screen gets its
// name at MIN_TEXT px or more; a group with smaller boxes gets its name over its frame. It is painted once per change of content or of zoom
// level and moves with the same CSS transform as the SVG, so panning repaints nothing:
// thousands of SVG elements (or a full repaint, ~0.2–0.7 s in WebKitGTK's software canvas)
// per frame would cost far more than a 33 ms frame.

import type { Diagram } from "../ipc";
import type { Box } from "../ipc";
import { intersects, partitionsTop, readableOn, type Highlight, type Scene } from "../lib/diagram";

/** The theme colours the canvas uses, read from diagram.css's variables. */
export interface Palette {
  tableBg: string;
  tableBorder: string;
  /** A view's dashed border and a partition section's band. */
  muted: string;
  rowBand: string;
  line: string;
  /** A diagram-only line (no join columns), drawn dotted. */
  sketchLine: string;
  hlLine: string;
  selected: string;
  text: string;
  bg: string;
  dim: number;
  frameTint: number;
  dark: boolean;
}

export function readPalette(element: Element, dark: boolean): Palette {
  const css = getComputedStyle(element);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    tableBg: v("--diagram-table-bg", "#ffffff"),
    tableBorder: v("--diagram-table-border", "#b8c1cc"),
    muted: v("--diagram-muted", "#65707d"),
    rowBand: v("--diagram-row-band", "#f3f5f8"),
    line: v("--diagram-line", "#4a5563"),
    sketchLine: v("--diagram-sketch-line", "#848d97"),
    hlLine: v("--diagram-hl-line", "#d27306"),
    selected: v("--diagram-selected", "#2f5fd0"),
    text: v("--diagram-text", "#1f2933"),
    bg: v("--diagram-bg", "#f7f8fa"),
    dim: Number(v("--diagram-dim", "0.2")),
    frameTint: Number(v("--diagram-frame-tint", "0.07")),
    dark,
  };
}

/** The on-screen width (px) from which a table's box carries its name. */
export const NAMED_WIDTH = 60;
/** The smallest legible text on screen (px). */
export const MIN_TEXT = 9;

/** The size (diagram units) a table name is drawn at on the canvas at zoom `scale`: 13, or
 *  larger so that it is MIN_TEXT px on screen; `null` when the box is under NAMED_WIDTH px. */
export function tableNameSize(width: number, scale: number): number | null {
  return width * scale >= NAMED_WIDTH ? Math.max(13, MIN_TEXT / scale) : null;
}

/** Largest side of the overview bitmap, in device pixels. */
export const MAX_BITMAP = 4096;

/** The scale to paint the overview at for zoom `scale`: the zoom itself, capped so the
 *  bitmap of an `area` drawing stays within MAX_BITMAP. */
export function paintScale(scale: number, area: Box, ratio: number): number {
  return Math.min(scale, MAX_BITMAP / ratio / Math.max(area.width, 1), MAX_BITMAP / ratio / Math.max(area.height, 1));
}

/** Paints `scene` at zoom `scale` onto `canvas`, which covers the diagram area `area`; the
 *  `selected` table and those Shift-click added (`also`, indexes of `d.tables`) are outlined
 *  as the SVG outlines them. */
export function paintOverview(
  canvas: HTMLCanvasElement, d: Diagram, scene: Scene, scale: number, area: Box,
  p: Palette, lit: Highlight | null, selected: number, also: ReadonlySet<number> = new Set(),
): void {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(area.width * scale * ratio));
  const h = Math.max(1, Math.round(area.height * scale * ratio));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, w, h);
  const k = scale * ratio;
  ctx.setTransform(k, 0, 0, k, -area.x * k, -area.y * k);
  const px = 1 / scale; // one screen pixel in diagram units
  const fade = (on: boolean) => (ctx.globalAlpha = lit === null || on ? 1 : p.dim);

  // Frames.
  fade(false);
  for (const f of scene.frames) {
    if (!intersects(f.rect, area)) continue;
    ctx.fillStyle = f.color;
    ctx.globalAlpha = (lit ? p.dim : 1) * p.frameTint;
    ctx.fillRect(f.rect.x, f.rect.y, f.rect.width, f.rect.height);
    ctx.globalAlpha = lit ? p.dim : 1;
    ctx.strokeStyle = readableOn(f.color, p.dark);
    ctx.lineWidth = 1.5 * px;
    ctx.strokeRect(f.rect.x, f.rect.y, f.rect.width, f.rect.height);
  }
  // Frame titles, when they are at least 7 px tall.
  if (14 * scale >= 7) {
    ctx.font = `bold 14px "DejaVu Sans", Verdana, sans-serif`;
    for (const f of scene.frames) {
      if (!intersects(f.rect, area)) continue;
      ctx.fillStyle = readableOn(f.color, p.dark);
      ctx.fillText(f.name, f.rect.x + d.metrics.frame_padding, f.rect.y + d.metrics.frame_title_height - 4);
    }
  }
  // Lines: dimmed ones first, lit ones on top.
  const lines = (on: boolean, sketch: boolean) => {
    ctx.beginPath();
    for (const l of scene.lines) {
      const hl = lit !== null && l.edges.some((e) => lit.edges.has(e));
      if (hl !== on || l.diagramOnly !== sketch) continue;
      const first = l.points[0];
      if (!first) continue;
      ctx.moveTo(first[0], first[1]);
      for (let i = 1; i < l.points.length; i++) ctx.lineTo(l.points[i]![0], l.points[i]![1]);
    }
    ctx.stroke();
  };
  fade(false);
  ctx.strokeStyle = p.line;
  ctx.lineWidth = Math.max(1.3, px);
  lines(false, false);
  // Diagram-only lines dotted and grey, as in the SVG (dots stay visible when zoomed out).
  ctx.strokeStyle = p.sketchLine;
  ctx.setLineDash([1.5 * Math.max(1, px), 3 * Math.max(1, px)]);
  lines(false, true);
  ctx.setLineDash([]);
  if (lit) {
    fade(true);
    ctx.strokeStyle = p.hlLine;
    ctx.lineWidth = Math.max(2.2, 2 * px);
    lines(true, false);
    ctx.setLineDash([1.5 * Math.max(1, px), 3 * Math.max(1, px)]);
    lines(true, true);
    ctx.setLineDash([]);
  }
  // Collapsed groups.
  for (const g of scene.collapsed) {
    if (!intersects(g.rect, area)) continue;
    fade(lit !== null && d.tables.some((t, i) => t.group === g.index && lit.tables.has(i)));
    ctx.fillStyle = p.tableBg;
    ctx.fillRect(g.rect.x, g.rect.y, g.rect.width, g.rect.height);
    ctx.fillStyle = g.color;
    ctx.fillRect(g.rect.x, g.rect.y, 8, g.rect.height);
    ctx.strokeStyle = readableOn(g.color, p.dark);
    ctx.lineWidth = 2 * px;
    ctx.strokeRect(g.rect.x, g.rect.y, g.rect.width, g.rect.height);
  }
  // Tables: body, header band, outline; names where the box is wide enough to carry one.
  const hh = d.metrics.header_height;
  const unnamed = new Set<number>();
  for (const t of scene.tables) {
    const r = t.rect;
    if (!intersects(r, area)) continue;
    fade(lit !== null && lit.tables.has(t.index));
    ctx.fillStyle = p.tableBg;
    ctx.fillRect(r.x, r.y, r.width, r.height);
    const table = d.tables[t.index];
    // A partitioned table's partition list, as a band under its columns (the rows themselves
    // are the SVG's, at a legible zoom).
    if (table && table.partitions.length > 0) {
      const top = partitionsTop(d, table, r);
      ctx.fillStyle = p.rowBand;
      ctx.fillRect(r.x, top, r.width, r.y + r.height - top);
    }
    ctx.fillStyle = t.color;
    ctx.fillRect(r.x, r.y, r.width, hh);
    const chosen = t.index === selected || also.has(t.index);
    const view = table !== undefined && table.kind !== "table";
    ctx.strokeStyle = chosen ? p.selected : view ? p.muted : p.tableBorder;
    ctx.lineWidth = (chosen ? 2.5 : view ? 1.4 : 1) * px;
    // A view's border is dashed, as in the SVG.
    if (view) ctx.setLineDash([5 * Math.max(1, px), 3 * Math.max(1, px)]);
    ctx.strokeRect(r.x, r.y, r.width, r.height);
    if (view) ctx.setLineDash([]);
    ctx.fillStyle = "#ffffff";
    const size = tableNameSize(r.width, scale);
    if (size === null) {
      const group = d.tables[t.index]?.group;
      if (group !== null && group !== undefined) unnamed.add(group);
    } else if (size <= hh * 0.6) {
      ctx.font = `bold ${size}px "DejaVu Sans", Verdana, sans-serif`;
      ctx.fillText(d.tables[t.index]?.table ?? "", r.x + d.metrics.text_padding * 0.55, r.y + hh / 2 + size * 0.35, r.width - 16 * px);
    } else {
      // Larger than the header band: over the middle of the box, in the text colour.
      ctx.font = `bold ${size}px "DejaVu Sans", Verdana, sans-serif`;
      ctx.fillStyle = p.text;
      ctx.fillText(d.tables[t.index]?.table ?? "", r.x + 4 * px, r.y + Math.min(r.height, hh + (r.height - hh) / 2 + size * 0.35), r.width - 8 * px);
      ctx.fillStyle = "#ffffff";
    }
    if (d.tables[t.index]?.pinned) {
      ctx.beginPath();
      ctx.arc(r.x + r.width - 11, r.y + 10, 4, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  // Groups whose boxes are too small for their names: the group's name over its frame, at
  // 12 px on screen (or its title's size, if larger), on a halo of the background.
  if (unnamed.size > 0) {
    const size = Math.max(14, 12 / scale);
    ctx.font = `bold ${size}px "DejaVu Sans", Verdana, sans-serif`;
    ctx.textAlign = "center";
    ctx.lineJoin = "round";
    ctx.globalAlpha = 1;
    for (const f of scene.frames) {
      if (!unnamed.has(f.index) || !intersects(f.rect, area)) continue;
      const x = f.rect.x + f.rect.width / 2;
      const y = f.rect.y + f.rect.height / 2 + size * 0.35;
      ctx.strokeStyle = p.bg;
      ctx.lineWidth = 4 * px;
      ctx.strokeText(f.name, x, y, f.rect.width);
      ctx.fillStyle = p.text;
      ctx.fillText(f.name, x, y, f.rect.width);
    }
    ctx.textAlign = "start";
  }
  ctx.globalAlpha = 1;
}
