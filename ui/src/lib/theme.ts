// The colour theme: System (follow the OS), Light or Dark. The choice is remembered in the app
// config (the shell's settings file) and mirrored in localStorage, so the first frame of the
// next start is already in the right theme. The resolved theme goes on <html data-theme>, which
// style.css keys its colour variables on. Pure apart from `applyTheme`.

/** What the user chose. */
export type ThemeChoice = "system" | "light" | "dark";
/** What is shown. */
export type Theme = "light" | "dark";

export const THEME_CHOICES: readonly ThemeChoice[] = ["system", "light", "dark"];
const STORAGE_KEY = "relata.theme";

/** A stored or sent value as a choice; anything unknown is `system`. */
export function parseTheme(value: unknown): ThemeChoice {
  return value === "light" || value === "dark" ? value : "system";
}

/** The theme to show for `choice` when the OS prefers dark (`systemDark`) or not. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  return choice === "system" ? (systemDark ? "dark" : "light") : choice;
}

/** The next choice in the order System → Light → Dark → System (the palette's "Switch theme"). */
export function nextTheme(choice: ThemeChoice): ThemeChoice {
  return THEME_CHOICES[(THEME_CHOICES.indexOf(choice) + 1) % THEME_CHOICES.length] ?? "system";
}

/** The choice remembered by the last run in this window's storage. */
export function storedTheme(): ThemeChoice {
  try {
    return parseTheme(localStorage.getItem(STORAGE_KEY));
  } catch {
    return "system";
  }
}

/** Shows `choice` now and whenever the OS preference changes; returns a function that stops following. */
export function applyTheme(choice: ThemeChoice): () => void {
  const query = window.matchMedia("(prefers-color-scheme: dark)");
  const set = () => { document.documentElement.dataset.theme = resolveTheme(choice, query.matches); };
  set();
  try {
    localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Storage is only the fast path; the app config holds the choice.
  }
  query.addEventListener("change", set);
  return () => query.removeEventListener("change", set);
}
