import { buildSearchPlan, HIGHLIGHT_POST, HIGHLIGHT_PRE, meiliQuery, pageWindow, articlePassagesQuery } from '../../engine/meilisearch/search-plan.js';
import { InvalidEngineRequestError } from '../../engine/errors.js';
import type { SearchRequest } from '../../engine/types.js';

const req = (over: Partial<SearchRequest> = {}): SearchRequest => ({
  q: '',
  filters: {},
  facets: [],
  sort: 'relevance',
  offset: 0,
  limit: 10,
  groupByArticle: false,
  ...over,
});

describe('q rewriting', () => {
  it.each([
    ['Afghanistan sanctuaries', 'afghanistan sanctuaries'],
    ['Afghanistan sanctuaries ', 'afghanistan sanctuaries '],
    ['"terrorism from Afghanistan"', 'terrorism from afghanistan '],
    ['-Taliban border', 'taliban border'],
    ['Zürich, ', 'zurich '],
    ['  ', ''],
    ['a b c d e f g h i j k l', 'a b c d e f g h i j '],
  ])('%j → %j (no phrase quotes or negation reach Meilisearch)', (raw, q) => {
    expect(meiliQuery(raw)).toBe(q);
  });
});

describe('pagination', () => {
  it('uses page/hitsPerPage (exhaustive totalHits)', () => {
    expect(pageWindow(0, 10)).toEqual({ page: 1, hitsPerPage: 10, skip: 0 });
    expect(pageWindow(20, 10)).toEqual({ page: 3, hitsPerPage: 10, skip: 0 });
    expect(pageWindow(5, 10)).toEqual({ page: 1, hitsPerPage: 15, skip: 5 });
    expect(pageWindow(7, 0)).toEqual({ page: 1, hitsPerPage: 0, skip: 0 });
  });
  it('rejects negative or fractional windows', () => {
    expect(() => pageWindow(-1, 10)).toThrow(InvalidEngineRequestError);
    expect(() => pageWindow(0, 2.5)).toThrow(InvalidEngineRequestError);
  });
});

describe('buildSearchPlan', () => {
  it('a plain search: one query with highlight tags, all-words matching, facets and date stats', () => {
    const plan = buildSearchPlan(req({ q: 'sanctuaries', facets: ['speakers', 'month'], sort: 'date:desc', offset: 10 }), 'passages');
    expect(plan.queries).toEqual([
      {
        indexUid: 'passages',
        q: 'sanctuaries',
        matchingStrategy: 'all',
        page: 2,
        hitsPerPage: 10,
        attributesToHighlight: ['text'],
        highlightPreTag: HIGHLIGHT_PRE,
        highlightPostTag: HIGHLIGHT_POST,
        sort: ['date:desc'],
        facets: ['speakers', 'month', 'date'],
      },
    ]);
    expect(plan.roles).toEqual([{ hits: true, counts: ['speakers', 'month'], dateStats: true }]);
    expect(plan.skip).toBe(0);
  });

  it('disjunctive facets: one extra query per selected facet, without its own filter', () => {
    const plan = buildSearchPlan(
      req({
        q: 'afghanistan',
        filters: { speakers: ['Khawaja Asif'], topics: ['Terrorism'], dateFrom: 1700000000 },
        facets: ['speakers', 'topics', 'places'],
      }),
      'passages',
    );
    expect(plan.queries.map((q) => [q.filter, q.facets, q.hitsPerPage])).toEqual([
      [['speakers = "Khawaja Asif"', 'topics = "Terrorism"', 'date >= 1700000000'], ['places', 'date'], 10],
      [['topics = "Terrorism"', 'date >= 1700000000'], ['speakers'], 0],
      [['speakers = "Khawaja Asif"', 'date >= 1700000000'], ['topics'], 0],
    ]);
    expect(plan.roles).toEqual([
      { hits: true, counts: ['places'], dateStats: true },
      { hits: false, counts: ['speakers'], dateStats: false },
      { hits: false, counts: ['topics'], dateStats: false },
    ]);
    expect(plan.queries.slice(1).every((q) => q.attributesToHighlight === undefined && q.sort === undefined)).toBe(true);
  });

  it('group by article: distinct on the hits query only; counts and date stats from a query without distinct', () => {
    const plan = buildSearchPlan(req({ q: 'border', facets: ['speakers'], groupByArticle: true }), 'passages');
    expect(plan.queries).toHaveLength(2);
    expect(plan.queries[0].distinct).toBe('articleId');
    expect(plan.queries[0].facets).toBeUndefined();
    expect(plan.queries[1]).toEqual({ indexUid: 'passages', q: 'border', matchingStrategy: 'all', page: 1, hitsPerPage: 0, facets: ['speakers', 'date'] });
    expect(plan.roles).toEqual([
      { hits: true, counts: [], dateStats: false },
      { hits: false, counts: ['speakers'], dateStats: true },
    ]);
  });

  it('an unaligned offset fetches from the top and skips', () => {
    const plan = buildSearchPlan(req({ offset: 3, limit: 5 }), 'passages');
    expect([plan.queries[0].page, plan.queries[0].hitsPerPage, plan.skip]).toEqual([1, 8, 3]);
  });

  it('an oversized filter value is a 400-class error before anything is sent', () => {
    expect(() => buildSearchPlan(req({ filters: { topics: ['x'.repeat(500)] } }), 'passages')).toThrow(InvalidEngineRequestError);
  });

  it('article passages come by position through search (a search-only key may do that)', () => {
    expect(articlePassagesQuery('a1b2', 'passages')).toEqual({
      indexUid: 'passages',
      q: '',
      filter: ['articleId = "a1b2"'],
      sort: ['position:asc'],
      page: 1,
      hitsPerPage: 1000,
    });
  });
});
