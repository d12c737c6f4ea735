// Tests of the import dialog's logic: grouping the merge preview, its summary, diagnostics.

import { describe, expect, it } from "vitest";
import type { ImportPreview } from "../ipc";
import { canApply, diagnosticLine, formatOf, previewGroups, previewSummary, shownValue, sortedDiagnostics } from "./importPreview";

const preview: ImportPreview = {
  file: "/tmp/more.dbml", format: "dbml", diagnostics: [], kept: 12, applicable: true,
  changes: [
    { kind: "table", name: "core.sources", added: true, fields: [] },
    { kind: "column", name: "core.sources.id", added: true, fields: [] },
    { kind: "column", name: "core.orders.note", added: false, fields: [{ field: "data_type", from: "text", to: "varchar(80)" }] },
    { kind: "table", name: "core.orders", added: false, fields: [{ field: "purpose", from: null, to: "Orders\nplaced" }] },
    { kind: "module", name: "Sales", added: true, fields: [] },
  ],
};

describe("the import preview", () => {
  it("groups additions and changes by kind of entry, keeping their order", () => {
    expect(previewGroups(preview)).toEqual([
      { kind: "table", title: "Tables", lines: [
        { mark: "+", name: "core.sources", details: [] },
        { mark: "~", name: "core.orders", details: ["purpose: (none) -> Orders placed"] },
      ] },
      { kind: "column", title: "Columns", lines: [
        { mark: "+", name: "core.sources.id", details: [] },
        { mark: "~", name: "core.orders.note", details: ["data_type: text -> varchar(80)"] },
      ] },
      { kind: "module", title: "Modules", lines: [{ mark: "+", name: "Sales", details: [] }] },
    ]);
  });

  it("summarises what Apply does, or why it cannot", () => {
    expect(previewSummary(preview)).toBe("3 to add, 2 to change, 12 only in the workspace (kept)");
    expect(previewSummary({ ...preview, changes: [] })).toMatch(/^Nothing to import/);
    const broken = { ...preview, changes: [], applicable: false,
      diagnostics: [{ code: "D101", severity: "error", message: "expected ]", file: "/tmp/x.dbml", line: 2, column: 14 }] };
    expect(previewSummary(broken)).toBe("1 error in the file: nothing can be imported");
  });

  it("disables Apply while the preview has errors, is empty, or is of another file", () => {
    expect(canApply(preview, "/tmp/more.dbml")).toBe(true);
    expect(canApply(preview, "  /tmp/more.dbml ")).toBe(true);
    expect(canApply(null, "/tmp/more.dbml")).toBe(false);
    const error = { code: "D101", severity: "error", message: "expected ]", file: "/tmp/more.dbml", line: 2, column: 14 };
    // An error disables Apply even where the flag says otherwise.
    expect(canApply({ ...preview, diagnostics: [error] }, "/tmp/more.dbml")).toBe(false);
    const warning = { ...error, code: "D120", severity: "warning" };
    expect(canApply({ ...preview, diagnostics: [warning] }, "/tmp/more.dbml")).toBe(true);
    expect(canApply({ ...preview, applicable: false }, "/tmp/more.dbml")).toBe(false);
    // The path was edited after the preview: Apply would import a file the field no longer names.
    expect(canApply(preview, "/tmp/other.dbml")).toBe(false);
  });

  it("prints located diagnostics as compilers do, errors first", () => {
    const warning = { code: "D120", severity: "warning", message: "many:many", file: "/tmp/x.dbml", line: 9, column: 1 };
    const error = { code: "D101", severity: "error", message: "expected ]", file: "/tmp/x.dbml", line: 2, column: 14 };
    expect(diagnosticLine(error)).toBe("/tmp/x.dbml:2:14: error D101: expected ]");
    expect(diagnosticLine({ ...error, file: null, line: null, column: null })).toBe("error D101: expected ]");
    expect(sortedDiagnostics([warning, error])).toEqual([error, warning]);
  });

  it("guesses the format from the file name", () => {
    expect(formatOf("/a/b.DBML")).toBe("dbml");
    expect(formatOf("x.mmd")).toBe("mermaid");
    expect(formatOf("x.mermaid")).toBe("mermaid");
    expect(formatOf("dump.sql ")).toBe("sql");
    expect(formatOf("notes.txt")).toBeNull();
    expect(shownValue(null)).toBe("(none)");
  });
});
