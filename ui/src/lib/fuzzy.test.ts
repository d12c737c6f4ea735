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

  it("is case-insensitive and keeps input order on ties", () => {
    expect(rank(["B.Order", "a.order"], "ORDER", (t) => t, 10).map((r) => r.item)).toEqual(["B.Order", "a.order"]);
  });

  it("limits the result", () => {
    expect(rank(Array.from({ length: 100 }, (_, i) => `t${i}`), "t", (t) => t, 7)).toHaveLength(7);
  });
});
