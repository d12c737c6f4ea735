import { describe, expect, it } from "vitest";
import { isTab, nextFocus } from "./dialog";

describe("focus inside a modal dialog", () => {
  const items = ["close", "name", "schema", "create", "cancel"];
  it("moves to the next item with Tab and to the previous with Shift+Tab", () => {
    expect(nextFocus(items, "name", false)).toBe("schema");
    expect(nextFocus(items, "name", true)).toBe("close");
  });
  it("wraps from the last item to the first and back", () => {
    expect(nextFocus(items, "cancel", false)).toBe("close");
    expect(nextFocus(items, "close", true)).toBe("cancel");
  });
  it("brings focus that is elsewhere (the dialog itself, the page) in at the right end", () => {
    expect(nextFocus(items, null, false)).toBe("close");
    expect(nextFocus(items, "page", true)).toBe("cancel");
    expect(nextFocus([], "page", false)).toBeNull();
  });
  it("knows Shift+Tab as WebKitGTK reports it", () => {
    expect(isTab({ key: "Tab", code: "Tab" })).toBe(true);
    expect(isTab({ key: "Unidentified", code: "Tab" })).toBe(true);
    expect(isTab({ key: "t", code: "KeyT" })).toBe(false);
  });
});
