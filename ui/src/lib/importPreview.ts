// The import dialog's logic, apart from drawing: the merge preview grouped by kind of entry
// (tables, columns, relationships, modules, enums) with `+` additions and `~ field: from -> to`
// changes as `relata import --into` prints them, the located diagnostics, and the format
// guessed from a file name.

import type { ImportDiagnostic, ImportFormat, ImportPreview } from "../ipc";

/** One line of the preview. */
export interface PreviewLine {
  /** `+` added, `~` changed. */
  mark: "+" | "~";
  name: string;
  /** For a change, `field: from -> to` per field. */
  details: string[];
}

/** The lines of one kind of entry. */
export interface PreviewGroup {
  kind: string;
  title: string;
  lines: PreviewLine[];
}

const TITLES: [string, string][] = [
  ["table", "Tables"], ["column", "Columns"], ["relationship", "Relationships"], ["module", "Modules"], ["enum", "Enum types"],
];

/** A value in a change line: `(none)` for nothing, newlines as spaces (as the CLI prints it). */
export function shownValue(value: string | null): string {
  return value === null ? "(none)" : value.replace(/\n/g, " ");
}

/** The preview's changes grouped by kind, in the order above; each group keeps registry order. */
export function previewGroups(preview: ImportPreview): PreviewGroup[] {
  const groups = TITLES.map(([kind, title]): PreviewGroup => ({ kind, title, lines: [] }));
  for (const change of preview.changes) {
    let group = groups.find((g) => g.kind === change.kind);
    if (!group) {
      group = { kind: change.kind, title: change.kind, lines: [] };
      groups.push(group);
    }
    group.lines.push({
      mark: change.added ? "+" : "~",
      name: change.name,
      details: change.fields.map((f) => `${f.field}: ${shownValue(f.from)} -> ${shownValue(f.to)}`),
    });
  }
  return groups.filter((g) => g.lines.length > 0);
}

/** Whether Apply may run: the preview is of the file now in the path field, the file has no
 *  error (the window checks the diagnostics itself rather than trust one flag: an import with
 *  errors is never applied), and the shell says the merge changes something. */
export function canApply(preview: ImportPreview | null, path: string): boolean {
  if (!preview || preview.file !== path.trim()) return false;
  return preview.applicable && !preview.diagnostics.some((d) => d.severity === "error");
}

/** "2 to add, 1 to change, 14 kept". */
export function previewSummary(preview: ImportPreview): string {
  const added = preview.changes.filter((c) => c.added).length;
  const changed = preview.changes.length - added;
  const errors = preview.diagnostics.filter((d) => d.severity === "error").length;
  if (errors > 0) return `${errors} error${errors === 1 ? "" : "s"} in the file: nothing can be imported`;
  if (added + changed === 0) return `Nothing to import: the workspace already has all of it (${preview.kept} kept)`;
  return `${added} to add, ${changed} to change, ${preview.kept} only in the workspace (kept)`;
}

/** `file:line:column: error D101: message`, as compilers print it. */
export function diagnosticLine(d: ImportDiagnostic): string {
  const place = d.file === null ? "" : `${d.file}${d.line === null ? "" : `:${d.line}:${d.column ?? 1}`}: `;
  return `${place}${d.severity} ${d.code}: ${d.message}`;
}

/** Errors first, then warnings, then infos, each in file order. */
export function sortedDiagnostics(diagnostics: ImportDiagnostic[]): ImportDiagnostic[] {
  const rank = (s: string) => (s === "error" ? 0 : s === "warning" ? 1 : 2);
  return diagnostics.map((d, i) => ({ d, i })).sort((a, b) => rank(a.d.severity) - rank(b.d.severity) || a.i - b.i).map((x) => x.d);
}

/** The format a file name says, or null (the user picks it). */
export function formatOf(path: string): ImportFormat | null {
  const lower = path.trim().toLowerCase();
  if (lower.endsWith(".dbml")) return "dbml";
  if (lower.endsWith(".mmd") || lower.endsWith(".mermaid")) return "mermaid";
  if (lower.endsWith(".sql")) return "sql";
  return null;
}
