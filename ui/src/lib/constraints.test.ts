import { describe, expect, it } from "vitest";
import type { Signal, Table } from "../ipc";
import { addCheck, checkLabel, deleteCheck, identityKind, indexOptionPhrases, partitionPhrases, putCheck, putIdentity, putSpecText, specPhrases, uniqueOptionPhrases } from "./constraints";

const at = "2026-12-07 10:00:00+00";
const table: Table = {
  id: "t1", name: "orders", prefix: null, schema: "app", module: "Sales", status: "draft", purpose: null,
  primary_key: ["id"], db_engine: "postgres", db_name: null, owner_team: null, notes: null,
  created_at: "2026-01-01 00:00:00+00", updated_at: "2026-01-01 00:00:00+00",
  unique_constraints: [], indexes: [], color: null,
  checks: [{ name: "positive", expression: "total >= 0", column: "total", not_valid: true }],
};
const signal: Signal = {
  id: "s1", table: { schema: "app", table: "orders" }, column: "id", ordinal: 1, data_type: "bigint", nullable: false,
  default: null, role: "key", row_type: "binding", concept: null, connection: "rw", description: null,
  created_at: "2026-01-01 00:00:00+00", updated_at: "2026-01-01 00:00:00+00",
  spec: { identity: { always: true, options: "START WITH 1000" }, collation: '"C"' },
};

describe("CHECK constraints", () => {
  it("adds one at the end, unnamed, as one put_table", () => {
    const edit = addCheck(table, "placed_on > '2000-01-01'", at);
    expect(edit.op).toBe("put_table");
    if (edit.op !== "put_table") return;
    expect(edit.table.checks).toEqual([table.checks![0], { name: null, expression: "placed_on > '2000-01-01'", column: null, note: null }]);
    expect(edit.table.updated_at).toBe(at);
  });

  it("edits one by position; an empty name means PostgreSQL names it", () => {
    const edit = putCheck(table, 0, { name: " ", expression: "total > 0" }, at);
    if (edit?.op !== "put_table") throw new Error("a put_table");
    expect(edit.table.checks![0]).toEqual({ name: null, expression: "total > 0", column: "total", not_valid: true });
    expect(putCheck(table, 3, { expression: "x" }, at)).toBeNull();
  });

  it("deletes one by position, and nothing past the end", () => {
    const edit = deleteCheck(table, 0, at);
    if (edit?.op !== "put_table") throw new Error("a put_table");
    expect(edit.table.checks).toEqual([]);
    expect(deleteCheck(table, 1, at)).toBeNull();
  });

  it("reads as PostgreSQL writes it", () => {
    expect(checkLabel(table.checks![0]!)).toBe("CHECK (total >= 0) NOT VALID");
    expect(checkLabel({ name: null, expression: "a <> ''", column: null, note: null, no_inherit: true })).toBe("CHECK (a <> '') NO INHERIT");
  });
});

describe("column specs", () => {
  it("reads and sets the identity, keeping its options while it stays one", () => {
    expect(identityKind(signal.spec)).toBe("always");
    expect(identityKind(undefined)).toBe("none");
    const byDefault = putIdentity(signal, "by_default", at);
    if (byDefault.op !== "put_signal") throw new Error("a put_signal");
    expect(byDefault.signal.spec).toEqual({ identity: { always: false, options: "START WITH 1000" }, collation: '"C"' });
    const none = putIdentity(signal, "none", at);
    if (none.op !== "put_signal") throw new Error("a put_signal");
    expect(none.signal.spec).toEqual({ collation: '"C"' });
  });

  it("sets and clears a text field of the spec", () => {
    const cleared = putSpecText(signal, "collation", "  ", at);
    if (cleared.op !== "put_signal") throw new Error("a put_signal");
    expect(cleared.signal.spec).toEqual({ identity: { always: true, options: "START WITH 1000" } });
    const generated = putSpecText({ ...signal, spec: {} }, "generated", "upper(name)", at);
    if (generated.op !== "put_signal") throw new Error("a put_signal");
    expect(generated.signal.spec).toEqual({ generated: "upper(name)" });
  });

  it("says what a spec holds in PostgreSQL's words", () => {
    expect(specPhrases({ ...signal.spec, storage: "EXTERNAL", statistics: 500 })).toEqual([
      "identity always (START WITH 1000)", 'collate "C"', "storage external", "statistics 500",
    ]);
    expect(specPhrases(undefined)).toEqual([]);
  });

  it("says where a table sits among partitions", () => {
    expect(partitionPhrases({ strategy: "range", key: "issued_on" }, { parent: { schema: "billing", table: "invoices" }, bound: "FOR VALUES IN ('DE')" }))
      .toEqual(["Partition of billing.invoices FOR VALUES IN ('DE')", "Partitioned by RANGE (issued_on)"]);
    expect(partitionPhrases(null, undefined)).toEqual([]);
  });
});

describe("index and unique options", () => {
  it("reads what the form does not edit, in PostgreSQL's words", () => {
    expect(indexOptionPhrases({ name: null, parts: [{ column: "a" }], method: "btree", unique: true, other_method: "spgist", include: ["b"], nulls_not_distinct: true, with: "fillfactor = 70" }))
      .toEqual(["USING spgist", "INCLUDE (b)", "NULLS NOT DISTINCT", "WITH (fillfactor = 70)"]);
    expect(uniqueOptionPhrases({ name: null, columns: ["a"], include: ["b"], deferral: "deferred" })).toEqual(["INCLUDE (b)", "DEFERRABLE INITIALLY DEFERRED"]);
    expect(uniqueOptionPhrases({ name: null, columns: ["a"] })).toEqual([]);
  });
});
