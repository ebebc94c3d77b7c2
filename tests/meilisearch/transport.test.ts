import { createMeilisearchEngine, MEILISEARCH_DEFAULTS } from '../../engine/meilisearch/index.js';
import { buildSearchPlan, HIGHLIGHT_POST, HIGHLIGHT_PRE } from '../../engine/meilisearch/search-plan.js';
import {
  EngineAbortedError,
  EngineTimeoutError,
  EngineUnavailableError,
  IndexNotFoundError,
  InvalidEngineRequestError,
} from '../../engine/errors.js';
import type { SearchRequest } from '../../engine/types.js';
import { FakeMeili } from './fake-meili.js';
import { inspect } from 'node:util';

const KEY = 'search-key-7a3c-must-not-leak';
let fake: FakeMeili;
beforeEach(async () => {
  fake = await new FakeMeili().start();
});
afterEach(async () => {
  await fake.stop();
});
const engine = (timeoutMs = 1000) => createMeilisearchEngine({ url: fake.url, apiKey: KEY, indexName: 'passages', timeoutMs });
const req: SearchRequest = { q: 'Afgh', filters: { speakers: ['Khawaja Asif'] }, facets: ['speakers', 'topics'], sort: 'date:desc', offset: 0, limit: 5, groupByArticle: false };

/** Everything an operator could see of an error: message, stack, cause, own properties. */
const everything = (e: unknown) => `${inspect(e, { depth: 8, showHidden: true })} ${JSON.stringify(e)}`;

describe('options', () => {
  it('validates at construction with the option named, never echoing the key', () => {
    const ok = { url: 'http://m:7700', apiKey: KEY, indexName: 'passages', timeoutMs: 1000 };
    expect(() => createMeilisearchEngine({ ...ok, timeoutMs: -1 })).toThrow('MeilisearchEngine: option "timeoutMs" must be an integer in 1..600000, got -1');
    expect(() => createMeilisearchEngine({ ...ok, batchSize: 0 })).toThrow(/option "batchSize"/);
    expect(() => createMeilisearchEngine({ ...ok, indexName: 'bad name' })).toThrow(/option "indexName"/);
    expect(() => createMeilisearchEngine({ ...ok, url: 'ftp://m' })).toThrow(/option "url"/);
    expect(() => createMeilisearchEngine({ ...ok, url: `http://u:${KEY}@m:7700` })).toThrow(/must not carry credentials/);
    try {
      createMeilisearchEngine({ ...ok, url: `http://u:${KEY}@m:7700` });
    } catch (e) {
      expect(everything(e)).not.toContain(KEY);
    }
    expect(MEILISEARCH_DEFAULTS.taskTimeoutMs).toBeGreaterThan(5_000);
  });

  it('an engine object does not reveal its key when logged', () => {
    expect(everything(engine())).not.toContain(KEY);
  });
});

describe('search through the real client', () => {
  it('sends the plan as one multi-search with the key, and maps the answer back', async () => {
    const text = 'Asif said sanctuaries in Afghanistan must close.';
    fake.handler = (r) =>
      r.path === '/multi-search'
        ? {
            status: 200,
            body: {
              results: [
                {
                  indexUid: 'passages',
                  hits: [{ id: 'a-0', articleId: 'a', text, date: 1711497600, _formatted: { text: text.replace('Afgh', `${HIGHLIGHT_PRE}Afgh${HIGHLIGHT_POST}`) } }],
                  totalHits: 1,
                  facetDistribution: { topics: { Terrorism: 1 }, date: { '1711497600': 1 } },
                  facetStats: { date: { min: 1711497600, max: 1711497600 } },
                },
                { indexUid: 'passages', hits: [], totalHits: 4, facetDistribution: { speakers: { 'Khawaja Asif': 1, 'Ishaq Dar': 3 } } },
              ],
            },
          }
        : undefined;
    const result = await engine().search(req);
    const sent = fake.requests.find((r) => r.path === '/multi-search');
    expect(sent?.body).toEqual({ queries: buildSearchPlan(req, 'passages').queries });
    expect(sent?.authorization).toBe(`Bearer ${KEY}`);
    expect(result.hits.map((h) => [h.doc.id, h.matches])).toEqual([['a-0', [[25, 36]]]]);
    expect(result.totalHits).toBe(1);
    expect(result.facets).toEqual({ topics: { Terrorism: 1 }, speakers: { 'Khawaja Asif': 1, 'Ishaq Dar': 3 } });
    expect(result.facetStats.date).toEqual({ min: 1711497600, max: 1711497600 });
  });

  it('an invalid filter value fails before any request', async () => {
    await expect(engine().search({ ...req, filters: { places: ['x'.repeat(469)] } })).rejects.toThrow(InvalidEngineRequestError);
    expect(fake.requests).toEqual([]);
  });
});

