import { beforeEach, describe, expect, it, vi } from "vitest";
import type { EditState, TableDetail, WorkspaceOverview } from "../ipc";

// The shell, faked at the ipc module: what each command returns, and the order calls came in.
const calls: string[] = [];
const overview = (tables: string[]): WorkspaceOverview => ({
  path: "/w/example", table_count: tables.length, relationship_count: 0, error_count: 0, warning_count: 0,
  groups: [{ module: "M", color: null, tables: tables.map((name) => ({ schema: "s", name, status: "stable", prefix: "", column_count: 1 })) }],
});
let tablesNow = ["a", "b"];
const state = (revision: number, done: string | null = null): EditState => ({ revision, dirty: revision > 0, undo: null, redo: null, done } as EditState);
vi.mock("@tauri-apps/plugin-dialog", () => ({ ask: vi.fn(async () => true) }));
vi.mock("../ipc", () => ({
  workspaceOverview: vi.fn(async () => (calls.push("overview"), overview(tablesNow))),
  workspaceDiagnostics: vi.fn(async () => []),
  editState: vi.fn(async () => state(0)),
  recoveryOffer: vi.fn(async () => null),
  rulePresets: vi.fn(async () => ({ presets: [], current: "" })),
  searchIndex: vi.fn(async () => ({ tables: [], columns: [], relationships: [] })),
  tableDetail: vi.fn(async (schema: string, name: string) => (calls.push(`detail ${name}`), { schema, name, entry: { id: name }, relationships: [], diagnostics: [] } as unknown as TableDetail)),
  applyEdit: vi.fn(), saveWorkspace: vi.fn(), openWorkspace: vi.fn(), newWorkspace: vi.fn(),
  diskMerge: vi.fn(async () => conflictsNow),
  reviewDiskChanges: vi.fn(async () => ({ state: state(5, "Merge 1 change made on disk"), conflicts: conflictsNow })),
}));
let conflictsNow: unknown[] = [];

const { WorkspaceStore } = await import("./store.svelte");

beforeEach(() => {
  calls.length = 0;
  conflictsNow = [];
  tablesNow = ["a", "b"];
  vi.useFakeTimers();
});

describe("the edit queue", () => {
  it("runs steps one after another in the order made, then refreshes once for a burst", async () => {
    const ws = new WorkspaceStore();
    let release!: () => void;
    const first = () => new Promise<EditState>((resolve) => (release = () => (calls.push("first done"), resolve(state(1, "Renamed a")))));
    const second = async () => (calls.push("second ran"), state(2, "Added c"));
    ws.step(first);
    ws.step(second);
    await vi.advanceTimersByTimeAsync(50);
    expect(calls).toEqual([]);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(["first done", "second ran"]);
    expect(ws.history?.revision).toBe(2);
    expect(ws.message).toBe("Added c");
    tablesNow = ["a", "b", "c"];
    await vi.advanceTimersByTimeAsync(200);
    expect(calls.filter((c) => c === "overview")).toHaveLength(1);
    expect(ws.overview?.groups[0]?.tables.map((t) => t.name)).toEqual(["a", "b", "c"]);
  });

  it("shows a refused step's error and rewrites the fields once fresh data is in", async () => {
    const ws = new WorkspaceStore();
    await ws.select("s", "a");
    ws.step(async () => Promise.reject({ code: "Refused", message: "name taken" }));
    await vi.advanceTimersByTimeAsync(0);
    expect(ws.error).toEqual({ code: "Refused", message: "name taken" });
    expect(ws.force).toBe(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(ws.force).toBe(1);
    expect(calls).toContain("detail a");
  });
});

describe("the selection", () => {
  it("Shift-click adds and removes tables besides the open one; a frame's click selects its group alone", async () => {
    const ws = new WorkspaceStore();
    await ws.select("s", "a");
    ws.addToSelection("s", "b");
    ws.addToSelection("s", "c");
    ws.addToSelection("s", "a");
    expect(ws.also).toEqual(["s.b", "s.c"]);
    ws.addToSelection("s", "b");
    expect(ws.also).toEqual(["s.c"]);
    ws.selectGroup("M");
    expect([ws.detail, ws.also, ws.selectedGroup]).toEqual([null, [], "M"]);
    await ws.select("s", "b");
    expect([ws.detail?.name, ws.selectedGroup]).toEqual(["b", null]);
  });

  it("a rubber band's tables become the selection, the first opened", async () => {
    const ws = new WorkspaceStore();
    ws.selectGroup("M");
    await ws.selectMany(["s.c", "s.a", "s.b"]);
    expect([ws.detail?.name, ws.also, ws.selectedGroup]).toEqual(["c", ["s.a", "s.b"], null]);
    await ws.selectMany([]);
    expect(ws.detail?.name).toBe("c");
  });
});

describe("changes made on disk", () => {
  const conflict = { table: "table_overview", id: "1", name: "s.a", kind: "fields", fields: [{ field: "purpose", base: null, ours: "x", theirs: "y" }] };

  it("a reload refreshes what is shown and says so; an unsaved workspace shows the banner; broken files are an error", async () => {
    const ws = new WorkspaceStore();
    tablesNow = ["a", "b", "pulled"];
    ws.onDisk({ kind: "reloaded", message: "Reloaded /w/example: it changed on disk" });
    await vi.advanceTimersByTimeAsync(200);
    expect(ws.overview?.groups[0]?.tables.map((t) => t.name)).toContain("pulled");
    expect(ws.diskChanged).toBeNull();
    ws.onDisk({ kind: "changed", message: "/w/example changed on disk" });
    expect(ws.diskChanged).toBe("/w/example changed on disk");
    ws.onDisk({ kind: "broken", message: "signal_registry.csv:9:1: …" });
    expect(ws.error).toEqual({ code: "ChangedOnDisk", message: "signal_registry.csv:9:1: …" });
  });

  it("a save that meets conflicts opens the merge view, not the error banner", async () => {
    const ws = new WorkspaceStore();
    conflictsNow = [conflict];
    ws.step(async () => { throw { code: "ChangedOnDisk", message: "changed here and there" }; });
    await vi.advanceTimersByTimeAsync(0);
    expect(ws.diskMergeOpen).toBe(true);
    expect(ws.error).toBeNull();
    // Without conflicts to choose from (the files no longer load), the error shows.
    const other = new WorkspaceStore();
    conflictsNow = [];
    other.step(async () => { throw { code: "ChangedOnDisk", message: "no longer loads" }; });
    await vi.advanceTimersByTimeAsync(0);
    expect(other.diskMergeOpen).toBe(false);
    expect(other.error?.message).toBe("no longer loads");
  });

  it("Review merges and closes the banner; with conflicts it opens the merge view", async () => {
    const ws = new WorkspaceStore();
    ws.diskChanged = "changed";
    ws.reviewDisk();
    await vi.advanceTimersByTimeAsync(0);
    expect(ws.diskChanged).toBeNull();
    expect(ws.history?.done).toBe("Merge 1 change made on disk");
    expect(ws.diskMergeOpen).toBe(false);
    conflictsNow = [conflict];
    ws.reviewDisk();
    await vi.advanceTimersByTimeAsync(0);
    expect(ws.diskMergeOpen).toBe(true);
  });
});
