import { describe, expect, it } from "vitest";
import { clippedText } from "./clipped";

const el = (scrollWidth: number, clientWidth: number, tagName = "SPAN", textContent: string | null = "R303 bigint → varchar", value?: string) =>
  ({ scrollWidth, clientWidth, tagName, textContent, value });

describe("clippedText", () => {
  it("gives the whole text only when the content is wider than its box", () => {
    expect(clippedText(el(300, 120))).toBe("R303 bigint → varchar");
    expect(clippedText(el(120, 120))).toBeNull();
    // Sub-pixel rounding is not clipping.
    expect(clippedText(el(121, 120))).toBeNull();
  });

  it("reads an input's value, not its (empty) text", () => {
    expect(clippedText(el(180, 90, "INPUT", "", "timestamp with time zone"))).toBe("timestamp with time zone");
    expect(clippedText(el(180, 90, "input", null, "gen_random_uuid()"))).toBe("gen_random_uuid()");
  });

  it("has nothing to show for a hidden box or an empty text", () => {
    expect(clippedText(el(50, 0))).toBeNull();
    expect(clippedText(el(300, 120, "SPAN", "   "))).toBeNull();
  });
});
