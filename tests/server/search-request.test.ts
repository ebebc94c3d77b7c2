import { HttpProblem } from '../../server/problem.js';
import { facetSearchRequestFrom, searchRequestFrom, suggestRequestFrom } from '../../server/search-request.js';

function problemOf(fn: () => unknown): HttpProblem {
  try {
    fn();
  } catch (err) {
    if (err instanceof HttpProblem) return err;
    throw err;
  }
  throw new Error('expected an HttpProblem');
}

describe('searchRequestFrom', () => {
  test('defaults: relevance for words, newest first for browsing, page 1 of 20, all facets', () => {
    expect(searchRequestFrom({ q: 'sanctuaries' })).toEqual({
      page: 1,
      hitsPerPage: 20,
      request: {
        q: 'sanctuaries',
        filters: {},
        facets: ['speakers', 'topics', 'places', 'organisations', 'month'],
        sort: 'relevance',
        offset: 0,
        limit: 20,
        groupByArticle: false,
        maxValuesPerFacet: 100,
      },
    });
    expect(searchRequestFrom({}).request.sort).toBe('date:desc');
  });

  test('filters: repeated values are OR-ed, dates become inclusive unix seconds at UTC midnight', () => {
    const { request, page } = searchRequestFrom({
      q: 'afghanistan',
      speaker: ['Khawaja Asif', 'Ishaq Dar'],
      topic: 'Kashmir',
      from: '2024-03-01',
      to: '2024-03-31',
      sort: 'date:asc',
      page: '3',
      hitsPerPage: '10',
      group: 'article',
      facets: 'speaker,month',
      maxValuesPerFacet: '25',
    });
    expect(page).toBe(3);
    expect(request).toEqual({
      q: 'afghanistan',
      filters: {
        speakers: ['Khawaja Asif', 'Ishaq Dar'],
        topics: ['Kashmir'],
        dateFrom: Date.UTC(2024, 2, 1) / 1000,
        dateTo: Date.UTC(2024, 2, 31) / 1000,
      },
      facets: ['speakers', 'month'],
      sort: 'date:asc',
      offset: 20,
      limit: 10,
      groupByArticle: true,
      maxValuesPerFacet: 25,
    });
  });

  test.each([
    [{ q: 'x'.repeat(513) }, 'q', 'invalid_parameter'],
    [{ hitsPerPage: '0' }, 'hitsPerPage', 'invalid_parameter'],
    [{ hitsPerPage: '101' }, 'hitsPerPage', 'invalid_parameter'],
    [{ hitsPerPage: '2.5' }, 'hitsPerPage', 'invalid_parameter'],
    [{ maxValuesPerFacet: '0' }, 'maxValuesPerFacet', 'invalid_parameter'],
    [{ maxValuesPerFacet: '10001' }, 'maxValuesPerFacet', 'invalid_parameter'],
    [{ page: '0' }, 'page', 'invalid_parameter'],
    [{ page: 'abc' }, 'page', 'invalid_parameter'],
    [{ page: '101', hitsPerPage: '100' }, 'page', 'page_out_of_range'],
    [{ from: '2025-02-30' }, 'from', 'invalid_parameter'],
    [{ to: '2024-3-1' }, 'to', 'invalid_parameter'],
    [{ from: '2024-04-01', to: '2024-03-01' }, 'from', 'invalid_date_range'],
    [{ speaker: 'é'.repeat(235) }, 'speaker', 'invalid_parameter'],
    [{ speaker: '' }, 'speaker', 'invalid_parameter'],
    [{ month: '2024-13' }, 'month', 'invalid_parameter'],
    [{ sort: 'date' }, 'sort', 'invalid_parameter'],
    [{ group: 'speaker' }, 'group', 'invalid_parameter'],
    [{ facets: 'speaker,colour' }, 'facets', 'invalid_parameter'],
    [{ q: ['a', 'b'] }, 'q', 'repeated_parameter'],
    [{ page: ['1', '2'] }, 'page', 'repeated_parameter'],
    [{ q: { nested: 'x' } }, 'q', 'invalid_parameter'],
  ])('%j is rejected on %s with %s', (raw, param, code) => {
    const p = problemOf(() => searchRequestFrom(raw as Record<string, unknown>));
    expect(p.status).toBe(400);
    expect(p.param).toBe(param);
    expect(p.code).toBe(code);
  });

  test('a 468-byte facet value is accepted, 469 bytes is not', () => {
    expect(searchRequestFrom({ speaker: 'a'.repeat(468) }).request.filters.speakers).toEqual(['a'.repeat(468)]);
    expect(problemOf(() => searchRequestFrom({ speaker: 'a'.repeat(469) })).param).toBe('speaker');
  });

  test('unknown parameters are rejected with the list of known ones', () => {
    const p = problemOf(() => searchRequestFrom({ q: 'x', speakers: 'Khawaja Asif' }));
    expect(p.status).toBe(400);
    expect(p.code).toBe('unknown_parameter');
    expect(p.param).toBe('speakers');
    expect(p.toBody().knownParameters).toEqual([
      'q', 'speaker', 'topic', 'place', 'organisation', 'month', 'from', 'to', 'sort', 'page', 'hitsPerPage', 'group', 'maxValuesPerFacet', 'facets',
    ]);
  });
});

describe('suggest and facet search parameters', () => {
  test('suggest asks for five passages and no facets', () => {
    expect(suggestRequestFrom({ q: 'sanct', speaker: 'Khawaja Asif' })).toEqual({
      q: 'sanct',
      filters: { speakers: ['Khawaja Asif'] },
      facets: [],
      sort: 'relevance',
      offset: 0,
      limit: 5,
      groupByArticle: false,
    });
  });

  test('facet search: q is the facet query, query the main search', () => {
    expect(facetSearchRequestFrom('speaker', { q: 'tar', query: 'martyrs', topic: 'Kashmir' })).toEqual({
      facet: 'speakers',
      facetQuery: 'tar',
      q: 'martyrs',
      filters: { topics: ['Kashmir'] },
      limit: 20,
    });
  });

  test('an unknown facet is a 404 problem', () => {
    const p = problemOf(() => facetSearchRequestFrom('colour', {}));
    expect([p.status, p.code]).toEqual([404, 'unknown_facet']);
  });
});
