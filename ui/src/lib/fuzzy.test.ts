import { describe, expect, it } from "vitest";
import { FuzzyIndex, fuzzyMatch, mergeRanked, rank } from "./fuzzy";

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

describe("FuzzyIndex", () => {
  // Labels shaped like the palette's: tables, their columns, relationship keys.
  const labels: string[] = [];
  for (let i = 0; i < 300; i++) {
    const table = `core.${["ref", "fact", "stg"][i % 3]}_${["meter", "reading", "event"][(i * 7) % 3]}_${String(i).padStart(4, "0")}`;
    labels.push(table, `${table}.id`, `${table}.meter_id`, `${table}.Reading_At`);
    if (i % 5 === 0) labels.push(`${table.slice(5)}__meter_id__ref_meter_${i}`);
  }

  it("ranks exactly as a fresh search at every key, typed, deleted and retyped", () => {
    const index = new FuzzyIndex(labels, (l) => l);
    const typed = ["r", "re", "rea", "read", "readi", "reading_0", "reading_01", "reading_0", "rd", "rdm", "Rd_M", "x", "", "m", "me", "met_0"];
    for (const query of typed) {
      expect(index.rank(query, 20), query).toEqual(rank(labels, query, (l) => l, 20));
      // The fresh search is the plain definition: every match scored, best first, ties in order.
      const all = labels.map((l, i) => ({ l, i, m: fuzzyMatch(query, l) })).filter((x) => x.m !== null);
      all.sort((a, b) => b.m!.score - a.m!.score || a.i - b.i);
      expect(index.rank(query, 20).map((r) => r.item), query).toEqual(all.slice(0, 20).map((x) => x.l));
    }
  });

  it("gives the matched positions of the items it shows", () => {
    const index = new FuzzyIndex(labels, (l) => l);
    for (const { item, match } of index.rank("rdat", 10)) {
      expect(match).toEqual(fuzzyMatch("rdat", item));
    }
  });
});

describe("mergeRanked", () => {
  it("ranks two lists as one search over both, the first's items first on ties", () => {
    const first = ["core.order", "core.orders.order_id", "core.meter"];
    const second = ["Order a table", "Open…", "order"];
    for (const query of ["order", "o", "me", "zz"]) {
      const merged = mergeRanked(rank(first, query, (l) => l, 4), rank(second, query, (l) => l, 4), 4);
      expect(merged, query).toEqual(rank([...first, ...second], query, (l) => l, 4));
    }
  });
});
