// Pan and zoom of the diagram: a pure transform (scale, then translate) and the operations on
// it, tested without a window.

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

/** The view moved by (`dx`, `dy`) screen pixels. */
export function pan(view: View, dx: number, dy: number): View {
  return { ...view, x: view.x + dx, y: view.y + dy };
}
