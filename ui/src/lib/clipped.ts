// Tooltips for clipped text: wherever a field, a finding, a path or a name is cut off ("…", or
// an input's value running past its box), hovering it shows the whole text as a native tooltip
// (`title`). One pointer listener for the whole window sets the title when the pointer comes
// over clipped text and takes it away again when the text fits, so no panel has to remember to;
// a title a component set itself is left alone.

/** What is measured of an element (a DOM element, or a stand-in in the tests). */
export interface Measured {
  scrollWidth: number;
  clientWidth: number;
  textContent: string | null;
  /** An input's or a textarea's value. */
  value?: unknown;
  tagName: string;
}

/** The whole text of `el` when it is shown clipped (its content wider than its box by more
 *  than a pixel's rounding), else null. */
export function clippedText(el: Measured): string | null {
  if (el.clientWidth <= 0 || el.scrollWidth <= el.clientWidth + 1) return null;
  const tag = el.tagName.toUpperCase();
  const text = tag === "INPUT" || tag === "TEXTAREA" ? String(el.value ?? "") : (el.textContent ?? "");
  return text.trim() === "" ? null : text.trim();
}

/** Marks a title this module set, so it may change or remove it later. */
const OWN = "clipTitle";

/** Sets or clears the tooltip of the element under the pointer (or of one of its three nearest
 *  ancestors: a finding's message inside its button, say). */
function onpointerover(event: Event) {
  let el = event.target instanceof Element ? event.target : null;
  for (let depth = 0; el && depth < 4; depth++, el = el.parentElement) {
    if (!(el instanceof HTMLElement)) continue;
    const own = el.dataset[OWN] !== undefined;
    if (el.title && !own) return;
    const text = clippedText(el as HTMLElement & Measured);
    if (text !== null) {
      el.title = text;
      el.dataset[OWN] = "";
      return;
    }
    if (own) {
      el.removeAttribute("title");
      delete el.dataset[OWN];
    }
  }
}

/** Starts the tooltips for clipped text in `root`; returns what stops them. */
export function clippedTitles(root: Document | HTMLElement): () => void {
  root.addEventListener("pointerover", onpointerover, true);
  return () => root.removeEventListener("pointerover", onpointerover, true);
}
