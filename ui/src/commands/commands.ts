// The window's command table: every action with its label, its keys, whether it can run now and
// what it does. One table drives the command palette (its list), the toolbar's buttons and the
// key handlers (the window's and the diagram's), so a key, a button and a palette entry can
// never disagree. Key matching is pure and tested (commands.test.ts).

/** One command. */
export interface Command {
  /** Stable name, e.g. `new-table`, `theme:dark`, `recent:/path/to/workspace`. */
  id: string;
  /** What the palette lists. */
  label: string;
  /** Its shortcuts, as shown and matched ("Ctrl+Shift+N", "Delete", "Shift+C", "+"); the first
   *  is the one shown. Empty for a command only the palette or a button runs. */
  keys: string[];
  /** Whether it can run now: a disabled command is shown greyed and its keys do nothing. */
  enabled: boolean;
  run: () => void;
  /** More words for the palette, after the shortcut. */
  detail?: string;
  /** Not listed in the palette: keys that only close or clear something (Escape's). */
  hidden?: boolean;
  /** A key runs it only when this says so (Delete does not while the user types in a field). */
  accepts?: (event: KeyboardEvent) => boolean;
}

/** Whether `event` is the shortcut `keys` ("Ctrl+Shift+Z", "Escape", "["). Ctrl also means ⌘.
 *  A letter matches either case and Shift must be as written (a bare capital is shifted); a symbol (`+`, `[`, `0`) matches
 *  the character typed, whatever Shift it took on the keyboard's layout. */
export function matches(keys: string, event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">): boolean {
  const m = /^((?:(?:Ctrl|Shift|Alt)\+)*)(.+)$/.exec(keys);
  if (!m) return false;
  const mods = m[1] ?? "";
  const key = m[2] ?? "";
  if ((event.ctrlKey || event.metaKey) !== mods.includes("Ctrl+") || event.altKey !== mods.includes("Alt+")) return false;
  if (key.length === 1 && !/[a-z]/i.test(key)) return event.key === key;
  // A bare capital letter counts as shifted even when the event does not say Shift (WebDriver's
  // typed "C", Caps Lock): the letter typed is what a bare-letter shortcut means. With Ctrl the
  // letter's case does not help (Ctrl+Shift+Z may arrive as "z"), so Shift alone says.
  const shifted = event.shiftKey || (!mods.includes("Ctrl+") && /^[A-Z]$/.test(event.key));
  if (shifted !== mods.includes("Shift+")) return false;
  return key.length === 1 ? event.key.toLowerCase() === key.toLowerCase() : event.key === key;
}

/** The first enabled command one of whose keys `event` is (and that accepts it), if any. */
export function commandForKey(commands: readonly Command[], event: KeyboardEvent): Command | undefined {
  return commands.find((c) => c.enabled && c.keys.some((k) => matches(k, event)) && (c.accepts?.(event) ?? true));
}

/** The palette's second column for `command`: its shortcut, then its detail. */
export function commandDetail(command: Pick<Command, "keys" | "detail">): string {
  return [command.keys[0], command.detail].filter(Boolean).join(" · ");
}
