import { describe, expect, it } from "vitest";
import type { Index, Relationship, TableDetail } from "../ipc";
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

  it("puts this table's column of an edited partial in place", () => {
    const column = (id: string, data_type: string) => ({ entry: { id, data_type } }) as unknown as TableDetail["columns"][number];
    const table = { ...detail, columns: [column("c1", "timestamptz"), column("c2", "text")] } as unknown as TableDetail;
    const signals = [{ id: "c9", data_type: "timestamp" }, { id: "c1", data_type: "timestamp" }] as never;
    const next = optimistic(table, { op: "put_partial", name: "timestamps", text: "TablePartial timestamps { }", signals });
    expect(next.columns.map((c) => c.entry.data_type)).toEqual(["timestamp", "text"]);
  });

  it("leaves other tables and other edits alone", () => {
    expect(optimistic(detail, { op: "put_table", table: { id: "t2" } as never })).toBe(detail);
    expect(optimistic(detail, { op: "delete_signal", signal: "s1" })).toBe(detail);
  });

  it("adds, replaces and deletes an index or unique constraint at its position", () => {
    const ix = (name: string): Index => ({ name, parts: [{ column: name }], method: "btree", unique: false });
    const table = { ...detail, entry: { id: "t1", indexes: [ix("a")], unique_constraints: [] } } as unknown as TableDetail;
    const added = optimistic(table, { op: "put_index", table: "t1", position: 1, index: ix("b") });
    expect(added.entry.indexes.map((i) => i.name)).toEqual(["a", "b"]);
    const replaced = optimistic(added, { op: "put_index", table: "t1", position: 0, index: ix("c") });
    expect(replaced.entry.indexes.map((i) => i.name)).toEqual(["c", "b"]);
    expect(optimistic(replaced, { op: "delete_index", table: "t1", position: 0 }).entry.indexes.map((i) => i.name)).toEqual(["b"]);
    expect(optimistic(replaced, { op: "delete_index", table: "t1", position: 5 }).entry.indexes).toBe(replaced.entry.indexes);
    const unique = optimistic(table, { op: "put_unique_constraint", table: "t1", position: 0, constraint: { name: null, columns: ["a"] } });
    expect(unique.entry.unique_constraints).toEqual([{ name: null, columns: ["a"] }]);
    expect(optimistic(unique, { op: "delete_unique_constraint", table: "t1", position: 0 }).entry.unique_constraints).toEqual([]);
    expect(optimistic(table, { op: "delete_index", table: "t2", position: 0 })).toBe(table);
  });
});
