// Focus mode of the diagram: one table and its neighbours, so many steps out (1 to 3), laid out
// afresh by the shell (the `diagram` command with just those tables) whenever the focus, its
// depth or the workspace changes. DiagramView draws `diagram` instead of the whole while
// focused; a reply to an older request is dropped.

import { tick } from "svelte";
import { diagram as fetchDiagram, type Diagram, type IpcError, type TableRef } from "../ipc";
import { neighbourhood } from "../lib/diagram";

/** The widest focus, in steps of neighbours. */
export const MAX_DEPTH = 3;

/** The focus of one diagram view (create it while the view is being set up: it starts an effect). */
export class Focus {
  /** The focused table (of the whole diagram) and how many steps of neighbours; null when not focused. */
  current = $state<{ table: TableRef; depth: number } | null>(null);
  /** The neighbourhood as the shell laid it out, once it has arrived. */
  diagram = $state.raw<Diagram | null>(null);
  #request = 0;

  /** `whole` and `modules` are read in an effect (a new revision lays the focus out again);
   *  `onlaidout` runs once a new layout is drawn (the view fits it to the screen). */
  constructor(whole: () => Diagram, modules: () => string[], onerror: (e: IpcError) => void, onlaidout: () => void) {
    $effect(() => {
      const f = this.current;
      const full = whole();
      if (!f) {
        this.diagram = null;
        return;
      }
      const start = full.tables.findIndex((t) => t.schema === f.table.schema && t.table === f.table.table);
      if (start < 0) {
        // The focused table is gone (deleted, or filtered out): focus ends.
        this.current = null;
        return;
      }
      const keep = [...neighbourhood(full.tables.length, full.edges, start, f.depth)].sort((x, y) => x - y);
      const only = keep.map((i) => ({ schema: full.tables[i]!.schema, table: full.tables[i]!.table }));
      const request = ++this.#request;
      fetchDiagram(modules(), only).then(
        async (d) => {
          if (request !== this.#request) return;
          this.diagram = d;
          await tick();
          onlaidout();
        },
        (e: IpcError) => onerror(e),
      );
    });
  }

  /** Focuses on `table`, one step out. */
  on(table: TableRef) {
    this.current = { table, depth: 1 };
  }

  /** Leaves focus; false when not focused. */
  leave(): boolean {
    if (!this.current) return false;
    this.current = null;
    return true;
  }

  /** One step wider (`delta` 1) or narrower (-1), within 1 to MAX_DEPTH. */
  widen(delta: number) {
    if (this.current) this.current = { ...this.current, depth: Math.min(MAX_DEPTH, Math.max(1, this.current.depth + delta)) };
  }
}
