/**
 * The read side of the port over one opened generation: query words → doc sets, filters,
 * disjunctive facets, ranking of just the page that was asked for, completions.
 */
import { EngineAbortedError, InvalidEngineRequestError } from '../errors.js';
import { isHistogramFacet, maxValuesOf } from '../facet-limit.js';
import { matchRanges } from '../highlight.js';
import { parseQuery, type ParsedQuery } from '../query.js';
import { terms } from '../text.js';
import {
  type FacetName,
  type FacetSearchRequest,
  type FacetValueCount,
  type SearchFilters,
  type SearchRequest,
  type SearchResult,
  type WordCompletion,
} from '../types.js';
import * as ds from './docset.js';
import { prefixRange, releaseWordSets, storedUnionsNear, wordSets, wordSetsBytes, type WordSets } from './expand.js';
import { countAllFacets, countAllFacetsFrom, worthCountingFrom, type CountedSet, type FacetCounts } from './count-facets.js';
import { applyFilters, dateStats, distribution, filterSets, topValues, type FilterKey } from './facets.js';
import { rankedDocs, withArticleMarks } from './rank.js';
import type { Snapshot } from './snapshot.js';

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EngineAbortedError();
}

interface Matched {
  parsed: ParsedQuery;
  words: WordSets[];
  /** Docs matching every query word (all docs for an empty query). Read-only: may be a cached word set. */
  query: ds.DocSet;
}

function matchQuery(snap: Snapshot, q: string, signal: AbortSignal | undefined): Matched {
  const parsed = parseQuery(q);
  const words: WordSets[] = [];
  for (const w of parsed.words) {
    checkAbort(signal);
    const key = `w:${w.prefix ? 1 : 0}:${w.term}`;
    let sets = snap.derived.get(key) as WordSets | undefined;
    if (!sets) {
      const built = wordSets(snap, w);
      snap.derived.set(key, built, wordSetsBytes(built), () => releaseWordSets(snap, built));
      sets = built;
    }
    words.push(sets);
  }
  // Shared sets where they can be (the cached word set, the snapshot's full set); a new one only to AND words.
  let query: ds.DocSet;
  if (words.length === 0) query = fullSetOf(snap);
  else if (words.length === 1) query = words[0].any;
  else {
    query = words[0].any.slice();
    for (let i = 1; i < words.length; i++) ds.andInto(query, words[i].any);
  }
  return { parsed, words, query };
}

const fullSets = new WeakMap<Snapshot, ds.DocSet>();

/** Every passage of the snapshot, one read-only set per snapshot. */
function fullSetOf(snap: Snapshot): ds.DocSet {
  let set = fullSets.get(snap);
  if (!set) fullSets.set(snap, (set = ds.fullSet(snap.n)));
  return set;
}

const wordsKey = (words: ParsedQuery['words']): string => words.map((w) => `${w.term}${w.prefix ? '*' : ''}`).join(' ');

/** The filters as a canonical string (values sorted: OR within an attribute), without `except`'s own. */
function filtersKey(f: SearchFilters, except: string): string {
  return JSON.stringify(
    Object.keys(f)
      .filter((k) => k !== except && f[k as keyof SearchFilters] !== undefined)
      .sort()
      .map((k) => {
        const v = f[k as keyof SearchFilters];
        return [k, Array.isArray(v) ? [...v].sort() : v];
      }),
  );
}

/**
 * Disjunctive counts: each facet over the query and every filter but its own. Counting a facet
 * over a large set costs milliseconds and typing repeats prefixes and filters, so results are
 * cached; facets sharing one set (no filter of their own) are counted together in one walk.
 */
