// The one Node API a test uses (lib/contrast.test.ts reads the stylesheets from disk), declared
// here rather than installing @types/node for the whole window's code.
declare module "node:fs" {
  /** Reads a file's whole text. */
  export function readFileSync(path: URL | string, encoding: "utf8"): string;
}
