/**
 * Key bootstrap (against the recording stand-in) and, when MEILI_URL is set, the adapter against
 * a real Meilisearch: settings as stored, key permissions, failed tasks. Search answers are the
 * contract suite's (tests/contract), which runs its Meilisearch half under the same variable.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Meilisearch } from 'meilisearch';
import { bootstrapKeys, INDEXER_KEY_UID, SEARCH_KEY_UID, searchKeySpec } from '../../engine/meilisearch/keys.js';
import { createMeilisearchEngine } from '../../engine/meilisearch/index.js';
import { Transport } from '../../engine/meilisearch/transport.js';
import { passageIndexSettings } from '../../engine/meilisearch/settings.js';
import { EngineUnavailableError, EngineWriteError } from '../../engine/errors.js';
import { CONTRACT_PASSAGES } from '../fixtures/contract-passages.js';
import { FakeMeili } from './fake-meili.js';

describe('key bootstrap', () => {
  let fake: FakeMeili;
  let dir: string;
  beforeEach(async () => {
    fake = await new FakeMeili().start();
    dir = mkdtempSync(path.join(tmpdir(), 'nf-keys-'));
  });
  afterEach(async () => {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates missing keys with fixed uids, reuses existing ones, writes values to private files, logs no value', async () => {
    const existing = new Map<string, string>([[INDEXER_KEY_UID, 'indexer-value-1']]);
    fake.handler = (r) => {
      const m = /^\/keys\/(.+)$/.exec(r.path);
      if (m && r.method === 'GET') {
        const key = existing.get(m[1]);
        return key ? { status: 200, body: { uid: m[1], key } } : { status: 404, body: { code: 'api_key_not_found', message: 'no', type: 'invalid_request', link: '' } };
      }
      if (r.path === '/keys' && r.method === 'POST') return { status: 201, body: { ...(r.body as object), key: 'search-value-2' } };
      return undefined;
    };
    const lines: string[] = [];
    await bootstrapKeys({ url: fake.url, masterKey: 'master-secret', indexName: 'passages', dir, log: (l) => lines.push(l) });
    expect(fake.calls()).toEqual([`GET /keys/${SEARCH_KEY_UID}`, 'POST /keys', `GET /keys/${INDEXER_KEY_UID}`]);
    expect(JSON.parse(JSON.stringify(fake.requests[1].body))).toEqual(JSON.parse(JSON.stringify(searchKeySpec('passages'))));
    expect(fake.requests.every((r) => r.authorization === 'Bearer master-secret')).toBe(true);
    expect(readFileSync(path.join(dir, 'search'), 'utf8')).toBe('search-value-2');
    expect(readFileSync(path.join(dir, 'indexer'), 'utf8')).toBe('indexer-value-1');
    expect(statSync(path.join(dir, 'search')).mode & 0o777).toBe(0o600);
    expect(lines.join('\n')).not.toMatch(/value-|master-secret/);
  });
});

const url = process.env.MEILI_URL;
const master = process.env.MEILI_MASTER_KEY ?? process.env.MEILI_ADMIN_KEY;
if (!url) console.log('meilisearch live: SKIPPED (settings, key permissions, failed tasks on a real server): MEILI_URL is not set');
const live = url ? describe : describe.skip;

live('against a real Meilisearch', () => {
  const indexName = `live_${process.pid}_${Date.now()}`;
  const client = new Meilisearch({ host: url ?? 'http://unset', apiKey: master });
  const engine = createMeilisearchEngine({ url: url ?? 'http://unset', apiKey: master, indexName, timeoutMs: 15_000 });
  afterAll(async () => {
    for (const uid of [indexName, `${indexName}_words`, `${indexName}__next`, `${indexName}_words__next`]) {
      await client.deleteIndex(uid).waitTask({ timeout: 60_000 }).catch(() => undefined);
    }
  }, 120_000);

  it('a replace build stores exactly our settings and swaps in', async () => {
    const w = await engine.beginWrite('replace');
    await w.putArticles(CONTRACT_PASSAGES);
    expect(await w.commit()).toMatchObject({ passages: 13, articles: 6 });
    const stored = await client.index(indexName).getSettings();
    const want = passageIndexSettings();
    for (const k of ['searchableAttributes', 'sortableAttributes', 'rankingRules', 'faceting', 'pagination', 'typoTolerance', 'filterableAttributes'] as const) {
      expect(stored[k]).toEqual(want[k]);
    }
    const indexes = (await client.getRawIndexes({ limit: 1000 })).results.map((i) => i.uid);
    expect(indexes).toEqual(expect.arrayContaining([indexName, `${indexName}_words`]));
    expect(indexes).not.toContain(`${indexName}__next`);
  }, 120_000);

  it('a search-only key can search and count but not write', async () => {
    const key = await client.createKey({ actions: ['search'], indexes: [indexName, `${indexName}_words`], expiresAt: null });
    try {
      const api = createMeilisearchEngine({ url: url as string, apiKey: key.key, indexName, timeoutMs: 15_000 });
      expect((await api.search({ q: 'asif', filters: {}, facets: [], sort: 'relevance', offset: 0, limit: 1, groupByArticle: true })).totalHits).toBe(2);
      expect(await api.stats()).toMatchObject({ passages: 13, articles: 6, sizeBytes: null });
      expect(await api.getArticlePassages('d3')).toHaveLength(2);
      const err = await api.beginWrite('incremental').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EngineUnavailableError);
      expect((err as Error).message).toMatch(/HTTP 403/);
      expect((err as Error).message).not.toContain(key.key);
    } finally {
      await client.deleteKey(key.uid);
    }
  }, 60_000);

  it('a failed task is an EngineWriteError with the task uid and Meilisearch error code', async () => {
    const t = new Transport({ url: url as string, apiKey: master, timeoutMs: 15_000, taskTimeoutMs: 60_000, taskPollIntervalMs: 50 });
    const err = await t.task('probe', (c) => c.index(indexName).addDocuments([{ id: 'not a valid id!' }])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineWriteError);
    expect((err as Error).message).toMatch(/^Meilisearch task \d+ \(probe, documentAdditionOrUpdate\) failed: invalid_document_id$/);
  }, 60_000);
});
