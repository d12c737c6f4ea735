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
  const positions: number[] = [];
  const score = scoreLower(query.toLowerCase(), text.toLowerCase(), positions);
  return score === null ? null : { score, positions };
}

/**
 * [`fuzzyMatch`]'s score of a query and a text both already lower-case, with the matched
 * positions pushed to `positions` when given (a search scores every text but shows a few).
 */
function scoreLower(q: string, t: string, positions: number[] | null): number | null {
  if (q.length === 0) return 0;
  // An exact name beats everything: the whole text, or its last dotted part ("customers" is the
  // name of `sales.customers`, whereas a relationship key `customers__…` only starts with it).
  if (t === q) {
    positions?.push(...range(0, q.length));
    return 5000;
  }
  if (t.endsWith(q) && t[t.length - q.length - 1] === ".") {
    positions?.push(...range(t.length - q.length, q.length));
    return 4000 + 100 - Math.min(99, t.length);
  }
  // An exact substring beats any scattered match; a prefix or word-start substring beats both.
  const at = t.indexOf(q);
  if (at >= 0) {
    const start = at === 0 ? 3 : BOUNDARY.has(t[at - 1] ?? "") ? 2 : 1;
    positions?.push(...range(at, q.length));
    return 1000 * start + 100 - Math.min(99, t.length);
  }
  // Two passes: one plain greedy, one that jumps to word starts where it can ("fc" →
  // fact_Compute); the better score wins. The greedy one takes the earliest place of each
  // character, so where it finds none neither does the other.
  const greedyAt: number[] | null = positions && [];
  const greedy = scattered(q, t, false, greedyAt);
  if (greedy === null) return null;
  const wordsAt: number[] | null = positions && [];
  const words = scattered(q, t, true, wordsAt);
  const better = words !== null && words >= greedy;
  positions?.push(...((better ? wordsAt : greedyAt) ?? []));
  return better ? words : greedy;
}

/** The score of `q`'s characters found in order in `t`, their places pushed to `positions`. */
function scattered(q: string, t: string, preferWordStarts: boolean, positions: number[] | null): number | null {
  let score = 0;
  let from = 0;
  let previous = -2;
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
    if (i === previous + 1) score += 5;
    if (i === 0 || BOUNDARY.has(t[i - 1] ?? "")) score += 8;
    score -= Math.min(i - from, 10);
    positions?.push(i);
    previous = i;
    from = i + 1;
  }
  return score - Math.min(99, t.length) / 100;
}

function range(start: number, length: number): number[] {
  return Array.from({ length }, (_, i) => start + i);
}

/** The `limit` best of `items` for `query`, best first; ties keep the input order. */
export function rank<T>(items: readonly T[], query: string, text: (item: T) => string, limit: number): { item: T; match: Match }[] {
  return new FuzzyIndex(items, text).rank(query, limit);
}

/**
 * Two ranked lists as one ranking of their items, the `limit` best: by score, and on a tie the
 * first list's item first (as if the second list's items followed the first's in one search).
 */
export function mergeRanked<T>(first: { item: T; match: Match }[], second: { item: T; match: Match }[], limit: number): { item: T; match: Match }[] {
  const merged: { item: T; match: Match }[] = [];
  let a = 0;
  let b = 0;
  while (merged.length < limit && (a < first.length || b < second.length)) {
    const x = first[a];
    const y = second[b];
    if (y === undefined || (x !== undefined && x.match.score >= y.match.score)) {
      merged.push(x!);
      a++;
    } else {
      merged.push(y);
      b++;
    }
  }
  return merged;
}

/**
 * A search over many items typed into one key at a time (the palette's 100,000 tables, columns
 * and relationships at 10,000 tables): each text is lower-cased once, only the best `limit`
 * matches are kept while scanning, and a query that extends the last one looks only at what
 * the last one matched (every character must occur in order, so a longer query matches a
 * subset).
 */
export class FuzzyIndex<T> {
  private readonly items: readonly T[];
  private readonly texts: string[];
  private last: { query: string; matched: number[] } | null = null;

  constructor(items: readonly T[], text: (item: T) => string) {
    this.items = items;
    this.texts = items.map((item) => text(item).toLowerCase());
  }

  /** The `limit` best items for `query`, best first; ties keep the input order. */
  rank(query: string, limit: number): { item: T; match: Match }[] {
    const q = query.toLowerCase();
    const narrowed = this.last !== null && q.startsWith(this.last.query) ? this.last.matched : null;
    const matched: number[] = [];
    // The best `limit` so far, best first: a match enters only if it beats the worst kept.
    const best: { index: number; score: number }[] = [];
    const consider = (index: number) => {
      const score = scoreLower(q, this.texts[index] ?? "", null);
      if (score === null) return;
      matched.push(index);
      if (limit <= 0) return;
      if (best.length === limit && score <= best[best.length - 1]!.score) return;
      // Indices arrive ascending, so an equal score goes after the ones kept: input order on ties.
      let at = best.length;
      while (at > 0 && best[at - 1]!.score < score) at--;
      best.splice(at, 0, { index, score });
      if (best.length > limit) best.pop();
    };
    if (narrowed) for (const index of narrowed) consider(index);
    else for (let index = 0; index < this.texts.length; index++) consider(index);
    this.last = { query: q, matched };
    return best.map(({ index, score }) => {
      const positions: number[] = [];
      scoreLower(q, this.texts[index] ?? "", positions);
      return { item: this.items[index]!, match: { score, positions } };
    });
  }
}
