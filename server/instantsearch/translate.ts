/**
 * The pure translation between Algolia's shapes and the engine port: an Algolia query becomes a
 * SearchRequest, a SearchResult becomes an Algolia response. No I/O here.
 */
import { FACET_NAMES, type FacetName, type FacetSearchRequest, type FacetValueCount, type SearchFilters, type SearchRequest, type SearchResult } from '../../engine/types.js';
import { topValuesByCount } from '../../engine/facet-limit.js';
import type { MarkTags } from '../../engine/highlight.js';
import { MAX_RESULT_WINDOW } from '../search-request.js';
import { invalidParam } from '../problem.js';
import { applyFacetFilters, applyNumericFilters, NUMERIC_ATTRIBUTE } from './filters.js';
import { sortOfIndex } from './indices.js';
import { DEFAULT_MAX_FACET_HITS, type AlgoliaParams } from './params.js';
import { facetValueHighlight, hitOf, snippetWordsOf, type AlgoliaHit } from './hits.js';

export interface AlgoliaQuery {
  request: SearchRequest;
  params: AlgoliaParams;
  /** Whether `date` was among the requested facets (facets_stats comes back then). */
  wantsDateStats: boolean;
  indexName: string;
  /** The params as received, echoed in the response the way Algolia does. */
  rawParams: string;
}

function facetList(raw: AlgoliaParams['facets'], param: string): { facets: FacetName[]; date: boolean } {
  if (raw === undefined) return { facets: [], date: false };
  const names = typeof raw === 'string' ? raw.split(',').filter(Boolean) : raw;
  if (names.includes('*')) return { facets: [...FACET_NAMES], date: true };
  const facets: FacetName[] = [];
  let date = false;
  for (const n of names) {
    if (n === NUMERIC_ATTRIBUTE) date = true;
    else if ((FACET_NAMES as readonly string[]).includes(n)) facets.push(n as FacetName);
    else throw invalidParam(param, `cannot facet on "${n.slice(0, 64)}"; facets are ${[...FACET_NAMES, NUMERIC_ATTRIBUTE].join(', ')}`);
  }
  return { facets: [...new Set(facets)], date };
}

export function filtersOf(params: AlgoliaParams, at: string): SearchFilters {
  const filters: SearchFilters = {};
  applyFacetFilters(params.facetFilters, `${at}.facetFilters`, filters);
  applyNumericFilters(params.numericFilters, `${at}.numericFilters`, filters);
  return filters;
}

export function toSearchRequest(baseIndex: string, indexName: string, params: AlgoliaParams, rawParams: string, at: string): AlgoliaQuery {
  const { facets, date } = facetList(params.facets, `${at}.facets`);
  const offset = params.page * params.hitsPerPage;
  // Like Algolia, pages past the result window are empty rather than an error.
  const limit = offset >= MAX_RESULT_WINDOW ? 0 : Math.min(params.hitsPerPage, MAX_RESULT_WINDOW - offset);
  let sort = sortOfIndex(baseIndex, indexName, `${at}.indexName`);
  // Browsing without words has no relevance to rank by: newest first, as GET /search does.
  if (sort === 'relevance' && params.query.trim() === '') sort = 'date:desc';
  return {
    request: {
      q: params.query,
      filters: filtersOf(params, at),
      facets,
      sort,
      offset: Math.min(offset, MAX_RESULT_WINDOW),
      limit,
      groupByArticle: params.distinct,
      maxValuesPerFacet: params.maxValuesPerFacet,
    },
    params,
    wantsDateStats: date,
    indexName,
    rawParams,
  };
}

export interface AlgoliaResponse {
  hits: AlgoliaHit[];
  nbHits: number;
  nbPages: number;
  page: number;
  hitsPerPage: number;
  facets: Record<string, Record<string, number>>;
  facets_stats?: Record<string, { min: number; max: number }>;
  exhaustiveNbHits: true;
  exhaustiveFacetsCount: true;
  exhaustive: { nbHits: true; facetsCount: true };
  processingTimeMS: number;
  query: string;
  params: string;
  index: string;
}

export function toAlgoliaResponse(q: AlgoliaQuery, result: SearchResult): AlgoliaResponse {
  const { params } = q;
  const tags: MarkTags = { pre: params.highlightPreTag, post: params.highlightPostTag };
  const cropWords = snippetWordsOf(params.attributesToSnippet);
  const facets: Record<string, Record<string, number>> = {};
  // Algolia cuts every facet, months too, so the engine's complete month histogram is cut here.
  for (const name of q.request.facets) facets[name] = topValuesByCount(result.facets[name] ?? {}, params.maxValuesPerFacet);
  const out: AlgoliaResponse = {
    hits: result.hits.map((h) => hitOf(h, q.request.q, tags, cropWords)),
    nbHits: result.totalHits,
    nbPages: params.hitsPerPage === 0 ? 0 : Math.ceil(Math.min(result.totalHits, MAX_RESULT_WINDOW) / params.hitsPerPage),
    page: params.page,
    hitsPerPage: params.hitsPerPage,
    facets,
    exhaustiveNbHits: true,
    exhaustiveFacetsCount: true,
    exhaustive: { nbHits: true, facetsCount: true },
    processingTimeMS: Math.round(result.processingTimeMs),
    query: params.query,
    params: q.rawParams,
    index: q.indexName,
  };
  if (q.wantsDateStats) {
    // The helper attaches facets_stats only to attributes present in `facets`; the engine has no per-date counts.
    facets[NUMERIC_ATTRIBUTE] = {};
    if (result.facetStats.date) out.facets_stats = { [NUMERIC_ATTRIBUTE]: { ...result.facetStats.date } };
  }
  return out;
}

export function toFacetSearchRequest(facet: string, params: AlgoliaParams, at: string): FacetSearchRequest {
  if (!(FACET_NAMES as readonly string[]).includes(facet)) {
    throw invalidParam(`${at}.facet`, `cannot search values of "${facet.slice(0, 64)}"; facets are ${FACET_NAMES.join(', ')}`);
  }
  return {
    facet: facet as FacetName,
    facetQuery: params.facetQuery ?? '',
    q: params.query,
    filters: filtersOf(params, at),
    limit: params.maxFacetHits ?? DEFAULT_MAX_FACET_HITS,
  };
}

export interface AlgoliaFacetSearchResponse {
  facetHits: { value: string; highlighted: string; count: number }[];
  exhaustiveFacetsCount: true;
  processingTimeMS: number;
}

export function toFacetSearchResponse(params: AlgoliaParams, values: FacetValueCount[], ms: number): AlgoliaFacetSearchResponse {
  const tags: MarkTags = { pre: params.highlightPreTag, post: params.highlightPostTag };
  return {
    facetHits: values.map((v) => ({ value: v.value, highlighted: facetValueHighlight(v.value, params.facetQuery ?? '', tags), count: v.count })),
    exhaustiveFacetsCount: true,
    processingTimeMS: Math.round(ms),
  };
}
