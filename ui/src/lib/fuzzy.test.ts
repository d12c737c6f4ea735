import { describe, expect, it } from "vitest";
import { fuzzyMatch, rank } from "./fuzzy";

describe("fuzzyMatch", () => {
  it("needs every query character in order", () => {
    expect(fuzzyMatch("fce", "fact_compute_executions")).not.toBeNull();
    expect(fuzzyMatch("xyz", "fact_compute_executions")).toBeNull();
    expect(fuzzyMatch("ecf", "fact_compute_executions")).toBeNull();
  });

  it("marks the matched positions", () => {
    expect(fuzzyMatch("comp", "fact_compute")?.positions).toEqual([5, 6, 7, 8]);
    expect(fuzzyMatch("fc", "fact_compute")?.positions).toEqual([0, 5]);
  });

  it("ranks prefix over word start over substring over scattered", () => {
    const texts = ["xcomputex", "fact_compute", "compute_fact", "c_o_m_p_u_t_e"];
    expect(rank(texts, "compute", (t) => t, 10).map((r) => r.item)).toEqual([
      "compute_fact", "fact_compute", "xcomputex", "c_o_m_p_u_t_e",
    ]);
  });

  it("ranks an exact name first, above relationships that start with it", () => {
    // The palette's order: tables, columns, relationships (keys as the rules make them).
    const labels = ["sales.customer_addresses", "sales.customers", "sales.customers.id", "sales.orders.customer_id",
      "customers__region_id__regions", "orders__customer_id__customers"];
    expect(rank(labels, "customers", (l) => l, 10).map((r) => r.item)[0]).toBe("sales.customers");
    expect(rank(labels, "Sales.Customers", (l) => l, 10).map((r) => r.item)[0]).toBe("sales.customers");
    // A column's exact name is a name too; the table's shorter label comes first.
    expect(rank(labels, "id", (l) => l, 10).map((r) => r.item)[0]).toBe("sales.customers.id");
    expect(fuzzyMatch("customers", "sales.customers")?.positions).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14]);
    // Only a whole dotted part is a name: `_customers` ends a key but is not its name.
    expect(fuzzyMatch("customers", "orders__customers")!.score).toBeLessThan(fuzzyMatch("customers", "sales.customers")!.score);
  });

  it("is case-insensitive and keeps input order on ties", () => {
    expect(rank(["B.Order", "a.order"], "ORDER", (t) => t, 10).map((r) => r.item)).toEqual(["B.Order", "a.order"]);
  });

  it("limits the result", () => {
    expect(rank(Array.from({ length: 100 }, (_, i) => `t${i}`), "t", (t) => t, 7)).toHaveLength(7);
  });
});
