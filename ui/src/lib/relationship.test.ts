import { describe, expect, it } from "vitest";
import type { Relationship } from "../ipc";
import { parseFlags, putEnd, putRelationship } from "./relationship";

const end = (table: string, columns: string[]) => ({ db_engine: "postgres", db_name: null, schema: "core", table, columns });
const r = {
  id: "r1", key: "orders__customer_id__customers", child: end("orders", ["customer_id"]), parent: end("customers", ["id"]),
  deferrable: false, updated_at: "2026-01-01 00:00:00+00",
} as unknown as Relationship;

describe("relationship edits", () => {
  it("changes one field and stamps updated_at", () => {
    const edit = putRelationship(r, "deferrable", true, "2026-11-22 10:00:00+00");
    expect(edit.op === "put_relationship" && [edit.relationship.deferrable, edit.relationship.updated_at]).toEqual([true, "2026-11-22 10:00:00+00"]);
  });

  it("keeps an end's columns when they change, clears them when the end moves", () => {
    const columns = putEnd(r, "child", { columns: ["customer_id", "tenant_id"] });
    expect(columns.op === "put_relationship" && columns.relationship.child.columns).toEqual(["customer_id", "tenant_id"]);
    const moved = putEnd(r, "parent", { table: "clients" });
    expect(moved.op === "put_relationship" && moved.relationship.parent).toEqual({ ...end("clients", []) });
  });

  it("accepts a JSON object as generator flags, and explains anything else", () => {
    expect(parseFlags("")).toEqual({ flags: {} });
    expect(parseFlags('{"skip_ddl": true}')).toEqual({ flags: { skip_ddl: true } });
    expect(parseFlags("[1]")).toHaveProperty("error");
    expect(parseFlags("{")).toHaveProperty("error");
    expect(parseFlags('{"lineage_kind": "feeds"}')).toHaveProperty("error");
  });
});
