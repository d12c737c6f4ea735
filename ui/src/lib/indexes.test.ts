import { describe, expect, it } from "vitest";
import type { Table } from "../ipc";
import { addIndex, addUnique, available, deleteIndex, deleteUnique, firstColumns, move, partLabel, putIndex, putUnique, without } from "./indexes";

const table: Table = {
  id: "t1", name: "orders", prefix: null, schema: "core", module: "Sales", status: "draft", purpose: null,
  primary_key: ["id"], db_engine: "postgres", db_name: null, owner_team: null, notes: null,
  created_at: "2026-01-01 00:00:00+00", updated_at: "2026-01-01 00:00:00+00",
  unique_constraints: [{ name: "uq_orders_no", columns: ["order_no"] }],
  indexes: [{ name: null, parts: [{ column: "customer_id" }, { expression: "lower(order_no)" }], method: "btree", unique: false, where: null, note: null }],
  color: null,
};

describe("index form state", () => {
  it("adds an index or constraint at the end, on the first column outside the key", () => {
    expect(firstColumns(["id", "order_no"], ["id"])).toEqual(["order_no"]);
    expect(firstColumns(["id"], ["id"])).toEqual(["id"]);
    expect(firstColumns([], [])).toEqual([]);
    expect(addIndex(table, ["order_no"])).toEqual({
      op: "put_index", table: "t1", position: 1,
      index: { name: null, parts: [{ column: "order_no" }], method: "btree", unique: false, where: null, note: null },
    });
    expect(addUnique(table, ["customer_id", "order_no"])).toEqual({
      op: "put_unique_constraint", table: "t1", position: 1, constraint: { name: null, columns: ["customer_id", "order_no"] },
    });
  });

  it("edits one field of the index at a position; empty texts are not set", () => {
    const edit = putIndex(table, 0, { name: "ix_orders_customer", unique: true, where: "deleted_at IS NULL", method: "hash" });
    expect(edit).toEqual({
      op: "put_index", table: "t1", position: 0,
      index: { ...table.indexes[0], name: "ix_orders_customer", unique: true, where: "deleted_at IS NULL", method: "hash" },
    });
    const cleared = putIndex(table, 0, { name: "  ", where: "" });
    expect(cleared?.op === "put_index" && [cleared.index.name, cleared.index.where]).toEqual([null, null]);
    expect(putIndex(table, 3, { unique: true })).toBeNull();
    expect(putUnique(table, 0, { name: "" })).toEqual({ op: "put_unique_constraint", table: "t1", position: 0, constraint: { name: null, columns: ["order_no"] } });
    expect(putUnique(table, 1, { name: "x" })).toBeNull();
  });

  it("deletes by position", () => {
    expect(deleteIndex(table, 0)).toEqual({ op: "delete_index", table: "t1", position: 0 });
    expect(deleteUnique(table, 0)).toEqual({ op: "delete_unique_constraint", table: "t1", position: 0 });
  });

  it("orders the key parts", () => {
    expect(move(["a", "b", "c"], 1, -1)).toEqual(["b", "a", "c"]);
    expect(move(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
    expect(without(["a", "b", "c"], 1)).toEqual(["a", "c"]);
    expect(available(["id", "customer_id", "order_no"], table.indexes[0]!.parts)).toEqual(["id", "order_no"]);
    expect(available(["id", "order_no"], ["order_no"])).toEqual(["id"]);
    expect(table.indexes[0]!.parts.map(partLabel)).toEqual(["customer_id", "(lower(order_no))"]);
  });

  it("reads a part's collation, operator class and order as PostgreSQL writes them", () => {
    expect(partLabel({ column: "title", collation: '"C"', opclass: "text_pattern_ops", descending: true, nulls_first: false })).toBe(
      'title COLLATE "C" text_pattern_ops DESC NULLS LAST',
    );
    expect(partLabel({ expression: "lower(email)", nulls_first: true })).toBe("(lower(email)) NULLS FIRST");
  });
});
