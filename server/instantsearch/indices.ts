/**
 * Sorting the Algolia way: one index name per order (the "replicas" a sortBy widget lists).
 * All names read the same engine index; only the sort differs.
 */
import type { SortOrder } from '../../engine/types.js';
import { HttpProblem } from '../problem.js';

export const DEFAULT_INDEX_NAME = 'passages';

export const REPLICA_SUFFIXES: Record<string, SortOrder> = {
  '': 'relevance',
  _date_desc: 'date:desc',
  _date_asc: 'date:asc',
};

export function replicaNames(base: string): string[] {
  return Object.keys(REPLICA_SUFFIXES).map((s) => base + s);
}

export function sortOfIndex(base: string, indexName: string, param: string): SortOrder {
  for (const [suffix, sort] of Object.entries(REPLICA_SUFFIXES)) {
    if (indexName === base + suffix) return sort;
  }
  throw new HttpProblem(400, 'unknown_index', 'Unknown index', {
    detail: `No index "${indexName.slice(0, 64)}". Indices: ${replicaNames(base).join(', ')}.`,
    param,
  });
}
