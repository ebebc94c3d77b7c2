/**
 * From a query word to the vocabulary it matches (engine/query.ts semantics) and to doc sets:
 * prefix ranges come from binary search in the sorted vocabulary; typo candidates from one walk
 * over the words sharing the first letter, reusing Levenshtein rows across common prefixes and
 * skipping every word under a prefix that is already out of budget.
 */
import { MAX_ONE_TYPO_COUNT, MAX_TWO_TYPOS_COUNT, prefixLimit, type QueryWord } from '../query.js';
import * as ds from './docset.js';
import type { DenseSets, Postings } from './postings.js';
import { FIELD_COUNT } from './schema.js';
import type { SetArena } from './set-arena.js';
import type { Snapshot } from './snapshot.js';

export interface VocabRange {
  lo: number;
  hi: number;
  typos: number;
}

/** First index i in sorted `terms` with terms[i] >= s. */
export function lowerBound(terms: readonly string[], s: string, lo = 0, hi = terms.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid] < s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** [lo, hi) of the terms starting with `prefix`. */
export function prefixRange(terms: readonly string[], prefix: string, lo = 0, hi = terms.length): [number, number] {
  const start = lowerBound(terms, prefix, lo, hi);
  let end = start;
  // Galloping then binary search keeps long ranges (one-letter prefixes) cheap.
  let step = 1;
  while (end + step < hi && terms[end + step].startsWith(prefix)) step *= 2;
  let a = end;
  let b = Math.min(hi, end + step + 1);
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (terms[mid].startsWith(prefix)) a = mid + 1;
    else b = mid;
  }
  end = a;
  return [start, end];
}

/**
 * Vocabulary ranges matching `w` with 1..maxTypos typos (exact and prefix matches excluded).
 * `skip`: sorted [lo, hi) ranges the caller covers otherwise (every term in them matches); the
 * walk jumps over them and reports none of their terms.
 */
export function typoRanges(terms: readonly string[], w: QueryWord, skip: readonly [number, number][] = []): VocabRange[] {
  const b = w.maxTypos;
  if (b === 0 || w.term.length === 0) return [];
  const q = w.term;
  const m = q.length;
  const [lo, hi] = prefixRange(terms, q[0]);
  const maxDepth = m + b + 1;
  const rows: Int32Array[] = Array.from({ length: maxDepth + 1 }, () => new Int32Array(m + 1));
  for (let j = 0; j <= m; j++) rows[0][j] = j;
  const best = new Int32Array(maxDepth + 1).fill(b + 1);
  const out: VocabRange[] = [];
  const push = (from: number, to: number, typos: number): void => {
    if (typos === 0) return;
    const last = out[out.length - 1];
    if (last && last.hi === from && last.typos === typos) last.hi = to;
    else out.push({ lo: from, hi: to, typos });
  };
  let prev = '';
  let valid = 0;
  let i = lo;
  let next = 0;
  while (i < hi) {
    while (next < skip.length && skip[next][1] <= i) next++;
    if (next < skip.length && skip[next][0] <= i) {
      // Rows stay valid for `prev`: the next term reuses what it shares with it, as after a prune.
      i = skip[next][1];
      continue;
    }
    const t = terms[i];
    let k = 0;
    const lim = Math.min(valid, prev.length, t.length);
    while (k < lim && prev.charCodeAt(k) === t.charCodeAt(k)) k++;
    let pruned = -1;
    for (; k < t.length; k++) {
      const row = rows[k];
      const next = rows[k + 1];
      const r = k + 1;
      next[0] = r;
      let rowMin = r;
      const c = t.charCodeAt(k);
      // A swap of adjacent letters is one typo: t[k-1..k] = q[j-1], q[j-2], from the row before t[k-1].
      const swapFrom = k > 0 ? t.charCodeAt(k - 1) : -1;
      // Only cells with |r - j| <= b can be within budget (a cell is at least |r - j|): the band,
      // with out-of-budget sentinels on both sides for this row's and the next row's reads. The
      // 2–4 times fewer cells made the walk 40% of a whole word's doc sets at 1M otherwise.
      const lo = Math.max(1, r - b);
      const hi = Math.min(m, r + b);
      if (lo > 1 && lo <= m + 1) next[lo - 1] = b + 1;
      if (hi < m) next[hi + 1] = b + 1;
      for (let j = lo; j <= hi; j++) {
        let v = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (q.charCodeAt(j - 1) === c ? 0 : 1));
        if (j > 1 && swapFrom === q.charCodeAt(j - 1) && c === q.charCodeAt(j - 2)) v = Math.min(v, rows[k - 1][j - 2] + 1);
        next[j] = v;
        if (v < rowMin) rowMin = v;
      }
      best[r] = Math.min(k === 0 ? b + 1 : best[k], hi === m && lo <= m ? next[m] : b + 1);
      if (rowMin > b) {
        pruned = r;
        break;
      }
    }
    if (pruned > 0) {
      // Every term under t[0..pruned) shares these rows: out of budget beyond this depth.
      const [, end] = prefixRange(terms, t.slice(0, pruned), i, hi);
      if (w.prefix && best[pruned - 1] <= b && pruned - 1 >= 1) push(i, end, best[pruned - 1]);
      prev = t;
      valid = pruned - 1;
      i = end;
      continue;
    }
    const typos = w.prefix ? best[t.length] : Math.abs(t.length - m) <= b ? rows[t.length][m] : b + 1;
    if (typos <= b) push(i, i + 1, typos);
    prev = t;
    valid = t.length;
    i++;
  }
  return out;
}

