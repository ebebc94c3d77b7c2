/**
 * The API over a real embedded index of the five seeds: exact facts we know from reading them.
 */
import request from 'supertest';
import { useSeedApp } from '../helpers/seed-index.js';

const fixture = useSeedApp();


type Hit = { id: string; articleId: string; title: string; text: string; speakers: string[]; topics: string[]; highlight: { text: string }; snippet: string; date: number | null };
type SearchBody = {
  hits: Hit[];
  totalHits: number;
  totalPages: number;
  page: number;
  facets: Record<string, Record<string, number>>;
  facetStats: { date: { min: string; max: string } | null };
};

async function search(query: Record<string, string | string[]>): Promise<SearchBody> {
  const res = await request(fixture.app).get('/search').query(query).expect(200);
  return res.body as SearchBody;
}

describe('GET /search on the seeds', () => {
  test('the passage quoting “Terrorism is being conducted mostly from Afghanistan against us” is Khawaja Asif’s', async () => {
    const body = await search({ q: 'Terrorism is being conducted mostly from Afghanistan against us' });
    const hit = body.hits.find((h) => h.text.includes('Terrorism is being conducted mostly from Afghanistan against us'));
    expect(hit?.speakers).toContain('Khawaja Asif');
  });

  test('the passage on “The border between Pakistan and Afghanistan differs…” is Khawaja Asif’s', async () => {
    const body = await search({ q: 'border differs from conventional international borders' });
    const hit = body.hits.find((h) => h.text.includes('The border between Pakistan and Afghanistan differs from conventional international borders'));
    expect(hit?.speakers).toContain('Khawaja Asif');
  });

  test('Ataullah, Attaullah and Ata Tarar are one speaker', async () => {
    const body = await search({ q: '' });
    const tarars = Object.keys(body.facets.speaker).filter((s) => /tarar/i.test(s));
    expect(tarars).toEqual(['Ataullah Tarar']);
  });

  test('q=afghanistan&speaker=Khawaja Asif returns only his passages, and counts agree with totals', async () => {
    const body = await search({ q: 'afghanistan', speaker: 'Khawaja Asif', hitsPerPage: '100' });
    expect(body.totalHits).toBeGreaterThan(0);
    expect(body.hits).toHaveLength(body.totalHits);
    for (const h of body.hits) expect(h.speakers).toContain('Khawaja Asif');
    // Disjunctive: the speaker facet ignores the speaker filter, and each speaker's count is the
    // number of hits a user gets by clicking that speaker.
    expect(body.facets.speaker['Khawaja Asif']).toBe(body.totalHits);
    for (const [speaker, count] of Object.entries(body.facets.speaker)) {
      const alone = await search({ q: 'afghanistan', speaker, hitsPerPage: '1' });
      expect([speaker, alone.totalHits]).toEqual([speaker, count]);
    }
    // Other facets are conjunctive with the speaker filter: topic counts never exceed the hits.
    for (const count of Object.values(body.facets.topic)) expect(count).toBeLessThanOrEqual(body.totalHits);
  });

  test('matched words are marked and everything else is HTML-escaped; text matches rank first', async () => {
    const body = await search({ q: 'sanctuaries', speaker: 'Khawaja Asif', hitsPerPage: '100' });
    const inText = body.hits.filter((h) => /sanctuaries/i.test(h.text));
    expect(inText.length).toBeGreaterThan(0);
    // Words also match in the other searchable attributes (title, speakers, topics, places) but rank after text matches.
    expect(body.hits.slice(0, inText.length)).toEqual(inText);
    for (const h of inText) {
      expect(h.highlight.text).toMatch(/<mark>sanctuaries<\/mark>/i);
      expect(h.snippet).toContain('<mark>sanctuaries</mark>');
    }
    for (const h of body.hits.slice(inText.length)) {
      expect(h.highlight.text).not.toContain('<mark>');
      expect([h.title, ...h.topics].join(' ')).toMatch(/sanctuaries/i);
    }
    for (const h of body.hits) expect(h.highlight.text.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  test('typing "sanct" finds the same passages as "sanctuaries" and more (sanctuary)', async () => {
    const prefix = await search({ q: 'sanct', hitsPerPage: '100' });
    const full = await search({ q: 'sanctuaries', hitsPerPage: '100' });
    const ids = new Set(prefix.hits.map((h) => h.id));
    for (const h of full.hits) expect(ids.has(h.id)).toBe(true);
    expect(prefix.totalHits).toBeGreaterThanOrEqual(full.totalHits);
  });

  test('a typo still finds the word (afghanistna → Afghanistan)', async () => {
    const typo = await search({ q: 'afghanistna ' });
    const exact = await search({ q: 'afghanistan ' });
    expect(typo.totalHits).toBe(exact.totalHits);
  });

  test('group=article gives one hit per article and counts articles', async () => {
    const all = await search({ q: 'afghanistan', hitsPerPage: '100' });
    const grouped = await search({ q: 'afghanistan', group: 'article', hitsPerPage: '100' });
    const articles = new Set(all.hits.map((h) => h.articleId));
    expect(grouped.totalHits).toBe(articles.size);
    expect(new Set(grouped.hits.map((h) => h.articleId)).size).toBe(grouped.hits.length);
    // Facet counts keep counting passages when grouped.
    expect(grouped.facets.speaker).toEqual(all.facets.speaker);
  });

  test('date range: from/to are inclusive and every hit is inside', async () => {
    const body = await search({ from: '2024-03-17', to: '2024-03-17', hitsPerPage: '100' });
    const day = Date.UTC(2024, 2, 17) / 1000;
    expect(body.totalHits).toBeGreaterThan(0);
    for (const h of body.hits) expect(h.date).toBe(day);
    expect(body.facetStats.date).toEqual({ min: '2024-03-17', max: '2024-03-17' });
  });

  test('pagination: pages do not overlap and totalPages is consistent', async () => {
    const p1 = await search({ q: '', hitsPerPage: '5', page: '1' });
    const p2 = await search({ q: '', hitsPerPage: '5', page: '2' });
    expect(p1.totalPages).toBe(Math.ceil(p1.totalHits / 5));
    const overlap = p2.hits.filter((h) => p1.hits.some((g) => g.id === h.id));
    expect(overlap).toEqual([]);
  });
});

describe('facet values in /search', () => {
  test('each value facet lists its most frequent values first, cut at maxValuesPerFacet; months stay whole', async () => {
    const all = await search({ q: '', hitsPerPage: '1' });
    const speakers = Object.entries(all.facets.speaker);
    expect(speakers.length).toBeGreaterThan(3);
    // Most frequent first, ties in value order.
    const sorted = [...speakers].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    expect(speakers).toEqual(sorted);
    const cut = await search({ q: '', hitsPerPage: '1', maxValuesPerFacet: '2' });
    expect(Object.entries(cut.facets.speaker)).toEqual(speakers.slice(0, 2));
    expect(Object.entries(cut.facets.topic)).toEqual(Object.entries(all.facets.topic).slice(0, 2));
    const one = await search({ q: '', hitsPerPage: '1', maxValuesPerFacet: '1' });
    expect(Object.entries(one.facets.speaker)).toEqual(speakers.slice(0, 1));
    const months = Object.keys(all.facets.month);
    expect(months.length).toBe(2);
    expect(Object.entries(one.facets.month)).toEqual(Object.entries(all.facets.month));
    expect(months).toEqual([...months].sort());
  });

  test('maxValuesPerFacet outside 1..10000 is a 400 problem naming it', async () => {
    for (const v of ['0', '10001', '2.5', 'many']) {
      const res = await request(fixture.app).get('/search').query({ maxValuesPerFacet: v }).expect(400);
      expect(res.body).toMatchObject({ status: 400, code: 'invalid_parameter', param: 'maxValuesPerFacet' });
    }
  });
});

describe('errors are problems', () => {
  test('an invalid parameter names itself with a stable code', async () => {
    const res = await request(fixture.app).get('/search').query({ hitsPerPage: '500' }).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code: 'invalid_parameter', param: 'hitsPerPage' });
  });

  test('an unknown route is a 404 problem', async () => {
    const res = await request(fixture.app).get('/nope').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('not_found');
  });

  test('malformed JSON and oversized bodies are 400 / 413 problems', async () => {
    const bad = await request(fixture.app).post('/search').set('content-type', 'application/json').send('{"q":').expect(400);
    expect(bad.body.code).toBe('malformed_json');
    const big = await request(fixture.app).post('/search').set('content-type', 'application/json').send(JSON.stringify({ q: 'x'.repeat(200_000) })).expect(413);
    expect(big.body.code).toBe('payload_too_large');
  });
});

describe('articles, health and operations', () => {
  test('GET /articles/:id returns the article with its passages in order', async () => {
    const { hits } = await search({ q: 'Sialkot' });
    const id = hits[0].articleId;
    const res = await request(fixture.app).get(`/articles/${id}`).expect(200);
    expect(res.body.id).toBe(id);
    expect(res.body.passages.map((p: { position: number }) => p.position)).toEqual(res.body.passages.map((_: unknown, i: number) => i));
    expect(res.body.speakers).toContain('Khawaja Asif');
    await request(fixture.app).get('/articles/does-not-exist').expect(404);
    const bad = await request(fixture.app).get('/articles/bad%20id').expect(400);
    expect(bad.body.code).toBe('invalid_parameter');
  });

  test('x-request-id is reused when sane, minted otherwise', async () => {
    const given = await request(fixture.app).get('/health').set('x-request-id', 'abc-123').expect(200);
    expect(given.headers['x-request-id']).toBe('abc-123');
    const minted = await request(fixture.app).get('/health').set('x-request-id', 'bad id with spaces').expect(200);
    expect(minted.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('/ready reports the engine and /metrics exposes request and engine durations', async () => {
    const ready = await request(fixture.app).get('/ready').expect(200);
    expect(ready.body).toMatchObject({ ready: true, engine: 'embedded' });
    await request(fixture.app).get('/search').query({ q: 'kashmir' }).expect(200);
    const metrics = await request(fixture.app).get('/metrics').expect(200);
    expect(metrics.text).toContain('newsfacets_http_request_duration_seconds_bucket{le="0.001",method="GET",route="/search",status="200"}');
    expect(metrics.text).toMatch(/newsfacets_engine_call_duration_seconds_count\{op="search",outcome="ok"\} [1-9]/);
    expect(metrics.text).toMatch(/newsfacets_index_passages [1-9]/);
  });

  test('CORS answers allowed origins only; helmet headers are set', async () => {
    const ok = await request(fixture.app).get('/health').set('origin', 'https://widgets.example').expect(200);
    expect(ok.headers['access-control-allow-origin']).toBe('https://widgets.example');
    const other = await request(fixture.app).get('/health').set('origin', 'https://evil.example').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(ok.headers['x-content-type-options']).toBe('nosniff');
  });
});
