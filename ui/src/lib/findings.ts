// Findings as the window names them: where each one points, for the findings panel and the
// export dialog's warning.
import type { Finding } from "../ipc";

/** Where a finding points, as a person reads it: `file:line:column`, `registry[label].field`, or
 *  "workspace". */
export function findingEntry(f: Pick<Finding, "location">): string {
  const l = f.location;
  if (l.kind === "file") return `${l.path}:${l.line}:${l.column}`;
  if (l.kind === "entry") return `${l.registry}[${l.label}]${l.field ? `.${l.field}` : ""}`;
  return "workspace";
}
