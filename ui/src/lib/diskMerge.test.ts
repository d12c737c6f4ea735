// Tests of the merge view's logic: the rows of field and whole-entry conflicts, and the
// choices sent only for what the user picked.

import { describe, expect, it } from "vitest";
import type { DiskConflict } from "../ipc";
import { choicesOf, mergeRows, pickAll, unchosen } from "./diskMerge";

const fields: DiskConflict = {
  table: "table_overview", id: "11111111-1111-4111-8111-111111111111", name: "public.users", kind: "fields",
  fields: [
    { field: "purpose", base: "Old.", ours: "Here.", theirs: "On disk." },
    { field: "notes", base: null, ours: "", theirs: "x" },
  ],
};
const deleted: DiskConflict = {
  table: "relationship_registry", id: "33333333-3333-4333-8333-333333333331", name: "orders__users", kind: "deleted_here",
  fields: [{ field: "change_reason", base: null, ours: "On disk.", theirs: "On disk." }],
};

describe("the merge view", () => {
  it("shows one row per conflicting field with the three versions, empty values named", () => {
    const rows = mergeRows([fields]);
    expect(rows.map((r) => r.label)).toEqual(["purpose", "notes"]);
    expect(rows[0]).toMatchObject({ base: "Old.", here: "Here.", disk: "On disk.", field: "purpose" });
    expect(rows[1]).toMatchObject({ base: "(empty)", here: "(empty string)", disk: "x" });
  });

  it("shows an entry deleted on one side as one row saying what the other side changed", () => {
    const [row] = mergeRows([deleted]);
    expect(row).toMatchObject({ field: null, here: "(deleted)", disk: "changed: change_reason" });
  });

  it("sends a choice only for what was picked, and counts what is left", () => {
    const rows = mergeRows([fields, deleted]);
    const picks = { [rows[0]!.key]: "disk" as const };
    expect(unchosen(rows, picks)).toBe(2);
    expect(choicesOf(rows, picks)).toEqual([{ table: "table_overview", id: fields.id, field: "purpose", side: "disk" }]);
    const all = pickAll(rows, "here");
    expect(unchosen(rows, all)).toBe(0);
    expect(choicesOf(rows, all).map((c) => c.field)).toEqual(["purpose", "notes", null]);
  });
});