function countFacets(
  snap: Snapshot,
  req: SearchRequest,
  m: Matched,
  sets: Map<FilterKey, ds.DocSet>,
  candidates: ds.DocSet,
  size: number,
  max: number,
): SearchResult['facets'] {
  const out: SearchResult['facets'] = {};
  const missing: FacetName[] = [];
  const wk = wordsKey(m.parsed.words);
  const keyOf = (name: FacetName): string => `f:${name}:${isHistogramFacet(name) ? '' : max}:${wk}:${filtersKey(req.filters, name)}`;
  // Frozen: shared by every search that hits the cache, so no caller may change it.
  const remember = (name: FacetName, counts: Int32Array): Readonly<Record<string, number>> => {
    const dist = Object.freeze(distribution(snap.facets[name], counts, max, isHistogramFacet(name)));
    snap.derived.set(keyOf(name), dist, 64 + 48 * Object.keys(dist).length);
    return dist;
  };
  for (const name of req.facets) {
    let dist = snap.derived.get(keyOf(name)) as Readonly<Record<string, number>> | undefined;
    if (!dist && filtersKey(req.filters, name) === '[]') {
      const pre = prefixFacetCounts(snap, m, name);
      if (pre) dist = remember(name, pre);
    }
    if (dist) out[name] = dist;
    else missing.push(name);
  }
  const shared = missing.filter((name) => !sets.has(name));
  const all = shared.length > 1 ? countAllNear(snap, m, req.filters, candidates, size) : null;
  if (!all && missing.length === 0) keepPrefixCounts(snap, m, req.filters, candidates, size);
  for (const name of missing) {
    checkAbort(req.signal);
    if (all && !sets.has(name)) out[name] = remember(name, all.slice(name));
    else {
      // The combined walk costs about what one facet's does (one cache miss per passage).
      const own = sets.has(name) ? applyFilters(m.query, sets, name) : candidates;
      out[name] = remember(name, countAllFacets(snap, own, own === candidates ? size : ds.count(own), name).slice(name));
    }
  }
  return out;
}

/** The query one keystroke back: the last word one letter shorter, or gone when it had one letter; a whole word as a prefix. */
function previousKeystroke(q: ParsedQuery): ParsedQuery['words'] | null {
  const words = q.words;
  const last = words[words.length - 1];
  if (!last) return null;
  if (!last.prefix) return [...words.slice(0, -1), { ...last, prefix: true }];
  return last.term.length > 1 ? [...words.slice(0, -1), { ...last, term: last.term.slice(0, -1) }] : words.slice(0, -1);
}

/** Where the candidates of `words` under the filters (filtersKey with none excepted) are kept with their counts. */
const countedKey = (words: ParsedQuery['words'], filters: string): string => `fa:${wordsKey(words)}:${filters}`;

/** Keeps a copy of the candidates with their counts for the next keystroke (countAllNear). */
function keepCounted(snap: Snapshot, key: string, candidates: ds.DocSet, counts: Int32Array): void {
  const set = snap.sets.copyOf(candidates);
  const kept: CountedSet = { set, counts };
  snap.derived.set(key, kept, set.byteLength + counts.byteLength + 64, () => snap.sets.retire([set]));
}

/**
 * Every facet's counts over the candidates: from the nearest set whose counts are known, when
 * walking the passages they differ by is cheaper than counting afresh (countAllFacetsFrom): the
 * previous keystroke's candidates when they were kept, and, with no filters, the stored prefix
 * unions a one-word query is made of. Kept for the next keystroke when counting them was costly.
 */
function countAllNear(snap: Snapshot, m: Matched, filters: SearchFilters, candidates: ds.DocSet, size: number): FacetCounts {
  if (!worthCountingFrom(snap, size)) return countAllFacets(snap, candidates, size);
  const fk = filtersKey(filters, '');
  const bases: CountedSet[] = [];
  const back = previousKeystroke(m.parsed);
  const kept = back && (snap.derived.get(countedKey(back, fk)) as CountedSet | undefined);
  if (kept) bases.push(kept);
  if (m.words.length === 1 && fk === '[]') {
    for (const p of storedUnionsNear(snap, m.words[0].word)) {
      const dense = snap.prefixSets(p);
      const counts = dense && snap.prefixCounts(p);
      if (dense && counts) bases.push({ set: dense.all, counts });
    }
  }
  const counts = countAllFacetsFrom(snap, candidates, size, bases) ?? countAllFacets(snap, candidates, size);
  keepCounted(snap, countedKey(m.parsed.words, fk), candidates, counts.counts);
  return counts;
}

/** A short prefix's stored counts, kept with its candidates like countAllNear's: the next keystroke's may start from them. */
function keepPrefixCounts(snap: Snapshot, m: Matched, filters: SearchFilters, candidates: ds.DocSet, size: number): void {
  const prefix = storedCountsPrefix(m);
  if (prefix === null || !worthCountingFrom(snap, size) || filtersKey(filters, '') !== '[]') return;
  const counts = snap.prefixCounts(prefix);
  const key = countedKey(m.parsed.words, '[]');
  if (counts && !snap.derived.get(key)) keepCounted(snap, key, candidates, counts);
}

