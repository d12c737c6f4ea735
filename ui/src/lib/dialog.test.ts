import { describe, expect, it } from "vitest";
import { isTab, nextFocus, submitsOnEnter } from "./dialog";

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

describe("Enter on a choice", () => {
  const enter = { key: "Enter", ctrlKey: false, metaKey: false, altKey: false, shiftKey: false };
  it("submits from a radio button or a checkbox", () => {
    expect(submitsOnEnter(enter, { type: "radio" })).toBe(true);
    expect(submitsOnEnter(enter, { type: "checkbox" })).toBe(true);
  });
  it("leaves text fields, buttons, other keys and chords to the browser", () => {
    expect(submitsOnEnter(enter, { type: "text" })).toBe(false);
    expect(submitsOnEnter(enter, { type: "submit" })).toBe(false);
    expect(submitsOnEnter(enter, null)).toBe(false);
    expect(submitsOnEnter({ ...enter, key: " " }, { type: "radio" })).toBe(false);
    expect(submitsOnEnter({ ...enter, ctrlKey: true }, { type: "radio" })).toBe(false);
  });
});
