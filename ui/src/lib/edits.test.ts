import { describe, expect, it } from "vitest";
import type { Signal, Table, TableDetail } from "../ipc";
import { now } from "../ipc";
import { addColumn, freshColumnName, moveColumn, optionalText, putTable } from "./edits";

const table: Table = {
  id: "t1", name: "orders", prefix: null, schema: "core", module: "Sales", status: "draft", purpose: null,
  primary_key: ["id"], db_engine: "postgres", db_name: null, owner_team: null, notes: null,
  created_at: "2026-01-01 00:00:00+00", updated_at: "2026-01-01 00:00:00+00",
  unique_constraints: [], indexes: [], color: null,
};
const signal = (id: string, column: string, ordinal: number): Signal => ({
  id, table: { schema: "core", table: "orders" }, column, ordinal, data_type: "uuid", nullable: false, default: null,
  role: "key", row_type: "binding", concept: null, connection: "rw", description: null,
  created_at: "2026-01-01 00:00:00+00", updated_at: "2026-01-01 00:00:00+00",
});
const column = (s: Signal) => ({
  entry: s, name: s.column, data_type: s.data_type, nullable: s.nullable, default: s.default, role: s.role,
  primary_key: false, foreign_key: false, description: null, partial: null,
});
const detail: TableDetail = {
  entry: table, schema: "core", name: "orders", prefix: null, module: "Sales", status: "draft", purpose: null,
  notes: null, primary_key: ["id"], relationships: [], diagram_lines: [], diagnostics: [], partitions: [],
  columns: [column(signal("s1", "id", 1)), column(signal("s2", "new_column", 2))],
};

describe("edits", () => {
  it("puts the table with one field changed and updated_at stamped", () => {
    const edit = putTable(table, "purpose", "Orders", "2026-11-22 10:00:00+00");
    expect(edit).toEqual({ op: "put_table", table: { ...table, purpose: "Orders", updated_at: "2026-11-22 10:00:00+00" } });
    expect(table.purpose).toBeNull();
  });

  it("stamps time in the registry's form", () => {
    expect(now(new Date(Date.UTC(2026, 10, 22, 9, 5, 7, 123)))).toBe("2026-11-22 09:05:07+00");
  });

  it("treats empty text as not set", () => {
    expect(optionalText("  ")).toBeNull();
    expect(optionalText("x")).toBe("x");
  });

  it("adds a column with a free name at the end", () => {
    expect(freshColumnName(["new_column", "new_column_2"])).toBe("new_column_3");
    const edit = addColumn(detail, "s3", "2026-11-22 10:00:00+00");
    expect(edit.op === "put_signal" && [edit.signal.column, edit.signal.ordinal]).toEqual(["new_column_2", 3]);
  });

  it("moves a column within the table only", () => {
    expect(moveColumn(detail, "new_column", -1)).toEqual({ op: "move_signal", signal: "s2", to_ordinal: 1 });
    expect(moveColumn(detail, "id", -1)).toBeNull();
    expect(moveColumn(detail, "new_column", 1)).toBeNull();
  });
});
