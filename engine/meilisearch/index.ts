/**
 * The Meilisearch adapter of the engine port (production engine). Translation lives in pure
 * modules (search-plan, filter, facet-values, words, response, settings); this file wires them
 * to the transport, which owns deadlines and error mapping.
 */
import type {
  Engine,
  EngineStats,
  FacetSearchRequest,
  FacetValueCount,
  IndexWriter,
  PassageDoc,
  Readiness,
  SearchRequest,
  SearchResult,
  WordCompletion,
  WriteMode,
} from '../types.js';
import { INDEX_SETTINGS } from '../types.js';
import { EngineError, EngineUnavailableError, IndexNotFoundError } from '../errors.js';
import { isForbidden } from './transport.js';
import { resolveMeilisearchOptions, type MeilisearchEngineOptions } from './options.js';
import { Transport } from './transport.js';
import { buildSearchPlan } from './search-plan.js';
import { assembleResult, toPassageDoc, type RawSearchResult } from './response.js';
import { facetValuesQuery, pickFacetValues } from './facet-values.js';
import { completionPrefix, completionQuery, toCompletions, wordIndexName } from './words.js';
import { articlePassagesQuery } from './search-plan.js';
import type { MultiSearchQuery } from 'meilisearch';
import { fetchAll } from './documents.js';
import { beginMeilisearchWrite } from './writer.js';

export { MEILISEARCH_DEFAULTS, type MeilisearchEngineOptions } from './options.js';

export function createMeilisearchEngine(options: MeilisearchEngineOptions): Engine {
  const opts = resolveMeilisearchOptions(options);
  const transport = new Transport(opts);
  const uid = opts.indexName;
  const wordsUid = wordIndexName(uid);
  let closed = false;
  const assertOpen = () => {
    if (closed) throw new EngineUnavailableError('Meilisearch engine is closed');
  };

  async function multi(op: string, queries: MultiSearchQuery[], signal?: AbortSignal): Promise<RawSearchResult[]> {
    const res = await transport.call(op, (c, s) => c.multiSearch({ queries }, { signal: s }), signal);
    return res.results as unknown as RawSearchResult[];
  }

  /**
   * Counts through search (allowed to a search-only key); the index-stats route, which needs an
   * admin key, adds size and update time when the key may read it.
   */
  async function stats(): Promise<EngineStats> {
    assertOpen();
    const [all, grouped] = await multi('count passages and articles', [
      { indexUid: uid, q: '', page: 1, hitsPerPage: 0 },
      { indexUid: uid, q: '', distinct: 'articleId', page: 1, hitsPerPage: 0 },
    ]);
    const out: EngineStats = { passages: all.totalHits ?? 0, articles: grouped.totalHits ?? 0, sizeBytes: null, updatedAt: null };
    try {
      const [s, info] = await Promise.all([
        transport.call('index stats', (c) => c.index(uid).getStats()),
        transport.call('index info', (c) => c.index(uid).getRawInfo()),
      ]);
      const raw = (s as { rawDocumentDbSize?: unknown }).rawDocumentDbSize;
      const updatedAt = Date.parse(info.updatedAt);
      out.passages = s.numberOfDocuments;
      out.sizeBytes = typeof raw === 'number' ? raw : null;
      out.updatedAt = Number.isFinite(updatedAt) ? updatedAt : null;
      // totalHits stops at maxTotalHits; past it, count the article ids themselves.
      if (out.articles >= INDEX_SETTINGS.maxTotalHits) {
        out.articles = new Set((await fetchAll(transport, uid, { fields: ['articleId'] })).map((d) => String(d.articleId))).size;
      }
    } catch (err) {
      if (!isForbidden(err)) throw err;
    }
    return out;
  }

  return {
    kind: 'meilisearch',

    async search(req: SearchRequest): Promise<SearchResult> {
      assertOpen();
      const plan = buildSearchPlan(req, uid);
      const started = performance.now();
      const results = await multi('search', plan.queries, req.signal);
      return assembleResult(plan, results, Math.round(performance.now() - started));
    },

    async searchFacetValues(req: FacetSearchRequest): Promise<FacetValueCount[]> {
      assertOpen();
      const [r] = await multi('facet value search', [facetValuesQuery(req, uid)], req.signal);
      return pickFacetValues(r.facetDistribution?.[req.facet], req.facetQuery, req.limit);
    },

    async completeWord(prefix: string, limit: number, signal?: AbortSignal): Promise<WordCompletion[]> {
      assertOpen();
      const p = completionPrefix(prefix);
      if (p === null || limit <= 0) return [];
      const [r] = await multi('word completion', [completionQuery(p, limit, wordsUid)], signal);
      return toCompletions(r.hits, p);
    },

    /** Through search, not the documents route: the API holds a search-only key. */
    async getArticlePassages(articleId: string): Promise<PassageDoc[]> {
      assertOpen();
      const [r] = await multi('article passages', [articlePassagesQuery(articleId, uid)]);
      return r.hits.map(toPassageDoc);
    },

    async beginWrite(mode: WriteMode): Promise<IndexWriter> {
      assertOpen();
      return beginMeilisearchWrite({ transport, indexName: uid, batchSize: opts.batchSize, stats }, mode);
    },

    stats,

    async ready(): Promise<Readiness> {
      if (closed) return { ready: false, reason: 'engine closed' };
      try {
        await transport.call('health', (c) => c.health());
        await multi('readiness probe', [{ indexUid: uid, q: '', page: 1, hitsPerPage: 0 }]);
        return { ready: true };
      } catch (err) {
        if (err instanceof IndexNotFoundError) return { ready: false, reason: `Meilisearch index "${uid}" does not exist yet (run the indexer)` };
        return { ready: false, reason: err instanceof EngineError ? err.message : 'Meilisearch not reachable' };
      }
    },

    async close(): Promise<void> {
      closed = true;
    },
  };
}
