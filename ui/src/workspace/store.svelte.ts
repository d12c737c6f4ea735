// The open workspace as the window holds it: its overview, findings, the open table (detail)
// and the selection, the edit history, and the edit queue that runs edits, undo, redo and saves
// one after another and refreshes what is shown after each. App.svelte and its panels read it;
// only these methods change it. Talks to the shell through ../ipc only.

import { ask } from "@tauri-apps/plugin-dialog";
import {
  applyEdit, diskMerge, editState, newWorkspace, openWorkspace, recoveryOffer, reviewDiskChanges, rulePresets, saveWorkspace, searchIndex,
  tableDetail, workspaceDiagnostics, workspaceOverview, type DiskNews, type Edit, type EditState, type Finding, type IpcError, type RulePresets,
  type SearchIndex, type TableDetail, type WorkspaceOverview,
} from "../ipc";
import { moveAllToGroup, moveToGroup } from "../lib/deletion";
import { optimistic } from "../lib/optimistic";

/** The open workspace and what the window shows of it (one per window). */
export class WorkspaceStore {
  // Raw state where the window only ever replaces the value whole: at 10,000 tables a deep
  // proxy over the overview's tables, the findings or the search index made every read (each
  // filter keystroke, the palette's first key) go through a trap per property.
  overview = $state.raw<WorkspaceOverview | null>(null);
  /** The error the banner shows until it is dismissed. */
  error = $state<IpcError | null>(null);
  /** Opening or creating a workspace is under way. */
  busy = $state(false);
  /** The status bar's message (what the last step did). */
  message = $state("");
  /** No workspace could be opened at start. */
  noWorkspace = $state(false);
  findings = $state.raw<Finding[]>([]);
  /** The table open in the inspector. */
  detail = $state<TableDetail | null>(null);
  /** Tables Shift-click added to the selection besides `detail` (`schema.table`). */
  also = $state<string[]>([]);
  /** The group (module) a click on its frame selected, instead of a table. */
  selectedGroup = $state<string | null>(null);
  /** The palette's index, fetched when first needed after each change. */
  index: SearchIndex | null = null;
  /** The column of the open table a jump pointed at. */
  highlight = $state<string | null>(null);
  history = $state<EditState | null>(null);
  /** The relationship whose form is open, by id; the table inspector shows otherwise. */
  relationshipId = $state<string | null>(null);
  /** The field of the open relationship form a clicked finding points at. */
  relationshipField = $state<string | null>(null);
  /** The open relationship's entry, found in the open table's detail. */
  relationship = $derived(this.detail?.relationships.find((r) => r.entry.id === this.relationshipId)?.entry ?? null);
  /** The index the relationship form picks tables and columns from. */
  formIndex = $state.raw<SearchIndex | null>(null);
  /** Unsaved changes of a session that ended without saving, offered back. */
  recovered = $state<{ written_at: number } | null>(null);
  presets = $state<RulePresets>({ presets: [], current: "" });
  /** The open relationship's findings. */
  relationshipFindings = $derived(this.detail && this.relationship
    ? this.detail.diagnostics.filter((d) => d.relationship === this.relationship?.id)
    : []);
  /** The workspace changed on disk while it has unsaved edits: the banner offers Review. */
  diskChanged = $state<string | null>(null);
  /** A save or Review met fields changed differently here and on disk: the merge view is open. */
  diskMergeOpen = $state(false);
  /** Bumped by undo and redo: fields then show the restored text even while focused. */
  force = $state(0);
  /** Edits and history moves run one after another, in the order the user made them. */
  queue: Promise<unknown> = Promise.resolve();
  refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set by undo/redo/refused edits: once fresh data is in, fields are rewritten even if focused. */
  pendingForce = false;
  /** The workspace's file or folder name, for the title. */
  workspaceFile = $state("");

  /** Shows `next`, just opened: its findings, history, recovery offer and rule presets follow. */
  show = (next: WorkspaceOverview) => {
    this.overview = next;
    this.error = null;
    this.noWorkspace = false;
    this.detail = null;
    this.findings = [];
    this.index = null;
    workspaceDiagnostics().then((f) => (this.findings = f), (e: IpcError) => (this.error = e));
    editState().then((h) => (this.history = h), (e: IpcError) => (this.error = e));
    recoveryOffer().then((r) => (this.recovered = r), (e: IpcError) => (this.error = e));
    rulePresets().then((p) => (this.presets = p), (e: IpcError) => (this.error = e));
    this.workspaceFile = next.path.split(/[\\/]/).filter(Boolean).pop() ?? "Workspace";
    document.body.dataset.state = "ready";
  };