/** The docs a query word matches, split the way ranking needs them. */
export interface WordSets {
  word: QueryWord;
  /** Docs with an exact or prefix match (0 typos). */
  zero: ds.DocSet;
  /** Docs whose best match has 1 / 2 typos (disjoint from zero). */
  one: ds.DocSet | null;
  two: ds.DocSet | null;
  /** Docs containing the word exactly. */
  exact: ds.DocSet;
  /** zero ∪ one ∪ two. */
  any: ds.DocSet;
  /** fields[f]: docs where the word matches (with any typos) in FIELDS[f]; null when none does. */
  fields: (ds.DocSet | null)[];
  /**
   * The vocabulary it matches, within Meilisearch's derivation limits (engine/query.ts): sorted,
   * disjoint [lo, hi) ranges of indices into snap.vocab.terms.
   */
  termRanges: [number, number][];
}

/** into ∪= docs of p, and fields[f] ∪= docs of p whose mask has bit f. */
function accumulate(sets: SetArena, into: ds.DocSet, fields: (ds.DocSet | null)[], p: Postings): void {
  const { docs, masks } = p;
  const text = (fields[0] ??= sets.take());
  for (let k = 0; k < docs.length; k++) {
    const d = docs[k];
    const w = d >>> 5;
    const b = 1 << (d & 31);
    into[w] |= b;
    const m = masks[k];
    if (m & 1) text[w] |= b;
    if (m > 1) for (let f = 1; f < FIELD_COUNT; f++) if (m & (1 << f)) (fields[f] ??= sets.take())[w] |= b;
  }
}

/** into ∪= stored bitmaps' docs, fields[f] ∪= their docs in FIELDS[f]. */
function orDense(sets: SetArena, into: ds.DocSet, fields: (ds.DocSet | null)[], dense: DenseSets): void {
  ds.orInto(into, dense.all);
  dense.fields.forEach((f, i) => {
    if (f) ds.orInto((fields[i] ??= sets.take()), f);
  });
}

/** into ∪= a term's docs and fields[f] ∪= its docs in FIELDS[f]: bitmaps ORed for a dense term, postings scattered otherwise. */
function addTerm(snap: Snapshot, termId: number, into: ds.DocSet, fields: (ds.DocSet | null)[]): void {
  const dense = snap.termSets(termId);
  if (dense) orDense(snap.sets, into, fields, dense);
  else accumulate(snap.sets, into, fields, snap.postings(termId));
}

