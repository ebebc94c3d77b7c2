/**
 * The two API keys the deployment uses, derived from the master key by Meilisearch itself:
 * the API gets a search-only key, the indexer a key limited to what a run needs. Fixed uids make
 * creation idempotent (the same uid always yields the same key under the same master key).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Meilisearch, MeilisearchApiError, type KeyCreation } from 'meilisearch';

export const SEARCH_KEY_UID = '0f2b6c0e-5a4d-4f7e-9d1c-3b8a2e6f4c11';
export const INDEXER_KEY_UID = '7c9e1a3b-2d4f-4b6a-8e0c-5f1d3a7b9c22';

/** Indexes a deployment touches: the passages, the word side index and their build twins. */
export function indexPattern(indexName: string): string {
  return `${indexName}*`;
}

export function searchKeySpec(indexName: string): KeyCreation {
  return {
    uid: SEARCH_KEY_UID,
    name: 'newsfacets API (search only)',
    description: 'Used by the HTTP API; can only search.',
    actions: ['search'],
    indexes: [indexName, `${indexName}_words`],
    expiresAt: null,
  };
}

export function indexerKeySpec(indexName: string): KeyCreation {
  return {
    uid: INDEXER_KEY_UID,
    name: 'newsfacets indexer',
    description: 'Used by the indexer: documents, settings, index create/delete/swap, tasks.',
    actions: ['search', 'documents.*', 'indexes.*', 'settings.*', 'tasks.get', 'stats.get'],
    indexes: [indexPattern(indexName)],
    expiresAt: null,
  };
}

async function ensureKey(client: Meilisearch, spec: KeyCreation): Promise<string> {
  try {
    return (await client.getKey(spec.uid as string)).key;
  } catch (err) {
    if (!(err instanceof MeilisearchApiError) || err.cause?.code !== 'api_key_not_found') throw err;
  }
  return (await client.createKey(spec)).key;
}

export interface KeyBootstrap {
  url: string;
  masterKey: string;
  indexName: string;
  /** Key values are written to `${dir}/search` and `${dir}/indexer` (mode 600). */
  dir: string;
  log?: (line: string) => void;
}

/** Ensures both keys exist and writes their values to files; logs names and uids, never values. */
export async function bootstrapKeys(o: KeyBootstrap): Promise<void> {
  const client = new Meilisearch({ host: o.url, apiKey: o.masterKey, timeout: 10_000 });
  mkdirSync(o.dir, { recursive: true });
  for (const [file, spec] of [['search', searchKeySpec(o.indexName)], ['indexer', indexerKeySpec(o.indexName)]] as const) {
    const key = await ensureKey(client, spec);
    writeFileSync(path.join(o.dir, file), key, { mode: 0o600 });
    o.log?.(`keys: ${spec.name} (uid ${spec.uid}) → ${path.join(o.dir, file)}`);
  }
}
