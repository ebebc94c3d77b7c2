/**
 * Exact answers of the embedded engine on the hand-written fixture: typing semantics, ranking
 * order, filters, disjunctive facets, grouping, pagination, facet value search, completions.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createEmbeddedEngine } from '../../engine/embedded/index.js';
import { FIXTURE, ids, indexDocs, passage, req, utc, type TempIndex } from './fixture.js';

let index: TempIndex;
beforeAll(async () => {
  index = await indexDocs(FIXTURE);
});
afterAll(async () => {
  await index.cleanup();
});

const search = (q: string, more: Parameters<typeof req>[1] = {}) => index.engine.search(req(q, more));

describe('typing semantics and ranking', () => {
  test('exact matches rank above prefix matches, ties by id', async () => {
    // "minister" exact in a1-0, a1-2, b2-0, d4-1; "ministers" (b2-1) and "ministry" (d4-0) by prefix.
    expect(ids(await search('minister'))).toEqual(['a1-0', 'a1-2', 'b2-0', 'd4-1', 'b2-1', 'd4-0']);
  });

  test('a complete word (query ends with a space) does not match as a prefix', async () => {
    // "ministers" still matches with one typo (and ranks after); "ministry" is two typos away.
    const r = await search('minister ');
    expect(ids(r)).toEqual(['a1-0', 'a1-2', 'b2-0', 'd4-1', 'b2-1']);
    expect(r.totalHits).toBe(5);
  });

  test('a prefix match beats a typo match', async () => {
    // "ministr" is a prefix of "ministry"; "minister" is one typo away.
    expect(ids(await search('ministr'))).toEqual(['d4-0', 'a1-0', 'a1-2', 'b2-0', 'b2-1', 'd4-1']);
  });

  test('one typo from 5 letters, none on the first letter, none under 5 letters', async () => {
    expect(ids(await search('brder '))).toEqual(['a1-1', 'a1-2', 'e5-0', 'e5-1']);
    expect(ids(await search('boarder '))).toEqual(['a1-1', 'a1-2', 'e5-0', 'e5-1']);
    expect(ids(await search('bord '))).toEqual([]);
    expect(ids(await search('corder '))).toEqual([]);
    expect(ids(await search('tarer '))).toEqual(['b2-0', 'b2-1']);
    expect(ids(await search('tara '))).toEqual([]);
  });

  test('accents and case fold; every word must match', async () => {
    expect(ids(await search('ZURICH'))).toEqual(['d4-0']);
    expect(ids(await search('asif terrorism'))).toEqual(['a1-0']);
    expect(ids(await search('asif inflation'))).toEqual([]);
  });

  test('proximity: adjacent words first, reversed order after', async () => {
    // e5-0 has "border … the" (reversed, 4 apart); the others "the border".
    expect(ids(await search('the border'))).toEqual(['a1-1', 'a1-2', 'e5-1', 'e5-0']);
  });

  test('attribute: a match in text beats a match in organisations', async () => {
    // "Interior" is in d4-1's text and in d4-0's organisations only.
    expect(ids(await search('interior'))).toEqual(['d4-1', 'd4-0']);
  });

  test('one-letter prefix: exact word first, then by attribute', async () => {
    const r = await search('a');
    expect(r.totalHits).toBe(11);
    expect(ids(r)[0]).toBe('c3-1');
    expect(ids(r)[10]).toBe('b2-1');
  });

  test('matches are word ranges in the text', async () => {
    const r = await search('asif terror');
    expect(r.hits[0].matches).toEqual([
      [25, 29],
      [35, 44],
    ]);
  });
});

describe('filters, facets, sorting, grouping', () => {
  test('empty query browses by id with exact totals and date stats', async () => {
    const r = await search('', { facets: ['speakers', 'month'] });
    expect(r.totalHits).toBe(11);
    expect(ids(r)).toEqual(FIXTURE.map((d) => d.id));
    expect(r.facets).toEqual({
      speakers: { 'Asad Qaiser': 1, 'Ataullah Tarar': 2, 'Khawaja Asif': 3, 'Mohsin Naqvi': 1 },
      month: { '2023-11': 2, '2024-03': 3, '2024-05': 2, '2025-01': 2 },
    });
    expect(r.facetStats.date).toEqual({ min: utc('2023-11-20'), max: utc('2025-01-09') });
  });

  test('facet counts are disjunctive: a facet ignores its own filter', async () => {
    const r = await search('minister', { filters: { speakers: ['Khawaja Asif'] }, facets: ['speakers', 'topics'] });
    expect(ids(r)).toEqual(['a1-0', 'a1-2']);
    expect(r.facets).toEqual({ speakers: { 'Ataullah Tarar': 2, 'Khawaja Asif': 2, 'Mohsin Naqvi': 1 }, topics: { Security: 2 } });
  });

  test('facet distributions are read-only: a write throws and the cached counts stay as they were', async () => {
    const first = await search('minister', { facets: ['speakers'] });
    const want = { 'Ataullah Tarar': 2, 'Khawaja Asif': 2, 'Mohsin Naqvi': 1 };
    expect(first.facets.speakers).toEqual(want);
    const writable = first.facets.speakers as Record<string, number>;
    expect(() => {
      writable['Khawaja Asif'] = 99;
    }).toThrow(TypeError);
    expect((await search('minister', { facets: ['speakers'] })).facets.speakers).toEqual(want);
  });

  test('OR within an attribute, AND across attributes', async () => {
    const r = await search('', { filters: { speakers: ['Khawaja Asif', 'Ataullah Tarar'], topics: ['Diplomacy'] } });
    expect(ids(r)).toEqual(['a1-1', 'b2-1']);
  });

  test('date bounds are inclusive and exclude passages without a date', async () => {
    const r = await search('', { filters: { dateFrom: utc('2024-03-18'), dateTo: utc('2024-05-02') } });
    expect(ids(r)).toEqual(['a1-2', 'b2-0']);
    expect(ids(await search('condemned', { filters: { dateFrom: 0 } }))).toEqual([]);
  });

  test('date sort is strict, passages without a date last, relevance breaks ties', async () => {
    expect(ids(await search('border', { sort: 'date:desc' }))).toEqual(['e5-0', 'e5-1', 'a1-2', 'a1-1']);
    expect(ids(await search('attack', { sort: 'date:asc' }))).toEqual(['d4-0', 'd4-1']);
    expect(ids(await search('the', { sort: 'date:asc' })).slice(0, 3)).toEqual(['c3-0', 'c3-1', 'a1-1']);
  });

  test('group by article: its best passage, totals in articles, facet counts in passages', async () => {
    const r = await search('', { groupByArticle: true, sort: 'date:asc', facets: ['speakers'] });
    expect(ids(r)).toEqual(['c3-0', 'a1-0', 'b2-0', 'e5-0', 'd4-0']);
    expect(r.totalHits).toBe(5);
    expect(r.facets.speakers?.['Khawaja Asif']).toBe(3);
    expect(ids(await search('minister', { groupByArticle: true }))).toEqual(['a1-0', 'b2-0', 'd4-1']);
  });

  test('offset and limit paginate the ranked hits', async () => {
    expect(ids(await search('minister', { offset: 2, limit: 3 }))).toEqual(['b2-0', 'd4-1', 'b2-1']);
    expect(ids(await search('minister', { offset: 6, limit: 3 }))).toEqual([]);
    expect((await search('minister', { offset: 6, limit: 3 })).totalHits).toBe(6);
  });

  test('an aborted request throws EngineAbortedError', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(search('minister', { signal: ac.signal })).rejects.toMatchObject({ code: 'aborted' });
  });
});

describe('facet values, completions, articles, stats', () => {
  test('facet value search matches any word of a value by prefix', async () => {
    const fv = (facetQuery: string, q = '', filters = {}) =>
      index.engine.searchFacetValues({ facet: 'speakers', facetQuery, q, filters, limit: 10 });
    expect(await fv('as')).toEqual([
      { value: 'Khawaja Asif', count: 3 },
      { value: 'Asad Qaiser', count: 1 },
    ]);
    expect(await fv('TAR')).toEqual([{ value: 'Ataullah Tarar', count: 2 }]);
    expect(await fv('', 'minister', { speakers: ['Mohsin Naqvi'], topics: ['Economy'] })).toEqual([{ value: 'Ataullah Tarar', count: 2 }]);
  });

  test('completions: whole words from text, most passages first, then alphabetical', async () => {
    expect(await index.engine.completeWord('min', 5)).toEqual([
      { word: 'minister', count: 4 },
      { word: 'ministers', count: 1 },
      { word: 'ministry', count: 1 },
    ]);
    expect(await index.engine.completeWord('Zü', 5)).toEqual([{ word: 'zurich', count: 1 }]);
    expect(await index.engine.completeWord('t', 2)).toEqual([
      { word: 'the', count: 10 },
      { word: 'tarar', count: 2 },
    ]);
  });

  test('article passages by position, stats, readiness', async () => {
    expect((await index.engine.getArticlePassages('b2')).map((d) => d.id)).toEqual(['b2-0', 'b2-1']);
    expect(await index.engine.getArticlePassages('nope')).toEqual([]);
    const stats = await index.engine.stats();
    expect({ passages: stats.passages, articles: stats.articles }).toEqual({ passages: 11, articles: 5 });
    expect(stats.sizeBytes).toBeGreaterThan(0);
    expect(await index.engine.ready()).toEqual({ ready: true });
  });
});

test('past maxProximityScans, the rest of a bucket ranks as if its words were far apart', async () => {
  const capped = await indexDocs(FIXTURE, { maxProximityScans: 1 });
  try {
    // Exact order is a1-1, a1-2, e5-1, e5-0 (e5-0 has the words reversed). With one scan, only
    // a1-1 gets its proximity; the others follow in id order.
    expect(ids(await capped.engine.search(req('the border')))).toEqual(['a1-1', 'a1-2', 'e5-0', 'e5-1']);
    expect((await capped.engine.search(req('the border'))).totalHits).toBe(4);
  } finally {
    await capped.cleanup();
  }
});

describe('terms stored as bitmaps (bitmapTermShare)', () => {
  /** Names of the generation's termsets sections: one per term stored as bitmaps. */
  function bitmapTerms(dataDir: string): string[] {
    const dir = path.join(dataDir, 'passages');
    const gen = readdirSync(dir).find((f) => f.endsWith('.sqlite'))!;
    const db = new Database(path.join(dir, gen), { readonly: true });
    try {
      const sections = JSON.parse((db.prepare("SELECT value FROM meta WHERE key = 'sections'").pluck().get() as string) ?? '{}') as Record<string, unknown>;
      return Object.keys(sections).filter((k) => k.startsWith('termsets:'));
    } finally {
      db.close();
    }
  }

  test('is validated at construction', () => {
    for (const bad of [0, -0.5, 1.5, Number.NaN]) {
      expect(() => createEmbeddedEngine({ dataDir: '/tmp/never-opened', bitmapTermShare: bad })).toThrow(
        `EmbeddedEngine: option "bitmapTermShare" must be a number in (0, 1], got ${JSON.stringify(bad)}`,
      );
    }
  });

  test('docsMmapBytes (documents through a memory map) is validated too', () => {
    expect(() => createEmbeddedEngine({ dataDir: '/tmp/never-opened', docsMmapBytes: -1 })).toThrow('EmbeddedEngine: option "docsMmapBytes" must be an integer >= 0, got -1');
  });

  test('terms in at least that share of passages are stored as bitmaps, and every answer is the same', async () => {
    // 11 passages: 1/64 stores every term as bitmaps, 0.25 the terms in 3+ passages, 1 none
    // (no term is in all 11).
    const variants = await Promise.all([1 / 64, 0.25, 1].map((share) => indexDocs(FIXTURE, { bitmapTermShare: share })));
    try {
      const [all, some, none] = variants.map((v) => bitmapTerms(v.dataDir).length);
      expect(none).toBe(0);
      expect(some).toBeGreaterThan(0);
      expect(all).toBeGreaterThan(some);
      const queries = ['minister', 'minister ', 'ministr', 'brder ', 'the border', 'interior', 't', 'b', 'asif terrorism', 'sanctuaries', 'the'];
      for (const q of queries) {
        const answers = await Promise.all(variants.map((v) => v.engine.search(req(q, { facets: ['speakers', 'topics', 'places', 'organisations', 'month'] }))));
        const shape = (r: (typeof answers)[number]) => ({ q, ids: ids(r), totalHits: r.totalHits, facets: r.facets, matches: r.hits.map((h) => h.matches) });
        expect(shape(answers[0])).toEqual(shape(answers[2]));
        expect(shape(answers[1])).toEqual(shape(answers[2]));
      }
      // Meaningful only if the queries match something.
      expect(ids(await variants[0].engine.search(req('the border')))).toEqual(['a1-1', 'a1-2', 'e5-1', 'e5-0']);
    } finally {
      await Promise.all(variants.map((v) => v.cleanup()));
    }
  });
});