/**
 * Stored prefix unions all of whose terms match `w` with at most one typo: for a 5-letter prefix
 * word (one typo allowed), its 4-letter deletions after the first letter ("desig" → "desi",
 * "deig", …). A term starting with one of them is a typo-free or a one-typo match, so the union
 * joins the one-typo set whole (its typo-free docs are removed from it anyway) instead of
 * term by term: the typo neighbourhoods of frequent names are mostly such subtrees.
 */
function wholeTypoSubtrees(snap: Snapshot, w: QueryWord): string[] {
  if (!w.prefix || w.maxTypos !== 1) return [];
  const out = new Set<string>();
  for (let i = 1; i < w.term.length; i++) {
    const p = w.term.slice(0, i) + w.term.slice(i + 1);
    if (snap.hasPrefixUnion(p)) out.add(p);
  }
  return [...out];
}

/**
 * Stored prefix unions near a word's doc set: the word's own prefix when stored, and the typo
 * subtrees that join it whole (wholeTypoSubtrees). Bases to count its facets from (search.ts).
 */
export function storedUnionsNear(snap: Snapshot, w: QueryWord): string[] {
  const own = w.prefix && snap.hasPrefixUnion(w.term) ? [w.term] : [];
  return [...own, ...wholeTypoSubtrees(snap, w)];
}

/** into ∪= the stored union of the terms starting with `prefix`, fields[f] ∪= its docs in FIELDS[f]. */
function addPrefixUnion(snap: Snapshot, prefix: string, into: ds.DocSet, fields: (ds.DocSet | null)[]): void {
  const dense = snap.prefixSets(prefix);
  if (dense) orDense(snap.sets, into, fields, dense);
  else accumulate(snap.sets, into, fields, snap.prefixPostings(prefix)!);
}

type Span = [number, number];

const spanSize = (spans: readonly Span[]): number => spans.reduce((sum, [lo, hi]) => sum + hi - lo, 0);

/** The first `k` indices of sorted, disjoint spans, as spans. */
function firstOf(spans: readonly Span[], k: number): Span[] {
  const out: Span[] = [];
  for (const [lo, hi] of spans) {
    if (k <= 0) break;
    const end = Math.min(hi, lo + k);
    out.push([lo, end]);
    k -= end - lo;
  }
  return out;
}

/** Span minus `cut`: zero, one or two spans. */
function without([lo, hi]: Span, [cLo, cHi]: Span): Span[] {
  if (cHi <= lo || cLo >= hi || cLo === cHi) return [[lo, hi]];
  return [
    [lo, cLo],
    [cHi, hi],
  ].filter(([a, b]) => a < b) as Span[];
}

