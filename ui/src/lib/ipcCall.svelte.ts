// A dialog's call to the shell with its busy and error state, so each dialog does not write its
// own try/finally: `IpcCall` for a quick call, `IpcJob` for a background job (the shell's
// `Job`: a number the window chooses, progress polled while it runs, a Cancel that stops it and
// drops whatever it would have returned, while the window stays responsive).

import type { IpcError, JobProgress } from "../ipc";

/** A call's state: whether it runs, and what the last one failed with. */
export class IpcCall {
  busy = $state(false);
  error = $state<IpcError | null>(null);
  /** Bumped by every call and every cancel: an answer to an older call is dropped. */
  protected generation = 0;

  /** Runs `call`; returns its answer, or `undefined` when it failed (then `error` says why) or
   *  was overtaken by a newer call or a cancel. */
  async run<T>(call: () => Promise<T>): Promise<T | undefined> {
    const mine = ++this.generation;
    this.busy = true;
    this.error = null;
    try {
      const answer = await call();
      return mine === this.generation ? answer : undefined;
    } catch (e) {
      if (mine === this.generation) this.error = toError(e);
      return undefined;
    } finally {
      if (mine === this.generation) this.busy = false;
    }
  }
}

/** How the shell is asked about and told to stop a job (`jobProgress`, `cancelJob` in ../ipc);
 *  given, so the class is tested without a shell. */
export interface JobShell {
  progress: (job: number) => Promise<JobProgress>;
  cancel: (job: number) => Promise<boolean>;
}

/** The job numbers this window hands out; one sequence, so two dialogs never share one. */
let nextJob = 1;

/** A background job with its progress and a Cancel. */
export class IpcJob extends IpcCall {
  progress = $state<JobProgress | null>(null);
  private job = 0;

  constructor(private shell: JobShell, private pollMs = 150) {
    super();
  }

  /** Starts `start(job)` (the command, given the job's number), polling its progress until it
   *  ends. Returns its answer, or `undefined` when it failed, was cancelled or overtaken. */
  override async run<T>(start: (job: number) => Promise<T>): Promise<T | undefined> {
    const job = nextJob++;
    this.job = job;
    this.progress = null;
    const timer = setInterval(() => {
      this.shell.progress(job).then((p) => { if (this.job === job && p.running) this.progress = p; }, () => {});
    }, this.pollMs);
    try {
      return await super.run(() => start(job));
    } finally {
      clearInterval(timer);
      if (this.job === job) this.progress = null;
    }
  }

  /** Stops the running job: the shell stops its work, and its answer is dropped here. */
  cancel(): void {
    if (!this.busy) return;
    const job = this.job;
    this.generation++;
    this.job = 0;
    this.busy = false;
    this.progress = null;
    void this.shell.cancel(job).catch(() => {});
  }
}

/** Any rejection as `{ code, message }` (the ipc wrappers already give that shape). */
function toError(e: unknown): IpcError {
  if (e !== null && typeof e === "object" && "code" in e && "message" in e) return e as IpcError;
  return { code: "Ipc", message: String(e) } as IpcError;
}

/** The progress line: "Reading the database…", "Writing the files: 12 of 40". */
export function progressText(p: JobProgress | null, fallback: string): string {
  if (!p || !p.step) return `${fallback}…`;
  return p.total > 0 ? `${p.step}: ${p.done} of ${p.total}` : `${p.step}…`;
}
