/**
 * The embedded engine with its reads on worker threads answers exactly like the in-thread one
 * (results and errors), sees generations committed by any writer, and leaves no thread behind
 * on close. Abort, timeout and crash are in threaded-stop.test.ts.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEmbeddedEngine, EMBEDDED_DEFAULTS } from '../../engine/embedded/index.js';
import { ThreadedEmbeddedEngine } from '../../engine/embedded/threads/pool.js';
import { EngineUnavailableError, IndexNotFoundError, InvalidEngineRequestError } from '../../engine/errors.js';
import { FACET_NAMES, type Engine, type SearchRequest, type SearchResult } from '../../engine/types.js';
import { FIXTURE, ids, indexDocs, openTempEngine, passage, req, utc, type TempIndex } from '../engine/fixture.js';

const threaded = (dataDir: string, threads = 2): ThreadedEmbeddedEngine => createEmbeddedEngine({ dataDir, threads }) as ThreadedEmbeddedEngine;
/** processingTimeMs is the only field allowed to differ between two runs of one query. */
const timeless = (r: SearchResult) => ({ ...r, processingTimeMs: 0 });

async function errorOf(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e as Error & { code?: string; param?: string },
  );
  if (!err) throw new Error('expected a rejection');
  return { class: err.constructor, name: err.name, code: err.code, message: err.message, param: err.param };
}

describe('options', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nf-threads-opts-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('threads and queryTimeoutMs are validated at construction; both default to 0 (in-thread, no limit)', () => {
    expect([EMBEDDED_DEFAULTS.threads, EMBEDDED_DEFAULTS.queryTimeoutMs]).toEqual([0, 0]);
    expect(() => createEmbeddedEngine({ dataDir, threads: -1 })).toThrow('EmbeddedEngine: option "threads" must be an integer in 0..16, got -1');
    expect(() => createEmbeddedEngine({ dataDir, threads: 17 })).toThrow('EmbeddedEngine: option "threads" must be an integer in 0..16, got 17');
    expect(() => createEmbeddedEngine({ dataDir, threads: 1.5 })).toThrow('EmbeddedEngine: option "threads" must be an integer in 0..16, got 1.5');
    expect(() => createEmbeddedEngine({ dataDir, queryTimeoutMs: -5 })).toThrow('EmbeddedEngine: option "queryTimeoutMs" must be an integer >= 0, got -5');
  });

  it('threads: 0 is the in-thread engine, threads > 0 the pool with that many workers', async () => {
    const inThread = createEmbeddedEngine({ dataDir });
    const pool = threaded(dataDir, 3);
    expect(inThread).not.toBeInstanceOf(ThreadedEmbeddedEngine);
    expect(pool).toBeInstanceOf(ThreadedEmbeddedEngine);
    expect(pool.workers()).toHaveLength(3);
    await Promise.all([inThread.close(), pool.close()]);
  });
});

