import { describe, expect, it } from "vitest";
import { missingMessage, moveFocus, recentEntries } from "./recent";

const recent = [
  { path: "/home/ada/models/zayaz", exists: true },
  { path: "/home/ada/old.relata", exists: false },
  { path: "/tmp/scratch/", exists: true },
];

describe("recent workspaces", () => {
  it("names each entry by its last path part and marks the open and the missing ones", () => {
    const entries = recentEntries(recent, "/home/ada/models/zayaz");
    expect(entries.map((e) => [e.name, e.folder, e.missing, e.current])).toEqual([
      ["zayaz", "/home/ada/models", false, true],
      ["old.relata", "/home/ada", true, false],
      ["scratch", "/tmp", false, false],
    ]);
  });

  it("says how many are gone", () => {
    expect(missingMessage(recentEntries(recent, null))).toMatch(/^1 workspace/);
    expect(missingMessage(recentEntries([recent[0]!], null))).toBeNull();
    expect(missingMessage(recentEntries(recent.map((r) => ({ ...r, exists: false })), null))).toMatch(/^3 workspaces/);
  });

  it("moves the keyboard focus over the entries that can be opened, wrapping", () => {
    expect(moveFocus(recentEntries(recent, "/tmp/scratch/"), -1, 1)).toBe(0);
    expect(moveFocus(recentEntries(recent, "/home/ada/models/zayaz"), -1, 1)).toBe(2);
    const entries = recentEntries(recent, null);
    expect(moveFocus(entries, 0, 1)).toBe(2);
    expect(moveFocus(entries, 2, 1)).toBe(0);
    expect(moveFocus(entries, 0, -1)).toBe(2);
    expect(moveFocus(entries.map((e) => ({ ...e, missing: true })), 0, 1)).toBe(-1);
  });
});
