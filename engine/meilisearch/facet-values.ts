/**
 * Facet value search. Meilisearch's /facet-search matches the typed text as a typo-tolerant
 * prefix of the WHOLE normalized value (milli search/facet/search.rs walks an FST of whole
 * values), so "asif" would not find "Khawaja Asif"; the port asks for any word of a value to
 * match as a prefix. So we ask for the facet's full distribution under the query and the other
 * filters (disjunctive), which is exact, and match values here with the shared tokenizer.
 */
import type { MultiSearchQuery } from 'meilisearch';
import type { FacetSearchRequest, FacetValueCount } from '../types.js';
import { terms } from '../text.js';
import { buildFilter, type StringFilterAttribute } from './filter.js';
import { meiliQuery } from './search-plan.js';

export function facetValuesQuery(req: FacetSearchRequest, indexUid: string): MultiSearchQuery {
  const filter = buildFilter(req.filters, req.facet as StringFilterAttribute);
  return {
    indexUid,
    q: meiliQuery(req.q),
    matchingStrategy: 'all',
    ...(filter.length > 0 ? { filter } : {}),
    page: 1,
    hitsPerPage: 0,
    facets: [req.facet],
  };
}

/** Every typed word is a prefix of some word of the value (case- and accent-insensitive). */
export function facetValueMatches(value: string, facetQuery: string): boolean {
  const wanted = terms(facetQuery);
  if (wanted.length === 0) return true;
  const have = terms(value);
  return wanted.every((w) => have.some((h) => h.startsWith(w)));
}

/** Count desc, then value asc (code-unit order, as a binary collation), then the limit. */
export function pickFacetValues(
  distribution: Record<string, number> | undefined,
  facetQuery: string,
  limit: number,
): FacetValueCount[] {
  return Object.entries(distribution ?? {})
    .filter(([value, count]) => count > 0 && facetValueMatches(value, facetQuery))
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, Math.max(0, limit));
}
