/**
 * The two API keys the deployment uses, derived from the master key by Meilisearch itself:
 * the API gets a search-only key, the indexer a key limited to what a run needs. Fixed uids make
 * creation idempotent (the same uid always yields the same key under the same master key).
 */
import type { KeyCreation } from 'meilisearch';

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
