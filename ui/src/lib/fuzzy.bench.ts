// The palette's search at 10,000 tables (about 111,000 labels: tables, columns, relationships),
// one key at a time as a user types: `npx vitest bench --run src/lib/fuzzy.bench.ts`.
import { bench, describe } from "vitest";
import { FuzzyIndex, rank } from "./fuzzy";

const labels: string[] = [];
for (let i = 0; i < 10000; i++) {
  const table = `core.${["ref", "fact", "stg", "dim"][i % 4]}_${["meter", "reading", "event", "order"][(i * 7) % 4]}_${String(i).padStart(4, "0")}`;
  labels.push(table);
  for (const column of ["id", "reading_id", "meter_id", "amount", "created_at", "status", "value_kwh", "note", "order_id"]) {
    labels.push(`${table}.${column}`);
  }
  if (i % 4 === 0) labels.push(`${table.slice(5)}__meter_id__ref_meter_${i}`);
}
const typed = ["r", "re", "rea", "read", "readi", "readin", "reading", "reading_", "reading_0", "reading_01"];

describe("typing `reading_01` into the palette at 10,000 tables", () => {
  bench("FuzzyIndex: the index built, then each key", () => {
    const index = new FuzzyIndex(labels, (l) => l);
    for (const query of typed) index.rank(query, 50);
  });
  bench("a fresh search at each key", () => {
    for (const query of typed) rank(labels, query, (l) => l, 50);
  });
});
