/**
 * How a user's query string becomes words to match, with Meilisearch's typing semantics:
 * every word must match; the last word matches as a prefix unless the query ends with a space;
 * 1 typo for words of 5+ letters, 2 for 9+, none for numbers and none on the first letter; a typo
 * is a letter added, removed, changed, or swapped with its neighbour.
 * Both adapters use this, so both engines see the same words.
 */
import { terms } from './text.js';

export interface QueryWord {
  term: string;
  prefix: boolean;
  maxTypos: 0 | 1 | 2;
}

export interface ParsedQuery {
  words: QueryWord[];
  /** The words joined by single spaces (what the Meilisearch adapter sends as `q`). */
  normalized: string;
}

/** Meilisearch ignores words past the tenth; so do we. */
export const MAX_QUERY_WORDS = 10;
export const ONE_TYPO_MIN_LENGTH = 5;
export const TWO_TYPOS_MIN_LENGTH = 9;

/**
 * Meilisearch's derivation limits (milli, search/new/limits.rs): a query word matches at most
 * MAX_ONE_TYPO_COUNT words with one typo and MAX_TWO_TYPOS_COUNT with two, the first ones in the
 * words' sorted order, and a prefix at most MAX_PREFIX_COUNT longer words, unless it is in
 * Meilisearch's prefix database (at most PREFIX_DB_MAX_LENGTH letters, shared by at least
 * PREFIX_DB_MIN_WORDS words), which matches them all. The exact word always matches.
 */
export const MAX_PREFIX_COUNT = 1000;
export const MAX_ONE_TYPO_COUNT = 150;
export const MAX_TWO_TYPOS_COUNT = 50;
export const PREFIX_DB_MAX_LENGTH = 4;
export const PREFIX_DB_MIN_WORDS = 100;

/** How many longer words prefix word `term` matches when `words` vocabulary words start with it (itself included or not). */
export function prefixLimit(term: string, words: number): number {
  return term.length <= PREFIX_DB_MAX_LENGTH && words >= PREFIX_DB_MIN_WORDS ? Infinity : MAX_PREFIX_COUNT;
}

export function typoBudget(term: string): 0 | 1 | 2 {
  if (/^\p{N}+$/u.test(term)) return 0;
  const n = [...term].length;
  if (n >= TWO_TYPOS_MIN_LENGTH) return 2;
  if (n >= ONE_TYPO_MIN_LENGTH) return 1;
  return 0;
}

export function parseQuery(q: string): ParsedQuery {
  const all = terms(q);
  const endsWithSeparator = q.length > 0 && !/[\p{L}\p{N}\p{M}]$/u.test(q);
  const kept = all.slice(0, MAX_QUERY_WORDS);
  const truncated = all.length > kept.length;
  const words = kept.map((term, i) => ({
    term,
    prefix: i === kept.length - 1 && !endsWithSeparator && !truncated,
    maxTypos: typoBudget(term),
  }));
  return { words, normalized: kept.join(' ') + (words.length > 0 && !words[words.length - 1].prefix ? ' ' : '') };
}

/**
 * Edit distance counting a swap of two adjacent letters as one edit (optimal string alignment),
 * as Meilisearch's Levenshtein automata do, bounded: returns max+1 as soon as it is exceeded.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2 = new Array<number>(b.length + 1);
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // A later row's swap reads this one's predecessor, whose values are at most one below this row's.
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[b.length], max + 1);
}

/**
 * How many typos it takes for indexed word `candidate` to match query word `w`: 0 for an exact
 * or prefix match, 1–2 for a typo match (for a prefix word: the best over the candidate's
 * prefixes), -1 for no match. Agrees with matchKind: matchTypos(w, c) >= 0 ⇔ matchKind(w, c) >= 0.
 */
export function matchTypos(w: QueryWord, candidate: string): -1 | 0 | 1 | 2 {
  const kind = matchKind(w, candidate);
  if (kind < 2) return kind === -1 ? -1 : 0;
  if (!w.prefix) return boundedEditDistance(w.term, candidate, w.maxTypos) as 1 | 2;
  let best: number = w.maxTypos;
  const lo = Math.max(1, w.term.length - w.maxTypos);
  const hi = Math.min(candidate.length, w.term.length + w.maxTypos);
  for (let n = lo; n <= hi; n++) best = Math.min(best, boundedEditDistance(w.term, candidate.slice(0, n), w.maxTypos));
  return best as 1 | 2;
}

/**
 * Does indexed word `candidate` match query word `w`? 0 = exact, 1 = prefix, 2 = typo, -1 = no.
 * A typo never touches the first letter. A prefix word with typos matches when some prefix of
 * the candidate is within the budget, as Meilisearch's prefix automaton does.
 */
export function matchKind(w: QueryWord, candidate: string): -1 | 0 | 1 | 2 {
  if (candidate === w.term) return 0;
  if (w.prefix && candidate.startsWith(w.term)) return 1;
  if (w.maxTypos === 0 || candidate[0] !== w.term[0]) return -1;
  if (!w.prefix) return boundedEditDistance(w.term, candidate, w.maxTypos) <= w.maxTypos ? 2 : -1;
  const lo = Math.max(1, w.term.length - w.maxTypos);
  const hi = Math.min(candidate.length, w.term.length + w.maxTypos);
  for (let n = lo; n <= hi; n++) {
    if (boundedEditDistance(w.term, candidate.slice(0, n), w.maxTypos) <= w.maxTypos) return 2;
  }
  return -1;
}