  /** Opens (or creates) the workspace at `path`, asking first when changes would be lost;
   *  resolves to whether it did. */
  open = async (path: string, create = false): Promise<boolean> => {
    if (this.history?.dirty) {
      const verb = create ? "Create" : "Open";
      const discard = await ask(`${this.workspaceFile} has changes that are not saved. ${verb} ${path} and lose them?`, {
        title: "Unsaved changes", kind: "warning", okLabel: `${verb} without saving`, cancelLabel: "Cancel",
      });
      if (!discard) return false;
    }
    this.busy = true;
    this.message = `${create ? "Creating" : "Opening"} ${path}…`;
    try {
      this.show(await (create ? newWorkspace(path) : openWorkspace(path)));
      return true;
    } catch (e) {
      // The shell keeps the previous workspace open, so its listing stays on screen.
      this.error = e as IpcError;
      return false;
    } finally {
      this.busy = false;
      this.message = "";
    }
  };

  /** Opens a table in the inspector (marking `column`): the selection becomes that table. */
  select = async (schema: string, name: string, column: string | null = null) => {
    this.relationshipId = null;
    this.also = [];
    this.selectedGroup = null;
    try {
      this.detail = await tableDetail(schema, name);
      this.highlight = column;
    } catch (e) {
      this.error = e as IpcError;
    }
  };

  /** Shift-click: adds the table to the selection (or takes it out again); the first one opens. */
  addToSelection = (schema: string, name: string) => {
    const q = `${schema}.${name}`;
    if (!this.detail) return void this.select(schema, name);
    if (q === `${this.detail.schema}.${this.detail.name}`) return;
    this.also = this.also.includes(q) ? this.also.filter((t) => t !== q) : [...this.also, q];
  };

  /** A rubber band's tables (`schema.table`): the first opens, the others join the selection. */
  selectMany = async (tables: readonly string[]) => {
    const [first, ...rest] = tables;
    if (!first) return;
    const dot = first.indexOf(".");
    await this.select(first.slice(0, dot), first.slice(dot + 1));
    this.also = rest;
  };

  /** A click on a group's frame: the group is the selection (Delete offers its choices). */
  selectGroup = (module: string) => {
    this.detail = null;
    this.relationshipId = null;
    this.also = [];
    this.selectedGroup = module;
  };

  /** A table dropped into another group's frame moves to that module: one edit. */
  moveTable = async (schema: string, name: string, module: string) => {
    try {
      const d = await tableDetail(schema, name);
      this.step(() => applyEdit(moveToGroup(d, module)));
    } catch (e) {
      this.error = e as IpcError;
    }
  };

  /** A dragged selection dropped into another group's frame: its tables (`schema.table`) move
   *  to that module, one edit. */
  moveTables = async (tables: readonly string[], module: string) => {
    try {
      const details = await Promise.all(tables.map((q) => tableDetail(q.slice(0, q.indexOf(".")), q.slice(q.indexOf(".") + 1))));
      this.step(() => applyEdit(moveAllToGroup(details, module)));
    } catch (e) {
      this.error = e as IpcError;
    }
  };

