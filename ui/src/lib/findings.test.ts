// findingEntry: every kind of location, as the findings panel and the export warning show it.
import { describe, expect, it } from "vitest";
import { findingEntry } from "./findings";

describe("findingEntry", () => {
  it("names a relationship's field by its key", () => {
    expect(findingEntry({ location: { kind: "entry", registry: "relationship_registry", label: "orders__customer_code__customers__id", field: "child_columns",
      entry: { kind: "relationship", id: "5f0c2a9e-1b7d-4e3a-9c6f-2d8b1a4e7c30" } } }))
      .toBe("relationship_registry[orders__customer_code__customers__id].child_columns");
  });
  it("leaves the field out when the finding has none", () => {
    expect(findingEntry({ location: { kind: "entry", registry: "table_overview", label: "sales.orders", entry: { kind: "table", id: "9a3e6b1c-4d2f-4a8e-b5c7-0e1f2a3b4c5d" } } })).toBe("table_overview[sales.orders]");
  });
  it("names a file place and the workspace", () => {
    expect(findingEntry({ location: { kind: "file", path: "orders.dbml", line: 4, column: 3 } })).toBe("orders.dbml:4:3");
    expect(findingEntry({ location: { kind: "workspace" } })).toBe("workspace");
  });
});
