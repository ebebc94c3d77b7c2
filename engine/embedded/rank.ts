/**
 * Ranking, Meilisearch's bucket order after the sort: typo, proximity, attribute, exactness,
 * then docnum (= id order). Per passage:
 *   typo       Σ over query words of the fewest typos the word matches with anywhere
 *   proximity  Σ over consecutive query words of their closest distance inside one attribute
 *              value (in order: gap; reversed: gap + 1; capped at 8, 8 when never together;
 *              proximity.ts)
 *   attribute  Σ over query words of the first searchable attribute the word matches in
 *   exactness  number of query words that never match an indexed word exactly
 * Only the passages needed for the page are scored: candidates are produced bucket by bucket
 * (date, then typo count from the word doc sets), and inside a bucket every passage reaching
 * the best possible score is final as soon as it is found, in docnum order.
 */
import { EngineAbortedError } from '../errors.js';
import type { SortOrder } from '../types.js';
import * as ds from './docset.js';
import type { WordSets } from './expand.js';
import { MAX_PROXIMITY, ProximityScorer } from './proximity.js';
import { FIELD_COUNT } from './schema.js';
import type { Snapshot } from './snapshot.js';

/** Zeroed per-article marks waiting for the next grouped query of their snapshot. */
const scratchMarks = new WeakMap<Snapshot, Uint8Array>();

/**
 * Runs fn with a zeroed byte per article, zeroed again after: a fresh one (200 KB at 1M) per
 * grouped query cost more to fault in than clearing it (new memory is ~7 µs a page here).
 */
export function withArticleMarks<T>(snap: Snapshot, fn: (marks: Uint8Array) => T): T {
  const marks = scratchMarks.get(snap) ?? new Uint8Array(snap.articleIds.length);
  scratchMarks.delete(snap);
  try {
    return fn(marks);
  } finally {
    marks.fill(0);
    scratchMarks.set(snap, marks);
  }
}

/** Multi-word queries take the bitmap shortcut (scanLowestKeys) from this many times rankPerPassageBelow candidates. */
export const MULTI_WORD_SHORTCUT_FACTOR = 8;

/**
 * A passage's (typo, attribute, exactness) from the word sets alone, as one number that orders
 * like the triple: attribute < attrSpan and exactness < exactSpan. Per candidate, so no object.
 */
function setKey(words: readonly WordSets[], d: number, attrSpan: number, exactSpan: number): number {
  let typo = 0;
  let attribute = 0;
  let exactness = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    typo += ds.has(w.zero, d) ? 0 : w.one && ds.has(w.one, d) ? 1 : 2;
    let f = 0;
    while (f < FIELD_COUNT && !(w.fields[f] && ds.has(w.fields[f]!, d))) f++;
    attribute += f;
    if (!ds.has(w.exact, d)) exactness++;
  }
  return (typo * attrSpan + attribute) * exactSpan + exactness;
}

export interface RankInput {
  snap: Snapshot;
  words: WordSets[];
  /** Candidates: match the query and all filters. */
  candidates: ds.DocSet;
  /** ds.count(candidates), which the caller has already counted. */
  candidateCount: number;
  sort: SortOrder;
  /** How many hits (or articles) are needed: offset + limit. */
  need: number;
  groupByArticle: boolean;
  /** Passages whose proximity is computed per query; the rest rank as if their words were far apart. */
  maxProximityScans: number;
  /** One-word queries with fewer candidates are ranked per passage (see EMBEDDED_DEFAULTS). */
  rankPerPassageBelow: number;
  signal?: AbortSignal;
}

type Emit = (d: number) => boolean;


/** One word: every criterion is a set, so buckets are set intersections emitted in docnum order. */
function rankOneWordBySets(w: WordSets, candidates: ds.DocSet, emit: Emit): boolean {
  const st = ds.borrow(candidates);
  const sf = ds.borrow(candidates);
  const s = ds.borrow(candidates);
  try {
    for (const t of [w.zero, w.one, w.two]) {
      if (!t) continue;
      ds.andInto(ds.copyInto(st, t), candidates);
      if (ds.count(st) === 0) continue;
      for (const f of w.fields) {
        if (!f) continue;
        ds.andInto(ds.copyInto(sf, st), f);
        ds.andNotInto(st, f);
        for (const exact of [true, false]) {
          ds.copyInto(s, sf);
          if (exact) ds.andInto(s, w.exact);
          else ds.andNotInto(s, w.exact);
          let done = false;
          ds.forEach(s, (d) => !(done = emit(d)));
          if (done) return true;
        }
      }
    }
    return false;
  } finally {
    ds.giveBack(st, sf, s);
  }
}

