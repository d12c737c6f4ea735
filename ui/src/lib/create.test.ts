import { describe, expect, it } from "vitest";
import type { ColumnDetail, ModuleGroup, Signal, Table, TableDetail, TableSummary } from "../ipc";
import { derivePrefix, neighbour, newTable, newTableProblem, createTable } from "./create";

const AT = "2026-11-22 10:00:00+00";
const table = (schema: string, name: string, primary_key: string[] = []): Table => ({
  id: `${schema}.${name}`, name, prefix: derivePrefix(name), schema, module: "Compute", status: "stable", purpose: null,
  primary_key, db_engine: "aurora_postgres", db_name: "zayaz_core", owner_team: null, notes: null,
  created_at: AT, updated_at: AT, unique_constraints: [], indexes: [], color: null,
});
const column = (name: string): ColumnDetail => ({
  entry: { id: name, column: name } as Signal, name, data_type: "text", nullable: true, default: null, role: "attribute",
  primary_key: false, foreign_key: false, description: null, partial: null,
});
const detail = (t: Table, columns: string[]): TableDetail => ({
  entry: t, schema: t.schema, name: t.name, prefix: t.prefix, module: t.module, status: t.status, purpose: null, notes: null,
  primary_key: t.primary_key, columns: columns.map(column), relationships: [], diagram_lines: [], diagnostics: [], partitions: [],
});

describe("new table", () => {
  it("derives the prefix up to the first underscore", () => {
    expect(derivePrefix("fact_example_runs")).toBe("fact_");
    expect(derivePrefix("users")).toBeNull();
    expect(derivePrefix("_x")).toBeNull();
    expect(derivePrefix("fact_")).toBeNull();
  });

  it("says what is missing or taken before creating", () => {
    const ok = { schema: "core_engine", name: "fact_runs", module: "Compute" };
    expect(newTableProblem(ok, [])).toBeNull();
    expect(newTableProblem({ ...ok, name: " " }, [])).toMatch(/name/);
    expect(newTableProblem({ ...ok, schema: "" }, [])).toMatch(/schema/);
    expect(newTableProblem({ ...ok, module: "" }, [])).toMatch(/module/);
    expect(newTableProblem(ok, ["core_engine.fact_runs"])).toMatch(/exists/);
  });

  it("puts a draft table with the database of its neighbours", () => {
    const edit = newTable({ schema: " core_engine ", name: "fact_runs", module: "Compute" }, "id-1",
      { db_engine: "aurora_postgres", db_name: "zayaz_core" }, AT);
    expect(edit.op).toBe("put_table");
    if (edit.op !== "put_table") return;
    expect(edit.table).toMatchObject({
      id: "id-1", schema: "core_engine", name: "fact_runs", prefix: "fact_", status: "draft", primary_key: [],
      db_engine: "aurora_postgres", db_name: "zayaz_core", created_at: AT, updated_at: AT,
    });
  });
});

describe("the neighbour a new table copies its database from", () => {
  const summary = (schema: string, name: string): TableSummary => ({ schema, name, status: "stable", prefix: null, column_count: 1 });
  const groups: ModuleGroup[] = [
    { module: "Empty", color: null, tables: [] },
    { module: "Billing", color: null, tables: [summary("billing", "invoices"), summary("billing", "lines")] },
    { module: "Compute", color: null, tables: [summary("core", "ref_methods")] },
  ];

  it("is the first table of the module, else of the workspace", () => {
    expect(neighbour(groups, "Compute")).toEqual({ schema: "core", name: "ref_methods" });
    expect(neighbour(groups, "Empty")).toEqual({ schema: "billing", name: "invoices" });
    expect(neighbour(groups, "New module")).toEqual({ schema: "billing", name: "invoices" });
    expect(neighbour([], "Compute")).toBeNull();
  });
});

describe("a table created where the canvas was double-clicked", () => {
  it("is the put_table and its pin at that spot, as one batch (one undo step)", () => {
    const input = { schema: " core ", name: "fact_runs", module: "Compute", at: [120, 340] as [number, number] };
    const edit = createTable(input, "id-1", null, "2026-01-01 00:00:00+00");
    expect(edit.op).toBe("batch");
    if (edit.op !== "batch") return;
    expect(edit.edits.map((e) => e.op)).toEqual(["put_table", "set_pin"]);
    expect(edit.edits[1]).toEqual({ op: "set_pin", table: { schema: "core", table: "fact_runs" }, position: [120, 340] });
    expect(edit.edits[0]).toEqual(newTable(input, "id-1", null, "2026-01-01 00:00:00+00"));
  });

  it("is the put_table alone from the dialog's button", () => {
    const edit = createTable({ schema: "core", name: "t", module: "M" }, "id-2", null, "2026-01-01 00:00:00+00");
    expect(edit.op).toBe("put_table");
  });
});
