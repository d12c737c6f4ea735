// What the command palette offers besides tables, columns and relationships: commands the App
// runs by id (new table, export, theme, open recent), and the view's own actions, run directly
// (the diagram's).

/** One palette command. */
export interface Command {
  /** What the App runs, e.g. `theme:dark` or `recent:/path/to/workspace`. */
  id: string;
  label: string;
  detail: string;
  /** Shown but not chosen (a recent workspace that is gone, or the one open). */
  disabled?: boolean;
  /** Run directly instead of by id (the diagram's actions). */
  run?: () => void;
}
