// WCAG AA contrast of the window's palette in both themes, computed from the colours the
// stylesheets really declare (style.css and diagram/diagram.css, read from disk): text at least
// 4.5:1 against what it is drawn on, lines and other graphics at least 3:1 (WCAG 2.2, 1.4.3 and
// 1.4.11). A colour changed in a stylesheet is checked here as it is.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// Read from disk: Vitest hands a stylesheet's import (even `?raw`) over empty.
const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");
const style = read("../style.css");
const diagram = read("../diagram/diagram.css");

/** The `--name: #rrggbb` declarations of the first rule whose selector is exactly `selector`. */
function variables(css: string, selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no rule ${selector}`);
  const body = css.slice(start, css.indexOf("}", start));
  return Object.fromEntries([...body.matchAll(/(--[\w-]+):\s*(#[0-9a-fA-F]{6})\b/g)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}

/** Relative luminance of `#rrggbb` (WCAG 2.2). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The contrast ratio of two colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const themes = {
  light: { ...variables(style, ":root"), ...variables(diagram, ":root") },
  // Dark overrides only what it changes; the rest is the light value.
  dark: { ...variables(style, ":root"), ...variables(style, ':root[data-theme="dark"]'), ...variables(diagram, ':root'), ...variables(diagram, ':root[data-theme="dark"]') },
};

/** Text and what it is drawn on. */
const TEXT: [string, string][] = [
  ["--text", "--bg"], ["--text", "--surface"], ["--text", "--surface-muted"],
  ["--text-muted", "--bg"], ["--text-muted", "--surface"], ["--text-muted", "--surface-muted"],
  ["--text-faint", "--surface"], ["--text-faint", "--bg"],
  ["--accent", "--surface"], ["--header-text", "--header-bg"], ["--header-muted", "--header-bg"],
  ["--error", "--error-bg"], ["--error", "--surface"], ["--warning", "--surface"],
  ...["draft", "experimental", "stable", "legacy", "deprecated", "retired"].map((s): [string, string] => [`--st-${s}-fg`, `--st-${s}-bg`]),
  ["--diagram-text", "--diagram-table-bg"], ["--diagram-text", "--diagram-row-band"], ["--diagram-text", "--diagram-row-joined"], ["--diagram-text", "--diagram-bg"],
  ["--diagram-muted", "--diagram-table-bg"], ["--diagram-muted", "--diagram-row-band"], ["--diagram-muted", "--diagram-bg"],
  ["--diagram-pk", "--diagram-table-bg"], ["--diagram-pk", "--diagram-row-band"], ["--diagram-fk", "--diagram-table-bg"], ["--diagram-fk", "--diagram-row-band"],
];

/** Lines, outlines and marks against the canvas (or a table, for a selection's outline). */
const GRAPHICS: [string, string][] = [
  ["--diagram-line", "--diagram-bg"], ["--diagram-sketch-line", "--diagram-bg"], ["--diagram-hl-line", "--diagram-bg"],
  ["--diagram-selected", "--diagram-bg"], ["--diagram-drop", "--diagram-bg"], ["--diagram-drop", "--diagram-table-bg"],
  ["--diagram-drop-bad", "--diagram-bg"], ["--diagram-drop-bad", "--diagram-table-bg"], ["--accent", "--diagram-bg"],
];

describe("the palette keeps WCAG AA contrast", () => {
  for (const [theme, v] of Object.entries(themes)) {
    it(`${theme}: text 4.5:1, graphics 3:1`, () => {
      const low: string[] = [];
      for (const [pairs, least] of [[TEXT, 4.5], [GRAPHICS, 3]] as const) {
        for (const [fg, bg] of pairs) {
          expect(v[fg], `${theme} declares ${fg}`).toBeDefined();
          expect(v[bg], `${theme} declares ${bg}`).toBeDefined();
          const r = contrast(v[fg]!, v[bg]!);
          if (r < least) low.push(`${fg} ${v[fg]} on ${bg} ${v[bg]}: ${r.toFixed(2)} < ${least}`);
        }
      }
      expect(low).toEqual([]);
    });
  }

  it("computes WCAG's ratios", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrast("#ffffff", "#ffffff")).toBe(1);
  });
});