  /** Refetches what the window shows after a change; bursts of keystrokes refetch once. */
  refreshSoon = () => {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), 120);
  };

  /** Fetches the overview, the findings and the open table again, following a renamed table
   *  by id and a relationship whose ends moved to its new child table. */
  refresh = async () => {
    try {
      const [nextOverview, nextFindings] = await Promise.all([workspaceOverview(), workspaceDiagnostics()]);
      this.overview = nextOverview;
      this.findings = nextFindings;
      this.index = null;
      if (this.relationshipId) this.formIndex = this.index = await searchIndex();
      if (this.detail) {
        const id = this.detail.entry.id;
        // The table may have been renamed: find it again by id through the overview.
        const stillThere = nextOverview.groups.flatMap((g) => g.tables)
          .find((t) => t.schema === this.detail?.schema && t.name === this.detail?.name);
        if (stillThere) {
          this.detail = await tableDetail(stillThere.schema, stillThere.name);
        } else {
          const search = await searchIndex();
          const renamed = search.tables.find((t) => t.id === id);
          this.detail = renamed ? await tableDetail(renamed.schema, renamed.name) : null;
        }
      }
      // A relationship whose ends moved away from this table: follow it to its child table.
      if (this.relationshipId && this.detail && !this.detail.relationships.some((r) => r.entry.id === this.relationshipId)) {
        const moved = this.formIndex?.relationships.find((r) => r.id === this.relationshipId);
        this.detail = moved ? await tableDetail(moved.child.schema, moved.child.table) : this.detail;
        if (!moved) this.relationshipId = null;
      }
      if (this.pendingForce) {
        this.pendingForce = false;
        this.force += 1;
      }
    } catch (e) {
      this.error = e as IpcError;
    }
  };

  /** Runs a history step (edit, undo, redo, save) after the ones before it. */
  step = (run: () => Promise<EditState>, forced = false) => {
    this.queue = this.queue.then(async () => {
      try {
        this.history = await run();
        if (this.history.done) this.message = this.history.done;
        // Saved (or reloaded): what the banner said changed on disk is in the workspace now.
        if (!this.history.dirty) this.diskChanged = null;
        if (forced) this.pendingForce = true;
        this.refreshSoon();
      } catch (e) {
        this.failed(e as IpcError);
        // A refused edit changed nothing: show the fields as they are.
        this.pendingForce = true;
        this.refreshSoon();
      }
    });
  };

  /** Shows a failed step's error; a save that met conflicting changes on disk opens the merge
   *  view instead, where both versions wait for a choice. */
  failed = (error: IpcError) => {
    if (error.code !== "ChangedOnDisk") {
      this.error = error;
      return;
    }
    diskMerge().then((conflicts) => {
      if (conflicts.length > 0) {
        this.diskMergeOpen = true;
        this.diskChanged = null;
      } else {
        this.error = error;
      }
    }, (e: IpcError) => (this.error = e));
  };

  /** What the shell's watcher found on disk: a clean workspace was reloaded (one undo step),
   *  an unsaved one waits for Review, files that no longer load are an error. */
  onDisk = (news: DiskNews) => {
    if (news.kind === "reloaded") {
      this.diskChanged = null;
      this.step(editState, true);
      this.message = news.message;
    } else if (news.kind === "changed") {
      this.diskChanged = news.message;
    } else {
      this.error = { code: "ChangedOnDisk", message: news.message };
    }
  };

  /** The banner's Review: merges what changed on disk into the unsaved edits (one undo step),
   *  or opens the merge view when some field was changed both here and there. */
  reviewDisk = () => {
    this.diskChanged = null;
    this.step(async () => {
      const review = await reviewDiskChanges();
      if (review.conflicts.length > 0) this.diskMergeOpen = true;
      return review.state;
    }, true);
  };

  /** The merge view's choices were taken: the merged workspace is saved. */
  diskMerged = async (state: EditState) => {
    this.diskMergeOpen = false;
    this.history = state;
    this.step(saveWorkspace, true);
  };

  /** Applies a form's edit, shown at once and queued after the steps before it. */
  edit = (change: Edit, coalesce?: string) => {
    // The forms build the next edit from the entry they show: show the edited entry at once,
    // so a quick second change (before the refresh) builds on the first instead of undoing it.
    if (this.detail) this.detail = optimistic(this.detail, change);
    this.step(() => applyEdit(change, coalesce));
  };

  /** Opens the relationship `id`'s form (at `field`, when a finding points there). */
  openRelationship = async (id: string, field: string | null = null) => {
    try {
      this.formIndex = this.index ??= await searchIndex();
      this.relationshipId = id;
      this.relationshipField = field;
    } catch (e) {
      this.error = e as IpcError;
    }
  };

  /** Saves now, after the edits before it; resolves to whether the workspace is clean (sync needs that). */
  saveNow = (): Promise<boolean> => {
    let clean = false;
    this.queue = this.queue.then(async () => {
      try {
        this.history = await saveWorkspace();
        clean = !this.history.dirty;
      } catch (e) {
        this.failed(e as IpcError);
      }
    });
    return this.queue.then(() => clean);
  };
}
