// The clipboard's copy made ahead for the selection, what a copy event puts on the clipboard and
// what a paste reads back, and what the status bar says of each; the shell faked at the ipc module.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { TablesCopy, TablesPaste } from "../ipc";

const pending: Array<() => void> = [];
const pasted: Array<[string, [number, number] | null]> = [];
const copy = (n: number): TablesCopy => ({ payload: `{"relata_tables":1,"n":${n}}`, dbml: `Table t${n} {}`, tables: 2, relationships: 1, left_behind: 3 });
vi.mock("../ipc", () => ({
  copyTables: vi.fn((tables: unknown[]) => new Promise((resolve) => pending.push(() => resolve(copy(tables.length))))),
  pasteTables: vi.fn((payload: string, at: [number, number] | null) => {
    pasted.push([payload, at]);
    return Promise.resolve({ edit: { op: "batch", label: "Paste", edits: [] }, tables: ["s.a_copy"], renamed: [["s.a", "s.a_copy"]], relationships: 0, left_behind: 0 });
  }),
}));

const { describeCopy, describePaste, RELATA_TYPE, TableClipboard } = await import("./clipboard.svelte");

/** A clipboard event's data as WebKit hands it to the page: a map of types. */
function event(data: Record<string, string> = {}) {
  const store = new Map(Object.entries(data));
  let prevented = false;
  return {
    clipboardData: { setData: (t: string, v: string) => void store.set(t, v), getData: (t: string) => store.get(t) ?? "" },
    preventDefault: () => void (prevented = true),
    get prevented() { return prevented; },
    store,
  };
}

beforeEach(() => {
  pending.length = 0;
  pasted.length = 0;
});

describe("TableClipboard", () => {
  it("holds the copy of the selection asked for last, never an older answer", async () => {
    const clip = new TableClipboard();
    clip.prepare("a", [{ schema: "s", table: "a" }], [[0, 0]]);
    clip.prepare("b", [{ schema: "s", table: "a" }, { schema: "s", table: "b" }], [[0, 0], [1, 1]]);
    expect(clip.current()).toBeNull();
    pending[0]!();
    await Promise.resolve();
    await Promise.resolve();
    expect(clip.current(), "the answer for the first selection came after the second was asked").toBeNull();
    pending[1]!();
    await Promise.resolve();
    await Promise.resolve();
    expect(clip.current()?.dbml).toBe("Table t2 {}");
    clip.prepare("", [], []);
    expect(clip.current()).toBeNull();
  });

  it("a copy event gets the DBML as text and the payload under Relata's type; a paste reads the payload back", async () => {
    const clip = new TableClipboard();
    const e = event();
    expect(clip.fill(e as unknown as ClipboardEvent, copy(2))).toBe(true);
    expect(e.prevented).toBe(true);
    expect(e.store.get("text/plain")).toBe("Table t2 {}");
    expect(e.store.get(RELATA_TYPE)).toContain("relata_tables");
    const p = await clip.paste(event(Object.fromEntries(e.store)) as unknown as ClipboardEvent, [10, 20]);
    expect(p?.tables).toEqual(["s.a_copy"]);
    expect(pasted).toEqual([[e.store.get(RELATA_TYPE), [10, 20]]]);
    expect(await clip.paste(event({ "text/plain": "Table x {}" }) as unknown as ClipboardEvent, null), "plain text is no paste of tables").toBeNull();
    expect(pasted.length).toBe(1);
  });
});

describe("the status bar", () => {
  it("says what a copy took and what it left behind", () => {
    expect(describeCopy(copy(2))).toBe("Copied 2 tables with 1 relationship (their DBML too, as text); 3 relationships to tables not copied were left behind");
    expect(describeCopy({ ...copy(1), tables: 1, relationships: 0, left_behind: 1 })).toBe("Copied 1 table (their DBML too, as text); 1 relationship to a table not copied was left behind");
  });

  it("says what a paste made, renamed and left behind", () => {
    const p: TablesPaste = { edit: { op: "batch", label: "", edits: [] }, tables: ["s.a_copy", "s.b_copy"], renamed: [["s.a", "s.a_copy"], ["s.b", "s.b_copy"]], relationships: 1, left_behind: 2 };
    expect(describePaste(p)).toBe("Pasted s.a_copy, s.b_copy with 1 relationship; renamed on a clash: s.a → s.a_copy, s.b → s.b_copy; 2 relationships to tables not copied were left behind (Ctrl+Z undoes it)");
  });
});
