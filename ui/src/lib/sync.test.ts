// Tests of the sync dialog's logic: the connection form, the outcome summary and the
// conflict view model.

import { describe, expect, it } from "vitest";
import type { SyncOutcome } from "../ipc";
import { conflictView, connectionOf, defaultDatabase, movedEntries, nextStep, outcomeSummary, urlProblem } from "./sync";

const base: SyncOutcome = {
  direction: "push", database: "postgres://ann@db:5432/erd", added: [], updated: [], removed: [], agreed: 0, resolved: [],
  local_changes: 0, conflicts: [],
};

describe("the connection form", () => {
  it("accepts an empty URL (the last or the environment's database) and PostgreSQL URLs", () => {
    expect(urlProblem("")).toBeNull();
    expect(urlProblem(" postgres://ann@db/erd ")).toBeNull();
    expect(urlProblem("postgresql://ann@localhost:5433/erd?host=/tmp/pg")).toBeNull();
    expect(urlProblem("mysql://db/erd")).toMatch(/postgres:\/\//);
  });

  it("asks for the password in its own field, never in the URL", () => {
    expect(urlProblem("postgres://ann:secret@db/erd")).toMatch(/password field/);
  });

  it("sends null for what is left empty and the password as typed", () => {
    expect(connectionOf({ url: "  ", password: "" })).toEqual({ url: null, password: null });
    expect(connectionOf({ url: " postgres://ann@db/erd", password: " s3 " })).toEqual({ url: "postgres://ann@db/erd", password: " s3 " });
  });

  it("says which database an empty URL means", () => {
    expect(defaultDatabase("postgres://ann@db:5432/erd", "postgres://root@localhost:5432/root")).toBe("Last synced: postgres://ann@db:5432/erd");
    expect(defaultDatabase(null, "postgres://root@localhost:5432/root")).toBe("From the environment: postgres://root@localhost:5432/root");
  });
});

describe("the outcome", () => {
  it("summarises a push and a pull as the CLI does", () => {
    expect(outcomeSummary({ ...base, updated: ["core.orders"], agreed: 2 }))
      .toBe("Pushed to postgres://ann@db:5432/erd: 0 inserted, 1 updated, 0 deleted, 2 already there, 0 conflicts not written");
    expect(outcomeSummary({ ...base, direction: "pull", added: ["a", "b"], resolved: ["c"], local_changes: 1 }))
      .toBe("Pulled from postgres://ann@db:5432/erd: 2 added, 0 updated, 0 removed, 1 resolved, 0 conflicts, 1 local change to push");
  });

  it("lists what moved by what happened, leaving out empty lists", () => {
    expect(movedEntries({ ...base, added: ["x"], removed: ["y"] })).toEqual([
      { label: "Inserted", names: ["x"] }, { label: "Deleted", names: ["y"] },
    ]);
    expect(movedEntries({ ...base, direction: "pull", updated: ["u"], resolved: ["r"] })).toEqual([
      { label: "Updated", names: ["u"] }, { label: "Resolved", names: ["r"] },
    ]);
  });

  it("says what to do next", () => {
    expect(nextStep(base)).toBeNull();
    expect(nextStep({ ...base, direction: "pull", local_changes: 2 })).toMatch(/^Push/);
    expect(nextStep({ ...base, conflicts: [{ registry: "table_overview", name: "t", workspace: "edited", database: "edited", fields: [] }] }))
      .toMatch(/Neither version/);
  });
});

describe("the conflict view", () => {
  it("shows every differing field with both versions", () => {
    const view = conflictView({
      registry: "table_overview", name: "core.orders", workspace: "edited", database: "edited",
      fields: [
        { column: "purpose", workspace: "Mine", database: "Theirs" }, { column: "notes", workspace: null, database: "x" },
        { column: "updated_at", workspace: "2026-11-22 14:57:24+00", database: "2026-11-22 14:57:23.3+00" },
      ],
    });
    expect(view.headline).toBe("Edited in the workspace, edited in the database");
    // The version column says when, it is not a field of the entry's content.
    expect(view.when).toBe("workspace 2026-11-22 14:57:24+00 · database 2026-11-22 14:57:23.3+00");
    expect(view.key).toBe("table_overview/core.orders");
    expect(view.rows).toEqual([
      { column: "purpose", workspace: "Mine", database: "Theirs" },
      { column: "notes", workspace: "NULL", database: "x" },
    ]);
  });

  it("marks the side that deleted the row", () => {
    const view = conflictView({
      registry: "signal_registry", name: "core.orders.id", workspace: "edited", database: "deleted",
      fields: [{ column: "data_type", workspace: "uuid", database: null }],
    });
    expect(view.headline).toBe("Edited in the workspace, deleted in the database");
    expect(view.rows).toEqual([{ column: "data_type", workspace: "uuid", database: "(deleted)" }]);
  });
});
