/**
 * One-shot key bootstrap for docker compose: with the master key, ensure the search key and the
 * indexer key exist and write their values to files (default /keys/search, /keys/indexer) that
 * the api and indexer services read. Prints only key names and uids, never a key value.
 *
 * Environment: MEILI_URL, MEILI_MASTER_KEY, MEILI_INDEX (default passages), KEYS_DIR (default /keys).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Meilisearch, MeilisearchApiError, MeilisearchError, type KeyCreation } from 'meilisearch';
import { indexerKeySpec, searchKeySpec } from './keys.js';

async function ensureKey(client: Meilisearch, spec: KeyCreation): Promise<string> {
  try {
    return (await client.getKey(spec.uid as string)).key;
  } catch (err) {
    if (!(err instanceof MeilisearchApiError) || err.cause?.code !== 'api_key_not_found') throw err;
  }
  return (await client.createKey(spec)).key;
}

async function main(): Promise<void> {
  const url = process.env.MEILI_URL;
  const masterKey = process.env.MEILI_MASTER_KEY;
  if (!url || !masterKey) throw new Error('keys: MEILI_URL and MEILI_MASTER_KEY are required');
  const indexName = process.env.MEILI_INDEX || 'passages';
  const dir = process.env.KEYS_DIR || '/keys';
  const client = new Meilisearch({ host: url, apiKey: masterKey, timeout: 10_000 });
  mkdirSync(dir, { recursive: true });
  for (const [file, spec] of [['search', searchKeySpec(indexName)], ['indexer', indexerKeySpec(indexName)]] as const) {
    const key = await ensureKey(client, spec);
    writeFileSync(path.join(dir, file), key, { mode: 0o600 });
    process.stderr.write(`keys: ${spec.name} (uid ${spec.uid}) → ${path.join(dir, file)}\n`);
  }
  process.stdout.write(`${JSON.stringify({ keys: ['search', 'indexer'], dir })}\n`);
}

main().catch((err: unknown) => {
  // Meilisearch errors: name and code only (their messages and request errors can carry the URL).
  const what =
    err instanceof MeilisearchApiError ? `${err.name} ${err.cause?.code ?? ''}` : err instanceof MeilisearchError ? err.name : String(err);
  process.stderr.write(`keys: failed: ${what}\n`);
  process.exit(1);
});
