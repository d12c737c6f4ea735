// Keyboard behaviour shared by the modal dialogs: Tab and Shift+Tab cycle inside the dialog
// instead of leaving it for the page behind (WAI-ARIA's modal dialog pattern).

/** What Tab can reach inside a dialog. */
export const FOCUSABLE =
  "button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex='0']";

/** Where Tab (`backwards`: Shift+Tab) moves focus from `active` among a dialog's `items`: the
 *  next (previous) one, round from the last to the first; the first (last) when focus is not on
 *  an item, e.g. on the dialog itself. The dialog moves focus itself rather than leave it to the
 *  browser, because WebKit's Tab skips buttons and would step out of the dialog past them. */
export function nextFocus<T>(items: readonly T[], active: unknown, backwards: boolean): T | null {
  if (items.length === 0) return null;
  const at = items.indexOf(active as T);
  if (at < 0) return backwards ? items[items.length - 1]! : items[0]!;
  return items[(at + (backwards ? items.length - 1 : 1)) % items.length]!;
}

/** Whether a keydown is Tab or Shift+Tab. WebKitGTK reports Shift+Tab (GTK's ISO_Left_Tab) as
 *  `key: "Unidentified"`, `code: "Tab"` (seen in the real window), so `key` alone misses it. */
export function isTab(event: Pick<KeyboardEvent, "key" | "code">): boolean {
  return event.key === "Tab" || event.code === "Tab";
}

/** A modal dialog's keys: Escape closes it (and goes no further, so the page behind does not
 *  also act on it), Tab and Shift+Tab stay inside `dialog`. Its keydown handler. */
export function modalKeys(event: KeyboardEvent, dialog: HTMLElement | undefined, close: () => void): void {
  if (event.key === "Escape") {
    event.preventDefault();
    event.stopPropagation();
    close();
  } else if (dialog) {
    trapTab(event, dialog);
  }
}

/** Keeps Tab inside `dialog`. */
export function trapTab(event: KeyboardEvent, dialog: HTMLElement): void {
  if (!isTab(event)) return;
  const target = nextFocus([...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)], document.activeElement, event.shiftKey);
  event.preventDefault();
  target?.focus();
}

/** Whether a keydown should submit a dialog's form although the browser would not: Enter on a
 *  radio button or a checkbox (WebKit submits only from a text field), without modifiers. */
export function submitsOnEnter(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">, target: { type?: string } | null): boolean {
  if (event.key !== "Enter" || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return false;
  return target?.type === "radio" || target?.type === "checkbox";
}
