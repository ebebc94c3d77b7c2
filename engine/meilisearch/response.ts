/**
 * Meilisearch responses → port types: PassageDoc without Meilisearch's underscore fields, and
 * match ranges recovered from `_formatted` (private-use tags) and widened to whole words, because
 * Meilisearch marks only the typed part of a prefix match while the port marks the whole word.
 */
import type { FacetName, PassageDoc, Range, SearchHit, SearchResult, DateStats } from '../types.js';
import { parseQuery } from '../query.js';
import { matchRanges } from '../highlight.js';
import { limitFacetValues } from '../facet-limit.js';
import { tokenize } from '../text.js';
import { DATE_STATS_FACET, HIGHLIGHT_POST, HIGHLIGHT_PRE, type SearchPlan } from './search-plan.js';

type RawHit = Record<string, unknown> & { _formatted?: Record<string, unknown> };
export interface RawSearchResult {
  hits: RawHit[];
  totalHits?: number;
  facetDistribution?: Record<string, Record<string, number>>;
  facetStats?: Record<string, { min: number; max: number }>;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const stringOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const numberOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Exactly the PassageDoc fields, whatever else the stored document carries. */
export function toPassageDoc(raw: Record<string, unknown>): PassageDoc {
  const dateSource = raw.dateSource === 'header' || raw.dateSource === 'inferred' ? raw.dateSource : 'unknown';
  return {
    id: String(raw.id),
    articleId: String(raw.articleId),
    title: typeof raw.title === 'string' ? raw.title : '',
    source: stringOrNull(raw.source),
    url: stringOrNull(raw.url),
    position: typeof raw.position === 'number' ? raw.position : 0,
    text: typeof raw.text === 'string' ? raw.text : '',
    speakers: strings(raw.speakers),
    topics: strings(raw.topics),
    places: strings(raw.places),
    organisations: strings(raw.organisations),
    publishedAt: numberOrNull(raw.publishedAt),
    dateSource,
    statementDate: numberOrNull(raw.statementDate),
    date: numberOrNull(raw.date),
    month: stringOrNull(raw.month),
  };
}

/**
 * Tagged ranges in `formatted`, as offsets into the untagged text; null when the untagged text is
 * not `original` (then the caller computes ranges itself rather than trust shifted offsets).
 */
export function taggedRanges(formatted: string, original: string): Range[] | null {
  const out: Range[] = [];
  let plain = '';
  let open = -1;
  for (const ch of formatted) {
    if (ch === HIGHLIGHT_PRE) open = plain.length;
    else if (ch === HIGHLIGHT_POST) {
      if (open >= 0 && plain.length > open) out.push([open, plain.length]);
      open = -1;
    } else plain += ch;
  }
  return plain === original ? out : null;
}

/** Ranges widened to the tokens (engine/text.ts) they touch: sorted, non-overlapping, whole words. */
export function widenToWords(text: string, ranges: readonly Range[]): Range[] {
  if (ranges.length === 0) return [];
  return tokenize(text)
    .filter((t) => ranges.some(([s, e]) => s < t.end && e > t.start))
    .map((t) => [t.start, t.end] as Range);
}

export function hitMatches(hit: RawHit, doc: PassageDoc, q: string): Range[] {
  const query = parseQuery(q);
  if (query.words.length === 0) return [];
  const formatted = hit._formatted?.text;
  const tagged = typeof formatted === 'string' ? taggedRanges(formatted, doc.text) : null;
  return tagged === null ? matchRanges(doc.text, query) : widenToWords(doc.text, tagged);
}

export function toSearchHit(hit: RawHit, q: string): SearchHit {
  const doc = toPassageDoc(hit);
  return { doc, matches: hitMatches(hit, doc, q) };
}

/** Puts the multi-search results back together according to the plan's roles. */
export function assembleResult(plan: SearchPlan, results: RawSearchResult[], processingTimeMs: number): SearchResult {
  if (results.length !== plan.queries.length) {
    throw new Error(`multi-search returned ${results.length} results for ${plan.queries.length} queries`);
  }
  let hits: SearchHit[] = [];
  let totalHits = 0;
  let date: DateStats | null = null;
  const facets: Partial<Record<FacetName, Record<string, number>>> = {};
  plan.roles.forEach((role, i) => {
    const r = results[i];
    if (role.hits) {
      hits = r.hits.slice(plan.skip).map((h) => toSearchHit(h, plan.q));
      totalHits = r.totalHits ?? 0;
    }
    for (const f of role.counts) facets[f] = limitFacetValues(f, r.facetDistribution?.[f] ?? {}, plan.maxValues);
    if (role.dateStats) {
      const s = r.facetStats?.[DATE_STATS_FACET];
      date = s && Number.isFinite(s.min) && Number.isFinite(s.max) ? { min: s.min, max: s.max } : null;
    }
  });
  return { hits, totalHits, facets, facetStats: { date }, processingTimeMs };
}
