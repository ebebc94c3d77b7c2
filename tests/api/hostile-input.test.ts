/**
 * Thousands of random and hostile requests: never a 5xx, always a problem+json on 4xx, never a
 * result outside the requested filters.
 */
import fc from 'fast-check';
import request from 'supertest';
import { useSeedApp } from '../helpers/seed-index.js';

const fixture = useSeedApp();
let speakers: string[];
let topics: string[];

beforeAll(async () => {
  const all = await request(fixture.app).get('/search').query({ hitsPerPage: '1' }).expect(200);
  speakers = Object.keys(all.body.facets.speaker);
  topics = Object.keys(all.body.facets.topic);
});

const INJECTIONS = [
  `x" OR speakers EXISTS OR speakers = "y`,
  `"`, `'`, `\\`, `a\\`, 'AND', 'OR', 'NOT', 'EXISTS', 'NEAR(a b)', 'text:afghanistan', '*', '-afghanistan', '^a',
  '<script>alert(1)</script>', '\u0000', '\u202e', '%00', '../../etc/passwd', '{"$gt":""}', 'a'.repeat(600),
];
const KEYS = ['q', 'speaker', 'topic', 'place', 'organisation', 'month', 'from', 'to', 'sort', 'page', 'hitsPerPage', 'group', 'facets', 'bogus', 'q[]', '__proto__', 'constructor'];

const value = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(...INJECTIONS),
  fc.integer({ min: -5, max: 20_000 }).map(String),
  fc.constantFrom('2024-03-17', '2025-02-30', '2024-13-01', 'date:desc', 'article', 'speaker,topic'),
);
const pair = fc.tuple(fc.constantFrom(...KEYS), value);

function queryString(pairs: [string, string][]): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

function checkProblem(res: request.Response): void {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(typeof res.body.code).toBe('string');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+|SqliteError|MeiliSearch|stack/i);
  }
}

test('random and hostile query strings never cause a 5xx on /search, /suggest and /facets', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('/search', '/suggest', '/facets/speaker', '/facets/x'), fc.array(pair, { maxLength: 6 }), async (route, pairs) => {
      const res = await request(fixture.app).get(`${route}?${queryString(pairs)}`);
      checkProblem(res);
    }),
    { numRuns: 1500 },
  );
}, 120_000);

test('hostile words in q are just words: a result is 200 and highlight stays escaped', async () => {
  for (const q of INJECTIONS.filter((s) => s.length <= 512)) {
    const res = await request(fixture.app).get('/search').query({ q });
    checkProblem(res);
    expect(res.status).toBe(200);
    for (const h of res.body.hits) expect(h.highlight.text.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  }
});

test('injection attempts as filter values match nothing instead of widening the filter', async () => {
  for (const v of INJECTIONS.filter((s) => Buffer.byteLength(s) <= 468 && s.length > 0)) {
    const res = await request(fixture.app).get('/search').query({ speaker: v });
    checkProblem(res);
    if (res.status === 200) expect(res.body.totalHits).toBe(0);
  }
});

test('random filter combinations never return a hit outside the filters', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.subarray(speakers, { maxLength: 2 }),
      fc.subarray(topics, { maxLength: 2 }),
      fc.constantFrom('', 'afghanistan', 'terror', 'sanct', 'border', 'pakistan army'),
      async (sp, tp, q) => {
        const res = await request(fixture.app).get('/search').query({ q, speaker: sp, topic: tp, hitsPerPage: '100' });
        checkProblem(res);
        expect(res.status).toBe(200);
        for (const h of res.body.hits) {
          if (sp.length) expect(sp.some((s) => h.speakers.includes(s))).toBe(true);
          if (tp.length) expect(tp.some((t) => h.topics.includes(t))).toBe(true);
        }
      },
    ),
    { numRuns: 300 },
  );
}, 120_000);
