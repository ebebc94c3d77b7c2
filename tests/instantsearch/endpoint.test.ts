/**
 * POST /instantsearch and facet value search through the real app (createApp + instantSearchRoutes)
 * over a real embedded index of the fixture passages: every expectation is read off the fixtures.
 */
import request from 'supertest';
import { instantSearchRoutes } from '../../server/instantsearch/index.js';
import { testApp } from '../helpers/seed-index.js';
import { APR_02, buildFixtureIndex, MAR_17, MAY_10, type FixtureIndex } from './fixtures.js';

let fixture: FixtureIndex;
let app: ReturnType<typeof testApp>;

beforeAll(async () => {
  fixture = await buildFixtureIndex();
  app = testApp(fixture.engine, { routers: [instantSearchRoutes] });
});
afterAll(async () => {
  await fixture.cleanup();
});

type Hit = { objectID: string; articleId: string; _highlightResult: Record<string, { value: string; matchLevel: string; matchedWords: string[] }>; _snippetResult: { text: { value: string } } };
type Result = {
  hits: Hit[];
  nbHits: number;
  nbPages: number;
  page: number;
  hitsPerPage: number;
  facets: Record<string, Record<string, number>>;
  facets_stats?: { date: { min: number; max: number } };
  query: string;
  exhaustiveNbHits: boolean;
};

async function multi(requests: unknown[]): Promise<Result[]> {
  const res = await request(app).post('/instantsearch').send({ requests }).expect(200);
  return res.body.results;
}
const ids = (r: Result) => r.hits.map((h) => h.objectID);

describe('POST /instantsearch', () => {
  test('"sanct" as a prefix: hits, counts for every facet, date stats', async () => {
    const [r] = await multi([{ indexName: 'passages', params: { query: 'sanct', facets: ['*'], hitsPerPage: 20 } }]);
    expect(ids(r).sort()).toEqual(['a1-0', 'a2-0', 'a3-0', 'a4-0']);
    expect(r).toMatchObject({ nbHits: 4, nbPages: 1, page: 0, hitsPerPage: 20, query: 'sanct', exhaustiveNbHits: true });
    expect(r.facets).toEqual({
      speakers: { 'Khawaja Asif': 1, 'Asad Qaiser': 1, 'Ataullah Tarar': 1 },
      topics: { Economy: 3, 'Foreign policy': 2 },
      places: { Islamabad: 2, Lahore: 1 },
      organisations: {},
      month: { '2024-03': 1, '2024-04': 1, '2024-05': 1 },
      date: {},
    });
    expect(r.facets_stats).toEqual({ date: { min: MAR_17, max: MAY_10 } });
  });

  test('disjunctive refinement as InstantSearch sends it: the hits query plus a facet-only query per refined list', async () => {
    const [main, speakers] = await multi([
      {
        indexName: 'passages',
        params: { query: 'sanct', facets: ['places', 'speakers', 'topics'], facetFilters: [['speakers:Asad Qaiser', 'speakers:Khawaja Asif']] },
      },
      { indexName: 'passages', params: { query: 'sanct', facets: 'speakers', hitsPerPage: 0, page: 0, analytics: false, clickAnalytics: false } },
    ]);
    expect(ids(main).sort()).toEqual(['a1-0', 'a2-0']);
    expect(main.facets.topics).toEqual({ Economy: 2, 'Foreign policy': 1 });
    expect(main.facets.places).toEqual({ Islamabad: 2 });
    expect(speakers).toMatchObject({ nbHits: 4, hits: [], nbPages: 0, hitsPerPage: 0 });
    expect(speakers.facets).toEqual({ speakers: { 'Khawaja Asif': 1, 'Asad Qaiser': 1, 'Ataullah Tarar': 1 } });
  });

  test('the caller’s highlight tags; everything else HTML-escaped; matchLevel and matchedWords', async () => {
    const [r] = await multi([
      { indexName: 'passages', params: { query: 'sanctions trade', highlightPreTag: '<em class="x">', highlightPostTag: '</em>' } },
    ]);
    expect(ids(r)).toEqual(['a1-0']);
    expect(r.hits[0]._highlightResult.text).toEqual({
      value: 'Khawaja Asif said <em class="x">sanctions</em> against Iran would hurt <em class="x">trade</em> &amp; growth.',
      matchLevel: 'full',
      matchedWords: ['sanctions', 'trade'],
    });
    expect(r.hits[0]._highlightResult.title).toEqual({ value: 'Asif on <em class="x">trade</em>', matchLevel: 'partial', matchedWords: ['trade'] });
    const [b] = await multi([{ indexName: 'passages', params: { query: 'border' } }]);
    expect(b.hits[0]._snippetResult.text.value).toBe('Asif added that the &lt;<mark>border</mark>&gt; with Afghanistan must be sealed.');
  });

  test('sort by index name, 0-based pages, distinct = one hit per article, date range as numericFilters', async () => {
    const [asc, desc, page1] = await multi([
      { indexName: 'passages_date_asc', params: { query: 'sanct', numericFilters: [`date>=${MAR_17}`] } },
      { indexName: 'passages_date_desc', params: { query: 'sanct', numericFilters: [`date<=${MAY_10}`] } },
      { indexName: 'passages_date_desc', params: { query: 'sanct', hitsPerPage: 2, page: 1 } },
    ]);
    expect(ids(asc)).toEqual(['a1-0', 'a2-0', 'a3-0']);
    expect(ids(desc)).toEqual(['a3-0', 'a2-0', 'a1-0']);
    expect(page1).toMatchObject({ nbHits: 4, nbPages: 2, page: 1, hitsPerPage: 2 });
    expect(ids(page1)).toEqual(['a1-0', 'a4-0']);
    const [grouped, flat, ranged] = await multi([
      { indexName: 'passages', params: { query: 'asif', distinct: true } },
      { indexName: 'passages', params: 'query=asif&distinct=false' },
      { indexName: 'passages', params: { query: 'sanct', numericFilters: [`date>=${APR_02}`, `date<${MAY_10}`] } },
    ]);
    expect([grouped.nbHits, grouped.hits.length, grouped.hits[0].articleId]).toEqual([1, 1, 'a1']);
    expect(ids(flat).sort()).toEqual(['a1-0', 'a1-1']);
    expect(ids(ranged)).toEqual(['a2-0']);
  });

  test('algoliasearch-lite style: URL-encoded params in a JSON body sent as form-urlencoded', async () => {
    const params = new URLSearchParams({ query: 'tarar', facetFilters: JSON.stringify([['places:Lahore']]) }).toString();
    const res = await request(app)
      .post('/instantsearch')
      .set('content-type', 'application/x-www-form-urlencoded')
      .send(JSON.stringify({ requests: [{ indexName: 'passages', params }] }))
      .expect(200);
    expect(res.body.results[0].hits.map((h: Hit) => h.objectID)).toEqual(['a3-0']);
    expect(res.body.results[0].params).toBe(params);
  });
});

