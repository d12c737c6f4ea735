// The Relata window: lists the open workspace's tables grouped by module, with a status bar.
// It talks to the shell only through ./ipc.js.

import { ErrorCode, openWorkspace, workspaceOverview } from "./ipc.js";

const byId = (id) => document.getElementById(id);

/** What the window says for each error code; the message below it names the path. */
const ERROR_TITLES = {
  [ErrorCode.NotFound]: "Workspace not found",
  [ErrorCode.InvalidWorkspace]: "This is not a workspace Relata can read",
  [ErrorCode.Io]: "The workspace could not be read or written",
  [ErrorCode.Database]: "The workspace database refused the operation",
  [ErrorCode.NoWorkspace]: "No workspace is open",
  [ErrorCode.Ipc]: "The app did not answer",
};

const STATUSES = ["draft", "experimental", "stable", "legacy", "deprecated", "retired"];
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** Builds an element with a class and text; no HTML strings, so no injection and no CSP trouble. */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

function setState(state) {
  document.body.dataset.state = state;
}

function renderTable(table) {
  const qualified = `${table.schema}.${table.name}`;
  const row = el("li", "table-row");
  row.dataset.table = qualified;
  row.dataset.status = table.status;
  row.dataset.search = `${qualified} ${table.status}`.toLowerCase();

  // The text of .table-name is exactly `schema.name`; the spans only style the two parts.
  const name = el("span", "table-name");
  name.title = qualified;
  const text = el("bdi");
  text.dir = "ltr";
  text.append(el("span", "schema", table.schema), el("span", "dot", "."), el("span", "name", table.name));
  name.append(text);

  const columns = el("span", "column-count", plural(table.column_count, "column", "columns"));
  const status = el("span", `status status-${STATUSES.includes(table.status) ? table.status : "unknown"}`, table.status);
  row.append(name, columns, status);
  return row;
}

function renderGroup(group) {
  const section = el("section", "group");
  section.dataset.module = group.module;

  const header = el("header", "group-header");
  const swatch = el("span", "swatch");
  swatch.setAttribute("aria-hidden", "true");
  if (group.color && HEX_COLOR.test(group.color)) {
    // CSSOM writes are allowed by the strict CSP (no inline style attributes are parsed).
    section.style.setProperty("--group-color", group.color);
    swatch.title = group.color;
  } else {
    swatch.classList.add("swatch-none");
  }
  const title = el("h2", "group-name", group.module);
  const count = el("span", "group-count", plural(group.tables.length, "table", "tables"));
  count.dataset.count = String(group.tables.length);
  header.append(swatch, title, count);

  const list = el("ol", "table-list");
  if (group.tables.length === 0) {
    list.append(el("li", "table-row table-row-empty", "No tables yet"));
  } else {
    list.append(...group.tables.map(renderTable));
  }
  section.append(header, list);
  return section;
}

function setStat(name, count) {
  byId(`stat-${name}`).textContent = String(count);
  const label = document.querySelector(`[data-stat="${name}"] .stat-label`);
  label.textContent = count === 1 ? label.dataset.one : label.dataset.many;
}

function renderStatus(overview) {
  setStat("tables", overview.table_count);
  setStat("relationships", overview.relationship_count);
  setStat("errors", overview.error_count);
  setStat("warnings", overview.warning_count);
  const bar = byId("status-bar");
  bar.dataset.tables = String(overview.table_count);
  bar.dataset.relationships = String(overview.relationship_count);
  bar.dataset.errors = String(overview.error_count);
  bar.dataset.warnings = String(overview.warning_count);
  bar.classList.toggle("has-errors", overview.error_count > 0);
  bar.classList.toggle("has-warnings", overview.warning_count > 0);
}

function renderOverview(overview) {
  const path = byId("workspace-path");
  // The path is isolated left-to-right inside a right-to-left box: a long path then loses its
  // start, not its end, and the slashes stay where they belong.
  const text = el("bdi", "", overview.path);
  text.dir = "ltr";
  path.replaceChildren(text);
  path.title = overview.path;
  document.title = `${overview.path.split(/[\\/]/).filter(Boolean).pop() ?? "Workspace"} — Relata`;

  const groups = byId("groups");
  if (overview.groups.length === 0) {
    groups.replaceChildren(el("p", "empty", "This workspace has no tables yet."));
  } else {
    groups.replaceChildren(...overview.groups.map(renderGroup));
  }
  renderStatus(overview);
  hideError();
  applyFilter();
  setState("ready");
}

function showError(error) {
  byId("error-title").textContent = ERROR_TITLES[error.code] ?? "Something went wrong";
  byId("error-message").textContent = error.message;
  byId("error-code").textContent = error.code;
  const panel = byId("error");
  panel.dataset.code = error.code;
  panel.hidden = false;
}

function hideError() {
  byId("error").hidden = true;
}

function applyFilter() {
  const query = byId("filter").value.trim().toLowerCase();
  let shown = 0;
  let total = 0;
  for (const group of document.querySelectorAll("#groups .group")) {
    const moduleMatches = group.dataset.module.toLowerCase().includes(query);
    let visibleInGroup = 0;
    for (const row of group.querySelectorAll(".table-row[data-table]")) {
      total += 1;
      const visible = !query || moduleMatches || row.dataset.search.includes(query);
      row.hidden = !visible;
      if (visible) visibleInGroup += 1;
    }
    shown += visibleInGroup;
    group.hidden = Boolean(query) && visibleInGroup === 0 && !moduleMatches;
  }
  byId("filter-count").textContent = query ? `${shown} of ${plural(total, "table", "tables")}` : "";
}

async function onOpen(event) {
  event.preventDefault();
  const input = byId("open-path");
  const path = input.value.trim();
  if (!path) return;
  const button = byId("open-button");
  button.disabled = true;
  byId("status-message").textContent = `Opening ${path}…`;
  try {
    renderOverview(await openWorkspace(path));
    input.value = "";
    byId("status-message").textContent = "";
  } catch (error) {
    // The shell keeps the previous workspace open, so its listing stays on screen.
    showError(error);
    byId("status-message").textContent = "";
  } finally {
    button.disabled = false;
  }
}

async function start() {
  setState("loading");
  byId("open-form").addEventListener("submit", onOpen);
  byId("filter").addEventListener("input", applyFilter);
  byId("error-dismiss").addEventListener("click", hideError);
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "f") {
      event.preventDefault();
      byId("filter").focus();
    }
  });
  try {
    renderOverview(await workspaceOverview());
  } catch (error) {
    byId("workspace-path").textContent = "No workspace open";
    showError(error);
    setState("error");
  }
}

start();
