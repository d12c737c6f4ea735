// Pan and zoom of the diagram: a pure transform (scale, then translate), the operations on it
// and the view a diagram opens at, tested without a window.

/** Screen = diagram × scale + offset. */
export interface View {
  scale: number;
  x: number;
  y: number;
}

export const MIN_SCALE = 0.02;
export const MAX_SCALE = 4;

const clamp = (s: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

/** Zooms by `factor` keeping the screen point (`px`, `py`) fixed under the pointer. */
export function zoomAt(view: View, factor: number, px: number, py: number): View {
  const scale = clamp(view.scale * factor);
  const k = scale / view.scale;
  return { scale, x: px - (px - view.x) * k, y: py - (py - view.y) * k };
}

/** The view that shows a `width` × `height` drawing whole, centred, in a `vw` × `vh` viewport. */
export function fit(width: number, height: number, vw: number, vh: number, margin = 16): View {
  if (width <= 0 || height <= 0 || vw <= 0 || vh <= 0) return { scale: 1, x: 0, y: 0 };
  const scale = clamp(Math.min((vw - 2 * margin) / width, (vh - 2 * margin) / height, 1));
  return { scale, x: (vw - width * scale) / 2, y: (vh - height * scale) / 2 };
}

/** The lowest zoom at which a diagram is legible: table names (13 px) and rows (12 px) are
 *  then drawn at least 9 px high. */
export const READABLE_SCALE = 0.75;

/** A box in drawing units, the drawing's top-left corner at (0, 0). */
export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The view a `width` × `height` drawing opens at in a `vw` × `vh` viewport: whole and centred
 *  (as `fit`) when that is legible; else at `READABLE_SCALE`, centred on `centre` (the largest
 *  group's frame), but never past the drawing's edges where more of it could be shown. */
export function opening(width: number, height: number, vw: number, vh: number, centre: Area | null, margin = 16): View {
  const whole = fit(width, height, vw, vh, margin);
  if (whole.scale >= READABLE_SCALE || width <= 0 || height <= 0 || vw <= 0 || vh <= 0) return whole;
  const scale = READABLE_SCALE;
  const at = centre ?? { x: 0, y: 0, width, height };
  const axis = (size: number, view: number, middle: number) => {
    const drawn = size * scale;
    if (drawn + 2 * margin <= view) return (view - drawn) / 2;
    // Centred on the group, then pulled back so neither edge of the drawing leaves a gap
    // wider than the margin.
    return Math.min(margin, Math.max(view - margin - drawn, view / 2 - middle * scale));
  };
  return { scale, x: axis(width, vw, at.x + at.width / 2), y: axis(height, vh, at.y + at.height / 2) };
}

/** The view that centres `area` (drawing units, the drawing's top-left at (0, 0)) in a `vw` ×
 *  `vh` viewport at a legible zoom: the current one when it is at least `READABLE_SCALE`, else
 *  that. The palette's jump to a table uses it. */
export function centreOn(view: View, area: Area, vw: number, vh: number): View {
  const scale = clamp(Math.max(view.scale, READABLE_SCALE));
  return { scale, x: vw / 2 - (area.x + area.width / 2) * scale, y: vh / 2 - (area.y + area.height / 2) * scale };
}

/** The view moved by (`dx`, `dy`) screen pixels. */
export function pan(view: View, dx: number, dy: number): View {
  return { ...view, x: view.x + dx, y: view.y + dy };
}

/** A screen point. */
export type ScreenPoint = readonly [number, number];

/** The view after a two-finger pinch moved its fingers from `a0`, `b0` to `a1`, `b1` (screen
 *  points relative to the viewport): zoomed by the change of their distance about their
 *  midpoint, and panned by the midpoint's move — so the diagram stays under the fingers. */
export function pinch(view: View, a0: ScreenPoint, b0: ScreenPoint, a1: ScreenPoint, b1: ScreenPoint): View {
  const d0 = Math.hypot(b0[0] - a0[0], b0[1] - a0[1]);
  const d1 = Math.hypot(b1[0] - a1[0], b1[1] - a1[1]);
  const m0: ScreenPoint = [(a0[0] + b0[0]) / 2, (a0[1] + b0[1]) / 2];
  const m1: ScreenPoint = [(a1[0] + b1[0]) / 2, (a1[1] + b1[1]) / 2];
  const zoomed = d0 > 0 && d1 > 0 ? zoomAt(view, d1 / d0, m0[0], m0[1]) : view;
  return pan(zoomed, m1[0] - m0[0], m1[1] - m0[1]);
}