describe('facet value search (refinementList searchable)', () => {
  test('POST /instantsearch/facets/:facet/query: any word as a prefix, most frequent first, highlighted', async () => {
    const res = await request(app).post('/instantsearch/facets/speakers/query').send({ params: { facetQuery: 'as' } }).expect(200);
    expect(res.body).toMatchObject({
      facetHits: [
        { value: 'Khawaja Asif', highlighted: 'Khawaja <mark>Asif</mark>', count: 2 },
        { value: 'Asad Qaiser', highlighted: '<mark>Asad</mark> Qaiser', count: 1 },
      ],
      exhaustiveFacetsCount: true,
    });
  });

  test('the multi-query form InstantSearch v4 sends (type "facet"), counted under the other filters', async () => {
    const [tar, asUnderSecurity] = await multi([
      { indexName: 'passages', type: 'facet', facet: 'speakers', params: { facetQuery: 'tar', highlightPreTag: '[', highlightPostTag: ']' } },
      { indexName: 'passages', type: 'facet', facet: 'speakers', params: { facetQuery: 'as', facetFilters: [['topics:Security']] } },
    ]) as unknown as { facetHits: unknown[] }[];
    expect(tar.facetHits).toEqual([{ value: 'Ataullah Tarar', highlighted: 'Ataullah [Tarar]', count: 1 }]);
    expect(asUnderSecurity.facetHits).toEqual([{ value: 'Khawaja Asif', highlighted: 'Khawaja <mark>Asif</mark>', count: 1 }]);
  });
});

describe('bad input is a 400 problem+json naming the parameter', () => {
  test.each([
    ['not JSON', '{"requests": [', 'malformed_json', undefined],
    ['no requests', { requests: [] }, 'invalid_parameter', 'requests'],
    ['negative facet filter', { requests: [{ indexName: 'passages', params: { facetFilters: ['speakers:-Khawaja Asif'] } }] }, 'unsupported_filter', 'requests[0].facetFilters'],
    ['unknown index', { requests: [{ indexName: 'nope', params: {} }] }, 'unknown_index', 'requests[0].indexName'],
    ['facet request without facet', { requests: [{ indexName: 'passages', type: 'facet', params: {} }] }, 'invalid_parameter', 'requests[0].facet'],
    ['facet search on text', { requests: [{ indexName: 'passages', type: 'facet', facet: 'text', params: {} }] }, 'invalid_parameter', 'requests[0].facet'],
  ])('%s', async (_name, body, code, param) => {
    const res = await request(app)
      .post('/instantsearch')
      .set('content-type', 'application/json')
      .send(typeof body === 'string' ? body : JSON.stringify(body))
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect([res.body.status, res.body.code, res.body.param]).toEqual([400, code, param]);
  });
});
