import { describe, expect, it } from "vitest";
import type { PartialDetail } from "../ipc";
import { editsPartial, overrideEdit, overrideEffect, partialEffect, partialMark } from "./partials";

const shared: PartialDetail = { name: "timestamps", tables: 4, rewrites: true };
const alone: PartialDetail = { name: "audit", tables: 1, rewrites: true };
const verbatim: PartialDetail = { name: "timestamps", tables: 2, rewrites: false };

describe("a column a DBML partial brings", () => {
  it("is marked with the partial and how many tables use it", () => {
    expect(partialMark(shared)).toBe("from partial ~timestamps (used by 4 tables)");
    expect(partialMark(alone)).toBe("from partial ~audit (used by 1 table)");
  });

  it("says before a change how many tables it changes", () => {
    expect(partialEffect(shared)).toBe("Changing its type, null, default or description edits ~timestamps: changes the 4 tables that use ~timestamps.");
    expect(partialEffect(alone)).toContain("changes the 1 table that uses ~audit");
  });

  it("says when the change makes the tables override the partial instead", () => {
    const said = partialEffect(verbatim);
    expect(said).toContain("cannot be rewritten");
    expect(said).toContain("each of the 2 tables that use it define this column itself, overriding the partial");
  });

  it("sends what DBML writes of the column to the partial, the registry's own fields to the table", () => {
    for (const field of ["data_type", "nullable", "default", "description", "spec"] as const) expect(editsPartial(shared, field)).toBe(true);
    for (const field of ["role", "concept", "column"] as const) expect(editsPartial(shared, field)).toBe(false);
    expect(editsPartial(null, "data_type")).toBe(false);
  });

  it("overrides the partial in this table only", () => {
    const table = { schema: "public", table: "orders" };
    expect(overrideEdit(table, "updated_at")).toEqual({ op: "override_partial_column", table, column: "updated_at" });
    expect(overrideEffect(shared, "updated_at")).toContain("this table only");
  });
});
