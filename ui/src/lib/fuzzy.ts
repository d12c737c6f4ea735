// Fuzzy matching for the command palette: the query's characters in order, scored so that an
// exact name (the whole text, or all of it after a schema's `.`) ranks first, then contiguous
// runs, word starts (after `.`, `_`, space) and a prefix. Pure, tested.

/** A match: its score (higher is better) and the matched character positions, for highlighting. */
export interface Match {
  score: number;
  positions: number[];
}

const BOUNDARY = new Set([".", "_", " ", "-", "/", "(", ":"]);

/** Scores `text` against `query` (case-insensitive); `null` when not every character occurs in order. */
export function fuzzyMatch(query: string, text: string): Match | null {
  const q = query.toLowerCase();
  const t = text.toLowerCase();
  if (q.length === 0) return { score: 0, positions: [] };
  // An exact name beats everything: the whole text, or its last dotted part ("customers" is the
  // name of `sales.customers`, whereas a relationship key `customers__…` only starts with it).
  if (t === q) return { score: 5000, positions: range(0, q.length) };
  if (t.endsWith(q) && t[t.length - q.length - 1] === ".") {
    return { score: 4000 + 100 - Math.min(99, t.length), positions: range(t.length - q.length, q.length) };
  }
  // An exact substring beats any scattered match; a prefix or word-start substring beats both.
  const at = t.indexOf(q);
  if (at >= 0) {
    const start = at === 0 ? 3 : BOUNDARY.has(t[at - 1] ?? "") ? 2 : 1;
    return { score: 1000 * start + 100 - Math.min(99, t.length), positions: range(at, q.length) };
  }
  // Two passes: one that jumps to word starts where it can ("fc" → fact_Compute), one plain
  // greedy; the better score wins.
  const a = scattered(q, t, true);
  const b = scattered(q, t, false);
  if (!a || !b) return a ?? b;
  return a.score >= b.score ? a : b;
}

function scattered(q: string, t: string, preferWordStarts: boolean): Match | null {
  const positions: number[] = [];
  let score = 0;
  let from = 0;
  for (const ch of q) {
    let i = t.indexOf(ch, from);
    if (i < 0) return null;
    if (preferWordStarts) {
      for (let j = i; j >= 0; j = t.indexOf(ch, j + 1)) {
        if (j === 0 || BOUNDARY.has(t[j - 1] ?? "")) {
          i = j;
          break;
        }
      }
    }
    const previous = positions[positions.length - 1];
    if (previous !== undefined && i === previous + 1) score += 5;
    if (i === 0 || BOUNDARY.has(t[i - 1] ?? "")) score += 8;
    score -= Math.min(i - from, 10);
    positions.push(i);
    from = i + 1;
  }
  return { score: score - Math.min(99, t.length) / 100, positions };
}

function range(start: number, length: number): number[] {
  return Array.from({ length }, (_, i) => start + i);
}

/** The `limit` best of `items` for `query`, best first; ties keep the input order. */
export function rank<T>(items: readonly T[], query: string, text: (item: T) => string, limit: number): { item: T; match: Match }[] {
  const scored: { item: T; match: Match; index: number }[] = [];
  items.forEach((item, index) => {
    const match = fuzzyMatch(query, text(item));
    if (match) scored.push({ item, match, index });
  });
  scored.sort((a, b) => b.match.score - a.match.score || a.index - b.index);
  return scored.slice(0, limit).map(({ item, match }) => ({ item, match }));
}
