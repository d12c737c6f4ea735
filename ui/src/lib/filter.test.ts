import { describe, expect, it } from "vitest";
import type { ModuleGroup } from "../ipc";
import { ANY, facetValues, filterGroups, plural } from "./filter";

const groups: ModuleGroup[] = [
  { module: "Billing", color: "#2F6FB0", tables: [
    { schema: "core", name: "invoice", status: "stable", prefix: null, column_count: 4 },
    { schema: "core", name: "payment", status: "draft", prefix: "fact_", column_count: 2 },
  ] },
  { module: "Catalog", color: null, tables: [{ schema: "ref", name: "product", status: "stable", prefix: "ref_", column_count: 3 }] },
  { module: "Empty", color: null, tables: [] },
];

describe("filterGroups", () => {
  it("shows everything, empty modules included, for an empty query", () => {
    const f = filterGroups(groups, "  ");
    expect(f.shown).toBe(3);
    expect(f.total).toBe(3);
    expect(f.groups.map((g) => g.visible)).toEqual([true, true, true]);
  });

  it("matches schema.name and status, case-insensitively", () => {
    const f = filterGroups(groups, "CORE.PAY");
    expect(f.groups[0]?.tables.map((t) => t.name)).toEqual(["payment"]);
    expect(f.groups.map((g) => g.visible)).toEqual([true, false, false]);
    expect(filterGroups(groups, "stable").shown).toBe(2);
  });

  it("shows a whole module when its name matches", () => {
    const f = filterGroups(groups, "bill");
    expect(f.shown).toBe(2);
    expect(f.groups[0]?.tables).toHaveLength(2);
  });
});

describe("facets", () => {
  it("lists the values present", () => {
    expect(facetValues(groups)).toEqual({
      module: ["Billing", "Catalog", "Empty"], schema: ["core", "ref"], status: ["draft", "stable"], prefix: ["fact_", "ref_"],
    });
  });

  it("narrows by every chosen facet together with the query", () => {
    expect(filterGroups(groups, "", { ...ANY, status: "stable" }).shown).toBe(2);
    expect(filterGroups(groups, "", { ...ANY, status: "stable", schema: "ref" }).groups.map((g) => g.tables.map((t) => t.name)))
      .toEqual([[], ["product"], []]);
    expect(filterGroups(groups, "", { ...ANY, module: "Billing" }).groups.map((g) => g.visible)).toEqual([true, false, false]);
    expect(filterGroups(groups, "inv", { ...ANY, prefix: "fact_" }).shown).toBe(0);
    expect(filterGroups(groups, "", { ...ANY, prefix: "fact_" }).groups[0]?.tables.map((t) => t.name)).toEqual(["payment"]);
  });
});

describe("plural", () => {
  it("picks the form", () => {
    expect(plural(1, "table", "tables")).toBe("1 table");
    expect(plural(0, "table", "tables")).toBe("0 tables");
  });
});
