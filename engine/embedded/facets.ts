/**
 * Filters as doc sets, date ranges, facet distributions, date stats and facet value search, all
 * over the in-memory facet arrays (counting over a doc set: count-facets.ts) — no GROUP BY.
 */
import { FILTER_PARAM_NAMES, InvalidEngineRequestError } from '../errors.js';
import { topValuesByCount } from '../facet-limit.js';
import { terms } from '../text.js';
import { FACET_NAMES, type DateStats, type FacetName, type FacetValueCount, type SearchFilters } from '../types.js';
import * as ds from './docset.js';
import { countValues } from './count-facets.js';
import type { FacetData, Snapshot } from './snapshot.js';

export type FilterKey = FacetName | 'articleId' | 'date';

export interface FilterSets {
  sets: Map<FilterKey, ds.DocSet>;
}

/** A facet value in at least 1/DENSE_VALUE_SHARE of passages has its doc set cached: scattering it costs more than copying. */
const DENSE_VALUE_SHARE = 64;

function valueDocs(snap: Snapshot, name: FacetName, values: string[]): ds.DocSet {
  const f = snap.facets[name];
  const set = ds.emptySet(snap.n);
  for (const v of values) {
    const id = f.valueIds.get(v);
    if (id === undefined) continue;
    const docs = f.invDocs.subarray(f.invOffsets[id], f.invOffsets[id + 1]);
    if (docs.length * DENSE_VALUE_SHARE < snap.n) {
      ds.addAll(set, docs);
      continue;
    }
    // Shared through the cache: only ever read.
    const key = `fv:${name}:${id}`;
    let cached = snap.derived.get(key) as ds.DocSet | undefined;
    if (!cached) {
      cached = ds.fromDocs(snap.n, docs);
      snap.derived.set(key, cached, cached.byteLength + 64);
    }
    ds.orInto(set, cached);
  }
  return set;
}

/** byDate cut into blocks of this many passages (see cumulativeBlocks). */
const DATE_BLOCK = 8192;
const blocksBySnapshot = new WeakMap<Snapshot, ds.DocSet[]>();

/** blocks[k]: the docs of order[0, k × size), for k = 0 … ⌊order.length / size⌋. */
export function cumulativeBlocks(order: Uint32Array, n: number, size: number): ds.DocSet[] {
  return [...blockSteps(order, n, size)];
}

function* blockSteps(order: Uint32Array, n: number, size: number): Generator<ds.DocSet> {
  yield ds.emptySet(n);
  const running = ds.emptySet(n);
  for (let k = 0; (k + 1) * size <= order.length; k++) {
    ds.addAll(running, order.subarray(k * size, (k + 1) * size));
    yield running.slice();
  }
}

/**
 * The snapshot's date blocks, built ahead of the first long date range (the engine does it in the
 * background after open) a few blocks per turn of the event loop: at 1M passages they are 16 MB
 * of new bitmaps, which cost the first filtered query 20–65 ms.
 */
