/**
 * The engines the contract suite runs against: the embedded one always, in-thread and with its
 * reads on two worker threads; Meilisearch when MEILI_URL is set (a throwaway index per run,
 * deleted afterwards).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Meilisearch } from 'meilisearch';
import { createEmbeddedEngine } from '../../engine/embedded/index.js';
import { createMeilisearchEngine } from '../../engine/meilisearch/index.js';
import type { Engine } from '../../engine/types.js';

export interface EngineUnderTest {
  name: 'embedded' | 'embedded-threads' | 'meilisearch';
  create(): Engine;
  cleanup(): Promise<void>;
}

function embedded(threads = 0): EngineUnderTest {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nf-contract-'));
  return {
    name: threads === 0 ? 'embedded' : 'embedded-threads',
    create: () => createEmbeddedEngine({ dataDir, indexName: 'contract', threads }),
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

function meilisearch(url: string, apiKey: string | undefined): EngineUnderTest {
  const indexName = `contract_${process.pid}_${Date.now()}`;
  return {
    name: 'meilisearch',
    create: () => createMeilisearchEngine({ url, apiKey, indexName, timeoutMs: 15_000 }),
    async cleanup() {
      const client = new Meilisearch({ host: url, apiKey });
      for (const uid of [indexName, `${indexName}_words`, `${indexName}__next`, `${indexName}_words__next`]) {
        await client.deleteIndex(uid).waitTask({ timeout: 60_000 }).catch(() => undefined);
      }
    },
  };
}

export function enginesUnderTest(suite: string): EngineUnderTest[] {
  const url = process.env.MEILI_URL;
  if (!url) {
    console.log(`${suite}: Meilisearch half SKIPPED: MEILI_URL is not set (set MEILI_URL and MEILI_MASTER_KEY or MEILI_ADMIN_KEY to run it against a server)`);
    return [embedded(), embedded(2)];
  }
  const key = process.env.MEILI_MASTER_KEY ?? process.env.MEILI_ADMIN_KEY ?? process.env.MEILI_API_KEY;
  return [embedded(), embedded(2), meilisearch(url, key)];
}
