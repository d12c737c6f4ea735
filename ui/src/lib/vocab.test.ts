import { describe, expect, it } from "vitest";
import type { ReferentialAction } from "../ipc";
import { optionalWord, word } from "./vocab";

const actions: ReferentialAction[] = ["restrict", "cascade", "set_null"];

describe("word", () => {
  it("finds the word a select's value spells, and nothing for other text", () => {
    const picked: ReferentialAction | undefined = word(actions, "cascade");
    expect(picked).toBe("cascade");
    expect(word(actions, "CASCADE")).toBeUndefined();
    expect(word(actions, "")).toBeUndefined();
  });

  it("reads the empty option as not set", () => {
    expect(optionalWord(actions, "")).toBeNull();
    expect(optionalWord(actions, "set_null")).toBe("set_null");
    expect(optionalWord(actions, "nope")).toBeUndefined();
  });
});