export async function prepareDateBlocks(snap: Snapshot, stopped: () => boolean): Promise<void> {
  if (snap.byDate.length < 4 * DATE_BLOCK) return;
  const blocks: ds.DocSet[] = [];
  for (const b of blockSteps(snap.byDate, snap.n, DATE_BLOCK)) {
    if (stopped() || blocksBySnapshot.has(snap)) return;
    blocks.push(b);
    if (blocks.length % 8 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  if (!blocksBySnapshot.has(snap)) blocksBySnapshot.set(snap, blocks);
}

/**
 * The docs of order[start, end): with cumulative blocks, the difference of two of them plus the
 * two partial blocks at the ends, instead of a scatter of every doc (a date range of three years
 * out of ten is ~300k docs at 1M).
 */
export function orderRangeDocs(order: Uint32Array, n: number, start: number, end: number, blocks: ds.DocSet[] | null, size: number): ds.DocSet {
  if (!blocks || end - start < 4 * size) return ds.fromDocs(n, order.subarray(start, end));
  const a = Math.ceil(start / size);
  const b = Math.floor(end / size);
  const set = ds.andNotInto(blocks[b].slice(), blocks[a]);
  ds.addAll(set, order.subarray(start, a * size));
  return ds.addAll(set, order.subarray(b * size, end));
}

/** Docs with bound <= date <= bound, from the date-ordered array. */
function dateRangeDocs(snap: Snapshot, from: number | undefined, to: number | undefined): ds.DocSet {
  const order = snap.byDate;
  const dates = snap.dates;
  const bound = (x: number, strict: boolean): number => {
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (strict ? dates[order[mid]] <= x : dates[order[mid]] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const start = from === undefined ? 0 : bound(from, false);
  const end = Math.max(start, to === undefined ? order.length : bound(to, true));
  let blocks = blocksBySnapshot.get(snap) ?? null;
  if (!blocks && end - start >= 4 * DATE_BLOCK) {
    // Built on the first long range: 16 MB at 1M, kept with the generation.
    blocks = cumulativeBlocks(order, snap.n, DATE_BLOCK);
    blocksBySnapshot.set(snap, blocks);
  }
  return orderRangeDocs(order, snap.n, start, end, blocks, DATE_BLOCK);
}

/** Meilisearch's limit on a filter value; both engines refuse longer ones the same way. */
export const MAX_FILTER_VALUE_BYTES = 468;

export function filterSets(snap: Snapshot, filters: SearchFilters): Map<FilterKey, ds.DocSet> {
  const sets = new Map<FilterKey, ds.DocSet>();
  for (const key of [...FACET_NAMES, 'articleId'] as const) {
    for (const v of filters[key] ?? []) {
      if (typeof v !== 'string' || Buffer.byteLength(v, 'utf8') > MAX_FILTER_VALUE_BYTES) {
        throw new InvalidEngineRequestError(`a ${FILTER_PARAM_NAMES[key]} filter value must be a string of at most ${MAX_FILTER_VALUE_BYTES} bytes`, FILTER_PARAM_NAMES[key]);
      }
    }
  }
  for (const name of FACET_NAMES) {
    const values = filters[name];
    if (values && values.length > 0) sets.set(name, valueDocs(snap, name, values));
  }
  if (filters.articleId && filters.articleId.length > 0) {
    const wanted = new Set(filters.articleId);
    const articleNums = new Uint8Array(snap.articleIds.length);
    snap.articleIds.forEach((a, i) => (articleNums[i] = wanted.has(a) ? 1 : 0));
    const set = ds.emptySet(snap.n);
    for (let d = 0; d < snap.n; d++) if (articleNums[snap.articleOf[d]]) set[d >>> 5] |= 1 << (d & 31);
    sets.set('articleId', set);
  }
  for (const [k, v] of [['dateFrom', filters.dateFrom], ['dateTo', filters.dateTo]] as const) {
    if (v !== undefined && !Number.isFinite(v)) throw new InvalidEngineRequestError(`${k} must be a finite number, got ${v}`, k);
  }
  if (filters.dateFrom !== undefined || filters.dateTo !== undefined) sets.set('date', dateRangeDocs(snap, filters.dateFrom, filters.dateTo));
  return sets;
}

/** base ∧ every filter set except `except`'s: `base` itself when no filter applies, so read-only. */
export function applyFilters(base: ds.DocSet, sets: Map<FilterKey, ds.DocSet>, except?: FilterKey): ds.DocSet {
  let out: ds.DocSet | null = null;
  for (const [k, s] of sets) if (k !== except) out = ds.andInto(out ?? base.slice(), s);
  return out ?? base;
}

/** Packs (count, value id) so that one numeric sort orders most frequent first, then value order. */
const VALUE_BITS = 2 ** 22;

/**
 * Counts of one value list as a record, cut and ordered as engine/facet-limit.ts says. Value ids
 * are in value order (build.ts), so the packed key sorts exactly like limitFacetValues. For 2,000
 * speakers: 44–62 µs, against 480–863 µs building the record and sorting its entries (one process, two runs).
 */
export function distribution(f: FacetData, counts: Int32Array, max: number, histogram: boolean): Record<string, number> {
  const out: Record<string, number> = {};
  if (histogram) {
    for (let v = 0; v < counts.length; v++) if (counts[v] > 0) out[f.values[v]] = counts[v];
    return out;
  }
  if (counts.length >= VALUE_BITS) {
    return topValuesByCount(distribution(f, counts, counts.length, true), max);
  }
  let n = 0;
  for (let v = 0; v < counts.length; v++) if (counts[v] > 0) n++;
  const keys = new Float64Array(n);
  let i = 0;
  for (let v = 0; v < counts.length; v++) if (counts[v] > 0) keys[i++] = counts[v] * VALUE_BITS + (VALUE_BITS - 1 - v);
  keys.sort();
  for (let j = n - 1; j >= 0 && j >= n - max; j--) {
    const count = Math.floor(keys[j] / VALUE_BITS);
    out[f.values[VALUE_BITS - 1 - (keys[j] - count * VALUE_BITS)]] = count;
  }
  return out;
}

/**
 * Steps of the date-order scan that cost about one passage of a walk over the set: a step reads the
 * next docnum and tests the set's bitmap (cached), a walked passage misses the cache for its date.
 */
const SCAN_STEPS_PER_WALKED_DOC = 32;

/**
 * The set's earliest and latest dates: scanning the date order from both ends finds them in about
 * n / setSize steps when the set is spread over the dates (45 for 22k of 1M passages, where
 * walking the set's dates took ~2 ms); a scan that has not found them within what the walk would
 * cost gives way to the walk.
 */
export function dateStats(snap: Snapshot, set: ds.DocSet, setSize: number): DateStats | null {
  if (setSize === 0 || snap.byDate.length === 0) return null;
  const order = snap.byDate;
  const budget = setSize * SCAN_STEPS_PER_WALKED_DOC;
  const end = Math.min(order.length, budget);
  let lo = 0;
  while (lo < end && !ds.has(set, order[lo])) lo++;
  if (lo === order.length) return null;
  if (lo < end) {
    const stop = Math.max(lo, order.length - 1 - budget);
    let hi = order.length - 1;
    while (hi > stop && !ds.has(set, order[hi])) hi--;
    if (ds.has(set, order[hi])) return { min: snap.dates[order[lo]], max: snap.dates[order[hi]] };
  }
  let min = Infinity;
  let max = -Infinity;
  ds.forEach(set, (d) => {
    const t = snap.dates[d];
    if (t < min) min = t;
    if (t > max) max = t;
  });
  return min === Infinity ? null : { min, max };
}

const valueWordsCache = new WeakMap<FacetData, string[][]>();

/** Values where every word of facetQuery is a prefix of some word of the value. */
export function matchingValues(f: FacetData, facetQuery: string): number[] | null {
  const q = terms(facetQuery);
  if (q.length === 0) return null;
  let words = valueWordsCache.get(f);
  if (!words) {
    words = f.values.map((v) => terms(v));
    valueWordsCache.set(f, words);
  }
  const out: number[] = [];
  words.forEach((vw, id) => {
    if (q.every((qw) => vw.some((w) => w.startsWith(qw)))) out.push(id);
  });
  return out;
}

export function topValues(snap: Snapshot, name: FacetName, facetQuery: string, set: ds.DocSet, setSize: number, limit: number): FacetValueCount[] {
  const f = snap.facets[name];
  const ids = matchingValues(f, facetQuery);
  let pairs: FacetValueCount[];
  if (ids === null) {
    const counts = countValues(snap, f, set, setSize);
    pairs = [];
    counts.forEach((c, v) => {
      if (c > 0) pairs.push({ value: f.values[v], count: c });
    });
  } else {
    pairs = ids
      .map((v) => {
        let c = 0;
        for (let k = f.invOffsets[v]; k < f.invOffsets[v + 1]; k++) if (ds.has(set, f.invDocs[k])) c++;
        return { value: f.values[v], count: c };
      })
      .filter((p) => p.count > 0);
  }
  pairs.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return pairs.slice(0, Math.max(0, limit));
}