export function wordSets(snap: Snapshot, w: QueryWord): WordSets {
  const terms = snap.vocab.terms;
  const ids = snap.vocab.ids;
  const n = snap.n;
  const fields: (ds.DocSet | null)[] = new Array(FIELD_COUNT).fill(null);
  const ei = lowerBound(terms, w.term);
  const exactId = ei < terms.length && terms[ei] === w.term ? ids[ei] : -1;
  // Every term matching with no typo (for a prefix: starting with it, the exact term first), and
  // the ones Meilisearch's limit keeps.
  const allZero: Span = w.prefix ? prefixRange(terms, w.term) : [ei, exactId >= 0 ? ei + 1 : ei];
  const hasExact = exactId >= 0 ? 1 : 0;
  const prefixCap = w.prefix ? prefixLimit(w.term, allZero[1] - allZero[0]) : Infinity;
  const zeroCapped = allZero[1] - allZero[0] - hasExact > prefixCap;
  const zeroSpan: Span = zeroCapped ? [allZero[0], allZero[0] + hasExact + prefixCap] : allZero;
  // A stored union is never capped: it covers at most 4 letters, and those cap nothing below 100 words.
  const stored = zeroCapped ? null : w.prefix ? snap.prefixSets(w.term) : exactId >= 0 ? snap.termSets(exactId) : null;
  const whole = wholeTypoSubtrees(snap, w);
  const skip = whole.map((p) => prefixRange(terms, p)).sort((a, b) => a[0] - b[0]);
  const typo = typoRanges(terms, w, skip);
  let zero: ds.DocSet;
  if (stored && whole.length === 0 && typo.length === 0) {
    // Nothing to add (always so below 5 letters): the stored bitmaps themselves, read-only like every word set.
    zero = stored.all;
    stored.fields.forEach((f, i) => (fields[i] = f));
  } else if (stored) {
    // Copies: the stored bitmaps are shared, and typo matches are still to be added to the fields.
    zero = snap.sets.copyOf(stored.all);
    stored.fields.forEach((f, i) => (fields[i] = f && snap.sets.copyOf(f)));
  } else {
    zero = snap.sets.take();
    const pre = w.prefix && !zeroCapped ? snap.prefixPostings(w.term) : null;
    if (pre) accumulate(snap.sets, zero, fields, pre);
    else for (let i = zeroSpan[0]; i < zeroSpan[1]; i++) addTerm(snap, ids[i], zero, fields);
  }
  // A whole word's typo-free docs are its exact ones (shared: word sets are never mutated once built).
  let exact = zero;
  if (w.prefix) {
    const dense = exactId >= 0 ? snap.termDocs(exactId) : null;
    exact = dense ?? (exactId >= 0 ? ds.addAll(snap.sets.take(), snap.postings(exactId).docs) : ds.sharedEmptySet(n));
  }
  const matched: Span[] = zeroSpan[1] > zeroSpan[0] ? [zeroSpan] : [];
  let one: ds.DocSet | null = null;
  let two: ds.DocSet | null = null;
  const oneSpans: Span[] = [...skip.flatMap((r) => without(r, allZero)), ...typo.filter((r) => r.typos === 1).map((r): Span => [r.lo, r.hi])].sort((a, b) => a[0] - b[0]);
  if (spanSize(oneSpans) <= MAX_ONE_TYPO_COUNT && !zeroCapped) {
    // Whole subtrees as their stored unions: their typo-free docs leave `one` below.
    for (const p of whole) addPrefixUnion(snap, p, (one ??= snap.sets.take()), fields);
    for (const r of typo) if (r.typos === 1) for (let i = r.lo; i < r.hi; i++) addTerm(snap, ids[i], (one ??= snap.sets.take()), fields);
    matched.push(...oneSpans);
  } else {
    const kept = firstOf(oneSpans, MAX_ONE_TYPO_COUNT);
    for (const [lo, hi] of kept) for (let i = lo; i < hi; i++) addTerm(snap, ids[i], (one ??= snap.sets.take()), fields);
    matched.push(...kept);
  }
  const twoKept = firstOf(
    typo.filter((r) => r.typos === 2).map((r): Span => [r.lo, r.hi]),
    MAX_TWO_TYPOS_COUNT,
  );
  for (const [lo, hi] of twoKept) for (let i = lo; i < hi; i++) addTerm(snap, ids[i], (two ??= snap.sets.take()), fields);
  matched.push(...twoKept);
  // Shared with zero when there are no typo matches.
  const any = one || two ? snap.sets.copyOf(zero) : zero;
  if (one) {
    ds.andNotInto(one, zero);
    ds.orInto(any, one);
  }
  if (two) {
    ds.andNotInto(two, any);
    ds.orInto(any, two);
  }
  return { word: w, zero, one, two, exact, any, fields, termRanges: matched.sort((a, b) => a[0] - b[0]) };
}

/**
 * Gives a word set's own bitmaps back to the snapshot's arena (the cache calls it when it drops
 * the set); stored bitmaps it shares are not the arena's and stay.
 */
export function releaseWordSets(snap: Snapshot, w: WordSets): void {
  snap.sets.retire([w.zero, w.one, w.two, w.exact, w.any, ...w.fields]);
}

export function wordSetsBytes(w: WordSets): number {
  // A stored bitmap's views share one buffer; a shared set counts once.
  const sets = new Set([w.zero, w.one, w.two, w.exact, w.any, ...w.fields]);
  let sum = 256;
  for (const s of sets) if (s) sum += s.byteLength;
  return sum;
}
