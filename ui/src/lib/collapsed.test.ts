import { describe, expect, it } from "vitest";
import { collapsedKey, loadCollapsed, saveCollapsed } from "./collapsed";

/** A Map behind the three Storage methods used. */
function memory() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

describe("collapsed groups per workspace", () => {
  it("round-trips a workspace's set, kept apart from another workspace's", () => {
    const s = memory();
    saveCollapsed(s, "/w/a.relata", new Set(["Orders", "Billing"]));
    saveCollapsed(s, "/w/b", ["Auth"]);
    expect(loadCollapsed(s, "/w/a.relata")).toEqual(["Billing", "Orders"]);
    expect(loadCollapsed(s, "/w/b")).toEqual(["Auth"]);
    expect(loadCollapsed(s, "/w/c")).toEqual([]);
  });
  it("forgets an emptied set and reads broken storage as nothing collapsed", () => {
    const s = memory();
    saveCollapsed(s, "/w/a", ["Orders"]);
    saveCollapsed(s, "/w/a", []);
    expect(s.map.has(collapsedKey("/w/a"))).toBe(false);
    s.map.set(collapsedKey("/w/x"), "{not json");
    expect(loadCollapsed(s, "/w/x")).toEqual([]);
    s.map.set(collapsedKey("/w/y"), JSON.stringify(["Orders", 3, null]));
    expect(loadCollapsed(s, "/w/y")).toEqual(["Orders"]);
  });
  it("survives storage that refuses to write", () => {
    const refusing = { setItem: () => { throw new Error("quota"); }, removeItem: () => { throw new Error("quota"); } };
    expect(() => saveCollapsed(refusing, "/w/a", ["Orders"])).not.toThrow();
  });
});
