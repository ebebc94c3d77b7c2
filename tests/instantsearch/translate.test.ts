import { HttpProblem } from '../../server/problem.js';
import { parseAlgoliaParams } from '../../server/instantsearch/params.js';
import { toSearchRequest } from '../../server/instantsearch/translate.js';
import { facetValueHighlight } from '../../server/instantsearch/hits.js';

function translate(indexName: string, raw: unknown) {
  return toSearchRequest('passages', indexName, parseAlgoliaParams(raw, 'requests[0].params'), '', 'requests[0]').request;
}

function problemOf(fn: () => unknown): HttpProblem {
  try {
    fn();
  } catch (e) {
    if (e instanceof HttpProblem) return e;
    throw e;
  }
  throw new Error('expected an HttpProblem');
}

describe('Algolia params → SearchRequest', () => {
  test('object params as InstantSearch sends them: nested facetFilters, date range, 0-based page, distinct', () => {
    const req = translate('passages_date_asc', {
      query: 'sanctions',
      page: 2,
      hitsPerPage: 5,
      facets: ['places', 'speakers', 'date'],
      facetFilters: [['speakers:Khawaja Asif', 'speakers:Asad Qaiser'], ['topics:Economy']],
      numericFilters: ['date>=1710633600', 'date<=1712000000'],
      distinct: true,
      tagFilters: '',
      analytics: false,
      highlightPreTag: '__ais-highlight__',
      highlightPostTag: '__/ais-highlight__',
    });
    expect(req).toEqual({
      q: 'sanctions',
      filters: { speakers: ['Khawaja Asif', 'Asad Qaiser'], topics: ['Economy'], dateFrom: 1710633600, dateTo: 1712000000 },
      facets: ['places', 'speakers'],
      sort: 'date:asc',
      offset: 10,
      limit: 5,
      groupByArticle: true,
      maxValuesPerFacet: 100,
    });
  });

  test('URL-encoded params string (algoliasearch-lite): arrays as JSON, numbers as text', () => {
    const s = new URLSearchParams({
      query: 'iran',
      hitsPerPage: '0',
      page: '0',
      facets: JSON.stringify(['*']),
      maxValuesPerFacet: '7',
      facetFilters: JSON.stringify([['places:Islamabad']]),
      numericFilters: JSON.stringify(['date>1710633599', 'date<1710720001']),
    }).toString();
    expect(translate('passages', s)).toEqual({
      q: 'iran',
      filters: { places: ['Islamabad'], dateFrom: 1710633600, dateTo: 1710720000 },
      facets: ['speakers', 'topics', 'places', 'organisations', 'month'],
      sort: 'relevance',
      offset: 0,
      limit: 0,
      groupByArticle: false,
      maxValuesPerFacet: 7,
    });
  });

  test('a query that looks like JSON stays text; numbers and booleans given as strings are read as such', () => {
    expect(translate('passages', 'query=%5Bfoo&hitsPerPage=5&distinct=true')).toMatchObject({ q: '[foo', limit: 5, groupByArticle: true });
    expect(translate('passages', { query: '{x}', hitsPerPage: '5', page: '1', distinct: '1' })).toMatchObject({ q: '{x}', offset: 5, limit: 5, groupByArticle: true });
  });

  test('an empty query on the relevance index browses newest first; "date:A TO B" is a range', () => {
    expect(translate('passages', { numericFilters: 'date:100 TO 200' })).toMatchObject({
      q: '', sort: 'date:desc', filters: { dateFrom: 100, dateTo: 200 },
    });
  });

  test('a value starting with an escaped "-" is a value, not a negation', () => {
    expect(translate('passages', { facetFilters: ['topics:\\-minus'] }).filters).toEqual({ topics: ['-minus'] });
  });

  test.each([
    [{ facetFilters: ['speakers:-Khawaja Asif'] }, 'unsupported_filter', 'requests[0].facetFilters', /negative facet filter/],
    [{ facetFilters: [['speakers:A', 'topics:B']] }, 'unsupported_filter', 'requests[0].facetFilters', /one attribute/],
    [{ facetFilters: ['speakers:A', 'speakers:B'] }, 'unsupported_filter', 'requests[0].facetFilters', /two AND groups/],
    [{ facetFilters: ['text:hello'] }, 'invalid_parameter', 'requests[0].facetFilters', /cannot filter on "text"/],
    [{ facetFilters: ['month:2024-13'] }, 'invalid_parameter', 'requests[0].facetFilters', /YYYY-MM/],
    [{ numericFilters: [['date>=1', 'date<=2']] }, 'unsupported_filter', 'requests[0].numericFilters', /OR between numeric/],
    [{ numericFilters: ['position>=1'] }, 'invalid_parameter', 'requests[0].numericFilters', /only "date"/],
    [{ facets: ['text'] }, 'invalid_parameter', 'requests[0].facets', /cannot facet on "text"/],
    [{ filters: 'speakers:A' }, 'unsupported_parameter', 'requests[0].params.filters', /not supported/],
    [{ bogus: 1 }, 'unknown_parameter', 'requests[0].params.bogus', /Unknown search parameter "bogus"/],
    [{ page: -1 }, 'invalid_parameter', 'requests[0].params.page', /at least 0/],
    [{ hitsPerPage: 1001 }, 'invalid_parameter', 'requests[0].params.hitsPerPage', /at most 1000/],
    [{ query: 'x'.repeat(513) }, 'invalid_parameter', 'requests[0].params.query', /at most 512/],
    ['facetFilters=%5Bbroken', 'invalid_parameter', 'requests[0].params.facetFilters', /not valid JSON/],
  ])('case %# → 400 %s', (raw, code, param, detail) => {
    const p = problemOf(() => translate('passages', raw));
    expect([p.status, p.code, p.param]).toEqual([400, code, param]);
    expect(p.message).toMatch(detail);
  });

  test('an unknown index name is a 400 naming the replicas', () => {
    const p = problemOf(() => translate('articles', {}));
    expect([p.status, p.code, p.param, p.message]).toEqual([
      400, 'unknown_index', 'requests[0].indexName', 'No index "articles". Indices: passages, passages_date_desc, passages_date_asc.',
    ]);
  });
});

describe('facet value highlight', () => {
  test('any word of the value matches as a prefix; the rest is escaped; custom tags', () => {
    expect(facetValueHighlight('Khawaja Asif', 'as', { pre: '<em>', post: '</em>' })).toBe('Khawaja <em>Asif</em>');
    expect(facetValueHighlight('AT&T <Asif>', 'as', { pre: '[', post: ']' })).toBe('AT&amp;T &lt;[Asif]&gt;');
  });
});