describe('same answers as the in-thread engine', () => {
  let local: TempIndex;
  let pool: ThreadedEmbeddedEngine;
  beforeAll(async () => {
    local = await indexDocs(FIXTURE);
    pool = threaded(local.dataDir);
  });
  afterAll(async () => {
    await pool?.close();
    await local?.cleanup();
  });

  const searches: [string, SearchRequest][] = [
    ['words with a typo, all facets', req('minister bordr', { facets: [...FACET_NAMES] })],
    ['prefix, speaker filter, date sort', req('the', { filters: { speakers: ['Khawaja Asif'] }, facets: ['topics'], sort: 'date:desc' })],
    ['browse grouped by article with a date range', req('', { groupByArticle: true, facets: ['month'], filters: { dateFrom: utc('2024-01-01') } })],
    ['second page', req('the', { offset: 3, limit: 3 })],
  ];
  it.each(searches)('search: %s', async (_label, r) => {
    const expected = await local.engine.search(r);
    expect(expected.totalHits).toBeGreaterThan(0);
    expect(timeless(await pool.search(r))).toEqual(timeless(expected));
  });

  it('many reads at once: each caller gets its own answer, whichever worker served it', async () => {
    const queries = ['border', 'minister', 'inflation', 'torkham', 'assembly', 'attack', 'tarar', 'trucks'].map((q) => req(q));
    const expected = await Promise.all(queries.map((q) => local.engine.search(q)));
    const got = await Promise.all(queries.map((q) => pool.search(q)));
    expect(got.map(ids)).toEqual(expected.map(ids));
    expect(new Set(got.map((r) => r.totalHits)).size).toBeGreaterThan(1);
  });

  it('facet values, completions, article passages, stats, readiness', async () => {
    const facetReq = { facet: 'speakers' as const, facetQuery: 'a', q: '', filters: {}, limit: 10 };
    expect(await pool.searchFacetValues(facetReq)).toEqual(await local.engine.searchFacetValues(facetReq));
    expect(await pool.completeWord('bor', 5)).toEqual(await local.engine.completeWord('bor', 5));
    expect(await pool.getArticlePassages('a1')).toEqual(FIXTURE.slice(0, 3));
    expect(await pool.getArticlePassages('nope')).toEqual([]);
    expect(await pool.stats()).toEqual(await local.engine.stats());
    expect(await pool.ready()).toEqual({ ready: true });
  });

  it('errors arrive as the same EngineError subclass with the same code, message and parameter', async () => {
    const tooLong = req('x', { filters: { speakers: ['é'.repeat(300)] } });
    const badPage = req('x', { limit: -1 });
    for (const r of [tooLong, badPage]) {
      const expected = await errorOf(local.engine.search(r));
      expect(expected.class).toBe(InvalidEngineRequestError);
      expect(await errorOf(pool.search(r))).toEqual(expected);
    }
    expect((await errorOf(pool.search(tooLong))).param).toBe('speaker');
  });

  it('a request that cannot cross to a worker fails alone; the pool keeps serving', async () => {
    const bad = req('border', { filters: { speakers: [(() => 'x') as unknown as string] } });
    // As many as there are workers: none of them may be left waiting for an answer that never comes.
    for (let i = 0; i < pool.workers().length; i++) expect((await errorOf(pool.search(bad))).name).toBe('DataCloneError');
    expect(ids(await pool.search(req('torkham')))).toEqual(ids(await local.engine.search(req('torkham'))));
  });

  it('no index yet: IndexNotFoundError and not ready, with the in-thread wording', async () => {
    const empty = openTempEngine('nf-threads-empty-');
    const pool1 = threaded(empty.dataDir, 1);
    try {
      const expected = await errorOf(empty.engine.search(req('x')));
      expect(expected.class).toBe(IndexNotFoundError);
      expect(await errorOf(pool1.search(req('x')))).toEqual(expected);
      expect(await pool1.ready()).toEqual(await empty.engine.ready());
    } finally {
      await pool1.close();
      await empty.cleanup();
    }
  });
});

describe('writes and lifecycle', () => {
  let index: TempIndex;
  let pool: ThreadedEmbeddedEngine;
  beforeEach(() => {
    index = openTempEngine('nf-threads-writes-');
    pool = threaded(index.dataDir);
  });
  afterEach(async () => {
    await pool.close();
    await index.cleanup();
  });

  /** Four reads at once, so both workers serve (and keep open) the generation they see. */
  const everyWorker = (e: Engine, q: string) => Promise.all(Array.from({ length: 4 }, () => e.search(req(q)).then(ids)));

  it('writes go through the calling thread; every worker sees each committed generation', async () => {
    const w = await pool.beginWrite('replace');
    await w.putArticles(FIXTURE);
    expect((await w.commit()).passages).toBe(FIXTURE.length);
    expect(await everyWorker(pool, 'torkham')).toEqual(Array(4).fill(['e5-1', 'e5-0']));

    // Another writer (here: another in-thread engine on the same folder) commits a new generation.
    const other = await index.engine.beginWrite('incremental');
    await other.putArticles([passage('f6', 0, 'Trucks waited at Torkham for a second day.', { date: utc('2025-01-10') })]);
    await other.commit();
    const seen = ids(await index.engine.search(req('torkham')));
    expect([...seen].sort()).toEqual(['e5-0', 'e5-1', 'f6-0']);
    expect(await everyWorker(pool, 'torkham')).toEqual(Array(4).fill(seen));
    expect((await pool.stats()).passages).toBe(FIXTURE.length + 1);
  });

  it('close terminates every worker; afterwards reads fail and readiness says why, like the in-thread engine', async () => {
    const workers = pool.workers();
    expect(workers).toHaveLength(2);
    const exits = workers.map((w) => once(w, 'exit'));
    await pool.close();
    await Promise.all(exits);
    expect(pool.workers()).toEqual([]);
    await index.engine.close();
    const expected = await errorOf(index.engine.search(req('x')));
    expect(expected).toEqual({ class: EngineUnavailableError, name: 'EngineUnavailableError', code: 'engine_unavailable', message: 'the embedded engine was closed', param: undefined });
    expect(await errorOf(pool.search(req('x')))).toEqual(expected);
    expect(await errorOf(pool.beginWrite('replace'))).toEqual(expected);
    expect(await pool.ready()).toEqual(await index.engine.ready());
  });
});