test('a page of more hits than one document statement fetches (32) comes back whole and in ranking order', async () => {
  // 70 passages mentioning "harbour" one to three times, dated a day apart: newest first is the
  // reverse of storage order, so a fetch that kept storage order would show.
  const docs = Array.from({ length: 70 }, (_, i) =>
    passage(`p${String(i).padStart(2, '0')}`, 0, `${'harbour '.repeat(1 + (i % 3))}news item ${i}`, { date: utc('2020-01-01') + i * 86_400 }),
  );
  const big = await indexDocs(docs);
  try {
    const whole = await big.engine.search(req('harbour', { limit: 70, sort: 'date:desc' }));
    expect(whole.totalHits).toBe(70);
    expect(new Set(ids(whole)).size).toBe(70);
    expect(whole.hits.every((h) => h.doc.text.startsWith('harbour') && h.matches.length === h.doc.text.split('harbour').length - 1)).toBe(true);
    const paged: string[] = [];
    for (let offset = 0; offset < 70; offset += 10) paged.push(...ids(await big.engine.search(req('harbour', { offset, limit: 10, sort: 'date:desc' }))));
    expect(ids(whole)).toEqual(paged);
    expect(ids(whole).slice(0, 3)).toEqual(['p69-0', 'p68-0', 'p67-0']);
    expect(ids(whole).slice(-1)).toEqual(['p00-0']);
  } finally {
    await big.cleanup();
  }
});

describe('word sets dropped from the cache mid-search', () => {
  // Room for about one word set: each word of a 3-word query evicts the one before it while the
  // search still uses it, and its bitmaps go back to the arena (set-arena.ts) only after the read.
  const QUERIES = ['minister border trade', 'ministr brder tarde ', 'border minister asif', 'mini bord tra', 'trade border ministers ', 'asif trade border minister'];

  test('answers as with a cache that keeps every set', async () => {
    const tiny = await indexDocs(FIXTURE, { wordSetCacheBytes: 300 });
    try {
      for (const q of [...QUERIES, ...QUERIES]) {
        const got = await tiny.engine.search(req(q, { facets: ['speakers', 'topics'] }));
        const want = await search(q, { facets: ['speakers', 'topics'] });
        expect({ q, ids: ids(got), totalHits: got.totalHits, facets: got.facets }).toEqual({ q, ids: ids(want), totalHits: want.totalHits, facets: want.facets });
      }
      expect(ids(await tiny.engine.search(req('ministr brder ')))).toEqual(ids(await search('ministr brder ')));
    } finally {
      await tiny.cleanup();
    }
  });
});
