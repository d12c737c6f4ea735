// Entry point: mounts the window into #app.

import { mount } from "svelte";
import App from "./App.svelte";
import "./style.css";
import { applyTheme, storedTheme } from "./lib/theme";

// Before the first frame: the theme the last run chose (the app config confirms it later).
applyTheme(storedTheme());

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");
export default mount(App, { target });
