// The registry entries as the Rust model serializes them (relata_model::Table, Signal,
// Relationship), the edits the forms send (relata_model::edit::Edit) and the vocabularies, ids
// and diagnostics they use: declarations generated from the Rust model into
// ./model.generated.ts by a test that fails when they are out of date. Helpers live here.

export type * from "./model.generated";

/** Now, in the registries' timestamp form: `2026-11-22 09:30:00+00`. */
export function now(date: Date = new Date()): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")}+00`;
}
