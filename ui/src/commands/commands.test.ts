import { describe, expect, it } from "vitest";
import { commandDetail, commandForKey, matches, type Command } from "./commands";

const key = (k: string, mods: Partial<Record<"ctrlKey" | "metaKey" | "shiftKey" | "altKey", boolean>> = {}) =>
  ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods }) as KeyboardEvent;

describe("matches", () => {
  it("needs the modifiers as written: Ctrl+Z is not Ctrl+Shift+Z, and ⌘ counts as Ctrl", () => {
    expect(matches("Ctrl+Z", key("z", { ctrlKey: true }))).toBe(true);
    expect(matches("Ctrl+Z", key("Z", { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(matches("Ctrl+Shift+Z", key("Z", { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(matches("Ctrl+Z", key("z", { metaKey: true }))).toBe(true);
    expect(matches("Ctrl+Z", key("z", { ctrlKey: true, altKey: true }))).toBe(false);
    expect(matches("Z", key("z", { ctrlKey: true }))).toBe(false);
  });

  it("tells a letter with Shift from one without (Shift+C collapses all, C one group)", () => {
    expect(matches("Shift+C", key("C", { shiftKey: true }))).toBe(true);
    expect(matches("C", key("C", { shiftKey: true }))).toBe(false);
    expect(matches("C", key("c"))).toBe(true);
    // WebDriver types "C" without Shift; Caps Lock gives "C" too: the letter typed decides.
    expect(matches("Shift+C", key("C"))).toBe(true);
    expect(matches("C", key("C"))).toBe(false);
    expect(matches("Ctrl+Z", key("Z", { ctrlKey: true }))).toBe(true);
  });

  it("takes a symbol as typed, whatever Shift the layout needed for it", () => {
    expect(matches("+", key("+", { shiftKey: true }))).toBe(true);
    expect(matches("]", key("]"))).toBe(true);
    expect(matches("0", key("0"))).toBe(true);
    expect(matches("+", key("="))).toBe(false);
  });

  it("names keys by their KeyboardEvent.key", () => {
    expect(matches("Escape", key("Escape"))).toBe(true);
    expect(matches("Delete", key("Delete", { shiftKey: true }))).toBe(false);
    expect(matches("ArrowLeft", key("ArrowLeft"))).toBe(true);
  });
});

describe("commandForKey", () => {
  const ran: string[] = [];
  const command = (id: string, keys: string[], enabled = true, accepts?: (e: KeyboardEvent) => boolean): Command =>
    ({ id, label: id, keys, enabled, run: () => ran.push(id), ...(accepts ? { accepts } : {}) });

  it("finds the first enabled command the key is for, skipping disabled ones and those that refuse it", () => {
    const table = [
      command("dismiss-error", ["Escape"], false),
      command("close-form", ["Escape"]),
      command("close-inspector", ["Escape"]),
      command("delete", ["Delete"], true, () => false),
      command("redo", ["Ctrl+Shift+Z", "Ctrl+Y"]),
    ];
    expect(commandForKey(table, key("Escape"))?.id).toBe("close-form");
    expect(commandForKey(table, key("Delete"))).toBeUndefined();
    expect(commandForKey(table, key("y", { ctrlKey: true }))?.id).toBe("redo");
    expect(commandForKey(table, key("q"))).toBeUndefined();
  });

  it("shows the first shortcut before the detail in the palette", () => {
    expect(commandDetail({ keys: ["Ctrl+N"], detail: "an empty .relata file" })).toBe("Ctrl+N · an empty .relata file");
    expect(commandDetail({ keys: [], detail: "now dark" })).toBe("now dark");
    expect(commandDetail({ keys: ["L"] })).toBe("L");
  });
});
