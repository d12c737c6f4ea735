// Copy and paste of tables through the system clipboard. A copy puts two things there: the
// Relata payload (the tables, their columns and the relationships among them, as the shell's
// `copy_tables` writes it) under RELATA_TYPE, and the tables' DBML as plain text, so a paste into
// a text editor gives DBML. A paste reads the payload back (from this window or another Relata
// window: the clipboard is the system's) and the shell's `paste_tables` makes it one edit.
//
// The clipboard takes data only while a `copy` event runs, and an IPC answer comes later: so the
// copy for the selection is asked for when the selection (or the diagram) changes, and the copy
// event hands over what has arrived. WebKit runs its Copy and Paste commands on a page that
// edits nothing only when `beforecopy` / `beforepaste` are cancelled, which these handlers do
// while the diagram has focus and has something to copy (or is open to a paste).

import { copyTables, pasteTables, type TablesCopy, type TablesPaste, type TableRef } from "../ipc";

/** The clipboard type of Relata's payload. */
export const RELATA_TYPE = "application/x-relata-tables";

/** What the status bar says of a copy. */
export function describeCopy(copy: TablesCopy): string {
  const tables = copy.tables === 1 ? "1 table" : `${copy.tables} tables`;
  const with_ = copy.relationships === 0 ? "" : ` with ${copy.relationships === 1 ? "1 relationship" : `${copy.relationships} relationships`}`;
  return `Copied ${tables}${with_} (their DBML too, as text)${leftBehind(copy.left_behind)}`;
}

/** What the status bar says of a paste. */
export function describePaste(paste: TablesPaste): string {
  const names = paste.tables.join(", ");
  const with_ = paste.relationships === 0 ? "" : ` with ${paste.relationships === 1 ? "1 relationship" : `${paste.relationships} relationships`}`;
  const renamed = paste.renamed.length === 0 ? "" : `; renamed on a clash: ${paste.renamed.map(([a, b]) => `${a} → ${b}`).join(", ")}`;
  return `Pasted ${names}${with_}${renamed}${leftBehind(paste.left_behind)} (Ctrl+Z undoes it)`;
}

function leftBehind(n: number): string {
  if (n === 0) return "";
  return n === 1 ? "; 1 relationship to a table not copied was left behind" : `; ${n} relationships to tables not copied were left behind`;
}

/** One diagram view's clipboard. */
export class TableClipboard {
  /** The copy of the selection, once the shell has made it, with the selection it is of. */
  ready = $state.raw<{ key: string; copy: TablesCopy } | null>(null);
  #asked = "";

  /** The selection (tables and where they are drawn) changed: its copy is asked for now.
   *  `key` names the selection and the diagram's revision. */
  prepare(key: string, tables: TableRef[], places: [number, number][]) {
    if (key === this.#asked) return;
    this.#asked = key;
    if (tables.length === 0) {
      this.ready = null;
      return;
    }
    copyTables(tables, places).then(
      (copy) => {
        if (this.#asked === key) this.ready = { key, copy };
      },
      () => {
        if (this.#asked === key) this.ready = null;
      },
    );
  }

  /** The copy of the selection now, when it has arrived. */
  current(): TablesCopy | null {
    return this.ready && this.ready.key === this.#asked ? this.ready.copy : null;
  }

  /** A `copy` event: the clipboard gets the payload and the DBML; true when it did. */
  fill(event: ClipboardEvent, copy: TablesCopy): boolean {
    if (!event.clipboardData) return false;
    event.clipboardData.setData("text/plain", copy.dbml);
    event.clipboardData.setData(RELATA_TYPE, copy.payload);
    event.preventDefault();
    return true;
  }

  /** A `paste` event: the paste of the Relata payload it carries, at diagram point `at`; null
   *  when the clipboard holds none (plain text is for the Import dialog). */
  async paste(event: ClipboardEvent, at: [number, number] | null): Promise<TablesPaste | null> {
    const payload = event.clipboardData?.getData(RELATA_TYPE) ?? "";
    event.preventDefault();
    if (!payload) return null;
    return pasteTables(payload, at);
  }
}
