import { describe, expect, it } from "vitest";
import { changeMark, changesSummary, fieldLine } from "./changes";
import type { ChangesView } from "../ipc";

const view = (over: Partial<ChangesView>): ChangesView => ({
  old: "the last save", new: "the workspace", drift: false, same: false, groups: [], count: 0, sql: "", destructive: [], manual: [], warnings: [], ...over,
});

describe("the Changes dialog's words", () => {
  it("marks each kind of change", () => {
    expect(["added", "removed", "changed"].map(changeMark)).toEqual(["+", "−", "~"]);
  });

  it("says a field's two values, a missing one as (none)", () => {
    expect(fieldLine({ field: "data_type", from: "varchar(255)", to: "text" })).toBe("data_type: varchar(255) → text");
    expect(fieldLine({ field: "notes", from: null, to: "x" })).toBe("notes: (none) → x");
  });

  it("counts changes and the tables they are in", () => {
    const groups = [
      { title: "public.projects", table: true, changes: [] },
      { title: "public.issues", table: true, changes: [] },
      { title: "Modules", table: false, changes: [] },
    ];
    expect(changesSummary(view({ groups, count: 3 }))).toBe("3 changes in 2 tables from the last save to the workspace");
    expect(changesSummary(view({ count: 0, same: true }))).toBe("No changes from the last save to the workspace");
    expect(changesSummary(view({ count: 1, groups: groups.slice(0, 1) }))).toBe("1 change in 1 table from the last save to the workspace");
  });

  it("says drift from a database", () => {
    expect(changesSummary(view({ drift: true, same: true, old: "postgres://u@h/db" }))).toBe("No drift: postgres://u@h/db holds what the workspace's SQL export creates");
    const sql = "BEGIN;\nALTER TABLE public.projects ADD COLUMN secret text;\nCOMMIT;\n";
    expect(changesSummary(view({ drift: true, old: "postgres://u@h/db", sql, count: 1, groups: [{ title: "public.projects", table: true, changes: [] }] })))
      .toBe("postgres://u@h/db differs from the workspace: 1 change in 1 table");
  });
});
