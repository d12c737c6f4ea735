import { describe, expect, it } from "vitest";
import type { Table } from "../ipc";
import { addToKey, keyCandidates, keyEdit, moveInKey, removeFromKey } from "./primaryKey";

const AT = "2026-11-22 10:00:00+00";
const table = (primary_key: string[]): Table => ({
  id: "t1", name: "fact_order_lines", prefix: "fact_", schema: "sales", module: "Sales", status: "draft", purpose: null,
  primary_key, db_engine: "postgres", db_name: null, owner_team: null, notes: null,
  created_at: "2026-01-01 00:00:00+00", updated_at: "2026-01-01 00:00:00+00", unique_constraints: [], indexes: [], color: null,
});

describe("the primary key", () => {
  const columns = ["order_id", "line_no", "sku", "quantity"];

  it("offers the columns not in the key, in table order", () => {
    expect(keyCandidates([], columns)).toEqual(columns);
    expect(keyCandidates(["line_no", "order_id"], columns)).toEqual(["sku", "quantity"]);
  });

  it("builds a composite key in the order the columns are picked, and reorders it", () => {
    let key = addToKey([], "line_no");
    key = addToKey(key, "order_id");
    expect(key).toEqual(["line_no", "order_id"]);
    expect(addToKey(key, "order_id")).toEqual(key);
    expect(addToKey(key, "")).toEqual(key);
    expect(moveInKey(key, "order_id", -1)).toEqual(["order_id", "line_no"]);
    expect(moveInKey(key, "order_id", 1)).toEqual(key);
    expect(moveInKey(key, "line_no", -1)).toEqual(key);
    expect(moveInKey(key, "missing", 1)).toEqual(key);
    expect(removeFromKey(key, "line_no")).toEqual(["order_id"]);
  });

  it("is one put_table of the whole entry, none when nothing changes", () => {
    const t = table(["order_id"]);
    expect(keyEdit(t, ["order_id"], AT)).toBeNull();
    expect(keyEdit(t, ["order_id", "line_no"], AT)).toEqual({
      op: "put_table", table: { ...t, primary_key: ["order_id", "line_no"], updated_at: AT },
    });
    // "None": an empty key.
    expect(keyEdit(t, [], AT)).toEqual({ op: "put_table", table: { ...t, primary_key: [], updated_at: AT } });
    expect(keyEdit(table(["a", "b"]), ["b", "a"], AT)?.op).toBe("put_table");
  });
});
