// Relating by dragging: a drag from a column row's port draws a line to the pointer; the table
// rows and headers it could be dropped on light up, and over one the shell's proposal for that
// drop arrives (the `propose_drop` command: the relationship, one edit, and the findings the rules
// would have on it, such as R303 for a type mismatch), which the view shows before the drop. The
// drop applies the proposal as it was shown; Escape cancels. DiagramView feeds it the pointer.

import { proposeDrop, repointRelationship, type Diagram, type IpcError, type LineEnd, type RelationshipProposal } from "../ipc";
import type { Point } from "../lib/diagram";
import { targetKey, type DropTarget, type Port } from "./interaction";

/** The drag under way: where it started, where the pointer is (diagram units), what it is over. */
export interface RelateDrag {
  from: Port;
  /** The port's centre. */
  start: Point;
  pointer: Point;
  target: DropTarget | null;
  /** A selected line's end dragged by its handle (not a new relationship): the relationship,
   *  which end, and the column of `from` it leaves. */
  repoint?: Repoint;
}

/** An existing relationship's end being moved to another column. */
export interface Repoint {
  relationship: string;
  end: LineEnd;
  column: string;
}

/** The proposal for one target, once the shell has answered. */
export interface TargetProposal {
  key: string;
  proposal: RelationshipProposal | null;
  /** Why the shell could not propose it (e.g. a parent without a key). */
  error: IpcError | null;
}

/** One diagram view's relating drag (at most one at a time). */
export class Relating {
  drag = $state<RelateDrag | null>(null);
  /** The answer for the target the pointer is over (or was last over), when it has arrived. */
  answer = $state.raw<TargetProposal | null>(null);
  /** Answers asked for during this drag, by target key: moving back over a target asks no more. */
  #asked = new Map<string, Promise<TargetProposal>>();

  readonly #shown: () => Diagram;

  /** `shown` gives the diagram drawn now (the whole, or the focus layout). */
  constructor(shown: () => Diagram) {
    this.#shown = shown;
  }

  /** Starts a drag from `from`, whose centre is `start` (with `repoint`: an existing line's end
   *  moved, `start` its other end). */
  begin(from: Port, start: Point, repoint?: Repoint) {
    this.#asked.clear();
    this.answer = null;
    this.drag = { from, start, pointer: start, target: null, ...(repoint ? { repoint } : {}) };
  }

  /** The pointer moved to `pointer`, over `target`. */
  move(pointer: Point, target: DropTarget | null) {
    const d = this.drag;
    if (!d) return;
    const changed = targetKey(target) !== targetKey(d.target);
    this.drag = { ...d, pointer, target };
    if (!changed || !target) return;
    const key = targetKey(target);
    void this.#ask(d.from, target, d.repoint).then((answer) => {
      // Only the answer for the target still under the pointer is shown.
      if (targetKey(this.drag?.target ?? null) === key) this.answer = answer;
    });
  }

  /** Escape, or a release over nothing: the drag ends and nothing changes. */
  cancel() {
    this.drag = null;
    this.answer = null;
    this.#asked.clear();
  }

  /** The release: the proposal for the target under the pointer (waited for if it has not come
   *  yet), or null when the pointer was over no target. The drag ends either way. */
  async drop(): Promise<TargetProposal | null> {
    const d = this.drag;
    const target = d?.target ?? null;
    const asked = d && target ? this.#ask(d.from, target, d.repoint) : null;
    this.cancel();
    return asked ? await asked : null;
  }

  /** The answer for a drop from `from` on `target`, asked once per drag. */
  #ask(from: Port, target: DropTarget, repoint?: Repoint): Promise<TargetProposal> {
    const key = targetKey(target);
    const known = this.#asked.get(key);
    if (known) return known;
    const d = this.#shown();
    const child = d.tables[from.index]!;
    const parent = d.tables[target.index]!;
    const column = child.columns[from.row]!.name;
    const parentColumn = target.row === null ? null : (parent.columns[target.row]?.name ?? null);
    const to = { schema: parent.schema, table: parent.table };
    const asking = repoint
      ? parentColumn === null
        ? Promise.reject({ code: "InvalidRequest", message: "Drop the end on a column's row" } satisfies IpcError)
        : repointRelationship(repoint.relationship, repoint.end, repoint.column, to, parentColumn)
      : proposeDrop({ schema: child.schema, table: child.table }, column, to, parentColumn);
    const asked = asking
      .then((proposal): TargetProposal => ({ key, proposal, error: null }), (error: IpcError): TargetProposal => ({ key, proposal: null, error }));
    this.#asked.set(key, asked);
    return asked;
  }
}

/** What the tooltip beside the pointer says of an answer: the relationship it would make, and
 *  the error findings it would cause first (the rules' words, with their codes). */
export function describeAnswer(answer: TargetProposal | null): { text: string; codes: string[]; problem: boolean } | null {
  if (!answer) return null;
  if (answer.error) return { text: answer.error.message, codes: [], problem: true };
  const p = answer.proposal!;
  const errors = p.findings.filter((f) => f.severity === "error");
  const added = p.created.length ? ` (adds ${p.created.join(", ")})` : "";
  if (errors.length === 0) return { text: `${p.key}${added}`, codes: p.findings.map((f) => f.code), problem: false };
  return { text: errors.map((f) => `${f.code}: ${f.message}`).join("\n"), codes: p.findings.map((f) => f.code), problem: true };
}