describe('failures map to engine errors without Meilisearch text, URLs or keys', () => {
  it('unreachable → EngineUnavailableError', async () => {
    const url = fake.url;
    await fake.stop();
    const e = createMeilisearchEngine({ url, apiKey: KEY, indexName: 'passages', timeoutMs: 1000 });
    const err = await e.search(req).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(EngineUnavailableError);
    expect((err as Error).message).toBe('Meilisearch unreachable during search');
    expect(everything(err)).not.toContain(KEY);
    expect(everything(err)).not.toContain(url);
    expect(await e.ready()).toEqual({ ready: false, reason: 'Meilisearch unreachable during health' });
    fake = await new FakeMeili().start(); // afterEach stops it again
  });

  it('a hung server → EngineTimeoutError after timeoutMs', async () => {
    fake.handler = (r) => (r.path === '/multi-search' ? 'hang' : undefined);
    const t0 = Date.now();
    const err = await engine(150).search(req).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(EngineTimeoutError);
    expect((err as Error).message).toBe('Meilisearch search timed out after 150 ms');
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it('the caller aborting → EngineAbortedError', async () => {
    fake.handler = (r) => (r.path === '/multi-search' ? 'hang' : undefined);
    const ac = new AbortController();
    const pending = engine(5000).search({ ...req, signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    await expect(pending).rejects.toBeInstanceOf(EngineAbortedError);
  });

  it('401 → EngineUnavailableError naming status and code only', async () => {
    fake.handler = () => ({ status: 401, body: { message: `The provided API key is invalid: ${KEY}`, code: 'invalid_api_key', type: 'auth', link: '' } });
    const err = await engine().search(req).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(EngineUnavailableError);
    expect((err as Error).message).toBe('Meilisearch search refused: HTTP 401 invalid_api_key (check the API key setting)');
    expect(everything(err)).not.toContain(KEY);
    expect(everything(err)).not.toContain('provided API key');
  });

  it('500 → EngineUnavailableError; index_not_found → IndexNotFoundError and ready() says so', async () => {
    fake.handler = () => ({ status: 500, body: { message: 'internal: disk full at /meili_data', code: 'internal', type: 'internal', link: '' } });
    const err = await engine().search(req).catch((x: unknown) => x);
    expect((err as Error).message).toBe('Meilisearch search failed: HTTP 500 internal');
    expect(everything(err)).not.toContain('disk full');

    fake.handler = (r) =>
      r.path === '/multi-search' ? { status: 400, body: { message: 'Index `passages` not found.', code: 'index_not_found', type: 'invalid_request', link: '' } } : undefined;
    await expect(engine().search(req)).rejects.toBeInstanceOf(IndexNotFoundError);
    expect(await engine().ready()).toEqual({ ready: false, reason: 'Meilisearch index "passages" does not exist yet (run the indexer)' });
  });

  it('stats with a search-only key: counts through search, no size or update time', async () => {
    fake.handler = (r) =>
      r.path === '/indexes/passages/stats' || r.path === '/indexes/passages'
        ? { status: 403, body: { message: 'forbidden', code: 'invalid_api_key', type: 'auth', link: '' } }
        : r.path === '/multi-search'
          ? { status: 200, body: { results: [{ hits: [], totalHits: 12 }, { hits: [], totalHits: 5 }] } }
          : undefined;
    expect(await engine().stats()).toEqual({ passages: 12, articles: 5, sizeBytes: null, updatedAt: null });
  });
});