/** Docnums in rank order, at most `need` (one per article when grouping). */
export function rankedDocs(input: RankInput): number[] {
  const { snap, need } = input;
  if (need <= 0) return [];
  return input.groupByArticle ? withArticleMarks(snap, (seen) => rankInto(input, seen)) : rankInto(input, null);
}

function rankInto(input: RankInput, seen: Uint8Array | null): number[] {
  const { snap, words, need } = input;
  const out: number[] = [];
  const emit: Emit = (d) => {
    if (seen) {
      const a = snap.articleOf[d];
      if (seen[a]) return false;
      seen[a] = 1;
    }
    out.push(d);
    return out.length >= need;
  };
  let evaluated = 0;
  const checkAbort = (): void => {
    if ((++evaluated & 255) === 0 && input.signal?.aborted) throw new EngineAbortedError();
  };
  const n = words.length;
  const scorer = n > 1 ? new ProximityScorer(snap, words) : null;
  try {
    return rankWith(input, scorer, emit, checkAbort, out, seen);
  } finally {
    scorer?.release();
  }
}

function rankWith(input: RankInput, scorer: ProximityScorer | null, emit: Emit, checkAbort: () => void, out: number[], seen: Uint8Array | null): number[] {
  const { snap, words, candidates } = input;
  const n = words.length;
  let budget = input.maxProximityScans;

  /** Passages tied on the sort, in rank order. */
  const rankGroup = (docs: ArrayLike<number>): boolean => {
    if (n === 0) {
      for (let i = 0; i < docs.length; i++) if (emit(docs[i])) return true;
      return false;
    }
    const order = orderBySetCriteria(words, docs);
    if (!scorer) {
      for (const d of order.docs) if (emit(d)) return true;
      return false;
    }
    // Proximity ranks before attribute and exactness but never below n - 1: in (set key, docnum)
    // order a passage reaching n - 1 is final at once; the others wait for the end of their typo
    // bucket. Past the scan budget, proximity is taken as the worst (see EMBEDDED_DEFAULTS).
    const worst = MAX_PROXIMITY * (n - 1);
    let i = 0;
    while (i < order.docs.length) {
      const typo = order.typo[i];
      const stash: { d: number; s: number }[] = [];
      for (; i < order.docs.length && order.typo[i] === typo && budget > 0; i++, budget--) {
        checkAbort();
        const d = order.docs[i];
        const p = scorer.proximity(d);
        if (p === n - 1) {
          if (emit(d)) return true;
        } else stash.push({ d, s: p * 1_000_000 + order.key[i] });
      }
      stash.sort((a, b) => a.s - b.s || a.d - b.d);
      // Unscanned passages of the bucket, already in (key, docnum) order, merged in at the worst proximity.
      let k = 0;
      for (; i < order.docs.length && order.typo[i] === typo; i++) {
        const s = worst * 1_000_000 + order.key[i];
        const d = order.docs[i];
        while (k < stash.length && (stash[k].s < s || (stash[k].s === s && stash[k].d < d))) if (emit(stash[k++].d)) return true;
        if (emit(d)) return true;
      }
      for (; k < stash.length; k++) if (emit(stash[k].d)) return true;
    }
    return false;
  };

  if (input.sort === 'relevance') {
    // Bucket intersections walk whole bitmaps (n / 32 words each, a dozen of them); a few
    // thousand candidates are cheaper keyed one by one. Both give the same order.
    if (n === 1 && input.candidateCount >= input.rankPerPassageBelow) rankOneWordBySets(words[0], candidates, emit);
    else if (n === 0) ds.forEach(candidates, (d) => !emit(d));
    else {
      // Keying every candidate costs ~20 ms at 300k; the scan budget only ever reaches the lowest keys.
      // The shortcut's bitmap walks break even with keying near 20k candidates at 1M (measured).
      if (input.candidateCount >= MULTI_WORD_SHORTCUT_FACTOR * input.rankPerPassageBelow && scorer && budget > 0) {
        const prefix = scanLowestKeys(words, candidates, scorer, budget, checkAbort);
        if (prefix) {
          for (const d of prefix) if (emit(d)) return out;
          // Too few settled passages: start again the long way.
          out.length = 0;
          seen?.fill(0);
        }
      }
      rankGroup(ds.toArray(candidates));
    }
    return out;
  }
  if (forEachDateGroup(snap, candidates, input.sort === 'date:desc', rankGroup)) return out;
  const undated: number[] = [];
  ds.forEach(candidates, (d) => {
    if (Number.isNaN(snap.dates[d])) undated.push(d);
  });
  rankGroup(undated);
  return out;
}

