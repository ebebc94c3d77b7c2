/**
 * Search-as-you-type endpoints over the seeds: completions and facet value search.
 */
import request from 'supertest';
import { testApp, useSeedApp } from '../helpers/seed-index.js';

const fixture = useSeedApp();


describe('GET /facets/:name', () => {
  test('"as" finds Khawaja Asif and Asad Qaiser (any word of a value), most frequent first', async () => {
    const res = await request(fixture.app).get('/facets/speaker').query({ q: 'as' }).expect(200);
    const names = res.body.values.map((v: { value: string }) => v.value);
    expect(names).toContain('Khawaja Asif');
    expect(names).toContain('Asad Qaiser');
    expect(names.indexOf('Khawaja Asif')).toBeLessThan(names.indexOf('Asad Qaiser'));
    for (const v of res.body.values) expect(v.value.split(' ').some((w: string) => w.toLowerCase().startsWith('as'))).toBe(true);
  });

  test('"tar" finds Ataullah Tarar, with the count a click would give', async () => {
    const res = await request(fixture.app).get('/facets/speaker').query({ q: 'tar' }).expect(200);
    expect(res.body.values.map((v: { value: string }) => v.value)).toEqual(['Ataullah Tarar']);
    const click = await request(fixture.app).get('/search').query({ speaker: 'Ataullah Tarar', hitsPerPage: '1' }).expect(200);
    expect(res.body.values[0].count).toBe(click.body.totalHits);
  });

  test('counts are under the current query and filters', async () => {
    const all = await request(fixture.app).get('/facets/speaker').query({ q: 'asif' }).expect(200);
    const narrowed = await request(fixture.app).get('/facets/speaker').query({ q: 'asif', query: 'sanctuaries' }).expect(200);
    const search = await request(fixture.app).get('/search').query({ q: 'sanctuaries', speaker: 'Khawaja Asif', hitsPerPage: '1' }).expect(200);
    expect(narrowed.body.values).toEqual([{ value: 'Khawaja Asif', count: search.body.totalHits }]);
    expect(all.body.values[0].count).toBeGreaterThan(narrowed.body.values[0].count);
  });
});

describe('GET /suggest', () => {
  test('completes the last word with whole indexed words, keeping the rest of the query', async () => {
    const res = await request(fixture.app).get('/suggest').query({ q: 'militant sanct' }).expect(200);
    const texts = res.body.completions.map((c: { text: string }) => c.text);
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) expect(t).toMatch(/^militant sanct\w+$/);
    expect(texts).toContain('militant sanctuaries');
    const counts = res.body.completions.map((c: { count: number }) => c.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(res.body.hits.length).toBeLessThanOrEqual(5);
    expect(Object.keys(res.body.hits[0]).sort()).toEqual(['articleId', 'date', 'id', 'snippet', 'speakers', 'title']);
  });

  test('a query ending in a space completes nothing', async () => {
    const res = await request(fixture.app).get('/suggest').query({ q: 'sanctuaries ' }).expect(200);
    expect(res.body.completions).toEqual([]);
    expect(res.body.totalHits).toBeGreaterThan(0);
  });
});

describe('rate limiting', () => {
  test('past the limit a client gets 429 problems with RateLimit headers', async () => {
    const limited = testApp(fixture.seeds.engine, { config: { ENGINE_TIMEOUT_MS: 5000, RATE_LIMIT_PER_MINUTE: 2, CORS_ORIGINS: [], TRUST_PROXY: 0 } });
    const first = await request(limited).get('/search').query({ q: 'kashmir' }).expect(200);
    expect(first.headers['ratelimit-policy']).toMatch(/^"2-in-1min"; q=2; w=60;/);
    expect(first.headers.ratelimit).toMatch(/^"2-in-1min"; r=1; t=\d+$/);
    await request(limited).get('/search').query({ q: 'kashmir' }).expect(200);
    const third = await request(limited).get('/search').query({ q: 'kashmir' }).expect(429);
    expect(third.body.code).toBe('rate_limited');
    expect(third.headers['retry-after']).toBe('60');
  });
});
