// Vite builds the window into ui/dist, which tauri.conf.json's frontendDist embeds. No dev
// server is used by the Tauri shell; `npm run build` is the whole pipeline.
import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 2.4x supports ES2022; nothing older needs serving.
    target: "es2022",
    // One script and one stylesheet: nothing inline, so the strict CSP holds.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  test: {
    include: ["src/**/*.test.ts"],
  },
});
