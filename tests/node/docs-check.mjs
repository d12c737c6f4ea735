// Checks generated documentation the way its readers' tools read it: every HTML page through
// html-validate (the HTML standard's rules), every Markdown page through the CommonMark
// reference parser, which must find no raw HTML in it. Usage: node docs-check.mjs DIR...
// Prints one JSON line per page: {"file", "problems": [...]}; exits 0 when it could check them.

import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { HtmlValidate } from "html-validate";
import { Parser } from "commonmark";

const validator = new HtmlValidate({ extends: ["html-validate:standard"] });
const markdown = new Parser();

function pages(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pages(path);
    return /\.(html|md)$/.test(name) ? [path] : [];
  });
}

for (const dir of process.argv.slice(2)) {
  for (const file of pages(dir)) {
    const text = readFileSync(file, "utf8");
    const problems = [];
    if (file.endsWith(".html")) {
      const report = await validator.validateString(text, file);
      for (const result of report.results) {
        for (const m of result.messages) problems.push(`${m.line}:${m.column}: ${m.ruleId}: ${m.message}`);
      }
    } else {
      const walker = markdown.parse(text).walker();
      let event;
      while ((event = walker.next())) {
        const node = event.node;
        if (event.entering && (node.type === "html_inline" || node.type === "html_block")) {
          const line = node.sourcepos ? node.sourcepos[0][0] : "?";
          problems.push(`${line}: raw HTML left in the Markdown: ${node.literal}`);
        }
      }
    }
    console.log(JSON.stringify({ file, problems }));
  }
}
