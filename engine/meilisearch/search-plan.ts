/**
 * SearchRequest → one multi-search: the hits query plus the queries the facet counts need.
 *
 * - q is rewritten from engine/query.ts, so Meilisearch sees exactly the words the embedded
 *   engine matches (no phrase quotes, no `-negation`), and `matchingStrategy: "all"` makes every
 *   word required.
 * - page/hitsPerPage, because only that mode returns an exhaustive `totalHits`.
 * - Group-by-article is search-time `distinct: "articleId"`; under distinct Meilisearch counts
 *   facets over one passage per article (upstream #4677, #4001), so facet counts and date stats
 *   come from a query without distinct: counts always mean passages, on both engines.
 * - Disjunctive facets: each facet with a selection is counted by its own query without its own
 *   filter; the other facets are counted under all filters.
 */
import type { MultiSearchQuery } from 'meilisearch';
import type { FacetName, SearchRequest, SortOrder } from '../types.js';
import { parseQuery } from '../query.js';
import { InvalidEngineRequestError } from '../errors.js';
import { maxValuesOf } from '../facet-limit.js';
import { buildFilter, equalsClause, selectedAttributes, type MeiliFilter, type StringFilterAttribute } from './filter.js';

/** Private-use characters: they cannot occur in indexed text (the writer strips them). */
export const HIGHLIGHT_PRE = '\uE000';
export const HIGHLIGHT_POST = '\uE001';
export const HIGHLIGHT_TAG_PATTERN = /[\uE000\uE001]/g;

/** Numeric facet requested only for its facetStats (min/max). */
export const DATE_STATS_FACET = 'date';

/** What each query of the plan answers (same index in `queries` and `roles`). */
export interface QueryRole {
  /** This query's hits (and totalHits) are the page. */
  hits: boolean;
  /** Facets whose counts are read from this query's facetDistribution. */
  counts: FacetName[];
  /** facetStats.date is read from this query (all filters, no distinct). */
  dateStats: boolean;
}

export interface SearchPlan {
  queries: MultiSearchQuery[];
  roles: QueryRole[];
  /** Hits to drop from the front of the hits page (when offset is not a multiple of limit). */
  skip: number;
  /** The parsed query (its words also decide highlight fallbacks). */
  q: string;
  /** Meilisearch returns up to INDEX_SETTINGS.maxValuesPerFacet values; the adapter cuts to this. */
  maxValues: number;
}

export interface PageWindow {
  page: number;
  hitsPerPage: number;
  skip: number;
}

/** offset/limit → page/hitsPerPage; an unaligned offset fetches from the top and drops `skip` hits. */
export function pageWindow(offset: number, limit: number): PageWindow {
  if (!Number.isSafeInteger(offset) || offset < 0) throw new InvalidEngineRequestError(`offset must be an integer >= 0, got ${offset}`, 'page');
  if (!Number.isSafeInteger(limit) || limit < 0) throw new InvalidEngineRequestError(`limit must be an integer >= 0, got ${limit}`, 'hitsPerPage');
  if (limit === 0) return { page: 1, hitsPerPage: 0, skip: 0 };
  if (offset % limit === 0) return { page: offset / limit + 1, hitsPerPage: limit, skip: 0 };
  return { page: 1, hitsPerPage: offset + limit, skip: offset };
}

export function sortParam(sort: SortOrder): string[] | undefined {
  if (sort === 'date:desc') return ['date:desc'];
  if (sort === 'date:asc') return ['date:asc'];
  return undefined;
}

/** The `q` Meilisearch receives: normalized words, trailing space kept when the last word is complete. */
export function meiliQuery(raw: string): string {
  return parseQuery(raw).normalized;
}

export function buildSearchPlan(req: SearchRequest, indexUid: string): SearchPlan {
  const q = meiliQuery(req.q);
  const win = pageWindow(req.offset, req.limit);
  const maxValues = maxValuesOf(req);
  const selected = new Set<StringFilterAttribute>(selectedAttributes(req.filters));
  const allFilters = buildFilter(req.filters);
  const requested = [...new Set(req.facets)];
  const disjunctive = requested.filter((f) => selected.has(f as StringFilterAttribute));
  const conjunctive = requested.filter((f) => !selected.has(f as StringFilterAttribute));

  const base = (filter: MeiliFilter): MultiSearchQuery => ({
    indexUid,
    q,
    matchingStrategy: 'all',
    ...(filter.length > 0 ? { filter } : {}),
  });
  const hits: MultiSearchQuery = {
    ...base(allFilters),
    page: win.page,
    hitsPerPage: win.hitsPerPage,
    attributesToHighlight: ['text'],
    highlightPreTag: HIGHLIGHT_PRE,
    highlightPostTag: HIGHLIGHT_POST,
  };
  const sort = sortParam(req.sort);
  if (sort) hits.sort = sort;

  const queries: MultiSearchQuery[] = [hits];
  const roles: QueryRole[] = [];
  const countFacets = [...conjunctive, DATE_STATS_FACET];
  if (req.groupByArticle) {
    hits.distinct = 'articleId';
    roles.push({ hits: true, counts: [], dateStats: false });
    queries.push({ ...base(allFilters), page: 1, hitsPerPage: 0, facets: countFacets });
    roles.push({ hits: false, counts: conjunctive, dateStats: true });
  } else {
    hits.facets = countFacets;
    roles.push({ hits: true, counts: conjunctive, dateStats: true });
  }
  for (const facet of disjunctive) {
    queries.push({
      ...base(buildFilter(req.filters, facet as StringFilterAttribute)),
      page: 1,
      hitsPerPage: 0,
      facets: [facet],
    });
    roles.push({ hits: false, counts: [facet], dateStats: false });
  }
  return { queries, roles, skip: win.skip, q, maxValues };
}

/** Passages of one article by position; an article is far below maxTotalHits passages. */
export const MAX_ARTICLE_PASSAGES = 1000;

export function articlePassagesQuery(articleId: string, indexUid: string): MultiSearchQuery {
  return {
    indexUid,
    q: '',
    filter: [equalsClause('articleId', articleId)],
    sort: ['position:asc'],
    page: 1,
    hitsPerPage: MAX_ARTICLE_PASSAGES,
  };
}
