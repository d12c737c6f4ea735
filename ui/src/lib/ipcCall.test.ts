import { describe, expect, it, vi } from "vitest";
import { IpcCall, IpcJob, progressText } from "./ipcCall.svelte";
import type { JobProgress } from "../ipc";

/** A promise with its resolve and reject in hand. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

describe("IpcCall", () => {
  it("is busy while the call runs and keeps the error it failed with", async () => {
    const call = new IpcCall();
    const d = deferred<number>();
    const running = call.run(() => d.promise);
    expect(call.busy).toBe(true);
    d.reject({ code: "Connect", message: "cannot read postgres://x: refused" });
    expect(await running).toBeUndefined();
    expect(call.busy).toBe(false);
    expect(call.error).toEqual({ code: "Connect", message: "cannot read postgres://x: refused" });
    expect(await call.run(async () => 3)).toBe(3);
    expect(call.error).toBeNull();
  });

  it("drops the answer of a call a newer one overtook", async () => {
    const call = new IpcCall();
    const first = deferred<string>();
    const older = call.run(() => first.promise);
    const newer = call.run(async () => "new");
    first.resolve("old");
    expect(await older).toBeUndefined();
    expect(await newer).toBe("new");
  });
});

describe("IpcJob", () => {
  it("polls the job's progress under the number it gave the command", async () => {
    vi.useFakeTimers();
    const asked: number[] = [];
    const progress = async (job: number): Promise<JobProgress> => { asked.push(job); return { step: "Reading", done: 1, total: 2, running: true }; };
    const job = new IpcJob({ progress, cancel: async () => true }, 100);
    const d = deferred<string>();
    let given = 0;
    const running = job.run((n) => { given = n; return d.promise; });
    await vi.advanceTimersByTimeAsync(250);
    expect(asked.length).toBe(2);
    expect(asked.every((n) => n === given)).toBe(true);
    expect(job.progress).toEqual({ step: "Reading", done: 1, total: 2, running: true });
    d.resolve("done");
    expect(await running).toBe("done");
    expect(job.progress).toBeNull();
    await vi.advanceTimersByTimeAsync(500);
    expect(asked.length).toBe(2);
    vi.useRealTimers();
  });

  it("cancels: tells the shell, is no longer busy at once and drops the late answer", async () => {
    const cancelled: number[] = [];
    const job = new IpcJob({ progress: async () => ({ step: "", done: 0, total: 0, running: true }), cancel: async (n) => { cancelled.push(n); return true; } });
    const d = deferred<string>();
    let given = 0;
    const running = job.run((n) => { given = n; return d.promise; });
    job.cancel();
    expect(job.busy).toBe(false);
    expect(cancelled).toEqual([given]);
    d.reject({ code: "Cancelled", message: "cancelled" });
    expect(await running).toBeUndefined();
    expect(job.error).toBeNull();
  });
});

describe("progressText", () => {
  it("says the step and how far", () => {
    expect(progressText(null, "Comparing")).toBe("Comparing…");
    expect(progressText({ step: "Writing the files", done: 3, total: 40, running: true }, "Writing")).toBe("Writing the files: 3 of 40");
    expect(progressText({ step: "Reading postgres://h/db", done: 0, total: 0, running: true }, "x")).toBe("Reading postgres://h/db…");
  });
});
