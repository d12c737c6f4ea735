import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "./commands.generated";

// The list comes from src-tauri/commands.txt; ipc/index.ts is the window's only caller. A command
// the shell answers but the window never wraps is a dead door, and a typo in a wrapper does not
// type-check (`invoke` takes a CommandName).
describe("the IPC commands", () => {
  const index = readFileSync(new URL("./index.ts", import.meta.url), "utf8");
  const invoked = new Set([...index.matchAll(/invoke(?:<[^>]*>)?\(\s*"([a-z_0-9]+)"/g)].map((m) => m[1]));

  it("has a wrapper in ipc/index.ts for every command of src-tauri/commands.txt", () => {
    expect(COMMANDS.filter((c) => !invoked.has(c))).toEqual([]);
  });

  it("is the list build.rs made from src-tauri/commands.txt", () => {
    const listed = readFileSync(new URL("../../../src-tauri/commands.txt", import.meta.url), "utf8")
      .split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
    expect([...COMMANDS]).toEqual(listed);
  });
});