/** The prefix whose counts the build may have stored for this query: one prefix word with no typo matches. */
function storedCountsPrefix(m: Matched): string | null {
  const w = m.words.length === 1 ? m.words[0] : null;
  return w && w.word.prefix && !w.one && !w.two ? w.word.term : null;
}

/** Counts stored at build time, when the query is one short prefix with no typo matches. */
function prefixFacetCounts(snap: Snapshot, m: Matched, name: FacetName): Int32Array | null {
  const prefix = storedCountsPrefix(m);
  return prefix === null ? null : snap.prefixFacetCounts(prefix, name);
}

function validatePage(offset: number, limit: number): void {
  if (!Number.isInteger(offset) || offset < 0) throw new InvalidEngineRequestError(`offset must be an integer >= 0, got ${offset}`, 'offset');
  if (!Number.isInteger(limit) || limit < 0) throw new InvalidEngineRequestError(`limit must be an integer >= 0, got ${limit}`, 'limit');
}

function countArticles(snap: Snapshot, set: ds.DocSet): number {
  return withArticleMarks(snap, (seen) => {
    let n = 0;
    ds.forEach(set, (d) => {
      const a = snap.articleOf[d];
      if (!seen[a]) {
        seen[a] = 1;
        n++;
      }
    });
    return n;
  });
}

export function search(snap: Snapshot, req: SearchRequest, tuning: { maxProximityScans: number; rankPerPassageBelow: number }): SearchResult {
  const started = performance.now();
  validatePage(req.offset, req.limit);
  const maxValues = maxValuesOf(req);
  const m = matchQuery(snap, req.q, req.signal);
  checkAbort(req.signal);
  const sets = filterSets(snap, req.filters);
  const candidates = applyFilters(m.query, sets);
  const size = ds.count(candidates);
  const totalHits = req.groupByArticle ? countArticles(snap, candidates) : size;

  const facets = countFacets(snap, req, m, sets, candidates, size, maxValues);
  checkAbort(req.signal);
  const docnums = rankedDocs({
    snap,
    words: m.words,
    candidates,
    candidateCount: size,
    sort: req.sort,
    need: req.offset + req.limit,
    groupByArticle: req.groupByArticle,
    maxProximityScans: tuning.maxProximityScans,
    rankPerPassageBelow: tuning.rankPerPassageBelow,
    signal: req.signal,
  }).slice(req.offset);
  const hits = snap.docs(docnums).map((doc) => ({ doc, matches: matchRanges(doc.text, m.parsed) }));
  return {
    hits,
    totalHits,
    facets,
    facetStats: { date: dateStats(snap, candidates, size) },
    processingTimeMs: Math.round(performance.now() - started),
  };
}

export function searchFacetValues(snap: Snapshot, req: FacetSearchRequest): FacetValueCount[] {
  const m = matchQuery(snap, req.q, req.signal);
  checkAbort(req.signal);
  const filters: SearchFilters = req.filters;
  const set = applyFilters(m.query, filterSets(snap, filters), req.facet as FilterKey);
  checkAbort(req.signal);
  return topValues(snap, req.facet, req.facetQuery, set, ds.count(set), req.limit);
}

/** Whole words from passage text completing `prefix`, most passages first, then alphabetical. */
export function completeWord(snap: Snapshot, prefix: string, limit: number): WordCompletion[] {
  const words = terms(prefix);
  if (words.length === 0 || limit <= 0) return [];
  const p = words[words.length - 1];
  const { terms: vocab, textDf } = snap.vocab;
  const [lo, hi] = prefixRange(vocab, p);
  // Keep the best `limit` in a small sorted array: ranges of one-letter prefixes are long.
  const top: number[] = [];
  const better = (a: number, b: number): boolean => textDf[a] > textDf[b] || (textDf[a] === textDf[b] && a < b);
  for (let i = lo; i < hi; i++) {
    if (textDf[i] === 0) continue;
    if (top.length === limit && !better(i, top[top.length - 1])) continue;
    let j = Math.min(top.length, limit - 1);
    top[j] = i;
    while (j > 0 && better(i, top[j - 1])) {
      top[j] = top[j - 1];
      top[j - 1] = i;
      j--;
    }
  }
  return top.map((i) => ({ word: vocab[i], count: textDf[i] }));
}
