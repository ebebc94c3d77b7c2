/**
 * Picks the adapter. Adapters are imported lazily so the embedded default never loads the
 * Meilisearch client and vice versa.
 */
import type { Engine } from './types.js';

export type EngineConfig =
  | { kind: 'embedded'; dataDir: string; indexName: string; threads?: number; queryTimeoutMs?: number; residentPostings?: boolean; docsMmap?: boolean }
  | { kind: 'meilisearch'; url: string; apiKey: string | undefined; indexName: string; timeoutMs: number };

export async function createEngine(config: EngineConfig): Promise<Engine> {
  if (config.kind === 'embedded') {
    const { createEmbeddedEngine } = await import('./embedded/index.js');
    return createEmbeddedEngine({ dataDir: config.dataDir, indexName: config.indexName, threads: config.threads, queryTimeoutMs: config.queryTimeoutMs, residentPostings: config.residentPostings, docsMmapBytes: config.docsMmap === false ? 0 : undefined });
  }
  const { createMeilisearchEngine } = await import('./meilisearch/index.js');
  return createMeilisearchEngine({ url: config.url, apiKey: config.apiKey, indexName: config.indexName, timeoutMs: config.timeoutMs });
}