/**
 * The start of rankGroup's answer for a large candidate set, from bitmaps: when the passages
 * where every word matches without typos in the first attribute number at least `budget`, they are
 * the first keys of the bucket, and the budget's scan covers them alone, in (exactness, docnum)
 * order. Passages scanned at proximity n - 1 come first (as found), then the other scanned ones
 * below the worst proximity, by (proximity, key, docnum): unscanned passages rank after those.
 * Returns that prefix, or null when the shortcut does not apply (nothing consumed).
 */
function scanLowestKeys(words: readonly WordSets[], candidates: ds.DocSet, scorer: ProximityScorer, budget: number, checkAbort: () => void): number[] | null {
  const n = words.length;
  const top = candidates.slice();
  for (const w of words) {
    ds.andInto(top, w.zero);
    const text = w.fields[0];
    if (!text) return null;
    ds.andInto(top, text);
  }
  if (ds.count(top) < budget) return null;
  // Exactness levels: level j holds the passages where j words so far never match exactly.
  let levels: ds.DocSet[] = [top];
  for (const w of words) {
    const next: ds.DocSet[] = [];
    levels.forEach((set, j) => {
      const up = ds.andNotInto(set.slice(), w.exact);
      next[j] = next[j] ? ds.orInto(next[j], ds.andInto(set, w.exact)) : ds.andInto(set, w.exact);
      next[j + 1] = up;
    });
    levels = next;
  }
  const settled: number[] = [];
  const stash: { d: number; s: number }[] = [];
  let left = budget;
  for (let exactness = 0; exactness <= n && left > 0; exactness++) {
    ds.forEach(levels[exactness], (d) => {
      checkAbort();
      const p = scorer.proximity(d);
      if (p === n - 1) settled.push(d);
      else stash.push({ d, s: p * 1_000_000 + exactness });
      return --left > 0;
    });
  }
  const worst = MAX_PROXIMITY * (n - 1);
  stash.sort((a, b) => a.s - b.s || a.d - b.d);
  for (const x of stash) if (x.s < worst * 1_000_000) settled.push(x.d);
  return settled;
}

/**
 * docs (ascending) ordered by (typo, attribute, exactness) from the word sets, docnum order kept
 * inside each key: a counting sort, since keys are small integers and groups can be huge.
 */
function orderBySetCriteria(words: readonly WordSets[], docs: ArrayLike<number>): { docs: Uint32Array; typo: Uint8Array; key: Uint32Array } {
  const n = words.length;
  const attrSpan = (FIELD_COUNT - 1) * n + 1;
  const exactSpan = n + 1;
  const keys = new Uint32Array(docs.length);
  let maxKey = 0;
  for (let i = 0; i < docs.length; i++) {
    const k = setKey(words, docs[i], attrSpan, exactSpan);
    keys[i] = k;
    if (k > maxKey) maxKey = k;
  }
  const starts = new Uint32Array(maxKey + 2);
  for (let i = 0; i < keys.length; i++) starts[keys[i] + 1]++;
  for (let k = 0; k <= maxKey; k++) starts[k + 1] += starts[k];
  const outDocs = new Uint32Array(docs.length);
  const outTypo = new Uint8Array(docs.length);
  const outKey = new Uint32Array(docs.length);
  for (let i = 0; i < docs.length; i++) {
    const k = keys[i];
    const at = starts[k]++;
    outDocs[at] = docs[i];
    outKey[at] = k;
    outTypo[at] = Math.floor(k / (attrSpan * exactSpan));
  }
  return { docs: outDocs, typo: outTypo, key: outKey };
}

/** Calls fn with each run of candidates sharing one date (ascending docnums), newest or oldest first, until fn returns true. */
function forEachDateGroup(snap: Snapshot, set: ds.DocSet, desc: boolean, fn: (group: number[]) => boolean): boolean {
  const order = snap.byDate;
  const dates = snap.dates;
  let i = desc ? order.length - 1 : 0;
  while (desc ? i >= 0 : i < order.length) {
    const date = dates[order[i]];
    let j = i;
    while ((desc ? j >= 0 : j < order.length) && dates[order[j]] === date) j += desc ? -1 : 1;
    const group: number[] = [];
    const [from, to] = desc ? [j + 1, i + 1] : [i, j];
    for (let k = from; k < to; k++) if (ds.has(set, order[k])) group.push(order[k]);
    if (group.length > 0 && fn(group)) return true;
    i = j;
  }
  return false;
}
