import { describe, expect, it } from "vitest";
import type { Relationship, TableDetail } from "../ipc";
import { optimistic } from "./optimistic";

const rel = (id: string, on_delete: string) => ({ id, key: id, on_delete }) as unknown as Relationship;
const detail = {
  entry: { id: "t1", purpose: null },
  columns: [],
  relationships: [{ entry: rel("r1", "restrict"), key: "r1" }, { entry: rel("r2", "restrict"), key: "r2" }],
} as unknown as TableDetail;

describe("optimistic", () => {
  it("puts the edited relationship in place so the next edit builds on it", () => {
    const next = optimistic(detail, { op: "put_relationship", relationship: rel("r2", "cascade") });
    expect(next.relationships.map((r) => (r.entry as unknown as { on_delete: string }).on_delete)).toEqual(["restrict", "cascade"]);
    expect(detail.relationships[1]?.entry).toEqual(rel("r2", "restrict"));
  });

  it("leaves other tables and other edits alone", () => {
    expect(optimistic(detail, { op: "put_table", table: { id: "t2" } as never })).toBe(detail);
    expect(optimistic(detail, { op: "delete_signal", signal: "s1" })).toBe(detail);
  });
});
