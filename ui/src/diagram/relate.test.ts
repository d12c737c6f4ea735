import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Diagram, DiagramTable, RelationshipProposal } from "../ipc";

// The shell, faked at the ipc module: each proposal asked for, and when it answers.
const asked: string[] = [];
const pending: Array<() => void> = [];
const proposal = (key: string, codes: string[] = []): RelationshipProposal => ({
  edit: { op: "batch", label: key, edits: [] }, relationship: "id", key, reused: [], created: ["version varchar"],
  findings: codes.map((code) => ({ code, severity: "error" as const, location: { kind: "workspace" as const }, message: `${code} says why` })),
} as RelationshipProposal);
vi.mock("../ipc", () => ({
  proposeDrop: vi.fn((child: { table: string }, column: string, parent: { table: string }, parentColumn: string | null) => {
    const what = `${child.table}.${column}->${parent.table}.${parentColumn ?? "(key)"}`;
    asked.push(what);
    return new Promise((resolve) => pending.push(() => resolve(proposal(what, parentColumn === "n" ? ["R303"] : []))));
  }),
}));
const { Relating, describeAnswer } = await import("./relate.svelte");

const table = (name: string): DiagramTable => ({
  schema: "s", table: name, group: null, color: "#2F6FB0", pinned: false, rect: { x: 0, y: 0, width: 100, height: 66 },
  columns: [{ name: "id", data_type: "int", pk: true, fk: false, nullable: false }, { name: "n", data_type: "text", pk: false, fk: false, nullable: true }],
  kind: "table", partitions: [], more_partitions: 0,
});
const diagram = { tables: [table("a"), table("b")] } as unknown as Diagram;
const settle = async () => {
  while (pending.length) pending.shift()!();
  await new Promise((r) => setTimeout(r, 0));
};

beforeEach(() => {
  asked.length = 0;
  pending.length = 0;
});

describe("a relationship drawn by dragging", () => {
  it("asks the shell once per target and shows only the answer for the target under the pointer", async () => {
    const r = new Relating(() => diagram);
    r.begin({ index: 0, row: 0, side: "right" }, [100, 36]);
    r.move([150, 20], { index: 1, row: 1 });
    r.move([150, 10], { index: 1, row: null });
    await settle();
    expect(asked).toEqual(["a.id->b.n", "a.id->b.(key)"]);
    expect(r.answer?.key).toBe("1:header");
    expect(describeAnswer(r.answer)).toEqual({ text: "a.id->b.(key) (adds version varchar)", codes: [], problem: false });
    // Back over the row: no new question, and its answer (with R303) shows.
    r.move([150, 30], { index: 1, row: 1 });
    await settle();
    expect(asked).toHaveLength(2);
    expect(describeAnswer(r.answer)).toMatchObject({ problem: true, codes: ["R303"], text: "R303: R303 says why" });
  });

  it("drops the proposal for the target under the pointer, waiting for it; a drop over nothing or Escape gives none", async () => {
    const r = new Relating(() => diagram);
    r.begin({ index: 0, row: 0, side: "right" }, [100, 36]);
    r.move([150, 30], { index: 1, row: 1 });
    const dropped = r.drop();
    expect(r.drag).toBeNull();
    await settle();
    expect((await dropped)?.proposal?.key).toBe("a.id->b.n");

    r.begin({ index: 0, row: 0, side: "right" }, [100, 36]);
    r.move([400, 400], null);
    expect(await r.drop()).toBeNull();
    r.begin({ index: 0, row: 0, side: "right" }, [100, 36]);
    r.move([150, 30], { index: 1, row: 0 });
    r.cancel();
    expect(r.drag).toBeNull();
    expect(r.answer).toBeNull();
  });
});
