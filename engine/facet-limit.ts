/**
 * Which facet values a search answers with, the same rule for both adapters. A value facet
 * returns its most frequent values first (ties in value order, by UTF-16 code units), at most
 * `maxValuesPerFacet` of them: a news archive has thousands of speakers, and an answer carrying
 * all of them per keystroke cost more to serialize and send than the search itself (README,
 * "Facet values"). `month` is a date histogram: every month with a hit, in calendar order.
 */
import { InvalidEngineRequestError } from './errors.js';
import { INDEX_SETTINGS, type FacetName, type SearchRequest } from './types.js';

/** Meilisearch's default for its `maxValuesPerFacet` setting. */
export const DEFAULT_MAX_VALUES_PER_FACET = 100;
/** The most a request may ask for: what the Meilisearch index is configured to return. */
export const MAX_VALUES_PER_FACET_LIMIT = INDEX_SETTINGS.maxValuesPerFacet;

export function isHistogramFacet(name: FacetName): boolean {
  return name === 'month';
}

/** The request's value limit, checked: an integer in 1..MAX_VALUES_PER_FACET_LIMIT. */
export function maxValuesOf(req: SearchRequest): number {
  const max = req.maxValuesPerFacet ?? DEFAULT_MAX_VALUES_PER_FACET;
  if (!Number.isInteger(max) || max < 1 || max > MAX_VALUES_PER_FACET_LIMIT) {
    throw new InvalidEngineRequestError(
      `maxValuesPerFacet must be an integer in 1..${MAX_VALUES_PER_FACET_LIMIT}, got ${max}`,
      'maxValuesPerFacet',
    );
  }
  return max;
}

function byValue(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The `max` most frequent values, ties in value order (zero counts dropped). */
export function topValuesByCount(counts: Readonly<Record<string, number>>, max: number): Record<string, number> {
  const entries = Object.entries(counts).filter(([, c]) => c > 0);
  entries.sort((a, b) => b[1] - a[1] || byValue(a[0], b[0]));
  return Object.fromEntries(entries.slice(0, max));
}

/** A value → count record cut and ordered by the rule above. */
export function limitFacetValues(name: FacetName, counts: Readonly<Record<string, number>>, max: number): Record<string, number> {
  if (!isHistogramFacet(name)) return topValuesByCount(counts, max);
  return Object.fromEntries(Object.entries(counts).filter(([, c]) => c > 0).sort((a, b) => byValue(a[0], b[0])));
}
